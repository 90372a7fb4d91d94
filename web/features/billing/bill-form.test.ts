import { describe, expect, it } from 'vitest';
import { CreateInvoice, InvoiceLineInput, UpdateInvoiceLine } from '../../../contracts/billing';
import {
  lineServerPaths,
  listedLine,
  otherLine,
  percentToBp,
  previewOf,
  toCreateInvoice,
  toLineFormPath,
  toLineInput,
  toUpdateLine,
  type BillValues,
} from './bill-form';

const PATIENT = '11111111-1111-4111-8111-111111111111';
const SERVICE = '22222222-2222-4222-8222-222222222222';
const MEDICINE = '33333333-3333-4333-8333-333333333333';
const DEPT = '44444444-4444-4444-8444-444444444444';

const service = listedLine(
  'service',
  { id: SERVICE, name: 'X-ray', priceMinor: 50000, taxRateBp: 1200 },
  'INR',
);

describe('a bill as a request', () => {
  it('sends listed lines by id, free lines with their price and tax in minor units and basis points', () => {
    const free = {
      ...otherLine(),
      description: ' Dressing ',
      unitPrice: 12.5,
      taxPercent: 12.5,
      quantity: 2,
    };
    const medicine = listedLine(
      'medicine',
      { id: MEDICINE, name: 'Paracetamol', priceMinor: 200, taxRateBp: 0 },
      'INR',
    );
    const values: BillValues = {
      departmentId: DEPT,
      doctorId: '',
      notes: '  ',
      lines: [service, medicine, free],
    };
    const body = toCreateInvoice(PATIENT, values, 'INR');
    expect(body).toEqual({
      patientId: PATIENT,
      departmentId: DEPT,
      lines: [
        { serviceId: SERVICE, quantity: 1 },
        { medicineId: MEDICINE, quantity: 1 },
        { description: 'Dressing', unitPriceMinor: 1250, taxRateBp: 1250, quantity: 2 },
      ],
    });
    expect(CreateInvoice.safeParse(body).success).toBe(true);
  });

  it('sends a discount by amount or percent with its reason on one line', () => {
    const byAmount = {
      ...service,
      discountKind: 'amount' as const,
      discountValue: '50.5',
      discountReason: 'Staff\nfamily',
    };
    expect(toLineInput(byAmount, 'INR')).toEqual({
      serviceId: SERVICE,
      quantity: 1,
      discount: { kind: 'amount', amountMinor: 5050, reason: 'Staff family' },
    });
    const byPercent = {
      ...service,
      discountKind: 'percent' as const,
      discountValue: 33.33,
      discountReason: 'Camp',
    };
    expect(toLineInput(byPercent, 'INR')).toMatchObject({ discount: { kind: 'percent', percentBp: 3333 } });
  });

  it('leaves figures not typed out, so the contract names the field', () => {
    const paths = (v: object) =>
      InvoiceLineInput.safeParse(v).error?.issues.map((i) => toLineFormPath(i.path.join('.')));
    const blank = { ...otherLine(), unitPrice: '', quantity: '', discountKind: 'amount' as const };
    expect(paths(toLineInput(blank, 'INR'))).toEqual(['quantity', 'discountValue', 'discountReason']);
    expect(paths(toLineInput({ ...otherLine(), quantity: 2 }, 'INR'))).toEqual(['description', 'unitPrice']);
  });

  it('converts percentages on the decimal text', () => {
    expect(percentToBp(12.5)).toBe(1250);
    expect(percentToBp(0.07)).toBe(7);
    expect(percentToBp(33.335)).toBe(3334);
    expect(percentToBp(18)).toBe(1800);
  });

  it('changes a line: quantity and a discount, or none (null)', () => {
    const none = toUpdateLine(
      { quantity: 3, discountKind: 'none', discountValue: '', discountReason: '' },
      'INR',
    );
    expect(none).toEqual({ quantity: 3, discount: null });
    expect(UpdateInvoiceLine.safeParse(none).success).toBe(true);
  });

  it('maps the server’s field paths to the form’s', () => {
    expect(toLineFormPath('lines.2.unitPriceMinor')).toBe('lines.2.unitPrice');
    expect(toLineFormPath('lines.0.discount.reason')).toBe('lines.0.discountReason');
    expect(toLineFormPath('lines.1')).toBe('lines.1.description');
    expect(toLineFormPath('taxRateBp')).toBe('taxPercent');
    expect(lineServerPaths([{ from: 'lines.0.', to: 'lines.0.' }])).toMatchObject({
      'lines.0.discount.percentBp': 'lines.0.discountValue',
    });
    expect(lineServerPaths([{ from: '', to: 'lines.0.' }])).toMatchObject({
      unitPriceMinor: 'lines.0.unitPrice',
    });
  });
});

describe('the preview of a form line', () => {
  it('prices as the server will, and has nothing while incomplete or over-discounted', () => {
    // 2 × 500.00 with 10% off = 900.00; 12% tax = 108.00.
    const l = {
      ...service,
      quantity: 2,
      discountKind: 'percent' as const,
      discountValue: 10,
      discountReason: 'x',
    };
    expect(previewOf(l, 'INR')).toEqual({
      grossMinor: 100000,
      discountMinor: 10000,
      netMinor: 90000,
      taxMinor: 10800,
      totalMinor: 100800,
    });
    expect(previewOf({ ...l, quantity: '' }, 'INR')).toBeNull();
    expect(previewOf({ ...l, quantity: 1.5 }, 'INR')).toBeNull();
    expect(previewOf({ ...l, discountKind: 'amount', discountValue: 1000.01 }, 'INR')).toBeNull();
  });
});
