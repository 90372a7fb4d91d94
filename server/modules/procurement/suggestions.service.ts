// Reorder suggestions: for each medicine at or under its reorder level in a receiving store, how
// many packs to order, from how fast it was used in the last 30 and 90 days, the supplier's lead
// time and the hospital's safety stock (the formula is in ADR 12). Chosen suggestions become draft
// orders, one per supplier, in one transaction.
import type {
  CreatedDraftOrder,
  CreateOrdersFromSuggestions,
  ReorderSuggestion,
  ReorderSuggestions,
} from '../../../contracts/procurement';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import * as orders from './orders.repo';
import { checkStore, createDraft } from './orders.service';
import { suggestionRows, type SuggestionRow } from './suggestions.repo';

/** The lead time assumed when no supplier is known yet: a new supplier's (the table's default). */
export const DEFAULT_LEAD_TIME_DAYS = 7;

/** What is known of a (store, medicine) pair, in dispensing units (packs where named). */
export interface SuggestionInput {
  onHand: number;
  reorderLevel: number;
  onOrderUnits: number;
  packSize: number;
  /** Units used in the last 30 and 90 days. */
  used30: number;
  used90: number;
  leadTimeDays: number;
  safetyStockDays: number;
}

/**
 * Packs to order: enough for the faster of the two daily rates over the lead time and the safety
 * stock, plus the reorder level, less what is in hand and on order; at least one pack.
 *
 *   rate = max(used30 / 30, used90 / 90)
 *   packs = max(1, ceil(max(0, rate × (lead + safety) + reorderLevel − onHand − onOrder) / packSize))
 *
 * Worked in whole numbers (everything × 90), so a need of exactly 300 units is never 300.0000001.
 */
export function suggestedPacks(s: SuggestionInput): number {
  const rate90 = Math.max(s.used30 * 3, s.used90); // the daily rate × 90
  const need90 =
    rate90 * (s.leadTimeDays + s.safetyStockDays) + 90 * (s.reorderLevel - s.onHand - s.onOrderUnits);
  if (need90 <= 0) return 1;
  return Math.max(1, Math.ceil(need90 / (90 * s.packSize)));
}

const perDay = (units: number, days: number) => Math.round((units / days) * 100) / 100;

function toSuggestion(r: SuggestionRow, safetyStockDays: number): ReorderSuggestion {
  const leadTimeDays = r.lead_time_days ?? DEFAULT_LEAD_TIME_DAYS;
  return {
    medicineId: r.medicine_id,
    medicineName: r.medicine_name,
    strength: r.strength,
    form: r.form,
    storeId: r.store_id,
    storeName: r.store_name,
    onHand: r.on_hand,
    reorderLevel: r.reorder_level,
    onOrderPacks: r.on_order_packs,
    packSize: r.pack_size,
    avgDaily30: perDay(r.used30, 30),
    avgDaily90: perDay(r.used90, 90),
    suggestedPacks: suggestedPacks({
      onHand: r.on_hand,
      reorderLevel: r.reorder_level,
      onOrderUnits: r.on_order_units,
      packSize: r.pack_size,
      used30: r.used30,
      used90: r.used90,
      leadTimeDays,
      safetyStockDays,
    }),
    supplier: r.supplier_id ? { id: r.supplier_id, name: r.supplier_name!, leadTimeDays } : null,
    lastPriceMinor: r.last_price_minor === null ? null : Number(r.last_price_minor),
  };
}

export async function listSuggestions(ctx: Ctx, storeId?: string): Promise<ReorderSuggestions> {
  const hospitalId = requireHospital(ctx.actor);
  if (storeId) await checkStore(ctx.db, hospitalId, storeId, 'query.storeId');
  const [settings, rows] = await Promise.all([
    orders.settingsOf(ctx.db, hospitalId),
    suggestionRows(ctx.db, hospitalId, storeId),
  ]);
  return {
    safetyStockDays: settings.safetyStockDays,
    currency: settings.currency,
    items: rows.map((r) => toSuggestion(r, settings.safetyStockDays)),
  };
}

/**
 * One draft per supplier named in the lines, each made exactly as a draft the officer writes by
 * hand (numbered, priced from the supplier's last price unless a price is given), all in one
 * transaction: a bad line anywhere leaves no draft behind.
 */
export async function ordersFromSuggestions(
  ctx: Ctx,
  input: CreateOrdersFromSuggestions,
): Promise<{ orders: CreatedDraftOrder[] }> {
  const hospitalId = requireHospital(ctx.actor);
  const bySupplier = new Map<
    string,
    { index: number; line: CreateOrdersFromSuggestions['lines'][number] }[]
  >();
  input.lines.forEach((line, index) => {
    bySupplier.set(line.supplierId, [...(bySupplier.get(line.supplierId) ?? []), { index, line }]);
  });
  const made = await ctx.db.transaction(async (tx) => {
    const out: CreatedDraftOrder[] = [];
    for (const [supplierId, group] of bySupplier) {
      const draft = await createDraft(
        tx,
        ctx,
        hospitalId,
        {
          supplierId,
          storeId: input.storeId,
          lines: group.map(({ line }) => ({
            medicineId: line.medicineId,
            packs: line.packs,
            ...(line.unitPriceMinor === undefined ? {} : { unitPriceMinor: line.unitPriceMinor }),
          })),
        },
        (i) => `body.lines.${group[i]!.index}`,
      );
      out.push(draft);
    }
    return out;
  });
  return { orders: made };
}
