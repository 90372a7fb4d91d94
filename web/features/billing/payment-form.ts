// Taking a payment and issuing a credit note, as their forms hold them, and the bodies the API
// takes (RecordPayment, IssueCreditNote).
import type { PaymentMethod } from '../../../contracts/billing';
import { toMinor } from '../../lib/money';
import { typedNumber } from '../procurement/number-input';

export const PAYMENT_METHODS: PaymentMethod[] = [
  'cash',
  'card',
  'upi',
  'insurance',
  'bank_transfer',
  'advance',
];

export interface PaymentValues {
  method: PaymentMethod;
  /** Major units, as typed. */
  amount: number | string;
  /** Cash handed over (cash only), major units. */
  tendered: number | string;
  reference: string;
  note: string;
  /** Whatever is paid beyond the balance goes to the patient's advance. */
  advance: boolean;
}

const minorOf = (v: number | string, currency: string): number | undefined => {
  const n = typedNumber(v);
  return n === undefined ? undefined : toMinor(n, currency);
};

/** The change to hand back for cash: what was tendered less the amount, or null when too little was given. */
export function changeToGive(
  amountMinor: number | undefined,
  tenderedMinor: number | undefined,
): number | null {
  if (amountMinor === undefined || tenderedMinor === undefined) return null;
  return tenderedMinor >= amountMinor ? tenderedMinor - amountMinor : null;
}

/** What the form's amount, tendered cash and change come to, in minor units. */
export function paymentFigures(v: PaymentValues, balanceMinor: number, currency: string) {
  const amountMinor = minorOf(v.amount, currency);
  const tenderedMinor = v.method === 'cash' ? minorOf(v.tendered, currency) : undefined;
  return {
    amountMinor,
    tenderedMinor,
    change: changeToGive(amountMinor, tenderedMinor),
    /** More than the bill owes: only allowed as an advance (never from an advance). */
    overBalance: amountMinor !== undefined && amountMinor > balanceMinor,
    excessMinor: amountMinor !== undefined ? Math.max(0, amountMinor - balanceMinor) : 0,
  };
}

/** The body of POST /api/billing/invoices/:id/payments (the contract checks it before it is sent). */
export function toRecordPayment(
  v: PaymentValues,
  balanceMinor: number,
  currency: string,
  idempotencyKey: string,
) {
  const { amountMinor, tenderedMinor, overBalance } = paymentFigures(v, balanceMinor, currency);
  const reference = v.method !== 'cash' && v.method !== 'advance' ? v.reference.trim() : '';
  return {
    idempotencyKey,
    method: v.method,
    amountMinor,
    advance: overBalance && v.method !== 'advance' && v.advance,
    ...(tenderedMinor !== undefined ? { tenderedMinor } : {}),
    ...(reference ? { reference } : {}),
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
}

/** Form paths of the server's payment fields. */
export const PAYMENT_SERVER_PATHS = { amountMinor: 'amount', tenderedMinor: 'tendered' };

export interface CreditValues {
  /** Major units; empty: all that is left. */
  amount: number | string;
  reason: string;
  refundMethod: PaymentMethod | '';
}

/** What is left to credit on an invoice: its total less the credit notes so far. */
export const leftToCredit = (inv: { totalMinor: number; creditedMinor: number }) =>
  inv.totalMinor - inv.creditedMinor;

/**
 * What a credit of `amountMinor` pays back (the server's rule): what the patient paid beyond the
 * invoice's new total, never more than was paid.
 */
export function refundFor(
  inv: { totalMinor: number; creditedMinor: number; paidMinor: number },
  amountMinor: number,
) {
  return Math.max(0, Math.min(inv.paidMinor, inv.paidMinor - (leftToCredit(inv) - amountMinor)));
}

/** The amount the credit form stands for: as typed, else all that is left (NaN: not a number). */
export function creditAmount(v: CreditValues, left: number, currency: string): number {
  if (String(v.amount).trim() === '') return left;
  return minorOf(v.amount, currency) ?? Number.NaN;
}

/** The body of POST /api/billing/invoices/:id/credit-notes. */
export function toIssueCreditNote(
  v: CreditValues,
  inv: { totalMinor: number; creditedMinor: number; paidMinor: number },
  currency: string,
  idempotencyKey: string,
) {
  const left = leftToCredit(inv);
  const amountMinor = creditAmount(v, left, currency);
  const refund = Number.isNaN(amountMinor) ? 0 : refundFor(inv, amountMinor);
  return {
    idempotencyKey,
    reason: v.reason.trim().replace(/\s*\n\s*/g, ' '),
    // Left out when it is all that is left: the server then credits exactly that.
    ...(amountMinor !== left ? { amountMinor } : {}),
    ...(refund > 0 && v.refundMethod ? { refundMethod: v.refundMethod } : {}),
  };
}
