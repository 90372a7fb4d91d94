import { z } from 'zod';
import { Instant, IsoDate, Uuid } from './common';
import { Sex } from './identity';
import { Role } from './roles';

/** Modules that are planned but not built yet; a card that depends on one says it arrives with it. */
export const UpcomingModule = z.enum([
  'scheduling',
  'consultations',
  'pharmacy',
  'procurement',
  'admissions',
  'lab',
  'billing',
]);
export type UpcomingModule = z.infer<typeof UpcomingModule>;

/** Every figure a dashboard may show; the web app has one label per key. */
export const DashboardCardKey = z.enum([
  'patients',
  'registrationsToday',
  'doctorsApproved',
  'doctorsPending',
  'staff',
  'departments',
  'hospitals',
  'users',
  'appointmentsToday',
  'upcomingAppointments',
  'recentAppointments',
  'queueWaiting',
  'recentPrescriptions',
  'pendingPharmacyOrders',
  'lowStockItems',
  'expiringBatches',
  'inventoryItems',
  'openPurchaseOrders',
  /** Purchase orders submitted and waiting for a hospital admin's approval. */
  'purchaseOrdersAwaitingApproval',
  /** Approved orders not fully received whose expected date is within the next 7 days, or past. */
  'deliveriesDue',
  'pendingLabOrders',
  'bedsOccupied',
  /** Active beds in service in state available, at the active hospital. */
  'bedsFree',
  'revenueToday',
  'unpaidBills',
  /**
   * The pharmacy's revenue today, from billing: its invoices issued today (counter sales, prescriptions
   * and online orders dispensed) less credit notes on them issued today, in minor units.
   */
  'pharmacySalesToday',
  /** A doctor: the different patients whose visits with them are completed (at the active hospital). */
  'patientsSeen',
  /** A doctor: their consultations at the active hospital written but not yet closed. */
  'pendingReviews',
]);

export type DashboardCardKey = z.infer<typeof DashboardCardKey>;

/**
 * One figure. `available: false` means the module that would produce it does not exist yet: the
 * card says so instead of showing a made-up number.
 */
export const DashboardCard = z.discriminatedUnion('available', [
  z.object({ key: DashboardCardKey, available: z.literal(true), value: z.number().int().min(0) }),
  z.object({ key: DashboardCardKey, available: z.literal(false), module: UpcomingModule }),
]);
export type DashboardCard = z.infer<typeof DashboardCard>;

export const RecentRegistration = z.object({
  patientId: Uuid,
  name: z.string(),
  mrn: z.string(),
  registeredAt: Instant,
});
export type RecentRegistration = z.infer<typeof RecentRegistration>;

/** A patient's own record, as their dashboard summarises it. */
export const OwnRecordSummary = z.object({
  patientId: Uuid,
  name: z.string(),
  dateOfBirth: IsoDate.nullable(),
  sex: Sex,
  bloodGroup: z.string().nullable(),
  activeAllergies: z.number().int().min(0),
  activeConditions: z.number().int().min(0),
  /** Where they are registered; `timeZone` is the one their times are shown in. */
  hospitals: z.array(
    z.object({
      hospitalId: Uuid,
      name: z.string(),
      mrn: z.string(),
      registeredAt: Instant,
      timeZone: z.string(),
    }),
  ),
});
export type OwnRecordSummary = z.infer<typeof OwnRecordSummary>;

/** A doctor's applications to hospitals (self-registered doctors wait here for approval). */
export const DoctorApplicationStatus = z.object({
  hospitalId: Uuid,
  hospitalName: z.string(),
  specialty: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  rejectionReason: z.string().nullable(),
  submittedAt: Instant,
});
export type DoctorApplicationStatus = z.infer<typeof DoctorApplicationStatus>;

/** The dashboard takes no parameters: unknown query fields are refused, not ignored. */
export const DashboardQuery = z.strictObject({});

export const Dashboard = z.object({
  generatedAt: Instant,
  roles: z.array(Role),
  hospital: z.object({ id: Uuid, name: z.string(), timeZone: z.string(), currency: z.string() }).nullable(),
  cards: z.array(DashboardCard),
  /** Staff who may read patients: the latest registrations at the active hospital. */
  recentRegistrations: z.array(RecentRegistration).nullable(),
  /** Patients: their own record. */
  ownRecord: OwnRecordSummary.nullable(),
  /** Everyone who has applied as a doctor somewhere. */
  doctorApplications: z.array(DoctorApplicationStatus),
});
export type Dashboard = z.infer<typeof Dashboard>;
