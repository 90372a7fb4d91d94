// The organisation module's public face: other modules import only from here.
import { defineModule } from '../module';
import { ORGANISATION_TEMPLATES } from './organisation.templates';
import { organisationRoutes } from './organisation.routes';
import { organizationFhir } from './organization.fhir';
import { practitionerFhir } from './practitioner.fhir';
import { patientErasure } from './organisation.patient-erasure';

export { submitDoctorApplication, hospitalLabels } from './doctor-applications.service';
export { findHospitalInfo, type HospitalInfo } from './hospitals.service';
export { departmentBelongsToHospital } from './departments.service';
export { activeStaffWithRole } from './staff.repo';
export { bookableDoctorSql } from './doctors.repo';
export { findBookableDoctor, type BookableDoctor } from './directory.service';

/** Hospitals, departments, staff and invitations, doctor profiles and approvals, the public directory. */
export const organisationModule = defineModule({
  name: 'organisation',
  patientErasure,
  templates: ORGANISATION_TEMPLATES,
  fhir: [practitionerFhir, organizationFhir],
  routes(app, deps) {
    organisationRoutes(app, {
      publicUrl: deps.publicUrl,
      acceptPerMinute: deps.config.RATE_LIMIT_AUTH_PER_MINUTE,
    });
  },
});
