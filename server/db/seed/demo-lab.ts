// The demo lab's test catalog: what a hospital lab in India (City General, mg/dL and ×10³/µL) and a
// clinic in England (Riverside, SI units) commonly run, with adult reference ranges of the kind
// their reports print and critical limits where labs phone them through. Each test is billed as
// the price-list service of the same code. A table on purpose: one analyte per line.
import type { AnalyteKind, SampleType } from '../../../contracts/lab';
import { labTestAnalytes, labTests } from '../../modules/lab/lab.tables';
import type { Tx } from '../client';
import { newId } from '../ids';

type Num = number | null;
/** name, unit, decimals, normal from, to, female from, to, critical below, above; or name and 'text'. */
type Analyte = [string, string, number, Num, Num, Num, Num, Num, Num] | [string, 'text'];
interface Test {
  code: string;
  name: string;
  sample: SampleType;
  hours: number;
  instructions: string;
  analytes: Analyte[];
}

const _ = null;
const EDTA = 'EDTA tube (lavender top), 2 mL, mixed gently.';
const CLOT = 'Plain or gel tube (red or yellow top).';
const FASTING = 'Fasting 10–12 hours (water allowed). Plain or gel tube (red or yellow top).';
const MIDSTREAM = 'Clean-catch midstream urine in a sterile container, before antibiotics.';

// prettier-ignore
const CGH: Test[] = [
  { code: 'CBC', name: 'Complete blood count (CBC)', sample: 'whole_blood', hours: 6, instructions: EDTA, analytes: [
    ['Haemoglobin', 'g/dL', 1, 13, 17, 12, 15, 7, 20],
    ['Total leucocyte count', '×10³/µL', 1, 4, 11, _, _, 2, 30],
    ['Platelet count', '×10³/µL', 0, 150, 410, _, _, 20, 1000],
    ['Haematocrit (PCV)', '%', 1, 40, 50, 36, 46, _, _],
    ['RBC count', '×10⁶/µL', 2, 4.5, 5.5, 3.8, 4.8, _, _],
    ['Peripheral smear', 'text'],
  ] },
  { code: 'LIPID', name: 'Lipid profile', sample: 'serum', hours: 12, instructions: FASTING, analytes: [
    ['Total cholesterol', 'mg/dL', 0, _, 200, _, _, _, _],
    ['Triglycerides', 'mg/dL', 0, _, 150, _, _, _, 1000],
    ['HDL cholesterol', 'mg/dL', 0, 40, _, 50, _, _, _],
    ['LDL cholesterol', 'mg/dL', 0, _, 100, _, _, _, _],
    ['VLDL cholesterol', 'mg/dL', 0, _, 30, _, _, _, _],
  ] },
  { code: 'HBA1C', name: 'HbA1c', sample: 'whole_blood', hours: 24, instructions: EDTA, analytes: [
    ['HbA1c', '%', 1, 4, 5.6, _, _, _, _],
    ['Estimated average glucose', 'mg/dL', 0, _, _, _, _, _, _],
  ] },
  { code: 'FBS', name: 'Fasting blood sugar', sample: 'plasma', hours: 4, instructions: 'Fasting 8 hours. Fluoride tube (grey top).', analytes: [
    ['Glucose, fasting', 'mg/dL', 0, 70, 100, _, _, 40, 450],
  ] },
  { code: 'LFT', name: 'Liver function tests', sample: 'serum', hours: 8, instructions: CLOT, analytes: [
    ['Total bilirubin', 'mg/dL', 1, 0.3, 1.2, _, _, _, 15],
    ['Direct bilirubin', 'mg/dL', 2, 0, 0.3, _, _, _, _],
    ['SGOT (AST)', 'U/L', 0, _, 40, _, 32, _, _],
    ['SGPT (ALT)', 'U/L', 0, _, 41, _, 33, _, _],
    ['Alkaline phosphatase', 'U/L', 0, 40, 129, 35, 104, _, _],
    ['Total protein', 'g/dL', 1, 6.4, 8.3, _, _, _, _],
    ['Albumin', 'g/dL', 1, 3.5, 5.2, _, _, _, _],
  ] },
  { code: 'RFT', name: 'Renal function tests', sample: 'serum', hours: 8, instructions: CLOT, analytes: [
    ['Urea', 'mg/dL', 0, 17, 43, _, _, _, _],
    ['Creatinine', 'mg/dL', 2, 0.7, 1.3, 0.55, 1.02, _, 10],
    ['Sodium', 'mmol/L', 0, 136, 145, _, _, 120, 160],
    ['Potassium', 'mmol/L', 1, 3.5, 5.1, _, _, 2.5, 6.5],
    ['Uric acid', 'mg/dL', 1, 3.5, 7.2, 2.6, 6, _, _],
  ] },
  { code: 'TSH', name: 'Thyroid stimulating hormone (TSH)', sample: 'serum', hours: 24, instructions: CLOT, analytes: [
    ['TSH', 'µIU/mL', 2, 0.27, 4.2, _, _, _, _],
  ] },
  { code: 'URINE-RE', name: 'Urine routine and microscopy', sample: 'urine', hours: 4, instructions: 'Early-morning midstream urine in a clean container.', analytes: [
    ['Colour', 'text'],
    ['Appearance', 'text'],
    ['pH', '', 1, 4.5, 8, _, _, _, _],
    ['Specific gravity', '', 3, 1.005, 1.03, _, _, _, _],
    ['Protein', 'text'],
    ['Glucose', 'text'],
    ['Pus cells', '/hpf', 0, 0, 5, _, _, _, _],
    ['Red blood cells', '/hpf', 0, 0, 2, _, _, _, _],
  ] },
  { code: 'URINE-CS', name: 'Urine culture and sensitivity', sample: 'urine', hours: 72, instructions: MIDSTREAM, analytes: [
    ['Organism isolated', 'text'],
    ['Colony count', 'text'],
    ['Antibiotic sensitivity', 'text'],
  ] },
];

// prettier-ignore
const RVC: Test[] = [
  { code: 'FBC', name: 'Full blood count', sample: 'whole_blood', hours: 24, instructions: EDTA, analytes: [
    ['Haemoglobin', 'g/L', 0, 130, 170, 120, 150, 70, 200],
    ['White cell count', '×10⁹/L', 1, 4, 11, _, _, 1, 30],
    ['Platelets', '×10⁹/L', 0, 150, 400, _, _, 20, 1000],
  ] },
  { code: 'LIPID', name: 'Lipid profile', sample: 'serum', hours: 48, instructions: CLOT, analytes: [
    ['Total cholesterol', 'mmol/L', 1, _, 5, _, _, _, _],
    ['HDL cholesterol', 'mmol/L', 1, 1, _, 1.2, _, _, _],
    ['Non-HDL cholesterol', 'mmol/L', 1, _, 4, _, _, _, _],
    ['Triglycerides', 'mmol/L', 1, _, 1.7, _, _, _, _],
  ] },
];

/** The tests of each demo hospital, by its code. */
export const DEMO_LAB_TESTS: Readonly<Record<'CGH' | 'RVC', readonly Test[]>> = { CGH, RVC };

function analyteRow(testId: string, a: Analyte, position: number) {
  const [name] = a;
  if (a[1] === 'text') return { id: newId(), testId, position, name, kind: 'text' as AnalyteKind };
  const [, unit, decimals, refLow, refHigh, refLowFemale, refHighFemale, criticalLow, criticalHigh] = a;
  return {
    id: newId(),
    testId,
    position,
    name,
    kind: 'numeric' as AnalyteKind,
    unit,
    decimals,
    refLow,
    refHigh,
    refLowFemale,
    refHighFemale,
    criticalLow,
    criticalHigh,
  };
}

/** Writes each hospital's lab catalog, each test billed as its price-list service of the same code. */
export async function writeDemoLab(
  tx: Tx,
  o: { hospitalId: (key: 'CGH' | 'RVC') => string; serviceId: (key: 'CGH' | 'RVC', code: string) => string },
): Promise<number> {
  let n = 0;
  for (const key of ['CGH', 'RVC'] as const) {
    for (const test of DEMO_LAB_TESTS[key]) {
      const id = newId();
      await tx.insert(labTests).values({
        id,
        hospitalId: o.hospitalId(key),
        code: test.code,
        name: test.name,
        sampleType: test.sample,
        turnaroundHours: test.hours,
        instructions: test.instructions,
        serviceId: o.serviceId(key, test.code),
      });
      await tx.insert(labTestAnalytes).values(test.analytes.map((a, i) => analyteRow(id, a, i + 1)));
      n += 1;
    }
  }
  return n;
}
