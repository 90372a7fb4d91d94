// Credit notes (CN-<year>-<n>): the only way a final invoice is corrected. One credits part or all
// of what is left on the invoice, never more; what the patient had paid beyond the invoice's new
// total is refunded with it (never more than was paid). Credited in full, the invoice is cancelled.
import type { CreditNote, IssueCreditNote } from '../../../contracts/billing';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { numberFor } from './invoice-finalise';
import { staffMaySee, toCreditNote } from './invoices.read';
import * as invoices from './invoices.repo';
import type { InvoiceRow } from './invoices.repo';
import { splitCredit } from './money';
import { dayOpen, once, requestHash } from './payments.service';
import * as repo from './payments.repo';
import * as prices from './price-list.repo';

/**
 * Credits a locked final invoice, in the caller's transaction: `amountMinor` of it (all that is
 * left when absent), refunding what was paid beyond its new total. Returns the credit note's id.
 */
export async function creditInvoice(
  tx: Tx,
  ctx: Ctx,
  invoice: InvoiceRow,
  input: IssueCreditNote,
  hash: string,
): Promise<string> {
  if (invoice.status !== 'final') {
    throw new AppError(
      'INVALID_TRANSITION',
      `The invoice is ${invoice.status}: only a final invoice is credited.`,
      {
        currentStatus: invoice.status,
      },
    );
  }
  const left = invoice.totalMinor - invoice.creditedMinor;
  const amount = input.amountMinor ?? left;
  if (amount > left || amount <= 0) {
    throw new AppError('OVER_CREDIT', `${left} is left to credit on this invoice.`, { leftMinor: left });
  }
  // Paid beyond what the invoice will come to is given back; never more than was paid.
  const refund = Math.max(0, invoice.paidMinor - (left - amount));
  if (refund > 0 && !input.refundMethod) {
    throw new AppError('VALIDATION_FAILED', `${refund} of what was paid is to be refunded: say how.`, {
      errors: [{ path: 'body.refundMethod', message: 'Required: part of the payment is refunded' }],
      refundMinor: refund,
    });
  }
  const refundMethod = refund > 0 ? input.refundMethod! : null;
  if (refundMethod === 'advance' && !invoice.patientId) {
    throw new AppError('RULE_VIOLATION', 'A walk-in customer has no advance to refund to.');
  }
  const hospitalId = invoice.hospitalId;
  const hospital = await prices.hospitalFacts(tx, hospitalId);
  if (refundMethod && refundMethod !== 'advance') await dayOpen(tx, ctx, hospital);
  const done = await invoices.credited(tx, invoice.id);
  const split = splitCredit(amount, {
    netMinor: invoice.netMinor - done.netMinor,
    taxMinor: invoice.taxMinor - done.taxMinor,
  });
  const row = await repo.insertCreditNote(tx, {
    hospitalId,
    number: await numberFor(tx, hospitalId, 'CN', hospital.year),
    invoiceId: invoice.id,
    amountMinor: amount,
    ...split,
    refundMinor: refund,
    refundMethod,
    reason: input.reason,
    issuedOn: hospital.today,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    createdBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: 'invoice.credited',
    entityType: 'invoice',
    entityId: invoice.id,
    patientId: invoice.patientId,
    hospitalId,
    before: { status: invoice.status, creditedMinor: invoice.creditedMinor, paidMinor: invoice.paidMinor },
    after: {
      creditNoteId: row.id,
      number: row.number,
      amountMinor: amount,
      refundMinor: refund,
      refundMethod,
      reason: input.reason,
      status: amount === left ? 'cancelled' : 'final',
    },
  });
  return row.id;
}

/** Issues a credit note against a final invoice of the active hospital. */
export async function issueCreditNote(
  ctx: Ctx,
  invoiceId: string,
  input: IssueCreditNote,
): Promise<CreditNote> {
  const hospitalId = requireHospital(ctx.actor);
  const hash = requestHash({ invoiceId, ...input });
  const id = await once(
    ctx,
    (exec = ctx.db) => repo.creditNoteByKey(exec, hospitalId, input.idempotencyKey),
    hash,
    'credit_notes_key_uq',
    async (tx, replay) => {
      const invoice = await invoices.lockInvoice(tx, hospitalId, invoiceId);
      if (!invoice || !staffMaySee(ctx.actor, invoice)) throw notFound('Invoice');
      const again = await replay();
      if (again) return again;
      return creditInvoice(tx, ctx, invoice, input, hash);
    },
  );
  const [note] = (await repo.creditNotesOf(ctx.db, invoiceId)).filter((c) => c.id === id);
  if (!note) throw notFound('Credit note');
  const invoice = (await invoices.findInvoice(ctx.db, note.invoiceId))!;
  return toCreditNote(
    note,
    invoice.currency,
    invoice.number ?? '',
    await findUserNames(ctx.db, [note.createdBy]),
  );
}
