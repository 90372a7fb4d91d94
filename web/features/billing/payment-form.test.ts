import { describe, expect, it } from 'vitest';
import { IssueCreditNote, RecordPayment } from '../../../contracts/billing';
import {
  changeToGive,
  paymentFigures,
  refundFor,
  toIssueCreditNote,
  toRecordPayment,
  type PaymentValues,
} from './payment-form';

const KEY = 'a'.repeat(32);
const cash = (amount: number | string, tendered: number | string = ''): PaymentValues => ({
  method: 'cash',
  amount,
  tendered,
  reference: 'ignored for cash',
  note: '',
  advance: false,
});

describe('a payment', () => {
  it('gives change from the cash tendered, none when too little was given', () => {
    expect(changeToGive(45000, 50000)).toBe(5000);
    expect(changeToGive(45000, 45000)).toBe(0);
    expect(changeToGive(45000, 40000)).toBeNull();
    expect(changeToGive(undefined, 40000)).toBeNull();
    expect(paymentFigures(cash('450.50', 500), 45050, 'INR')).toMatchObject({
      change: 4950,
      overBalance: false,
    });
  });

  it('sends cash with what was tendered and no reference', () => {
    const body = toRecordPayment(cash(450, 500), 45000, 'INR', KEY);
    expect(body).toEqual({
      idempotencyKey: KEY,
      method: 'cash',
      amountMinor: 45000,
      advance: false,
      tenderedMinor: 50000,
    });
    expect(RecordPayment.safeParse(body).success).toBe(true);
  });

  it('sends a card payment with its reference and never a tendered amount', () => {
    const card = { ...cash(100, 500), method: 'card' as const, reference: ' 4242 ' };
    expect(toRecordPayment(card, 45000, 'INR', KEY)).toEqual({
      idempotencyKey: KEY,
      method: 'card',
      amountMinor: 10000,
      advance: false,
      reference: '4242',
    });
  });

  it('takes the rest as an advance only when asked and only beyond the balance', () => {
    expect(toRecordPayment({ ...cash(600), advance: true }, 45000, 'INR', KEY).advance).toBe(true);
    expect(toRecordPayment({ ...cash(300), advance: true }, 45000, 'INR', KEY).advance).toBe(false);
    const fromAdvance = { ...cash(600), method: 'advance' as const, advance: true };
    expect(RecordPayment.safeParse(toRecordPayment(fromAdvance, 45000, 'INR', KEY)).success).toBe(true);
  });
});

describe('a credit note', () => {
  const inv = { totalMinor: 10000, creditedMinor: 2000, paidMinor: 7000 };

  it('refunds what was paid beyond the new total, never more than was paid', () => {
    expect(refundFor(inv, 1000)).toBe(0); // left 8000 -> 7000, paid 7000
    expect(refundFor(inv, 3000)).toBe(2000); // new total 5000, paid 7000
    expect(refundFor(inv, 8000)).toBe(7000);
    expect(refundFor({ ...inv, paidMinor: 0 }, 8000)).toBe(0);
  });

  it('credits all that is left when no amount is typed, naming a refund method only when one is due', () => {
    const all = toIssueCreditNote(
      { amount: '', reason: ' Wrong\npatient ', refundMethod: 'cash' },
      inv,
      'INR',
      KEY,
    );
    expect(all).toEqual({ idempotencyKey: KEY, reason: 'Wrong patient', refundMethod: 'cash' });
    expect(IssueCreditNote.safeParse(all).success).toBe(true);
    const part = toIssueCreditNote({ amount: 10, reason: 'Price', refundMethod: 'cash' }, inv, 'INR', KEY);
    expect(part).toEqual({ idempotencyKey: KEY, reason: 'Price', amountMinor: 1000 });
    const bad = toIssueCreditNote({ amount: 'x', reason: 'Price', refundMethod: '' }, inv, 'INR', KEY);
    expect(IssueCreditNote.safeParse(bad).success).toBe(false);
  });
});
