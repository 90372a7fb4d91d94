// Ward requests: a nurse asks for items for a ward store; the pharmacist issues them from the
// pharmacy first expiry first out, in full or in part (the stock leaves the pharmacy and is in
// transit); the nurse confirms receipt and the same batches arrive in the ward store.
import type { CreateWardRequest, IssueWardRequest, WardRequest } from '../../../contracts/pharmacy-orders';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { findUserNames } from '../identity';
import { picksOf } from './dispensing.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { priceRequestLines } from './priced-lines';
import { lockOrder, takeStock } from './stock.moves';
import * as stock from './stock.repo';
import { storeOf } from './stock.service';
import * as repo from './ward.repo';

type Status = WardRequest['status'];

async function present(ctx: Ctx, ids: string[]): Promise<WardRequest[]> {
  const [rows, lines, picks] = await Promise.all([
    repo.findRequests(ctx.db, ids),
    repo.linesOf(ctx.db, ids),
    picksOf(ctx.db, 'ward_request', ids),
  ]);
  const names = await findUserNames(
    ctx.db,
    rows.map((r) => r.r.requestedBy),
  );
  const byId = new Map(rows.map((r) => [r.r.id, r]));
  return ids.flatMap((id): WardRequest[] => {
    const row = byId.get(id);
    if (!row) return [];
    const r = row.r;
    return [
      {
        id: r.id,
        number: r.number,
        hospitalId: r.hospitalId,
        storeId: r.storeId,
        storeName: row.storeName,
        status: r.status as Status,
        note: r.note,
        requestedByName: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
        requestedAt: iso(r.requestedAt),
        issuedAt: r.issuedAt ? iso(r.issuedAt) : null,
        receivedAt: r.receivedAt ? iso(r.receivedAt) : null,
        lines: lines
          .filter((l) => l.l.requestId === r.id)
          .map(({ l, dispensingUnit, ...m }) => ({
            id: l.id,
            medicineId: l.medicineId,
            medicineName: medicineLabel(m),
            dispensingUnit,
            quantityRequested: l.quantityRequested,
            quantityIssued: l.quantityIssued,
            quantityReceived: l.quantityReceived,
            picks: picks
              .filter((p) => p.reference_id === r.id && p.medicine_id === l.medicineId)
              .map((p) => ({
                batchId: p.batch_id,
                batchNumber: p.batch_number,
                expiryDate: p.expiry_date,
                quantity: Number(p.quantity),
              })),
          })),
      },
    ];
  });
}

export async function getWardRequest(ctx: Ctx, id: string): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  const [r] = await present(ctx, [id]);
  if (!r || r.hospitalId !== hospitalId) throw notFound('Ward request');
  return r;
}

export async function listWardRequests(
  ctx: Ctx,
  q: { status?: Status; storeId?: string; limit: number; offset: number },
) {
  const hospitalId = requireHospital(ctx.actor);
  const { ids, total } = await repo.listRequestIds(ctx.db, hospitalId, q, q.limit, q.offset);
  return { items: await present(ctx, ids), total, limit: q.limit, offset: q.offset };
}

/** A nurse asks the pharmacy for items for a ward store of the active hospital. */
export async function createWardRequest(ctx: Ctx, input: CreateWardRequest): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const store = await storeOf(tx, hospitalId, input.storeId);
    if (store.kind !== 'ward') {
      throw new AppError('VALIDATION_FAILED', 'Requests are made for a ward store.', {
        errors: [{ path: 'body.storeId', message: 'Not a ward store' }],
      });
    }
    // Checks every medicine is the hospital's and in use (prices are not used here).
    await priceRequestLines(tx, hospitalId, input.lines);
    const number = `WR-${String(await nextNumber(tx, hospitalId, 'ward_request')).padStart(6, '0')}`;
    const row = await repo.insertRequest(tx, {
      hospitalId,
      number,
      storeId: store.id,
      note: input.note ?? null,
      requestedBy: ctx.actor.userId,
    });
    await repo.insertLines(
      tx,
      input.lines.map((l, i) => ({
        requestId: row.id,
        medicineId: l.medicineId,
        quantityRequested: l.quantity,
        position: i,
      })),
    );
    await audit(tx, ctx, {
      action: 'ward_request.created',
      entityType: 'ward_request',
      entityId: row.id,
      after: { number, storeId: store.id, lines: input.lines },
    });
    return row.id;
  });
  return getWardRequest(ctx, id);
}

/**
 * The pharmacist issues all or part of each line from the pharmacy, first expiry first out: the
 * units leave the pharmacy (transfer_out) and are in transit until the ward confirms receipt.
 */
export async function issueWardRequest(ctx: Ctx, id: string, input: IssueWardRequest): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, hospitalId, id);
    if (!request) throw notFound('Ward request');
    if (!['requested', 'partly_issued'].includes(request.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Request ${request.number} is ${request.status.replace('_', ' ')}.`,
      );
    }
    const lines = new Map((await repo.linesOf(tx, [id])).map((l) => [l.l.id, l]));
    const asked = input.lines.map((x, i) => {
      const line = lines.get(x.lineId);
      if (!line) {
        throw new AppError('NOT_FOUND', 'That line is not on this request.', {
          errors: [{ path: `body.lines.${i}.lineId`, message: 'Not a line of this request' }],
        });
      }
      if (x.issuedBefore !== line.l.quantityIssued) {
        throw new AppError(
          'CONFLICT',
          `This line has been issued meanwhile (${line.l.quantityIssued} so far, not ${x.issuedBefore}): look again before issuing more.`,
          { errors: [{ path: `body.lines.${i}.issuedBefore`, message: 'Issued meanwhile' }] },
        );
      }
      const left = line.l.quantityRequested - line.l.quantityIssued;
      if (x.quantity > left) {
        throw new AppError('VALIDATION_FAILED', `At most ${left} more can be issued on this line.`, {
          errors: [{ path: `body.lines.${i}.quantity`, message: `At most ${left}` }],
        });
      }
      return { ...x, medicineId: line.l.medicineId, name: medicineLabel(line) };
    });
    const pharmacy = await stock.storeOfKind(tx, hospitalId, 'pharmacy');
    for (const a of lockOrder(asked)) {
      await takeStock(tx, {
        hospitalId,
        storeId: pharmacy.id,
        medicineId: a.medicineId,
        medicineName: a.name,
        quantity: a.quantity,
        kind: 'transfer_out',
        referenceType: 'ward_request',
        referenceId: id,
        actorUserId: ctx.actor.userId,
      });
      await repo.addIssued(tx, a.lineId, a.quantity);
    }
    const after = await repo.linesOf(tx, [id]);
    const full = after.every((l) => l.l.quantityIssued === l.l.quantityRequested);
    await repo.setRequest(tx, id, {
      status: full ? 'issued' : 'partly_issued',
      issuedBy: ctx.actor.userId,
      issuedAt: new Date(),
    });
    await audit(tx, ctx, {
      action: 'ward_request.issued',
      entityType: 'ward_request',
      entityId: id,
      before: { status: request.status },
      after: { status: full ? 'issued' : 'partly_issued', lines: input.lines },
    });
  });
  return getWardRequest(ctx, id);
}

/** The nurse confirms what was issued arrived: the same batches enter the ward store. */
export async function receiveWardRequest(ctx: Ctx, id: string): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, hospitalId, id);
    if (!request) throw notFound('Ward request');
    const moving = await repo.inTransit(tx, id);
    if (moving.length === 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Nothing issued on request ${request.number} is waiting to be received.`,
      );
    }
    const rows: stock.NewLedgerRow[] = [];
    for (const m of moving) {
      const batch = await stock.findOrCreateBatch(tx, {
        hospitalId,
        storeId: request.storeId,
        medicineId: m.medicine_id,
        batchNumber: m.batch_number,
        expiryDate: m.expiry_date,
        unitCostMinor: m.unit_cost_minor,
      });
      rows.push({
        hospitalId,
        storeId: request.storeId,
        batchId: batch.id,
        medicineId: m.medicine_id,
        kind: 'transfer_in',
        quantity: m.quantity,
        unitCostMinor: m.unit_cost_minor,
        referenceType: 'ward_request',
        referenceId: id,
        actorUserId: ctx.actor.userId,
      });
    }
    await stock.insertLedger(tx, rows);
    await repo.receiveAllIssued(tx, id);
    const status = request.status === 'issued' ? 'received' : request.status;
    await repo.setRequest(tx, id, { status, receivedBy: ctx.actor.userId, receivedAt: new Date() });
    await audit(tx, ctx, {
      action: 'ward_request.received',
      entityType: 'ward_request',
      entityId: id,
      before: { status: request.status },
      after: { status, received: moving.map((m) => ({ medicineId: m.medicine_id, quantity: m.quantity })) },
    });
  });
  return getWardRequest(ctx, id);
}

/** Withdraws a request nothing has been issued on yet. */
export async function cancelWardRequest(ctx: Ctx, id: string): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, hospitalId, id);
    if (!request) throw notFound('Ward request');
    if (request.status !== 'requested') {
      throw new AppError(
        'INVALID_TRANSITION',
        `Request ${request.number} is ${request.status.replace('_', ' ')}: only a request nothing was issued on can be cancelled.`,
      );
    }
    await repo.setRequest(tx, id, { status: 'cancelled' });
    await audit(tx, ctx, {
      action: 'ward_request.cancelled',
      entityType: 'ward_request',
      entityId: id,
      before: { status: request.status },
      after: { status: 'cancelled' },
    });
  });
  return getWardRequest(ctx, id);
}

/**
 * Closes a partly issued request whose issued stock has all arrived: the rest will not come (the
 * pharmacy is out of it, or the ward no longer needs it). It ends as received, short.
 */
export async function closeWardRequest(ctx: Ctx, id: string): Promise<WardRequest> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const request = await repo.lockRequest(tx, hospitalId, id);
    if (!request) throw notFound('Ward request');
    if (request.status !== 'partly_issued') {
      throw new AppError(
        'INVALID_TRANSITION',
        `Request ${request.number} is ${request.status.replace('_', ' ')}: only a partly issued request can be closed short.`,
      );
    }
    if ((await repo.inTransit(tx, id)).length > 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Stock issued on request ${request.number} is still on its way: receive it before closing the request.`,
      );
    }
    await repo.setRequest(tx, id, { status: 'received' });
    await audit(tx, ctx, {
      action: 'ward_request.closed_short',
      entityType: 'ward_request',
      entityId: id,
      before: { status: request.status },
      after: { status: 'received' },
    });
  });
  return getWardRequest(ctx, id);
}
