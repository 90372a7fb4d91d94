// Stock by hand: stores, receipts, adjustments with a reason, writing off expired batches, and the
// lists of batches and ledger rows. Every change is ledger rows, audited, in one transaction.
import type {
  AdjustStock,
  Batch,
  ExpiryState,
  LedgerEntry,
  LedgerKind,
  ReceiveStock,
  Store,
  StoreKind,
} from '../../../contracts/pharmacy';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import * as catalog from './catalog.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { lockMedicinesStock, lockOrder } from './stock.moves';
import * as query from './stock.query.repo';
import * as repo from './stock.repo';

const toStore = (s: repo.StoreRow): Store => ({
  id: s.id,
  hospitalId: s.hospitalId,
  name: s.name,
  kind: s.kind as StoreKind,
  active: s.active,
});

/** The active hospital's stores (its main store and pharmacy are made on first use). */
export async function listStores(ctx: Ctx): Promise<Store[]> {
  return (await repo.listStores(ctx.db, requireHospital(ctx.actor))).map(toStore);
}

/** Adds a ward store. */
export async function createWardStore(ctx: Ctx, name: string): Promise<Store> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await repo.ensureStores(tx, hospitalId);
    const row = await repo.insertStore(tx, { hospitalId, name, kind: 'ward' });
    await audit(tx, ctx, {
      action: 'store.created',
      entityType: 'store',
      entityId: row.id,
      after: { name, kind: 'ward' },
    });
    return toStore(row);
  });
}

/** A store of the active hospital, or 404. */
export async function storeOf(tx: Tx | Ctx['db'], hospitalId: string, storeId: string) {
  const store = await repo.findStore(tx, hospitalId, storeId);
  if (!store || !store.active) throw notFound('Store');
  return store;
}

/** Ledger rows by id, as the contract shows them (with who moved the stock). */
export async function ledgerEntries(
  exec: Ctx['db'],
  hospitalId: string,
  ids: string[],
): Promise<LedgerEntry[]> {
  if (ids.length === 0) return [];
  return toEntries(exec, await query.listLedger(exec, hospitalId, { ids }, ids.length, 0));
}

async function toEntries(exec: Ctx['db'], rows: query.LedgerListRow[]): Promise<LedgerEntry[]> {
  const names = await findUserNames(
    exec,
    rows.map((r) => r.actor_user_id),
  );
  return rows.map((r) => ({
    id: r.id,
    occurredAt: iso(r.occurred_at),
    kind: r.kind as LedgerKind,
    storeId: r.store_id,
    storeName: r.store_name,
    batchId: r.batch_id,
    batchNumber: r.batch_number,
    medicineId: r.medicine_id,
    medicineName: r.medicine_name,
    quantity: Number(r.quantity),
    balanceAfter: Number(r.balance_after),
    reason: r.reason,
    referenceType: r.reference_type,
    referenceId: r.reference_id,
    actorName: r.actor_user_id ? (names.get(r.actor_user_id) ?? null) : null,
  }));
}

/** A line of stock arriving: units of one batch of a medicine at a cost per unit. */
export interface IncomingLine {
  medicineId: string;
  batchNumber: string;
  expiryDate: string;
  /** Dispensing units. */
  quantity: number;
  unitCostMinor: number;
}

/**
 * Puts stock into a store inside the caller's transaction: each line becomes (or adds to) a batch
 * and a receipt row of the ledger, optionally naming what it came from (a goods receipt). Expired
 * batches are refused: they would be unusable on arrival. `path` names the body's lines in errors.
 */
export async function postReceipt(
  tx: Tx,
  ctx: Ctx,
  p: {
    hospitalId: string;
    storeId: string;
    lines: IncomingLine[];
    note: string | null;
    reference?: { type: string; id: string };
    path?: string;
  },
): Promise<{ id: string; batchId: string }[]> {
  const { hospitalId } = p;
  const path = p.path ?? 'body.lines';
  const store = await storeOf(tx, hospitalId, p.storeId);
  const today = await query.hospitalToday(tx, hospitalId);
  const meds = new Map(
    (
      await catalog.findMedicinesForUpdate(
        tx,
        hospitalId,
        p.lines.map((l) => l.medicineId),
      )
    ).map((m) => [m.id, m]),
  );
  const rows: repo.NewLedgerRow[] = [];
  for (const [i, l] of p.lines.entries()) {
    const m = meds.get(l.medicineId);
    if (!m)
      throw new AppError('NOT_FOUND', 'Medicine not found.', {
        errors: [{ path: `${path}.${i}.medicineId`, message: 'Unknown medicine' }],
      });
    if (!m.active) throw new AppError('MEDICINE_INACTIVE', `${medicineLabel(m)} is no longer in use.`);
    if (l.expiryDate < today) {
      throw new AppError(
        'BATCH_EXPIRED',
        `Batch ${l.batchNumber} expired on ${l.expiryDate}; it cannot be received.`,
        {
          errors: [{ path: `${path}.${i}.expiryDate`, message: 'Already expired' }],
        },
      );
    }
    if (l.quantity > 1_000_000) throw new AppError('VALIDATION_FAILED', 'At most 1,000,000 units per line.');
    const batch = await repo.findOrCreateBatch(tx, {
      hospitalId,
      storeId: store.id,
      medicineId: m.id,
      batchNumber: l.batchNumber,
      expiryDate: l.expiryDate,
      unitCostMinor: l.unitCostMinor,
    });
    rows.push({
      hospitalId,
      storeId: store.id,
      batchId: batch.id,
      medicineId: m.id,
      kind: 'receipt',
      quantity: l.quantity,
      unitCostMinor: l.unitCostMinor,
      reason: p.note,
      referenceType: p.reference?.type ?? null,
      referenceId: p.reference?.id ?? null,
      actorUserId: ctx.actor.userId,
    });
  }
  // The ledger rows lock their batches in line order: lock them in the pickings' order first.
  const medicines = rows.map((r) => r.medicineId);
  await lockMedicinesStock(tx, store.id, medicines);
  const inserted = await repo.insertLedger(tx, rows);
  return inserted.map((r, i) => ({ id: r.id, batchId: rows[i]!.batchId }));
}

/**
 * Sends units of batches back to their supplier inside the caller's transaction (damaged or expired
 * stock): one supplier_return ledger row per line. Stock promised to online orders cannot go.
 */
export async function postSupplierReturn(
  tx: Tx,
  ctx: Ctx,
  p: {
    hospitalId: string;
    lines: { batchId: string; units: number }[];
    reason: string;
    reference: { type: string; id: string };
  },
): Promise<{ id: string; batchId: string; medicineId: string }[]> {
  // Lock the batches as pickings do (medicine by medicine, in lockOrder) before taking them one by
  // one in the request's order, so a return never deadlocks with a sale.
  const batchIds = p.lines.map((l) => l.batchId);
  for (const b of lockOrder(await repo.batchPlaces(tx, p.hospitalId, batchIds))) {
    await repo.lockBatches(tx, b.storeId, b.medicineId);
  }
  const rows: repo.NewLedgerRow[] = [];
  for (const [i, l] of p.lines.entries()) {
    const batch = await repo.lockBatch(tx, p.hospitalId, l.batchId);
    if (!batch) {
      throw new AppError('NOT_FOUND', 'Batch not found.', {
        errors: [{ path: `body.lines.${i}.batchId`, message: 'Not a batch of this hospital' }],
      });
    }
    if (batch.on_hand - batch.reserved < l.units) {
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `Batch ${batch.batch_number} holds ${batch.on_hand - batch.reserved} unit(s) that can go back; ${l.units} asked.`,
        { available: batch.on_hand - batch.reserved },
      );
    }
    rows.push({
      hospitalId: p.hospitalId,
      storeId: batch.store_id,
      batchId: batch.id,
      medicineId: batch.medicine_id,
      kind: 'supplier_return',
      quantity: -l.units,
      unitCostMinor: batch.unit_cost_minor,
      reason: p.reason,
      referenceType: p.reference.type,
      referenceId: p.reference.id,
      actorUserId: ctx.actor.userId,
    });
  }
  const inserted = await repo.insertLedger(tx, rows);
  return inserted.map((r, i) => ({ id: r.id, batchId: rows[i]!.batchId, medicineId: rows[i]!.medicineId }));
}

/** Receives stock by hand into a store (no order behind it), in units or in packs. */
export async function receiveStock(ctx: Ctx, input: ReceiveStock): Promise<LedgerEntry[]> {
  const hospitalId = requireHospital(ctx.actor);
  const ids = await ctx.db.transaction(async (tx) => {
    const packSizes = new Map(
      (
        await catalog.findMedicinesForUpdate(
          tx,
          hospitalId,
          input.lines.map((l) => l.medicineId),
        )
      ).map((m) => [m.id, m.packSize]),
    );
    const posted = await postReceipt(tx, ctx, {
      hospitalId,
      storeId: input.storeId,
      note: input.note ?? null,
      lines: input.lines.map((l) => ({
        medicineId: l.medicineId,
        batchNumber: l.batchNumber,
        expiryDate: l.expiryDate,
        quantity: l.quantity ?? l.packs! * (packSizes.get(l.medicineId) ?? 1),
        unitCostMinor: l.unitCostMinor,
      })),
    });
    await audit(tx, ctx, {
      action: 'stock.received',
      entityType: 'store',
      entityId: input.storeId,
      after: { lines: input.lines, ledgerIds: posted.map((r) => r.id) },
    });
    return posted.map((r) => r.id);
  });
  return ledgerEntries(ctx.db, hospitalId, ids);
}

/** Corrects a batch by a signed quantity with a reason (damaged, lost, found, a count). */
export async function adjustStock(ctx: Ctx, input: AdjustStock): Promise<LedgerEntry> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const batch = await repo.lockBatch(tx, hospitalId, input.batchId);
    if (!batch) throw notFound('Batch');
    if (batch.on_hand + input.change < batch.reserved) {
      throw new AppError(
        'INSUFFICIENT_STOCK',
        `The batch holds ${batch.on_hand} unit(s), ${batch.reserved} of them promised to orders: it cannot go down by ${-input.change}.`,
      );
    }
    const [row] = await repo.insertLedger(tx, [
      {
        hospitalId,
        storeId: batch.store_id,
        batchId: batch.id,
        medicineId: batch.medicine_id,
        kind: 'adjustment',
        quantity: input.change,
        unitCostMinor: batch.unit_cost_minor,
        reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
        actorUserId: ctx.actor.userId,
      },
    ]);
    await audit(tx, ctx, {
      action: 'stock.adjusted',
      entityType: 'stock_batch',
      entityId: batch.id,
      before: { onHand: batch.on_hand },
      after: {
        onHand: row!.balanceAfter,
        change: input.change,
        reason: input.reason,
        note: input.note ?? null,
      },
    });
    return row!.id;
  });
  return (await ledgerEntries(ctx.db, hospitalId, [id]))[0]!;
}

/**
 * Writes off every expired batch of a store in one transaction (one ledger row each); promises of
 * those batches to online orders are released first (an order then picks other batches, or cannot
 * be dispensed).
 */
export async function writeOffExpired(ctx: Ctx, storeId: string): Promise<LedgerEntry[]> {
  const hospitalId = requireHospital(ctx.actor);
  const ids = await ctx.db.transaction(async (tx) => {
    const store = await storeOf(tx, hospitalId, storeId);
    const expired = (await query.expiringBatches(tx, hospitalId, 0, 'expired')).filter(
      (b) => b.store_id === store.id,
    );
    // In the pickings' order, not in expiry order.
    const medicines = expired.map((e) => e.medicine_id);
    await lockMedicinesStock(tx, store.id, medicines);
    const rows: repo.NewLedgerRow[] = [];
    for (const e of expired) {
      const b = await repo.lockBatch(tx, hospitalId, e.batch_id);
      if (!b || b.on_hand === 0) continue;
      if (b.reserved > 0) await repo.releaseReservationsOfBatch(tx, b.id);
      rows.push({
        hospitalId,
        storeId: store.id,
        batchId: b.id,
        medicineId: b.medicine_id,
        kind: 'write_off',
        quantity: -b.on_hand,
        unitCostMinor: b.unit_cost_minor,
        reason: `expired ${b.expiry_date}`,
        actorUserId: ctx.actor.userId,
      });
    }
    const inserted = await repo.insertLedger(tx, rows);
    if (inserted.length > 0) {
      await audit(tx, ctx, {
        action: 'stock.expired_written_off',
        entityType: 'store',
        entityId: store.id,
        after: { batches: rows.map((r) => ({ batchId: r.batchId, quantity: -r.quantity })) },
      });
    }
    return inserted.map((r) => r.id);
  });
  return ledgerEntries(ctx.db, hospitalId, ids);
}

/** A page of batches (a medicine's drill-down, or a store's), soonest expiry first. */
export async function listBatches(
  ctx: Ctx,
  q: { storeId?: string; medicineId?: string; includeEmpty?: string; limit: number; offset: number },
) {
  const rows = await query.listBatches(
    ctx.db,
    requireHospital(ctx.actor),
    { storeId: q.storeId, medicineId: q.medicineId, includeEmpty: q.includeEmpty === 'true' },
    q.limit,
    q.offset,
  );
  const items: Batch[] = rows.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    storeName: r.store_name,
    medicineId: r.medicine_id,
    medicineName: r.medicine_name,
    batchNumber: r.batch_number,
    expiryDate: r.expiry_date,
    expiry: r.expiry as ExpiryState,
    onHand: Number(r.on_hand),
    reserved: Number(r.reserved),
    unitCostMinor: Number(r.unit_cost_minor),
    receivedAt: iso(r.received_at),
  }));
  return { items, total: rows[0] ? Number(rows[0].total) : 0, limit: q.limit, offset: q.offset };
}

/** A page of the ledger, newest first, filtered by batch, medicine, store or kind. */
export async function listLedger(
  ctx: Ctx,
  q: {
    batchId?: string;
    medicineId?: string;
    storeId?: string;
    kind?: string;
    limit: number;
    offset: number;
  },
) {
  const rows = await query.listLedger(ctx.db, requireHospital(ctx.actor), q, q.limit, q.offset);
  return {
    items: await toEntries(ctx.db, rows),
    total: rows[0] ? Number(rows[0].total) : 0,
    limit: q.limit,
    offset: q.offset,
  };
}
