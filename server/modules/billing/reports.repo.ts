// Sums over invoices, credit notes and payments: a cashier's day, revenue by day, department,
// doctor or method, and what patients owe. Dates are the hospital's own (its time zone).
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { cashClosings } from './billing.tables';
import { containsLower } from '../../db/like';

export type ClosingRow = typeof cashClosings.$inferSelect;

/** Money in (payments and advances) and out (refunds) by method, by one cashier on one local day. */
export async function cashierDay(
  db: Executor,
  hospitalId: string,
  cashierId: string,
  day: string,
  timeZone: string,
): Promise<{ method: string; in: number; out: number }[]> {
  const rows = await queryRows<{ method: string; in: string; out: string }>(
    db,
    sql`select method, sum(inflow) as in, sum(outflow) as out from (
          select method, case when kind = 'advance_refund' then 0 else amount_minor end as inflow,
                 case when kind = 'advance_refund' then amount_minor else 0 end as outflow
            from billing_payments
           where hospital_id = ${hospitalId} and received_by = ${cashierId} and method <> 'advance'
             and (received_at at time zone ${timeZone})::date = ${day}::date
          union all
          select refund_method, 0, refund_minor from credit_notes
           where hospital_id = ${hospitalId} and created_by = ${cashierId} and refund_minor > 0
             and refund_method <> 'advance' and (created_at at time zone ${timeZone})::date = ${day}::date
        ) m group by method`,
  );
  return rows.map((r) => ({ method: r.method, in: Number(r.in), out: Number(r.out) }));
}

export async function insertClosing(tx: Tx, row: typeof cashClosings.$inferInsert): Promise<ClosingRow> {
  const [r] = await tx.insert(cashClosings).values(row).returning();
  return r!;
}

export async function findClosing(db: Executor, hospitalId: string, cashierId: string, day: string) {
  const [r] = await db
    .select()
    .from(cashClosings)
    .where(
      and(
        eq(cashClosings.hospitalId, hospitalId),
        eq(cashClosings.cashierId, cashierId),
        eq(cashClosings.businessDate, day),
      ),
    );
  return r ?? null;
}

export async function listClosings(
  db: Executor,
  hospitalId: string,
  f: { cashierId?: string; from?: string; to?: string; limit: number; offset: number },
): Promise<{ rows: ClosingRow[]; total: number }> {
  const conds: SQL[] = [eq(cashClosings.hospitalId, hospitalId)];
  if (f.cashierId) conds.push(eq(cashClosings.cashierId, f.cashierId));
  if (f.from) conds.push(gte(cashClosings.businessDate, f.from));
  if (f.to) conds.push(lte(cashClosings.businessDate, f.to));
  const where = and(...conds);
  const rows = await db
    .select()
    .from(cashClosings)
    .where(where)
    .orderBy(desc(cashClosings.businessDate), desc(cashClosings.closedAt))
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cashClosings)
    .where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

export type Grouping = 'day' | 'department' | 'doctor';

/**
 * Invoiced revenue in a date range: invoices issued (their total and tax) and credit notes issued
 * (taken off, with their tax), grouped by the invoice date, its department or its doctor.
 */
export async function invoiced(
  db: Executor,
  hospitalId: string,
  by: Grouping,
  from: string,
  to: string,
): Promise<
  { key: string | null; label: string | null; count: number; amount: number; less: number; tax: number }[]
> {
  const key = { day: sql`d`, department: sql`department_id::text`, doctor: sql`doctor_profile_id::text` }[by];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with moves as (
          select i.issued_on as d, i.department_id, i.doctor_profile_id, 1 as n, i.total_minor as amount, 0 as less,
                 i.tax_minor as tax
            from invoices i
           where i.hospital_id = ${hospitalId} and i.status in ('final', 'cancelled')
             and i.issued_on between ${from}::date and ${to}::date
          union all
          select c.issued_on, i.department_id, i.doctor_profile_id, 0, 0, c.amount_minor, -c.tax_minor
            from credit_notes c join invoices i on i.id = c.invoice_id
           where c.hospital_id = ${hospitalId} and c.issued_on between ${from}::date and ${to}::date
        )
        select g.*, case ${by}::text
                 when 'department' then (select name from departments where id::text = g.key)
                 when 'doctor' then (select u.full_name from doctor_profiles p join users u on u.id = p.user_id
                                      where p.id::text = g.key)
               end as label
          from (select ${key} as key, sum(n)::int as count, sum(amount) as amount, sum(less) as less, sum(tax) as tax
                  from (select to_char(d, 'YYYY-MM-DD') as d, department_id, doctor_profile_id, n, amount, less, tax
                          from moves) m
                 group by 1) g
         order by g.key nulls last`,
  );
  return rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    label: (r.label as string | null) ?? null,
    count: Number(r.count),
    amount: Number(r.amount),
    less: Number(r.less),
    tax: Number(r.tax),
  }));
}

/** Money collected in a date range by method: received (payments, advances) and paid back. */
export async function collected(
  db: Executor,
  hospitalId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<{ key: string; count: number; amount: number; less: number }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select method as key, sum(n)::int as count, sum(inflow) as amount, sum(outflow) as less from (
          select method, case when kind = 'advance_refund' then 0 else 1 end as n,
                 case when kind = 'advance_refund' then 0 else amount_minor end as inflow,
                 case when kind = 'advance_refund' then amount_minor else 0 end as outflow
            from billing_payments
           where hospital_id = ${hospitalId} and method <> 'advance'
             and (received_at at time zone ${timeZone})::date between ${from}::date and ${to}::date
          union all
          select refund_method, 0, 0, refund_minor from credit_notes
           where hospital_id = ${hospitalId} and refund_minor > 0 and refund_method <> 'advance'
             and (created_at at time zone ${timeZone})::date between ${from}::date and ${to}::date
        ) m group by method order by method`,
  );
  return rows.map((r) => ({
    key: r.key as string,
    count: Number(r.count),
    amount: Number(r.amount),
    less: Number(r.less),
  }));
}

/** What each patient (walk-in customers together) owes on final invoices, most owed first. */
export async function outstanding(
  db: Executor,
  hospitalId: string,
  q: { text?: string; limit: number; offset: number },
) {
  const like = q.text ? containsLower(q.text) : null;
  const from = sql`from invoices i
      left join patients p on p.id = i.patient_id
      left join patient_registrations r on r.patient_id = i.patient_id and r.hospital_id = i.hospital_id
     where i.hospital_id = ${hospitalId} and i.status = 'final' and i.total_minor - i.credited_minor - i.paid_minor > 0
       ${like ? sql`and (lower(p.given_name || ' ' || p.family_name) like ${like} or lower(r.mrn) like ${like})` : sql``}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.patient_id, max(trim(p.given_name || ' ' || p.family_name)) as name, max(r.mrn) as mrn,
               count(*)::int as invoices, sum(i.total_minor - i.credited_minor - i.paid_minor) as owed,
               to_char(min(i.issued_on), 'YYYY-MM-DD') as oldest
          ${from}
         group by i.patient_id order by owed desc, i.patient_id nulls last limit ${q.limit} offset ${q.offset}`,
  );
  const [t] = await queryRows<{ n: number; owed: string | null }>(
    db,
    sql`select count(distinct coalesce(i.patient_id::text, ''))::int as n,
               sum(i.total_minor - i.credited_minor - i.paid_minor) as owed ${from}`,
  );
  return {
    rows: rows.map((r) => ({
      patientId: (r.patient_id as string | null) ?? null,
      name: (r.name as string | null) ?? null,
      mrn: (r.mrn as string | null) ?? null,
      invoices: Number(r.invoices),
      owed: Number(r.owed),
      oldest: r.oldest as string,
    })),
    total: Number(t?.n ?? 0),
    owed: Number(t?.owed ?? 0),
  };
}
