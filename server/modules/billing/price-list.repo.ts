// The price list's queries: services, departments' consultation fees, and what billing reads of
// the hospital (its clock, currency and letterhead), its doctors and the pharmacy's prices.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { billingDepartmentFees, billingServices } from './billing.tables';
import { containsLower } from '../../db/like';

export type ServiceRow = typeof billingServices.$inferSelect;

/** What billing needs of a hospital: its currency, clock (today and the year there) and letterhead. */
export interface HospitalFacts {
  id: string;
  name: string;
  addressLine: string;
  city: string;
  country: string;
  phone: string | null;
  email: string | null;
  timeZone: string;
  currency: string;
  today: string;
  year: string;
}

export async function hospitalFacts(db: Executor, hospitalId: string): Promise<HospitalFacts> {
  const [h] = await queryRows<HospitalFacts>(
    db,
    sql`select id, name, address_line as "addressLine", city, country, phone, email, time_zone as "timeZone",
               currency, to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today,
               to_char(now() at time zone time_zone, 'YYYY') as year
          from hospitals where id = ${hospitalId}`,
  );
  if (!h) throw new Error(`billing: no hospital ${hospitalId}`);
  return h;
}

export async function searchServices(
  db: Executor,
  hospitalId: string,
  q: { text?: string; active: boolean | null; limit: number; offset: number },
): Promise<{ rows: ServiceRow[]; total: number }> {
  const conds = [sql`hospital_id = ${hospitalId}`];
  if (q.active !== null) conds.push(sql`active = ${q.active}`);
  if (q.text)
    conds.push(sql`(lower(code) like ${containsLower(q.text)} or lower(name) like ${containsLower(q.text)})`);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select *, count(*) over ()::int as total from billing_services where ${where}
         order by active desc, code limit ${q.limit} offset ${q.offset}`,
  );
  const [c] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from billing_services where ${where}`,
  );
  return {
    rows: rows.map((r) => ({
      id: r.id as string,
      hospitalId: r.hospital_id as string,
      code: r.code as string,
      name: r.name as string,
      priceMinor: Number(r.price_minor),
      taxRateBp: Number(r.tax_rate_bp),
      active: Boolean(r.active),
      createdAt: new Date(r.created_at as string),
      updatedAt: new Date(r.updated_at as string),
    })),
    total: Number(c?.n ?? 0),
  };
}

export async function findService(db: Executor, hospitalId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(billingServices)
    .where(and(eq(billingServices.hospitalId, hospitalId), eq(billingServices.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function servicesByIds(db: Executor, hospitalId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ServiceRow>();
  const rows = await db
    .select()
    .from(billingServices)
    .where(
      and(
        eq(billingServices.hospitalId, hospitalId),
        sql`${billingServices.id} = any(${sql.param(ids)}::uuid[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertService(db: Executor, row: typeof billingServices.$inferInsert) {
  const [r] = await db.insert(billingServices).values(row).returning();
  return r!;
}

export async function updateService(
  db: Executor,
  id: string,
  patch: Partial<typeof billingServices.$inferInsert>,
) {
  const [r] = await db
    .update(billingServices)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(billingServices.id, id))
    .returning();
  return r!;
}

export interface DepartmentFeeRow {
  departmentId: string;
  departmentName: string;
  feeMinor: number | null;
  taxRateBp: number | null;
  updatedAt: Date | null;
}

/** Every active department of the hospital, with its consultation fee where one is set. */
export async function departmentFees(db: Executor, hospitalId: string): Promise<DepartmentFeeRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select d.id, d.name, f.fee_minor, f.tax_rate_bp, f.updated_at
          from departments d
          left join billing_department_fees f on f.department_id = d.id and f.hospital_id = d.hospital_id
         where d.hospital_id = ${hospitalId} and (d.active or f.department_id is not null)
         order by lower(d.name), d.id`,
  );
  return rows.map((r) => ({
    departmentId: r.id as string,
    departmentName: r.name as string,
    feeMinor: r.fee_minor === null ? null : Number(r.fee_minor),
    taxRateBp: r.tax_rate_bp === null ? null : Number(r.tax_rate_bp),
    updatedAt: r.updated_at ? new Date(r.updated_at as string) : null,
  }));
}

export async function departmentFee(db: Executor, hospitalId: string, departmentId: string) {
  const [row] = await db
    .select()
    .from(billingDepartmentFees)
    .where(
      and(
        eq(billingDepartmentFees.hospitalId, hospitalId),
        eq(billingDepartmentFees.departmentId, departmentId),
      ),
    );
  return row ?? null;
}

export async function setDepartmentFee(
  db: Executor,
  row: { hospitalId: string; departmentId: string; feeMinor: number; taxRateBp: number; updatedBy: string },
) {
  await db
    .insert(billingDepartmentFees)
    .values(row)
    .onConflictDoUpdate({
      target: [billingDepartmentFees.hospitalId, billingDepartmentFees.departmentId],
      set: {
        feeMinor: row.feeMinor,
        taxRateBp: row.taxRateBp,
        updatedBy: row.updatedBy,
        updatedAt: new Date(),
      },
    });
}

export async function clearDepartmentFee(db: Executor, hospitalId: string, departmentId: string) {
  await db
    .delete(billingDepartmentFees)
    .where(
      and(
        eq(billingDepartmentFees.hospitalId, hospitalId),
        eq(billingDepartmentFees.departmentId, departmentId),
      ),
    );
}

/** A doctor profile of the hospital (any state) with the name to print. */
export async function doctorOf(db: Executor, hospitalId: string, doctorProfileId: string) {
  const [row] = await queryRows<{ id: string; name: string; departmentId: string | null }>(
    db,
    sql`select d.id, u.full_name as name, d.department_id as "departmentId"
          from doctor_profiles d join users u on u.id = d.user_id
         where d.id = ${doctorProfileId} and d.hospital_id = ${hospitalId}`,
  );
  return row ?? null;
}

export interface MedicinePrice {
  id: string;
  label: string;
  active: boolean;
  salePriceMinor: number;
  taxRateBp: number;
}

/** The pharmacy catalog's sale price and tax of medicines of the hospital (what the pharmacy charges). */
export async function medicinePrices(db: Executor, hospitalId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, MedicinePrice>();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, generic_name || ' ' || strength || ' ' || form || coalesce(' (' || brand_name || ')', '') as label,
               active, sale_price_minor, tax_rate_bp
          from medicines where hospital_id = ${hospitalId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(
    rows.map((r) => [
      r.id as string,
      {
        id: r.id as string,
        label: r.label as string,
        active: Boolean(r.active),
        salePriceMinor: Number(r.sale_price_minor),
        taxRateBp: Number(r.tax_rate_bp),
      },
    ]),
  );
}
