// The nursing record of a ward stay: vital signs charted over the stay and nursing notes. Entries
// are made only while the patient is admitted (409 INVALID_TRANSITION after discharge), only at the
// actor's hospital (another's admission is 404), and never changed afterwards (a trigger refuses it):
// a mistake is corrected by a new note naming the one it corrects. Every entry is audited in its
// transaction; every read of the record is audited too.
import type {
  NursingNote,
  NursingNoteKind,
  NursingNoteList,
  RecordVitals,
  VitalsChart,
  VitalsReading,
} from '../../../contracts/nursing';
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import * as repo from './nursing.repo';

export const iso = (d: Date | string) => new Date(d).toISOString();

/** How far ahead of the server's clock a device's "now" may be (clocks drift). */
const CLOCK_SKEW_MS = 60_000;

/**
 * The admission an entry is written to, held against a discharge until the entry commits: at this
 * hospital (else 404) and still open (else 409).
 */
export async function openForEntry(tx: Tx, hospitalId: string, id: string) {
  return requireOpen(await heldAdmission(tx, hospitalId, id));
}

/** The admission at this hospital (else 404), held (share) against a discharge until commit. */
export async function heldAdmission(tx: Tx, hospitalId: string, id: string) {
  const admission = await repo.findAdmission(tx, hospitalId, id, true);
  if (!admission) throw notFound('Admission');
  return admission;
}

export function requireOpen<T extends { status: string }>(admission: T): T {
  if (admission.status !== 'active') {
    throw new AppError('INVALID_TRANSITION', 'The patient has been discharged: the record is closed.');
  }
  return admission;
}

/**
 * A part of a stay's record, open or discharged, at this hospital (else 404), oldest first; the
 * read is audited against the patient.
 */
export async function readRecord<T>(
  ctx: Ctx,
  id: string,
  action: string,
  read: (exec: Executor) => Promise<T[]>,
): Promise<{ items: T[] }> {
  const admission = await repo.findAdmission(ctx.db, requireHospital(ctx.actor), id);
  if (!admission) throw notFound('Admission');
  const items = await read(ctx.db);
  await auditRead(ctx, { action, entityType: 'admission', entityId: id, patientId: admission.patientId });
  return { items };
}

/**
 * The entry an idempotency key already made on this admission (a retried request): its id, if the
 * request was the same; a key used for something else is refused.
 */
export function replayed(
  earlier: { id: string; admissionId: string; requestHash: string } | null | undefined,
  admissionId: string,
  hash: string,
  what: string,
): string {
  if (!earlier || earlier.admissionId !== admissionId || earlier.requestHash !== hash) {
    throw new AppError('IDEMPOTENCY_REUSED', `This idempotency key was used for another ${what}.`);
  }
  return earlier.id;
}

/** When an entry happened: now if not given; never in the future, never before the admission. */
export function momentOf(at: string | undefined, admittedAt: Date, field: string): Date {
  if (at === undefined) return new Date();
  const when = new Date(at);
  const refuse = (message: string, detail: string) =>
    new AppError('VALIDATION_FAILED', detail, { errors: [{ path: `body.${field}`, message }] });
  if (when.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw refuse('Not in the future', 'That time is still to come.');
  }
  if (when < new Date(admittedAt)) {
    throw refuse('Not before the admission', 'That is before the patient was admitted.');
  }
  return when;
}

/** The people who wrote entries, by id, for the record's "by whom". */
export async function authors(exec: Executor, ids: string[]) {
  const names = await findUserNames(exec, ids);
  return (id: string) => ({ id, name: names.get(id) ?? '' });
}

// ---------------------------------------------------------------- vitals

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toReading(r: repo.VitalsRow, by: (id: string) => { id: string; name: string }): VitalsReading {
  return {
    id: r.id,
    takenAt: iso(r.takenAt),
    systolic: r.systolic,
    diastolic: r.diastolic,
    pulse: r.pulse,
    temperatureC: num(r.temperatureC),
    spo2: r.spo2,
    respiratoryRate: r.respiratoryRate,
    painScore: r.painScore,
    bloodGlucoseMgDl: r.bloodGlucoseMgDl,
    recordedBy: by(r.recordedBy),
    recordedAt: iso(r.createdAt),
  };
}

export async function recordVitals(ctx: Ctx, id: string, input: RecordVitals): Promise<VitalsReading> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await ctx.db.transaction(async (tx) => {
    const admission = await openForEntry(tx, hospitalId, id);
    const { takenAt, ...signs } = input;
    const row = await repo.insertVitals(tx, {
      hospitalId,
      admissionId: id,
      takenAt: momentOf(takenAt, admission.admittedAt, 'takenAt'),
      systolic: signs.systolic ?? null,
      diastolic: signs.diastolic ?? null,
      pulse: signs.pulse ?? null,
      temperatureC: signs.temperatureC == null ? null : String(signs.temperatureC),
      spo2: signs.spo2 ?? null,
      respiratoryRate: signs.respiratoryRate ?? null,
      painScore: signs.painScore ?? null,
      bloodGlucoseMgDl: signs.bloodGlucoseMgDl ?? null,
      recordedBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'wards.vitals.recorded',
      entityType: 'admission_vitals',
      entityId: row.id,
      patientId: admission.patientId,
      after: { admissionId: id, takenAt: iso(row.takenAt), ...signs },
    });
    return row;
  });
  return toReading(row, await authors(ctx.db, [row.recordedBy]));
}

export function vitalsChart(ctx: Ctx, id: string): Promise<VitalsChart> {
  return readRecord(ctx, id, 'wards.vitals.read', async (exec) => {
    const rows = await repo.listVitals(exec, id);
    const by = await authors(
      exec,
      rows.map((r) => r.recordedBy),
    );
    return rows.map((r) => toReading(r, by));
  });
}

// ---------------------------------------------------------------- notes

function toNotes(rows: repo.NoteRow[], by: (id: string) => { id: string; name: string }): NursingNote[] {
  const corrections = new Map<string, string[]>();
  for (const c of rows) {
    if (c.correctsNoteId)
      corrections.set(c.correctsNoteId, [...(corrections.get(c.correctsNoteId) ?? []), c.id]);
  }
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind as NursingNoteKind,
    body: n.body,
    correctsNoteId: n.correctsNoteId,
    correctedByNoteIds: corrections.get(n.id) ?? [],
    writtenBy: by(n.writtenBy),
    writtenAt: iso(n.writtenAt),
  }));
}

export async function writeNote(
  ctx: Ctx,
  id: string,
  input: { kind: NursingNoteKind; body: string; correctsNoteId?: string },
): Promise<NursingNote> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await ctx.db.transaction(async (tx) => {
    const admission = await openForEntry(tx, hospitalId, id);
    if (input.correctsNoteId && !(await repo.findNote(tx, id, input.correctsNoteId))) {
      throw new AppError('NOT_FOUND', 'The note to correct is not in this stay’s record.', {
        errors: [{ path: 'body.correctsNoteId', message: 'Not a note of this stay' }],
      });
    }
    const row = await repo.insertNote(tx, {
      hospitalId,
      admissionId: id,
      kind: input.kind,
      body: input.body,
      correctsNoteId: input.correctsNoteId ?? null,
      writtenBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'wards.note.written',
      entityType: 'nursing_note',
      entityId: row.id,
      patientId: admission.patientId,
      after: { admissionId: id, ...input },
    });
    return row;
  });
  return toNotes([row], await authors(ctx.db, [row.writtenBy]))[0]!;
}

export function listNotes(ctx: Ctx, id: string): Promise<NursingNoteList> {
  return readRecord(ctx, id, 'wards.notes.read', async (exec) => {
    const rows = await repo.listNotes(exec, id);
    const by = await authors(
      exec,
      rows.map((r) => r.writtenBy),
    );
    return toNotes(rows, by);
  });
}
