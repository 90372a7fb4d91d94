// The hospital's medicine catalog as FHIR R4 Medication resources (product §15): each medicine is
// coded in the hospital's own catalog system (urn:hospitium:medicine:<hospital id>, the code being
// the medicine's id), with its form, its ingredients and strength where the strength can be read
// as an amount, and its manufacturer by name. Stock is not part of it (that needs stock:read).
import { MEDICINE_FORMS } from '../../../contracts/pharmacy';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { isOwnId, token } from '../../platform/fhir/fhir.params';
import {
  concept,
  HOSPITIUM_SYSTEM,
  identifierSystem,
  metaOf,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { medicationRows, type MedicationFilter } from './catalog.fhir.repo';
import type { MedicineRow } from './catalog.repo';
import { medicineLabel } from './pharmacy.dto';

const FORM_SYSTEM = `${HOSPITIUM_SYSTEM}:medicine-form`;
const UCUM = 'http://unitsofmeasure.org';
/** The units strengths are written in, as UCUM codes. */
const UCUM_UNITS: Record<string, string> = {
  mg: 'mg',
  g: 'g',
  mcg: 'ug',
  ug: 'ug',
  µg: 'ug',
  ml: 'mL',
  l: 'L',
  iu: '[iU]',
  meq: 'meq',
};
/** Forms counted one piece at a time: a strength without "/…" is per piece (per tablet). */
const PER_PIECE = new Set(['tablet', 'capsule', 'suppository', 'lozenge']);
const AMOUNT = /^(\d+(?:\.\d+)?)\s*([a-zµ]+)$/i;

function quantity(value: number, unit: string) {
  const code = UCUM_UNITS[unit.toLowerCase()];
  return code ? { value, unit: code, system: UCUM, code } : { value, unit };
}

/**
 * A strength as a Ratio: "500 mg" per tablet, "250 mg/5 ml", "40 mg/ml". Null when it is not written
 * so (a percentage, a liquid's strength without its volume): the label still carries it as text.
 */
export function strengthRatio(strength: string, m: Pick<MedicineRow, 'form' | 'dispensingUnit'>) {
  const [amount, per, ...rest] = strength.split('/').map((s) => s.trim());
  const a = AMOUNT.exec(amount ?? '');
  if (!a || rest.length > 0 || !UCUM_UNITS[a[2]!.toLowerCase()]) return null;
  const numerator = quantity(Number(a[1]), a[2]!);
  if (per === undefined) {
    return PER_PIECE.has(m.form) ? { numerator, denominator: { value: 1, unit: m.dispensingUnit } } : null;
  }
  const d = /^(\d+(?:\.\d+)?)?\s*([a-zµ]+)$/i.exec(per);
  if (!d) return null;
  return { numerator, denominator: quantity(d[1] ? Number(d[1]) : 1, d[2]!) };
}

/** The active ingredients: a combination ("A + B", "500 mg + 125 mg") paired part by part. */
function ingredients(m: MedicineRow) {
  const names = m.genericName.split('+').map((s) => s.trim());
  const strengths = m.strength.split('+').map((s) => s.trim());
  const pairs: [string, string | null][] =
    names.length > 1 && names.length === strengths.length
      ? names.map((n, i) => [n, strengths[i]!])
      : [[m.genericName, names.length > 1 ? null : m.strength]];
  return pairs.map(([name, strength]) => {
    const ratio = strength ? strengthRatio(strength, m) : null;
    return { itemCodeableConcept: { text: name }, isActive: true, ...(ratio ? { strength: ratio } : {}) };
  });
}

export function fhirMedication(m: MedicineRow): FhirResource {
  const label = medicineLabel(m);
  const form = m.form.charAt(0).toUpperCase() + m.form.slice(1);
  return {
    resourceType: 'Medication',
    id: m.id,
    meta: metaOf(m.updatedAt),
    ...(m.barcode
      ? { identifier: [{ system: identifierSystem('medicine-barcode', m.hospitalId), value: m.barcode }] }
      : {}),
    code: concept(identifierSystem('medicine', m.hospitalId), m.id, label),
    status: m.active ? 'active' : 'inactive',
    ...(m.manufacturer ? { manufacturer: { display: m.manufacturer } } : {}),
    form: concept(FORM_SYSTEM, m.form, form),
    ingredient: ingredients(m),
  };
}

/** Only the given system (or none) may name a code here; anything else is a mistake, not a miss. */
function codeIn(param: string, value: string, system: string): string {
  const t = token(param, value);
  if (t.system !== null && t.system !== system) {
    throw new AppError('BAD_REQUEST', `Search parameter "${param}": codes of ${system} here.`);
  }
  return t.code;
}

/** The search's filter, or null for one no medicine can match (a code that is no medicine's id). */
function filterOf(hospitalId: string, params: Readonly<Record<string, string>>): MedicationFilter | null {
  const f: MedicationFilter = {};
  if (params.code) {
    const code = codeIn('code', params.code, identifierSystem('medicine', hospitalId));
    if (!isOwnId(code)) return null;
    f.id = code.toLowerCase();
  }
  if (params.identifier)
    f.barcode = codeIn('identifier', params.identifier, identifierSystem('medicine-barcode', hospitalId));
  if (params.name) f.name = params.name;
  if (params.status) {
    if (params.status !== 'active' && params.status !== 'inactive') {
      throw new AppError('BAD_REQUEST', 'Search parameter "status": active or inactive.');
    }
    f.active = params.status === 'active';
  }
  if (params.form) {
    const form = codeIn('form', params.form, FORM_SYSTEM).toLowerCase();
    if (!(MEDICINE_FORMS as readonly string[]).includes(form)) {
      throw new AppError('BAD_REQUEST', `Search parameter "form": one of ${MEDICINE_FORMS.join(', ')}.`);
    }
    f.form = form;
  }
  return f;
}

export const medicationFhir: FhirResourceProvider = {
  type: 'Medication',
  documentation:
    "A medicine of the catalog of the hospital the caller acts in, coded in that hospital's catalog (urn:hospitium:medicine:<hospital id>).",
  access: { anyOf: ['medicines:read'] },
  async read(ctx: Ctx, id: string) {
    const { rows } = await medicationRows(
      ctx.db,
      requireHospital(ctx.actor),
      { id },
      { limit: 1, offset: 0 },
    );
    if (!rows[0]) throw notFound('Medication');
    return fhirMedication(rows[0]);
  },
  search: {
    params: [
      {
        name: 'code',
        type: 'token',
        documentation: "The medicine's code in the catalog (system urn:hospitium:medicine:<hospital id>).",
      },
      {
        name: 'identifier',
        type: 'token',
        documentation: 'Its barcode (system urn:hospitium:medicine-barcode:<hospital id>).',
      },
      {
        name: 'name',
        type: 'string',
        documentation: 'Any part of the generic name, brand, strength or form, ignoring case.',
      },
      { name: 'status', type: 'token', documentation: 'active, or inactive (taken out of use).' },
      { name: 'form', type: 'token', documentation: `The form: ${MEDICINE_FORMS.join(', ')}.` },
    ],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const f = filterOf(hospitalId, s.params);
      if (!f) return { resources: [], total: 0 };
      const page = await medicationRows(ctx.db, hospitalId, f, { limit: s.count, offset: s.offset });
      return { resources: page.rows.map(fhirMedication), total: page.total };
    },
  },
};
