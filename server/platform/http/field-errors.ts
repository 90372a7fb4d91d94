import type { FieldErrorCode, FieldErrorParams } from '../../../contracts/errors';

// The limits and details of a zod issue a client needs to word it: `too_small` with `origin:
// 'string'` and `minimum: 10` becomes "at least 10 characters" in any language.
const PARAM_KEYS = ['origin', 'minimum', 'maximum', 'inclusive', 'exact', 'format', 'expected', 'divisor'];

function scalar(v: unknown): string | number | boolean | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

/** Of a union's failed branches, the issue that says most: a branch of the right type over one that is not. */
function closestBranchIssue(errors: unknown): { code: string; [k: string]: unknown } | undefined {
  if (!Array.isArray(errors)) return undefined;
  const issues = errors
    .map((branch: unknown) => (Array.isArray(branch) ? (branch[0] as unknown) : undefined))
    .filter((i): i is { code: string } => !!i && typeof (i as { code?: unknown }).code === 'string');
  return issues.find((i) => i.code !== 'invalid_type' && i.code !== 'invalid_value') ?? issues[0];
}

/**
 * The kind of problem (zod's issue code, or `required` for a value that was not sent at all) and
 * its limits, so a client can say it in the person's language.
 */
export function fieldErrorKind(
  code: string,
  params: Record<string, unknown> = {},
  sent: unknown,
): { code: FieldErrorCode; params?: FieldErrorParams } {
  if (sent === undefined && (code === 'invalid_type' || code === 'invalid_union'))
    return { code: 'required' };
  if (code === 'invalid_union') {
    const inner = closestBranchIssue(params.errors);
    if (inner && inner.code !== 'invalid_union') return fieldErrorKind(inner.code, inner, sent);
  }
  const out: FieldErrorParams = {};
  for (const key of PARAM_KEYS) {
    const v = scalar(params[key]);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length > 0
    ? { code: code as FieldErrorCode, params: out }
    : { code: code as FieldErrorCode };
}

/** The value at a validation entry's `/a/0/b` path in what the client sent (undefined when absent). */
export function sentValue(root: unknown, instancePath: string): unknown {
  let at = root;
  for (const segment of instancePath.split('/').filter(Boolean)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, segment)) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}
