// CI runs the suite twice: on an embedded PostgreSQL server the suite starts, then on the machine's
// PostgreSQL (TEST_DATABASE_URL). A test of the embedded server itself (a DATA_DIR whose cluster the
// app or the CLI starts) reads neither, so the second pass would run it again unchanged. Such tests
// are defined in the first pass only; a file made only of them is named *.embedded.test.ts and
// vitest.config.ts leaves it out of the second pass.

/** False in the pass on the machine's PostgreSQL. */
export const embeddedPass = !process.env.TEST_DATABASE_URL;
