// The demo's booked week at City General: appointments from now to a week ahead with the demo
// doctors, so that right after `npm start` the front desk has patients to check in (on a working
// day), the doctors a schedule, the queue screen tokens to show and the demo patient a visit to
// come. Every appointment sits on a slot the doctor's weekly hours offer (DEMO_HOURS), at least an
// hour ahead; a patient has two at most, three days apart at least; in-patients have none;
// children see the paediatrician and adults the others.
import { appointments } from '../../modules/scheduling/scheduling.tables';
import { addDays, localDateOf } from '../../modules/scheduling';
import { newId } from '../ids';
import type { Tx } from '../client';
import { demoSlots } from './demo-availability';

/** How many appointments each doctor has a day, on which of the day's slots, and what for. */
const PLAN: { login: string; slots: number[]; children: boolean; reasons: string[] }[] = [
  {
    login: 'doctor',
    slots: [1, 9, 17],
    children: false,
    reasons: [
      'Fever and cough for three days',
      'Follow-up: blood pressure',
      'Diabetes review, fasting sugar results',
      'Lower back pain',
      'Annual health check',
    ],
  },
  {
    login: 'cardiologist',
    slots: [2],
    children: false,
    reasons: ['Chest discomfort on climbing stairs', 'Follow-up after ECG', 'Palpitations at night'],
  },
  {
    login: 'paediatrician',
    slots: [3],
    children: true,
    reasons: ['Vaccination due', 'Ear pain since yesterday', 'Cough and cold'],
  },
];

export interface DemoOutpatient {
  id: string;
  child: boolean;
  /** Admitted at the time of the seed: no outpatient appointments. */
  inpatient: boolean;
}

export interface DemoWeek {
  now: Date;
  hospitalId: string;
  timeZone: string;
  doctorOf: (login: string) => string | undefined;
  bookedBy: string;
  patients: DemoOutpatient[];
}

/** Books the coming week at CGH; returns how many appointments were written. */
export async function writeDemoAppointments(tx: Tx, opts: DemoWeek): Promise<number> {
  const rows = planDemoAppointments(opts);
  if (rows.length) await tx.insert(appointments).values(rows);
  return rows.length;
}

/**
 * The coming week's appointments at CGH (`timeZone`) for `patients`, first come first served in
 * their order (so the first adult, the demo patient's record when it comes first, has the first visit).
 */
export function planDemoAppointments(opts: DemoWeek): (typeof appointments.$inferInsert)[] {
  const earliest = opts.now.getTime() + 3600_000;
  const today = localDateOf(opts.now.getTime(), opts.timeZone);
  const outpatients = opts.patients.filter((p) => !p.inpatient);
  const turn = { adult: 0, child: 0 };
  const visits = new Map<string, number[]>(); // patient id -> the days (0..6) of their visits
  const rows: (typeof appointments.$inferInsert)[] = [];
  for (let d = 0; d < 7; d++) {
    const day = addDays(today, d);
    for (const plan of PLAN) {
      const doctorProfileId = opts.doctorOf(plan.login);
      if (!doctorProfileId) continue;
      const offered = demoSlots(plan.login, 'CGH', day, today, opts.timeZone);
      for (const [n, index] of plan.slots.entries()) {
        const at = offered[index];
        if (!at || at.start < earliest) continue;
        const group = outpatients.filter((p) => p.child === plan.children);
        const key = plan.children ? 'child' : 'adult';
        const patient = group
          .map((_, i) => group[(turn[key] + i) % group.length]!)
          .find((p) => {
            const days = visits.get(p.id) ?? [];
            return days.length < 2 && days.every((seen) => d - seen >= 3);
          });
        if (!patient) continue;
        turn[key] = (group.indexOf(patient) + 1) % group.length;
        visits.set(patient.id, [...(visits.get(patient.id) ?? []), d]);
        rows.push({
          id: newId(),
          hospitalId: opts.hospitalId,
          doctorProfileId,
          patientId: patient.id,
          startsAt: new Date(at.start),
          endsAt: new Date(at.end),
          status: 'booked',
          reason: plan.reasons[(d + n) % plan.reasons.length]!,
          bookedBy: opts.bookedBy,
          idempotencyKey: `demo-seed:${day}:${plan.login}:${index}`,
          requestHash: 'demo-seed',
        });
      }
    }
  }
  return rows;
}
