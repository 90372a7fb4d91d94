// A test's corrections as the API shows them (ADR 35): the released ones with the results and
// remark each superseded, the remark of the version now shown, and a correction still waiting for a
// second person (staff only).
import type { LabAmendment, PendingLabAmendment } from '../../../contracts/lab-orders';
import type { LabResult } from '../../../contracts/lab-results';
import type { Executor } from '../../db/client';
import type { ItemRow } from './orders.repo';
import { allResultsOf, amendmentsOf, type AmendmentRow, type ResultRow } from './results.repo';

type Person = { id: string; name: string };

export interface Corrections {
  amendments: AmendmentRow[];
  results: ResultRow[];
}

/** The corrections of the items that have any (only a verified test is ever corrected). */
export async function correctionsOf(exec: Executor, items: ItemRow[]): Promise<Corrections> {
  const verified = items.filter((i) => i.status === 'verified').map((i) => i.id);
  const amendments = await amendmentsOf(exec, verified);
  if (amendments.length === 0) return { amendments, results: [] };
  const results = await allResultsOf(exec, [...new Set(amendments.map((a) => a.itemId))]);
  return { amendments, results };
}

/**
 * What the test's released version stands on: its remark, and when and by whom it was released
 * (the verification, or the correction that made it).
 */
export function releasedOf(
  item: ItemRow,
  amendments: AmendmentRow[],
): { comment: string; at: Date; by: string } {
  const a =
    item.version > 1
      ? amendments.find((x) => x.itemId === item.id && x.version === item.version && x.status === 'released')
      : undefined;
  return a?.releasedAt && a.releasedBy
    ? { comment: a.resultComment, at: a.releasedAt, by: a.releasedBy }
    : { comment: item.resultComment, at: item.verifiedAt!, by: item.verifiedBy! };
}

/** Who entered and released them, to look their names up with the rest. */
export const correctionPeople = (c: Corrections) => c.amendments.flatMap((a) => [a.enteredBy, a.releasedBy]);

/** One item's corrections as shown; `staff` also sees one not yet released. */
export function presentCorrections(
  c: Corrections,
  item: ItemRow,
  o: { staff: boolean; person: (id: string | null) => Person | null; toResult: (r: ResultRow) => LabResult },
): {
  comment: string;
  amendments: LabAmendment[];
  pendingAmendment: PendingLabAmendment | null;
} {
  const mine = c.amendments.filter((a) => a.itemId === item.id);
  const resultsOf = (version: number) =>
    c.results.filter((r) => r.itemId === item.id && r.version === version).map(o.toResult);
  const commentOf = (version: number) =>
    version === 1 ? item.resultComment : (mine.find((a) => a.version === version)?.resultComment ?? '');
  // (The version shown is item.version: commentOf(item.version) is releasedOf's comment.)
  const person = (id: string | null) => o.person(id) ?? { id: id ?? '', name: '' };
  const pending = mine.find((a) => a.status === 'pending');
  return {
    comment: commentOf(item.version),
    amendments: mine
      .filter((a) => a.status === 'released')
      .map((a) => ({
        version: a.version,
        reason: a.reason,
        enteredAt: a.enteredAt.toISOString(),
        enteredBy: person(a.enteredBy),
        releasedAt: a.releasedAt!.toISOString(),
        releasedBy: person(a.releasedBy),
        superseded: { results: resultsOf(a.version - 1), comment: commentOf(a.version - 1) },
      })),
    pendingAmendment:
      o.staff && pending
        ? {
            version: pending.version,
            reason: pending.reason,
            results: resultsOf(pending.version),
            comment: pending.resultComment,
            enteredAt: pending.enteredAt.toISOString(),
            enteredBy: person(pending.enteredBy),
          }
        : null,
  };
}
