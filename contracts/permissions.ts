import type { Role } from './roles';

/**
 * The single source of who may do what. Routes declare one of these; the access test walks every
 * route with every role against this table. Scope (which hospital, which patient) is enforced by
 * the services on top: a permission says what kind of thing a role may do, never which records.
 */
export const PERMISSIONS = [
  'hospitals:create', // platform: add a hospital to the installation
  'hospitals:read', // see the hospitals one belongs to
  'hospitals:update', // edit one's own hospital (name, address, time zone, currency)
  'departments:read',
  'departments:manage',
  'staff:read',
  'staff:manage', // invite, change roles, deactivate
  'doctors:read', // the hospital's doctors, including pending ones
  'doctors:approve',
  'doctors:update-own', // a doctor edits their own profile
  'patients:read', // staff: patients registered at the active hospital
  'patients:create',
  'patients:update',
  'patients:clinical-update', // allergies and conditions
  'own-record:read', // a patient: their own record
  'own-record:update',
  'documents:upload', // staff: attach files to a patient registered at the active hospital
  'audit:read',
  'notifications:admin', // the delivery log (hospital admins: their hospital's; platform admins: all)
  'jobs:manage', // platform admin: failed background jobs and their retry, the mail/SMS outbox
  'system:manage', // platform admin: installation-wide settings
  'medicines:read', // the hospital's medicine catalog with stock figures
  'medicines:manage', // add, change and import medicines
  'stores:manage', // add ward stores
  'stock:read', // batches, the stock ledger, alerts
  'stock:value', // what the stock is worth at cost: the valuation report and the stock value chart
  'stock:manage', // receive by hand, adjust, write off, stock takes
  'prescriptions:read',
  'prescriptions:enter', // a paper prescription typed in by the pharmacy
  'stock:dispense', // dispense against prescriptions, counter sales
  'pharmacy-orders:manage', // verify, dispense and complete online orders
  'shop:order', // a patient: browse the shop, order medicines, see their orders
  'ward-requests:create',
  'ward-requests:read',
  'ward-requests:issue',
  'availability:manage-own', // a doctor: their own weekly hours and leave
  'availability:manage', // any doctor's hours and leave at the hospital, and its holidays
  'appointments:book-own', // a patient: book, move and cancel their own appointments, and list them
  'appointments:book', // front desk: book, move and cancel for patients registered here
  'appointments:read', // the hospital's appointments by day and doctor
  'appointments:read-own', // a doctor: their own schedule
  'appointments:check-in', // front desk: check patients in (queue tokens) and walk-ins
  'queue:call', // a doctor: their queue today, calling the next patient in
  'consultations:read', // clinical staff: the consultations and visit history of patients registered here
  'consultations:write', // a doctor: open, write, prescribe in and close their consultations; addenda
  'icd10:import', // platform admin: import the ICD-10 code set shared by every hospital
  'suppliers:read', // the hospital's suppliers and what they supply
  'suppliers:manage', // add, change, deactivate and import suppliers; their items and prices
  'purchase-orders:read',
  'purchase-orders:manage', // draft, submit, amend and cancel purchase orders
  'purchase-orders:approve', // approve orders at or above the hospital's threshold; cancel them
  'procurement:settings', // the approval threshold, allowed over-delivery and safety stock
  'goods:receive', // receive deliveries against approved orders; return stock to suppliers
  'invoices:read', // the hospital's invoices, payments, credit notes and what patients owe
  'pharmacy-invoices:read', // the invoices of the pharmacy's counter sales and online orders only
  'invoices:read-own', // a patient: their own invoices and balance, at every hospital
  'invoices:manage', // generate bills: draft invoices, their lines, discarding a draft
  'invoices:finalise', // number a draft and make it final
  'payments:record', // take payments and advances (cash with change, card, UPI, insurance, bank)
  'payments:refund', // credit notes, refunds and advances paid back
  'discounts:apply', // a discount on an invoice line, with its reason
  'price-list:manage', // services and their prices and tax, departments' consultation fees
  'cash-closing:manage', // a cashier: close their own day, counted cash against recorded
  'billing-reports:read', // revenue, outstanding balances and every cashier's closings
  'wards:manage', // wards, rooms and beds: add, change, deactivate; delete a bed never used
  'beds:read', // the bed board: every bed, its state and its patient
  'admissions:manage', // admit, transfer and discharge patients; make a cleaned bed ready
  'nursing:record', // a ward stay's nursing record: chart vitals, write notes, give medicines from ward stock; read them
  'lab-tests:read', // the lab's test catalog: samples, turnaround, analytes and their limits, prices
  'lab-tests:manage', // add and change the lab's tests, take one off the catalog
  'lab-orders:read', // lab orders at the hospital: the worklist, an order and its samples
  'lab-orders:create', // order tests for a patient (a doctor from their consultation, or a walk-in's), cancel before any sample
  'lab-samples:collect', // collect an order's samples and print their labels
  'lab-results:enter', // enter a test's results (again, until they are verified)
  'lab-results:verify', // verify results someone else entered; the report goes out when all are
  'privacy:manage', // erasure requests of the hospital's patients: review, complete (anonymise) or refuse
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ['hospitals:read', 'departments:read', 'doctors:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  patient: [
    'own-record:read',
    'own-record:update',
    'shop:order',
    'appointments:book-own',
    'invoices:read-own',
  ],
  doctor: [
    ...STAFF_BASE,
    'patients:read',
    'patients:update',
    'patients:clinical-update',
    'doctors:update-own',
    'documents:upload',
    'medicines:read',
    'prescriptions:read',
    'availability:manage-own',
    'appointments:read-own',
    'queue:call',
    'consultations:read',
    'consultations:write',
    'beds:read',
    'admissions:manage',
    'nursing:record',
    'lab-tests:read',
    'lab-orders:read',
    'lab-orders:create',
  ],
  nurse: [
    ...STAFF_BASE,
    'patients:read',
    'patients:clinical-update',
    'documents:upload',
    'medicines:read',
    'stock:read',
    'prescriptions:read',
    'ward-requests:create',
    'ward-requests:read',
    'appointments:read',
    'consultations:read',
    'beds:read',
    'admissions:manage',
    'nursing:record',
    'lab-tests:read',
    'lab-orders:read',
    'lab-samples:collect',
  ],
  receptionist: [
    ...STAFF_BASE,
    'patients:read',
    'patients:create',
    'patients:update',
    'documents:upload',
    'medicines:read',
    'appointments:book',
    'appointments:read',
    'appointments:check-in',
    'invoices:read',
    'invoices:manage',
    'invoices:finalise',
    'payments:record',
    'cash-closing:manage',
    'beds:read',
    'admissions:manage',
    'lab-tests:read',
    'lab-orders:read',
    'lab-orders:create',
  ],
  pharmacist: [
    ...STAFF_BASE,
    'patients:read',
    'documents:upload',
    'medicines:read',
    'medicines:manage',
    'stock:read',
    'stock:value',
    'stock:manage',
    'prescriptions:read',
    'prescriptions:enter',
    'stock:dispense',
    'pharmacy-orders:manage',
    'ward-requests:read',
    'ward-requests:issue',
    'suppliers:read',
    'purchase-orders:read',
    'goods:receive',
    'pharmacy-invoices:read',
    'payments:record',
    'cash-closing:manage',
  ],
  procurement_officer: [
    ...STAFF_BASE,
    'medicines:read',
    'stock:read',
    'stock:value',
    'suppliers:read',
    'suppliers:manage',
    'purchase-orders:read',
    'purchase-orders:manage',
    'goods:receive',
  ],
  lab_technician: [
    ...STAFF_BASE,
    'patients:read',
    'documents:upload',
    'lab-tests:read',
    'lab-tests:manage',
    'lab-orders:read',
    'lab-orders:create',
    'lab-samples:collect',
    'lab-results:enter',
    'lab-results:verify',
  ],
  hospital_admin: [
    ...STAFF_BASE,
    'hospitals:update',
    'departments:manage',
    'staff:read',
    'staff:manage',
    'doctors:approve',
    'patients:read',
    'patients:create',
    'patients:update',
    'documents:upload',
    'audit:read',
    'notifications:admin',
    'medicines:read',
    'medicines:manage',
    'stores:manage',
    'stock:read',
    'stock:value',
    'availability:manage',
    'appointments:book',
    'appointments:read',
    'appointments:check-in',
    'suppliers:read',
    'suppliers:manage',
    'purchase-orders:read',
    'purchase-orders:approve',
    'procurement:settings',
    'invoices:read',
    'invoices:manage',
    'invoices:finalise',
    'payments:record',
    'payments:refund',
    'discounts:apply',
    'price-list:manage',
    'cash-closing:manage',
    'billing-reports:read',
    'wards:manage',
    'beds:read',
    'admissions:manage',
    'lab-tests:read',
    'lab-tests:manage',
    'lab-orders:read',
    'privacy:manage',
  ],
  platform_admin: [
    'hospitals:create',
    'hospitals:read',
    'hospitals:update',
    'audit:read',
    'notifications:admin',
    'jobs:manage',
    'system:manage',
    'icd10:import',
  ],
};

/** The permissions a set of roles grants together. */
export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

/**
 * What a route requires. `public` needs nobody; `authenticated` needs any signed-in person;
 * otherwise the caller must hold at least one of the listed permissions.
 */
export type Access = 'public' | 'authenticated' | { anyOf: readonly Permission[] };
