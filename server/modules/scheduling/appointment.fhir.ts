// Appointments as FHIR R4 Appointment resources (product §15): the bookings at the hospital the
// caller acts in, presented as /api presents them (appointments.service.ts) and audited as its
// reads are: a read as 'appointment.read', a search as 'appointments.listed' (with the patient
// when one patient's are searched).
import type { Appointment, AppointmentStatus } from '../../../contracts/scheduling';
import { can, requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { referenceId, token, type DateRange } from '../../platform/fhir/fhir.params';
import { concept, metaOf, ref } from '../../platform/fhir/fhir.types';
import type { FhirResource, FhirResourceProvider } from '../../platform/fhir/fhir.types';
import { presentRows, viewerOf } from './appointments.service';
import { scheduleFacts } from './schedule.fhir';
import { appointmentIds, type AppointmentFilter } from './scheduling.fhir.repo';
import { findAppointments, type FoundAppointment } from './scheduling.repo';
import { slotId } from './slot.fhir';
import { templateSlotStarting } from './slots';

const STATUS_SYSTEM = 'http://hl7.org/fhir/appointmentstatus';

/**
 * Hospitium's states as FHIR's: checked in (a queue token given) is `checked-in`, and stays so while
 * the doctor sees the patient (the Encounter says in-progress); a completed visit is `fulfilled`.
 */
const STATUS: Record<AppointmentStatus, string> = {
  booked: 'booked',
  checked_in: 'checked-in',
  in_consultation: 'checked-in',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};
const FHIR_STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
];

const STATUS_DOC = 'booked, checked-in, fulfilled, cancelled or noshow (several: a,b); latest start first.';

const WALK_IN = concept(
  'http://terminology.hl7.org/CodeSystem/v2-0276',
  'WALKIN',
  'A previously unscheduled walk-in visit',
);

interface Extra {
  doctorUserId: string;
  updatedAt: Date;
  slot: string | null;
}

export function fhirAppointment(a: Appointment, x: Extra): FhirResource {
  const start = Date.parse(a.startsAt);
  const end = Date.parse(a.endsAt);
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: metaOf(x.updatedAt),
    status: STATUS[a.status],
    ...(a.cancellationReason ? { cancelationReason: { text: a.cancellationReason } } : {}),
    ...(a.walkIn ? { appointmentType: WALK_IN } : {}),
    ...(a.reason ? { reasonCode: [{ text: a.reason }], description: a.reason } : {}),
    start: a.startsAt,
    end: a.endsAt,
    minutesDuration: Math.round((end - start) / 60_000),
    ...(x.slot ? { slot: [ref('Slot', x.slot)] } : {}),
    created: a.bookedAt,
    participant: [
      { actor: ref('Patient', a.patientId, a.patientName), required: 'required', status: 'accepted' },
      {
        actor: ref('Practitioner', x.doctorUserId, a.doctorName),
        required: 'required',
        status: 'accepted',
      },
    ],
  };
}

/**
 * The appointments as FHIR, in the order of `rows`. An appointment names the doctor's slot it
 * holds when the weekly hours still offer one from its start to its end (walk-ins hold none).
 */
async function toFhir(ctx: Ctx, rows: FoundAppointment[], hospitalId: string): Promise<FhirResource[]> {
  const ids = rows.map((r) => r.a.id);
  const [dtos, doctors] = await Promise.all([
    presentRows(ctx.db, rows, ids, hospitalId),
    scheduleFacts(ctx, [...new Set(rows.map((r) => r.a.doctorProfileId))]),
  ]);
  const byId = new Map(rows.map((r) => [r.a.id, r]));
  const hoursOf = new Map(doctors.map((d) => [d.id, d]));
  return dtos.map((a) => {
    const r = byId.get(a.id)!;
    const d = hoursOf.get(a.doctorId);
    const held =
      d && !a.walkIn ? templateSlotStarting(d.templates, r.a.startsAt.getTime(), d.hospital.timeZone) : null;
    const slot = held && held.end === r.a.endsAt.getTime() ? slotId(a.doctorId, held.start) : null;
    return fhirAppointment(a, { doctorUserId: r.doctorUserId, updatedAt: r.a.updatedAt, slot });
  });
}

function statusParam(value: string): AppointmentStatus[] {
  const codes = value.split(',').map((v) => {
    const t = token('status', v);
    if ((t.system !== null && t.system !== STATUS_SYSTEM) || !FHIR_STATUSES.includes(t.code)) {
      throw new AppError('BAD_REQUEST', `Search parameter "status": one of ${FHIR_STATUSES.join(', ')}.`);
    }
    return t.code;
  });
  return (Object.keys(STATUS) as AppointmentStatus[]).filter((s) => codes.includes(STATUS[s]));
}

/** What the search parameters ask of the hospital's appointments. */
function filterOf(
  params: Readonly<Record<string, string>>,
  dates: readonly DateRange[] | undefined,
  hospitalId: string,
): AppointmentFilter {
  const f: AppointmentFilter = { hospitalId };
  if (params.patient) f.patientId = referenceId('patient', params.patient, 'Patient');
  if (params.practitioner) f.doctorUserId = referenceId('practitioner', params.practitioner, 'Practitioner');
  if (dates) f.starts = dates;
  if (params.status) f.statuses = statusParam(params.status);
  return f;
}

export const appointmentFhir: FhirResourceProvider = {
  type: 'Appointment',
  documentation:
    'A booking at the hospital the caller acts in (walk-ins too); a doctor sees their own. Every read is audited.',
  access: { anyOf: ['appointments:read', 'appointments:read-own'] },
  async read(ctx, id) {
    const hospitalId = requireHospital(ctx.actor);
    const rows = await findAppointments(ctx.db, [id]);
    const row = rows[0];
    // As /api decides: the hospital's staff, or the appointment's own doctor, here.
    const viewer = row ? viewerOf(ctx, row.a, row.doctorUserId) : null;
    if (!row || row.a.hospitalId !== hospitalId || (viewer !== 'staff' && viewer !== 'doctor'))
      throw notFound('Appointment');
    const [resource] = await toFhir(ctx, rows, hospitalId);
    await auditRead(ctx, {
      action: 'appointment.read',
      entityType: 'appointment',
      entityId: id,
      patientId: row.a.patientId,
      hospitalId,
    });
    return resource!;
  },
  search: {
    params: [
      { name: 'patient', type: 'reference', documentation: 'The patient: Patient/<id>.' },
      { name: 'practitioner', type: 'reference', documentation: 'The doctor: Practitioner/<user id>.' },
      {
        name: 'date',
        type: 'date',
        documentation: 'When it starts: eq, ne, lt, le, gt or ge a date; twice for a range.',
        range: true,
      },
      { name: 'status', type: 'token', documentation: STATUS_DOC, multiple: true },
    ],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const f = filterOf(s.params, s.dates.date, hospitalId);
      // A doctor without the hospital's list searches their own appointments only.
      if (!can(ctx.actor, 'appointments:read')) {
        if (f.doctorUserId !== undefined && f.doctorUserId !== ctx.actor.userId)
          return { resources: [], total: 0 };
        f.doctorUserId = ctx.actor.userId;
      }
      if (f.statuses?.length === 0) return { resources: [], total: 0 };
      const { ids, total } = await appointmentIds(ctx.db, f, { limit: s.count, offset: s.offset });
      const found = new Map((await findAppointments(ctx.db, ids)).map((r) => [r.a.id, r]));
      const resources = await toFhir(
        ctx,
        ids.flatMap((id) => found.get(id) ?? []),
        hospitalId,
      );
      await auditRead(ctx, {
        action: 'appointments.listed',
        entityType: 'appointment',
        patientId: f.patientId ?? null,
        after: { query: s.params, ids },
      });
      return { resources, total };
    },
  },
};
