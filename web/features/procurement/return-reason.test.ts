import { describe, expect, it } from 'vitest';
import { readReturnReason } from './return-reason';

describe('supplier return reasons', () => {
  it('reads the kind and the note the server joined', () => {
    expect(readReturnReason('damaged')).toEqual({ reason: 'damaged', note: '' });
    expect(readReturnReason('expired: found on the shelf: 3 strips')).toEqual({
      reason: 'expired',
      note: 'found on the shelf: 3 strips',
    });
    expect(readReturnReason('something: else')).toEqual({ reason: null, note: 'something: else' });
  });
});
