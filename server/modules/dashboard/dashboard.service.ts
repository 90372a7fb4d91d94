import type {
  Dashboard,
  DashboardCard,
  DashboardCardKey,
  UpcomingModule,
} from '../../../contracts/dashboard';
import type { Role } from '../../../contracts/roles';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { findHospitalInfo } from '../organisation';
import * as repo from './dashboard.repo';

/** A card waiting for a module that is not built yet; later modules replace these with live figures. */
type Planned = { key: DashboardCardKey; module: UpcomingModule };
type CardPlan = DashboardCardKey | Planned;

const soon = (key: DashboardCardKey, module: UpcomingModule): Planned => ({ key, module });

/** What each role's dashboard shows, in the order it shows it. */
const PLAN: Record<Role, CardPlan[]> = {
  hospital_admin: [
    'patients',
    'registrationsToday',
    'doctorsApproved',
    'doctorsPending',
    'staff',
    'departments',
    soon('appointmentsToday', 'scheduling'),
    soon('inventoryItems', 'pharmacy'),
    soon('revenueToday', 'billing'),
    soon('recentAppointments', 'scheduling'),
  ],
  receptionist: [
    'registrationsToday',
    'patients',
    soon('appointmentsToday', 'scheduling'),
    soon('queueWaiting', 'scheduling'),
    soon('unpaidBills', 'billing'),
  ],
  doctor: [
    soon('appointmentsToday', 'scheduling'),
    soon('queueWaiting', 'scheduling'),
    soon('recentPrescriptions', 'consultations'),
  ],
  nurse: ['patients', soon('bedsOccupied', 'admissions'), soon('queueWaiting', 'scheduling')],
  pharmacist: [
    soon('pendingPharmacyOrders', 'pharmacy'),
    soon('revenueToday', 'billing'),
    soon('lowStockItems', 'pharmacy'),
    soon('expiringBatches', 'pharmacy'),
    soon('recentPrescriptions', 'consultations'),
  ],
  procurement_officer: [
    soon('openPurchaseOrders', 'procurement'),
    soon('lowStockItems', 'pharmacy'),
    soon('inventoryItems', 'pharmacy'),
  ],
  lab_technician: [soon('pendingLabOrders', 'lab'), 'patients'],
  patient: [
    soon('upcomingAppointments', 'scheduling'),
    soon('recentPrescriptions', 'consultations'),
    soon('unpaidBills', 'billing'),
  ],
  platform_admin: ['hospitals', 'users'],
};

/** Roles that work the front desk see who was registered last. */
const SEES_RECENT_REGISTRATIONS: Role[] = ['hospital_admin', 'receptionist'];
const RECENT_LIMIT = 8;

const iso = (v: Date | string) => new Date(v).toISOString();

/** The caller's home dashboard: live figures for their roles at the active hospital, or their own record. */
export async function getDashboard(ctx: Ctx): Promise<Dashboard> {
  const { actor } = ctx;
  const plans = uniqueByKey(actor.roles.flatMap((r) => PLAN[r]));
  const wanted = new Set(plans.map((p) => (typeof p === 'string' ? p : p.key)));

  const hospitalRow = actor.hospitalId ? await findHospitalInfo(ctx.db, actor.hospitalId) : null;
  const values = new Map<DashboardCardKey, number>();
  const needsHospital = [
    'patients',
    'registrationsToday',
    'doctorsApproved',
    'doctorsPending',
    'staff',
    'departments',
  ] as const;
  if (hospitalRow && needsHospital.some((k) => wanted.has(k))) {
    const c = await repo.countHospitalFigures(ctx.db, hospitalRow.id, hospitalRow.timeZone);
    values.set('patients', c.patients);
    values.set('registrationsToday', c.registrations_today);
    values.set('doctorsApproved', c.doctors_approved);
    values.set('doctorsPending', c.doctors_pending);
    values.set('staff', c.staff);
    values.set('departments', c.departments);
  }
  if (wanted.has('hospitals') || wanted.has('users')) {
    const p = await repo.countPlatformFigures(ctx.db);
    values.set('hospitals', p.hospitals);
    values.set('users', p.users);
  }

  const cards: DashboardCard[] = [];
  for (const plan of plans) {
    if (typeof plan !== 'string') cards.push({ key: plan.key, available: false, module: plan.module });
    else if (values.has(plan)) cards.push({ key: plan, available: true, value: values.get(plan)! });
  }

  return {
    generatedAt: new Date().toISOString(),
    roles: actor.roles,
    hospital: hospitalRow
      ? {
          id: hospitalRow.id,
          name: hospitalRow.name,
          timeZone: hospitalRow.timeZone,
          currency: hospitalRow.currency,
        }
      : null,
    cards,
    recentRegistrations: await recentRegistrations(ctx, hospitalRow?.id),
    ownRecord: await ownRecord(ctx),
    doctorApplications: (await repo.findDoctorApplications(ctx.db, actor.userId)).map((d) => ({
      hospitalId: d.hospital_id,
      hospitalName: d.hospital_name,
      specialty: d.specialty,
      status: d.status as 'pending' | 'approved' | 'rejected',
      rejectionReason: d.rejection_reason,
      submittedAt: iso(d.created_at),
    })),
  };
}

function uniqueByKey(plans: CardPlan[]): CardPlan[] {
  const seen = new Set<string>();
  return plans.filter((p) => {
    const key = typeof p === 'string' ? p : p.key;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function recentRegistrations(
  ctx: Ctx,
  hospitalId: string | undefined,
): Promise<Dashboard['recentRegistrations']> {
  if (!hospitalId || !ctx.actor.roles.some((r) => SEES_RECENT_REGISTRATIONS.includes(r))) return null;
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.findRecentRegistrations(tx, hospitalId, RECENT_LIMIT);
    // Names and MRNs are patient data: the list view is recorded like any other read of it.
    if (rows.length > 0) {
      await audit(tx, ctx, {
        action: 'dashboard.recent_registrations.read',
        entityType: 'patient',
        after: { patientIds: rows.map((r) => r.patient_id) },
      });
    }
    return rows.map((r) => ({
      patientId: r.patient_id,
      name: `${r.given_name} ${r.family_name}`.trim(),
      mrn: r.mrn,
      registeredAt: iso(r.registered_at),
    }));
  });
}

async function ownRecord(ctx: Ctx): Promise<Dashboard['ownRecord']> {
  const patientId = ctx.actor.patientId;
  if (!patientId || !ctx.actor.roles.includes('patient')) return null;
  const row = await repo.findOwnRecord(ctx.db, patientId);
  if (!row) return null;
  const regs = await repo.findOwnRegistrations(ctx.db, patientId);
  return {
    patientId: row.id,
    name: `${row.given_name} ${row.family_name}`.trim(),
    dateOfBirth: row.date_of_birth ? String(row.date_of_birth).slice(0, 10) : null,
    sex: row.sex as 'female' | 'male' | 'other' | 'unknown',
    bloodGroup: row.blood_group,
    activeAllergies: row.active_allergies,
    activeConditions: row.active_conditions,
    hospitals: regs.map((r) => ({
      hospitalId: r.hospital_id,
      name: r.name,
      mrn: r.mrn,
      registeredAt: iso(r.registered_at),
      timeZone: r.time_zone,
    })),
  };
}
