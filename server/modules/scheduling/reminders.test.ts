// Reminders 24 h and 2 h before, once each, at the right moment across daylight-saving changes, and
// never for a visit that will not happen. The job's clock is passed in; appointments lie in 2027,
// well after the real clock, so the scheduled run of the same job in the test app leaves them alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { REMINDER_WINDOWS, sendDueReminders } from './reminders';
import { localToInstant } from './local-time';
import {
  clinic,
  clinicWithHours,
  insertAppointment,
  at,
  key,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;

/** A booked appointment at a local time, written straight to the table (created now, or at `createdAt`). */
async function appointment(c: Clinic, date: string, time: string, createdAt?: Date) {
  const p = await patientUser(t, c.hospital);
  const start = new Date(localToInstant(date, time, c.hospital.timeZone));
  const id = await insertAppointment(t, c, {
    patientId: p.patient.id,
    bookedBy: p.user.id,
    startsAt: start,
    endsAt: new Date(start.getTime() + 15 * 60_000),
  });
  if (createdAt)
    await t.database.query('update appointments set created_at = $2 where id = $1', [id, createdAt]);
  return { id, start, p };
}

/** The reminders claimed for an appointment, by kind. */
async function claimed(id: string): Promise<string[]> {
  const { rows } = await t.database.query<{ kind: string }>(
    'select kind from appointment_reminders where appointment_id = $1 order by kind',
    [id],
  );
  return rows.map((r) => r.kind);
}

/** The reminder notices queued for an appointment: channel and, for e-mail, the words. */
async function notices(id: string) {
  const { rows } = await t.database.query<{
    channel: string;
    status: string;
    text: string | null;
    key: string;
  }>(
    `select d.channel, d.status, d.idempotency_key as key, j.data->>'text' as text
       from notification_deliveries d
       left join pgboss.job j on j.name = 'notify.email' and j.data->>'deliveryId' = d.id::text
      where d.template = 'scheduling.appointment_reminder' and d.idempotency_key like $1
      order by d.idempotency_key, d.channel`,
    [`appointment-reminder:${id}:%`],
  );
  return rows;
}

const run = (now: Date | number) => sendDueReminders(t.database.db, new Date(now));

describe('appointment reminders', () => {
  it('sends the 24 h and 2 h reminders when due, in the hospital’s local time, across spring-forward', async () => {
    // New York moves its clocks forward at 02:00 on 14 March 2027: 10:00 that day is 14:00 UTC, and
    // "24 hours before" is 09:00 EST on the 13th.
    const c = await clinic(t, 'America/New_York');
    const { id, start } = await appointment(c, '2027-03-14', '10:00');
    expect(start.toISOString()).toBe('2027-03-14T14:00:00.000Z');

    await run(start.getTime() - 24 * HOUR - 60_000);
    expect(await claimed(id)).toEqual([]);
    await run(start.getTime() - 24 * HOUR);
    expect(await claimed(id)).toEqual(['24h']);
    expect(new Date(start.getTime() - 24 * HOUR).toISOString()).toBe('2027-03-13T14:00:00.000Z');

    await run(start.getTime() - 2 * HOUR - 60_000);
    expect(await claimed(id)).toEqual(['24h']);
    await run(start.getTime() - 2 * HOUR);
    expect(await claimed(id)).toEqual(['24h', '2h']);

    const sent = await notices(id);
    // On the patient's channels: e-mail and in-app (no phone number on file: SMS skipped, logged).
    // Queued, or already sent by the delivery jobs running in the test app.
    const gone = (status: string) => (status === 'skipped' ? 'skipped' : 'on its way');
    expect(sent.map((n) => [n.key.split(':')[2], n.channel, gone(n.status)])).toEqual([
      ['24h', 'email', 'on its way'],
      ['24h', 'in_app', 'on its way'],
      ['24h', 'sms', 'skipped'],
      ['2h', 'email', 'on its way'],
      ['2h', 'in_app', 'on its way'],
      ['2h', 'sms', 'skipped'],
    ]);
    // The words say the local time of the visit, after the change (EDT, UTC-4).
    for (const n of sent.filter((x) => x.channel === 'email')) {
      expect(n.text).toContain('14 Mar 2027, 10:00 GMT-4');
    }
  });

  it('writes the local time after clocks go back, and sends at 24 elapsed hours before', async () => {
    // London goes back from BST to GMT at 02:00 on 31 October 2027.
    const c = await clinic(t, 'Europe/London');
    const { id, start } = await appointment(c, '2027-10-31', '09:00');
    expect(start.toISOString()).toBe('2027-10-31T09:00:00.000Z');
    await run(Date.parse('2027-10-30T08:59:00Z')); // 09:59 BST the day before: not yet
    expect(await claimed(id)).toEqual([]);
    await run(Date.parse('2027-10-30T09:00:00Z')); // 10:00 BST the day before: 24 h to go
    expect(await claimed(id)).toEqual(['24h']);
    const [email] = (await notices(id)).filter((n) => n.channel === 'email');
    expect(email!.text).toContain('31 Oct 2027, 09:00 GMT');
    expect(email!.text).not.toContain('GMT+1');
  });

  it('sends each reminder once however often the job runs, and when workers run it at once', async () => {
    const c = await clinic(t);
    const { id, start } = await appointment(c, '2027-04-06', '09:00');
    const now = start.getTime() - 20 * HOUR;
    const counts = await Promise.all([run(now), run(now), run(now), run(now)]);
    expect(counts.every((n) => n >= 0)).toBe(true);
    await run(now + 5 * 60_000);
    await run(now + 10 * 60_000);
    expect(await claimed(id)).toEqual(['24h']);
    const sent = await notices(id);
    expect(sent.filter((n) => n.channel === 'email')).toHaveLength(1);
    expect(sent.filter((n) => n.channel === 'in_app')).toHaveLength(1);
  });

  it('sends none for a cancelled, missed or completed visit', async () => {
    const c = await clinic(t);
    const ids: string[] = [];
    for (const [time, status] of [
      ['09:00', 'cancelled'],
      ['10:00', 'no_show'],
      ['11:00', 'completed'],
    ] as const) {
      const { id } = await appointment(c, '2027-04-07', time);
      await t.database.query('update appointments set status = $2 where id = $1', [id, status]);
      ids.push(id);
    }
    const first = new Date(localToInstant('2027-04-07', '09:00', c.hospital.timeZone)).getTime();
    for (const now of [first - 23 * HOUR, first - HOUR, first + HOUR]) await run(now);
    for (const id of ids) {
      expect(await claimed(id)).toEqual([]);
      expect(await notices(id)).toEqual([]);
    }
  });

  it('does not send the 24 h reminder once the 2 h window has started (a job that did not run in time)', async () => {
    const c = await clinic(t);
    const { id, start } = await appointment(c, '2027-04-08', '09:00');
    await run(start.getTime() - 2 * HOUR + 60_000);
    expect(await claimed(id)).toEqual(['2h']);
    await run(start.getTime() - 60_000);
    expect(await claimed(id)).toEqual(['2h']);
    // After the start, nothing more.
    const late = await appointment(c, '2027-04-08', '11:00');
    await run(late.start.getTime() + 60_000);
    expect(await claimed(late.id)).toEqual([]);
  });

  it('reminds nobody who booked just before a reminder would fall due', async () => {
    const c = await clinic(t);
    // Booked at 10:00 for 11:00: the confirmation is enough.
    const soon = await appointment(c, '2027-04-09', '11:00');
    await t.database.query('update appointments set created_at = $2 where id = $1', [
      soon.id,
      new Date(soon.start.getTime() - HOUR),
    ]);
    for (const m of [50, 30, 5]) await run(soon.start.getTime() - m * 60_000);
    expect(await claimed(soon.id)).toEqual([]);
    // Booked the day before, 30 h ahead: no "tomorrow" reminder, but the 2 h one.
    const dayBefore = await appointment(c, '2027-04-10', '09:00');
    await t.database.query('update appointments set created_at = $2 where id = $1', [
      dayBefore.id,
      new Date(dayBefore.start.getTime() - 30 * HOUR),
    ]);
    await run(dayBefore.start.getTime() - 24 * HOUR);
    await run(dayBefore.start.getTime() - 5 * HOUR);
    expect(await claimed(dayBefore.id)).toEqual([]);
    await run(dayBefore.start.getTime() - 2 * HOUR);
    expect(await claimed(dayBefore.id)).toEqual(['2h']);
    // The windows are as documented.
    expect(
      REMINDER_WINDOWS.map((w) => [w.kind, w.leadMs / HOUR, w.untilMs / HOUR, w.minNoticeMs / HOUR]),
    ).toEqual([
      ['24h', 24, 2, 12],
      ['2h', 2, 0, 1],
    ]);
  });

  it('reminds again for the new time after a move, and only of the new time', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      headers: p.headers as Record<string, string>,
      payload: { idempotencyKey: key(), doctorId: c.doctor.id, startsAt: at(c, day, '09:00') },
    });
    const a = res.json() as { id: string; startsAt: string };
    const first = Date.parse(a.startsAt);
    // The booking was made now (8 days ahead); run the job as if 23 h before.
    await run(first - 23 * HOUR);
    expect(await claimed(a.id)).toEqual(['24h']);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${a.id}/reschedule`,
      headers: p.headers as Record<string, string>,
      payload: { startsAt: at(c, day, '11:00') },
    });
    expect(moved.statusCode).toBe(200);
    expect(await claimed(a.id)).toEqual([]);
    await run(Date.parse(at(c, day, '11:00')) - 23 * HOUR);
    expect(await claimed(a.id)).toEqual(['24h']);
    const emails = (await notices(a.id)).filter((n) => n.channel === 'email');
    expect(emails).toHaveLength(2);
    expect(emails.map((e) => e.key.split(':').slice(3).join(':')).sort()).toEqual(
      [at(c, day, '09:00'), at(c, day, '11:00')].sort(),
    );
  });
});
