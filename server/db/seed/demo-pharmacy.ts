// Writes the demo pharmacy: stores, the catalog (demo-medicines.ts) and City General's stock
// (planned in demo-stock.ts); Riverside Clinic gets a smaller catalog of generics and a shelf of each.
// Stock enters only as ledger rows, as the database insists (migration 0011): a batch is inserted
// empty and its trigger-kept on-hand follows the rows, inserted in the order they happened.
import type { Tx } from '../client';
import { newId } from '../ids';
import {
  medicines,
  pharmacySaleLines,
  pharmacySales,
  stockBatches,
  stockLedger,
  stores,
} from '../../modules/pharmacy/pharmacy.tables';
import { priceLine } from '../../modules/pharmacy';
import { insertRows } from './bulk-insert';
import { DEMO_MEDICINES, type DemoMedicine } from './demo-medicines';
import {
  endOfMonth,
  localDate,
  planStock,
  type Actor,
  type PrescribedDispensing,
  type StoreKey,
} from './demo-stock';

export interface DemoPharmacyInput {
  now: Date;
  cgh: { id: string; timeZone: string };
  rvc: { id: string; timeZone: string };
  users: Record<Actor, string> & { rvcAdmin: string };
  /** Dispensings on the demo's prescriptions, taken from CGH's pharmacy with the rest. */
  dispensed?: readonly PrescribedDispensing[];
}

export interface DemoPharmacyCounts {
  medicines: number;
  stockMovements: number;
}

export interface DemoPharmacy extends DemoPharmacyCounts {
  /** CGH's catalog ids, by index into DEMO_MEDICINES. */
  medicineIds: string[];
  /** Units a dispensing of `dispensed` got of a medicine (fewer than asked where stock was short). */
  given: (ref: string, medicine: number) => number;
}

const catalogRow = (m: DemoMedicine, hospitalId: string) => ({
  id: newId(),
  hospitalId,
  genericName: m.genericName,
  brandName: m.brandName,
  form: m.form,
  strength: m.strength,
  dispensingUnit: m.dispensingUnit,
  packSize: m.packSize,
  manufacturer: m.manufacturer,
  prescriptionOnly: m.prescriptionOnly,
  controlled: m.controlled,
  reorderLevel: m.reorderLevel,
  salePriceMinor: m.salePriceMinor,
  taxRateBp: m.taxRateBp,
  barcode: m.barcode,
});

/**
 * Riverside is a London clinic: it stocks generics, priced in pence (about a fortieth of the rupee
 * price in paise), with VAT at 20% on what is sold over the counter and none on prescriptions, and
 * UK barcodes (50…).
 */
export function asRiverside(m: DemoMedicine): DemoMedicine {
  const digits = `50${m.barcode.slice(2, 12)}`;
  const sum = [...digits].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return {
    ...m,
    brandName: null,
    salePriceMinor: Math.max(1, Math.round(m.salePriceMinor / 40)),
    taxRateBp: m.prescriptionOnly ? 0 : 2000,
    reorderLevel: Math.max(5, Math.round(m.reorderLevel / 2)),
    barcode: digits + String((10 - (sum % 10)) % 10),
  };
}

/** Inserts the demo pharmacy inside `tx`; returns how many medicines and ledger rows it wrote. */
export async function writeDemoPharmacy(tx: Tx, input: DemoPharmacyInput): Promise<DemoPharmacy> {
  const { now, cgh, rvc, users } = input;
  const storeId: Record<StoreKey, string> = { main: newId(), pharmacy: newId(), ward: newId() };
  const rvcStore = { main: newId(), pharmacy: newId() };
  // The same names the app gives the stores it makes on first use (stock.repo.ts ensureStores).
  await tx.insert(stores).values([
    { id: storeId.main, hospitalId: cgh.id, name: 'Main store', kind: 'main' },
    { id: storeId.pharmacy, hospitalId: cgh.id, name: 'Pharmacy', kind: 'pharmacy' },
    { id: storeId.ward, hospitalId: cgh.id, name: 'General Ward store', kind: 'ward' },
    { id: rvcStore.main, hospitalId: rvc.id, name: 'Main store', kind: 'main' },
    { id: rvcStore.pharmacy, hospitalId: rvc.id, name: 'Pharmacy', kind: 'pharmacy' },
  ]);

  const cghRows = DEMO_MEDICINES.map((m) => catalogRow(m, cgh.id));
  const rvcMeds = DEMO_MEDICINES.filter((m) => m.rvc).map(asRiverside);
  const rvcRows = rvcMeds.map((m) => catalogRow(m, rvc.id));
  await insertRows(tx, medicines, [...cghRows, ...rvcRows]);

  const plan = planStock(DEMO_MEDICINES, now, cgh.timeZone, input.dispensed);
  const given = new Map<string, number>(); // "ref/medicine" -> units
  const batchRows = plan.batches.map((b) => ({
    id: newId(),
    hospitalId: cgh.id,
    storeId: storeId[b.store],
    medicineId: cghRows[b.medicine]!.id,
    batchNumber: b.batchNumber,
    expiryDate: b.expiryDate,
    unitCostMinor: b.unitCostMinor,
    receivedAt: b.receivedAt,
  }));
  const ledgerRows = plan.moves.map((mv) => {
    const b = batchRows[mv.batch]!;
    return {
      id: newId(),
      hospitalId: cgh.id,
      storeId: b.storeId,
      batchId: b.id,
      medicineId: b.medicineId,
      kind: mv.kind,
      quantity: mv.quantity,
      balanceAfter: 0, // the ledger trigger writes the balance
      unitCostMinor: b.unitCostMinor,
      actorUserId: users[mv.actor],
      occurredAt: mv.at,
      referenceType: (mv.ref ? 'dispensing' : null) as string | null,
      referenceId: mv.ref ?? (null as string | null),
    };
  });
  plan.moves.forEach((mv) => {
    if (!mv.ref) return;
    const key = `${mv.ref}/${plan.batches[mv.batch]!.medicine}`;
    given.set(key, (given.get(key) ?? 0) - mv.quantity);
  });

  const { sales, saleLines } = counterSales(plan, ledgerRows, cghRows, { hospitalId: cgh.id, users });

  // Riverside: one batch of each on the pharmacy's shelf, received this last month or two.
  const rvcToday = localDate(now, rvc.timeZone);
  rvcMeds.forEach((m, i) => {
    const at = new Date(now.getTime() - (10 + ((i * 7) % 40)) * 86_400_000);
    const id = newId();
    const unitCostMinor = Math.max(1, Math.round(m.salePriceMinor * 0.65));
    batchRows.push({
      id,
      hospitalId: rvc.id,
      storeId: rvcStore.pharmacy,
      medicineId: rvcRows[i]!.id,
      batchNumber: `${m.batchPrefix}${rvcToday.slice(2, 4)}R${String(i + 10)}`,
      expiryDate: endOfMonth(rvcToday, 12 + (i % 12)),
      unitCostMinor,
      receivedAt: at,
    });
    const quantity = Math.ceil((m.reorderLevel * 3) / m.packSize) * m.packSize;
    ledgerRows.push({
      id: newId(),
      hospitalId: rvc.id,
      storeId: rvcStore.pharmacy,
      batchId: id,
      medicineId: rvcRows[i]!.id,
      kind: 'receipt',
      quantity,
      balanceAfter: 0,
      unitCostMinor,
      actorUserId: users.rvcAdmin,
      occurredAt: at,
      referenceType: null,
      referenceId: null,
    });
  });

  await insertRows(tx, stockBatches, batchRows);
  await insertRows(tx, pharmacySales, sales);
  await insertRows(tx, pharmacySaleLines, saleLines);
  await insertRows(tx, stockLedger, ledgerRows);
  return {
    medicines: cghRows.length + rvcRows.length,
    stockMovements: ledgerRows.length,
    medicineIds: cghRows.map((r) => r.id),
    given: (ref, medicine) => given.get(`${ref}/${medicine}`) ?? 0,
  };
}

type LedgerDraft = { referenceType: string | null; referenceId: string | null };

/**
 * The counter sales behind the planned 'sale' movements: the parts of one sale (one medicine, one
 * moment, one seller, perhaps several batches) become one sale with one line, priced as the app
 * prices it, and its ledger rows point to it, so the counter-sale screen's history matches the ledger.
 */
function counterSales(
  plan: ReturnType<typeof planStock>,
  ledgerRows: LedgerDraft[],
  catalog: { id: string; salePriceMinor: number; taxRateBp: number }[],
  o: { hospitalId: string; users: Record<Actor, string> },
) {
  const byKey = new Map<string, { id: string; medicine: number; at: Date; actor: Actor; quantity: number }>();
  plan.moves.forEach((mv, k) => {
    if (mv.kind !== 'sale') return;
    const medicine = plan.batches[mv.batch]!.medicine;
    const key = `${medicine}/${mv.at.getTime()}/${mv.actor}`;
    let sale = byKey.get(key);
    if (!sale) byKey.set(key, (sale = { id: newId(), medicine, at: mv.at, actor: mv.actor, quantity: 0 }));
    sale.quantity -= mv.quantity;
    ledgerRows[k]!.referenceType = 'sale';
    ledgerRows[k]!.referenceId = sale.id;
  });
  const sales = [];
  const saleLines = [];
  let n = 0;
  for (const sale of byKey.values()) {
    const m = catalog[sale.medicine]!;
    const amounts = priceLine({
      quantity: sale.quantity,
      unitPriceMinor: m.salePriceMinor,
      taxRateBp: m.taxRateBp,
    });
    sales.push({
      id: sale.id,
      hospitalId: o.hospitalId,
      idempotencyKey: `demo-sale-${++n}`,
      requestHash: 'demo',
      currency: 'INR',
      ...amounts,
      soldBy: o.users[sale.actor],
      soldAt: sale.at,
    });
    saleLines.push({
      id: newId(),
      saleId: sale.id,
      medicineId: m.id,
      quantity: sale.quantity,
      unitPriceMinor: m.salePriceMinor,
      taxRateBp: m.taxRateBp,
      ...amounts,
      position: 0,
    });
  }
  return { sales, saleLines };
}
