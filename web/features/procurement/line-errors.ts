import { ApiError } from '../../lib/api';

/**
 * The index of the body line a refusal names (`lines.3.packsAccepted` → 3), for a message that
 * says which medicine it was; null when it names none. `field` narrows it to one field of a line.
 */
export function refusedLine(err: unknown, field?: string): number | null {
  if (!(err instanceof ApiError)) return null;
  for (const path of Object.keys(err.fields)) {
    const m = /^lines\.(\d+)\.(.+)$/.exec(path);
    if (m && (!field || m[2] === field)) return Number(m[1]);
  }
  return null;
}
