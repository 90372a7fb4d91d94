import type { OrderStatus, PharmacyOrder } from '../../../contracts/pharmacy-orders';

/**
 * Which steps an order's status allows (as the server's transitions do), so a button is shown
 * only when pressing it can work.
 */
export const STEPS_FROM: Record<
  'approve' | 'reject' | 'dispense' | 'complete' | 'cancel' | 'patientCancel',
  readonly OrderStatus[]
> = {
  approve: ['awaiting_verification'],
  reject: ['awaiting_verification', 'approved'],
  dispense: ['approved'],
  complete: ['ready'],
  cancel: ['awaiting_verification', 'approved', 'ready'],
  patientCancel: ['awaiting_verification', 'approved'],
};

export const allows = (order: Pick<PharmacyOrder, 'status'>, step: keyof typeof STEPS_FROM) =>
  STEPS_FROM[step].includes(order.status);

/** How a ready order ends: a pickup is collected, a delivery delivered. */
export const completionOf = (order: Pick<PharmacyOrder, 'fulfilment'>) =>
  order.fulfilment === 'delivery' ? ('delivered' as const) : ('collected' as const);

/** The statuses a pharmacist works through, in the order the queue offers them. */
export const QUEUE_FILTERS = ['awaiting_verification', 'approved', 'ready', 'completed', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
