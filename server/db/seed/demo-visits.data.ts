// The demo's past visits at City General, as the doctors wrote them: who, when (days back, which
// slot of the doctor's day), what they came with, the vital signs, ICD-10 diagnoses, notes and
// prescription, and the bill's other lines and payments. demo-visits.ts times and writes them.
import type { AdministrationRoute, Frequency } from '../../../contracts/clinical';
import type { BillLine, BillPayment } from './demo-billing';
interface Rx {
  /** The medicine's label in the catalog (its brand, or name and strength). */
  medicine: string;
  dose: number;
  doseUnit?: string;
  frequency: Frequency;
  durationDays: number;
  route: AdministrationRoute;
  /** Dispensing units, for the forms not counted dose by dose (a bottle, a tube). */
  quantity?: number;
  instructions?: string;
}

export interface DemoVisit {
  /** Index into PATIENTS. */
  patient: number;
  /** The day, counted back from today; a day the doctor does not work moves to the one before. */
  daysAgo: number;
  doctor: 'doctor' | 'cardiologist' | 'paediatrician';
  /** Which of the day's slots. */
  slot: number;
  reason: string;
  complaint: string;
  vitals: {
    systolic?: number;
    diastolic?: number;
    pulse: number;
    temperatureC: number;
    spo2: number;
    weightKg: number;
    heightCm: number;
  };
  /** ICD-10 codes; the first is the primary diagnosis. */
  diagnoses: string[];
  notes: string;
  followUp: string;
  labRequests?: string;
  rx: Rx[];
  /** The bill's lines besides the consultation, and how it was paid. */
  bill: { lines: BillLine[]; paid: BillPayment[] };
}

export const VISITS: DemoVisit[] = [
  {
    patient: 0,
    daysAgo: 28,
    doctor: 'doctor',
    slot: 2,
    reason: 'Stomach pain since last night',
    complaint: 'Pain around the navel since last night, now lower right; nausea, no appetite.',
    vitals: {
      systolic: 128,
      diastolic: 82,
      pulse: 98,
      temperatureC: 37.9,
      spo2: 98,
      weightKg: 74,
      heightCm: 176,
    },
    diagnoses: ['R10.4'],
    notes:
      'Tender in the right iliac fossa, guarding. Ultrasound today; surgical opinion if it suggests appendicitis.',
    followUp: 'Come back at once if the pain worsens or vomiting starts.',
    labRequests: 'CBC, ultrasound abdomen',
    rx: [],
    bill: { lines: [{ service: 'REG' }, { service: 'USG-ABD' }], paid: [{ method: 'card' }] },
  },
  {
    patient: 12,
    daysAgo: 24,
    doctor: 'doctor',
    slot: 5,
    reason: 'Headaches more often',
    complaint: 'Throbbing one-sided headaches, two a week this month, with nausea; worse after late nights.',
    vitals: {
      systolic: 122,
      diastolic: 78,
      pulse: 72,
      temperatureC: 36.8,
      spo2: 99,
      weightKg: 70,
      heightCm: 174,
    },
    diagnoses: ['G43.9'],
    notes: 'Known migraine. No warning signs; neurological examination normal. Headache diary advised.',
    followUp: 'Review in four weeks with the diary.',
    labRequests: 'CBC, lipid profile',
    rx: [
      {
        medicine: 'Naprosyn 500',
        dose: 1,
        frequency: 'PRN',
        durationDays: 30,
        route: 'oral',
        quantity: 10,
        instructions: 'At the start of a headache, after food; at most 2 a day.',
      },
    ],
    bill: { lines: [{ service: 'CBC' }, { service: 'LIPID' }], paid: [{ method: 'upi' }] },
  },
  {
    patient: 11,
    daysAgo: 22,
    doctor: 'doctor',
    slot: 9,
    reason: 'Tiredness',
    complaint: 'Tired all the time and breathless on the stairs for a month.',
    vitals: {
      systolic: 108,
      diastolic: 70,
      pulse: 92,
      temperatureC: 36.7,
      spo2: 98,
      weightKg: 56,
      heightCm: 160,
    },
    diagnoses: ['D50.9'],
    notes: 'Pale conjunctivae. Known iron deficiency; stopped her tablets three months ago.',
    followUp: 'Haemoglobin again in six weeks.',
    labRequests: 'Haemoglobin, serum ferritin',
    rx: [
      {
        medicine: 'Livogen',
        dose: 1,
        frequency: 'OD',
        durationDays: 30,
        route: 'oral',
        instructions: 'After lunch.',
      },
    ],
    bill: { lines: [{ service: 'CBC' }], paid: [{ method: 'cash' }] },
  },
  {
    patient: 6,
    daysAgo: 16,
    doctor: 'cardiologist',
    slot: 1,
    reason: 'Chest discomfort on climbing stairs',
    complaint: 'Tightness in the chest on the second flight of stairs for three weeks, easing with rest.',
    vitals: {
      systolic: 138,
      diastolic: 88,
      pulse: 84,
      temperatureC: 36.9,
      spo2: 97,
      weightKg: 86,
      heightCm: 172,
    },
    diagnoses: ['R07.4', 'E78.5'],
    notes:
      'Exertional symptoms; resting ECG normal. Started on aspirin and a statin pending a treadmill test.',
    followUp: 'Treadmill test this week; come back with the report. Emergency if pain at rest.',
    labRequests: 'Treadmill test, lipid profile',
    rx: [
      {
        medicine: 'Ecosprin 75',
        dose: 1,
        frequency: 'OD',
        durationDays: 30,
        route: 'oral',
        instructions: 'After lunch.',
      },
      { medicine: 'Atorva 10', dose: 1, frequency: 'HS', durationDays: 30, route: 'oral' },
    ],
    bill: { lines: [{ service: 'ECG' }], paid: [{ method: 'card' }] },
  },
  {
    patient: 12,
    daysAgo: 9,
    doctor: 'cardiologist',
    slot: 3,
    reason: 'Palpitations at night',
    complaint: 'A racing heart for a few minutes at night, three times this week; no fainting.',
    vitals: {
      systolic: 118,
      diastolic: 76,
      pulse: 76,
      temperatureC: 36.7,
      spo2: 99,
      weightKg: 68,
      heightCm: 174,
    },
    diagnoses: ['R00.2'],
    notes: 'ECG in sinus rhythm. Recovering from dengue; much tea and coffee. No medicine for now.',
    followUp: 'Cut down caffeine; come back if it continues, for a 24-hour Holter.',
    rx: [],
    bill: {
      lines: [{ service: 'ECG' }, { service: 'CERT' }],
      paid: [{ method: 'cash', amountMinor: 100_000 }],
    },
  },
  {
    patient: 4,
    daysAgo: 6,
    doctor: 'paediatrician',
    slot: 2,
    reason: 'Cough and wheezing',
    complaint: 'Cough for two days, wheezing since last night; worse at night.',
    vitals: { pulse: 118, temperatureC: 37.6, spo2: 94, weightKg: 24, heightCm: 124 },
    diagnoses: ['J45.9'],
    notes:
      'Wheeze on both sides; nebulised in the clinic with good relief. Admit if it returns within hours.',
    followUp: 'Back the same day if breathing gets harder.',
    rx: [
      {
        medicine: 'Calpol',
        dose: 5,
        doseUnit: 'ml',
        frequency: 'TDS',
        durationDays: 3,
        route: 'oral',
        quantity: 1,
        instructions: 'Only with fever.',
      },
    ],
    bill: { lines: [{ service: 'NEB' }], paid: [{ method: 'upi', amountMinor: 50_000 }] },
  },
  {
    patient: 9,
    daysAgo: 4,
    doctor: 'doctor',
    slot: 3,
    reason: 'Sore throat and fever',
    complaint: 'Sore throat, runny nose and fever up to 38.5 °C for two days.',
    vitals: {
      systolic: 112,
      diastolic: 72,
      pulse: 94,
      temperatureC: 38.2,
      spo2: 98,
      weightKg: 58,
      heightCm: 163,
    },
    diagnoses: ['J06.9'],
    notes: 'Red throat, no exudate; a viral picture. No antibiotic needed.',
    followUp: 'Warm fluids and rest; come back if the fever lasts beyond five days.',
    rx: [
      {
        medicine: 'Dolo 650',
        dose: 1,
        frequency: 'TDS',
        durationDays: 3,
        route: 'oral',
        instructions: 'After food.',
      },
      { medicine: 'Zyrtec', dose: 1, frequency: 'HS', durationDays: 5, route: 'oral' },
    ],
    bill: { lines: [], paid: [{ method: 'cash' }] },
  },
  {
    patient: 1,
    daysAgo: 1,
    doctor: 'doctor',
    slot: 4,
    reason: 'Blood pressure check after discharge',
    complaint: 'Blood pressure check a week after her admission; feels well, no headache.',
    vitals: {
      systolic: 146,
      diastolic: 90,
      pulse: 78,
      temperatureC: 36.6,
      spo2: 98,
      weightKg: 68,
      heightCm: 155,
    },
    diagnoses: ['I10', 'E11.9'],
    notes: 'Better, not at target. Telmisartan added; metformin continued. Fasting sugar 132.',
    followUp: 'Blood pressure again in two weeks; HbA1c at the next visit.',
    rx: [
      {
        medicine: 'Telma 40',
        dose: 1,
        frequency: 'OD',
        durationDays: 30,
        route: 'oral',
        instructions: 'In the morning.',
      },
      {
        medicine: 'Glycomet 500',
        dose: 1,
        frequency: 'BD',
        durationDays: 30,
        route: 'oral',
        instructions: 'With meals.',
      },
    ],
    bill: { lines: [], paid: [{ method: 'cash' }] },
  },
  {
    patient: 10,
    daysAgo: 1,
    doctor: 'paediatrician',
    slot: 5,
    reason: 'Sneezing and blocked nose',
    complaint: 'Sneezing, itchy eyes and a blocked nose every morning for two weeks.',
    vitals: { pulse: 88, temperatureC: 36.8, spo2: 99, weightKg: 45, heightCm: 158 },
    diagnoses: ['J30.4'],
    notes: 'Allergic rhinitis flaring; dust at home. Cast on the left wrist dry and intact.',
    followUp: 'Fracture clinic as booked; here again in a month if the nose is no better.',
    rx: [
      {
        medicine: 'Zyrtec',
        dose: 1,
        frequency: 'OD',
        durationDays: 10,
        route: 'oral',
        instructions: 'At night.',
      },
    ],
    bill: { lines: [], paid: [{ method: 'upi' }] },
  },
];
