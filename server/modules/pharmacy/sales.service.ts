// Counter sales: priced from the catalog on the server, taken from the pharmacy store first expiry
// first, all or nothing, and safe to retry with the same key.
import type { CounterSale, PricedLine, Sale } from '../../../contracts/dispensing';
import type { Pick } from '../../../contracts/pharmacy';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { billPharmacySale } from '../billing';
import { findUserNames } from '../identity';
import { findHospitalInfo } from '../organisation';
import { registeredPatient } from '../patients';
import { requestHash } from './dispensing.service';
import * as repo from './dispensing.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { priceRequestLines } from './priced-lines';
import { sumLines } from './pricing';
import { lockOrder, takeStock } from './stock.moves';
import { storeOfKind } from './stock.repo';

/** Sells over the counter (to a walk-in customer, or a patient registered here). */
export async function sell(ctx: Ctx, input: CounterSale): Promise<Sale> {
  const hospitalId = requireHospital(ctx.actor);
  const hash = requestHash({ patientId: input.patientId ?? null, lines: input.lines });
  const saleId = await ctx.db.transaction(async (tx) => {
    if (input.patientId && !(await registeredPatient(tx, input.patientId, hospitalId)))
      throw notFound('Patient');
    const hospital = await findHospitalInfo(tx, hospitalId);
    const claimed = await repo.claimSale(tx, {
      hospitalId,
      patientId: input.patientId ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      currency: hospital!.currency,
      netMinor: 0,
      taxMinor: 0,
      totalMinor: 0,
      soldBy: ctx.actor.userId,
    });
    if (!claimed) return null;
    const store = await storeOfKind(tx, hospitalId, 'pharmacy');
    const priced = await priceRequestLines(tx, hospitalId, input.lines);
    for (const p of lockOrder(priced)) {
      await takeStock(tx, {
        hospitalId,
        storeId: store.id,
        medicineId: p.medicineId,
        medicineName: medicineLabel(p.m),
        quantity: p.quantity,
        kind: 'sale',
        referenceType: 'sale',
        referenceId: claimed.id,
        actorUserId: ctx.actor.userId,
      });
    }
    const totals = sumLines(priced.map((p) => p.amounts));
    await repo.completeSale(
      tx,
      claimed.id,
      totals,
      priced.map((p) => ({
        saleId: claimed.id,
        medicineId: p.medicineId,
        quantity: p.quantity,
        unitPriceMinor: p.m.salePriceMinor,
        taxRateBp: p.m.taxRateBp,
        ...p.amounts,
        position: p.position,
      })),
    );
    await audit(tx, ctx, {
      action: 'pharmacy.sale',
      entityType: 'pharmacy_sale',
      entityId: claimed.id,
      patientId: input.patientId ?? null,
      after: { lines: input.lines, ...totals },
    });
    await billPharmacySale(tx, ctx, claimed.id);
    return claimed.id;
  });
  if (saleId) return getSale(ctx, saleId);
  const earlier = await repo.findSaleByKey(ctx.db, hospitalId, input.idempotencyKey);
  if (!earlier || earlier.requestHash !== hash) {
    throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different sale.');
  }
  return getSale(ctx, earlier.id);
}

/** One sale of the active hospital, with its lines, prices and the batches picked. */
export async function getSale(ctx: Ctx, id: string): Promise<Sale> {
  const hospitalId = requireHospital(ctx.actor);
  const sale = await repo.findSale(ctx.db, hospitalId, id);
  if (!sale) throw notFound('Sale');
  const lines = await repo.saleLines(ctx.db, id);
  const picks = await repo.picksOf(ctx.db, 'sale', [id]);
  const names = await findUserNames(ctx.db, [sale.soldBy]);
  return {
    id: sale.id,
    hospitalId,
    patientId: sale.patientId,
    soldAt: iso(sale.soldAt),
    soldByName: sale.soldBy ? (names.get(sale.soldBy) ?? null) : null,
    lines: lines.map(({ l, medicineName }): PricedLine & { picks: Pick[] } => ({
      medicineId: l.medicineId,
      medicineName,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxRateBp: l.taxRateBp,
      netMinor: l.netMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
      picks: picks
        .filter((p) => p.medicine_id === l.medicineId)
        .map((p) => ({
          batchId: p.batch_id,
          batchNumber: p.batch_number,
          expiryDate: p.expiry_date,
          quantity: Number(p.quantity),
        })),
    })),
    totals: {
      currency: sale.currency,
      netMinor: sale.netMinor,
      taxMinor: sale.taxMinor,
      totalMinor: sale.totalMinor,
    },
  };
}

/** The active hospital's sales, newest first. */
export async function listSales(ctx: Ctx, page: { limit: number; offset: number }) {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.listSales(ctx.db, hospitalId, page.limit, page.offset);
  const names = await findUserNames(
    ctx.db,
    rows.map((r) => r.s.soldBy),
  );
  return {
    items: rows.map(({ s, items }) => ({
      id: s.id,
      hospitalId,
      patientId: s.patientId,
      soldAt: iso(s.soldAt),
      soldByName: s.soldBy ? (names.get(s.soldBy) ?? null) : null,
      totals: { currency: s.currency, netMinor: s.netMinor, taxMinor: s.taxMinor, totalMinor: s.totalMinor },
      items: Number(items),
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}
