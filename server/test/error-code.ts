/**
 * The machine code of an error answer: problem+json's `code` under /api, or under /fhir the
 * OperationOutcome's (`issue[0].details.coding[0].code`), which carries the same codes.
 */
export function errorCode(body: {
  code?: string;
  issue?: { details?: { coding?: { code?: string }[] } }[];
}): string | undefined {
  return body.code ?? body.issue?.[0]?.details?.coding?.[0]?.code;
}
