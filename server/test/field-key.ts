/**
 * The field encryption key (ADR 34) of every test process and app, so that apps and databases
 * opened in one test agree; the key file an unconfigured start makes is tested on its own.
 */
export const TEST_FIELD_KEY = 'dGVzdC1vbmx5LWZpZWxkLWtleS1vZi0zMi1ieXRlcyE=';
