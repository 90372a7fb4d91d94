// Appointment reminders: one the day before and one shortly before, each sent once, on the
// patient's channels (their notification preferences for "reminder"), with the time written in the
// hospital's time zone.
//
// When each is due (now = when the job runs; start = the appointment's start):
// - the 24 h reminder from start - 24 h until start - 2 h; a job that did not run in that window
//   (the server was down) does not send it late, because by then the 2 h one is due instead;
// - the 2 h reminder from start - 2 h until the start;
// - neither for an appointment booked shortly before it would fall due: the patient has just had
//   the booking confirmation. The 24 h one needs the booking made at least 12 h before it falls due
//   (36 h ahead), the 2 h one at least 1 h before (3 h ahead): booking at 10:00 for 11:00 sends none,
//   booking today for tomorrow morning sends only the 2 h one.
// Only booked appointments are reminded: a cancelled, missed or completed visit needs none, and a
// checked-in patient is already at the hospital.
//
// Exactly once: the reminder's row in appointment_reminders is inserted (ON CONFLICT DO NOTHING) in
// the transaction that queues the notice, under the appointment's row lock. Two workers running at
// once, or a job retried after a crash, find the row and send nothing; a notice whose transaction
// rolled back left no row, and goes on the next run. Moving an appointment clears its rows, so the
// new time gets its own reminders.
import type { Db } from '../../db/client';
import { notify } from '../notifications';
import * as repo from './scheduling.repo';
import * as jobsRepo from './scheduling.jobs.repo';
import type { ReminderKind, ReminderWindow } from './scheduling.jobs.repo';

const HOUR = 3_600_000;

export const REMINDER_WINDOWS: readonly ReminderWindow[] = [
  { kind: '24h', leadMs: 24 * HOUR, untilMs: 2 * HOUR, minNoticeMs: 12 * HOUR },
  { kind: '2h', leadMs: 2 * HOUR, untilMs: 0, minNoticeMs: 1 * HOUR },
];

const BATCH = 200;

/** Sends one reminder if it is still due and nobody sent it; true when this call sent it. */
async function sendReminder(
  db: Db,
  r: { appointmentId: string; kind: ReminderKind; startsAt: Date },
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The lock orders this against a cancel or a move of the same appointment.
    const a = await repo.lockAppointment(tx, r.appointmentId);
    if (!a || a.status !== 'booked' || a.startsAt.getTime() !== r.startsAt.getTime()) return false;
    if (!(await jobsRepo.claimReminder(tx, a.id, r.kind, now))) return false;
    const c = await jobsRepo.noticeContact(tx, a.id);
    if (!c) return false;
    const to = jobsRepo.patientRecipient(c);
    if (!to) return true; // nobody to tell; claimed all the same
    await notify(tx, {
      template: 'scheduling.appointment_reminder',
      ...to,
      hospitalId: a.hospitalId,
      idempotencyKey: `appointment-reminder:${a.id}:${r.kind}:${a.startsAt.toISOString()}`,
      data: {
        appointmentId: a.id,
        doctorName: c.doctorName,
        startsAt: a.startsAt.toISOString(),
        reminder: r.kind,
      },
    });
    return true;
  });
}

/**
 * Sends every reminder due at `now` (the job's clock; tests pass their own). Returns how many this
 * call sent; safe to run any number of times, and from several workers at once.
 */
export async function sendDueReminders(db: Db, now: Date = new Date()): Promise<number> {
  let sent = 0;
  let failure: unknown = null;
  const tried = new Set<string>();
  for (;;) {
    const due = (await jobsRepo.dueReminders(db, REMINDER_WINDOWS, now, BATCH)).filter(
      (r) => !tried.has(`${r.appointmentId}:${r.kind}`),
    );
    if (due.length === 0) break;
    for (const r of due) {
      tried.add(`${r.appointmentId}:${r.kind}`);
      try {
        if (await sendReminder(db, r, now)) sent++;
      } catch (err) {
        // One appointment's failure (rolled back, unclaimed) does not hold up the others' reminders;
        // the job still fails so that it is retried and shows in the failed jobs.
        failure ??= err;
      }
    }
  }
  if (failure) throw failure;
  return sent;
}
