// A purchase order's timeline from its audit rows: the step of each action and the note it carried,
// as codes (contracts/procurement-timeline.ts). The audit rows (and the order's cancellation
// reason) keep the system's own notes as text ("below the approval threshold"): `noteText` writes
// them and `noteOf` reads them back, here side by side so the two cannot drift apart.
import {
  PurchaseOrderStep,
  type PurchaseOrderEvent,
  type PurchaseOrderNote,
} from '../../../contracts/procurement';

/** An audit row of the order (orders.repo `orderTimeline`), its time already an ISO instant. */
export interface TimelineRow {
  at: string;
  action: string;
  actor: string | null;
  after: unknown;
}

/** The step an audit action records, or null for one that is not a step of the order. */
export function stepOf(action: string): PurchaseOrderStep | null {
  const m = /^purchase_order\.([a-z_]+)$/.exec(action);
  const step = m ? PurchaseOrderStep.safeParse(m[1]) : null;
  return step?.success ? step.data : null;
}

/** The text a note is recorded as (in the audit row, or as the order's cancellation reason). */
export function noteText(note: PurchaseOrderNote): string {
  switch (note.kind) {
    case 'belowThreshold':
      return 'below the approval threshold';
    case 'byAdmin':
      return 'approved by a hospital admin';
    case 'replacedBy':
      return `Replaced by revision ${note.revision}`;
    case 'deliveryNote':
      return `Delivery note ${note.note}`;
    case 'mailedTo':
      return `Mailed to ${note.to}`;
    case 'reason':
      return note.text;
  }
}

/** The note of a step: the system's own notes as kinds, a person's reason as they wrote it. */
export function noteOf(text: string | null | undefined): PurchaseOrderNote | null {
  if (!text) return null;
  if (text === noteText({ kind: 'belowThreshold' })) return { kind: 'belowThreshold' };
  if (text === noteText({ kind: 'byAdmin' })) return { kind: 'byAdmin' };
  const replaced = /^Replaced by revision (\d+)$/.exec(text);
  if (replaced) return { kind: 'replacedBy', revision: Number(replaced[1]) };
  const delivery = /^Delivery note (.+)$/s.exec(text);
  if (delivery) return { kind: 'deliveryNote', note: delivery[1]! };
  const mailed = /^Mailed to (\S+@\S+)$/.exec(text);
  if (mailed) return { kind: 'mailedTo', to: mailed[1]! };
  return { kind: 'reason', text };
}

/** The order's steps, oldest first; audit rows that are not steps are left out. */
export function timelineOf(rows: TimelineRow[]): PurchaseOrderEvent[] {
  const events: PurchaseOrderEvent[] = [];
  for (const row of rows) {
    const step = stepOf(row.action);
    if (!step) continue;
    const after = (row.after ?? {}) as { reason?: unknown; note?: unknown };
    const text =
      typeof after.reason === 'string' ? after.reason : typeof after.note === 'string' ? after.note : null;
    events.push({ at: row.at, step, by: row.actor, note: noteOf(text) });
  }
  return events;
}
