import type { DoctorApplication } from '../../../contracts/identity';
import type { Executor } from '../../db/client';
import { AppError } from '../../platform/errors';
import * as repo from './organisation.repo';

/** Files a self-registered doctor's application at a hospital; it waits as `pending` for the hospital admin. */
export async function submitDoctorApplication(
  tx: Executor,
  userId: string,
  a: DoctorApplication,
): Promise<string> {
  const hospital = await repo.findHospital(tx, a.hospitalId);
  if (!hospital || !hospital.active) {
    throw new AppError('VALIDATION_FAILED', 'There is no such hospital.', {
      errors: [{ path: 'body.doctor.hospitalId', message: 'Unknown hospital' }],
    });
  }
  if (a.departmentId && !(await repo.findDepartmentInHospital(tx, a.hospitalId, a.departmentId))) {
    throw new AppError('VALIDATION_FAILED', 'That department is not part of the hospital.', {
      errors: [{ path: 'body.doctor.departmentId', message: 'Unknown department' }],
    });
  }
  const row = await repo.insertDoctorProfile(tx, {
    userId,
    hospitalId: a.hospitalId,
    departmentId: a.departmentId ?? null,
    specialty: a.specialty,
    registrationNumber: a.registrationNumber,
    qualifications: a.qualifications,
    consultationFeeMinor: a.consultationFeeMinor,
    languages: a.languages,
    status: 'pending',
  });
  return row.id;
}

/** Hospitals' names and time zones by id, for labelling what belongs to them and reading its times. */
export async function hospitalLabels(
  exec: Executor,
  ids: (string | null)[],
): Promise<Map<string, { name: string; timeZone: string }>> {
  const unique = [...new Set(ids.filter((i): i is string => i !== null))];
  const rows = await repo.findHospitalsByIds(exec, unique);
  return new Map(rows.map((h) => [h.id, { name: h.name, timeZone: h.timeZone }]));
}
