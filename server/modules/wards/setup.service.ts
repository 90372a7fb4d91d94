// Ward set-up: wards, their rooms and the beds in them. Things once used are deactivated, never
// deleted; a bed nobody ever lay in may be deleted. Every change is audited and announced on the
// hospital's bed-board topic in its own transaction.
import type {
  Bed,
  CreateBed,
  CreateRoom,
  CreateWard,
  Room,
  UpdateBed,
  UpdateRoom,
  UpdateWard,
  Ward,
  WardList,
} from '../../../contracts/wards';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { bedIsHeld, heldBeds } from './reservations.repo';
import { publishBedChange } from './wards.live';
import * as repo from './wards.repo';

export const toBed = (b: repo.BedRow): Bed => ({
  id: b.id,
  wardId: b.wardId,
  roomId: b.roomId,
  label: b.label,
  bedType: b.bedType as Bed['bedType'],
  dailyRateMinor: Number(b.dailyRateMinor),
  state: b.state as Bed['state'],
  active: b.active,
});

const toRoom = (r: repo.RoomRow, beds: Bed[] = []): Room => ({
  id: r.id,
  wardId: r.wardId,
  name: r.name,
  active: r.active,
  beds,
});

const toWard = (w: repo.WardRow, rooms: Room[] = []): Ward => ({
  id: w.id,
  name: w.name,
  kind: w.kind as Ward['kind'],
  storeId: w.storeId,
  active: w.active,
  rooms,
});

/** Every ward of the active hospital with its rooms and beds, inactive ones included. */
export async function listWards(ctx: Ctx): Promise<WardList> {
  const hospitalId = requireHospital(ctx.actor);
  const [all, currency] = await Promise.all([
    repo.listWards(ctx.db, hospitalId),
    repo.hospitalCurrency(ctx.db, hospitalId),
  ]);
  const items = all.wards.map((w) =>
    toWard(
      w,
      all.rooms
        .filter((r) => r.wardId === w.id)
        .map((r) => toRoom(r, all.beds.filter((b) => b.roomId === r.id).map(toBed))),
    ),
  );
  return { items, currency };
}

/** Runs a set-up change in one transaction with its audit row and the board's notice. */
async function change<T>(ctx: Ctx, fn: (tx: Tx, hospitalId: string) => Promise<T>): Promise<T> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const out = await fn(tx, hospitalId);
    await publishBedChange(tx, hospitalId);
    return out;
  });
}

/** A ward or room is closed only once nobody lies in its beds and no bed of it is reserved. */
async function refuseIfOccupied(tx: Tx, scope: { wardId: string } | { roomId: string }, what: string) {
  if ((await repo.occupiedBeds(tx, scope)) > 0) {
    throw new AppError(
      'INVALID_TRANSITION',
      `Patients are still in this ${what}: move or discharge them first.`,
    );
  }
  if ((await heldBeds(tx, scope)) > 0) {
    throw new AppError(
      'INVALID_TRANSITION',
      `Beds of this ${what} are reserved for patients: cancel the reservations first.`,
    );
  }
}

export function createWard(ctx: Ctx, input: CreateWard): Promise<Ward> {
  return change(ctx, async (tx, hospitalId) => {
    const row = await repo.insertWard(tx, { hospitalId, ...input });
    await audit(tx, ctx, {
      action: 'wards.ward.created',
      entityType: 'ward',
      entityId: row.id,
      after: input,
    });
    return toWard(row);
  });
}

export function updateWard(ctx: Ctx, id: string, input: UpdateWard): Promise<Ward> {
  return change(ctx, async (tx, hospitalId) => {
    const before = await repo.findWard(tx, hospitalId, id, 'update');
    if (!before) throw notFound('Ward');
    if (input.active === false && before.active) await refuseIfOccupied(tx, { wardId: id }, 'ward');
    const row = await repo.updateWard(tx, id, input);
    await audit(tx, ctx, {
      action: 'wards.ward.updated',
      entityType: 'ward',
      entityId: id,
      before: { name: before.name, kind: before.kind, storeId: before.storeId, active: before.active },
      after: input,
    });
    return toWard(row);
  });
}

export function createRoom(ctx: Ctx, input: CreateRoom): Promise<Room> {
  return change(ctx, async (tx, hospitalId) => {
    if (!(await repo.findWard(tx, hospitalId, input.wardId))) throw notFound('Ward');
    const row = await repo.insertRoom(tx, { hospitalId, ...input });
    await audit(tx, ctx, {
      action: 'wards.room.created',
      entityType: 'ward_room',
      entityId: row.id,
      after: input,
    });
    return toRoom(row);
  });
}

export function updateRoom(ctx: Ctx, id: string, input: UpdateRoom): Promise<Room> {
  return change(ctx, async (tx, hospitalId) => {
    const before = await repo.findRoom(tx, hospitalId, id, 'update');
    if (!before) throw notFound('Room');
    if (input.active === false && before.active) await refuseIfOccupied(tx, { roomId: id }, 'room');
    const row = await repo.updateRoom(tx, id, input);
    await audit(tx, ctx, {
      action: 'wards.room.updated',
      entityType: 'ward_room',
      entityId: id,
      before: { name: before.name, active: before.active },
      after: input,
    });
    return toRoom(row);
  });
}

export function createBed(ctx: Ctx, input: CreateBed): Promise<Bed> {
  return change(ctx, async (tx, hospitalId) => {
    const room = await repo.findRoom(tx, hospitalId, input.roomId);
    if (!room) throw notFound('Room');
    const row = await repo.insertBed(tx, { hospitalId, wardId: room.wardId, ...input });
    await audit(tx, ctx, { action: 'wards.bed.created', entityType: 'bed', entityId: row.id, after: input });
    return toBed(row);
  });
}

export function updateBed(ctx: Ctx, id: string, input: UpdateBed): Promise<Bed> {
  return change(ctx, async (tx, hospitalId) => {
    const before = await repo.findBed(tx, hospitalId, id, 'update');
    if (!before) throw notFound('Bed');
    const occupied = before.state === 'occupied';
    if (occupied && (input.state !== undefined || input.active === false)) {
      throw new AppError(
        'INVALID_TRANSITION',
        'A patient is in this bed: transfer or discharge them before changing its state.',
      );
    }
    if ((input.state !== undefined || input.active === false) && (await bedIsHeld(tx, id))) {
      throw new AppError(
        'INVALID_TRANSITION',
        'This bed is reserved for a patient: cancel the reservation before changing its state.',
      );
    }
    const row = await repo.updateBed(tx, id, input);
    await audit(tx, ctx, {
      action: 'wards.bed.updated',
      entityType: 'bed',
      entityId: id,
      before: toBed(before),
      after: input,
    });
    return toBed(row);
  });
}

/** Deletes a bed that never held anybody; one that did is deactivated instead (409). */
export function deleteBed(ctx: Ctx, id: string): Promise<{ ok: true }> {
  return change(ctx, async (tx, hospitalId) => {
    const before = await repo.findBed(tx, hospitalId, id, 'update');
    if (!before) throw notFound('Bed');
    if (await repo.bedWasUsed(tx, id)) {
      throw new AppError('CONFLICT', 'This bed has held patients: deactivate it instead of deleting it.');
    }
    await repo.deleteBed(tx, id);
    await audit(tx, ctx, {
      action: 'wards.bed.deleted',
      entityType: 'bed',
      entityId: id,
      before: toBed(before),
    });
    return { ok: true as const };
  });
}

/** A bed cleaned after its patient left goes back to available (reserved, if a reservation holds it). */
export function makeBedReady(ctx: Ctx, id: string): Promise<Bed> {
  return change(ctx, async (tx, hospitalId) => {
    const before = await repo.findBed(tx, hospitalId, id, 'update');
    if (!before) throw notFound('Bed');
    if (before.state !== 'cleaning') {
      throw new AppError(
        'INVALID_TRANSITION',
        `Only a bed being cleaned can be made ready; this one is ${before.state}.`,
      );
    }
    const state = (await bedIsHeld(tx, id)) ? 'reserved' : 'available';
    const row = await repo.updateBed(tx, id, { state });
    await audit(tx, ctx, {
      action: 'wards.bed.ready',
      entityType: 'bed',
      entityId: id,
      before: { state: before.state },
      after: { state },
    });
    return toBed(row);
  });
}
