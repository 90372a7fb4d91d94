// Reading purchase orders (with their lines and the timeline from the audit log) and the
// hospital's procurement settings.
import type {
  ProcurementSettings,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderSummary,
  UpdateProcurementSettings,
} from '../../../contracts/procurement';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as repo from './orders.repo';
import { noteOf, timelineOf } from './orders.timeline';

const iso = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string).toISOString());

// ---------------------------------------------------------------- settings

export async function getSettings(ctx: Ctx): Promise<ProcurementSettings> {
  return repo.settingsOf(ctx.db, requireHospital(ctx.actor));
}

export async function updateSettings(
  ctx: Ctx,
  input: UpdateProcurementSettings,
): Promise<ProcurementSettings> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, hospitalId);
    const { currency: _currency, ...current } = before;
    const next = { ...input };
    await repo.saveSettings(tx, hospitalId, next, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'procurement.settings_changed',
      entityType: 'hospital',
      entityId: hospitalId,
      before: current,
      after: next,
    });
  });
  return getSettings(ctx);
}

// ---------------------------------------------------------------- reading

function toLine(r: Record<string, unknown>): PurchaseOrderLine {
  const packs = Number(r.packs_ordered);
  const price = Number(r.unit_price_minor);
  return {
    id: r.id as string,
    medicineId: r.medicine_id as string,
    medicineName: r.medicine_name as string,
    packsOrdered: packs,
    maxPacks: Number(r.max_packs),
    packSize: Number(r.pack_size),
    unitPriceMinor: price,
    lineTotalMinor: packs * price,
    packsReceived: Number(r.packs_received),
    packsDamaged: Number(r.packs_damaged),
  };
}

function toSummary(r: Record<string, unknown>, threshold: number): PurchaseOrderSummary {
  const total = Number(r.total_minor);
  return {
    id: r.id as string,
    hospitalId: r.hospital_id as string,
    number: r.number as string,
    revision: Number(r.revision),
    supersedesId: (r.supersedes_id as string | null) ?? null,
    supersededById: (r.superseded_by_id as string | null) ?? null,
    supplierId: r.supplier_id as string,
    supplierName: r.supplier_name as string,
    storeId: r.store_id as string,
    storeName: r.store_name as string,
    status: r.status as PurchaseOrderSummary['status'],
    totalMinor: total,
    currency: r.currency as string,
    expectedOn: (r.expected_on as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    needsApproval: total >= threshold,
    createdAt: iso(r.created_at)!,
    submittedAt: iso(r.submitted_at),
    approvedAt: iso(r.approved_at),
    cancelledAt: iso(r.cancelled_at),
    cancellation: noteOf(r.cancellation_reason as string | null),
    lineCount: Number(r.line_count),
  };
}

export async function readOrder(db: Executor, hospitalId: string, id: string): Promise<PurchaseOrder> {
  const [row] = await repo.findOrders(db, hospitalId, { ids: [id], limit: 1, offset: 0 });
  if (!row) throw notFound('Purchase order');
  const settings = await repo.settingsOf(db, hospitalId);
  const [lines, timeline] = await Promise.all([repo.orderLines(db, [id]), repo.orderTimeline(db, id)]);
  const { lineCount: _n, ...summary } = toSummary(row, settings.approvalThresholdMinor);
  return {
    ...summary,
    lines: lines.map(toLine),
    timeline: timelineOf(
      timeline.map((e) => ({ at: iso(e.occurred_at)!, action: e.action, actor: e.actor, after: e.after })),
    ),
  };
}

export async function getOrder(ctx: Ctx, id: string): Promise<PurchaseOrder> {
  return readOrder(ctx.db, requireHospital(ctx.actor), id);
}

export async function listOrders(
  ctx: Ctx,
  q: { status?: string; supplierId?: string; limit: number; offset: number },
) {
  const hospitalId = requireHospital(ctx.actor);
  const settings = await repo.settingsOf(ctx.db, hospitalId);
  const rows = await repo.findOrders(ctx.db, hospitalId, q);
  return {
    items: rows.map((r) => toSummary(r, settings.approvalThresholdMinor)),
    total: rows.length ? Number(rows[0]!.total) : 0,
    limit: q.limit,
    offset: q.offset,
  };
}
