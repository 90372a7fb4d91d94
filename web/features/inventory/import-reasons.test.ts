import { describe, expect, it } from 'vitest';
import { readImportReason, TEMPLATE_HEADER } from './import-reasons';

describe('import report reasons', () => {
  it('names the column and the problem of a field the contract refused', () => {
    expect(readImportReason('genericName: Required')).toEqual({
      column: 'generic_name',
      problem: 'required',
    });
    expect(readImportReason('strength: At most 60 characters')).toEqual({
      column: 'strength',
      problem: 'tooLong',
      max: 60,
    });
    expect(readImportReason('form: Invalid option: expected one of "tablet"|"capsule"')).toEqual({
      column: 'form',
      problem: 'unknownForm',
    });
    expect(readImportReason('barcode: Must be 4 to 64 letters, digits or dashes')).toEqual({
      column: 'barcode',
      problem: 'barcodeFormat',
    });
    expect(readImportReason('packSize: Too small: expected number to be >=1')).toEqual({
      column: 'pack_size',
      problem: 'number',
    });
    expect(readImportReason('manufacturer: Contains characters that are not allowed')).toEqual({
      column: 'manufacturer',
      problem: 'characters',
    });
  });

  it('knows the reasons the import itself gives', () => {
    expect(readImportReason('sale_price must be an amount such as 12.50').problem).toBe('price');
    expect(readImportReason('tax_rate_percent must be a percentage such as 12 or 5.5').problem).toBe(
      'taxRate',
    );
    expect(readImportReason('barcode is already used by another medicine')).toEqual({
      column: 'barcode',
      problem: 'barcodeTaken',
    });
  });

  it('falls back to "not accepted" for anything else', () => {
    expect(readImportReason('something new')).toEqual({ column: null, problem: 'invalid' });
    expect(readImportReason('colour: Required')).toEqual({ column: null, problem: 'invalid' });
  });

  it('offers a template with the columns the import reads', () => {
    expect(TEMPLATE_HEADER.split(',')).toContain('generic_name');
    expect(TEMPLATE_HEADER.split(',')).toContain('sale_price');
  });
});
