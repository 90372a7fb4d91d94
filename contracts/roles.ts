import { z } from 'zod';

/** Roles held per hospital through a membership. */
export const HOSPITAL_ROLES = [
  'hospital_admin',
  'doctor',
  'nurse',
  'receptionist',
  'pharmacist',
  'procurement_officer',
  'lab_technician',
] as const;
export const HospitalRole = z.enum(HOSPITAL_ROLES);
export type HospitalRole = z.infer<typeof HospitalRole>;

/** Every role: the hospital roles, plus `patient` (anyone with a patient record) and `platform_admin`. */
export const ROLES = ['patient', ...HOSPITAL_ROLES, 'platform_admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
