// Errors under /fhir answer as a FHIR OperationOutcome (application/fhir+json), not problem+json:
// FHIR clients read `issue`, and a resource may carry no member FHIR does not define. The machine
// code every /api error carries travels in `issue[0].details.coding`, so both APIs name a failure
// alike.
import type { Problem } from '../../../contracts/errors';
import { HOSPITIUM_SYSTEM } from './fhir.types';

export const FHIR_MEDIA_TYPE = 'application/fhir+json; charset=utf-8';

/** The system of the codes in `issue.details` (contracts/errors.ts ErrorCode). */
export const ERROR_CODE_SYSTEM = `${HOSPITIUM_SYSTEM}:error-code`;

/** FHIR's issue type (http://hl7.org/fhir/issue-type) for an HTTP status. */
function issueType(status: number): string {
  if (status === 400 || status === 414 || status === 415) return 'invalid';
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-costly';
  if (status === 422) return 'business-rule';
  if (status === 429) return 'throttled';
  if (status === 503) return 'transient';
  return 'exception';
}

export function isFhirPath(url: string): boolean {
  return url === '/fhir' || url.startsWith('/fhir/') || url.startsWith('/fhir?');
}

/** The OperationOutcome saying what a problem says: one issue, plus one per field error. */
export function operationOutcome(p: Problem): Record<string, unknown> {
  const main = {
    severity: p.status >= 500 ? 'fatal' : 'error',
    code: issueType(p.status),
    details: { coding: [{ system: ERROR_CODE_SYSTEM, code: p.code }], text: p.detail },
    diagnostics: p.requestId ? `request ${p.requestId}` : undefined,
  };
  const fields = (p.errors ?? []).map((e) => ({
    severity: 'error',
    code: 'invalid',
    details: { text: e.message },
    expression: [e.path],
  }));
  return {
    resourceType: 'OperationOutcome',
    issue: [main, ...fields].map((i) => JSON.parse(JSON.stringify(i)) as unknown),
  };
}
