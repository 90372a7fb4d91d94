// The price of what is asked for, from the catalog on the server: counter sales and online orders
// both charge what this says, never a price the client sent.
import type { Tx } from '../../db/client';
import { AppError } from '../../platform/errors';
import * as catalog from './catalog.repo';
import { medicineLabel } from './pharmacy.dto';
import { priceLine, type PricedAmounts } from './pricing';

export interface PricedRequestLine {
  medicineId: string;
  quantity: number;
  m: catalog.MedicineRow;
  position: number;
  amounts: PricedAmounts;
}

/**
 * Loads the lines' medicines of the hospital (share-locked, so a price change waits for this
 * transaction) and prices each. Unknown medicines are 404 naming the line; inactive ones refused.
 */
export async function priceRequestLines(
  tx: Tx,
  hospitalId: string,
  lines: readonly { medicineId: string; quantity: number }[],
): Promise<PricedRequestLine[]> {
  const meds = new Map(
    (
      await catalog.findMedicinesForUpdate(
        tx,
        hospitalId,
        lines.map((l) => l.medicineId),
      )
    ).map((m) => [m.id, m]),
  );
  return lines.map((l, i) => {
    const m = meds.get(l.medicineId);
    if (!m) {
      throw new AppError('NOT_FOUND', 'Medicine not found.', {
        errors: [{ path: `body.lines.${i}.medicineId`, message: 'Unknown medicine' }],
      });
    }
    if (!m.active) throw new AppError('MEDICINE_INACTIVE', `${medicineLabel(m)} is no longer in use.`);
    return {
      medicineId: l.medicineId,
      quantity: l.quantity,
      m,
      position: i,
      amounts: priceLine({ quantity: l.quantity, unitPriceMinor: m.salePriceMinor, taxRateBp: m.taxRateBp }),
    };
  });
}
