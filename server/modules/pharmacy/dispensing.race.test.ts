// Many pharmacists dispensing at once on two app instances: never more than the stock there is,
// never beyond the prescription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { dispensingHelpers, dispensed } from './dispensing.test-helpers';
import { expiredBatch, inDays, key, medicine, onHand, pharmacy, receive } from './pharmacy.test-helpers';
import { verifyStock } from './stock-verify';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { get, prescribe, dispense, current, batchOnHand } = dispensingHelpers(() => t);

describe('many pharmacists at once, on two app instances', () => {
  let other: BuiltApp;
  beforeAll(async () => {
    other = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
  });
  afterAll(async () => other?.app.close());

  it('18 prescriptions of 1 unit against 10 units: exactly 10 dispensed, stock 0, the rest INSUFFICIENT_STOCK', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [
      { batchNumber: 'X1', expiryDate: inDays(50), quantity: 4 },
      { batchNumber: 'X2', expiryDate: inDays(80), quantity: 6 },
    ]);
    await expiredBatch(t, p, m.id, 7);
    const patients = await Promise.all(
      Array.from({ length: 6 }, () => createPatient(t.database.db, { hospital: p.hospital })),
    );
    const prs: Prescription[] = [];
    for (let i = 0; i < 18; i++)
      prs.push(await prescribe(p, [{ medicineId: m.id, quantity: 1 }], patients[i % 6]!.id));
    const replies = await Promise.all(
      prs.map((pr, i) =>
        dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], key(), i % 2 ? other.app : t.app),
      ),
    );
    const codes = replies.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(8);
    expect(replies.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(8).fill('INSUFFICIENT_STOCK'),
    );
    // What the answers say was picked is what left the shelf, batch by batch.
    const picked = replies
      .filter((r) => r.statusCode === 200)
      .flatMap((r) => (r.json() as Dispensing).lines[0]!.picks);
    expect(picked.filter((x) => x.batchNumber === 'X1')).toHaveLength(4);
    expect(picked.filter((x) => x.batchNumber === 'X2')).toHaveLength(6);
    const stock = await batchOnHand(m.id);
    expect(Object.entries(stock).filter(([b]) => !b.startsWith('OLD-'))).toEqual([
      ['X1', 0],
      ['X2', 0],
    ]);
    expect(Object.values(stock).every((n) => n >= 0)).toBe(true);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 0, expired: 7 });
    const list = (await get(`/api/prescriptions?limit=100`, p.headers)).json() as { items: Prescription[] };
    expect(list.items.filter((x) => x.status === 'dispensed')).toHaveLength(10);
    expect(list.items.filter((x) => x.status === 'open')).toHaveLength(8);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('12 pharmacists each dispensing 1 unit of the same 5-unit line: 5 dispensed, never beyond the prescription', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'Y1', expiryDate: inDays(50), quantity: 40 }]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 5 }]);
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], key(), i % 2 ? other.app : t.app),
      ),
    );
    const codes = replies.map((r) => r.statusCode);
    const bodies = replies.map((r) => `${r.statusCode} ${r.body.slice(0, 300)}`).join('\n');
    expect(
      codes.filter((c) => c === 200),
      bodies,
    ).toHaveLength(5);
    // Once all five are out the prescription is dispensed; a refusal is one of the two, never a 500.
    for (const r of replies.filter((x) => x.statusCode !== 200)) {
      expect([
        [409, 'INVALID_TRANSITION'],
        [422, 'OVER_DISPENSE'],
      ]).toContainEqual([r.statusCode, r.json().code]);
    }
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('dispensed');
    expect(dispensed(shown)).toEqual([[5, 5]]);
    expect((await onHand(t, p, m.id)).onHand).toBe(35);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });
});
