// Consultations as FHIR R4 Encounter resources (product §15): ambulatory visits with their doctor,
// the complaint, the diagnoses (Condition) and the appointment they came from. The wards module
// serves admissions as Encounter too: the same search parameters, merged by the visit's start.
import type { Executor } from '../../db/client';
import { referenceId } from '../../platform/fhir/fhir.params';
import { concept, HOSPITIUM_SYSTEM, metaOf, ref } from '../../platform/fhir/fhir.types';
import type { FhirResource, FhirResourceProvider } from '../../platform/fhir/fhir.types';
import * as repo from './clinical.fhir.repo';
import * as scope from './fhir-scope';
import { ENCOUNTER_SEARCH } from '../../platform/fhir/fhir.terms';

/** A consultation is open (in progress) or closed (finished); it is never cancelled. */
const STATUS: Record<string, string> = { open: 'in-progress', closed: 'finished' };
const STATUS_FROM: Record<string, string> = { 'in-progress': 'open', finished: 'closed' };

export function fhirEncounter(r: repo.EncounterRow, diagnoses: repo.DiagnosisFhirRow[]): FhirResource {
  // The primary diagnosis ranks first, the others in the order the doctor wrote them.
  const ranked = [...diagnoses.filter((d) => d.primary), ...diagnoses.filter((d) => !d.primary)];
  return {
    resourceType: 'Encounter',
    id: r.id,
    meta: metaOf(r.updatedAt),
    status: STATUS[r.status] ?? 'unknown',
    class: { system: scope.SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
    type: [concept(`${HOSPITIUM_SYSTEM}:encounter-type`, 'consultation', 'Consultation')],
    subject: ref('Patient', r.patientId, r.patientName),
    participant: [
      {
        type: [concept(scope.SYSTEM.participationType, 'PPRF', 'primary performer')],
        individual: ref('Practitioner', r.doctorUserId, r.doctorName),
      },
    ],
    ...(r.appointmentId ? { appointment: [ref('Appointment', r.appointmentId)] } : {}),
    period: { start: r.openedAt, ...(r.closedAt ? { end: r.closedAt } : {}) },
    ...(r.chiefComplaint.trim() ? { reasonCode: [{ text: r.chiefComplaint.trim() }] } : {}),
    ...(ranked.length > 0
      ? {
          diagnosis: ranked.map((d, i) => ({
            condition: ref('Condition', d.id, d.description),
            rank: i + 1,
          })),
        }
      : {}),
    serviceProvider: ref('Organization', r.hospitalId, r.hospitalName),
  };
}

/** The encounters of these consultations, each with its diagnoses (one query for them all). */
async function withDiagnoses(exec: Executor, hospitalId: string, rows: repo.EncounterRow[]) {
  const ids = rows.map((r) => r.id);
  const { rows: diagnoses } =
    ids.length === 0
      ? { rows: [] }
      : await repo.diagnosesForFhir(exec, { hospitalId, consultationIds: ids }, { limit: 10_000, offset: 0 });
  return rows.map((r) =>
    fhirEncounter(
      r,
      diagnoses.filter((d) => d.consultationId === r.id),
    ),
  );
}

export const encounterFhir: FhirResourceProvider = {
  type: 'Encounter',
  documentation:
    "Consultations (class AMB) at the caller's hospital, with their doctor, complaint, diagnoses and appointment; reads are audited.",
  access: { anyOf: ['consultations:read', 'consultations:write'] },
  sortKey: (r) => String((r.period as { start?: string } | undefined)?.start ?? ''),
  read: scope.readInScope(
    'Encounter',
    (ctx, hospitalId, id) => repo.consultationsForFhir(ctx.db, { hospitalId, id }, scope.ONE),
    async (r, ctx, hospitalId) => (await withDiagnoses(ctx.db, hospitalId, [r]))[0]!,
  ),
  search: {
    params: ENCOUNTER_SEARCH,
    required: ['patient'],
    async run(ctx, s) {
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const opened = s.dates.date;
      const code = scope.tokenCode(s.params, 'status', scope.SYSTEM.encounterStatus);
      const status = code === undefined ? undefined : code === null ? null : (STATUS_FROM[code] ?? null);
      const hospitalId = scope.fhirHospital(ctx);
      if (!hospitalId || status === null) return scope.NO_MATCH;
      const { rows, total } = await repo.consultationsForFhir(
        ctx.db,
        { hospitalId, patientId, status, opened },
        scope.pageOf(s),
      );
      return scope.auditedPage(ctx, patientId, await withDiagnoses(ctx.db, hospitalId, rows), total);
    },
  },
};
