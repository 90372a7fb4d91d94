// Lab orders' queries: the order and its tests' samples, the worklist, and what an order is made
// from (the catalog's tests, the consultation it comes from, read by name from clinical's table).
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { labOrderItems, labOrders } from './lab.tables';
import { containsLower } from '../../db/like';

export type OrderRow = typeof labOrders.$inferSelect;
export type ItemRow = typeof labOrderItems.$inferSelect;
export type NewOrder = typeof labOrders.$inferInsert;
export type NewItem = typeof labOrderItems.$inferInsert;

/** A catalog test as an order takes it: what is copied onto the order, and what bills it. */
export interface OrderableTest {
  id: string;
  code: string;
  name: string;
  sampleType: string;
  turnaroundHours: number;
  instructions: string;
  serviceId: string;
  active: boolean;
}

export function orderableTests(tx: Executor, hospitalId: string, ids: string[]): Promise<OrderableTest[]> {
  return queryRows<OrderableTest>(
    tx,
    sql`select id, code, name, sample_type as "sampleType", turnaround_hours as "turnaroundHours",
               instructions, service_id as "serviceId", active
          from lab_tests where hospital_id = ${hospitalId} and id = any(${sql.param(ids)}::uuid[])`,
  );
}

/** The consultation an order names, at the hospital, for the patient: its doctor and state. */
export async function consultationFor(
  tx: Executor,
  hospitalId: string,
  patientId: string,
  id: string,
): Promise<{ doctorUserId: string; status: string } | null> {
  const [row] = await queryRows<{ doctorUserId: string; status: string }>(
    tx,
    sql`select d.user_id as "doctorUserId", c.status
          from consultations c join doctor_profiles d on d.id = c.doctor_profile_id
         where c.id = ${id} and c.hospital_id = ${hospitalId} and c.patient_id = ${patientId}`,
  );
  return row ?? null;
}

export async function findByKey(tx: Executor, hospitalId: string, key: string): Promise<OrderRow | null> {
  const [row] = await tx
    .select()
    .from(labOrders)
    .where(and(eq(labOrders.hospitalId, hospitalId), eq(labOrders.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts the order unless its idempotency key was claimed meanwhile (then null). */
export async function claimOrder(tx: Tx, values: NewOrder): Promise<OrderRow | null> {
  const [row] = await tx
    .insert(labOrders)
    .values(values)
    .onConflictDoNothing({ target: [labOrders.hospitalId, labOrders.idempotencyKey] })
    .returning();
  return row ?? null;
}

export async function insertItems(tx: Tx, items: NewItem[]): Promise<void> {
  await tx.insert(labOrderItems).values(items);
}

/**
 * Where the order is billed: its own invoice, or the stay it is charged to (set when it is placed,
 * never changed), without a lock. Null when there is no such order at the hospital.
 */
export async function billingOf(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<{ invoiceId: string | null; admissionId: string | null } | null> {
  const [row] = await exec
    .select({ invoiceId: labOrders.invoiceId, admissionId: labOrders.admissionId })
    .from(labOrders)
    .where(and(eq(labOrders.hospitalId, hospitalId), eq(labOrders.id, id)));
  return row ?? null;
}

/** Bills the order on its own invoice, or charges it to a stay (never both: lab_orders_billed_once_ck). */
export async function setBilling(
  tx: Tx,
  id: string,
  on: { invoiceId: string } | { admissionId: string },
): Promise<void> {
  await tx.update(labOrders).set(on).where(eq(labOrders.id, id));
}

/** The order at the hospital, locked against a concurrent collection or cancellation. */
export async function lockOrder(tx: Tx, hospitalId: string, id: string): Promise<OrderRow | null> {
  const [row] = await tx
    .select()
    .from(labOrders)
    .where(and(eq(labOrders.hospitalId, hospitalId), eq(labOrders.id, id)))
    .for('update');
  return row ?? null;
}

export function itemsOf(exec: Executor, orderIds: string[]): Promise<ItemRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return exec
    .select()
    .from(labOrderItems)
    .where(sql`${labOrderItems.orderId} = any(${sql.param(orderIds)}::uuid[])`)
    .orderBy(asc(labOrderItems.orderId), asc(labOrderItems.position));
}

export async function updateOrder(tx: Tx, id: string, values: Partial<NewOrder>): Promise<void> {
  await tx
    .update(labOrders)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(labOrders.id, id));
}

export async function updateItem(tx: Tx, id: string, values: Partial<NewItem>): Promise<void> {
  await tx.update(labOrderItems).set(values).where(eq(labOrderItems.id, id));
}

export async function cancelItems(tx: Tx, orderId: string): Promise<void> {
  await tx.update(labOrderItems).set({ status: 'cancelled' }).where(eq(labOrderItems.orderId, orderId));
}

/** An order as listed: its row with the patient's name, MRN, sex and birth date, and who did what. */
export interface ListedOrder extends OrderRow {
  patientName: string;
  mrn: string | null;
  sex: string;
  dateOfBirth: string | null;
  orderedByName: string;
  cancelledByName: string | null;
}

const LISTED = sql`o.*, trim(p.given_name || ' ' || p.family_name) as "patientName", r.mrn, p.sex,
  to_char(p.date_of_birth, 'YYYY-MM-DD') as "dateOfBirth", ob.full_name as "orderedByName",
  cb.full_name as "cancelledByName"`;
const FROM = sql`lab_orders o
  join patients p on p.id = o.patient_id
  left join patient_registrations r on r.patient_id = o.patient_id and r.hospital_id = o.hospital_id
  join users ob on ob.id = o.ordered_by
  left join users cb on cb.id = o.cancelled_by`;

/** Rows come back with snake_case order columns (o.*): mapped to the drizzle row's names. */
function fromListed(r: Record<string, unknown>): ListedOrder {
  const at = (v: unknown) => (v == null ? null : new Date(v as string));
  return {
    id: r.id as string,
    hospitalId: r.hospital_id as string,
    number: r.number as string,
    patientId: r.patient_id as string,
    consultationId: (r.consultation_id as string | null) ?? null,
    admissionId: (r.admission_id as string | null) ?? null,
    source: r.source as string,
    priority: r.priority as string,
    clinicalNote: r.clinical_note as string,
    status: r.status as string,
    orderedBy: r.ordered_by as string,
    idempotencyKey: r.idempotency_key as string,
    requestHash: r.request_hash as string,
    invoiceId: (r.invoice_id as string | null) ?? null,
    cancelledAt: at(r.cancelled_at),
    cancelledBy: (r.cancelled_by as string | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    createdAt: at(r.created_at)!,
    updatedAt: at(r.updated_at)!,
    patientName: r.patientName as string,
    mrn: (r.mrn as string | null) ?? null,
    sex: r.sex as string,
    dateOfBirth: (r.dateOfBirth as string | null) ?? null,
    orderedByName: r.orderedByName as string,
    cancelledByName: (r.cancelledByName as string | null) ?? null,
  };
}

/** The order at the hospital (null: at any hospital, for its patient's own view). */
export async function findListed(
  exec: Executor,
  hospitalId: string | null,
  id: string,
): Promise<ListedOrder | null> {
  const at = hospitalId ? sql`o.hospital_id = ${hospitalId}` : sql`true`;
  const [row] = await queryRows<Record<string, unknown>>(
    exec,
    sql`select ${LISTED} from ${FROM} where ${at} and o.id = ${id}`,
  );
  return row ? fromListed(row) : null;
}

/** An order with a correction of a test waiting for a second person to release it. */
export const CORRECTING = sql`exists (select 1 from lab_order_items ci
  join lab_result_amendments ca on ca.item_id = ci.id and ca.status = 'pending'
  where ci.order_id = o.id)`;

/** A page of orders at the hospital (null: at every hospital, for one patient's own view). */
export async function searchOrders(
  exec: Executor,
  hospitalId: string | null,
  q: {
    statuses: string[] | null;
    /** Also orders, whatever their status, with a correction waiting to be released (ADR 35). */
    orCorrecting?: boolean;
    patientId?: string;
    consultationId?: string;
    text?: string;
    /** The lab's to-do list: urgent first, then oldest first (else newest first). */
    worklist?: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ListedOrder[]; total: number }> {
  const conds = [hospitalId ? sql`o.hospital_id = ${hospitalId}` : sql`true`];
  if (q.statuses) {
    const statuses = sql`o.status = any(${sql.param(q.statuses)}::text[])`;
    conds.push(q.orCorrecting ? sql`(${statuses} or ${CORRECTING})` : statuses);
  }
  if (q.patientId) conds.push(sql`o.patient_id = ${q.patientId}`);
  if (q.consultationId) conds.push(sql`o.consultation_id = ${q.consultationId}`);
  if (q.text) {
    const t = containsLower(q.text);
    conds.push(
      // A sample's accession number (a scanned label) finds its order, through the accession's
      // unique index: accessions are stored upper-case.
      sql`(lower(o.number) like ${t} or lower(r.mrn) like ${t}
           or lower(p.given_name || ' ' || p.family_name) like ${t}
           or exists (select 1 from lab_order_items i
                       where i.hospital_id = o.hospital_id and i.order_id = o.id
                         and i.accession = ${q.text.trim().toUpperCase()}))`,
    );
  }
  const order = q.worklist
    ? sql`(o.priority = 'urgent') desc, o.created_at asc, o.id`
    : sql`o.created_at desc, o.id desc`;
  return listedPage(exec, sql.join(conds, sql` and `), order, q);
}

/** A page of listed orders matching `where` (on o, p and r), in `order`, and how many match. */
export async function listedPage(
  exec: Executor,
  where: SQL,
  order: SQL,
  q: { limit: number; offset: number },
): Promise<{ rows: ListedOrder[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      exec,
      sql`select ${LISTED} from ${FROM} where ${where} order by ${order} limit ${q.limit} offset ${q.offset}`,
    ),
    queryRows<{ n: number }>(
      exec,
      sql`select count(*)::int as n from lab_orders o
            join patients p on p.id = o.patient_id
            left join patient_registrations r on r.patient_id = o.patient_id and r.hospital_id = o.hospital_id
           where ${where}`,
    ),
  ]);
  return { rows: rows.map(fromListed), total: count?.n ?? 0 };
}

/** Whether the user is a doctor at the hospital (whom the lab tells when results are in). */
export async function isDoctorAt(exec: Executor, userId: string, hospitalId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    exec,
    sql`select 1 as one from doctor_profiles where user_id = ${userId} and hospital_id = ${hospitalId}`,
  );
  return rows.length > 0;
}
