// Medicines given to a patient on a ward leave the ward's store like every other stock: through
// takeStock (locked batches, first expiry first out, never an expired batch, never below zero), as
// 'dispense' ledger rows referencing the nursing module's administration ('ward_administration').
import type { Pick } from '../../../contracts/pharmacy';
import type { Executor, Tx } from '../../db/client';
import { AppError, notFound } from '../../platform/errors';
import * as catalog from './catalog.repo';
import { picksOf } from './dispensing.repo';
import { medicineLabel } from './pharmacy.dto';
import { takeStock } from './stock.moves';
import * as stock from './stock.repo';

export { medicineLabel };

const REFERENCE = 'ward_administration';

export interface WardMedicine {
  id: string;
  name: string;
  dispensingUnit: string;
}

/** A medicine of the hospital's catalog as the ward names it (retired ones too: their stock may still be on the ward). */
export async function wardMedicine(
  exec: Executor,
  hospitalId: string,
  medicineId: string,
): Promise<WardMedicine | null> {
  const m = await catalog.findMedicine(exec, hospitalId, medicineId);
  return m ? { id: m.id, name: medicineLabel(m), dispensingUnit: m.dispensingUnit } : null;
}

export interface WardDose {
  hospitalId: string;
  /** The ward's store (wards.store_id). */
  storeId: string;
  medicine: WardMedicine;
  quantity: number;
  administrationId: string;
  actorUserId: string;
}

/**
 * Takes a dose from a ward store in the caller's transaction: INSUFFICIENT_STOCK (saying how much
 * is usable) when the store cannot give it all, and nothing is taken. Returns the batches used.
 */
export async function takeWardStock(tx: Tx, d: WardDose): Promise<Pick[]> {
  const store = await stock.findStore(tx, d.hospitalId, d.storeId);
  if (!store) throw notFound('Store');
  if (!store.active || store.kind !== 'ward') {
    throw new AppError('RULE_VIOLATION', `${store.name} is not an open ward store: ask the hospital admin.`);
  }
  const picks = await takeStock(tx, {
    hospitalId: d.hospitalId,
    storeId: store.id,
    medicineId: d.medicine.id,
    medicineName: d.medicine.name,
    quantity: d.quantity,
    kind: 'dispense',
    referenceType: REFERENCE,
    referenceId: d.administrationId,
    actorUserId: d.actorUserId,
  });
  return picks.map(({ batchId, batchNumber, expiryDate, quantity }) => ({
    batchId,
    batchNumber,
    expiryDate,
    quantity,
  }));
}

/** The batches each administration took, by administration id, first expiry first. */
export async function wardStockTaken(
  exec: Executor,
  administrationIds: string[],
): Promise<Map<string, Pick[]>> {
  const out = new Map<string, Pick[]>();
  for (const p of await picksOf(exec, REFERENCE, administrationIds)) {
    const list = out.get(p.reference_id) ?? [];
    list.push({
      batchId: p.batch_id,
      batchNumber: p.batch_number,
      expiryDate: p.expiry_date,
      quantity: Number(p.quantity),
    });
    out.set(p.reference_id, list);
  }
  return out;
}
