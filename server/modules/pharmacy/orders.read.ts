// Online medicine orders as their patient and the pharmacy see them: one order, a list, and the
// shape both are presented in (lines, prices, history, what stock each line holds).
import type { OrderStatus, PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { hospitalLabels } from '../organisation';
import { patientBriefs } from '../patients';
import * as repo from './orders.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { picksOf } from './dispensing.repo';

export type Scope = { hospitalId: string } | { patientId: string };

export function ownPatient(ctx: Ctx): string {
  if (!ctx.actor.patientId) throw notFound('Patient record');
  return ctx.actor.patientId;
}

export async function present(ctx: Ctx, ids: string[], scope: Scope): Promise<PharmacyOrder[]> {
  const rows = await repo.findOrders(ctx.db, ids);
  const [lines, events, reservations] = await Promise.all([
    repo.orderLines(ctx.db, ids),
    repo.orderEvents(ctx.db, ids),
    repo.reservationsOf(ctx.db, ids),
  ]);
  const picked = await picksOf(ctx.db, 'order', ids);
  const patients = await patientBriefs(
    ctx.db,
    rows.map((o) => o.patientId),
    'hospitalId' in scope ? scope.hospitalId : null,
  );
  const hospitals = await hospitalLabels(
    ctx.db,
    rows.map((o) => o.hospitalId),
  );
  const people = await findUserNames(
    ctx.db,
    events.map((e) => e.actorUserId),
  );
  const byId = new Map(rows.map((o) => [o.id, o]));
  return ids.flatMap((id): PharmacyOrder[] => {
    const o = byId.get(id);
    if (!o) return [];
    return [
      {
        id: o.id,
        number: o.number,
        hospitalId: o.hospitalId,
        hospitalName: hospitals.get(o.hospitalId)?.name ?? '',
        timeZone: hospitals.get(o.hospitalId)?.timeZone ?? 'UTC',
        patientId: o.patientId,
        patientName: patients.get(o.patientId)?.name ?? '',
        status: o.status as OrderStatus,
        fulfilment: o.fulfilment as PharmacyOrder['fulfilment'],
        deliveryAddress: o.deliveryAddress,
        prescriptionDocumentId: o.prescriptionDocumentId,
        needsPrescription: o.needsPrescription,
        rejectionReason: o.rejectionReason,
        lines: lines
          .filter((l) => l.l.orderId === o.id)
          .map(({ l, ...m }) => {
            // Before dispensing: the batches set aside; after: the batches taken.
            const held = reservations
              .filter((r) => r.order_line_id === l.id)
              .map((r) => ({
                batchId: r.batch_id,
                batchNumber: r.batch_number,
                expiryDate: r.expiry_date,
                quantity: Number(r.quantity),
              }));
            const taken = picked
              .filter((p) => p.reference_id === o.id && p.medicine_id === l.medicineId)
              .map((p) => ({
                batchId: p.batch_id,
                batchNumber: p.batch_number,
                expiryDate: p.expiry_date,
                quantity: Number(p.quantity),
              }));
            return {
              medicineId: l.medicineId,
              medicineName: medicineLabel(m),
              quantity: l.quantity,
              unitPriceMinor: l.unitPriceMinor,
              taxRateBp: l.taxRateBp,
              netMinor: l.netMinor,
              taxMinor: l.taxMinor,
              totalMinor: l.totalMinor,
              picks: taken.length > 0 ? taken : held,
            };
          }),
        totals: {
          currency: o.currency,
          netMinor: o.netMinor,
          taxMinor: o.taxMinor,
          totalMinor: o.totalMinor,
        },
        placedAt: iso(o.placedAt),
        reservedUntil: o.status === 'awaiting_verification' && o.reservedUntil ? iso(o.reservedUntil) : null,
        history: events
          .filter((e) => e.orderId === o.id)
          .map((e) => ({
            at: iso(e.at),
            status: e.status as OrderStatus,
            byName: e.actorUserId ? (people.get(e.actorUserId) ?? null) : null,
            note: e.note,
          })),
      },
    ];
  });
}

export function scopeOf(ctx: Ctx, as: 'patient' | 'pharmacy'): Scope {
  return as === 'patient' ? { patientId: ownPatient(ctx) } : { hospitalId: requireHospital(ctx.actor) };
}

/** One order: the patient's own, or one of the active hospital's for its pharmacists. */
export async function getOrder(ctx: Ctx, id: string, as: 'patient' | 'pharmacy'): Promise<PharmacyOrder> {
  const scope = scopeOf(ctx, as);
  const [order] = await present(ctx, [id], scope);
  const mine =
    order &&
    ('hospitalId' in scope ? order.hospitalId === scope.hospitalId : order.patientId === scope.patientId);
  if (!mine) throw notFound('Order');
  return order;
}

/** The patient's orders, or the hospital's queue (oldest waiting first when filtered to it). */
export async function listOrders(
  ctx: Ctx,
  as: 'patient' | 'pharmacy',
  q: { status?: OrderStatus; limit: number; offset: number },
) {
  const scope = scopeOf(ctx, as);
  const { ids, total } = await repo.listOrderIds(ctx.db, scope, q.status, q.limit, q.offset);
  return { items: await present(ctx, ids, scope), total, limit: q.limit, offset: q.offset };
}
