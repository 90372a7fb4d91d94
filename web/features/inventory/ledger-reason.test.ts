import { describe, expect, it } from 'vitest';
import { readLedgerReason } from './ledger-reason';

describe('ledger reasons', () => {
  it('reads an adjustment code and the note typed with it', () => {
    expect(readLedgerReason({ kind: 'adjustment', reason: 'damaged' })).toEqual({
      kind: 'adjustment',
      reason: 'damaged',
      note: null,
    });
    expect(readLedgerReason({ kind: 'adjustment', reason: 'count_correction: shelf B: recount' })).toEqual({
      kind: 'adjustment',
      reason: 'count_correction',
      note: 'shelf B: recount',
    });
  });

  it('reads the expiry date of a write-off', () => {
    expect(readLedgerReason({ kind: 'write_off', reason: 'expired 2026-11-30' })).toEqual({
      kind: 'expired',
      date: '2026-11-30',
    });
  });

  it('keeps free text as written, and says nothing when there is no reason', () => {
    expect(readLedgerReason({ kind: 'receipt', reason: 'Invoice 4411' })).toEqual({
      kind: 'text',
      text: 'Invoice 4411',
    });
    expect(readLedgerReason({ kind: 'adjustment', reason: 'broken: glass' })).toEqual({
      kind: 'text',
      text: 'broken: glass',
    });
    expect(readLedgerReason({ kind: 'write_off', reason: 'expired soon' })).toEqual({
      kind: 'text',
      text: 'expired soon',
    });
    expect(readLedgerReason({ kind: 'sale', reason: null })).toEqual({ kind: 'none' });
    expect(readLedgerReason({ kind: 'sale', reason: '  ' })).toEqual({ kind: 'none' });
  });
});
