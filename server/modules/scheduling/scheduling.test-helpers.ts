// Shared by this module's tests: a hospital with an admin, a receptionist and an approved doctor
// with weekly hours set through the API, patients who signed up, and dates in the future.
import { randomBytes } from 'node:crypto';
import type { Appointment, AvailabilityTemplate } from '../../../contracts/scheduling';
import {
  createHospital,
  createPatientUser,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { isoWeekday, localToInstant } from './local-time';

export const key = () => `k-${randomBytes(8).toString('hex')}`;

/** A calendar date `days` from today (UTC), as YYYY-MM-DD. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface Clinic {
  hospital: HospitalRow;
  admin: AuthHeaders;
  reception: AuthHeaders;
  doctor: { id: string; userId: string; headers: AuthHeaders };
}

/** An approved doctor at `hospital` (a new one by default), with their session. */
export async function doctorAt(t: TestApp, hospital: HospitalRow) {
  const user = await createStaff(t.database.db, hospital, 'doctor');
  const { rows } = await t.database.query<{ id: string }>(
    'select id from doctor_profiles where user_id = $1',
    [user.id],
  );
  return { id: rows[0]!.id, userId: user.id, headers: await sessionHeaders(t.database.db, user, hospital) };
}

export async function clinic(t: TestApp, timeZone = 'Asia/Kolkata'): Promise<Clinic> {
  const db = t.database.db;
  const hospital = await createHospital(db, { timeZone });
  const admin = await sessionHeaders(db, await createStaff(db, hospital, 'hospital_admin'), hospital);
  const reception = await sessionHeaders(db, await createStaff(db, hospital, 'receptionist'), hospital);
  return { hospital, admin, reception, doctor: await doctorAt(t, hospital) };
}

/** A patient who signed up (registered nowhere unless `hospital`), with their session. */
export async function patientUser(t: TestApp, hospital?: HospitalRow) {
  const { user, patient } = await createPatientUser(t.database.db, { hospital });
  return { user, patient, headers: await sessionHeaders(t.database.db, user) };
}

/** Weekly hours on the weekday of `date`, set by the doctor through the API. */
export async function hours(
  t: TestApp,
  c: Clinic,
  date: string,
  o: { startTime?: string; endTime?: string; slotMinutes?: number; doctor?: Clinic['doctor'] } = {},
): Promise<AvailabilityTemplate> {
  const doctor = o.doctor ?? c.doctor;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/availability/templates',
    headers: doctor.headers,
    payload: {
      doctorId: doctor.id,
      weekday: isoWeekday(date),
      startTime: o.startTime ?? '09:00',
      endTime: o.endTime ?? '12:00',
      slotMinutes: o.slotMinutes ?? 15,
      effectiveFrom: inDays(0),
    },
  });
  if (res.statusCode !== 201) throw new Error(`hours: ${res.statusCode} ${res.body}`);
  return res.json() as AvailabilityTemplate;
}

/** The UTC instant of a local time on a date at the clinic, as the API speaks it. */
export const at = (c: Clinic, date: string, time: string) =>
  new Date(localToInstant(date, time, c.hospital.timeZone)).toISOString();

/** A clinic whose doctor keeps 09:00–12:00 in 15-minute slots on the weekday 8 days from now. */
export async function clinicWithHours(t: TestApp, timeZone?: string) {
  const c = await clinic(t, timeZone);
  const day = inDays(8);
  await hours(t, c, day);
  return { c, day };
}

/** Books through the API as `headers` (a patient for themselves; the desk names `patientId`). */
export async function bookVia(
  t: TestApp,
  headers: AuthHeaders,
  c: Clinic,
  startsAt: string,
  o: { patientId?: string; reason?: string } = {},
): Promise<Appointment> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/appointments',
    headers: headers as Record<string, string>,
    payload: { idempotencyKey: key(), doctorId: c.doctor.id, startsAt, ...o },
  });
  if (res.statusCode !== 201) throw new Error(`book: ${res.statusCode} ${res.body}`);
  return res.json() as Appointment;
}

/** A FHIR read or search as `headers`. */
export const fhirGet = (t: TestApp, url: string, headers: object) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

/** The ids of a searchset Bundle's resources, in order. */
export const entryIds = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);

/** An active appointment written straight to the table, bypassing every check of the service. */
export async function insertAppointment(
  t: TestApp,
  c: Clinic,
  o: { patientId: string; bookedBy: string; startsAt: Date | string; endsAt: Date | string },
): Promise<string> {
  const { rows } = await t.database.query<{ id: string }>(
    `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, booked_by, idempotency_key, request_hash)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'x') returning id`,
    [c.hospital.id, c.doctor.id, o.patientId, o.startsAt, o.endsAt, o.bookedBy, key()],
  );
  return rows[0]!.id;
}
