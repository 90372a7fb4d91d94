export { createPatientForUser } from './self-registration.service';
export { ensureRegistered } from './registration.service';
export { patientRoutes } from './patients.routes';
