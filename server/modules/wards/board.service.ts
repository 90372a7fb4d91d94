// The bed board: every active ward's beds with their state and the patient in each, who a bed is
// reserved for, and how many beds are free by ward and by bed type. Read again from the database on
// every change (wards.live). A reservation past its expiry holds nothing from that instant, before
// the job marks it: the bed reads available again.
import type { BoardReservation } from '../../../contracts/bed-reservations';
import type { BedBoard, BedType, BoardBed } from '../../../contracts/wards';
import { BED_TYPES } from '../../../contracts/wards';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { patientBriefs } from '../patients';
import { boardReservations, type BoardReservationRow } from './reservations.repo';
import { boardRows } from './wards.repo';

type Ward = BedBoard['wards'][number];

function freeByType(beds: BoardBed[]) {
  const counts = new Map<BedType, number>();
  for (const b of beds) if (b.state === 'available') counts.set(b.bedType, (counts.get(b.bedType) ?? 0) + 1);
  return BED_TYPES.filter((t) => counts.has(t)).map((bedType) => ({ bedType, free: counts.get(bedType)! }));
}

/** What the bed's reservations make of its state: reserved while one holds it, free once none does. */
function stateWith(state: BoardBed['state'], held: boolean, lapsed: boolean): BoardBed['state'] {
  if (state !== 'available' && state !== 'reserved') return state;
  if (held) return 'reserved';
  // Reserved through a reservation that has lapsed (not by hand, where no reservation is active).
  return lapsed ? 'available' : state;
}

export async function loadBoard(exec: Executor, hospitalId: string): Promise<BedBoard> {
  const [rows, reservations] = await Promise.all([
    boardRows(exec, hospitalId),
    boardReservations(exec, hospitalId),
  ]);
  const byBed = new Map<string, BoardReservationRow[]>();
  for (const r of reservations) byBed.set(r.bedId, [...(byBed.get(r.bedId) ?? []), r]);
  const names = await patientBriefs(
    exec,
    [...rows.flatMap((r) => (r.patientId ? [r.patientId] : [])), ...reservations.map((r) => r.patientId)],
    hospitalId,
  );
  const reservationOf = (r: BoardReservationRow): BoardReservation => ({
    id: r.id,
    patientId: r.patientId,
    name: names.get(r.patientId)?.name ?? '',
    mrn: names.get(r.patientId)?.mrn ?? null,
    from: new Date(r.startsAt).toISOString(),
    until: new Date(r.expiresAt).toISOString(),
    reason: r.reason,
  });
  const wards = new Map<string, Ward>();
  for (const r of rows) {
    let ward = wards.get(r.wardId);
    if (!ward) {
      ward = {
        id: r.wardId,
        name: r.wardName,
        kind: r.wardKind as Ward['kind'],
        beds: [],
        free: 0,
        freeByType: [],
      };
      wards.set(r.wardId, ward);
    }
    if (!r.bedId) continue;
    const brief = r.patientId ? names.get(r.patientId) : undefined;
    const active = byBed.get(r.bedId) ?? [];
    const holding = active.find((x) => x.live);
    const state = stateWith(r.state as BoardBed['state'], !!holding, active.length > 0);
    ward.beds.push({
      id: r.bedId,
      wardId: r.wardId,
      roomId: r.roomId!,
      roomName: r.roomName!,
      label: r.label!,
      bedType: r.bedType as BedType,
      dailyRateMinor: Number(r.dailyRateMinor),
      state,
      patient:
        r.admissionId && r.patientId && r.admittedAt
          ? {
              admissionId: r.admissionId,
              patientId: r.patientId,
              name: brief?.name ?? '',
              mrn: brief?.mrn ?? null,
              admittedAt: new Date(r.admittedAt).toISOString(),
            }
          : null,
      // Shown on a bed waiting for its patient; an occupied one keeps a later reservation quietly.
      reservation: holding && state === 'reserved' ? reservationOf(holding) : null,
    });
  }
  const list = [...wards.values()];
  for (const w of list) {
    w.freeByType = freeByType(w.beds);
    w.free = w.freeByType.reduce((n, t) => n + t.free, 0);
  }
  const all = list.flatMap((w) => w.beds);
  const byType = freeByType(all);
  return { wards: list, free: byType.reduce((n, t) => n + t.free, 0), freeByType: byType };
}

export function bedBoard(ctx: Ctx): Promise<BedBoard> {
  return loadBoard(ctx.db, requireHospital(ctx.actor));
}
