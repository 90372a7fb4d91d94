// What the Integrations page reads from the FHIR CapabilityStatement, and the curl example it shows.

/** The path of the FHIR API's base under the server's address (server/platform/fhir). */
export const FHIR_PATH = '/fhir/R4';
export const METADATA_PATH = `${FHIR_PATH}/metadata`;

/** The parts of a FHIR R4 CapabilityStatement this page reads; everything else is left alone. */
export interface CapabilityStatement {
  resourceType?: string;
  fhirVersion?: string;
  implementation?: { url?: string; description?: string };
  rest?: {
    resource?: {
      type?: string;
      documentation?: string;
      interaction?: { code?: string }[];
      searchParam?: { name?: string; type?: string; documentation?: string }[];
    }[];
  }[];
}

export interface FhirSearchParam {
  name: string;
  type: string;
  documentation: string;
}

export interface FhirResourceType {
  type: string;
  documentation: string;
  /** The interaction codes: read, search-type… */
  interactions: string[];
  searchParams: FhirSearchParam[];
}

/**
 * The resource types the server lists, in its order. Other modules add types as they are built, so
 * nothing here knows which: an entry without a type is skipped, a missing part is empty.
 */
export function resourceTypes(statement: CapabilityStatement | null | undefined): FhirResourceType[] {
  const resources = statement?.rest?.[0]?.resource ?? [];
  return resources.flatMap((r) =>
    typeof r.type === 'string' && r.type !== ''
      ? [
          {
            type: r.type,
            documentation: r.documentation ?? '',
            interactions: (r.interaction ?? []).flatMap((i) => (i.code ? [i.code] : [])),
            searchParams: (r.searchParam ?? []).flatMap((p) =>
              p.name ? [{ name: p.name, type: p.type ?? '', documentation: p.documentation ?? '' }] : [],
            ),
          },
        ]
      : [],
  );
}

/**
 * The FHIR base URL: the statement's own (the server's public address), else this page's origin
 * with the FHIR path. Without a trailing slash.
 */
export function fhirBaseUrl(statement: CapabilityStatement | null | undefined, origin: string): string {
  const url = statement?.implementation?.url?.trim();
  return (url || `${origin}${FHIR_PATH}`).replace(/\/+$/, '');
}

/** The server's own address (where /api lives) from the FHIR base URL; `origin` when it does not end in the FHIR path. */
export function serverRoot(fhirBase: string, origin: string): string {
  const base = fhirBase.replace(/\/+$/, '');
  return base.endsWith(FHIR_PATH) ? base.slice(0, -FHIR_PATH.length) : origin;
}

/** A word for a POSIX shell: in single quotes, a single quote inside written as '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CurlExample {
  /** The FHIR base URL (…/fhir/R4). */
  fhirBase: string;
  /** Where /api/auth/token is: the server's address. */
  root: string;
  email: string;
  /** What stands for the password: the reader types theirs in its place. */
  password: string;
  /** The hospital to act in, when known: sent as X-Hospital-Id. */
  hospitalId: string | null;
  /** The name searched for. */
  name: string;
}

/** The lines of one command after its first, indented, each but the last continued with a backslash. */
function continued(parts: string[]): string[] {
  return parts.map((p, i) => `  ${p}${i < parts.length - 1 ? ' \\' : ''}`);
}

/**
 * Two commands for a POSIX shell: get an access token (read from the answer with jq), then search
 * patients by name with it as a bearer token, in the given hospital.
 */
export function curlExample(x: CurlExample): string {
  const body = JSON.stringify({ email: x.email, password: x.password });
  const search = `${x.fhirBase}/Patient?name=${encodeURIComponent(x.name)}`;
  const hospital = x.hospitalId ? [`-H ${shellQuote(`X-Hospital-Id: ${x.hospitalId}`)}`] : [];
  return [
    `TOKEN=$(curl -sS -X POST \\`,
    ...continued([
      shellQuote(`${x.root}/api/auth/token`),
      `-H 'Content-Type: application/json'`,
      `-d ${shellQuote(body)}`,
      '| jq -r .accessToken)',
    ]),
    '',
    'curl -sS \\',
    ...continued([
      shellQuote(search),
      `-H "Authorization: Bearer $TOKEN"`,
      `-H 'Accept: application/fhir+json'`,
      ...hospital,
    ]),
  ].join('\n');
}
