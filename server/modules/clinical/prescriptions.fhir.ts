// What consultations prescribed as FHIR R4 MedicationRequest resources (product §15): one per line
// of the prescription a closed consultation wrote into the pharmacy, the medicine the catalog's
// (Medication/<medicine id>), the directions as worded when prescribing (directionsOf), the status
// following the pharmacy's dispensing. Drafts of open consultations are not orders yet: not served.
import { unitWord } from '../../../contracts/units';
import { referenceId } from '../../platform/fhir/fhir.params';
import { concept, HOSPITIUM_SYSTEM, ref } from '../../platform/fhir/fhir.types';
import type { FhirResource, FhirResourceProvider } from '../../platform/fhir/fhir.types';
import * as repo from './clinical.fhir.repo';
import * as scope from './fhir-scope';

/** The statuses a prescribed line can have (see the repository's STATUS). */
const STATUSES = new Set(['active', 'completed', 'cancelled', 'stopped']);

export function fhirPrescribed(r: repo.PrescribedRow): FhirResource {
  return {
    resourceType: 'MedicationRequest',
    id: r.id,
    status: r.status,
    intent: 'order',
    category: [concept(scope.SYSTEM.medicationRequestCategory, 'outpatient', 'Outpatient')],
    medicationReference: ref('Medication', r.medicineId, r.medicineName),
    subject: ref('Patient', r.patientId, r.patientName),
    encounter: ref('Encounter', r.consultationId),
    authoredOn: r.authoredOn,
    requester: ref('Practitioner', r.prescriberUserId, r.prescriberName),
    // The lines of one prescription, written together.
    groupIdentifier: { system: `${HOSPITIUM_SYSTEM}:prescription`, value: r.prescriptionId },
    ...(r.directions ? { dosageInstruction: [{ text: r.directions }] } : {}),
    dispenseRequest: {
      quantity: { value: r.quantity, unit: unitWord(r.dispensingUnit, r.quantity) },
    },
  };
}

export const prescribedFhir: FhirResourceProvider = {
  type: 'MedicationRequest',
  documentation:
    "Medicines prescribed in consultations at the caller's hospital, one per prescription line, the medicine as the pharmacy catalog's Medication; reads are audited.",
  access: { anyOf: ['consultations:read', 'consultations:write'] },
  sortKey: (r) => String(r.authoredOn ?? ''),
  read: scope.readInScope(
    'MedicationRequest',
    (ctx, hospitalId, id) => repo.prescribedForFhir(ctx.db, { hospitalId, id }, scope.ONE),
    fhirPrescribed,
  ),
  search: {
    params: [
      { name: 'patient', type: 'reference', documentation: 'The patient (Patient/<id>); required.' },
      {
        name: 'status',
        type: 'token',
        documentation: 'active, completed (all dispensed), cancelled or stopped (cancelled part-dispensed).',
      },
      {
        name: 'authoredon',
        type: 'date',
        documentation: 'When it was prescribed; twice for a range.',
        range: true,
      },
      { name: 'encounter', type: 'reference', documentation: 'The consultation (Encounter/<id>).' },
    ],
    required: ['patient'],
    async run(ctx, s) {
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const consultationId =
        s.params.encounter === undefined
          ? undefined
          : referenceId('encounter', s.params.encounter, 'Encounter');
      const authored = s.dates.authoredon;
      const status = scope.tokenCode(s.params, 'status', scope.SYSTEM.medicationRequestStatus);
      const hospitalId = scope.fhirHospital(ctx);
      if (!hospitalId || status === null || (status !== undefined && !STATUSES.has(status)))
        return scope.NO_MATCH;
      const { rows, total } = await repo.prescribedForFhir(
        ctx.db,
        { hospitalId, patientId, consultationId, status, authored },
        scope.pageOf(s),
      );
      return scope.auditedPage(ctx, patientId, rows.map(fhirPrescribed), total);
    },
  },
};
