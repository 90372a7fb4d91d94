// A consultation's diagnoses as FHIR R4 Condition resources (product §15), category
// encounter-diagnosis: ICD-10 coded (or the doctor's words), with the encounter and the doctor who
// wrote them. The patients module serves the patient's recorded conditions as Condition too; the
// parameters and the resource's shape are its (through its index), so both search alike.
import type { FhirResourceProvider } from '../../platform/fhir/fhir.types';
import { conditionSearch, conditionSearchParams, conditionSortKey, fhirCondition } from '../patients';
import * as repo from './clinical.fhir.repo';
import * as scope from './fhir-scope';

export function fhirDiagnosis(d: repo.DiagnosisFhirRow) {
  return fhirCondition({
    id: d.id,
    category: 'encounter-diagnosis',
    // Whether it has since resolved is not known from the visit: no clinical status.
    clinicalStatus: null,
    // Final once the consultation is closed; while open the doctor may still change it.
    verificationStatus: d.consultationStatus === 'closed' ? 'confirmed' : 'provisional',
    icd10: d.code ? { code: d.code, title: d.title } : null,
    text: d.description,
    patient: { id: d.patientId, name: d.patientName },
    encounterId: d.consultationId,
    recordedAt: new Date(d.recordedAt),
    recorder: { userId: d.doctorUserId, name: d.doctorName, practitioner: true },
  });
}

export const diagnosisFhir: FhirResourceProvider = {
  type: 'Condition',
  documentation:
    "Diagnoses of consultations at the caller's hospital (encounter-diagnosis, ICD-10), with their encounter; reads are audited.",
  access: { anyOf: ['consultations:read', 'consultations:write'] },
  sortKey: conditionSortKey,
  read: scope.readInScope(
    'Condition',
    (ctx, hospitalId, id) => repo.diagnosesForFhir(ctx.db, { hospitalId, id }, scope.ONE),
    fhirDiagnosis,
  ),
  search: {
    params: conditionSearchParams,
    required: ['patient'],
    async run(ctx, s) {
      const q = conditionSearch(s.params);
      const hospitalId = scope.fhirHospital(ctx);
      // A visit's diagnosis carries no clinical status, so asking for one matches none of them.
      if (
        !hospitalId ||
        q.none ||
        q.clinicalStatus !== null ||
        (q.category !== null && q.category !== 'encounter-diagnosis')
      ) {
        return scope.NO_MATCH;
      }
      const { rows, total } = await repo.diagnosesForFhir(
        ctx.db,
        { hospitalId, patientId: q.patientId, code: q.code ?? undefined },
        scope.pageOf(s),
      );
      return scope.auditedPage(ctx, q.patientId, rows.map(fhirDiagnosis), total);
    },
  },
};
