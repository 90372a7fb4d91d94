// Payments, advances and credit notes: the only queries that touch these tables. Inserting a row
// is all it takes: the database's triggers move the invoice's paid and credited amounts and the
// patient's advance in the same statement (ADR 13).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { billingAccounts, billingPayments, creditNotes } from './billing.tables';

export type PaymentRow = typeof billingPayments.$inferSelect;
export type CreditNoteRow = typeof creditNotes.$inferSelect;

export async function insertPayment(tx: Tx, row: typeof billingPayments.$inferInsert): Promise<PaymentRow> {
  const [r] = await tx.insert(billingPayments).values(row).returning();
  return r!;
}

export async function paymentByKey(db: Executor, hospitalId: string, key: string) {
  const [r] = await db
    .select({ id: billingPayments.id, requestHash: billingPayments.requestHash })
    .from(billingPayments)
    .where(and(eq(billingPayments.hospitalId, hospitalId), eq(billingPayments.idempotencyKey, key)));
  return r ?? null;
}

export async function findPayment(db: Executor, hospitalId: string, id: string) {
  const [r] = await db
    .select()
    .from(billingPayments)
    .where(and(eq(billingPayments.hospitalId, hospitalId), eq(billingPayments.id, id)));
  return r ?? null;
}

export async function paymentsOf(db: Executor, invoiceId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(billingPayments)
    .where(eq(billingPayments.invoiceId, invoiceId))
    .orderBy(asc(billingPayments.receivedAt), asc(billingPayments.id));
}

export async function insertCreditNote(tx: Tx, row: typeof creditNotes.$inferInsert): Promise<CreditNoteRow> {
  const [r] = await tx.insert(creditNotes).values(row).returning();
  return r!;
}

export async function creditNoteByKey(db: Executor, hospitalId: string, key: string) {
  const [r] = await db
    .select({ id: creditNotes.id, invoiceId: creditNotes.invoiceId, requestHash: creditNotes.requestHash })
    .from(creditNotes)
    .where(and(eq(creditNotes.hospitalId, hospitalId), eq(creditNotes.idempotencyKey, key)));
  return r ?? null;
}

export async function findCreditNote(db: Executor, id: string): Promise<CreditNoteRow | null> {
  const [r] = await db.select().from(creditNotes).where(eq(creditNotes.id, id));
  return r ?? null;
}

export async function creditNotesOf(db: Executor, invoiceId: string): Promise<CreditNoteRow[]> {
  return db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoiceId))
    .orderBy(asc(creditNotes.createdAt), asc(creditNotes.id));
}

/** The patient's advance at the hospital, locked against a concurrent draw (0 when none was paid). */
export async function lockAdvance(tx: Tx, hospitalId: string, patientId: string): Promise<number> {
  const [r] = await tx
    .select({ advance: billingAccounts.advanceMinor })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.hospitalId, hospitalId), eq(billingAccounts.patientId, patientId)))
    .for('update');
  return r?.advance ?? 0;
}

export async function advanceOf(db: Executor, hospitalId: string, patientId: string): Promise<number> {
  const [r] = await db
    .select({ advance: billingAccounts.advanceMinor })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.hospitalId, hospitalId), eq(billingAccounts.patientId, patientId)));
  return r?.advance ?? 0;
}

/**
 * Serialises a cashier's takings of one day with the closing of that day: both take this lock, so
 * no payment slips in between the closing's sums and its row.
 */
export async function lockCashierDay(
  tx: Tx,
  hospitalId: string,
  cashierId: string,
  day: string,
): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`cash:${hospitalId}:${cashierId}:${day}`}, 0))`,
  );
}
