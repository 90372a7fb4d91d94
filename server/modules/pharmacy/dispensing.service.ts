// Prescriptions as the pharmacy holds them, and dispensing against them: in full or in part, first
// expiry first out from the pharmacy store, never more than prescribed, retried safely by key.
import type {
  DispensePrescription,
  Dispensing,
  EnterPrescription,
  Prescription,
  PrescriptionStatus,
} from '../../../contracts/dispensing';
import type { Tx } from '../../db/client';
import { sha256 } from '../../platform/crypto';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { billDispensing } from '../billing';
import { patientBriefs, registeredPatient } from '../patients';
import * as catalog from './catalog.repo';
import * as repo from './dispensing.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { lockOrder, takeStock } from './stock.moves';
import { storeOfKind } from './stock.repo';

/** What a request's idempotency key is bound to: the same key with other content is refused. */
export const requestHash = (body: unknown) => sha256(JSON.stringify(body));

async function present(
  exec: Ctx['db'],
  hospitalId: string,
  rows: repo.PrescriptionRow[],
): Promise<Prescription[]> {
  const lines = await repo.linesOf(
    exec,
    rows.map((r) => r.id),
  );
  const patients = await patientBriefs(
    exec,
    rows.map((r) => r.patientId),
    hospitalId,
  );
  return rows.map((r) => ({
    id: r.id,
    hospitalId: r.hospitalId,
    patientId: r.patientId,
    patientName: patients.get(r.patientId)?.name ?? '',
    mrn: patients.get(r.patientId)?.mrn ?? null,
    source: r.source as Prescription['source'],
    prescriberName: r.prescriberName,
    writtenOn: String(r.writtenOn),
    notes: r.notes,
    status: r.status as PrescriptionStatus,
    lines: lines
      .filter((l) => l.prescriptionId === r.id)
      .map((l) => ({
        id: l.id,
        medicineId: l.medicineId,
        medicineName: l.medicineName,
        dispensingUnit: l.dispensingUnit,
        directions: l.directions,
        quantityPrescribed: l.quantityPrescribed,
        quantityDispensed: l.quantityDispensed,
      })),
    createdAt: iso(r.createdAt),
  }));
}

/** One prescription of the active hospital. */
export async function getPrescription(ctx: Ctx, id: string): Promise<Prescription> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await repo.findPrescription(ctx.db, hospitalId, id);
  if (!row) throw notFound('Prescription');
  return (await present(ctx.db, hospitalId, [row]))[0]!;
}

/** The active hospital's prescriptions, newest first (open ones are the pharmacy's queue). */
export async function listPrescriptions(
  ctx: Ctx,
  q: { status?: PrescriptionStatus; patientId?: string; limit: number; offset: number },
) {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.listPrescriptions(ctx.db, hospitalId, q, q.limit, q.offset);
  return { items: await present(ctx.db, hospitalId, rows), total, limit: q.limit, offset: q.offset };
}

/**
 * Records a paper prescription for a patient registered at the active hospital. (A consultation
 * will create its prescriptions through createPrescription, the module's public face.)
 */
export async function enterPrescription(ctx: Ctx, input: EnterPrescription): Promise<Prescription> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
    if (await repo.isAfterLocalToday(tx, hospitalId, input.writtenOn)) {
      throw new AppError('VALIDATION_FAILED', 'A prescription cannot be written on a day still to come.', {
        errors: [{ path: 'body.writtenOn', message: 'Not after today' }],
      });
    }
    const row = await createPrescription(tx, {
      hospitalId,
      patientId: input.patientId,
      source: 'paper',
      prescriberName: input.prescriberName,
      writtenOn: input.writtenOn,
      notes: input.notes ?? null,
      enteredBy: ctx.actor.userId,
      lines: input.lines.map((l) => ({
        medicineId: l.medicineId,
        quantity: l.quantity,
        directions: l.directions ?? null,
      })),
    });
    await audit(tx, ctx, {
      action: 'prescription.entered',
      entityType: 'prescription',
      entityId: row,
      patientId: input.patientId,
      after: input,
    });
    return row;
  });
  return getPrescription(ctx, id);
}

/** For this module and consultations: a prescription with its lines, in the caller's transaction. */
export async function createPrescription(
  tx: Tx,
  p: {
    hospitalId: string;
    patientId: string;
    source: 'paper' | 'consultation';
    prescriberName: string;
    prescriberUserId?: string | null;
    writtenOn: string;
    notes: string | null;
    enteredBy: string;
    lines: { medicineId: string; quantity: number; directions: string | null }[];
  },
): Promise<string> {
  const meds = new Map(
    (
      await catalog.findMedicinesForUpdate(
        tx,
        p.hospitalId,
        p.lines.map((l) => l.medicineId),
      )
    ).map((m) => [m.id, m]),
  );
  p.lines.forEach((l, i) => {
    const m = meds.get(l.medicineId);
    if (!m) {
      throw new AppError('NOT_FOUND', 'Medicine not found.', {
        errors: [{ path: `body.lines.${i}.medicineId`, message: 'Unknown medicine' }],
      });
    }
    if (!m.active) throw new AppError('MEDICINE_INACTIVE', `${medicineLabel(m)} is no longer in use.`);
  });
  const row = await repo.insertPrescription(tx, {
    hospitalId: p.hospitalId,
    patientId: p.patientId,
    source: p.source,
    prescriberName: p.prescriberName,
    prescriberUserId: p.prescriberUserId ?? null,
    writtenOn: p.writtenOn,
    notes: p.notes,
    enteredBy: p.enteredBy,
  });
  await repo.insertPrescriptionLines(
    tx,
    p.lines.map((l, i) => ({
      prescriptionId: row.id,
      medicineId: l.medicineId,
      quantityPrescribed: l.quantity,
      directions: l.directions,
      position: i,
    })),
  );
  return row.id;
}

/**
 * Dispenses the quantities asked from each line, picking the pharmacy's batches first expiry first.
 * All or nothing: a line without enough usable stock refuses the whole request with
 * INSUFFICIENT_STOCK and nothing moves. A retry with the same key returns the first result.
 */
export async function dispensePrescription(
  ctx: Ctx,
  id: string,
  input: DispensePrescription,
): Promise<Dispensing> {
  const hospitalId = requireHospital(ctx.actor);
  const hash = requestHash({ id, lines: input.lines });
  const result = await ctx.db.transaction(async (tx) => {
    // The prescription is locked before the key is claimed: the claim's foreign key takes a share
    // lock on the prescription, and two dispensings that each held one while waiting to lock it
    // FOR UPDATE deadlocked. Looking it up first also answers an unknown id with 404.
    const prescription = await repo.findPrescription(tx, hospitalId, id, true);
    if (!prescription) throw notFound('Prescription');
    const claimed = await repo.claimDispensing(tx, {
      hospitalId,
      prescriptionId: id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      dispensedBy: ctx.actor.userId,
    });
    if (!claimed) return null; // done before: answered below from what was recorded
    if (prescription.status === 'dispensed' || prescription.status === 'cancelled') {
      throw new AppError('INVALID_TRANSITION', `This prescription is ${prescription.status}.`);
    }
    const lines = new Map((await repo.linesOf(tx, [id])).map((l) => [l.id, l]));
    const store = await storeOfKind(tx, hospitalId, 'pharmacy');
    const asked = input.lines.map((l, i) => {
      const line = lines.get(l.lineId);
      if (!line) {
        throw new AppError('NOT_FOUND', 'That line is not on this prescription.', {
          errors: [{ path: `body.lines.${i}.lineId`, message: 'Not on this prescription' }],
        });
      }
      const left = line.quantityPrescribed - line.quantityDispensed;
      if (l.quantity > left) {
        throw new AppError(
          'OVER_DISPENSE',
          `${line.medicineName}: ${left} left to dispense, ${l.quantity} asked.`,
          {
            errors: [{ path: `body.lines.${i}.quantity`, message: `At most ${left}` }],
          },
        );
      }
      if (!line.active) throw new AppError('MEDICINE_INACTIVE', `${line.medicineName} is no longer in use.`);
      return { ...l, medicineId: line.medicineId, line };
    });
    const out: Dispensing['lines'] = [];
    for (const a of lockOrder(asked)) {
      const picks = await takeStock(tx, {
        hospitalId,
        storeId: store.id,
        medicineId: a.medicineId,
        medicineName: a.line.medicineName,
        quantity: a.quantity,
        kind: 'dispense',
        referenceType: 'dispensing',
        referenceId: claimed.id,
        actorUserId: ctx.actor.userId,
      });
      await repo.addDispensed(tx, a.lineId, a.quantity);
      out.push({
        lineId: a.lineId,
        medicineId: a.medicineId,
        medicineName: a.line.medicineName,
        quantity: a.quantity,
        picks: picks.map(({ unitCostMinor: _c, ...p }) => p),
      });
    }
    const after = await repo.linesOf(tx, [id]);
    const done = after.every((l) => l.quantityDispensed === l.quantityPrescribed);
    await repo.setPrescriptionStatus(tx, id, done ? 'dispensed' : 'partly_dispensed');
    await audit(tx, ctx, {
      action: 'prescription.dispensed',
      entityType: 'prescription',
      entityId: id,
      patientId: prescription.patientId,
      after: {
        dispensingId: claimed.id,
        lines: out.map((l) => ({ lineId: l.lineId, quantity: l.quantity, picks: l.picks })),
      },
    });
    // The medicines' bill, final at once, in this transaction: what left the shelf is what is owed.
    await billDispensing(tx, ctx, {
      dispensingId: claimed.id,
      hospitalId,
      patientId: prescription.patientId,
      lines: out.map((l) => ({ medicineId: l.medicineId, quantity: l.quantity })),
    });
    return { dispensingId: claimed.id, dispensedAt: claimed.dispensedAt, lines: out };
  });
  if (result) {
    return {
      id: result.dispensingId,
      prescriptionId: id,
      lines: result.lines,
      prescription: await getPrescription(ctx, id),
      dispensedAt: iso(result.dispensedAt),
    };
  }
  return replayDispensing(ctx, hospitalId, id, input, hash);
}

/**
 * The answer to a retried dispensing, rebuilt from what the first one recorded. The ledger knows
 * the medicine of each pick, not the line: the recorded picks of a medicine are shared out to the
 * request's lines in the order the first dispensing took them (lockOrder, each line first expiry
 * first from what the line before left), which gives each line exactly the picks it got then, also
 * when two lines are of the same medicine.
 */
async function replayDispensing(
  ctx: Ctx,
  hospitalId: string,
  id: string,
  input: DispensePrescription,
  hash: string,
): Promise<Dispensing> {
  const d = await repo.findDispensing(ctx.db, hospitalId, input.idempotencyKey);
  if (!d || d.requestHash !== hash || d.prescriptionId !== id) {
    throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different request.');
  }
  const prescription = await getPrescription(ctx, id);
  const byLine = new Map(prescription.lines.map((l) => [l.id, l]));
  const left = new Map<string, Dispensing['lines'][number]['picks']>();
  for (const p of await repo.picksOf(ctx.db, 'dispensing', [d.id])) {
    const batches = left.get(p.medicine_id) ?? [];
    const same = batches.find((b) => b.batchId === p.batch_id);
    if (same) same.quantity += Number(p.quantity);
    else
      batches.push({
        batchId: p.batch_id,
        batchNumber: p.batch_number,
        expiryDate: p.expiry_date,
        quantity: Number(p.quantity),
      });
    left.set(p.medicine_id, batches);
  }
  const asked = input.lines.flatMap((l) => {
    const line = byLine.get(l.lineId);
    return line ? [{ ...l, line, medicineId: line.medicineId }] : [];
  });
  const lines = lockOrder(asked).map((a) => {
    const batches = left.get(a.medicineId) ?? [];
    const picks: Dispensing['lines'][number]['picks'] = [];
    let need = a.quantity;
    while (need > 0 && batches.length > 0) {
      const b = batches[0]!;
      const take = Math.min(b.quantity, need);
      picks.push({ ...b, quantity: take });
      b.quantity -= take;
      need -= take;
      if (b.quantity === 0) batches.shift();
    }
    return {
      lineId: a.lineId,
      medicineId: a.medicineId,
      medicineName: a.line.medicineName,
      quantity: a.quantity,
      picks,
    };
  });
  return { id: d.id, prescriptionId: id, lines, prescription, dispensedAt: iso(d.dispensedAt) };
}
