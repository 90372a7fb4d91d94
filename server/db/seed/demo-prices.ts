// The demo hospitals' price lists (in minor units: paise at City General, pence at Riverside) and
// the consultation fees set per department where a doctor has none of their own.

/** A price-list entry as the demo writes it. */
export interface PricedService {
  id: string;
  code: string;
  name: string;
  priceMinor: number;
  taxRateBp: number;
}

type Service = readonly [code: string, name: string, priceMinor: number, taxRateBp: number];

export const CGH_SERVICES: Service[] = [
  ['REG', 'Registration fee', 10_000, 0],
  ['DRESS', 'Wound dressing (small)', 25_000, 0],
  ['INJ', 'Injection administration', 10_000, 0],
  ['NEB', 'Nebulisation', 20_000, 0],
  ['ECG', 'ECG (12-lead)', 35_000, 0],
  ['XR-CHEST', 'X-ray chest PA view', 45_000, 0],
  ['USG-ABD', 'Ultrasound abdomen', 120_000, 0],
  ['CBC', 'Complete blood count (CBC)', 30_000, 0],
  ['LIPID', 'Lipid profile', 65_000, 0],
  ['HBA1C', 'HbA1c', 55_000, 0],
  ['FBS', 'Fasting blood sugar', 8_000, 0],
  ['LFT', 'Liver function tests', 60_000, 0],
  ['RFT', 'Renal function tests', 55_000, 0],
  ['TSH', 'Thyroid stimulating hormone (TSH)', 45_000, 0],
  ['URINE-RE', 'Urine routine and microscopy', 15_000, 0],
  ['URINE-CS', 'Urine culture and sensitivity', 70_000, 0],
  ['ROOM-DLX', 'Deluxe room (per day)', 600_000, 500],
  ['BRACE-KNEE', 'Knee brace', 90_000, 1200],
  ['CERT', 'Medical certificate', 30_000, 1800],
];

export const RVC_SERVICES: Service[] = [
  ['REG', 'New patient registration', 2500, 0],
  ['DRESS', 'Wound dressing', 3000, 0],
  ['INJ', 'Injection administration', 2000, 0],
  ['NEB', 'Nebulisation', 2500, 0],
  ['ECG', 'ECG (12-lead)', 6000, 0],
  ['XR-CHEST', 'Chest X-ray', 9500, 0],
  ['FBC', 'Full blood count', 3500, 0],
  ['LIPID', 'Cholesterol (lipid) profile', 4500, 0],
  ['PHYSIO', 'Physiotherapy session (30 min)', 6500, 0],
  ['VACC-TRAVEL', 'Travel vaccination consultation', 3000, 0],
  ['FIT-NOTE', 'Private fitness-to-work letter', 4000, 2000],
  ['RECORDS', 'Copy of medical records', 1000, 2000],
];

/** Departments whose doctors have no fee of their own here: the hospital sets one for them. */
export const DEPARTMENT_FEES: { hospital: 'CGH' | 'RVC'; department: string; feeMinor: number }[] = [
  { hospital: 'CGH', department: 'Orthopaedics', feeMinor: 90_000 },
  { hospital: 'CGH', department: 'Dermatology', feeMinor: 70_000 },
  { hospital: 'RVC', department: 'General Practice', feeMinor: 4500 },
  { hospital: 'RVC', department: 'Physiotherapy', feeMinor: 6500 },
];
