// The one way stock leaves a store for a patient, a customer or another store: locked batches,
// first expiry first out, never from an expired batch, all or nothing. Dispensing, counter sales,
// online orders and ward issues all go through takeStock.
import type { Pick } from '../../../contracts/pharmacy';
import type { Tx } from '../../db/client';
import { AppError } from '../../platform/errors';
import { pickFefo } from './picking';
import * as repo from './stock.repo';

export interface TakeStock {
  hospitalId: string;
  storeId: string;
  medicineId: string;
  medicineName: string;
  quantity: number;
  kind: 'dispense' | 'sale' | 'transfer_out';
  referenceType: string;
  referenceId: string;
  actorUserId: string;
}

interface PickFrom {
  storeId: string;
  medicineId: string;
  medicineName: string;
  quantity: number;
}

/** Locks the medicine's batches in the store and picks `quantity` FEFO from what is usable and free. */
async function pickLocked(tx: Tx, t: PickFrom) {
  const batches = await repo.lockBatches(tx, t.storeId, t.medicineId);
  const usable = batches.filter((b) => !b.expired);
  const picks = pickFefo(
    usable.map((b) => ({
      id: b.id,
      batchNumber: b.batch_number,
      expiryDate: b.expiry_date,
      available: b.on_hand - b.reserved,
    })),
    t.quantity,
  );
  if (!picks) {
    const available = usable.reduce((n, b) => n + b.on_hand - b.reserved, 0);
    const expired = batches.filter((b) => b.expired).reduce((n, b) => n + b.on_hand, 0);
    throw new AppError(
      'INSUFFICIENT_STOCK',
      `Only ${Math.max(0, available)} usable unit(s) of ${t.medicineName} are available here; ${t.quantity} asked` +
        (expired > 0 ? ` (${expired} more are in expired batches, which cannot be used).` : '.'),
      { medicineId: t.medicineId, available: Math.max(0, available), requested: t.quantity },
    );
  }
  return { picks, cost: new Map(batches.map((b) => [b.id, b.unit_cost_minor])) };
}

/**
 * Takes `quantity` from the store's usable batches, soonest expiry first, as ledger rows in the
 * caller's transaction. Others' reservations are respected. Throws INSUFFICIENT_STOCK (saying how
 * much is usable, and how much sits in expired batches) when the store cannot give it all.
 */
export async function takeStock(tx: Tx, t: TakeStock): Promise<(Pick & { unitCostMinor: number })[]> {
  const { picks, cost } = await pickLocked(tx, t);
  await repo.insertLedger(
    tx,
    picks.map((p) => ({
      hospitalId: t.hospitalId,
      storeId: t.storeId,
      batchId: p.batchId,
      medicineId: t.medicineId,
      kind: t.kind,
      quantity: -p.quantity,
      unitCostMinor: cost.get(p.batchId)!,
      referenceType: t.referenceType,
      referenceId: t.referenceId,
      actorUserId: t.actorUserId,
    })),
  );
  return picks.map((p) => ({ ...p, unitCostMinor: cost.get(p.batchId)! }));
}

/**
 * Promises `quantity` to an order line without taking it off the shelf: held on the batches
 * (FEFO, never expired ones) as `reserved`, which no other picking may take. All or nothing.
 */
export async function reserveStock(tx: Tx, t: PickFrom & { orderLineId: string }): Promise<Pick[]> {
  const { picks } = await pickLocked(tx, t);
  await repo.insertReservations(
    tx,
    picks.map((p) => ({ orderLineId: t.orderLineId, batchId: p.batchId, quantity: p.quantity })),
  );
  for (const p of picks) await repo.changeReserved(tx, p.batchId, p.quantity);
  return picks;
}

/**
 * Gives back what an order line holds. The caller locks the line's batches first (lockBatches, in
 * lockOrder), so releasing never takes locks in an order that could deadlock with a picking.
 */
export async function releaseLine(tx: Tx, orderLineId: string): Promise<number> {
  const released = await repo.deleteReservationsOfLine(tx, orderLineId);
  for (const r of released) await repo.changeReserved(tx, r.batchId, -r.quantity);
  return released.reduce((n, r) => n + r.quantity, 0);
}

/** Locks a medicine's batches in a store (before releasing what an order holds on them). */
export const lockMedicineStock = (tx: Tx, storeId: string, medicineId: string) =>
  repo.lockBatches(tx, storeId, medicineId);

/**
 * Locks the batches of these medicines in a store, medicine by medicine in the pickings' order,
 * before a change that touches them in another order (a write-off, a receipt), so that it never
 * deadlocks with a sale.
 */
export async function lockMedicinesStock(tx: Tx, storeId: string, medicineIds: Iterable<string>) {
  for (const m of [...new Set(medicineIds)].sort()) await repo.lockBatches(tx, storeId, m);
}

/** Lines in a stable order (by medicine), so that transactions lock batches alike and never deadlock. */
export function lockOrder<T extends { medicineId: string }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.medicineId < b.medicineId ? -1 : a.medicineId > b.medicineId ? 1 : 0));
}
