// beginVisit / completeVisit, as the clinical module calls them inside its own transactions: only a
// checked-in appointment of that doctor at that hospital begins; one patient at a time per doctor;
// completing clears the queue's current; each change is audited and announced on commit (only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../contracts/permissions';
import type { Actor } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { LiveHub, type LiveNotice } from '../../platform/live/live';
import { until } from '../../platform/jobs/jobs.testing';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { localDateOf } from './local-time';
import { takeToken } from './queue.repo';
import { beginVisit, completeVisit, queueTopic, returnToQueue } from './visits.service';
import { clinic, insertAppointment, type Clinic } from './scheduling.test-helpers';

let t: TestApp;
let hub: LiveHub;
beforeAll(async () => {
  t = await buildTestApp();
  hub = new LiveHub(t.database, { warn() {} });
});
afterAll(async () => {
  await hub?.stop();
  await t?.close();
});

function doctorCtx(c: Clinic): Ctx {
  const actor = {
    userId: c.doctor.userId,
    email: 'doctor@example.test',
    fullName: 'Doctor',
    patientId: null,
    memberships: [{ hospitalId: c.hospital.id, role: 'doctor' }],
    via: 'session',
    sessionId: null,
    csrfToken: null,
    tokenFamilyId: null,
    hospitalId: c.hospital.id,
    roles: ['doctor'],
    permissions: permissionsOf(['doctor']),
    twoFactorRequired: false,
    withheldRoles: [],
  } satisfies Actor;
  return { db: t.database.db, actor, role: 'doctor', ip: '127.0.0.1', requestId: 'visits-test' };
}

const today = (c: Clinic) => localDateOf(Date.now(), c.hospital.timeZone);

/** An appointment now, checked in with the next token of the doctor's queue today. */
async function checkedIn(c: Clinic): Promise<{ id: string; patientId: string; token: number }> {
  const p = await createPatient(t.database.db, { hospital: c.hospital });
  const start = new Date(Date.now() - 60_000);
  const id = await insertAppointment(t, c, {
    patientId: p.id,
    bookedBy: c.doctor.userId,
    startsAt: start,
    endsAt: new Date(start.getTime() + 60_000),
  });
  // Appointments of one doctor may not overlap: make it a walk-in (holds no slot).
  const token = await t.database.db.transaction((tx) => takeToken(tx, c.hospital.id, c.doctor.id, today(c)));
  await t.database.query(
    `update appointments set walk_in = true, status = 'checked_in', queue_date = $2, token = $3,
            checked_in_at = now() where id = $1`,
    [id, today(c), token],
  );
  return { id, patientId: p.id, token };
}

const row = async (id: string) =>
  (
    await t.database.query<{ status: string; called_at: Date | null }>(
      'select status, called_at from appointments where id = $1',
      [id],
    )
  ).rows[0]!;
const current = async (c: Clinic) =>
  (
    await t.database.query<{ current_appointment_id: string | null }>(
      'select current_appointment_id from queue_days where hospital_id = $1 and doctor_profile_id = $2 and day = $3',
      [c.hospital.id, c.doctor.id, today(c)],
    )
  ).rows[0]?.current_appointment_id;
const audits = async (id: string, action: string) =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select count(*)::int as n from audit_events where entity_id = $1 and action = $2',
        [id, action],
      )
    ).rows[0]!.n,
  );

describe('beginVisit and completeVisit', () => {
  it('calls a checked-in patient in, once; completes the visit and clears the queue', async () => {
    const c = await clinic(t);
    const ctx = doctorCtx(c);
    const a = await checkedIn(c);
    const p = { appointmentId: a.id, hospitalId: c.hospital.id, doctorProfileId: c.doctor.id };
    const got = await t.database.db.transaction((tx) => beginVisit(tx, ctx, p));
    expect(got).toEqual({ appointmentId: a.id, patientId: a.patientId });
    const r = await row(a.id);
    expect(r.status).toBe('in_consultation');
    expect(r.called_at).not.toBeNull();
    expect(await current(c)).toBe(a.id);
    // Again (opening the consultation after calling in): no change, no second audit.
    await t.database.db.transaction((tx) => beginVisit(tx, ctx, p));
    expect((await row(a.id)).called_at).toEqual(r.called_at);
    expect(await audits(a.id, 'appointment.called_in')).toBe(1);

    await t.database.db.transaction((tx) =>
      completeVisit(tx, ctx, { appointmentId: a.id, hospitalId: c.hospital.id }),
    );
    expect((await row(a.id)).status).toBe('completed');
    expect(await current(c)).toBeNull();
    expect(await audits(a.id, 'appointment.completed')).toBe(1);
    // Completing again changes nothing.
    await t.database.db.transaction((tx) =>
      completeVisit(tx, ctx, { appointmentId: a.id, hospitalId: c.hospital.id }),
    );
    expect(await audits(a.id, 'appointment.completed')).toBe(1);
  });

  it('refuses an appointment not checked in (409) and anyone else’s (404), changing nothing', async () => {
    const c = await clinic(t);
    const ctx = doctorCtx(c);
    const p = await createPatient(t.database.db, { hospital: c.hospital });
    const start = new Date(Date.now() + 3600_000);
    const booked = await insertAppointment(t, c, {
      patientId: p.id,
      bookedBy: c.doctor.userId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 900_000),
    });
    const begin = (o: Partial<{ appointmentId: string; hospitalId: string; doctorProfileId: string }>) =>
      t.database.db.transaction((tx) =>
        beginVisit(tx, ctx, {
          appointmentId: booked,
          hospitalId: c.hospital.id,
          doctorProfileId: c.doctor.id,
          ...o,
        }),
      );
    await expect(begin({})).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_CHECKED_IN', status: 409 });
    const other = await clinic(t);
    await expect(begin({ hospitalId: other.hospital.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(begin({ doctorProfileId: other.doctor.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(begin({ appointmentId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      t.database.db.transaction((tx) =>
        completeVisit(tx, ctx, { appointmentId: booked, hospitalId: c.hospital.id }),
      ),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_CHECKED_IN' });
    await expect(
      t.database.db.transaction((tx) =>
        completeVisit(tx, ctx, { appointmentId: booked, hospitalId: other.hospital.id }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await row(booked)).status).toBe('booked');
  });

  it('sees one patient at a time: the next begins after the current completes or is sent back', async () => {
    const c = await clinic(t);
    const ctx = doctorCtx(c);
    const [a, b] = [await checkedIn(c), await checkedIn(c)];
    const p = (id: string) => ({
      appointmentId: id,
      hospitalId: c.hospital.id,
      doctorProfileId: c.doctor.id,
    });
    await t.database.db.transaction((tx) => beginVisit(tx, ctx, p(a.id)));
    await expect(t.database.db.transaction((tx) => beginVisit(tx, ctx, p(b.id)))).rejects.toMatchObject({
      code: 'PATIENT_IN_CONSULTATION',
      extra: { currentToken: a.token },
    });
    expect((await row(b.id)).status).toBe('checked_in');
    await t.database.db.transaction((tx) => returnToQueue(tx, ctx, p(a.id)));
    expect((await row(a.id)).status).toBe('checked_in');
    expect(await current(c)).toBeNull();
    await t.database.db.transaction((tx) => beginVisit(tx, ctx, p(b.id)));
    expect(await current(c)).toBe(b.id);
  });

  it('announces the change to the queue when the transaction commits, and not when it rolls back', async () => {
    const c = await clinic(t);
    const ctx = doctorCtx(c);
    const heard: LiveNotice[] = [];
    const stop = await hub.subscribe(queueTopic(c.hospital.id), (n) => heard.push(n));
    try {
      const a = await checkedIn(c);
      const p = { appointmentId: a.id, hospitalId: c.hospital.id, doctorProfileId: c.doctor.id };
      await expect(
        t.database.db.transaction(async (tx) => {
          await beginVisit(tx, ctx, p);
          throw new Error('the consultation failed to open');
        }),
      ).rejects.toThrow('failed to open');
      expect((await row(a.id)).status).toBe('checked_in');
      await t.database.db.transaction((tx) => beginVisit(tx, ctx, p));
      await until(() => heard.length > 0, 'the queue notice');
      expect(heard).toEqual([{ topic: queueTopic(c.hospital.id), payload: c.doctor.id }]);
    } finally {
      stop();
    }
  });
});
