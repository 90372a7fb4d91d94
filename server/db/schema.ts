// Every table, for drizzle-kit's migration generator. Application code imports tables from their
// own module's *.tables.ts inside *.repo.ts files only.
export * from '../modules/identity/identity.tables';
export * from '../modules/organisation/organisation.tables';
export * from '../modules/patients/patients.tables';
export * from '../modules/documents/documents.tables';
export * from '../modules/notifications/notifications.tables';
export * from '../modules/pharmacy/pharmacy.tables';
export * from '../modules/pharmacy/pharmacy.orders.tables';
export * from '../modules/scheduling/scheduling.tables';
export * from '../modules/clinical/clinical.tables';
export * from '../modules/procurement/procurement.tables';
export * from '../modules/billing/billing.tables';
export * from '../platform/audit/audit.tables';
export * from '../platform/throttles/throttles.tables';
export * from '../platform/numbering/numbering.tables';
export * from '../modules/wards/wards.tables';
export * from '../modules/wards/nursing.tables';
export * from '../modules/wards/discharge.tables';
export * from '../modules/wards/bed-days.tables';
export * from '../modules/wards/service-charges.tables';
export * from '../modules/lab/lab.tables';
export * from '../modules/privacy/privacy.tables';
