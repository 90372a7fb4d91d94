// The vital signs charted on ward stays as FHIR R4 Observations (product §15), beside the
// consultations' vitals (clinical) and lab results (lab). One charted set holds several signs, each
// its own Observation with the id `<set id>.<sign>` (blood pressure one panel of two components),
// coded in LOINC with UCUM units as the consultations' are. Searched per patient and read as
// /api/wards/admissions/:id/vitals reads them: by those who nurse, audited against the patient.
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { referenceId, token, tokenCode } from '../../platform/fhir/fhir.params';
import {
  concept,
  metaOf,
  ref,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { vitalSign, vitalSignPage, type VitalSignRow } from './wards.fhir.repo';
import { OBSERVATION_SEARCH, SYSTEM } from '../../platform/fhir/fhir.terms';

const LOINC = SYSTEM.loinc;
const UCUM = SYSTEM.ucum;
const CATEGORY = SYSTEM.observationCategory;
const VITAL_SIGNS = concept(CATEGORY, 'vital-signs', 'Vital Signs');

type Sign = 'bp' | 'hr' | 'temp' | 'spo2' | 'rr' | 'pain' | 'glu';
type Quantity = { value: number; unit: string; system: string; code: string };

const quantity = (value: number, unit: string, code: string): Quantity => ({
  value,
  unit,
  system: UCUM,
  code,
});
const loinc = (code: string, display: string) => ({ system: LOINC, code, display });

/**
 * Each sign a charted set may hold: its LOINC coding(s) and value. Oxygen saturation carries both
 * codes the FHIR vital-signs profile names; pain and blood glucose are charted with the vitals on
 * the ward, so they are published with them (category vital-signs).
 */
const SIGNS: Record<Sign, { codes: [string, string][]; value: (r: VitalSignRow) => Quantity | null }> = {
  bp: { codes: [['85354-9', 'Blood pressure panel with all children optional']], value: () => null },
  hr: {
    codes: [['8867-4', 'Heart rate']],
    value: (r) => quantity(r.pulse!, 'beats/minute', '/min'),
  },
  temp: {
    codes: [['8310-5', 'Body temperature']],
    value: (r) => quantity(Number(r.temperatureC), '°C', 'Cel'),
  },
  spo2: {
    codes: [
      ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'],
      ['2708-6', 'Oxygen saturation in Arterial blood'],
    ],
    value: (r) => quantity(r.spo2!, '%', '%'),
  },
  rr: {
    codes: [['9279-1', 'Respiratory rate']],
    value: (r) => quantity(r.respiratoryRate!, 'breaths/minute', '/min'),
  },
  pain: {
    codes: [['72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported']],
    value: (r) => quantity(r.painScore!, 'score', '{score}'),
  },
  glu: {
    codes: [['2339-0', 'Glucose [Mass/volume] in Blood']],
    value: (r) => quantity(r.bloodGlucoseMgDl!, 'mg/dL', 'mg/dL'),
  },
};
const ALL_SIGNS = Object.keys(SIGNS) as Sign[];

const VITAL_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(bp|hr|temp|spo2|rr|pain|glu)$/;

export function fhirVitalSign(r: VitalSignRow): FhirResource {
  const sign = SIGNS[r.sign as Sign];
  const [, display] = sign.codes[0]!;
  const value = sign.value(r);
  const mmHg = (v: number) => quantity(v, 'mmHg', 'mm[Hg]');
  return {
    resourceType: 'Observation',
    id: `${r.id}.${r.sign}`,
    meta: metaOf(new Date(r.createdAt)),
    status: 'final',
    category: [VITAL_SIGNS],
    code: { coding: sign.codes.map(([code, d]) => loinc(code, d)), text: display },
    subject: ref('Patient', r.patientId, r.patientName),
    encounter: ref('Encounter', r.admissionId),
    effectiveDateTime: new Date(r.takenAt).toISOString(),
    issued: new Date(r.createdAt).toISOString(),
    // Doctors are the API's Practitioners; a nurse is named without a reference to follow.
    performer: [
      r.recordedByDoctor
        ? ref('Practitioner', r.recordedBy, r.recordedByName)
        : { display: r.recordedByName },
    ],
    ...(value
      ? { valueQuantity: value }
      : {
          component: [
            { code: concept(LOINC, '8480-6', 'Systolic blood pressure'), valueQuantity: mmHg(r.systolic!) },
            { code: concept(LOINC, '8462-4', 'Diastolic blood pressure'), valueQuantity: mmHg(r.diastolic!) },
          ],
        }),
  };
}

/** The signs a `code` search names: a LOINC code of one of them (with or without its system). */
function signsOf(value: string | undefined): Sign[] {
  if (value === undefined) return ALL_SIGNS;
  const t = token('code', value);
  if (t.system !== null && t.system !== LOINC) return [];
  return ALL_SIGNS.filter((s) => SIGNS[s].codes.some(([code]) => code === t.code));
}

/** Whether a `category` search includes vital signs. */
function vitalSignsAsked(params: Readonly<Record<string, string>>): boolean {
  const category = tokenCode(params, 'category', CATEGORY);
  return category === undefined || category === 'vital-signs';
}

export const wardVitalsFhir: FhirResourceProvider = {
  type: 'Observation',
  idPattern: VITAL_ID,
  documentation:
    'Vital signs charted on ward stays (category vital-signs, LOINC), one Observation per sign with the id <set id>.<sign>; read by those who nurse, audited.',
  access: { anyOf: ['nursing:record'] },
  sortKey: (r) => r.effectiveDateTime as string,
  async read(ctx: Ctx, id: string) {
    const [rowId, sign] = id.split('.') as [string, string];
    const row = await vitalSign(ctx.db, requireHospital(ctx.actor), rowId, sign);
    if (!row) throw notFound('Observation');
    // As the stay's chart is read: against the admission.
    await auditRead(ctx, {
      action: 'wards.vitals.read',
      entityType: 'admission',
      entityId: row.admissionId,
      patientId: row.patientId,
    });
    return fhirVitalSign(row);
  },
  search: {
    params: OBSERVATION_SEARCH,
    required: ['patient'],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const signs = signsOf(s.params.code);
      if (!vitalSignsAsked(s.params) || signs.length === 0) return { resources: [], total: 0 };
      const { rows, total } = await vitalSignPage(ctx.db, hospitalId, {
        patientId,
        signs,
        dates: s.dates.date,
        limit: s.count,
        offset: s.offset,
      });
      await auditRead(ctx, {
        action: 'wards.vitals.read',
        entityType: 'patient',
        entityId: patientId,
        patientId,
      });
      return { resources: rows.map(fhirVitalSign), total };
    },
  },
};
