// What the pharmacist watches: alerts (low stock, expiring and expired batches), stock valuation
// (with a spreadsheet-safe CSV) and the charts of stock value and top medicines.
import type { StockAlerts, StockInsights, StockValuation } from '../../../contracts/stock-control';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { toCsv } from '../../platform/csv';
import { findHospitalInfo } from '../organisation';
import * as query from './stock.query.repo';

const ALERT_DAYS = 90;

function toExpiring(r: query.ExpiryRow) {
  return {
    batchId: r.batch_id,
    storeId: r.store_id,
    storeName: r.store_name,
    medicineId: r.medicine_id,
    medicineName: r.medicine_name,
    batchNumber: r.batch_number,
    expiryDate: r.expiry_date,
    daysLeft: Number(r.days_left),
    onHand: Number(r.on_hand),
    valueMinor: Number(r.value_minor),
  };
}

/** Low stock, batches expiring within 90 days, and expired batches still holding stock. */
export async function stockAlerts(ctx: Ctx): Promise<StockAlerts> {
  const hospitalId = requireHospital(ctx.actor);
  return alertsFor(ctx.db, hospitalId);
}

/** The alerts of one hospital (also used by the daily job). */
export async function alertsFor(exec: Ctx['db'], hospitalId: string): Promise<StockAlerts> {
  const [today, low, expiring, expired] = [
    await query.hospitalToday(exec, hospitalId),
    await query.lowStock(exec, hospitalId),
    await query.expiringBatches(exec, hospitalId, ALERT_DAYS, 'expiring'),
    await query.expiringBatches(exec, hospitalId, 0, 'expired'),
  ];
  return {
    today,
    lowStock: low.map((r) => ({
      medicineId: r.medicine_id,
      medicineName: r.medicine_name,
      onHand: Number(r.on_hand),
      reorderLevel: Number(r.reorder_level),
    })),
    expiring: expiring.map(toExpiring),
    expired: expired.map(toExpiring),
  };
}

async function currencyOf(exec: Ctx['db'], hospitalId: string): Promise<string> {
  return (await findHospitalInfo(exec, hospitalId))?.currency ?? 'INR';
}

/** Stock held and its value at cost, by medicine and store. */
export async function stockValuation(ctx: Ctx, storeId?: string): Promise<StockValuation> {
  const hospitalId = requireHospital(ctx.actor);
  const rows = await query.valuation(ctx.db, hospitalId, storeId);
  const items = rows.map((r) => ({
    medicineId: r.medicine_id,
    medicineName: r.medicine_name,
    storeId: r.store_id,
    storeName: r.store_name,
    onHand: Number(r.on_hand),
    valueMinor: Number(r.value_minor),
  }));
  return {
    currency: await currencyOf(ctx.db, hospitalId),
    totalMinor: items.reduce((n, r) => n + r.valueMinor, 0),
    rows: items,
  };
}

/** The valuation as CSV, amounts in major units with two decimals. */
export function valuationCsv(v: StockValuation): string {
  const money = (minor: number) => (minor / 100).toFixed(2);
  return toCsv([
    ['medicine', 'store', 'units on hand', `value (${v.currency})`],
    ...v.rows.map((r) => [r.medicineName, r.storeName, r.onHand, money(r.valueMinor)]),
    ['total', '', '', money(v.totalMinor)],
  ]);
}

/** The pharmacist's charts: stock value over the last 30 days, and the most used medicines. */
export async function stockInsights(ctx: Ctx): Promise<StockInsights> {
  const hospitalId = requireHospital(ctx.actor);
  const [value, top] = [
    await query.valueByDay(ctx.db, hospitalId, 30),
    await query.topMedicines(ctx.db, hospitalId, 30, 8),
  ];
  return {
    currency: await currencyOf(ctx.db, hospitalId),
    valueByDay: value.map((v) => ({ day: v.day, valueMinor: Number(v.value_minor) })),
    topMedicines: top.map((t) => ({
      medicineId: t.medicine_id,
      medicineName: t.medicine_name,
      quantity: Number(t.quantity),
    })),
  };
}
