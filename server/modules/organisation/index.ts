export { submitDoctorApplication, hospitalNames } from './doctor-applications.service';
