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
import { dashboardSources } from './dashboard.sources';

/** What each role's dashboard shows, in the order it shows it. */
const PLAN: Record<Role, DashboardCardKey[]> = {
  hospital_admin: [
    'patients',
    'registrationsToday',
    'doctorsApproved',
    'doctorsPending',
    'staff',
    'departments',
    'appointmentsToday',
    'inventoryItems',
    'revenueToday',
    'bedsOccupied',
    'bedsFree',
    'recentAppointments',
    'purchaseOrdersAwaitingApproval',
  ],
  receptionist: [
    'registrationsToday',
    'patients',
    'appointmentsToday',
    'queueWaiting',
    'bedsFree',
    'unpaidBills',
  ],
  doctor: ['patientsSeen', 'appointmentsToday', 'queueWaiting', 'pendingReviews', 'recentPrescriptions'],
  nurse: ['bedsOccupied', 'bedsFree', 'patients', 'queueWaiting'],
  pharmacist: [
    'pendingPharmacyOrders',
    'pharmacySalesToday',
    'lowStockItems',
    'expiringBatches',
    'recentPrescriptions',
  ],
  procurement_officer: [
    'openPurchaseOrders',
    'purchaseOrdersAwaitingApproval',
    'deliveriesDue',
    'lowStockItems',
    'inventoryItems',
  ],
  lab_technician: ['pendingLabOrders', 'patients'],
  patient: ['upcomingAppointments', 'recentPrescriptions', 'unpaidBills'],
  platform_admin: ['hospitals', 'users'],
};

/**
 * The module each figure will come from while no registered module computes it: the card then
 * says it arrives with that module instead of showing a made-up number.
 */
const COMING_WITH: Partial<Record<DashboardCardKey, UpcomingModule>> = {
  appointmentsToday: 'scheduling',
  upcomingAppointments: 'scheduling',
  recentAppointments: 'scheduling',
  queueWaiting: 'scheduling',
  recentPrescriptions: 'consultations',
  pendingPharmacyOrders: 'pharmacy',
  lowStockItems: 'pharmacy',
  expiringBatches: 'pharmacy',
  inventoryItems: 'pharmacy',
  openPurchaseOrders: 'procurement',
  purchaseOrdersAwaitingApproval: 'procurement',
  deliveriesDue: 'procurement',
  pendingLabOrders: 'lab',
  bedsOccupied: 'admissions',
  bedsFree: 'admissions',
  revenueToday: 'billing',
  unpaidBills: 'billing',
};

/** Roles that work the front desk see who was registered last. */
const SEES_RECENT_REGISTRATIONS: Role[] = ['hospital_admin', 'receptionist'];
const RECENT_LIMIT = 8;

const iso = (v: Date | string) => new Date(v).toISOString();

/** The caller's home dashboard: live figures for their roles at the active hospital, or their own record. */
export async function getDashboard(ctx: Ctx): Promise<Dashboard> {
  const { actor } = ctx;
  const keys = [...new Set(actor.roles.flatMap((r) => PLAN[r]))];
  const wanted = new Set(keys);
  const hospitalRow = actor.hospitalId ? await findHospitalInfo(ctx.db, actor.hospitalId) : null;
  const hospital = hospitalRow ? { id: hospitalRow.id, timeZone: hospitalRow.timeZone } : null;

  // Each module computes its own figures; a key nobody computes is a card for a module to come.
  const sources = dashboardSources().filter((src) => src.keys.some((k) => wanted.has(k)));
  const computed = new Set(sources.flatMap((src) => src.keys));
  const values: Partial<Record<DashboardCardKey, number>> = {};
  for (const src of sources) Object.assign(values, await src.load(ctx, wanted, hospital));

  const cards: DashboardCard[] = [];
  for (const key of keys) {
    const value = values[key];
    if (value !== undefined) cards.push({ key, available: true, value });
    else if (!computed.has(key) && COMING_WITH[key])
      cards.push({ key, available: false, module: COMING_WITH[key] });
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
