import type {
  CreatePatient,
  NewAllergy,
  NewCondition,
  Patient,
  RegisterExistingPerson,
  RegistrationResult,
} from '../../../contracts/patients';
import type { Executor, Tx } from '../../db/client';
import { nextNumber } from '../../platform/numbering/numbering';
import { findHospitalInfo } from '../organisation';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as clinical from './patients.clinical.repo';
import { toAllergy, toCandidate, toCondition, toPatient } from './patients.dto';
import { loadPatientRecord } from './patients.record.repo';
import * as repo from './patients.repo';
import { auditablePatientValues } from './patients.sealed';

/**
 * Registers the patient at the hospital with the hospital's next MRN, inside the caller's
 * transaction, and audits it. The caller has checked the patient is not registered there yet.
 */
export async function registerAt(
  tx: Tx,
  ctx: Ctx,
  patientId: string,
  hospitalId: string,
): Promise<RegistrationResult> {
  const hospital = await findHospitalInfo(tx, hospitalId);
  if (!hospital) throw notFound('Hospital');
  const mrn = `${hospital.code.toUpperCase()}-${String(await nextNumber(tx, hospitalId, 'mrn')).padStart(6, '0')}`;
  const reg = await repo.insertRegistration(tx, {
    patientId,
    hospitalId,
    mrn,
    registeredBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: 'patient.registered',
    entityType: 'patient_registration',
    entityId: reg.id,
    patientId,
    hospitalId,
    after: { mrn, hospitalId },
  });
  return { patientId, hospitalId, mrn, registeredAt: reg.registeredAt.toISOString() };
}

/**
 * For other modules (booking, check-in): the patient's MRN at the hospital, registering them there
 * first if this is their first contact. Runs in the caller's transaction.
 */
export async function ensureRegistered(
  tx: Tx,
  ctx: Ctx,
  patientId: string,
  hospitalId: string,
): Promise<string> {
  // Two first contacts at once (two bookings, a booking and a shop order) take turns here, so the
  // second finds the first's registration instead of failing on the unique registration.
  await repo.lockRegistration(tx, patientId, hospitalId);
  const existing = await repo.findRegistration(tx, patientId, hospitalId);
  if (existing) return existing.mrn;
  return (await registerAt(tx, ctx, patientId, hospitalId)).mrn;
}

/** Records one allergy in the caller's transaction, with its audit event. */
export async function recordAllergy(
  tx: Executor,
  ctx: Ctx,
  patientId: string,
  hospitalId: string,
  a: NewAllergy,
) {
  const row = await clinical.insertAllergy(tx, {
    patientId,
    hospitalId,
    substance: a.substance,
    reaction: a.reaction ?? '',
    severity: a.severity,
    recordedBy: ctx.actor.userId,
  });
  const dto = toAllergy(row);
  await audit(tx, ctx, {
    action: 'patient.allergy_recorded',
    entityType: 'patient_allergy',
    entityId: row.id,
    patientId,
    after: dto,
  });
  return dto;
}

/** Records one condition in the caller's transaction, with its audit event. */
export async function recordCondition(
  tx: Executor,
  ctx: Ctx,
  patientId: string,
  hospitalId: string,
  c: NewCondition,
) {
  const row = await clinical.insertCondition(tx, {
    patientId,
    hospitalId,
    name: c.name,
    icd10Code: c.icd10Code ?? null,
    onsetDate: c.onsetDate ?? null,
    status: c.status,
    recordedBy: ctx.actor.userId,
  });
  const dto = toCondition(row);
  await audit(tx, ctx, {
    action: 'patient.condition_recorded',
    entityType: 'patient_condition',
    entityId: row.id,
    patientId,
    after: dto,
  });
  return dto;
}

/**
 * Front-desk registration of a new person: the patient, their MRN at the active hospital and any
 * allergies and conditions given, in one transaction. Refuses with POSSIBLE_DUPLICATE (and the
 * candidates) when someone like them is already registered here, unless `confirmNotDuplicate`.
 */
export async function registerNewPatient(ctx: Ctx, input: CreatePatient): Promise<Patient> {
  const hospitalId = requireHospital(ctx.actor);
  const { allergies = [], conditions = [], confirmNotDuplicate, ...d } = input;
  const familyName = d.familyName ?? '';
  return ctx.db.transaction(async (tx) => {
    if (!confirmNotDuplicate) {
      const candidates = await repo.findLikelyDuplicates(tx, hospitalId, {
        searchName: `${d.givenName} ${familyName}`.toLowerCase(),
        dateOfBirth: d.dateOfBirth ?? null,
        phone: d.phone ?? null,
      });
      if (candidates.length > 0) {
        throw new AppError(
          'POSSIBLE_DUPLICATE',
          'Someone with the same phone, or a similar name and the same date of birth, is already registered here. ' +
            'Open their record, or send confirmNotDuplicate: true to register a new person.',
          { candidates: candidates.map(toCandidate) },
        );
      }
      // One person, one record: someone the installation already knows is registered here as
      // they are, not created again. Nothing about them is disclosed before that.
      const known = await repo.findPeopleByDetails(tx, hospitalId, identifying(d, familyName));
      if (known.some((k) => !k.registeredHere)) {
        throw new AppError(
          'KNOWN_ELSEWHERE',
          'This person already has a record in Hospitium (another hospital, or their own sign-up). ' +
            'Register them here from the same details (POST /api/patients/register-existing), or send ' +
            'confirmNotDuplicate: true if they are someone else.',
        );
      }
    }
    const row = await repo.insertPatient(tx, { ...d, familyName, createdBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'patient.created',
      entityType: 'patient',
      entityId: row.id,
      patientId: row.id,
      after: auditablePatientValues({ ...d, familyName, confirmNotDuplicate: confirmNotDuplicate ?? false }),
    });
    const reg = await registerAt(tx, ctx, row.id, hospitalId);
    for (const a of allergies) await recordAllergy(tx, ctx, row.id, hospitalId, a);
    for (const c of conditions) await recordCondition(tx, ctx, row.id, hospitalId, c);
    const record = (await loadPatientRecord(tx, row.id))!;
    return toPatient(record, record.registrations, reg.mrn);
  });
}

/** The details that identify a person across the installation, normalised as the repository compares them. */
function identifying(
  d: { givenName: string; dateOfBirth?: string; phone?: string; email?: string },
  familyName: string,
) {
  return {
    searchName: `${d.givenName} ${familyName}`.toLowerCase(),
    dateOfBirth: d.dateOfBirth ?? null,
    phone: d.phone ?? null,
    email: d.email ?? null,
  };
}

/**
 * Registers at the active hospital a person the installation already knows (seen at another
 * hospital, or signed up alone), found from what the front desk can see and ask: a similar name,
 * and the e-mail or the date of birth and phone. Never from an id, so no one can pull a record into
 * their hospital by guessing or copying one. No match answers 404, as an unknown person would.
 */
export async function registerExistingPerson(
  ctx: Ctx,
  input: RegisterExistingPerson,
): Promise<RegistrationResult> {
  const hospitalId = requireHospital(ctx.actor);
  const criteria = identifying(input, input.familyName ?? '');
  return ctx.db.transaction(async (tx) => {
    const people = await repo.findPeopleByDetails(tx, hospitalId, criteria);
    if (people.some((p) => p.registeredHere)) {
      throw new AppError('ALREADY_REGISTERED', 'Someone with these details is already registered here.');
    }
    const found = people.map((p) => p.id);
    if (found.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        'No one with these details is known. Check them with the person, or register them as new.',
      );
    }
    if (found.length > 1) {
      throw new AppError(
        'AMBIGUOUS_MATCH',
        'These details match more than one person. Ask for their e-mail, or their date of birth and phone.',
      );
    }
    return registerAt(tx, ctx, found[0]!, hospitalId);
  });
}
