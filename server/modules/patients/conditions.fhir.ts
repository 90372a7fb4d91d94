// Conditions as FHIR R4 Condition resources (product §15). Two modules serve the type: this one the
// patient's recorded conditions (category problem-list-item), the clinical module the diagnoses of
// consultations (encounter-diagnosis). They must search alike, so the parameters, their reading and
// the resource's shape live here and the clinical module takes them from this module's index.
import type { Ctx } from '../../platform/context';
import { auditRead } from '../../platform/audit/audit.service';
import { notFound } from '../../platform/errors';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import {
  concept,
  metaOf,
  ref,
  type FhirResource,
  type FhirResourceProvider,
  type FhirSearchParam,
  type FhirSearchRequest,
} from '../../platform/fhir/fhir.types';
import * as repo from './patients.clinical.repo';
import { staffHospital } from './patients.scope';

export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
const CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';

const CATEGORY = {
  'problem-list-item': 'Problem List Item',
  'encounter-diagnosis': 'Encounter Diagnosis',
} as const;
const CLINICAL = { active: 'Active', resolved: 'Resolved' } as const;
const VERIFICATION = {
  confirmed: 'Confirmed',
  provisional: 'Provisional',
  'entered-in-error': 'Entered in Error',
} as const;

export type ConditionCategory = keyof typeof CATEGORY;

/** Condition's search parameters, in the order every provider of the type declares them. */
export const conditionSearchParams: readonly FhirSearchParam[] = [
  { name: 'patient', type: 'reference', documentation: 'The patient (Patient/<id>); required.' },
  { name: 'code', type: 'token', documentation: `An ICD-10 code (${ICD10_SYSTEM}), such as E11.9.` },
  {
    name: 'clinical-status',
    type: 'token',
    documentation: 'active or resolved (condition-clinical); diagnoses of a visit carry none.',
  },
  {
    name: 'category',
    type: 'token',
    documentation:
      'problem-list-item (conditions recorded on the patient) or encounter-diagnosis (diagnoses of consultations).',
  },
];

/** A Condition search as both providers read it. */
export interface ConditionSearch {
  patientId: string;
  /** An ICD-10 code, upper-case. */
  code: string | null;
  clinicalStatus: string | null;
  category: string | null;
  /** A token named another code system: nothing here can match. */
  none: boolean;
}

/** The code of a token in `system` (or without one); null when it names another system. */
function codeIn(param: string, value: string, system: string): string | null {
  const t = token(param, value);
  return t.system === null || t.system === system ? t.code : null;
}

export function conditionSearch(params: Readonly<Record<string, string>>): ConditionSearch {
  const out: ConditionSearch = {
    patientId: referenceId('patient', params.patient!, 'Patient'),
    code: null,
    clinicalStatus: null,
    category: null,
    none: false,
  };
  const read = (param: string, system: string) => {
    if (params[param] === undefined) return null;
    const code = codeIn(param, params[param], system);
    if (code === null) out.none = true;
    return code;
  };
  out.code = read('code', ICD10_SYSTEM)?.toUpperCase() ?? null;
  out.clinicalStatus = read('clinical-status', CLINICAL_SYSTEM);
  out.category = read('category', CATEGORY_SYSTEM);
  return out;
}

/** What a Condition is made of, whichever record it comes from. */
export interface ConditionFacts {
  id: string;
  category: ConditionCategory;
  /** Absent when unknown (a visit's diagnosis) or entered in error (FHIR forbids it then). */
  clinicalStatus: keyof typeof CLINICAL | null;
  verificationStatus: keyof typeof VERIFICATION;
  icd10: { code: string; title?: string | null } | null;
  text: string;
  patient: { id: string; name?: string | null };
  encounterId?: string | null;
  onsetDate?: string | null;
  recordedAt: Date;
  /** Who recorded it: a Practitioner when `practitioner` (an approved doctor here), else named only. */
  recorder?: { userId: string; name?: string | null; practitioner: boolean } | null;
  updatedAt?: Date | null;
}

export function fhirCondition(f: ConditionFacts): FhirResource {
  const coding = f.icd10
    ? [
        f.icd10.title
          ? { system: ICD10_SYSTEM, code: f.icd10.code, display: f.icd10.title }
          : { system: ICD10_SYSTEM, code: f.icd10.code },
      ]
    : null;
  return {
    resourceType: 'Condition',
    id: f.id,
    ...(f.updatedAt ? { meta: metaOf(f.updatedAt) } : {}),
    ...(f.clinicalStatus
      ? { clinicalStatus: concept(CLINICAL_SYSTEM, f.clinicalStatus, CLINICAL[f.clinicalStatus]) }
      : {}),
    verificationStatus: concept(
      VERIFICATION_SYSTEM,
      f.verificationStatus,
      VERIFICATION[f.verificationStatus],
    ),
    category: [concept(CATEGORY_SYSTEM, f.category, CATEGORY[f.category])],
    code: { ...(coding ? { coding } : {}), text: f.text },
    subject: ref('Patient', f.patient.id, f.patient.name),
    ...(f.encounterId ? { encounter: ref('Encounter', f.encounterId) } : {}),
    ...(f.onsetDate ? { onsetDateTime: f.onsetDate } : {}),
    recordedDate: f.recordedAt.toISOString(),
    ...(f.recorder?.practitioner
      ? { recorder: ref('Practitioner', f.recorder.userId, f.recorder.name) }
      : f.recorder?.name
        ? { recorder: { display: f.recorder.name } }
        : {}),
  };
}

/** The newest first order both providers keep, for merging their pages. */
export const conditionSortKey = (r: FhirResource) => String(r.recordedDate ?? '');

function fromRow(r: repo.ConditionFhirRow): FhirResource {
  const error = r.status === 'entered_in_error';
  return fhirCondition({
    id: r.id,
    category: 'problem-list-item',
    clinicalStatus: error ? null : (r.status as 'active' | 'resolved'),
    // Recorded on the patient's record by clinical staff: what the hospital holds as so.
    verificationStatus: error ? 'entered-in-error' : 'confirmed',
    icd10: r.icd10Code ? { code: r.icd10Code } : null,
    text: r.name,
    patient: { id: r.patientId, name: r.patientName },
    onsetDate: r.onsetDate,
    recordedAt: r.createdAt,
    recorder: r.recordedBy
      ? { userId: r.recordedBy, name: r.recorderName, practitioner: r.recorderIsDoctor }
      : null,
    updatedAt: r.updatedAt,
  });
}

/** The record's conditions are part of the record: their reads are audited as reads of it. */
async function audited(ctx: Ctx, patientId: string, ids: string[]): Promise<void> {
  await auditRead(ctx, {
    action: 'patient.read',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    after: { conditionIds: ids },
  });
}

async function search(ctx: Ctx, s: FhirSearchRequest) {
  const q = conditionSearch(s.params);
  const hospitalId = staffHospital(ctx.actor, 'patients:read');
  const status = q.clinicalStatus ?? undefined;
  if (
    !hospitalId ||
    q.none ||
    (q.category !== null && q.category !== 'problem-list-item') ||
    (status !== undefined && status !== 'active' && status !== 'resolved')
  ) {
    return { resources: [], total: 0 };
  }
  const filter = { hospitalId, patientId: q.patientId, icd10Code: q.code ?? undefined, status };
  const [rows, total] = await Promise.all([
    repo.conditionsForFhir(ctx.db, filter, { limit: s.count, offset: s.offset }),
    repo.countConditions(ctx.db, filter),
  ]);
  if (rows.length > 0)
    await audited(
      ctx,
      q.patientId,
      rows.map((r) => r.id),
    );
  return { resources: rows.map(fromRow), total };
}

export const conditionFhir: FhirResourceProvider = {
  type: 'Condition',
  documentation:
    "Conditions recorded on the patient's record (problem-list-item), for patients registered at the caller's hospital; reads are audited.",
  access: { anyOf: ['patients:read'] },
  sortKey: conditionSortKey,
  async read(ctx, id) {
    const hospitalId = staffHospital(ctx.actor, 'patients:read');
    const [row] = hospitalId
      ? await repo.conditionsForFhir(ctx.db, { hospitalId, id }, { limit: 1, offset: 0 })
      : [];
    if (!row) throw notFound('Condition');
    await audited(ctx, row.patientId, [row.id]);
    return fromRow(row);
  },
  search: { params: conditionSearchParams, required: ['patient'], run: search },
};
