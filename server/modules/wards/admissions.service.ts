// Admissions: admit a registered patient into a bed, transfer them between beds, discharge them.
// A stay in a bed is a time range; the exclusion constraint bed_occupancies_bed_no_overlap makes
// two patients in one bed impossible whichever instance writes, and the loser of a race answers
// 409 BED_OCCUPIED (the module's constraintErrors). The state checks here give the same answer
// without the race. A bed a reservation holds takes only the patient it names (reservations.hold).
// Every change is audited and announced on the bed board in its transaction.
// Discharge, which also bills the stay, is in discharge.service.ts.
import type { Admission, AdmissionSearch, AdmitPatient, TransferPatient } from '../../../contracts/wards';
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { patientBriefs, registeredPatient } from '../patients';
import * as repo from './admissions.repo';
import { summariesOf } from './discharge.repo';
import { checkHold, settleHold } from './reservations.hold';
import { publishBedChange } from './wards.live';
import * as wards from './wards.repo';

const iso = (d: Date | string) => new Date(d).toISOString();

function toStay(s: repo.StayRow) {
  return {
    bedId: s.bedId,
    bedLabel: s.bedLabel,
    wardId: s.wardId,
    wardName: s.wardName,
    from: iso(s.startedAt),
    to: s.endedAt ? iso(s.endedAt) : null,
    endedBy: s.endedBy,
  };
}

export async function toAdmissions(
  exec: Executor,
  hospitalId: string,
  rows: repo.AdmissionRow[],
): Promise<Admission[]> {
  const ids = rows.map((r) => r.id);
  const [names, stays, summaries] = await Promise.all([
    patientBriefs(
      exec,
      rows.map((r) => r.patientId),
      hospitalId,
    ),
    repo.staysOf(exec, ids),
    summariesOf(exec, ids),
  ]);
  return rows.map((a) => {
    const mine = stays.filter((s) => s.admissionId === a.id).map(toStay);
    const brief = names.get(a.patientId);
    return {
      id: a.id,
      patient: { id: a.patientId, name: brief?.name ?? '', mrn: brief?.mrn ?? null },
      source: a.source as Admission['source'],
      consultationId: a.consultationId,
      reason: a.reason,
      status: a.status as Admission['status'],
      admittedAt: iso(a.admittedAt),
      dischargedAt: a.dischargedAt ? iso(a.dischargedAt) : null,
      dischargeSummary: a.dischargeSummary,
      discharge: summaries.get(a.id) ?? null,
      bed: mine.find((s) => s.to === null) ?? null,
      stays: mine,
    };
  });
}

export async function readOne(exec: Executor, hospitalId: string, id: string): Promise<Admission> {
  const row = await repo.findAdmission(exec, hospitalId, id);
  if (!row) throw notFound('Admission');
  return (await toAdmissions(exec, hospitalId, [row]))[0]!;
}

/**
 * The bed, if a patient may be put in it now: at this hospital (else 404), in service (active, in an
 * open room and ward) and free. A bed someone holds answers BED_OCCUPIED.
 *
 * The bed's row is locked as the admission's own update of it will lock it (`no key update`), so
 * that two admissions or transfers into one bed take turns here: the second reads the bed the first
 * left, occupied, and answers BED_OCCUPIED. Locked more weakly, both would go on to write a stay,
 * and each stay's exclusion check waits for the other's transaction; with several at once those
 * waits close in circles, which PostgreSQL breaks by failing one as a deadlock a second later.
 * Reserving a bed locks it `update`, which an admission's lock also waits for. The room and ward are
 * locked `key share`: admissions into different beds of a ward do not wait for each other, and
 * closing the ward (which locks it `update`) waits for them.
 */
export async function freeBed(
  tx: Tx,
  hospitalId: string,
  bedId: string,
  lock: 'no key update' | 'update' = 'no key update',
): Promise<wards.BedRow> {
  const bed = await wards.findBed(tx, hospitalId, bedId, lock);
  if (!bed) throw notFound('Bed');
  const room = await wards.findRoom(tx, hospitalId, bed.roomId, 'key share');
  const ward = await wards.findWard(tx, hospitalId, bed.wardId, 'key share');
  if (!bed.active || !room?.active || !ward?.active) {
    throw new AppError('RULE_VIOLATION', 'This bed is not in service.');
  }
  if (bed.state === 'occupied')
    throw new AppError('BED_OCCUPIED', 'Another patient is in this bed. Choose another bed.');
  if (bed.state !== 'available' && bed.state !== 'reserved') {
    throw new AppError('INVALID_TRANSITION', `This bed is not ready for a patient (${bed.state}).`);
  }
  return bed;
}

export async function admit(ctx: Ctx, input: AdmitPatient): Promise<Admission> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction((tx) => admitIn(tx, ctx, hospitalId, input));
  return readOne(ctx.db, hospitalId, id);
}

/** Admits the patient into the bed in the caller's transaction; returns the admission's id. */
export async function admitIn(tx: Tx, ctx: Ctx, hospitalId: string, input: AdmitPatient): Promise<string> {
  if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
  if (
    input.consultationId &&
    !(await repo.consultationOf(tx, hospitalId, input.patientId, input.consultationId))
  ) {
    throw notFound('Consultation');
  }
  if (await repo.activeAdmissionOf(tx, hospitalId, input.patientId)) {
    throw new AppError('CONFLICT', 'The patient is already admitted here: transfer them instead.');
  }
  const bed = await freeBed(tx, hospitalId, input.bedId);
  const hold = await checkHold(tx, hospitalId, bed.id, input.patientId, {
    override: input.overrideReservation,
    admitting: true,
  });
  const row = await repo.insertAdmission(tx, {
    hospitalId,
    patientId: input.patientId,
    source: input.source,
    consultationId: input.consultationId ?? null,
    reason: input.reason,
    admittedBy: ctx.actor.userId,
  });
  await repo.startStay(tx, {
    hospitalId,
    admissionId: row.id,
    bedId: bed.id,
    dailyRateMinor: bed.dailyRateMinor,
    createdBy: ctx.actor.userId,
  });
  await wards.updateBed(tx, bed.id, { state: 'occupied' });
  await settleHold(tx, ctx, hold, row.id);
  await audit(tx, ctx, {
    action: 'wards.admission.created',
    entityType: 'admission',
    entityId: row.id,
    patientId: input.patientId,
    after: { ...input, bedLabel: bed.label },
  });
  await publishBedChange(tx, hospitalId);
  return row.id;
}

/** The admission, locked, if it is still open; with the bed it holds now. */
export async function openAdmission(tx: Tx, hospitalId: string, id: string) {
  const admission = await repo.findAdmission(tx, hospitalId, id, true);
  if (!admission) throw notFound('Admission');
  if (admission.status !== 'active')
    throw new AppError('INVALID_TRANSITION', 'The patient has been discharged.');
  const stay = await repo.openStay(tx, id);
  if (!stay) throw new Error(`wards: admission ${id} is open without a bed`);
  return { admission, stay };
}

/** Moves the patient to another bed: the old stay ends and the new one starts in one transaction. */
export async function transfer(ctx: Ctx, id: string, input: TransferPatient): Promise<Admission> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { admission, stay } = await openAdmission(tx, hospitalId, id);
    if (stay.bedId === input.bedId)
      throw new AppError('RULE_VIOLATION', 'The patient is in this bed already.');
    const bed = await freeBed(tx, hospitalId, input.bedId);
    const hold = await checkHold(tx, hospitalId, bed.id, admission.patientId, {
      override: input.overrideReservation,
      admitting: false,
    });
    await repo.endStay(tx, stay.id, 'transfer');
    await repo.startStay(tx, {
      hospitalId,
      admissionId: id,
      bedId: bed.id,
      dailyRateMinor: bed.dailyRateMinor,
      createdBy: ctx.actor.userId,
    });
    await wards.updateBed(tx, stay.bedId, { state: 'cleaning' });
    await wards.updateBed(tx, bed.id, { state: 'occupied' });
    await settleHold(tx, ctx, hold, id);
    await audit(tx, ctx, {
      action: 'wards.admission.transferred',
      entityType: 'admission',
      entityId: id,
      patientId: admission.patientId,
      before: { bedId: stay.bedId },
      after: { bedId: bed.id, bedLabel: bed.label, overrideReservation: input.overrideReservation },
    });
    await publishBedChange(tx, hospitalId);
  });
  return readOne(ctx.db, hospitalId, id);
}

export async function getAdmission(ctx: Ctx, id: string): Promise<Admission> {
  const hospitalId = requireHospital(ctx.actor);
  const out = await readOne(ctx.db, hospitalId, id);
  await auditRead(ctx, {
    action: 'wards.admission.read',
    entityType: 'admission',
    entityId: id,
    patientId: out.patient.id,
  });
  return out;
}

export async function listAdmissions(ctx: Ctx, q: AdmissionSearch) {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.searchAdmissions(ctx.db, hospitalId, {
    status: q.status === 'all' ? null : q.status,
    patientId: q.patientId,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await toAdmissions(ctx.db, hospitalId, rows), total, limit: q.limit, offset: q.offset };
}
