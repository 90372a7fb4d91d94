// The order's timeline comes from the audit log with its steps named in the server's English
// ("Submitted for approval") or, for steps it does not name, by their audit action
// ("purchase_order.sent"). Both are read back into a step a screen words in the person's language.

export type TimelineStep =
  'created' | 'updated' | 'submitted' | 'approved' | 'cancelled' | 'amended' | 'received' | 'sent';

const STEPS: Record<string, TimelineStep> = {
  'Draft created': 'created',
  'Draft changed': 'updated',
  'Submitted for approval': 'submitted',
  Approved: 'approved',
  Cancelled: 'cancelled',
  'Amended by a new revision': 'amended',
  'Goods received': 'received',
};

/** The step of a timeline entry, or null for one this screen does not know (shown as it came). */
export function timelineStep(action: string): TimelineStep | null {
  if (Object.hasOwn(STEPS, action)) return STEPS[action]!;
  const m = /^purchase_order\.([a-z_]+)$/.exec(action);
  const known = ['created', 'updated', 'submitted', 'approved', 'cancelled', 'amended', 'received', 'sent'];
  return m && known.includes(m[1]!) ? (m[1] as TimelineStep) : null;
}

export type TimelineNote =
  | { kind: 'belowThreshold' }
  | { kind: 'byAdmin' }
  | { kind: 'replacedBy'; revision: number }
  | { kind: 'deliveryNote'; note: string }
  | { kind: 'mailedTo'; to: string }
  | { kind: 'text'; text: string };

/** The note of an entry: the server's own notes worded here, a person's reason as they wrote it. */
export function timelineNote(detail: string): TimelineNote {
  if (detail === 'below the approval threshold') return { kind: 'belowThreshold' };
  if (detail === 'approved by a hospital admin') return { kind: 'byAdmin' };
  const replaced = /^Replaced by revision (\d+)$/.exec(detail);
  if (replaced) return { kind: 'replacedBy', revision: Number(replaced[1]) };
  const delivery = /^Delivery note (.+)$/s.exec(detail);
  if (delivery) return { kind: 'deliveryNote', note: delivery[1]! };
  const mailed = /^Mailed to (\S+@\S+)$/.exec(detail);
  if (mailed) return { kind: 'mailedTo', to: mailed[1]! };
  return { kind: 'text', text: detail };
}
