// The demo pharmacy catalog, as plain data: what an Indian hospital pharmacy commonly stocks, by class,
// with brands, makers and prices close to the Indian market's. Prices are per dispensing unit (one
// tablet, one bottle, one vial) in paise, before GST. Rows marked `rvc` are also stocked, as generics,
// by Riverside Clinic (demo-pharmacy.ts converts them). Rows are one line each on purpose: a table.
import type { MedicineForm } from '../../../contracts/pharmacy';

/** Makers: name, two letters for batch numbers, and a four-digit company code for the barcodes. */
const MAKERS = {
  abbott: ['Abbott', 'AB', '1011'],
  aculife: ['Aculife', 'AC', '1012'],
  ajanta: ['Ajanta Pharma', 'AJ', '1013'],
  alcon: ['Alcon', 'AL', '1014'],
  alembic: ['Alembic', 'AM', '1015'],
  alkem: ['Alkem', 'AK', '1016'],
  allergan: ['Allergan', 'AG', '1017'],
  apex: ['Apex Laboratories', 'AX', '1018'],
  aristo: ['Aristo Pharma', 'AR', '1019'],
  astra: ['AstraZeneca', 'AZ', '1020'],
  baxter: ['Baxter', 'BX', '1021'],
  bayer: ['Bayer', 'BY', '1022'],
  bioe: ['Biological E', 'BE', '1023'],
  biocon: ['Biocon', 'BC', '1024'],
  bluecross: ['Blue Cross', 'BL', '1025'],
  centaur: ['Centaur', 'CT', '1026'],
  cipla: ['Cipla', 'CP', '1027'],
  drl: ["Dr. Reddy's", 'DR', '1028'],
  emcure: ['Emcure', 'EM', '1029'],
  fdc: ['FDC', 'FD', '1030'],
  fresenius: ['Fresenius Kabi', 'FK', '1031'],
  galderma: ['Galderma', 'GD', '1032'],
  gland: ['Gland Pharma', 'GL', '1033'],
  glenmark: ['Glenmark', 'GM', '1034'],
  gsk: ['GSK', 'GS', '1035'],
  haleon: ['Haleon', 'HL', '1036'],
  hetero: ['Hetero', 'HT', '1037'],
  indoco: ['Indoco Remedies', 'IN', '1038'],
  intas: ['Intas', 'IT', '1039'],
  ipca: ['Ipca', 'IP', '1040'],
  janssen: ['Janssen', 'JN', '1041'],
  jb: ['J. B. Chemicals', 'JB', '1042'],
  jnj: ['Johnson & Johnson', 'JJ', '1043'],
  lupin: ['Lupin', 'LP', '1044'],
  macleods: ['Macleods', 'MC', '1045'],
  mankind: ['Mankind', 'MK', '1046'],
  medley: ['Medley', 'MD', '1047'],
  meyer: ['Meyer Organics', 'MY', '1048'],
  micro: ['Micro Labs', 'ML', '1049'],
  modi: ['Modi-Mundipharma', 'MM', '1050'],
  msd: ['MSD', 'MS', '1051'],
  neon: ['Neon Laboratories', 'NL', '1052'],
  novartis: ['Novartis', 'NV', '1053'],
  novo: ['Novo Nordisk', 'NN', '1054'],
  pfizer: ['Pfizer', 'PF', '1055'],
  pg: ['P&G Health', 'PG', '1056'],
  reckitt: ['Reckitt', 'RB', '1057'],
  rpg: ['RPG Life Sciences', 'RP', '1058'],
  rusan: ['Rusan Pharma', 'RS', '1059'],
  samarth: ['Samarth Life Sciences', 'SL', '1060'],
  sanofi: ['Sanofi', 'SA', '1061'],
  serdia: ['Serdia', 'SE', '1062'],
  sun: ['Sun Pharma', 'SN', '1063'],
  tablets: ['Tablets (India)', 'TI', '1064'],
  torrent: ['Torrent', 'TR', '1065'],
  troikaa: ['Troikaa', 'TK', '1066'],
  ucb: ['UCB India', 'UC', '1067'],
  unichem: ['Unichem', 'UN', '1068'],
  usv: ['USV', 'US', '1069'],
  walter: ['Walter Bushnell', 'WB', '1070'],
  winmed: ['Win-Medicare', 'WM', '1071'],
  wockhardt: ['Wockhardt', 'WK', '1072'],
  zydus: ['Zydus', 'ZY', '1073'],
} as const satisfies Record<string, readonly [string, string, string]>;
type Maker = keyof typeof MAKERS;

export const MEDICINE_CLASSES = [
  'analgesic',
  'nsaid',
  'antibiotic',
  'antifungal',
  'antiviral',
  'antiparasitic',
  'antihistamine',
  'respiratory',
  'gastrointestinal',
  'cardiovascular',
  'diabetes',
  'thyroid',
  'steroid',
  'vitamin',
  'dermatology',
  'eye_ear_nose',
  'neuro_psych',
  'emergency',
  'iv_fluid',
  'other',
] as const;
export type MedicineClass = (typeof MEDICINE_CLASSES)[number];

interface Options {
  /** Dispensing units per pack (default: 10 tablets or capsules, else 1). */
  pack?: number;
  /** The dispensing unit when the form's default (tablet, bottle, tube, vial…) is wrong. */
  unit?: string;
  rx?: boolean;
  controlled?: boolean;
  /** GST in basis points (default 1200). */
  gst?: number;
  reorder?: number;
  /** Also stocked by Riverside Clinic. */
  rvc?: boolean;
}
type Row = [
  generic: string,
  brand: string | null,
  form: MedicineForm,
  strength: string,
  pricePaise: number,
  maker: Maker,
  options?: Options,
];

export interface DemoMedicine {
  class: MedicineClass;
  genericName: string;
  brandName: string | null;
  form: MedicineForm;
  strength: string;
  dispensingUnit: string;
  packSize: number;
  manufacturer: string;
  /** Two letters the maker's batch numbers start with. */
  batchPrefix: string;
  prescriptionOnly: boolean;
  controlled: boolean;
  reorderLevel: number;
  salePriceMinor: number;
  taxRateBp: number;
  barcode: string;
  rvc: boolean;
}

const UNIT: Partial<Record<MedicineForm, string>> = {
  tablet: 'tablet',
  capsule: 'capsule',
  cream: 'tube',
  ointment: 'tube',
  gel: 'tube',
  injection: 'vial',
  inhaler: 'inhaler',
  powder: 'sachet',
  lozenge: 'lozenge',
  suppository: 'suppository',
  patch: 'patch',
};
const countedSingly = (unit: string) => ['tablet', 'capsule', 'lozenge'].includes(unit);

function defaultReorder(unit: string): number {
  if (countedSingly(unit)) return 100;
  if (unit === 'ampoule' || unit === 'vial') return 20;
  if (unit === 'sachet') return 30;
  return 10;
}

/** EAN-13: twelve digits and the GS1 check digit. */
function ean13(first12: string): string {
  const sum = [...first12].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

const CATALOG: [MedicineClass, { rx: boolean }, Row[]][] = [
  // prettier-ignore
  ['analgesic', { rx: false }, [
    ['Paracetamol', 'Crocin Advance', 'tablet', '500 mg', 135, 'haleon', { pack: 15, reorder: 300 }],
    ['Paracetamol', 'Dolo 650', 'tablet', '650 mg', 205, 'micro', { pack: 15, reorder: 300 }],
    ['Paracetamol', 'Calpol 500', 'tablet', '500 mg', 100, 'gsk', { pack: 15, reorder: 200, rvc: true }],
    ['Paracetamol', 'Pacimol 650', 'tablet', '650 mg', 190, 'ipca', { pack: 15 }],
    ['Paracetamol', 'Calpol', 'syrup', '120 mg/5 ml', 3600, 'gsk', { reorder: 30 }],
    ['Paracetamol', 'Calpol 250', 'suspension', '250 mg/5 ml', 4800, 'gsk', { reorder: 20 }],
    ['Paracetamol', 'Crocin Drops', 'drops', '100 mg/ml', 4300, 'haleon', { reorder: 15 }],
    ['Paracetamol', 'Neomol', 'infusion', '1 g/100 ml', 19500, 'aculife', { rx: true, reorder: 30 }],
    ['Propyphenazone + Paracetamol + Caffeine', 'Saridon', 'tablet', '150 mg/250 mg/50 mg', 420, 'bayer'],
    ['Aspirin', 'Disprin', 'tablet', '350 mg', 110, 'reckitt'],
    ['Tramadol', 'Tramazac', 'capsule', '50 mg', 750, 'zydus', { rx: true, controlled: true, reorder: 60 }],
    ['Tramadol + Paracetamol', 'Ultracet', 'tablet', '37.5 mg/325 mg', 1450, 'janssen', { rx: true, controlled: true, pack: 15, reorder: 60 }],
    ['Morphine sulphate', null, 'injection', '10 mg/ml', 3200, 'rusan', { rx: true, controlled: true, unit: 'ampoule', reorder: 10 }],
    ['Morphine sulphate', 'Morcontin', 'tablet', '10 mg', 1100, 'modi', { rx: true, controlled: true, reorder: 50 }],
  ]],
  // prettier-ignore
  ['nsaid', { rx: true }, [
    ['Ibuprofen', 'Brufen 400', 'tablet', '400 mg', 110, 'abbott', { rx: false, pack: 15, reorder: 200, rvc: true }],
    ['Ibuprofen', 'Ibugesic', 'suspension', '100 mg/5 ml', 3500, 'cipla', { rx: false, reorder: 15 }],
    ['Ibuprofen + Paracetamol', 'Combiflam', 'tablet', '400 mg/325 mg', 210, 'sanofi', { rx: false, pack: 20, reorder: 200 }],
    ['Diclofenac sodium', 'Voveran 50', 'tablet', '50 mg', 210, 'drl', { pack: 15, rvc: true }],
    ['Diclofenac sodium', 'Voveran SR 100', 'tablet', '100 mg', 650, 'drl', { pack: 15 }],
    ['Diclofenac sodium', 'Dynapar AQ', 'injection', '75 mg/ml', 3400, 'troikaa', { unit: 'ampoule' }],
    ['Diclofenac diethylamine', 'Voveran Emulgel', 'gel', '1.16%', 19900, 'haleon', { rx: false }],
    ['Diclofenac + Linseed oil + Methyl salicylate + Menthol', 'Volini', 'gel', '1.16%/3%/10%/5%', 15500, 'sun', { rx: false }],
    ['Aceclofenac', 'Hifenac', 'tablet', '100 mg', 700, 'intas'],
    ['Aceclofenac + Paracetamol', 'Zerodol-P', 'tablet', '100 mg/325 mg', 600, 'ipca', { reorder: 150 }],
    ['Aceclofenac + Paracetamol + Serratiopeptidase', 'Zerodol-SP', 'tablet', '100 mg/325 mg/15 mg', 1150, 'ipca'],
    ['Etoricoxib', 'Etoshine 90', 'tablet', '90 mg', 1800, 'sun', { reorder: 60 }],
    ['Naproxen', 'Naprosyn 500', 'tablet', '500 mg', 700, 'rpg', { pack: 15 }],
    ['Mefenamic acid', 'Meftal 500', 'tablet', '500 mg', 400, 'bluecross'],
    ['Mefenamic acid + Dicyclomine', 'Meftal-Spas', 'tablet', '250 mg/10 mg', 500, 'bluecross', { reorder: 150 }],
    ['Ketorolac', 'Ketorol DT', 'tablet', '10 mg', 400, 'drl', { pack: 15 }],
    ['Ketorolac', 'Ketorol', 'injection', '30 mg/ml', 2500, 'drl', { unit: 'ampoule' }],
    ['Thiocolchicoside', 'Myoril', 'capsule', '4 mg', 1000, 'sanofi'],
    ['Allopurinol', 'Zyloric', 'tablet', '100 mg', 160, 'gsk'],
    ['Febuxostat', 'Zurig 40', 'tablet', '40 mg', 1100, 'zydus'],
    ['Colchicine', 'Zycolchin', 'tablet', '0.5 mg', 300, 'zydus'],
    ['Alendronic acid', 'Osteofos 70', 'tablet', '70 mg', 3500, 'cipla', { pack: 4, reorder: 50 }],
  ]],
  // prettier-ignore
  ['antibiotic', { rx: true }, [
    ['Amoxicillin', 'Mox 500', 'capsule', '500 mg', 850, 'sun', { reorder: 200, rvc: true }],
    ['Amoxicillin', 'Novamox 250', 'capsule', '250 mg', 450, 'cipla'],
    ['Amoxicillin + Clavulanic acid', 'Augmentin 625 Duo', 'tablet', '500 mg/125 mg', 2040, 'gsk', { reorder: 200, rvc: true }],
    ['Amoxicillin + Clavulanic acid', 'Clavam 625', 'tablet', '500 mg/125 mg', 1900, 'alkem', { reorder: 150 }],
    ['Amoxicillin + Clavulanic acid', 'Moxikind-CV 375', 'tablet', '250 mg/125 mg', 1150, 'mankind'],
    ['Amoxicillin + Clavulanic acid', 'Augmentin Duo', 'suspension', '200 mg/28.5 mg/5 ml', 12000, 'gsk', { reorder: 15 }],
    ['Azithromycin', 'Azithral 500', 'tablet', '500 mg', 2380, 'alembic', { pack: 5, reorder: 150, rvc: true }],
    ['Azithromycin', 'Azee 250', 'tablet', '250 mg', 1250, 'cipla', { pack: 6 }],
    ['Azithromycin', 'Azithral', 'suspension', '200 mg/5 ml', 7100, 'alembic', { reorder: 15 }],
    ['Cefixime', 'Taxim-O 200', 'tablet', '200 mg', 1100, 'alkem', { reorder: 150 }],
    ['Cefixime', 'Zifi', 'suspension', '50 mg/5 ml', 5800, 'fdc', { reorder: 15 }],
    ['Cefpodoxime', 'Cepodem 200', 'tablet', '200 mg', 2100, 'sun'],
    ['Cefuroxime axetil', 'Ceftum 500', 'tablet', '500 mg', 5300, 'gsk', { reorder: 50 }],
    ['Cefalexin', 'Sporidex 500', 'capsule', '500 mg', 1200, 'sun'],
    ['Cefadroxil', 'Odoxil 500', 'tablet', '500 mg', 1050, 'lupin'],
    ['Ciprofloxacin', 'Ciplox 500', 'tablet', '500 mg', 450, 'cipla', { reorder: 150, rvc: true }],
    ['Ofloxacin', 'Oflox 200', 'tablet', '200 mg', 550, 'cipla'],
    ['Ofloxacin + Ornidazole', 'O2', 'tablet', '200 mg/500 mg', 1000, 'medley'],
    ['Levofloxacin', 'Levoflox 500', 'tablet', '500 mg', 780, 'cipla'],
    ['Norfloxacin', 'Norflox 400', 'tablet', '400 mg', 550, 'cipla'],
    ['Doxycycline', 'Doxt-SL', 'tablet', '100 mg', 1000, 'drl', { rvc: true }],
    ['Metronidazole', 'Flagyl 400', 'tablet', '400 mg', 170, 'abbott', { pack: 15, reorder: 150, rvc: true }],
    ['Metronidazole', 'Metrogyl', 'suspension', '200 mg/5 ml', 3900, 'jb'],
    ['Nitrofurantoin', 'Niftran 100', 'capsule', '100 mg', 1000, 'sun'],
    ['Clarithromycin', 'Claribid 500', 'tablet', '500 mg', 5200, 'abbott', { pack: 4, reorder: 50 }],
    ['Linezolid', 'Linospan 600', 'tablet', '600 mg', 6000, 'cipla', { reorder: 50 }],
    ['Sulfamethoxazole + Trimethoprim', 'Septran DS', 'tablet', '800 mg/160 mg', 220, 'gsk'],
    ['Rifaximin', 'Rifagut 550', 'tablet', '550 mg', 4000, 'sun', { reorder: 50 }],
    ['Rifampicin + Isoniazid', 'R-Cinex', 'capsule', '450 mg/300 mg', 900, 'lupin', { gst: 500 }],
    ['Ethambutol', 'Combutol 800', 'tablet', '800 mg', 600, 'lupin', { gst: 500 }],
    ['Pyrazinamide', 'Pyzina 750', 'tablet', '750 mg', 450, 'lupin', { gst: 500 }],
    ['Ceftriaxone', 'Monocef', 'injection', '1 g', 6500, 'aristo', { reorder: 40 }],
    ['Ceftriaxone', 'Monocef', 'injection', '500 mg', 4200, 'aristo'],
    ['Cefotaxime', 'Taxim', 'injection', '1 g', 6000, 'alkem'],
    ['Cefoperazone + Sulbactam', 'Magnex', 'injection', '1 g/500 mg', 37000, 'pfizer', { reorder: 10 }],
    ['Piperacillin + Tazobactam', 'Tazact', 'injection', '4 g/500 mg', 45500, 'lupin', { reorder: 10 }],
    ['Meropenem', 'Merotrol', 'injection', '1 g', 175000, 'lupin', { reorder: 10 }],
    ['Amoxicillin + Clavulanic acid', 'Augmentin', 'injection', '1 g/200 mg', 17500, 'gsk'],
    ['Amikacin', 'Mikacin', 'injection', '500 mg/2 ml', 5500, 'aristo'],
    ['Gentamicin', 'Genticyn', 'injection', '80 mg/2 ml', 1200, 'abbott'],
    ['Vancomycin', null, 'injection', '500 mg', 32000, 'intas', { reorder: 10 }],
    ['Azithromycin', 'Azithral', 'injection', '500 mg', 28000, 'alembic', { reorder: 10 }],
    ['Ciprofloxacin', 'Ciplox', 'infusion', '200 mg/100 ml', 2200, 'cipla', { reorder: 20 }],
    ['Metronidazole', 'Metrogyl', 'infusion', '500 mg/100 ml', 2500, 'jb', { reorder: 20 }],
  ]],
  // prettier-ignore
  ['antifungal', { rx: true }, [
    ['Fluconazole', 'Forcan 150', 'tablet', '150 mg', 1750, 'cipla', { pack: 1, reorder: 50, rvc: true }],
    ['Itraconazole', 'Canditral 100', 'capsule', '100 mg', 2300, 'glenmark', { reorder: 50 }],
    ['Terbinafine', 'Terbicip 250', 'tablet', '250 mg', 2000, 'cipla', { pack: 7, reorder: 50 }],
    ['Clotrimazole', 'Candid', 'cream', '1%', 10500, 'glenmark', { rx: false, reorder: 20, rvc: true }],
    ['Clotrimazole', 'Candid Mouth Paint', 'solution', '1%', 8000, 'glenmark', { rx: false }],
    ['Clotrimazole', 'Candid Dusting Powder', 'powder', '1%', 13000, 'glenmark', { rx: false, unit: 'bottle' }],
    ['Luliconazole', 'Lulifin', 'cream', '1%', 28500, 'sun'],
    ['Ketoconazole', 'Nizral', 'other', '2%', 33000, 'janssen', { rx: false, unit: 'bottle' }],
  ]],
  // prettier-ignore
  ['antiviral', { rx: true }, [
    ['Aciclovir', 'Acivir 400 DT', 'tablet', '400 mg', 900, 'cipla', { pack: 5 }],
    ['Aciclovir', 'Acivir 800 DT', 'tablet', '800 mg', 1700, 'cipla', { pack: 5, reorder: 50 }],
    ['Aciclovir', 'Acivir', 'cream', '5%', 9000, 'cipla'],
    ['Valaciclovir', 'Valcivir 500', 'tablet', '500 mg', 6000, 'cipla', { reorder: 50 }],
    ['Oseltamivir', 'Fluvir', 'capsule', '75 mg', 5200, 'hetero', { reorder: 50 }],
    ['Tenofovir disoproxil fumarate', 'Tenvir', 'tablet', '300 mg', 4000, 'cipla', { pack: 30, gst: 500, reorder: 60 }],
  ]],
  // prettier-ignore
  ['antiparasitic', { rx: true }, [
    ['Hydroxychloroquine', 'HCQS 200', 'tablet', '200 mg', 700, 'ipca', { pack: 15 }],
    ['Chloroquine', 'Lariago', 'tablet', '250 mg', 250, 'ipca'],
    ['Artemether + Lumefantrine', 'Lumerax 80', 'tablet', '80 mg/480 mg', 4200, 'ipca', { pack: 6, reorder: 50 }],
    ['Artesunate', 'Falcigo', 'injection', '60 mg', 26000, 'zydus', { reorder: 10 }],
    ['Albendazole', 'Zentel', 'tablet', '400 mg', 2200, 'gsk', { rx: false, pack: 1, reorder: 50 }],
    ['Ivermectin', 'Ivermectol 12', 'tablet', '12 mg', 3300, 'sun', { pack: 1, reorder: 50 }],
  ]],
  // prettier-ignore
  ['antihistamine', { rx: false }, [
    ['Cetirizine', 'Zyrtec', 'tablet', '10 mg', 210, 'ucb', { reorder: 200, rvc: true }],
    ['Cetirizine', 'Okacet', 'tablet', '10 mg', 180, 'cipla', { reorder: 150 }],
    ['Cetirizine', 'Cetzine', 'syrup', '5 mg/5 ml', 4200, 'drl', { reorder: 15 }],
    ['Levocetirizine', 'Levocet', 'tablet', '5 mg', 500, 'hetero', { rx: true, reorder: 150 }],
    ['Fexofenadine', 'Allegra 120', 'tablet', '120 mg', 1900, 'sanofi', { rx: true, rvc: true }],
    ['Fexofenadine', 'Allegra 180', 'tablet', '180 mg', 2400, 'sanofi', { rx: true }],
    ['Hydroxyzine', 'Atarax 25', 'tablet', '25 mg', 420, 'drl', { rx: true, pack: 15 }],
    ['Pheniramine maleate', 'Avil 25', 'tablet', '25 mg', 50, 'sanofi', { pack: 15 }],
    ['Pheniramine maleate', 'Avil', 'injection', '22.75 mg/ml', 700, 'sanofi', { rx: true, unit: 'ampoule' }],
    ['Paracetamol + Phenylephrine + Chlorphenamine + Caffeine', 'Sinarest', 'tablet', '500 mg/10 mg/2 mg/30 mg', 450, 'centaur', { reorder: 150 }],
  ]],
  // prettier-ignore
  ['respiratory', { rx: true }, [
    ['Salbutamol', 'Asthalin', 'inhaler', '100 mcg/dose', 14500, 'cipla', { reorder: 20, rvc: true }],
    ['Salbutamol', 'Asthalin Respules', 'solution', '2.5 mg/2.5 ml', 400, 'cipla', { unit: 'respule', pack: 20, reorder: 100 }],
    ['Salbutamol', 'Asthalin', 'syrup', '2 mg/5 ml', 2000, 'cipla'],
    ['Levosalbutamol + Ipratropium', 'Duolin Respules', 'solution', '1.25 mg/500 mcg', 2000, 'cipla', { unit: 'respule', pack: 5, reorder: 100 }],
    ['Budesonide', 'Budecort Respules', 'solution', '0.5 mg/2 ml', 2500, 'cipla', { unit: 'respule', pack: 5, reorder: 100 }],
    ['Budesonide + Formoterol', 'Foracort 200', 'inhaler', '200 mcg/6 mcg', 49000, 'cipla'],
    ['Fluticasone + Salmeterol', 'Seroflo 250', 'inhaler', '250 mcg/25 mcg', 59500, 'cipla'],
    ['Tiotropium', 'Tiova Rotacaps', 'capsule', '18 mcg', 1400, 'cipla', { pack: 30, reorder: 60 }],
    ['Montelukast', 'Montair 10', 'tablet', '10 mg', 1500, 'cipla', { pack: 15, reorder: 150, rvc: true }],
    ['Montelukast', 'Montair 4', 'tablet', '4 mg', 900, 'cipla', { pack: 15 }],
    ['Montelukast + Levocetirizine', 'Montair-LC', 'tablet', '10 mg/5 mg', 1750, 'cipla', { reorder: 200 }],
    ['Etofylline + Theophylline', 'Deriphyllin Retard 150', 'tablet', '115 mg/35 mg', 150, 'zydus', { pack: 30 }],
    ['Etofylline + Theophylline', 'Deriphyllin', 'injection', '84.7 mg/25.3 mg per ml', 900, 'zydus', { unit: 'ampoule' }],
    ['Diphenhydramine + Ammonium chloride + Sodium citrate', 'Benadryl', 'syrup', '14.08 mg/138 mg/57.03 mg per 5 ml', 13500, 'jnj', { rx: false, reorder: 20 }],
    ['Ambroxol + Levosalbutamol + Guaifenesin', 'Ascoril LS', 'syrup', '30 mg/1 mg/50 mg per 5 ml', 12500, 'glenmark', { reorder: 20 }],
    ['Codeine phosphate + Chlorphenamine', 'Ascoril C', 'syrup', '10 mg/4 mg per 5 ml', 11500, 'glenmark', { controlled: true }],
    ['Ambroxol', 'Mucolite', 'syrup', '30 mg/5 ml', 6500, 'drl', { rx: false }],
    ['Dextromethorphan + Chlorphenamine + Phenylephrine', 'Alex', 'syrup', '10 mg/2 mg/5 mg per 5 ml', 11500, 'glenmark', { rx: false }],
    ['Amylmetacresol + Dichlorobenzyl alcohol', 'Strepsils', 'lozenge', '0.6 mg/1.2 mg', 440, 'reckitt', { rx: false, pack: 8, reorder: 80 }],
  ]],
  // prettier-ignore
  ['gastrointestinal', { rx: false }, [
    ['Pantoprazole', 'Pan 40', 'tablet', '40 mg', 1000, 'alkem', { rx: true, pack: 15, reorder: 300 }],
    ['Pantoprazole + Domperidone', 'Pan-D', 'capsule', '40 mg/30 mg', 1350, 'alkem', { rx: true, pack: 15, reorder: 200 }],
    ['Pantoprazole', 'Pan IV', 'injection', '40 mg', 5600, 'alkem', { rx: true, reorder: 40 }],
    ['Omeprazole', 'Omez', 'capsule', '20 mg', 310, 'drl', { rx: true, pack: 20, reorder: 200, rvc: true }],
    ['Omeprazole + Domperidone', 'Omez-D', 'capsule', '20 mg/10 mg', 650, 'drl', { rx: true }],
    ['Rabeprazole', 'Razo 20', 'tablet', '20 mg', 900, 'drl', { rx: true, pack: 15 }],
    ['Rabeprazole + Domperidone', 'Rablet-D', 'capsule', '20 mg/30 mg', 1200, 'lupin', { rx: true, pack: 15 }],
    ['Esomeprazole', 'Nexpro 40', 'tablet', '40 mg', 1250, 'torrent', { rx: true, pack: 15 }],
    ['Ranitidine', 'Rantac 150', 'tablet', '150 mg', 150, 'jb', { pack: 30, reorder: 150 }],
    ['Ranitidine', 'Rantac', 'injection', '50 mg/2 ml', 550, 'jb', { rx: true, unit: 'ampoule' }],
    ['Famotidine', 'Famocid 40', 'tablet', '40 mg', 250, 'sun', { rx: true }],
    ['Aluminium hydroxide + Magnesium hydroxide + Simethicone', 'Digene', 'suspension', '300 mg/25 mg/10 mg per 5 ml', 13900, 'abbott', { reorder: 20 }],
    ['Aluminium hydroxide + Magnesium hydroxide + Simethicone', 'Digene', 'tablet', '300 mg/25 mg/40 mg', 170, 'abbott', { pack: 15 }],
    ['Aluminium hydroxide + Magnesium hydroxide + Simethicone', 'Gelusil MPS', 'suspension', '250 mg/250 mg/50 mg per 10 ml', 12500, 'pfizer', { reorder: 20 }],
    ['Sodium bicarbonate + Citric acid + Sodium carbonate', 'Eno', 'powder', '5 g', 900, 'haleon', { pack: 6, reorder: 60 }],
    ['Ondansetron', 'Emeset 4', 'tablet', '4 mg', 500, 'cipla', { rx: true, reorder: 150, rvc: true }],
    ['Ondansetron', 'Emeset', 'injection', '4 mg/2 ml', 1300, 'cipla', { rx: true, unit: 'ampoule', reorder: 50 }],
    ['Ondansetron', 'Ondem', 'syrup', '2 mg/5 ml', 4000, 'alkem', { rx: true }],
    ['Domperidone', 'Domstal', 'tablet', '10 mg', 370, 'torrent', { rx: true }],
    ['Domperidone', 'Domstal', 'suspension', '1 mg/ml', 4200, 'torrent', { rx: true }],
    ['Metoclopramide', 'Perinorm', 'tablet', '10 mg', 160, 'ipca', { rx: true }],
    ['Metoclopramide', 'Perinorm', 'injection', '10 mg/2 ml', 600, 'ipca', { rx: true, unit: 'ampoule' }],
    ['Prochlorperazine', 'Stemetil MD', 'tablet', '5 mg', 420, 'abbott', { rx: true }],
    ['Dicyclomine + Paracetamol', 'Cyclopam', 'tablet', '20 mg/500 mg', 420, 'indoco', { rx: true }],
    ['Drotaverine', 'Drotin 80', 'tablet', '80 mg', 800, 'walter', { rx: true }],
    ['Hyoscine butylbromide', 'Buscopan', 'tablet', '10 mg', 570, 'sanofi', { rx: true, rvc: true }],
    ['Hyoscine butylbromide', 'Buscopan', 'injection', '20 mg/ml', 2200, 'sanofi', { rx: true, unit: 'ampoule' }],
    ['Lactulose', 'Duphalac', 'syrup', '10 g/15 ml', 29500, 'abbott', { rvc: true }],
    ['Bisacodyl', 'Dulcolax', 'tablet', '5 mg', 350, 'sanofi'],
    ['Liquid paraffin + Milk of magnesia', 'Cremaffin', 'suspension', '3.75 ml/11.25 ml per 15 ml', 19500, 'abbott'],
    ['Polyethylene glycol + Electrolytes', 'Peglec', 'powder', '137.15 g', 35000, 'tablets', { rx: true, reorder: 10 }],
    ['Loperamide', 'Eldoper', 'capsule', '2 mg', 250, 'micro', { rx: true }],
    ['Racecadotril', 'Redotil', 'capsule', '100 mg', 1300, 'drl', { rx: true }],
    ['Oral rehydration salts', 'Electral', 'powder', '21.8 g', 2100, 'fdc', { reorder: 100, rvc: true }],
    ['Bacillus clausii', 'Enterogermina', 'suspension', '2 billion spores/5 ml', 5000, 'sanofi', { pack: 10, reorder: 50 }],
    ['Saccharomyces boulardii', 'Econorm', 'powder', '250 mg', 3500, 'drl'],
    ['Ursodeoxycholic acid', 'Udiliv 300', 'tablet', '300 mg', 4000, 'abbott', { rx: true, reorder: 50 }],
  ]],
  // prettier-ignore
  ['cardiovascular', { rx: true }, [
    ['Enalapril', 'Envas 5', 'tablet', '5 mg', 260, 'zydus'],
    ['Ramipril', 'Cardace 2.5', 'tablet', '2.5 mg', 750, 'sanofi'],
    ['Ramipril', 'Cardace 5', 'tablet', '5 mg', 1250, 'sanofi', { rvc: true }],
    ['Telmisartan', 'Telma 40', 'tablet', '40 mg', 800, 'glenmark', { pack: 30, reorder: 300 }],
    ['Telmisartan', 'Telma 80', 'tablet', '80 mg', 1200, 'glenmark', { pack: 30 }],
    ['Telmisartan + Hydrochlorothiazide', 'Telma-H', 'tablet', '40 mg/12.5 mg', 1000, 'glenmark', { pack: 30, reorder: 150 }],
    ['Telmisartan + Amlodipine', 'Telma-AM', 'tablet', '40 mg/5 mg', 1050, 'glenmark', { pack: 30, reorder: 150 }],
    ['Losartan', 'Losacar 50', 'tablet', '50 mg', 550, 'zydus', { rvc: true }],
    ['Olmesartan', 'Olmezest 20', 'tablet', '20 mg', 900, 'sun'],
    ['Metoprolol succinate', 'Met XL 25', 'tablet', '25 mg', 450, 'ajanta', { reorder: 150 }],
    ['Metoprolol succinate', 'Metolar XR 50', 'tablet', '50 mg', 800, 'cipla'],
    ['Atenolol', 'Aten 50', 'tablet', '50 mg', 200, 'zydus', { pack: 14 }],
    ['Bisoprolol', 'Corbis 5', 'tablet', '5 mg', 950, 'unichem'],
    ['Carvedilol', 'Carca 6.25', 'tablet', '6.25 mg', 500, 'intas'],
    ['Propranolol', 'Ciplar 40', 'tablet', '40 mg', 150, 'cipla', { pack: 15 }],
    ['Nebivolol', 'Nebicard 5', 'tablet', '5 mg', 1150, 'torrent'],
    ['Labetalol', 'Labebet 100', 'tablet', '100 mg', 700, 'lupin'],
    ['Amlodipine', 'Amlong 5', 'tablet', '5 mg', 300, 'micro', { pack: 15, reorder: 300, rvc: true }],
    ['Amlodipine', 'Amlong 10', 'tablet', '10 mg', 530, 'micro', { pack: 15 }],
    ['Amlodipine + Atenolol', 'Amlopres-AT', 'tablet', '5 mg/50 mg', 500, 'cipla', { pack: 15 }],
    ['Nifedipine', 'Nicardia Retard 20', 'tablet', '20 mg', 330, 'jb'],
    ['Cilnidipine', 'Cilacar 10', 'tablet', '10 mg', 870, 'jb', { pack: 15 }],
    ['Diltiazem', 'Dilzem 30', 'tablet', '30 mg', 400, 'torrent'],
    ['Furosemide', 'Lasix', 'tablet', '40 mg', 75, 'sanofi', { pack: 15, rvc: true }],
    ['Furosemide', 'Lasix', 'injection', '20 mg/2 ml', 1100, 'sanofi', { unit: 'ampoule', reorder: 40 }],
    ['Hydrochlorothiazide', 'Aquazide 12.5', 'tablet', '12.5 mg', 120, 'sun'],
    ['Spironolactone', 'Aldactone', 'tablet', '25 mg', 270, 'rpg', { pack: 15 }],
    ['Torsemide', 'Dytor 10', 'tablet', '10 mg', 830, 'cipla', { pack: 15 }],
    ['Atorvastatin', 'Atorva 10', 'tablet', '10 mg', 620, 'zydus', { pack: 15, reorder: 200 }],
    ['Atorvastatin', 'Atorva 40', 'tablet', '40 mg', 1700, 'zydus', { pack: 15 }],
    ['Atorvastatin', 'Storvas 20', 'tablet', '20 mg', 1100, 'sun', { pack: 15, rvc: true }],
    ['Rosuvastatin', 'Rosuvas 10', 'tablet', '10 mg', 1640, 'sun', { pack: 15 }],
    ['Rosuvastatin', 'Rosuvas 20', 'tablet', '20 mg', 2600, 'sun', { pack: 15 }],
    ['Fenofibrate', 'Lipicard', 'tablet', '160 mg', 1500, 'usv', { pack: 15 }],
    ['Aspirin', 'Ecosprin 75', 'tablet', '75 mg', 35, 'usv', { pack: 14, reorder: 300, rvc: true }],
    ['Aspirin', 'Ecosprin 150', 'tablet', '150 mg', 60, 'usv', { pack: 14 }],
    ['Clopidogrel', 'Clopilet 75', 'tablet', '75 mg', 700, 'sun', { pack: 15, rvc: true }],
    ['Clopidogrel + Aspirin', 'Clopitab-A', 'capsule', '75 mg/75 mg', 550, 'lupin', { pack: 15 }],
    ['Aspirin + Atorvastatin', 'Ecosprin AV 75', 'capsule', '75 mg/10 mg', 420, 'usv', { pack: 15, reorder: 150 }],
    ['Ticagrelor', 'Brilinta', 'tablet', '90 mg', 5400, 'astra', { pack: 14, reorder: 50 }],
    ['Warfarin', 'Warf 5', 'tablet', '5 mg', 140, 'cipla', { rvc: true }],
    ['Acenocoumarol', 'Acitrom', 'tablet', '2 mg', 300, 'abbott', { pack: 30 }],
    ['Enoxaparin', 'Clexane', 'injection', '40 mg/0.4 ml', 39000, 'sanofi', { unit: 'syringe', reorder: 10 }],
    ['Heparin sodium', null, 'injection', '5000 IU/ml', 15000, 'gland', { reorder: 10 }],
    ['Isosorbide dinitrate', 'Sorbitrate', 'tablet', '5 mg', 50, 'abbott', { pack: 50 }],
    ['Glyceryl trinitrate', 'Nitrocontin', 'tablet', '2.6 mg', 250, 'modi', { pack: 30 }],
    ['Digoxin', 'Lanoxin', 'tablet', '0.25 mg', 130, 'gsk', { pack: 30, reorder: 50 }],
    ['Amiodarone', 'Cordarone', 'tablet', '200 mg', 1100, 'sanofi', { reorder: 50 }],
    ['Trimetazidine', 'Flavedon MR', 'tablet', '35 mg', 600, 'serdia', { pack: 30 }],
    ['Sacubitril + Valsartan', 'Vymada', 'tablet', '49 mg/51 mg', 6000, 'novartis', { pack: 14, reorder: 50 }],
  ]],
  // prettier-ignore
  ['diabetes', { rx: true }, [
    ['Metformin', 'Glycomet 500', 'tablet', '500 mg', 110, 'usv', { pack: 20, reorder: 300, rvc: true }],
    ['Metformin', 'Glycomet SR 1000', 'tablet', '1000 mg', 330, 'usv', { reorder: 200 }],
    ['Glimepiride + Metformin', 'Glycomet-GP 1', 'tablet', '1 mg/500 mg', 600, 'usv', { pack: 15, reorder: 200 }],
    ['Glimepiride + Metformin', 'Glycomet-GP 2', 'tablet', '2 mg/500 mg', 850, 'usv', { pack: 15 }],
    ['Glimepiride', 'Amaryl 1', 'tablet', '1 mg', 480, 'sanofi', { pack: 30 }],
    ['Glimepiride', 'Amaryl 2', 'tablet', '2 mg', 800, 'sanofi', { pack: 30 }],
    ['Gliclazide', 'Diamicron XR 60', 'tablet', '60 mg', 950, 'serdia', { pack: 30, rvc: true }],
    ['Glibenclamide', 'Daonil', 'tablet', '5 mg', 85, 'sanofi', { pack: 30 }],
    ['Sitagliptin', 'Januvia', 'tablet', '100 mg', 3000, 'msd', { pack: 7, reorder: 60 }],
    ['Sitagliptin + Metformin', 'Janumet', 'tablet', '50 mg/500 mg', 1700, 'msd', { pack: 15 }],
    ['Vildagliptin', 'Galvus', 'tablet', '50 mg', 1600, 'novartis', { pack: 15 }],
    ['Teneligliptin', 'Zita', 'tablet', '20 mg', 950, 'glenmark'],
    ['Dapagliflozin', 'Oxra', 'tablet', '10 mg', 3600, 'sun', { pack: 14, reorder: 60 }],
    ['Empagliflozin', 'Gibtulio', 'tablet', '10 mg', 5000, 'lupin', { reorder: 60 }],
    ['Pioglitazone', 'Pioz 15', 'tablet', '15 mg', 500, 'usv'],
    ['Voglibose', 'Volix 0.3', 'tablet', '0.3 mg', 1100, 'sun'],
    ['Insulin human (regular)', 'Actrapid', 'injection', '40 IU/ml, 10 ml', 15500, 'novo', { gst: 500, rvc: true }],
    ['Insulin human (30/70 biphasic isophane)', 'Human Mixtard 30/70', 'injection', '40 IU/ml, 10 ml', 15500, 'novo', { gst: 500 }],
    ['Insulin human (regular)', 'Insugen-R', 'injection', '100 IU/ml, 10 ml', 39000, 'biocon', { gst: 500, reorder: 10 }],
    ['Insulin glargine', 'Basalog', 'injection', '100 IU/ml, 3 ml', 44000, 'biocon', { gst: 500, unit: 'cartridge', reorder: 15 }],
  ]],
  // prettier-ignore
  ['thyroid', { rx: true }, [
    ['Levothyroxine', 'Thyronorm 25', 'tablet', '25 mcg', 125, 'abbott', { pack: 100, reorder: 300 }],
    ['Levothyroxine', 'Thyronorm 50', 'tablet', '50 mcg', 150, 'abbott', { pack: 100, reorder: 300, rvc: true }],
    ['Levothyroxine', 'Thyronorm 100', 'tablet', '100 mcg', 190, 'abbott', { pack: 100, reorder: 200 }],
    ['Levothyroxine', 'Eltroxin', 'tablet', '50 mcg', 140, 'gsk', { pack: 120 }],
    ['Carbimazole', 'Neo-Mercazole', 'tablet', '5 mg', 130, 'abbott', { pack: 100 }],
  ]],
  // prettier-ignore
  ['steroid', { rx: true }, [
    ['Prednisolone', 'Wysolone 5', 'tablet', '5 mg', 120, 'pfizer', { reorder: 200 }],
    ['Prednisolone', 'Wysolone 10', 'tablet', '10 mg', 220, 'pfizer'],
    ['Prednisolone', 'Wysolone 20', 'tablet', '20 mg', 400, 'pfizer'],
    ['Methylprednisolone', 'Medrol 4', 'tablet', '4 mg', 760, 'pfizer'],
    ['Methylprednisolone', 'Medrol 16', 'tablet', '16 mg', 1800, 'pfizer', { reorder: 50 }],
    ['Dexamethasone', 'Dexona', 'tablet', '0.5 mg', 20, 'zydus', { pack: 20 }],
    ['Dexamethasone', 'Dexona', 'injection', '4 mg/ml', 1100, 'zydus', { reorder: 40 }],
    ['Hydrocortisone sodium succinate', 'Lycortin-S', 'injection', '100 mg', 4500, 'samarth', { reorder: 30 }],
    ['Deflazacort', 'Defcort 6', 'tablet', '6 mg', 750, 'macleods'],
  ]],
  // prettier-ignore
  ['vitamin', { rx: false }, [
    ['Calcium carbonate + Vitamin D3', 'Shelcal 500', 'tablet', '500 mg/250 IU', 800, 'torrent', { pack: 15, reorder: 200 }],
    ['Calcium citrate malate + Vitamin D3', 'Calcimax-500', 'tablet', '500 mg/200 IU', 1000, 'meyer', { pack: 15, gst: 1800 }],
    ['Vitamin B complex + Vitamin C', 'Becosules', 'capsule', 'B-complex with 150 mg C', 235, 'pfizer', { pack: 20, reorder: 200 }],
    ['Ascorbic acid', 'Limcee', 'tablet', '500 mg', 165, 'abbott', { pack: 15, reorder: 150 }],
    ['Cholecalciferol', 'Uprise-D3 60K', 'capsule', '60000 IU', 3200, 'alkem', { pack: 4, reorder: 50 }],
    ['Cholecalciferol', 'Calcirol', 'powder', '60000 IU', 5500, 'zydus'],
    ['Tocopheryl acetate (Vitamin E)', 'Evion 400', 'capsule', '400 mg', 350, 'pg', { gst: 1800 }],
    ['Methylcobalamin', 'Nurokind OD', 'tablet', '1500 mcg', 900, 'mankind'],
    ['Thiamine + Pyridoxine + Cyanocobalamin', 'Neurobion Forte', 'tablet', '10 mg/3 mg/15 mcg', 120, 'pg', { pack: 30, reorder: 200 }],
    ['Multivitamin + Multimineral + Zinc', 'Zincovit', 'tablet', 'Multivitamin with zinc 22 mg', 700, 'apex', { pack: 15, gst: 1800 }],
    ['Multivitamin + Multimineral', 'Supradyn', 'tablet', 'Multivitamin', 330, 'bayer', { pack: 15, gst: 1800 }],
    ['Ginseng + Multivitamin + Multimineral', 'Revital H', 'capsule', 'Multivitamin with ginseng 42.5 mg', 1000, 'sun', { pack: 30, gst: 1800 }],
    ['Ferrous ascorbate + Folic acid', 'Orofer XT', 'tablet', '100 mg/1.5 mg', 1900, 'emcure'],
    ['Ferrous fumarate + Folic acid', 'Livogen', 'tablet', '152 mg/1.5 mg', 450, 'pg', { pack: 15 }],
    ['Iron sucrose', 'Orofer-S', 'injection', '100 mg/5 ml', 28000, 'emcure', { rx: true, unit: 'ampoule', reorder: 10 }],
    ['Folic acid', 'Folvite', 'tablet', '5 mg', 70, 'pfizer', { pack: 45, rvc: true }],
  ]],
  // prettier-ignore
  ['dermatology', { rx: true }, [
    ['Betamethasone valerate', 'Betnovate', 'cream', '0.1%', 3600, 'gsk', { reorder: 20 }],
    ['Betamethasone valerate + Neomycin', 'Betnovate-N', 'cream', '0.1%/0.5%', 4500, 'gsk'],
    ['Clobetasol propionate', 'Tenovate', 'cream', '0.05%', 6500, 'gsk'],
    ['Mometasone furoate', 'Momate', 'cream', '0.1%', 14000, 'glenmark'],
    ['Mupirocin', 'T-Bact', 'ointment', '2%', 16500, 'gsk', { rvc: true }],
    ['Silver sulfadiazine', 'Silverex', 'cream', '1%', 6500, 'sun'],
    ['Povidone-iodine', 'Betadine', 'ointment', '5%', 11000, 'winmed', { rx: false, reorder: 20 }],
    ['Povidone-iodine', 'Betadine', 'solution', '10%', 12500, 'winmed', { rx: false, reorder: 20, rvc: true }],
    ['Framycetin sulphate', 'Soframycin', 'cream', '1%', 7500, 'sanofi', { rx: false }],
    ['Permethrin', 'Permite', 'cream', '5%', 17000, 'glenmark'],
    ['Adapalene', 'Deriva', 'gel', '0.1%', 19000, 'glenmark'],
    ['Clindamycin', 'Clindac A', 'gel', '1%', 15000, 'galderma'],
    ['Lignocaine', 'Xylocaine', 'gel', '2%', 9500, 'astra'],
  ]],
  // prettier-ignore
  ['eye_ear_nose', { rx: true }, [
    ['Moxifloxacin', 'Moxicip', 'drops', '0.5%', 9500, 'cipla', { reorder: 20 }],
    ['Ciprofloxacin', 'Ciplox', 'drops', '0.3%', 2000, 'cipla', { reorder: 20, rvc: true }],
    ['Tobramycin', 'Tobrex', 'drops', '0.3%', 6500, 'alcon'],
    ['Carboxymethylcellulose', 'Refresh Tears', 'drops', '0.5%', 15000, 'allergan', { rx: false }],
    ['Timolol', 'Glucomol', 'drops', '0.5%', 5200, 'allergan'],
    ['Prednisolone acetate', 'Pred Forte', 'drops', '1%', 9500, 'allergan'],
    ['Olopatadine', 'Winolap', 'drops', '0.1%', 19500, 'sun'],
    ['Beclomethasone + Clotrimazole + Chloramphenicol + Lignocaine', 'Candibiotic', 'drops', '0.025%/1%/5%/2%', 13000, 'glenmark'],
    ['Xylometazoline', 'Otrivin', 'spray', '0.1%', 10500, 'haleon', { rx: false }],
    ['Fluticasone propionate', 'Flomist', 'spray', '50 mcg/dose', 22500, 'cipla'],
  ]],
  // prettier-ignore
  ['neuro_psych', { rx: true }, [
    ['Alprazolam', 'Alprax', 'tablet', '0.25 mg', 170, 'torrent', { pack: 15, controlled: true, reorder: 60 }],
    ['Alprazolam', 'Alprax', 'tablet', '0.5 mg', 300, 'torrent', { pack: 15, controlled: true, reorder: 60 }],
    ['Clonazepam', 'Clonotril', 'tablet', '0.5 mg', 300, 'torrent', { controlled: true, reorder: 60 }],
    ['Clonazepam', 'Lonazep', 'tablet', '0.5 mg', 320, 'sun', { controlled: true, reorder: 60 }],
    ['Diazepam', 'Calmpose', 'tablet', '5 mg', 180, 'sun', { controlled: true, reorder: 50 }],
    ['Diazepam', 'Calmpose', 'injection', '10 mg/2 ml', 1500, 'sun', { controlled: true, unit: 'ampoule', reorder: 10 }],
    ['Midazolam', 'Mezolam', 'injection', '5 mg/5 ml', 2600, 'neon', { controlled: true, reorder: 10 }],
    ['Zolpidem', 'Zolfresh', 'tablet', '10 mg', 900, 'abbott', { controlled: true, reorder: 50 }],
    ['Phenytoin', 'Eptoin', 'tablet', '100 mg', 120, 'abbott'],
    ['Phenytoin', 'Eptoin', 'injection', '50 mg/ml', 3500, 'abbott', { reorder: 10 }],
    ['Levetiracetam', 'Levipil 500', 'tablet', '500 mg', 1800, 'sun'],
    ['Sodium valproate', 'Valparin Chrono 500', 'tablet', '500 mg', 1100, 'sanofi'],
    ['Carbamazepine', 'Tegretol', 'tablet', '200 mg', 280, 'novartis'],
    ['Gabapentin', 'Gabapin 300', 'tablet', '300 mg', 1100, 'intas'],
    ['Pregabalin', 'Pregeb 75', 'capsule', '75 mg', 1200, 'intas'],
    ['Escitalopram', 'Nexito 10', 'tablet', '10 mg', 1000, 'sun'],
    ['Sertraline', 'Daxid 50', 'tablet', '50 mg', 1000, 'pfizer', { rvc: true }],
    ['Fluoxetine', 'Fludac', 'capsule', '20 mg', 450, 'zydus'],
    ['Amitriptyline', 'Tryptomer', 'tablet', '10 mg', 150, 'wockhardt'],
    ['Olanzapine', 'Oleanz 5', 'tablet', '5 mg', 450, 'sun'],
    ['Risperidone', 'Sizodon 2', 'tablet', '2 mg', 420, 'sun'],
    ['Quetiapine', 'Qutipin 25', 'tablet', '25 mg', 450, 'sun'],
    ['Haloperidol', 'Serenace', 'injection', '5 mg/ml', 1000, 'rpg', { unit: 'ampoule', reorder: 10 }],
    ['Betahistine', 'Vertin 16', 'tablet', '16 mg', 1050, 'abbott', { pack: 15 }],
  ]],
  // prettier-ignore
  ['emergency', { rx: true }, [
    ['Adrenaline', null, 'injection', '1 mg/ml', 2200, 'neon', { unit: 'ampoule', reorder: 30, rvc: true }],
    ['Atropine sulphate', null, 'injection', '0.6 mg/ml', 600, 'neon', { unit: 'ampoule', reorder: 30 }],
    ['Noradrenaline', null, 'injection', '2 mg/2 ml', 9500, 'neon', { unit: 'ampoule' }],
    ['Dopamine', null, 'injection', '200 mg/5 ml', 3000, 'neon', { unit: 'ampoule', reorder: 10 }],
    ['Magnesium sulphate', null, 'injection', '50%, 2 ml', 1200, 'neon', { unit: 'ampoule' }],
    ['Calcium gluconate', null, 'injection', '10%, 10 ml', 1500, 'aculife', { unit: 'ampoule' }],
    ['Sodium bicarbonate', null, 'injection', '7.5%, 10 ml', 1500, 'aculife', { unit: 'ampoule' }],
    ['Potassium chloride', null, 'injection', '150 mg/ml, 10 ml', 1200, 'aculife', { unit: 'ampoule' }],
    ['Naloxone', null, 'injection', '0.4 mg/ml', 9000, 'neon', { unit: 'ampoule', reorder: 10 }],
    ['Lignocaine', 'Xylocaine 2%', 'injection', '20 mg/ml, 30 ml', 4000, 'astra', { reorder: 10 }],
    ['Tetanus toxoid', null, 'injection', '0.5 ml', 2000, 'bioe', { unit: 'ampoule', gst: 500 }],
    ['Water for injection', null, 'injection', '10 ml', 500, 'aculife', { unit: 'ampoule', reorder: 100 }],
  ]],
  // prettier-ignore
  ['iv_fluid', { rx: true }, [
    ['Sodium chloride', null, 'infusion', '0.9%, 500 ml', 3100, 'baxter', { reorder: 100, rvc: true }],
    ['Sodium chloride', null, 'infusion', '0.9%, 100 ml', 2500, 'baxter', { reorder: 50 }],
    ['Compound sodium lactate (Ringer lactate)', null, 'infusion', '500 ml', 3300, 'fresenius', { reorder: 60 }],
    ['Dextrose + Sodium chloride (DNS)', null, 'infusion', '5%/0.9%, 500 ml', 3300, 'fresenius', { reorder: 60 }],
    ['Dextrose', null, 'infusion', '5%, 500 ml', 3000, 'baxter', { reorder: 60 }],
    ['Dextrose', null, 'infusion', '10%, 500 ml', 3400, 'baxter', { reorder: 30 }],
    ['Mannitol', null, 'infusion', '20%, 100 ml', 8000, 'aculife', { reorder: 20 }],
    ['Multiple electrolytes + Dextrose', 'Isolyte-P', 'infusion', '500 ml', 8500, 'fresenius', { reorder: 20 }],
  ]],
  // prettier-ignore
  ['other', { rx: true }, [
    ['Tamsulosin', 'Urimax 0.4', 'capsule', '0.4 mg', 1200, 'cipla', { pack: 15, rvc: true }],
    ['Progesterone (natural micronised)', 'Susten 200', 'capsule', '200 mg', 4500, 'sun', { reorder: 50 }],
    ['Norethisterone', 'Primolut-N', 'tablet', '5 mg', 600, 'bayer'],
  ]],
];

function build(): DemoMedicine[] {
  let n = 0;
  return CATALOG.flatMap(([cls, defaults, rows]) =>
    rows.map(([genericName, brandName, form, strength, price, maker, o = {}]) => {
      n += 1;
      const [manufacturer, batchPrefix, company] = MAKERS[maker];
      const dispensingUnit = o.unit ?? UNIT[form] ?? 'bottle';
      return {
        class: cls,
        genericName,
        brandName,
        form,
        strength,
        dispensingUnit,
        packSize: o.pack ?? (countedSingly(dispensingUnit) ? 10 : 1),
        manufacturer,
        batchPrefix,
        prescriptionOnly: o.rx ?? (o.controlled ? true : defaults.rx),
        controlled: o.controlled ?? false,
        reorderLevel: o.reorder ?? defaultReorder(dispensingUnit),
        salePriceMinor: price,
        taxRateBp: o.gst ?? 1200,
        // Indian EANs start 890; then the company's code and the item's number.
        barcode: ean13(`890${company}${String(n).padStart(5, '0')}`),
        rvc: o.rvc ?? false,
      };
    }),
  );
}

/** Every medicine of the demo catalog, in class order. */
export const DEMO_MEDICINES: readonly DemoMedicine[] = build();
