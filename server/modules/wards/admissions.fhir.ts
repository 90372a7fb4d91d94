// Admissions as FHIR R4 Encounter resources (product §15), beside the consultations the clinical
// module serves as Encounters: an inpatient (or emergency) stay from admission to discharge, with
// every bed it held as a Location over its time. Read through the service /api/wards/admissions/:id
// uses (scope and audit row alike); searched per patient, audited as a read of their stays.
import type { Admission } from '../../../contracts/wards';
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import { concept, ref, type FhirResource, type FhirResourceProvider } from '../../platform/fhir/fhir.types';
import { getAdmission, toAdmissions } from './admissions.service';
import { searchAdmissions } from './admissions.repo';
import { datesCondition } from '../../platform/fhir/fhir.sql';
import { attendingDoctors } from './wards.fhir.repo';
import { ENCOUNTER_SEARCH, SYSTEM } from '../../platform/fhir/fhir.terms';

const ACT_CODE = SYSTEM.actCode;
const ENCOUNTER_STATUS = SYSTEM.encounterStatus;
const ADMIT_SOURCE = 'http://terminology.hl7.org/CodeSystem/admit-source';
const BED = concept('http://terminology.hl7.org/CodeSystem/location-physical-type', 'bd', 'Bed');
const ATTENDER = concept(SYSTEM.participationType, 'ATND', 'attender');

/** An admission's status as FHIR's, and back (a search by another status finds no admission). */
const STATUS = { active: 'in-progress', discharged: 'finished' } as const;

/** Where the patient came from, where known: a front-desk admission does not say. */
const ADMITTED_FROM: Partial<Record<Admission['source'], [string, string]>> = {
  consultation: ['outp', 'From outpatient department'],
  emergency: ['emd', 'From accident/emergency department'],
};

type Doctor = { userId: string; name: string } | undefined;

export function fhirEncounter(a: Admission, hospitalId: string, doctor: Doctor): FhirResource {
  const from = ADMITTED_FROM[a.source];
  return {
    resourceType: 'Encounter',
    id: a.id,
    status: STATUS[a.status],
    class:
      a.source === 'emergency'
        ? { system: ACT_CODE, code: 'EMER', display: 'emergency' }
        : { system: ACT_CODE, code: 'IMP', display: 'inpatient encounter' },
    subject: ref('Patient', a.patient.id, a.patient.name),
    ...(doctor
      ? { participant: [{ type: [ATTENDER], individual: ref('Practitioner', doctor.userId, doctor.name) }] }
      : {}),
    period: { start: a.admittedAt, ...(a.dischargedAt ? { end: a.dischargedAt } : {}) },
    ...(a.reason ? { reasonCode: [{ text: a.reason }] } : {}),
    // The discharge summary's condition (improved, stable …) is not where the patient went, which
    // is what dischargeDisposition says: Hospitium does not record that, so it is left out.
    ...(from ? { hospitalization: { admitSource: concept(ADMIT_SOURCE, ...from) } } : {}),
    location: a.stays.map((s) => ({
      location: ref('Location', s.bedId, `${s.wardName}, ${s.bedLabel}`),
      status: s.to ? 'completed' : 'active',
      physicalType: BED,
      period: { start: s.from, ...(s.to ? { end: s.to } : {}) },
    })),
    serviceProvider: ref('Organization', hospitalId),
  };
}

/**
 * The admissions a `status` search asks for: all (null), those of one status, or none (undefined:
 * it names a status admissions never have).
 */
function statusOf(value: string | undefined): keyof typeof STATUS | null | undefined {
  if (value === undefined) return null;
  const t = token('status', value);
  if ((t.system ?? ENCOUNTER_STATUS) !== ENCOUNTER_STATUS) return undefined;
  return (Object.keys(STATUS) as (keyof typeof STATUS)[]).find((ours) => STATUS[ours] === t.code);
}

export const admissionEncounterFhir: FhirResourceProvider = {
  type: 'Encounter',
  documentation:
    'Admissions (class IMP, or EMER for emergency admissions) at the hospital the caller acts in, each bed of the stay a Location; reads are audited.',
  access: { anyOf: ['admissions:manage'] },
  sortKey: (r) => (r.period as { start: string }).start,
  async read(ctx: Ctx, id: string) {
    const hospitalId = requireHospital(ctx.actor);
    const admission = await getAdmission(ctx, id);
    const doctors = await attendingDoctors(ctx.db, [id]);
    return fhirEncounter(admission, hospitalId, doctors.get(id));
  },
  search: {
    params: ENCOUNTER_SEARCH,
    required: ['patient'],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const status = statusOf(s.params.status);
      if (status === undefined) return { resources: [], total: 0 };
      const dates = s.dates.date;
      const { rows, total } = await searchAdmissions(ctx.db, hospitalId, {
        status,
        patientId,
        admitted: dates ? (column) => datesCondition(column, dates)! : undefined,
        limit: s.count,
        offset: s.offset,
      });
      const [admissions, doctors] = await Promise.all([
        toAdmissions(ctx.db, hospitalId, rows),
        attendingDoctors(
          ctx.db,
          rows.map((r) => r.id),
        ),
      ]);
      await auditRead(ctx, {
        action: 'wards.admissions.read',
        entityType: 'patient',
        entityId: patientId,
        patientId,
      });
      return { resources: admissions.map((a) => fhirEncounter(a, hospitalId, doctors.get(a.id))), total };
    },
  },
};
