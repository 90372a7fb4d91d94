// The organisation module's public face: other modules import only from here.
export { submitDoctorApplication, hospitalNames } from './doctor-applications.service';
export { organisationRoutes } from './organisation.routes';
export { findHospitalInfo, type HospitalInfo } from './hospitals.service';
export { departmentBelongsToHospital } from './departments.service';
export { findBookableDoctor, type BookableDoctor } from './directory.service';
