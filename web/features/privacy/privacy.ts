// The small rules of the privacy screens: which decisions a patient is offered, the erasure list's
// filter, the word that confirms an erasure, and what a completed erasure changed, in words.
import type { ConsentDecision, ErasureRequest, ErasureStatus } from '../../../contracts/privacy';
import { ERASURE_STATUSES } from '../../../contracts/privacy';
import i18n from '../../i18n';

/**
 * The decisions a patient may make now: the opposite of the standing one, or either when they
 * were never asked (declining is recorded as withdrawn: no consent).
 */
export function offeredDecisions(standing: ConsentDecision | null): ConsentDecision[] {
  if (standing === 'granted') return ['withdrawn'];
  if (standing === 'withdrawn') return ['granted'];
  return ['granted', 'withdrawn'];
}

export const ERASURE_FILTERS = [...ERASURE_STATUSES, 'all'] as const;
export type ErasureFilter = (typeof ERASURE_FILTERS)[number];

/** The list's filter from the address: a status, or all; anything else (or none) is pending, the queue. */
export function erasureFilter(param: string | null): ErasureFilter {
  return (ERASURE_FILTERS as readonly string[]).includes(param ?? '') ? (param as ErasureFilter) : 'pending';
}

/** The status to ask the server for: none for all. */
export const statusOf = (filter: ErasureFilter): ErasureStatus | undefined =>
  filter === 'all' ? undefined : filter;

/** The typed confirmation matches the word asked for (spaces around it and letter case aside). */
export function confirmsWith(typed: string, word: string): boolean {
  return typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase();
}

/** The pending request among a patient's own, if any (at most one: the server sees to it). */
export const pendingOf = (items: ErasureRequest[]): ErasureRequest | undefined =>
  items.find((r) => r.status === 'pending');

/** A key segment from a counted kind: `bed_reservations` and `nameWords` alike, else null. */
const KIND = /^[A-Za-z][A-Za-z0-9_]*$/;

/** One kind of record a completed erasure changed, in words; a kind this app has none for is still named. */
export function erasedKindLabel(kind: string): string {
  const key = `erasureRequests.erasedKinds.${kind}`;
  if (KIND.test(kind) && i18n.exists(key)) {
    const words: unknown = i18n.t(key as never);
    if (typeof words === 'string' && words !== '') return words;
  }
  return i18n.t('erasureRequests.otherKind', { kind: kind.replace(/[._]+/g, ' ').trim() });
}

/** What a completed erasure changed: every kind with a count above zero, in words, largest first. */
export function erasedRows(
  erased: Record<string, number> | null,
): { kind: string; label: string; count: number }[] {
  if (!erased) return [];
  return Object.entries(erased)
    .filter(([, count]) => Number.isFinite(count) && count > 0)
    .map(([kind, count]) => ({ kind, label: erasedKindLabel(kind), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
