// FHIR Appointment: the bookings at the hospital the caller acts in, with FHIR's statuses, the
// participants and the slot held; searched by patient, practitioner, date and status in SQL, and
// every read and search in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient, createStaff, sessionHeaders, type PatientRow } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  at,
  bookVia,
  clinic,
  clinicWithHours,
  doctorAt,
  entryIds as ids,
  fhirGet,
  hours,
  inDays,
  insertAppointment,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';

const day = inDays(8);
let t: TestApp;
let c: Clinic;
let patient: PatientRow;

beforeAll(async () => {
  t = await buildTestApp();
  c = await clinic(t);
  await hours(t, c, day);
  patient = await createPatient(t.database.db, {
    hospital: c.hospital,
    values: { givenName: 'Meera', familyName: 'Nair' },
  });
});
afterAll(async () => t?.close());

const get = (url: string, headers: object = c.reception) => fhirGet(t, url, headers);
const audited = async (action: string, requestId: unknown) =>
  (
    await t.database.query<{ patient_id: string | null; entity_id: string | null }>(
      `select patient_id, entity_id from audit_events where action = $1 and request_id = $2`,
      [action, requestId],
    )
  ).rows;

/** An appointment of `patient` with the clinic's doctor at a local time on `day`, 15 minutes. */
const appointmentAt = (time: string, o: { patientId?: string; clinic?: Clinic } = {}) => {
  const cl = o.clinic ?? c;
  return insertAppointment(t, cl, {
    patientId: o.patientId ?? patient.id,
    bookedBy: cl.doctor.userId,
    startsAt: at(cl, day, time),
    endsAt: new Date(Date.parse(at(cl, day, time)) + 15 * 60_000),
  });
};
const setStatus = (id: string, status: string) =>
  t.database.query('update appointments set status = $2 where id = $1', [id, status]);

describe('FHIR Appointment', () => {
  it('reads a booking: status, times, participants, the slot it holds; and audits the read', async () => {
    const { id, bookedAt, doctorName } = await bookVia(t, c.reception, c, at(c, day, '09:00'), {
      patientId: patient.id,
      reason: 'Follow-up of blood pressure',
    });
    const res = await get(`/fhir/R4/Appointment/${id}`);
    expect(res.statusCode).toBe(200);
    const slot = `${c.doctor.id}-${day.replaceAll('-', '')}T0330`;
    expect(res.json()).toMatchObject({
      resourceType: 'Appointment',
      id,
      status: 'booked',
      description: 'Follow-up of blood pressure',
      reasonCode: [{ text: 'Follow-up of blood pressure' }],
      start: at(c, day, '09:00'),
      end: at(c, day, '09:15'),
      minutesDuration: 15,
      created: bookedAt,
      slot: [{ reference: `Slot/${slot}` }],
      participant: [
        {
          actor: { reference: `Patient/${patient.id}`, display: 'Meera Nair' },
          required: 'required',
          status: 'accepted',
        },
        {
          actor: { reference: `Practitioner/${c.doctor.userId}`, display: doctorName },
          required: 'required',
          status: 'accepted',
        },
      ],
    });
    expect(res.json().meta.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.json().cancelationReason).toBeUndefined();
    expect(await audited('appointment.read', res.headers['x-request-id'])).toEqual([
      { patient_id: patient.id, entity_id: id },
    ]);
    // The slot it names is the doctor's, and busy.
    const held = await get(`/fhir/R4/Slot/${slot}`);
    expect(held.json()).toMatchObject({ id: slot, status: 'busy', start: at(c, day, '09:00') });

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${id}/cancel`,
      headers: c.reception as Record<string, string>,
      payload: { reason: 'Doctor on call' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await get(`/fhir/R4/Appointment/${id}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelationReason: { text: 'Doctor on call' },
    });
  });

  it("maps Hospitium's states to FHIR's; a walk-in is WALKIN and holds no slot", async () => {
    const expected: Record<string, string> = {
      checked_in: 'checked-in',
      in_consultation: 'checked-in',
      completed: 'fulfilled',
      no_show: 'noshow',
    };
    let time = 9 * 60 + 30;
    for (const [status, fhir] of Object.entries(expected)) {
      const hhmm = `${String(Math.floor(time / 60)).padStart(2, '0')}:${String(time % 60).padStart(2, '0')}`;
      time += 15;
      const id = await appointmentAt(hhmm);
      await setStatus(id, status);
      expect((await get(`/fhir/R4/Appointment/${id}`)).json().status, status).toBe(fhir);
    }
    const walkIn = await appointmentAt('10:45');
    await t.database.query('update appointments set walk_in = true where id = $1', [walkIn]);
    const w = (await get(`/fhir/R4/Appointment/${walkIn}`)).json();
    expect(w).toMatchObject({
      status: 'booked',
      appointmentType: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'WALKIN' }],
      },
    });
    expect(w.slot).toBeUndefined();
    expect(w.description).toBeUndefined();
  });

  it('searches by patient, practitioner, date and status, latest start first; audits the search', async () => {
    const { c: c2, day: d2 } = await clinicWithHours(t);
    const second = await doctorAt(t, c2.hospital);
    const [p1, p2] = await Promise.all([
      createPatient(t.database.db, { hospital: c2.hospital }),
      createPatient(t.database.db, { hospital: c2.hospital }),
    ]);
    const a1 = await appointmentAt('09:00', { clinic: c2, patientId: p1.id });
    const a2 = await appointmentAt('09:30', { clinic: c2, patientId: p1.id });
    const a3 = await appointmentAt('10:00', { clinic: c2, patientId: p2.id });
    const a4 = await insertAppointment(
      t,
      { ...c2, doctor: second },
      {
        patientId: p2.id,
        bookedBy: second.userId,
        startsAt: at(c2, d2, '11:00'),
        endsAt: at(c2, d2, '11:15'),
      },
    );
    await setStatus(a2, 'cancelled');
    const search = async (q: string) => {
      const res = await get(`/fhir/R4/Appointment?${q}`, c2.reception);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
      return res;
    };

    const all = (await search('')).json();
    expect(all).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 4 });
    expect(ids(all)).toEqual([a4, a3, a2, a1]);
    const mine = await search(`patient=Patient/${p1.id}`);
    expect(ids(mine.json())).toEqual([a2, a1]);
    const rows = await audited('appointments.listed', mine.headers['x-request-id']);
    expect(rows).toEqual([{ patient_id: p1.id, entity_id: null }]);
    expect(ids((await search(`practitioner=Practitioner/${second.userId}`)).json())).toEqual([a4]);
    expect(ids((await search(`practitioner=Practitioner/${c2.doctor.userId}&status=booked`)).json())).toEqual(
      [a3, a1],
    );
    expect(ids((await search('status=cancelled,noshow')).json())).toEqual([a2]);
    expect(ids((await search(`date=ge${at(c2, d2, '09:30')}`)).json())).toEqual([a4, a3, a2]);
    expect(ids((await search(`date=lt${at(c2, d2, '09:30')}`)).json())).toEqual([a1]);
    const range = await search(`date=ge${at(c2, d2, '09:30')}&date=lt${at(c2, d2, '11:00')}`);
    expect(ids(range.json())).toEqual([a3, a2]);
    // The page links carry both bounds.
    const self = new URL(range.json().link[0].url as string);
    expect(self.searchParams.getAll('date')).toHaveLength(2);
    expect(ids((await search(`date=ne${at(c2, d2, '09:30')}`)).json())).toEqual([a4, a3, a1]);
    expect((await search(`date=eq${d2}`)).json().total).toBe(4);
    expect((await search('status=proposed')).json().total).toBe(0);
    const page = (await search('_count=2&_offset=2')).json();
    expect(ids(page)).toEqual([a2, a1]);

    for (const q of ['status=open', 'date=tomorrow', 'patient=Practitioner/x', 'doctor=1']) {
      const res = await get(`/fhir/R4/Appointment?${q}`, c2.reception);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it("keeps to the hospital acted in: another hospital's appointment is 404 and absent from searches", async () => {
    const { c: other } = await clinicWithHours(t);
    const there = await appointmentAt('09:00', { clinic: other });
    expect((await get(`/fhir/R4/Appointment/${there}`)).statusCode).toBe(404);
    expect((await get('/fhir/R4/Appointment/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const here = (await get(`/fhir/R4/Appointment?patient=Patient/${patient.id}`)).json();
    expect(ids(here)).not.toContain(there);
    expect(here.total).toBeGreaterThan(0);
  });

  it('lets a doctor read and search their own appointments only, and refuses a patient (403)', async () => {
    const id = await appointmentAt('11:30');
    const other = await doctorAt(t, c.hospital);
    const theirs = await insertAppointment(
      t,
      { ...c, doctor: other },
      {
        patientId: patient.id,
        bookedBy: other.userId,
        startsAt: at(c, day, '11:45'),
        endsAt: at(c, day, '12:00'),
      },
    );
    expect((await get(`/fhir/R4/Appointment/${id}`, c.doctor.headers)).statusCode).toBe(200);
    expect((await get(`/fhir/R4/Appointment/${theirs}`, c.doctor.headers)).statusCode).toBe(404);
    const own = (await get(`/fhir/R4/Appointment?patient=Patient/${patient.id}`, c.doctor.headers)).json();
    expect(ids(own)).toContain(id);
    expect(ids(own)).not.toContain(theirs);
    const asked = await get(
      `/fhir/R4/Appointment?practitioner=Practitioner/${other.userId}`,
      c.doctor.headers,
    );
    expect(asked.json().total).toBe(0);
    // The front desk sees both.
    const desk = ids((await get(`/fhir/R4/Appointment?patient=Patient/${patient.id}`)).json());
    expect(desk).toEqual(expect.arrayContaining([id, theirs]));
    const p = await patientUser(t);
    const res = await get(`/fhir/R4/Appointment/${id}`, p.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().resourceType).toBe('OperationOutcome');
    const nurse = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, c.hospital, 'nurse'),
      c.hospital,
    );
    expect((await get(`/fhir/R4/Appointment/${id}`, nurse)).statusCode).toBe(200);
  });
});
