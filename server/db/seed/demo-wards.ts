// The demo hospital's wards: five wards with rooms and beds at City General, patients in some of
// the beds since the last days (one moved between wards), others discharged over the last month so
// the occupancy chart has a history, and vitals and nursing notes for those still in.
import { and, eq } from 'drizzle-orm';
import { stores } from '../../modules/pharmacy/pharmacy.tables';
import { admissionVitals, nursingNotes } from '../../modules/wards/nursing.tables';
import { dischargeSummaries } from '../../modules/wards/discharge.tables';
import { admissions, bedOccupancies, beds, wardRooms, wards } from '../../modules/wards/wards.tables';
import type { Tx } from '../client';
import type { DemoWardCharge, DischargedStay } from './demo-stay-bills';
import { newId } from '../ids';

type Kind = 'general' | 'icu' | 'maternity' | 'paediatric' | 'private';
type BedType = 'standard' | 'icu' | 'cot' | 'private';

/** Wards, their rooms and beds; rates are daily, in paise (the hospital bills in rupees). */
const WARDS: {
  name: string;
  kind: Kind;
  rooms: { name: string; beds: string[] }[];
  type: BedType;
  rate: number;
}[] = [
  {
    name: 'General Ward A',
    kind: 'general',
    type: 'standard',
    rate: 150_000,
    rooms: [
      { name: 'Room 1', beds: ['A-1', 'A-2', 'A-3', 'A-4'] },
      { name: 'Room 2', beds: ['A-5', 'A-6', 'A-7', 'A-8'] },
    ],
  },
  {
    name: 'ICU',
    kind: 'icu',
    type: 'icu',
    rate: 800_000,
    rooms: [{ name: 'ICU bay', beds: ['ICU-1', 'ICU-2', 'ICU-3', 'ICU-4'] }],
  },
  {
    name: 'Maternity',
    kind: 'maternity',
    type: 'standard',
    rate: 200_000,
    rooms: [{ name: 'Room M1', beds: ['M-1', 'M-2', 'M-3', 'M-4'] }],
  },
  {
    name: 'Paediatric',
    kind: 'paediatric',
    type: 'cot',
    rate: 120_000,
    rooms: [{ name: 'Room P1', beds: ['P-1', 'P-2', 'P-3'] }],
  },
  {
    name: 'Private Rooms',
    kind: 'private',
    type: 'private',
    rate: 500_000,
    rooms: [
      { name: 'Suite 101', beds: ['PR-101'] },
      { name: 'Suite 102', beds: ['PR-102'] },
      { name: 'Suite 103', beds: ['PR-103'] },
    ],
  },
];

/**
 * Stays, by demo patient (their index in demo-patients.ts) and bed label, in hours before now;
 * `to` absent means the patient is still in that bed. A patient's stays follow one another.
 */
interface Discharge {
  course: string;
  condition: 'recovered' | 'improved' | 'stable';
  diagnosis: [code: string, description: string];
  procedures?: string[];
  medicines?: { name: string; directions: string }[];
  followUp: string;
}

const STAYS: {
  patient: number;
  reason: string;
  stays: { bed: string; from: number; to?: number }[];
  discharge?: Discharge;
  /** Services given on the ward (codes of the hospital's price list), hours after admission. */
  services?: { code: string; quantity?: number; after: number }[];
}[] = [
  {
    patient: 2,
    reason: 'Community-acquired pneumonia',
    stays: [{ bed: 'A-1', from: 76 }],
    services: [
      { code: 'NEB', after: 2 },
      { code: 'NEB', quantity: 2, after: 26 },
      { code: 'XR-CHEST', after: 3 },
    ],
  },
  {
    patient: 3,
    reason: 'Acute exacerbation of COPD',
    stays: [
      { bed: 'ICU-2', from: 130, to: 58 },
      { bed: 'A-3', from: 58 },
    ],
    services: [
      { code: 'NEB', quantity: 3, after: 4 },
      { code: 'ECG', after: 5 },
    ],
  },
  {
    patient: 8,
    reason: 'Uncontrolled diabetes, foot ulcer',
    stays: [{ bed: 'A-6', from: 30 }],
    services: [
      { code: 'DRESS', after: 6 },
      { code: 'DRESS', after: 24 },
    ],
  },
  { patient: 6, reason: 'Chest pain, rule out acute coronary syndrome', stays: [{ bed: 'ICU-1', from: 9 }] },
  { patient: 5, reason: 'Planned caesarean section', stays: [{ bed: 'M-2', from: 40 }] },
  {
    patient: 12,
    reason: 'Dengue fever with low platelets',
    stays: [{ bed: 'A-2', from: 20 * 24, to: 16 * 24 }],
    discharge: {
      course:
        'Platelets fell to 38,000 on day two and recovered to 142,000 with fluids and rest. No bleeding.',
      condition: 'recovered',
      diagnosis: ['A90', 'Dengue fever [classical dengue]'],
      medicines: [
        { name: 'Paracetamol 650 mg tablet', directions: '1 when needed for fever, at most 4 a day' },
      ],
      followUp: 'Medicine clinic in one week with a full blood count.',
    },
  },
  {
    patient: 0,
    reason: 'Appendicitis',
    stays: [{ bed: 'A-5', from: 27 * 24, to: 24 * 24 }],
    discharge: {
      course: 'Laparoscopic appendicectomy on the day of admission, uneventful recovery.',
      condition: 'recovered',
      diagnosis: ['K35.8', 'Other and unspecified acute appendicitis'],
      procedures: ['Laparoscopic appendicectomy'],
      followUp: 'Wound check in the surgical clinic in ten days.',
    },
  },
  {
    patient: 9,
    reason: 'Gastroenteritis with dehydration',
    stays: [{ bed: 'P-1', from: 12 * 24, to: 10 * 24 }],
    discharge: {
      course:
        'Moderate dehydration corrected with intravenous fluids over 24 hours; eating and drinking well.',
      condition: 'recovered',
      diagnosis: ['A09', 'Infectious gastroenteritis and colitis, unspecified'],
      medicines: [{ name: 'Oral rehydration salts', directions: 'After each loose stool' }],
      followUp: 'Return if vomiting or diarrhoea comes back.',
    },
  },
  {
    patient: 1,
    reason: 'Hypertensive urgency',
    stays: [{ bed: 'PR-101', from: 8 * 24, to: 6 * 24 }],
    discharge: {
      course: 'Blood pressure 210/118 on arrival, brought down over 48 hours on oral treatment.',
      condition: 'improved',
      diagnosis: ['I10', 'Essential (primary) hypertension'],
      medicines: [{ name: 'Amlodipine 10 mg tablet', directions: '1 every morning' }],
      followUp: 'Blood pressure check in one week.',
    },
  },
  {
    patient: 7,
    reason: 'Labour',
    stays: [{ bed: 'M-1', from: 18 * 24, to: 16 * 24 }],
    discharge: {
      course: 'Spontaneous vaginal delivery of a healthy girl; mother and baby well.',
      condition: 'recovered',
      diagnosis: ['O80', 'Single spontaneous delivery'],
      followUp: 'Postnatal check in six weeks.',
    },
  },
  {
    patient: 4,
    reason: 'Asthma attack',
    stays: [{ bed: 'P-2', from: 5 * 24, to: 3 * 24 }],
    services: [
      { code: 'NEB', quantity: 3, after: 1 },
      { code: 'NEB', quantity: 2, after: 20 },
    ],
    discharge: {
      course: 'Settled on nebulised salbutamol and oral steroids; inhaler technique taught.',
      condition: 'improved',
      diagnosis: ['J45.9', 'Asthma, unspecified'],
      medicines: [{ name: 'Salbutamol 100 mcg inhaler', directions: '2 puffs when needed' }],
      followUp: 'Asthma review in two weeks.',
    },
  },
  {
    patient: 10,
    reason: 'Fractured wrist',
    stays: [{ bed: 'A-7', from: 9 * 24, to: 7 * 24 }],
    discharge: {
      course: 'Open reduction and internal fixation of the distal radius; cast applied.',
      condition: 'stable',
      diagnosis: ['S52.5', 'Fracture of lower end of radius'],
      procedures: ['Open reduction and internal fixation, distal radius'],
      followUp: 'Fracture clinic in one week.',
    },
  },
];

export interface DemoWardsInput {
  now: Date;
  hospitalId: string;
  patientIds: string[];
  nurse: string;
  doctor: string;
}

export interface DemoWards {
  beds: number;
  admissions: number;
  /** The stays that have ended, for their bills. */
  discharged: DischargedStay[];
  /** Services given on the wards, for the bills' price list to put prices on (demo-stay-bills.ts). */
  charges: DemoWardCharge[];
}

/** The demo patients (indexes into PATIENTS) still in a bed when the demo is written. */
export const DEMO_INPATIENTS: readonly number[] = STAYS.filter((s) => s.stays.at(-1)?.to === undefined).map(
  (s) => s.patient,
);

const hoursBefore = (now: Date, h: number) => new Date(now.getTime() - h * 3600_000);

/** Inserts the demo wards inside `tx`: set-up a month old, stays as STAYS says, the beds' states now. */
export async function writeDemoWards(tx: Tx, input: DemoWardsInput): Promise<DemoWards> {
  const { now, hospitalId, nurse, doctor } = input;
  const setUp = hoursBefore(now, 60 * 24);
  const [wardStore] = await tx
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.hospitalId, hospitalId), eq(stores.kind, 'ward')));
  const bedId = new Map<string, string>();
  const rateOf = new Map<string, number>();
  const bedRows: (typeof beds.$inferInsert)[] = [];
  for (const w of WARDS) {
    const wardId = newId();
    await tx.insert(wards).values({
      id: wardId,
      hospitalId,
      name: w.name,
      kind: w.kind,
      storeId: w.kind === 'general' ? (wardStore?.id ?? null) : null,
      createdAt: setUp,
    });
    for (const r of w.rooms) {
      const roomId = newId();
      await tx.insert(wardRooms).values({ id: roomId, hospitalId, wardId, name: r.name, createdAt: setUp });
      for (const label of r.beds) {
        const id = newId();
        bedId.set(label, id);
        rateOf.set(label, w.rate);
        bedRows.push({
          id,
          hospitalId,
          wardId,
          roomId,
          label,
          bedType: w.type,
          dailyRateMinor: w.rate,
          createdAt: setUp,
        });
      }
    }
  }
  // Beds' states now: the patients' beds occupied; a bed left this morning being cleaned; one
  // reserved for a planned admission; one under repair.
  const state = new Map<string, string>([
    ['A-4', 'cleaning'],
    ['PR-102', 'reserved'],
    ['P-3', 'maintenance'],
  ]);
  for (const s of STAYS) for (const st of s.stays) if (st.to === undefined) state.set(st.bed, 'occupied');
  await tx.insert(beds).values(bedRows.map((b) => ({ ...b, state: state.get(b.label) ?? 'available' })));

  const ended: DischargedStay[] = [];
  const charges: DemoWardCharge[] = [];
  for (const s of STAYS) {
    const admissionId = newId();
    const first = s.stays[0]!;
    const last = s.stays[s.stays.length - 1]!;
    const discharged = last.to === undefined ? null : hoursBefore(now, last.to);
    await tx.insert(admissions).values({
      id: admissionId,
      hospitalId,
      patientId: input.patientIds[s.patient]!,
      source: 'front_desk',
      reason: s.reason,
      status: discharged ? 'discharged' : 'active',
      admittedAt: hoursBefore(now, first.from),
      admittedBy: nurse,
      dischargedAt: discharged,
      dischargedBy: discharged ? doctor : null,
      dischargeSummary: s.discharge?.course ?? null,
      createdAt: hoursBefore(now, first.from),
    });
    await tx.insert(bedOccupancies).values(
      s.stays.map((st, i) => ({
        id: newId(),
        hospitalId,
        admissionId,
        bedId: bedId.get(st.bed)!,
        dailyRateMinor: rateOf.get(st.bed)!,
        startedAt: hoursBefore(now, st.from),
        endedAt: st.to === undefined ? null : hoursBefore(now, st.to),
        endedBy: st.to === undefined ? null : i < s.stays.length - 1 ? 'transfer' : 'discharge',
        createdBy: nurse,
      })),
    );
    if (discharged)
      ended.push({ admissionId, patientId: input.patientIds[s.patient]!, dischargedAt: discharged });
    for (const c of s.services ?? []) {
      charges.push({
        admissionId,
        code: c.code,
        quantity: c.quantity ?? 1,
        givenAt: hoursBefore(now, first.from - c.after),
      });
    }
    if (s.discharge) {
      const d = s.discharge;
      await tx.insert(dischargeSummaries).values({
        admissionId,
        hospitalId,
        condition: d.condition,
        diagnoses: [{ code: d.diagnosis[0], description: d.diagnosis[1], primary: true }],
        procedures: d.procedures ?? [],
        medicines: d.medicines ?? [],
        followUp: d.followUp,
        createdBy: doctor,
        createdAt: discharged!,
      });
    }
    if (!discharged) await writeCharting(tx, { hospitalId, admissionId, nurse, now, fromHours: first.from });
  }
  return { beds: bedRows.length, admissions: STAYS.length, discharged: ended, charges };
}

/** Vitals every eight hours since admission (at most the last six rounds) and a handover note. */
async function writeCharting(
  tx: Tx,
  a: { hospitalId: string; admissionId: string; nurse: string; now: Date; fromHours: number },
) {
  const rounds = Math.min(6, Math.floor(a.fromHours / 8));
  const rows = Array.from({ length: rounds }, (_, i) => {
    const h = (rounds - i) * 8 - 4;
    const settling = i / Math.max(1, rounds - 1);
    return {
      id: newId(),
      hospitalId: a.hospitalId,
      admissionId: a.admissionId,
      takenAt: hoursBefore(a.now, h),
      systolic: Math.round(148 - 18 * settling),
      diastolic: Math.round(92 - 10 * settling),
      pulse: Math.round(104 - 20 * settling),
      temperatureC: (38.6 - 1.6 * settling).toFixed(1),
      spo2: Math.round(93 + 4 * settling),
      respiratoryRate: Math.round(24 - 6 * settling),
      painScore: Math.round(6 - 4 * settling),
      recordedBy: a.nurse,
    };
  });
  if (rows.length) await tx.insert(admissionVitals).values(rows);
  await tx.insert(nursingNotes).values({
    id: newId(),
    hospitalId: a.hospitalId,
    admissionId: a.admissionId,
    kind: 'handover',
    body: 'Settled overnight. Observations improving; eating and drinking. Continue the current plan.',
    writtenBy: a.nurse,
    writtenAt: hoursBefore(a.now, 2),
  });
}
