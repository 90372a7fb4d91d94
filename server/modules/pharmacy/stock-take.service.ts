// Stock takes: count a store batch by batch without seeing what the system expects (a blind count),
// then see the differences and post them as adjustments, all in one transaction.
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { RecordCounts, StockTake } from '../../../contracts/stock-control';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { stockTakeLines, stockTakes } from './pharmacy.orders.tables';
import { stores } from './pharmacy.tables';
import { medicineName } from './stock.query.repo';
import * as stock from './stock.repo';
import { storeOf } from './stock.service';

type TakeRow = typeof stockTakes.$inferSelect;

interface LineRow {
  batch_id: string;
  medicine_id: string;
  medicine_name: string;
  batch_number: string;
  expiry_date: string;
  counted: number | null;
  on_hand: number;
  expected_at_post: number | null;
}

async function lines(exec: Executor, takeId: string): Promise<LineRow[]> {
  return queryRows<LineRow>(
    exec,
    sql`select t.batch_id, b.medicine_id, ${medicineName} as medicine_name, b.batch_number,
               to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date, t.counted, b.on_hand, t.expected_at_post
          from stock_take_lines t join stock_batches b on b.id = t.batch_id join medicines m on m.id = b.medicine_id
         where t.stock_take_id = ${takeId}
         order by m.generic_name, m.strength, b.expiry_date, b.batch_number`,
  );
}

async function present(ctx: Ctx, take: TakeRow, reveal: boolean): Promise<StockTake> {
  const [store] = await ctx.db.select({ name: stores.name }).from(stores).where(eq(stores.id, take.storeId));
  const rows = await lines(ctx.db, take.id);
  const names = await findUserNames(ctx.db, [take.startedBy]);
  // After posting, what was expected is what the count was compared with; before, what is on hand now.
  const show = reveal || take.status === 'posted';
  return {
    id: take.id,
    storeId: take.storeId,
    storeName: store?.name ?? '',
    status: take.status as StockTake['status'],
    startedAt: take.startedAt.toISOString(),
    startedByName: take.startedBy ? (names.get(take.startedBy) ?? null) : null,
    postedAt: take.postedAt ? take.postedAt.toISOString() : null,
    counted: rows.filter((r) => r.counted !== null).length,
    total: rows.length,
    lines: rows.map((r) => {
      const expected = take.status === 'posted' ? r.expected_at_post : Number(r.on_hand);
      return {
        batchId: r.batch_id,
        medicineId: r.medicine_id,
        medicineName: r.medicine_name,
        batchNumber: r.batch_number,
        expiryDate: r.expiry_date,
        counted: r.counted === null ? null : Number(r.counted),
        expected: show ? expected : null,
        difference: show && r.counted !== null && expected !== null ? Number(r.counted) - expected : null,
      };
    }),
  };
}

async function findTake(exec: Executor, hospitalId: string, id: string, lock = false) {
  const q = exec
    .select()
    .from(stockTakes)
    .where(and(eq(stockTakes.id, id), eq(stockTakes.hospitalId, hospitalId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** One stock take; `reveal` adds expected quantities and differences (blind until asked). */
export async function getStockTake(ctx: Ctx, id: string, reveal: boolean): Promise<StockTake> {
  const take = await findTake(ctx.db, requireHospital(ctx.actor), id);
  if (!take) throw notFound('Stock take');
  return present(ctx, take, reveal);
}

export async function listStockTakes(ctx: Ctx, page: { limit: number; offset: number }) {
  const hospitalId = requireHospital(ctx.actor);
  const where = eq(stockTakes.hospitalId, hospitalId);
  const rows = await ctx.db
    .select()
    .from(stockTakes)
    .where(where)
    .orderBy(desc(stockTakes.startedAt), desc(stockTakes.id))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await ctx.db.select({ n: count() }).from(stockTakes).where(where);
  const items = await Promise.all(
    rows.map(async (t) => {
      const { lines: _lines, ...summary } = await present(ctx, t, false);
      return summary;
    }),
  );
  return { items, total: Number(c?.n ?? 0), limit: page.limit, offset: page.offset };
}

/** Starts counting a store: one line per batch holding stock. One count per store at a time. */
export async function startStockTake(ctx: Ctx, storeId: string): Promise<StockTake> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const store = await storeOf(tx, hospitalId, storeId);
    const [take] = await tx
      .insert(stockTakes)
      .values({ hospitalId, storeId: store.id, startedBy: ctx.actor.userId })
      .returning();
    await tx.execute(
      sql`insert into stock_take_lines (id, stock_take_id, batch_id)
          select gen_random_uuid(), ${take!.id}, b.id from stock_batches b
           where b.store_id = ${store.id} and b.on_hand > 0`,
    );
    await audit(tx, ctx, {
      action: 'stock_take.started',
      entityType: 'stock_take',
      entityId: take!.id,
      after: { storeId: store.id },
    });
    return take!.id;
  });
  return getStockTake(ctx, id, false);
}

async function lockCounting(tx: Tx, hospitalId: string, id: string): Promise<TakeRow> {
  const take = await findTake(tx, hospitalId, id, true);
  if (!take) throw notFound('Stock take');
  if (take.status !== 'counting')
    throw new AppError('INVALID_TRANSITION', `This stock take is ${take.status}.`);
  return take;
}

/** Records counted quantities (again, to correct one). Batches not on the count are refused. */
export async function recordCounts(ctx: Ctx, id: string, input: RecordCounts): Promise<StockTake> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await lockCounting(tx, hospitalId, id);
    const known = new Set(
      (
        await tx
          .select({ batchId: stockTakeLines.batchId })
          .from(stockTakeLines)
          .where(
            and(
              eq(stockTakeLines.stockTakeId, id),
              inArray(
                stockTakeLines.batchId,
                input.lines.map((l) => l.batchId),
              ),
            ),
          )
      ).map((r) => r.batchId),
    );
    input.lines.forEach((l, i) => {
      if (!known.has(l.batchId)) {
        throw new AppError('NOT_FOUND', 'That batch is not on this count.', {
          errors: [{ path: `body.lines.${i}.batchId`, message: 'Not a batch of this count' }],
        });
      }
    });
    for (const l of input.lines) {
      await tx
        .update(stockTakeLines)
        .set({ counted: l.counted })
        .where(and(eq(stockTakeLines.stockTakeId, id), eq(stockTakeLines.batchId, l.batchId)));
    }
  });
  return getStockTake(ctx, id, false);
}

/**
 * Posts the differences as adjustments (reason "stock take"), one ledger row per batch that
 * differs, in one transaction. Every line must be counted. Where the shelf holds less than is
 * promised to online orders, the promises on that batch are released first (the orders pick again
 * when dispensed).
 */
export async function postStockTake(ctx: Ctx, id: string): Promise<StockTake> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const take = await lockCounting(tx, hospitalId, id);
    const rows = await lines(tx, id);
    const uncounted = rows.filter((r) => r.counted === null).length;
    if (uncounted > 0) {
      throw new AppError('INVALID_TRANSITION', `${uncounted} batch(es) are not counted yet.`, { uncounted });
    }
    // Lock each medicine's batches as pickings do (medicine by medicine, in picking order), so a
    // count never deadlocks with a sale.
    const medicineIds = [...new Set(rows.map((r) => r.medicine_id))].sort();
    for (const m of medicineIds) await stock.lockBatches(tx, take.storeId, m);
    const adjustments: stock.NewLedgerRow[] = [];
    for (const batchId of rows.map((r) => r.batch_id)) {
      const b = (await stock.lockBatch(tx, hospitalId, batchId))!;
      const counted = Number(rows.find((r) => r.batch_id === batchId)!.counted);
      await tx
        .update(stockTakeLines)
        .set({ expectedAtPost: b.on_hand })
        .where(and(eq(stockTakeLines.stockTakeId, id), eq(stockTakeLines.batchId, batchId)));
      if (counted === b.on_hand) continue;
      if (counted < b.reserved) await stock.releaseReservationsOfBatch(tx, b.id);
      adjustments.push({
        hospitalId,
        storeId: take.storeId,
        batchId: b.id,
        medicineId: b.medicine_id,
        kind: 'adjustment',
        quantity: counted - b.on_hand,
        unitCostMinor: b.unit_cost_minor,
        reason: 'stock take',
        referenceType: 'stock_take',
        referenceId: id,
        actorUserId: ctx.actor.userId,
      });
    }
    await stock.insertLedger(tx, adjustments);
    await tx
      .update(stockTakes)
      .set({ status: 'posted', postedBy: ctx.actor.userId, postedAt: new Date() })
      .where(eq(stockTakes.id, id));
    await audit(tx, ctx, {
      action: 'stock_take.posted',
      entityType: 'stock_take',
      entityId: id,
      after: {
        storeId: take.storeId,
        adjustments: adjustments.map((a) => ({ batchId: a.batchId, change: a.quantity })),
      },
    });
  });
  return getStockTake(ctx, id, true);
}

/** Abandons a count; nothing changes. */
export async function cancelStockTake(ctx: Ctx, id: string): Promise<StockTake> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await lockCounting(tx, hospitalId, id);
    await tx.update(stockTakes).set({ status: 'cancelled' }).where(eq(stockTakes.id, id));
    await audit(tx, ctx, {
      action: 'stock_take.cancelled',
      entityType: 'stock_take',
      entityId: id,
      after: { status: 'cancelled' },
    });
  });
  return getStockTake(ctx, id, false);
}
