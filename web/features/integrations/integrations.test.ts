import { describe, expect, it } from 'vitest';
import {
  curlExample,
  fhirBaseUrl,
  resourceTypes,
  serverRoot,
  shellQuote,
  type CapabilityStatement,
} from './integrations';

const HOSPITAL = '0190a0e0-0000-7000-8000-000000000001';

describe('resourceTypes', () => {
  it("lists the statement's types in its order with their interactions and search parameters", () => {
    const statement: CapabilityStatement = {
      fhirVersion: '4.0.1',
      rest: [
        {
          resource: [
            {
              type: 'Patient',
              documentation: 'Patients registered at the hospital.',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [
                { name: '_id', type: 'token', documentation: 'The logical id.' },
                { name: 'name', type: 'string', documentation: 'Any part of the name.' },
              ],
            },
            { type: 'Encounter', interaction: [{ code: 'read' }] },
          ],
        },
      ],
    };
    expect(resourceTypes(statement)).toEqual([
      {
        type: 'Patient',
        documentation: 'Patients registered at the hospital.',
        interactions: ['read', 'search-type'],
        searchParams: [
          { name: '_id', type: 'token', documentation: 'The logical id.' },
          { name: 'name', type: 'string', documentation: 'Any part of the name.' },
        ],
      },
      { type: 'Encounter', documentation: '', interactions: ['read'], searchParams: [] },
    ]);
  });

  it('skips entries without a type and parameters without a name', () => {
    const statement: CapabilityStatement = {
      rest: [
        {
          resource: [
            { documentation: 'no type' },
            { type: '' },
            { type: 'Slot', interaction: [{}], searchParam: [{ type: 'token' }, { name: 'status' }] },
          ],
        },
      ],
    };
    expect(resourceTypes(statement)).toEqual([
      {
        type: 'Slot',
        documentation: '',
        interactions: [],
        searchParams: [{ name: 'status', type: '', documentation: '' }],
      },
    ]);
  });

  it('is empty for a statement without a rest part', () => {
    expect(resourceTypes({})).toEqual([]);
    expect(resourceTypes({ rest: [] })).toEqual([]);
    expect(resourceTypes(null)).toEqual([]);
  });
});

describe('fhirBaseUrl and serverRoot', () => {
  it("takes the statement's implementation URL, without a trailing slash", () => {
    expect(fhirBaseUrl({ implementation: { url: 'https://his.example.org/fhir/R4/' } }, 'http://x')).toBe(
      'https://his.example.org/fhir/R4',
    );
  });

  it("falls back to this page's origin", () => {
    expect(fhirBaseUrl({}, 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/fhir/R4');
    expect(fhirBaseUrl({ implementation: { url: '  ' } }, 'http://h')).toBe('http://h/fhir/R4');
  });

  it('finds the server behind the FHIR base, under a path prefix too', () => {
    expect(serverRoot('https://his.example.org/fhir/R4', 'http://x')).toBe('https://his.example.org');
    expect(serverRoot('https://example.org/hospitium/fhir/R4/', 'http://x')).toBe(
      'https://example.org/hospitium',
    );
    expect(serverRoot('https://example.org/other', 'http://page')).toBe('http://page');
  });
});

describe('shellQuote', () => {
  it('single-quotes a word, a quote inside it closed, escaped and reopened', () => {
    expect(shellQuote('plain')).toBe(`'plain'`);
    expect(shellQuote(`O'Brien $HOME`)).toBe(`'O'\\''Brien $HOME'`);
  });
});

describe('curlExample', () => {
  const base = {
    fhirBase: 'https://his.example.org/fhir/R4',
    root: 'https://his.example.org',
    email: 'admin@example.org',
    password: 'YOUR-PASSWORD',
    name: 'Patel',
  };

  it('gets a token, then searches patients by name in the active hospital', () => {
    expect(curlExample({ ...base, hospitalId: HOSPITAL })).toBe(
      [
        `TOKEN=$(curl -sS -X POST \\`,
        `  'https://his.example.org/api/auth/token' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"email":"admin@example.org","password":"YOUR-PASSWORD"}' \\`,
        `  | jq -r .accessToken)`,
        '',
        `curl -sS \\`,
        `  'https://his.example.org/fhir/R4/Patient?name=Patel' \\`,
        `  -H "Authorization: Bearer $TOKEN" \\`,
        `  -H 'Accept: application/fhir+json' \\`,
        `  -H 'X-Hospital-Id: ${HOSPITAL}'`,
      ].join('\n'),
    );
  });

  it('leaves X-Hospital-Id out when no hospital is known, the last line ending the command', () => {
    const lines = curlExample({ ...base, hospitalId: null }).split('\n');
    expect(lines.at(-1)).toBe(`  -H 'Accept: application/fhir+json'`);
    expect(lines.join('\n')).not.toContain('X-Hospital-Id');
  });

  it('encodes the name in the address and quotes what the shell would read', () => {
    const text = curlExample({ ...base, email: `o'neil@example.org`, name: 'Anne Marie', hospitalId: null });
    expect(text).toContain(`'https://his.example.org/fhir/R4/Patient?name=Anne%20Marie'`);
    expect(text).toContain(`-d '{"email":"o'\\''neil@example.org","password":"YOUR-PASSWORD"}'`);
  });
});
