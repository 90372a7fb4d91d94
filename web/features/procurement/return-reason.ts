import { RETURN_REASONS } from '../../../contracts/procurement';

export type ReturnReason = (typeof RETURN_REASONS)[number];

/**
 * A return's reason as the server stores it ("damaged: crushed in transit"): its kind, worded by
 * the screen, and the person's note after it.
 */
export function readReturnReason(stored: string): { reason: ReturnReason | null; note: string } {
  const colon = stored.indexOf(': ');
  const head = colon > 0 ? stored.slice(0, colon) : stored;
  if (!(RETURN_REASONS as readonly string[]).includes(head)) return { reason: null, note: stored };
  return { reason: head as ReturnReason, note: colon > 0 ? stored.slice(colon + 2) : '' };
}
