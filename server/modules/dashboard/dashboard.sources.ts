// Figures come from the modules that own the data: each module's manifest may carry a dashboard
// source, and server/modules/index.ts hands them all to the dashboard through this port. The
// dashboard only lays cards out by role (PLAN in dashboard.service.ts).
import type { DashboardSource } from '../module';
import * as repo from './dashboard.repo';

let sources: readonly DashboardSource[] = [];

export function provideDashboardSources(s: readonly DashboardSource[]): void {
  sources = s;
}

export function dashboardSources(): readonly DashboardSource[] {
  return sources;
}

/**
 * The figures of the modules built first (patients, organisation, identity), read in one query per
 * scope: the dashboard's read model over their tables (see dashboard.repo.ts).
 */
export const coreFigures: DashboardSource = {
  keys: [
    'patients',
    'registrationsToday',
    'doctorsApproved',
    'doctorsPending',
    'staff',
    'departments',
    'hospitals',
    'users',
  ],
  async load(ctx, wanted, hospital) {
    const out: Awaited<ReturnType<DashboardSource['load']>> = {};
    const hospitalKeys = [
      'patients',
      'registrationsToday',
      'doctorsApproved',
      'doctorsPending',
      'staff',
      'departments',
    ] as const;
    if (hospital && hospitalKeys.some((k) => wanted.has(k))) {
      const c = await repo.countHospitalFigures(ctx.db, hospital.id, hospital.timeZone);
      Object.assign(out, {
        patients: c.patients,
        registrationsToday: c.registrations_today,
        doctorsApproved: c.doctors_approved,
        doctorsPending: c.doctors_pending,
        staff: c.staff,
        departments: c.departments,
      });
    }
    if (wanted.has('hospitals') || wanted.has('users')) {
      const p = await repo.countPlatformFigures(ctx.db);
      Object.assign(out, { hospitals: p.hospitals, users: p.users });
    }
    return out;
  },
};
