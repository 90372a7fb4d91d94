// The Integrations page: the REST API's documentation, and the FHIR R4 API with what it serves.
export const integrationPages = {
  integrations: {
    title: 'Integrations',
    description: 'How other systems connect to Hospitium: its REST API and its FHIR R4 API.',
    opensInNewTab: '(opens in a new tab)',
    copy: 'Copy',
    copied: 'Copied',
    copyLabel: 'Copy {{what}}',
    rest: {
      title: 'REST API',
      body: 'Everything the app does goes through this API. Its reference lists every operation with its fields and answers, and lets you try them out.',
      docs: 'Interactive API docs',
      openapi: 'OpenAPI document (JSON)',
    },
    fhir: {
      title: 'FHIR R4 API',
      body: 'Read and search clinical records in the HL7 FHIR R4 format, for health information exchanges, registries and analytics tools.',
      baseUrl: 'Base URL',
      version: 'FHIR version',
      metadata: 'Capability statement',
      authTitle: 'Signing in',
      authBody:
        'Get an access token with a Hospitium account’s email and password at <code>POST /api/auth/token</code> and send it with every request as <code>Authorization: Bearer …</code>; when it expires, get another at <code>POST /api/auth/token/refresh</code>. Someone who works at several hospitals names the one they act in with the <code>X-Hospital-Id</code> header. A caller sees only what their roles let them see in the app.',
      example: 'Example: get a token, then search patients by name',
      exampleName: 'Patel',
      passwordPlaceholder: 'YOUR-PASSWORD',
      exampleNote: 'Put your password in place of {{password}}. The example reads the token with jq.',
      hospitalNote:
        'Its <code>X-Hospital-Id</code> is that of {{hospital}}, the hospital you are working in.',
      noHospitalNote:
        'An account that works at several hospitals adds <code>X-Hospital-Id</code> with the id of the one it acts in.',
      typesTitle: 'Resource types',
      typesCaption: 'FHIR resource types served',
      type: 'Resource type',
      what: 'What it is',
      searchParams: 'Search parameters',
      noSearch: 'Read by id only',
      interactions: { read: 'Read', 'search-type': 'Search' },
      empty: 'The server lists no FHIR resource types yet.',
    },
  },
};
