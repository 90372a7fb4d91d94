export { createPatientForUser } from './self-registration.service';
