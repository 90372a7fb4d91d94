// A consultation's vital signs as FHIR R4 Observation resources (product §15), vital-signs
// category: one row of vital_signs holds several measurements, each its own Observation with a
// LOINC code and a UCUM unit (blood pressure one panel of two components), its id the row's and a
// short code: `<row id>.hr`. The wards and the lab serve Observation too, alike searched.
import { referenceId } from '../../platform/fhir/fhir.params';
import { concept, metaOf, ref } from '../../platform/fhir/fhir.types';
import type { Coding, FhirResource, FhirResourceProvider } from '../../platform/fhir/fhir.types';
import * as repo from './clinical.fhir.repo';
import { VITAL_KINDS, type VitalFhirRow, type VitalKind } from './clinical.fhir.repo';
import * as scope from './fhir-scope';
import { bmiOf } from './prescribing';
import { OBSERVATION_SEARCH } from '../../platform/fhir/fhir.terms';

const loinc = (code: string, display: string): Coding => ({ system: scope.SYSTEM.loinc, code, display });
const quantity = (value: number, unit: string, code: string) => ({
  value,
  unit,
  system: scope.SYSTEM.ucum,
  code,
});
const num = (v: string | number | null) => (v === null ? null : Number(v));

interface Kind {
  codings: Coding[];
  /** The value and its UCUM unit; blood pressure has components instead. */
  value?: (r: VitalFhirRow) => ReturnType<typeof quantity> | null;
}

const KINDS: Record<VitalKind, Kind> = {
  bp: { codings: [loinc('85354-9', 'Blood pressure panel with all children optional')] },
  hr: {
    codings: [loinc('8867-4', 'Heart rate')],
    value: (r) => (r.pulse === null ? null : quantity(r.pulse, 'beats/minute', '/min')),
  },
  temp: {
    codings: [loinc('8310-5', 'Body temperature')],
    value: (r) => (r.temperatureC === null ? null : quantity(Number(r.temperatureC), 'C', 'Cel')),
  },
  spo2: {
    // 2708-6 is the code the FHIR vital-signs profile asks for; 59408-5 says "by pulse oximetry".
    codings: [
      loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'),
      loinc('2708-6', 'Oxygen saturation in Arterial blood'),
    ],
    value: (r) => (r.spo2 === null ? null : quantity(r.spo2, '%', '%')),
  },
  wt: {
    codings: [loinc('29463-7', 'Body weight')],
    value: (r) => (r.weightKg === null ? null : quantity(Number(r.weightKg), 'kg', 'kg')),
  },
  ht: {
    codings: [loinc('8302-2', 'Body height')],
    value: (r) => (r.heightCm === null ? null : quantity(Number(r.heightCm), 'cm', 'cm')),
  },
  bmi: {
    codings: [loinc('39156-5', 'Body mass index (BMI) [Ratio]')],
    value: (r) => {
      const bmi = bmiOf(num(r.weightKg), num(r.heightCm));
      return bmi === null ? null : quantity(bmi, 'kg/m2', 'kg/m2');
    },
  },
};

/** The kinds a LOINC code names (any of each kind's codings). */
const KINDS_OF_CODE = new Map<string, VitalKind[]>();
for (const kind of VITAL_KINDS) {
  for (const c of KINDS[kind].codings)
    KINDS_OF_CODE.set(c.code, [...(KINDS_OF_CODE.get(c.code) ?? []), kind]);
}

const ID = new RegExp(
  `^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(${VITAL_KINDS.join('|')})$`,
  'i',
);

export function fhirVital(r: VitalFhirRow): FhirResource {
  const kind = KINDS[r.kind];
  const id = `${r.id}.${r.kind}`;
  const value =
    r.kind === 'bp'
      ? {
          component: [
            {
              code: { coding: [loinc('8480-6', 'Systolic blood pressure')] },
              valueQuantity: quantity(r.systolic!, 'mmHg', 'mm[Hg]'),
            },
            {
              code: { coding: [loinc('8462-4', 'Diastolic blood pressure')] },
              valueQuantity: quantity(r.diastolic!, 'mmHg', 'mm[Hg]'),
            },
          ],
        }
      : { valueQuantity: kind.value!(r)! };
  return {
    resourceType: 'Observation',
    id,
    meta: metaOf(r.recordedAt),
    status: 'final',
    category: [concept(scope.SYSTEM.observationCategory, 'vital-signs', 'Vital Signs')],
    code: { coding: kind.codings, text: kind.codings[0]!.display },
    subject: ref('Patient', r.patientId, r.patientName),
    ...(r.consultationId ? { encounter: ref('Encounter', r.consultationId) } : {}),
    effectiveDateTime: r.recordedAt,
    performer: [ref('Practitioner', r.recordedBy, r.recorderName)],
    ...value,
    ...(r.kind === 'bmi'
      ? { derivedFrom: [ref('Observation', `${r.id}.wt`), ref('Observation', `${r.id}.ht`)] }
      : {}),
  };
}

/** The kinds a search's `category` and `code` leave: null for none at all. */
function kindsAsked(params: Readonly<Record<string, string>>): readonly VitalKind[] | null | undefined {
  const category = scope.tokenCode(params, 'category', scope.SYSTEM.observationCategory);
  if (category !== undefined && category !== 'vital-signs') return null;
  const code = scope.tokenCode(params, 'code', scope.SYSTEM.loinc);
  if (code === undefined) return undefined;
  return (code !== null && KINDS_OF_CODE.get(code)) || null;
}

export const vitalsFhir: FhirResourceProvider = {
  type: 'Observation',
  documentation:
    "Vital signs taken in consultations at the caller's hospital (category vital-signs, LOINC codes, UCUM units; blood pressure as a panel with systolic and diastolic components); reads are audited.",
  access: { anyOf: ['consultations:read', 'consultations:write'] },
  idPattern: ID,
  sortKey: (r) => String(r.effectiveDateTime ?? ''),
  // `<row id>.<kind>`: the row's value of that kind, if it was measured.
  read: scope.readInScope(
    'Observation',
    (ctx, hospitalId, rawId) => {
      const [, rowId, kind] = ID.exec(rawId) ?? [];
      if (!rowId || !kind) return Promise.resolve({ rows: [] });
      const kinds = [kind.toLowerCase() as VitalKind];
      return repo.vitalsForFhir(ctx.db, { hospitalId, id: rowId.toLowerCase(), kinds }, scope.ONE);
    },
    fhirVital,
  ),
  search: {
    params: OBSERVATION_SEARCH,
    required: ['patient'],
    async run(ctx, s) {
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const recorded = s.dates.date;
      const kinds = kindsAsked(s.params);
      const hospitalId = scope.fhirHospital(ctx);
      if (!hospitalId || kinds === null) return scope.NO_MATCH;
      const { rows, total } = await repo.vitalsForFhir(
        ctx.db,
        { hospitalId, patientId, kinds, recorded },
        scope.pageOf(s),
      );
      return scope.auditedPage(ctx, patientId, rows.map(fhirVital), total);
    },
  },
};
