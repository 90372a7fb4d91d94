// What the lab order screens work out themselves: what a choice of tests costs, where an order
// stands, and what may still be done with it.
import type { CreateLabOrder, LabOrder, LabOrderItem, LabPriority } from '../../../contracts/lab-orders';
import type { LabTest } from '../../../contracts/lab';
import { sumLines, type Amounts } from '../../lib/pricing';

/**
 * The worklist's filters: `open` (the default) is the lab's to-do list, orders waiting for a sample
 * or for their results.
 */
export const WORKLIST_FILTERS = [
  'open',
  'awaiting_sample',
  'collected',
  'reported',
  'cancelled',
  'all',
] as const;
export type WorklistFilter = (typeof WORKLIST_FILTERS)[number];

/** The filter in the address, or the default when it is missing or unknown. */
export const worklistFilter = (value: string | null): WorklistFilter =>
  (WORKLIST_FILTERS as readonly string[]).includes(value ?? '') ? (value as WorklistFilter) : 'open';

/** What the chosen tests cost at today's prices, one of each, tax as the invoice will charge it. */
export function testsTotal(tests: readonly Pick<LabTest, 'service'>[]): Amounts {
  return sumLines(
    tests.map((t) => ({ quantity: 1, unitPriceMinor: t.service.priceMinor, taxRateBp: t.service.taxRateBp })),
  );
}

/** Whether a test's sample is in the lab: collected, and maybe resulted or verified since. */
export const sampleTaken = (item: Pick<LabOrderItem, 'status'>): boolean =>
  item.status === 'collected' || item.status === 'resulted' || item.status === 'verified';

/** How many of the order's samples are collected, of how many. */
export function sampleProgress(order: Pick<LabOrder, 'items'>): { collected: number; total: number } {
  return { collected: order.items.filter(sampleTaken).length, total: order.items.length };
}

/** A test whose sample may be collected now: it waits for one, on an order not cancelled. */
export const collectable = (order: Pick<LabOrder, 'status'>, item: Pick<LabOrderItem, 'status'>): boolean =>
  order.status === 'awaiting_sample' && item.status === 'awaiting_sample';

/** An order may be cancelled while it waits and no sample of it has been collected. */
export const cancellable = (order: Pick<LabOrder, 'status' | 'items'>): boolean =>
  order.status === 'awaiting_sample' && !order.items.some(sampleTaken);

/** The body of a new order, from what the form holds. */
export function toCreateLabOrder(
  values: {
    patientId: string;
    consultationId?: string | null;
    testIds: string[];
    priority: LabPriority;
    clinicalNote: string;
  },
  idempotencyKey: string,
): CreateLabOrder {
  const note = values.clinicalNote.trim();
  return {
    idempotencyKey,
    patientId: values.patientId,
    ...(values.consultationId ? { consultationId: values.consultationId } : {}),
    testIds: values.testIds,
    priority: values.priority,
    ...(note ? { clinicalNote: note } : {}),
  };
}

/** A one-line reason, as the contract wants it: a line break typed in the box becomes a space. */
export const oneLine = (text: string): string => text.trim().replace(/\s*\n\s*/g, ' ');
