import { describe, expect, it } from 'vitest';
import { CreateSupplier } from '../../../contracts/procurement';
import { readSupplierImportReason, SUPPLIER_TEMPLATE_HEADER } from './supplier-import';

/** The reasons the server gives a refused row: "<field>: <message>" for each of the contract's issues. */
function reasonsFor(row: Record<string, unknown>): string[] {
  const parsed = CreateSupplier.safeParse(row);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${String(i.path[0] ?? 'row')}: ${i.message}`);
}

describe('supplier import reasons', () => {
  it('names the column and the problem of each field the contract refuses', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, 'name', 'required'],
      [{ name: 'x'.repeat(201) }, 'name', 'tooLong'],
      [{ name: 'Acme', email: 'not-an-email' }, 'email', 'email'],
      [{ name: 'Acme', phone: '12345' }, 'phone', 'phone'],
      [{ name: 'Acme', leadTimeDays: Number.NaN }, 'lead_time_days', 'leadTime'],
      [{ name: 'Acme', leadTimeDays: 400 }, 'lead_time_days', 'leadTime'],
      [{ name: 'Acme', taxId: 'A\u0000B' }, 'tax_id', 'characters'],
      [{ name: 'Acme', addressLine: 'y'.repeat(301) }, 'address', 'tooLong'],
    ];
    for (const [row, column, problem] of cases) {
      const [reason] = reasonsFor(row);
      expect(reason, JSON.stringify(row)).toBeDefined();
      expect(readSupplierImportReason(reason!)).toMatchObject({ column, problem });
    }
    expect(readSupplierImportReason('name: At most 200 characters').max).toBe(200);
  });

  it('reads the server’s own reasons and leaves an unknown one as "not accepted"', () => {
    expect(readSupplierImportReason('name: appears earlier in the file')).toEqual({
      column: 'name',
      problem: 'duplicate',
    });
    expect(readSupplierImportReason('row: something else')).toEqual({ column: null, problem: 'invalid' });
    expect(readSupplierImportReason('no colon at all')).toEqual({ column: null, problem: 'invalid' });
  });

  it('offers a template with every column the import reads', () => {
    expect(SUPPLIER_TEMPLATE_HEADER).toBe(
      'name,contact_name,email,phone,address,tax_id,payment_terms,lead_time_days',
    );
  });
});
