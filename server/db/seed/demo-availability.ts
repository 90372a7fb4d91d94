// The demo doctors' weekly consulting hours, so a patient can book right after `npm start`. Times
// are the hospital's wall-clock times (CGH in Kolkata, RVC in London).
import { availabilityTemplates } from '../../modules/scheduling/scheduling.tables';
import { templateSlots } from '../../modules/scheduling';
import type { Tx } from '../client';
import type { HospitalKey } from './demo-data';

interface Hours {
  weekdays: number[];
  start: string;
  end: string;
  slotMinutes: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** Weekly hours per demo doctor (login) and hospital. */
export const DEMO_HOURS: { login: string; hospital: HospitalKey; hours: Hours[] }[] = [
  {
    login: 'doctor',
    hospital: 'CGH',
    hours: [
      // Mornings every day, Sunday too (a Sunday out-patient clinic, as many hospitals keep): the
      // demo has patients to check in and a doctor's day to show whichever day it is tried on.
      { weekdays: [...WEEKDAYS, 6, 7], start: '09:00', end: '13:00', slotMinutes: 15 },
      { weekdays: WEEKDAYS, start: '14:00', end: '17:00', slotMinutes: 15 },
    ],
  },
  {
    login: 'cardiologist',
    hospital: 'CGH',
    hours: [
      { weekdays: [1, 3, 5], start: '10:00', end: '13:00', slotMinutes: 20 },
      { weekdays: [2, 4], start: '14:00', end: '17:00', slotMinutes: 20 },
    ],
  },
  {
    login: 'cardiologist',
    hospital: 'RVC',
    hours: [{ weekdays: [6], start: '10:00', end: '13:00', slotMinutes: 30 }],
  },
  {
    login: 'paediatrician',
    hospital: 'CGH',
    hours: [
      { weekdays: WEEKDAYS, start: '09:30', end: '12:30', slotMinutes: 15 },
      { weekdays: WEEKDAYS, start: '16:00', end: '18:00', slotMinutes: 15 },
    ],
  },
];

/** How many days before the seed the hours take effect: they cover the demo's month of past visits. */
export const HOURS_SINCE_DAYS = 60;

/** The hours' first day: HOURS_SINCE_DAYS before `today` (a YYYY-MM-DD date). */
const hoursFrom = (today: string) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - HOURS_SINCE_DAYS * 86_400_000).toISOString().slice(0, 10);

/**
 * The slots a demo doctor's hours offer at a hospital on one local day (`day`, YYYY-MM-DD, on or
 * after the hours' first day for `today`), soonest first.
 */
export function demoSlots(
  login: string,
  hospital: HospitalKey,
  day: string,
  today: string,
  timeZone: string,
) {
  const hours = DEMO_HOURS.find((h) => h.login === login && h.hospital === hospital);
  if (!hours) return [];
  const from = hoursFrom(today);
  const templates = hours.hours.flatMap((h) =>
    h.weekdays.map((weekday) => ({
      ...h,
      weekday,
      startTime: h.start,
      endTime: h.end,
      effectiveFrom: from,
      effectiveTo: null,
    })),
  );
  return templateSlots(templates, day, day, timeZone);
}

/**
 * Writes the weekly hours of the demo doctors, effective from HOURS_SINCE_DAYS before `now`. `doctorOf`
 * gives the doctor profile of a login at a hospital (absent: not seeded, skipped).
 */
export async function writeDemoAvailability(
  tx: Tx,
  opts: {
    now: Date;
    hospitalId: (k: HospitalKey) => string;
    doctorOf: (login: string, hospital: HospitalKey) => string | undefined;
    createdBy: (hospital: HospitalKey) => string;
  },
): Promise<number> {
  const from = hoursFrom(opts.now.toISOString().slice(0, 10));
  const rows = DEMO_HOURS.flatMap((d) => {
    const doctorProfileId = opts.doctorOf(d.login, d.hospital);
    if (!doctorProfileId) return [];
    return d.hours.flatMap((h) =>
      h.weekdays.map((weekday) => ({
        hospitalId: opts.hospitalId(d.hospital),
        doctorProfileId,
        weekday,
        startTime: h.start,
        endTime: h.end,
        slotMinutes: h.slotMinutes,
        effectiveFrom: from,
        createdBy: opts.createdBy(d.hospital),
      })),
    );
  });
  if (rows.length) await tx.insert(availabilityTemplates).values(rows);
  return rows.length;
}
