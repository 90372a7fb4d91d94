// Invoices and their lines: the only queries that touch these tables.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { invoiceLines, invoices } from './billing.tables';
import { containsLower } from '../../db/like';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type LineRow = typeof invoiceLines.$inferSelect;
export type NewLineRow = typeof invoiceLines.$inferInsert;

export async function insertInvoice(tx: Tx, row: NewInvoiceRow): Promise<InvoiceRow> {
  const [r] = await tx.insert(invoices).values(row).returning();
  return r!;
}

/** An invoice of the hospital, locked for a change (payments on it queue behind the lock). */
export async function lockInvoice(tx: Tx, hospitalId: string, id: string): Promise<InvoiceRow | null> {
  const [r] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.hospitalId, hospitalId), eq(invoices.id, id)))
    .for('update');
  return r ?? null;
}

export async function findInvoice(db: Executor, id: string): Promise<InvoiceRow | null> {
  const [r] = await db.select().from(invoices).where(eq(invoices.id, id));
  return r ?? null;
}

export async function findBySource(tx: Executor, hospitalId: string, source: string, sourceId: string) {
  const [r] = await tx
    .select()
    .from(invoices)
    .where(
      and(eq(invoices.hospitalId, hospitalId), eq(invoices.source, source), eq(invoices.sourceId, sourceId)),
    );
  return r ?? null;
}

export async function updateInvoice(tx: Tx, id: string, patch: Partial<NewInvoiceRow>): Promise<InvoiceRow> {
  const [r] = await tx
    .update(invoices)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(invoices.id, id))
    .returning();
  return r!;
}

export async function linesOf(db: Executor, invoiceId: string): Promise<LineRow[]> {
  return db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
}

export async function insertLines(tx: Tx, rows: NewLineRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(invoiceLines).values(rows);
}

export async function nextPosition(tx: Tx, invoiceId: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(position), 0)::int + 1 as n from invoice_lines where invoice_id = ${invoiceId}`,
  );
  return Number(r!.n);
}

export async function updateLine(tx: Tx, lineId: string, patch: Partial<NewLineRow>): Promise<void> {
  await tx.update(invoiceLines).set(patch).where(eq(invoiceLines.id, lineId));
}

export async function deleteLine(tx: Tx, lineId: string): Promise<void> {
  await tx.delete(invoiceLines).where(eq(invoiceLines.id, lineId));
}

/** Sets a draft's figures to the sums of its lines (ADR 13: totals are sums of rounded lines). */
export async function recomputeTotals(tx: Tx, invoiceId: string): Promise<InvoiceRow> {
  const [r] = await queryRows<Record<string, unknown>>(
    tx,
    sql`update invoices i set
          gross_minor = s.gross, discount_minor = s.discount, net_minor = s.net, tax_minor = s.tax,
          total_minor = s.total, updated_at = now()
          from (select coalesce(sum(gross_minor), 0) as gross, coalesce(sum(discount_minor), 0) as discount,
                       coalesce(sum(net_minor), 0) as net, coalesce(sum(tax_minor), 0) as tax,
                       coalesce(sum(total_minor), 0) as total
                  from invoice_lines where invoice_id = ${invoiceId}) s
         where i.id = ${invoiceId}
        returning i.id`,
  );
  if (!r) throw new Error(`billing: no invoice ${invoiceId}`);
  return (await findInvoice(tx, invoiceId))!;
}

/** Credit so far on an invoice, split into net and tax. */
export async function credited(
  tx: Executor,
  invoiceId: string,
): Promise<{ netMinor: number; taxMinor: number }> {
  const [r] = await queryRows<{ net: string; tax: string }>(
    tx,
    sql`select coalesce(sum(net_minor), 0) as net, coalesce(sum(tax_minor), 0) as tax
          from credit_notes where invoice_id = ${invoiceId}`,
  );
  return { netMinor: Number(r!.net), taxMinor: Number(r!.tax) };
}

export interface InvoiceFilter {
  hospitalId?: string;
  patientId?: string;
  status?: string;
  source?: string;
  /** Any of these sources. */
  sources?: readonly string[];
  sourceId?: string;
  /** An invoice number, or part of the patient's name or MRN. */
  text?: string;
  from?: string;
  to?: string;
  unpaid?: boolean;
  /** Only final and cancelled ones (what a patient sees). */
  issuedOnly?: boolean;
}

export type SummaryRow = InvoiceRow & {
  patientName: string | null;
  mrn: string | null;
  hospitalName: string;
};

/** Invoices matching the filter, newest first, with the patient's name and MRN at the hospital. */
export async function searchInvoices(
  db: Executor,
  f: InvoiceFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: SummaryRow[]; total: number }> {
  const conds: SQL[] = [sql`true`];
  if (f.hospitalId) conds.push(sql`i.hospital_id = ${f.hospitalId}`);
  if (f.patientId) conds.push(sql`i.patient_id = ${f.patientId}`);
  if (f.status) conds.push(sql`i.status = ${f.status}`);
  if (f.source) conds.push(sql`i.source = ${f.source}`);
  if (f.sources) conds.push(sql`i.source = any(${sql.param([...f.sources])}::text[])`);
  if (f.sourceId) conds.push(sql`i.source_id = ${f.sourceId}`);
  if (f.from) conds.push(sql`i.issued_on >= ${f.from}`);
  if (f.to) conds.push(sql`i.issued_on <= ${f.to}`);
  if (f.unpaid) conds.push(sql`i.status = 'final' and i.total_minor - i.credited_minor - i.paid_minor > 0`);
  if (f.issuedOnly) conds.push(sql`i.status in ('final', 'cancelled')`);
  if (f.text) {
    const like = containsLower(f.text);
    conds.push(sql`(lower(coalesce(i.number, '')) like ${like} or lower(r.mrn) like ${like}
      or lower(p.given_name || ' ' || p.family_name) like ${like})`);
  }
  const from = sql`from invoices i
    join hospitals h on h.id = i.hospital_id
    left join patients p on p.id = i.patient_id
    left join patient_registrations r on r.patient_id = i.patient_id and r.hospital_id = i.hospital_id
   where ${sql.join(conds, sql` and `)}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.id ${from} order by i.created_at desc, i.id desc limit ${page.limit} offset ${page.offset}`,
  );
  const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return {
    rows: await summaries(
      db,
      rows.map((r) => r.id as string),
    ),
    total: Number(c?.n ?? 0),
  };
}

/** Invoices by id, in the order given, with the patient's name and MRN and the hospital's name. */
export async function summaries(db: Executor, ids: string[]): Promise<(SummaryRow & { timeZone: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      i: invoices,
      patientName: sql<string | null>`trim(p.given_name || ' ' || p.family_name)`,
      mrn: sql<string | null>`r.mrn`,
      hospitalName: sql<string>`h.name`,
      timeZone: sql<string>`h.time_zone`,
    })
    .from(invoices)
    .innerJoin(sql`hospitals h`, sql`h.id = ${invoices.hospitalId}`)
    .leftJoin(sql`patients p`, sql`p.id = ${invoices.patientId}`)
    .leftJoin(
      sql`patient_registrations r`,
      sql`r.patient_id = ${invoices.patientId} and r.hospital_id = ${invoices.hospitalId}`,
    )
    .where(sql`${invoices.id} = any(${sql.param(ids)}::uuid[])`);
  const byId = new Map(
    rows.map((r) => [
      r.i.id,
      {
        ...r.i,
        patientName: r.patientName,
        mrn: r.mrn,
        hospitalName: r.hospitalName,
        timeZone: r.timeZone,
      },
    ]),
  );
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** A department's and a doctor's names (either may be absent). */
export async function names(db: Executor, departmentId: string | null, doctorProfileId: string | null) {
  const [r] = await queryRows<{ department: string | null; doctor: string | null }>(
    db,
    sql`select (select name from departments where id = ${departmentId}) as department,
               (select u.full_name from doctor_profiles d join users u on u.id = d.user_id where d.id = ${doctorProfileId}) as doctor`,
  );
  return { department: r?.department ?? null, doctor: r?.doctor ?? null };
}

/** What a patient owes and holds in advance at each hospital where they have bills or an advance. */
export async function ownBalances(db: Executor, patientId: string) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select h.id, h.name, h.currency,
               coalesce((select sum(i.total_minor - i.credited_minor - i.paid_minor) from invoices i
                          where i.hospital_id = h.id and i.patient_id = ${patientId} and i.status = 'final'), 0) as outstanding,
               coalesce((select a.advance_minor from billing_accounts a
                          where a.hospital_id = h.id and a.patient_id = ${patientId}), 0) as advance
          from hospitals h
         where exists (select 1 from invoices i where i.hospital_id = h.id and i.patient_id = ${patientId}
                         and i.status in ('final', 'cancelled'))
            or exists (select 1 from billing_accounts a where a.hospital_id = h.id and a.patient_id = ${patientId}
                         and a.advance_minor > 0)
         order by h.name`,
  );
  return rows.map((b) => ({
    hospitalId: b.id as string,
    hospitalName: b.name as string,
    currency: b.currency as string,
    outstandingMinor: Number(b.outstanding),
    advanceMinor: Number(b.advance),
  }));
}

/** How to reach a patient about their bill: their account, else the address on their record. */
export async function patientContact(db: Executor, patientId: string) {
  const [r] = await queryRows<{ userId: string | null; email: string | null }>(
    db,
    sql`select user_id as "userId", email from patients where id = ${patientId}`,
  );
  return r ?? null;
}

/** Where the pharmacy keeps what it charged: a counter sale, or an online order. */
const PHARMACY_SOURCES = {
  pharmacy_sale: {
    head: sql`select hospital_id as "hospitalId", patient_id as "patientId", null as "number"
                from pharmacy_sales where id = `,
    lines: sql`pharmacy_sale_lines l join medicines m on m.id = l.medicine_id where l.sale_id = `,
  },
  pharmacy_order: {
    head: sql`select hospital_id as "hospitalId", patient_id as "patientId", number
                from pharmacy_orders where id = `,
    lines: sql`pharmacy_order_lines l join medicines m on m.id = l.medicine_id where l.order_id = `,
  },
} as const;

/**
 * A pharmacy counter sale or online order and its lines as charged (the pharmacy's tables, read for
 * its invoice).
 */
export async function pharmacyCharge(db: Executor, source: keyof typeof PHARMACY_SOURCES, id: string) {
  const from = PHARMACY_SOURCES[source];
  const [head] = await queryRows<{ hospitalId: string; patientId: string | null; number: string | null }>(
    db,
    sql`${from.head}${id}`,
  );
  if (!head) return null;
  const lines = await queryRows<Record<string, unknown>>(
    db,
    sql`select l.medicine_id, l.quantity, l.unit_price_minor, l.tax_rate_bp,
               m.generic_name || ' ' || m.strength || ' ' || m.form || coalesce(' (' || m.brand_name || ')', '') as label
          from ${from.lines}${id} order by l.position`,
  );
  return {
    ...head,
    lines: lines.map((l) => ({
      medicineId: l.medicine_id as string,
      label: l.label as string,
      quantity: Number(l.quantity),
      unitPriceMinor: Number(l.unit_price_minor),
      taxRateBp: Number(l.tax_rate_bp),
    })),
  };
}
