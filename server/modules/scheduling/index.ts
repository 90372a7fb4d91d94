// The scheduling module's public face: other modules import only from here.
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { appointmentFhir } from './appointment.fhir';
import { appointmentRoutes } from './appointments.routes';
import { availabilityRoutes } from './availability.routes';
import { queueRoutes } from './queue.routes';
import { insightsRoutes } from './insights.routes';
import { noShowRoutes } from './no-show.routes';
import { scheduleFhir } from './schedule.fhir';
import { schedulingFigures } from './scheduling.dashboard';
import { settingsRoutes } from './settings.routes';
import { slotFhir } from './slot.fhir';
import { defineSchedulingJobs } from './scheduling.jobs';
import { SCHEDULING_TEMPLATES } from './scheduling.templates';
import { patientExport } from './scheduling.patient-export';
import { patientErasure } from './scheduling.patient-erasure';

export { beginVisit, completeVisit, returnToQueue } from './visits.service';
// Wall-clock dates in a hospital's zone across daylight-saving changes (ADR 10), for wards' bed-days.
export { addDays, localDateOf, localToInstant } from './local-time';
// The slots weekly hours offer (the demo seed books on them).
export { templateSlots } from './slots';

/** Doctors' weekly availability and exceptions, free slots, and appointments without double booking. */
export const schedulingModule = defineModule({
  name: 'scheduling',
  patientExport,
  patientErasure,
  // A merged temporary record's appointments become the person's (PATIENT_BUSY if two overlap).
  patientMerge: (tx, m) => repointPatientIn(tx, ['appointments'], m),
  templates: SCHEDULING_TEMPLATES,
  routes(app, deps) {
    availabilityRoutes(app);
    appointmentRoutes(app);
    queueRoutes(app, { database: deps.database });
    noShowRoutes(app);
    insightsRoutes(app);
    settingsRoutes(app);
  },
  // Schedule: a doctor profile's weekly hours; Slot: computed from them; Appointment: a booking.
  fhir: [scheduleFhir, slotFhir, appointmentFhir],
  jobs: (runner, deps) => defineSchedulingJobs(runner, { db: deps.database.db, log: deps.log }),
  dashboard: schedulingFigures,
  constraintErrors: {
    appointments_doctor_no_overlap: {
      code: 'SLOT_TAKEN',
      detail: 'That slot has just been booked. Choose another one.',
    },
    appointments_patient_no_overlap: {
      code: 'PATIENT_BUSY',
      detail: 'The patient already has an appointment at that time.',
    },
    appointments_key_uq: {
      code: 'IDEMPOTENCY_REUSED',
      detail: 'This idempotency key was used for a different booking.',
    },
    availability_templates_no_overlap: {
      code: 'CONFLICT',
      detail: 'These hours overlap hours the doctor already has on that weekday.',
    },
  },
});
