// Taking money: payments against final invoices (never more than owed unless the rest is kept as
// the patient's advance), advances paid before a bill, and advances paid back. Each is numbered
// (RCT-/RFD-<year>-<n>), audited, safe to retry with its idempotency key, and refused once the
// cashier has closed their day. The invoice's row lock queues concurrent payments on it; the
// database's checks hold even if that were forgotten (ADR 13).
import type {
  PatientAccount,
  Payment,
  RecordDeposit,
  RecordPayment,
  RefundAdvance,
} from '../../../contracts/billing';
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, constraintName, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { registeredPatient } from '../patients';
import { numberFor } from './invoice-finalise';
import { balanceOf, staffMaySee, toPayment, toSummary } from './invoices.read';
import * as invoices from './invoices.repo';
import * as repo from './payments.repo';
import * as prices from './price-list.repo';
import { findClosing } from './reports.repo';

/** What an idempotency key is bound to: the same key with another body is refused. */
export const requestHash = (body: unknown) => sha256(JSON.stringify(body));

const reused = () =>
  new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different request.');

/** The record a key was used for before: its id for the same body, refused for another. */
async function seen(find: () => Promise<{ id: string; requestHash: string } | null>, hash: string) {
  const earlier = await find();
  if (!earlier) return null;
  if (earlier.requestHash !== hash) throw reused();
  return earlier.id;
}

/**
 * Runs `take` once per key: a key seen before with the same body returns what it recorded, with
 * another body is refused. Two requests racing with one key: the loser's insert meets the unique
 * key, its transaction (and the number it took) rolls back, and it answers the winner's record.
 */
export async function once(
  ctx: Ctx,
  find: (exec?: Executor) => Promise<{ id: string; requestHash: string } | null>,
  hash: string,
  keyConstraint: string,
  /** `replay()` looks the key up again once the caller holds its locks. */
  take: (tx: Tx, replay: () => Promise<string | null>) => Promise<string>,
): Promise<string> {
  const earlier = await seen(find, hash);
  if (earlier) return earlier;
  try {
    return await ctx.db.transaction((tx) => take(tx, () => seen(() => find(tx), hash)));
  } catch (err) {
    if (constraintName(err) !== keyConstraint) throw err;
    const winner = await seen(find, hash);
    if (!winner) throw err;
    return winner;
  }
}

/** Refuses takings by a cashier who has closed the day, and holds off their closing meanwhile. */
export async function dayOpen(tx: Tx, ctx: Ctx, hospital: prices.HospitalFacts): Promise<void> {
  await repo.lockCashierDay(tx, hospital.id, ctx.actor.userId, hospital.today);
  if (await findClosing(tx, hospital.id, ctx.actor.userId, hospital.today)) {
    throw new AppError(
      'DAY_CLOSED',
      `You closed your cash for ${hospital.today}: nothing more is taken under it.`,
    );
  }
}

const cashFields = (p: { method: string; amountMinor: number; tenderedMinor?: number }) =>
  p.tenderedMinor === undefined
    ? { tenderedMinor: null, changeMinor: null }
    : { tenderedMinor: p.tenderedMinor, changeMinor: p.tenderedMinor - p.amountMinor };

/**
 * Takes a payment against a locked invoice, in the caller's transaction (the caller has checked who
 * may see it). Returns the payment's id.
 */
export async function takePayment(
  tx: Tx,
  ctx: Ctx,
  invoice: invoices.InvoiceRow,
  input: RecordPayment,
  hash: string,
): Promise<string> {
  const hospitalId = invoice.hospitalId;
  const invoiceId = invoice.id;
  if (invoice.status !== 'final') {
    throw new AppError(
      'INVALID_TRANSITION',
      `The invoice is ${invoice.status}: payments are taken against a final invoice.`,
      {
        currentStatus: invoice.status,
      },
    );
  }
  const hospital = await prices.hospitalFacts(tx, hospitalId);
  await dayOpen(tx, ctx, hospital);
  const balance = balanceOf(invoice);
  if (balance <= 0)
    throw new AppError('OVERPAYMENT', 'Nothing is owed on this invoice.', { balanceMinor: balance });
  const applied = Math.min(input.amountMinor, balance);
  if (input.amountMinor > balance && !input.advance) {
    throw new AppError(
      'OVERPAYMENT',
      `The invoice owes ${balance}; the rest may be recorded as an advance.`,
      {
        balanceMinor: balance,
      },
    );
  }
  if (input.amountMinor > balance && !invoice.patientId) {
    throw new AppError('RULE_VIOLATION', 'A walk-in customer has no account to hold an advance.');
  }
  if (input.method !== 'advance' && input.amountMinor > balance && invoice.patientId) {
    // The surplus goes to the patient's account (a trigger, once the receipt is numbered): lock the
    // account before the receipt counter, as deposits and refunds do, or the two deadlock.
    await repo.lockAdvance(tx, hospitalId, invoice.patientId);
  }
  if (input.method === 'advance') {
    if (!invoice.patientId) throw new AppError('INSUFFICIENT_ADVANCE', 'A walk-in customer has no advance.');
    const held = await repo.lockAdvance(tx, hospitalId, invoice.patientId);
    if (held < input.amountMinor) {
      throw new AppError('INSUFFICIENT_ADVANCE', `The patient's advance is ${held}.`, {
        advanceMinor: held,
      });
    }
  }
  const row = await repo.insertPayment(tx, {
    hospitalId,
    number: await numberFor(tx, hospitalId, 'RCT', hospital.year),
    kind: 'payment',
    invoiceId,
    patientId: invoice.patientId,
    method: input.method,
    amountMinor: input.amountMinor,
    appliedMinor: applied,
    advanceMinor: input.method === 'advance' ? -applied : input.amountMinor - applied,
    ...cashFields(input),
    reference: input.reference ?? null,
    note: input.note ?? null,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    receivedBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: 'payment.recorded',
    entityType: 'invoice',
    entityId: invoiceId,
    patientId: invoice.patientId,
    before: { paidMinor: invoice.paidMinor, balanceMinor: balance },
    after: {
      paymentId: row.id,
      number: row.number,
      method: row.method,
      amountMinor: row.amountMinor,
      appliedMinor: applied,
      advanceMinor: row.advanceMinor,
    },
  });
  return row.id;
}

/** A payment against a final invoice the caller may see. */
export async function recordPayment(ctx: Ctx, invoiceId: string, input: RecordPayment): Promise<Payment> {
  const hospitalId = requireHospital(ctx.actor);
  const hash = requestHash({ invoiceId, ...input, advance: input.advance ?? false });
  const id = await once(
    ctx,
    (exec = ctx.db) => repo.paymentByKey(exec, hospitalId, input.idempotencyKey),
    hash,
    'billing_payments_key_uq',
    async (tx, replay) => {
      const invoice = await invoices.lockInvoice(tx, hospitalId, invoiceId);
      if (!invoice || !staffMaySee(ctx.actor, invoice)) throw notFound('Invoice');
      const again = await replay();
      if (again) return again;
      return takePayment(tx, ctx, invoice, input, hash);
    },
  );
  return getPayment(ctx, id);
}

/** Money paid in (deposit) or back (advance refund) on a patient's advance, not against a bill. */
async function moveAdvance(
  ctx: Ctx,
  kind: 'deposit' | 'advance_refund',
  input: RecordDeposit | RefundAdvance,
): Promise<Payment> {
  const hospitalId = requireHospital(ctx.actor);
  const hash = requestHash({ kind, ...input });
  const id = await once(
    ctx,
    (exec = ctx.db) => repo.paymentByKey(exec, hospitalId, input.idempotencyKey),
    hash,
    'billing_payments_key_uq',
    async (tx, replay) => {
      if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
      const held = await repo.lockAdvance(tx, hospitalId, input.patientId);
      const again = await replay();
      if (again) return again;
      const hospital = await prices.hospitalFacts(tx, hospitalId);
      await dayOpen(tx, ctx, hospital);
      if (kind === 'advance_refund' && held < input.amountMinor) {
        throw new AppError('INSUFFICIENT_ADVANCE', `The patient's advance is ${held}.`, {
          advanceMinor: held,
        });
      }
      const row = await repo.insertPayment(tx, {
        hospitalId,
        number: await numberFor(tx, hospitalId, kind === 'deposit' ? 'RCT' : 'RFD', hospital.year),
        kind,
        patientId: input.patientId,
        method: input.method,
        amountMinor: input.amountMinor,
        advanceMinor: kind === 'deposit' ? input.amountMinor : -input.amountMinor,
        ...cashFields(input),
        reference: input.reference ?? null,
        note: input.note ?? null,
        idempotencyKey: input.idempotencyKey,
        requestHash: hash,
        receivedBy: ctx.actor.userId,
      });
      await audit(tx, ctx, {
        action: kind === 'deposit' ? 'advance.deposited' : 'advance.refunded',
        entityType: 'patient',
        entityId: input.patientId,
        patientId: input.patientId,
        before: { advanceMinor: held },
        after: { paymentId: row.id, number: row.number, method: row.method, amountMinor: row.amountMinor },
      });
      return row.id;
    },
  );
  return getPayment(ctx, id);
}

export const recordDeposit = (ctx: Ctx, input: RecordDeposit) => moveAdvance(ctx, 'deposit', input);
export const refundAdvance = (ctx: Ctx, input: RefundAdvance) => moveAdvance(ctx, 'advance_refund', input);

/** A payment of the active hospital: against an invoice the caller may see, or on an advance. */
export async function findVisiblePayment(ctx: Ctx, id: string) {
  const hospitalId = requireHospital(ctx.actor);
  const row = await repo.findPayment(ctx.db, hospitalId, id);
  if (!row) throw notFound('Payment');
  const invoice = row.invoiceId ? await invoices.findInvoice(ctx.db, row.invoiceId) : null;
  if (invoice ? !staffMaySee(ctx.actor, invoice) : !ctx.actor.permissions.has('invoices:read'))
    throw notFound('Payment');
  return { row, invoice };
}

export async function getPayment(ctx: Ctx, id: string): Promise<Payment> {
  const { row, invoice } = await findVisiblePayment(ctx, id);
  const names = await findUserNames(ctx.db, [row.receivedBy]);
  return toPayment(
    row,
    invoice?.currency ?? (await prices.hospitalFacts(ctx.db, row.hospitalId)).currency,
    invoice?.number ?? null,
    names,
  );
}

/** What a patient registered at the active hospital owes there, holds in advance, and the bills open. */
export async function patientAccount(ctx: Ctx, patientId: string): Promise<PatientAccount> {
  const hospitalId = requireHospital(ctx.actor);
  if (!(await registeredPatient(ctx.db, patientId, hospitalId))) throw notFound('Patient');
  const [open, advance, hospital] = await Promise.all([
    invoices.searchInvoices(ctx.db, { hospitalId, patientId, unpaid: true }, { limit: 100, offset: 0 }),
    repo.advanceOf(ctx.db, hospitalId, patientId),
    prices.hospitalFacts(ctx.db, hospitalId),
  ]);
  const openInvoices = open.rows.map(toSummary);
  await auditRead(ctx, {
    action: 'billing.account.read',
    entityType: 'patient',
    entityId: patientId,
    patientId,
  });
  return {
    patientId,
    currency: hospital.currency,
    outstandingMinor: openInvoices.reduce((s, i) => s + i.balanceMinor, 0),
    advanceMinor: advance,
    openInvoices,
  };
}
