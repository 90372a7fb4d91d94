import { describe, expect, it } from 'vitest';
import { BookingAttempt } from './attempt';

const counter = () => {
  let n = 0;
  return () => `key-${String(++n).padStart(4, '0')}`;
};

describe('BookingAttempt', () => {
  it('reuses the key when the same request is retried after a lost answer or a server failure', () => {
    const a = new BookingAttempt(counter());
    const req = { doctorId: 'd', startsAt: '2026-12-03T04:00:00Z' };
    const k1 = a.keyFor(req);
    a.settle({ status: 0 });
    expect(a.keyFor({ ...req })).toBe(k1);
    a.settle({ status: 503 });
    expect(a.keyFor(req)).toBe(k1);
  });

  it('takes a new key for a different request, so the server does not see a reused key', () => {
    const a = new BookingAttempt(counter());
    const k1 = a.keyFor({ startsAt: 'a' });
    a.settle({ status: 0 });
    expect(a.keyFor({ startsAt: 'b' })).not.toBe(k1);
  });

  it('starts a new attempt after a success or a refusal', () => {
    const a = new BookingAttempt(counter());
    const req = { startsAt: 'a' };
    const k1 = a.keyFor(req);
    a.settle();
    const k2 = a.keyFor(req);
    expect(k2).not.toBe(k1);
    a.settle({ status: 409, code: 'SLOT_TAKEN' });
    expect(a.keyFor(req)).not.toBe(k2);
  });

  it('makes keys the server accepts', () => {
    expect(new BookingAttempt().keyFor({})).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  });
});
