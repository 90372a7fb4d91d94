// The bed board: every active ward's beds with their state and the patient in each, and how many
// beds are free by ward and by bed type. Read again from the database on every change (wards.live).
import type { BedBoard, BedType, BoardBed } from '../../../contracts/wards';
import { BED_TYPES } from '../../../contracts/wards';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { patientBriefs } from '../patients';
import { boardRows } from './wards.repo';

type Ward = BedBoard['wards'][number];

function freeByType(beds: BoardBed[]) {
  const counts = new Map<BedType, number>();
  for (const b of beds) if (b.state === 'available') counts.set(b.bedType, (counts.get(b.bedType) ?? 0) + 1);
  return BED_TYPES.filter((t) => counts.has(t)).map((bedType) => ({ bedType, free: counts.get(bedType)! }));
}

export async function loadBoard(exec: Executor, hospitalId: string): Promise<BedBoard> {
  const rows = await boardRows(exec, hospitalId);
  const names = await patientBriefs(
    exec,
    rows.flatMap((r) => (r.patientId ? [r.patientId] : [])),
    hospitalId,
  );
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
    ward.beds.push({
      id: r.bedId,
      wardId: r.wardId,
      roomId: r.roomId!,
      roomName: r.roomName!,
      label: r.label!,
      bedType: r.bedType as BedType,
      dailyRateMinor: Number(r.dailyRateMinor),
      state: r.state as BoardBed['state'],
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
