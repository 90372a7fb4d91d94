// The medication administration record of a ward stay. A dose given is taken from the store of the
// ward the patient lies in, first expiry first out through the pharmacy's stock ledger (a ledger
// row referencing the entry; never below zero, never from an expired batch), in one transaction
// with the entry and its audit event. A dose not given (refused, held, unavailable) says why and
// moves nothing. A retry with the same idempotency key returns the first entry instead of giving
// the dose again.
import type {
  AdministrationOutcome,
  AdministrationRoute,
  MedicationAdministration,
  MedicationAdministrationList,
  RecordAdministration,
} from '../../../contracts/nursing';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { medicineLabel, takeWardStock, wardMedicine, wardStockTaken } from '../pharmacy';
import * as repo from './nursing.repo';
import { authors, heldAdmission, iso, momentOf, readRecord, replayed, requireOpen } from './nursing.service';

async function present(
  exec: Executor,
  admissionId: string,
  ids?: string[],
): Promise<MedicationAdministration[]> {
  const rows = await repo.listAdministrations(exec, admissionId, ids);
  const [by, batches] = await Promise.all([
    authors(
      exec,
      rows.map((r) => r.recordedBy),
    ),
    wardStockTaken(
      exec,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    medicineId: r.medicineId,
    medicineName: medicineLabel(r),
    dispensingUnit: r.dispensingUnit,
    outcome: r.outcome as AdministrationOutcome,
    quantity: r.quantity,
    dose: r.dose,
    route: r.route as AdministrationRoute,
    givenAt: iso(r.givenAt),
    note: r.note,
    reason: r.reason,
    prescriptionLineId: r.prescriptionLineId,
    storeId: r.storeId,
    storeName: r.storeName,
    batches: batches.get(r.id) ?? [],
    recordedBy: by(r.recordedBy),
    recordedAt: iso(r.createdAt),
  }));
}

const field = (path: string, message: string) => ({ errors: [{ path: `body.${path}`, message }] });

export async function recordAdministration(
  ctx: Ctx,
  id: string,
  input: RecordAdministration,
): Promise<MedicationAdministration> {
  const hospitalId = requireHospital(ctx.actor);
  const { idempotencyKey, ...asked } = input;
  const hash = sha256(JSON.stringify({ id, ...asked }));
  const entryId = await ctx.db.transaction(async (tx) => {
    // The admission is held (share) before anything else: a discharge waits for this entry, and
    // the entry's foreign keys then take no lock that could deadlock with it.
    // A retry is answered from the first entry, even once the patient has left.
    const admission = await heldAdmission(tx, hospitalId, id);
    const earlier = await repo.findAdministrationByKey(tx, hospitalId, idempotencyKey);
    if (earlier) return replayed(earlier, id, hash, 'entry');
    requireOpen(admission);
    const medicine = await wardMedicine(tx, hospitalId, input.medicineId);
    if (!medicine) {
      throw new AppError('NOT_FOUND', 'Medicine not found.', field('medicineId', 'Not in the catalog'));
    }
    if (input.prescriptionLineId) {
      const ordered = await repo.prescribedMedicine(
        tx,
        hospitalId,
        admission.patientId,
        input.prescriptionLineId,
      );
      if (ordered !== input.medicineId) {
        throw new AppError(
          'RULE_VIOLATION',
          'That prescription line is not one of this patient’s for this medicine.',
          field('prescriptionLineId', 'Not this patient’s line for this medicine'),
        );
      }
    }
    const givenAt = momentOf(input.givenAt, admission.admittedAt, 'givenAt');
    const given = input.outcome === 'given';
    const storeId = given ? await wardStore(tx, id) : null;
    const row = await repo.claimAdministration(tx, {
      hospitalId,
      admissionId: id,
      medicineId: medicine.id,
      outcome: input.outcome,
      quantity: given ? input.quantity! : null,
      storeId,
      dose: input.dose,
      route: input.route,
      givenAt,
      note: input.note || null,
      reason: given ? null : input.reason!,
      prescriptionLineId: input.prescriptionLineId ?? null,
      idempotencyKey,
      requestHash: hash,
      recordedBy: ctx.actor.userId,
    });
    // The same key claimed meanwhile by a request that has now committed: answer with its entry.
    if (!row)
      return replayed(await repo.findAdministrationByKey(tx, hospitalId, idempotencyKey), id, hash, 'entry');
    const batches = storeId
      ? await takeWardStock(tx, {
          hospitalId,
          storeId,
          medicine,
          quantity: input.quantity!,
          administrationId: row.id,
          actorUserId: ctx.actor.userId,
        })
      : [];
    await audit(tx, ctx, {
      action: given ? 'wards.medication.given' : 'wards.medication.not_given',
      entityType: 'medication_administration',
      entityId: row.id,
      patientId: admission.patientId,
      after: { admissionId: id, ...asked, givenAt: iso(givenAt), storeId, batches },
    });
    return row.id;
  });
  return (await present(ctx.db, id, [entryId]))[0]!;
}

/** The store of the ward the patient lies in now; a ward without one cannot give from stock. */
async function wardStore(exec: Executor, admissionId: string): Promise<string> {
  const ward = await repo.currentWard(exec, admissionId);
  if (!ward) throw new Error(`wards: admission ${admissionId} is open without a bed`);
  if (!ward.storeId) {
    throw new AppError(
      'RULE_VIOLATION',
      `${ward.name} has no stock store: the hospital admin sets one up (Wards, store) before medicines can be given from it.`,
    );
  }
  return ward.storeId;
}

export function listAdministrations(ctx: Ctx, id: string): Promise<MedicationAdministrationList> {
  return readRecord(ctx, id, 'wards.medications.read', (exec) => present(exec, id));
}
