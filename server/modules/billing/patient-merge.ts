// Billing's part of merging a temporary patient record into the person's own (ADR 14): drafts move
// to the person; an issued invoice or a payment names whom it was issued to and never changes (ADR
// 13), so a record with either is not merged (the desk credits and re-bills, or merges before the
// bill is issued). Discarded drafts never change either: they stay with the merged record.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { repointPatient } from '../../db/repoint';
import { AppError } from '../../platform/errors';
import type { PatientMerge } from '../module';

export async function mergePatientBills(tx: Tx, m: PatientMerge): Promise<Record<string, number>> {
  const [issued] = await queryRows<{ invoices: number; payments: number }>(
    tx,
    sql`select (select count(*)::int from invoices
                 where patient_id = ${m.fromId} and status not in ('draft', 'discarded')) as invoices,
               (select count(*)::int from billing_payments where patient_id = ${m.fromId}) as payments`,
  );
  if (issued && (issued.invoices > 0 || issued.payments > 0)) {
    throw new AppError(
      'BILLS_ISSUED',
      'Bills have been issued or payments taken under the temporary record, and those never change: it cannot be merged.',
    );
  }
  return { invoices: await repointPatient(tx, 'invoices', m, sql`status = 'draft'`) };
}
