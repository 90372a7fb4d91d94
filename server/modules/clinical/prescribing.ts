// The arithmetic and words of prescribing: how many units a line needs, its directions as printed,
// and which of the patient's allergies a medicine touches. Pure functions, tested on their own.
import {
  COUNTED_FORMS,
  TIMES_PER_DAY,
  type AllergyWarning,
  type Frequency,
  type PrescriptionLineInput,
} from '../../../contracts/clinical';
import type { MedicineForm } from '../../../contracts/pharmacy';
import { unitWord } from '../../../contracts/units';

export const isCounted = (form: string) => (COUNTED_FORMS as readonly string[]).includes(form);

/**
 * Units to dispense for a counted form (tablets, capsules …): dose × times a day × days, rounded up
 * to whole units; one dose for STAT. Null where it cannot be worked out (a syrup, or as needed).
 */
export function computedQuantity(
  form: MedicineForm | string,
  line: Pick<PrescriptionLineInput, 'dose' | 'frequency' | 'durationDays'>,
): number | null {
  if (!isCounted(form)) return null;
  if (line.frequency === 'STAT') return Math.ceil(line.dose);
  const perDay = TIMES_PER_DAY[line.frequency];
  if (perDay === null) return null;
  return Math.ceil(line.dose * perDay * line.durationDays);
}

const FREQUENCY_WORDS: Record<Frequency, string> = {
  OD: 'once a day',
  BD: 'twice a day',
  TDS: 'three times a day',
  QID: 'four times a day',
  Q4H: 'every 4 hours',
  Q6H: 'every 6 hours',
  Q8H: 'every 8 hours',
  HS: 'at bedtime',
  PRN: 'when needed',
  STAT: 'at once',
};

const fraction = (n: number) => (n === 0.5 ? '½' : n === 0.25 ? '¼' : n === 0.75 ? '¾' : String(n));

/** "1 tablet three times a day (TDS) for 5 days, oral. After food." */
export function directionsOf(line: PrescriptionLineInput, dispensingUnit: string): string {
  // A unit the doctor wrote (ml, mg, puffs) stays as written; the medicine's unit is counted.
  const unit = line.doseUnit ?? unitWord(dispensingUnit, line.dose);
  const days =
    line.frequency === 'STAT' ? '' : ` for ${line.durationDays} ${line.durationDays === 1 ? 'day' : 'days'}`;
  const head = `${fraction(line.dose)} ${unit} ${FREQUENCY_WORDS[line.frequency]} (${line.frequency})${days}, ${line.route}.`;
  return line.instructions ? `${head} ${line.instructions}` : head;
}

/** The words of a name that stand for its ingredients: "Amoxicillin + Clavulanic acid" gives two. */
function ingredients(name: string): string[] {
  return name
    .toLowerCase()
    .split(/\s*(?:\+|\/|,|&|\band\b|\bwith\b)\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 3);
}

const wordIn = (needle: string, haystack: string) =>
  new RegExp(`(^|[^a-z0-9])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(haystack);

/**
 * Drug classes whose members cross-react: an allergy recorded as the class ("penicillin", "sulfa",
 * "NSAID") or as one member warns on every member. A short list of the classes behind most drug
 * allergies, for a warning the doctor reads; not a full drug-interaction database.
 */
const DRUG_CLASSES: readonly { names: readonly string[]; members: readonly string[] }[] = [
  {
    names: ['penicillin', 'penicillins', 'beta-lactam', 'beta lactam'],
    members: [
      'penicillin',
      'amoxicillin',
      'amoxycillin',
      'ampicillin',
      'cloxacillin',
      'dicloxacillin',
      'flucloxacillin',
      'piperacillin',
      'benzylpenicillin',
      'phenoxymethylpenicillin',
      'benzathine',
    ],
  },
  {
    names: ['cephalosporin', 'cephalosporins'],
    members: [
      'cefalexin',
      'cephalexin',
      'cefadroxil',
      'cefuroxime',
      'cefixime',
      'cefpodoxime',
      'ceftriaxone',
      'cefotaxime',
      'ceftazidime',
      'cefoperazone',
      'cefepime',
      'cefazolin',
    ],
  },
  {
    names: ['sulfa', 'sulpha', 'sulfonamide', 'sulfonamides', 'sulphonamide'],
    members: [
      'sulfamethoxazole',
      'sulphamethoxazole',
      'cotrimoxazole',
      'co-trimoxazole',
      'sulfadiazine',
      'sulfasalazine',
      'sulfadoxine',
    ],
  },
  {
    names: ['nsaid', 'nsaids', 'anti-inflammatory'],
    members: [
      'aspirin',
      'acetylsalicylic acid',
      'ibuprofen',
      'diclofenac',
      'aceclofenac',
      'naproxen',
      'ketorolac',
      'mefenamic acid',
      'piroxicam',
      'indomethacin',
      'etoricoxib',
      'celecoxib',
      'nimesulide',
      'ketoprofen',
    ],
  },
  {
    names: ['macrolide', 'macrolides'],
    members: ['erythromycin', 'azithromycin', 'clarithromycin', 'roxithromycin'],
  },
  {
    names: ['fluoroquinolone', 'fluoroquinolones', 'quinolone', 'quinolones'],
    members: ['ciprofloxacin', 'levofloxacin', 'ofloxacin', 'norfloxacin', 'moxifloxacin'],
  },
  {
    names: ['tetracycline', 'tetracyclines'],
    members: ['tetracycline', 'doxycycline', 'minocycline'],
  },
  {
    names: ['opioid', 'opioids', 'opiate', 'opiates'],
    members: ['morphine', 'codeine', 'tramadol', 'tapentadol', 'fentanyl', 'pethidine', 'oxycodone'],
  },
];

/** What a recorded allergy warns on: the substance itself and, for a class or a member, the class. */
function allergyTerms(substance: string): string[] {
  const terms = new Set([substance]);
  for (const c of DRUG_CLASSES) {
    const hit = [...c.names, ...c.members].some((n) => n === substance || wordIn(n, substance));
    if (hit) for (const m of c.members) terms.add(m);
  }
  return [...terms];
}

/**
 * The patient's allergies a medicine matches: a recorded substance that is one of its ingredients
 * (by generic or brand name, case-insensitive), or contains one ("penicillin" and "Penicillin V"),
 * or names its drug class or a member of it ("Penicillin" warns on amoxicillin, "sulfa" on
 * co-trimoxazole, "Ibuprofen" on diclofenac).
 */
export function allergyWarnings(
  medicine: { genericName: string; brandName: string | null },
  allergies: readonly AllergyWarning[],
): AllergyWarning[] {
  const names = [medicine.genericName, medicine.brandName ?? ''].filter(Boolean);
  const parts = names.flatMap(ingredients);
  return allergies.filter((a) => {
    const substance = a.substance.toLowerCase().trim();
    if (substance.length < 3) return false;
    return allergyTerms(substance).some((term) =>
      parts.some((p) => p === term || wordIn(term, p) || wordIn(p, term)),
    );
  });
}

/** Body mass index, one decimal, from kilograms and centimetres; null without both. */
export function bmiOf(weightKg: number | null, heightCm: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10) / 10;
}

/** Age in whole years on a date, from a date of birth (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
