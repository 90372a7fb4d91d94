// Dispensing against prescriptions: in part and then the rest, first expiry first out, never from
// an expired batch (judged in the hospital's time zone), never beyond what was prescribed, and
// retried safely by key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispensing } from '../../../contracts/dispensing';
import { createHospital } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { dispensingHelpers, picksOf, dispensed, localDate } from './dispensing.test-helpers';
import { expiredBatch, inDays, key, medicine, onHand, pharmacy, receive } from './pharmacy.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { prescribe, dispense, current, count, batchOnHand } = dispensingHelpers(() => t);

describe('dispensing', () => {
  it('dispenses in part and then the rest, first expiry first, never from an expired batch', async () => {
    const p = await pharmacy(t);
    const a = await medicine(t, p);
    const b = await medicine(t, p);
    // The later expiry is received first, so receipt order and expiry order disagree; an expired
    // batch would come first of all by expiry, and has stock.
    await receive(t, p, a.id, [{ batchNumber: 'LATE', expiryDate: inDays(300), quantity: 20 }]);
    await receive(t, p, a.id, [{ batchNumber: 'SOON', expiryDate: inDays(40), quantity: 3 }]);
    await expiredBatch(t, p, a.id, 50);
    await receive(t, p, b.id, [{ batchNumber: 'B1', expiryDate: inDays(100), quantity: 10 }]);
    const pr = await prescribe(p, [
      { medicineId: a.id, quantity: 5 },
      { medicineId: b.id, quantity: 4 },
    ]);
    const [la, lb] = pr.lines.map((l) => l.id) as [string, string];

    // 1. Two of A.
    const first = await dispense(p, pr.id, [{ lineId: la, quantity: 2 }]);
    expect(first.statusCode, first.body).toBe(200);
    const d1 = first.json() as Dispensing;
    expect(d1.prescriptionId).toBe(pr.id);
    expect(picksOf(d1, la)).toEqual([['SOON', 2]]);
    expect(d1.lines[0]).toMatchObject({ medicineId: a.id, quantity: 2 });
    expect(d1.prescription.status).toBe('partly_dispensed');
    expect(dispensed(d1.prescription)).toEqual([
      [2, 5],
      [0, 4],
    ]);
    expect((await onHand(t, p, a.id)).onHand).toBe(21);

    // More than is left on a line: refused with the line named, and nothing moves.
    const over = await dispense(p, pr.id, [
      { lineId: lb, quantity: 4 },
      { lineId: la, quantity: 4 },
    ]);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'OVER_DISPENSE', errors: [{ path: 'body.lines.1.quantity' }] });
    expect(over.json().detail).toMatch(/3 left to dispense, 4 asked/);
    // A line of another prescription is not on this one.
    const elsewhere = await prescribe(p, [{ medicineId: b.id, quantity: 1 }], pr.patientId);
    const wrongLine = await dispense(p, pr.id, [{ lineId: elsewhere.lines[0]!.id, quantity: 1 }]);
    expect(wrongLine.statusCode).toBe(404);
    expect(wrongLine.json()).toMatchObject({ code: 'NOT_FOUND', errors: [{ path: 'body.lines.0.lineId' }] });
    // Bad quantities never reach the service.
    for (const quantity of [0, -1, 1.5, 1e12]) {
      const bad = await dispense(p, pr.id, [{ lineId: la, quantity }]);
      expect(bad.statusCode, String(quantity)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
    const twice = await dispense(p, pr.id, [
      { lineId: la, quantity: 1 },
      { lineId: la, quantity: 1 },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(await batchOnHand(a.id)).toMatchObject({ LATE: 20, SOON: 1 });
    expect(await batchOnHand(b.id)).toEqual({ B1: 10 });
    expect(await count('dispensings', p.hospital.id)).toBe(1);

    // 2. The rest: A's last SOON unit, then LATE; all of B.
    const rest = await dispense(p, pr.id, [
      { lineId: la, quantity: 3 },
      { lineId: lb, quantity: 4 },
    ]);
    expect(rest.statusCode, rest.body).toBe(200);
    const d2 = rest.json() as Dispensing;
    expect(picksOf(d2, la)).toEqual([
      ['SOON', 1],
      ['LATE', 2],
    ]);
    expect(picksOf(d2, lb)).toEqual([['B1', 4]]);
    expect(d2.lines.find((l) => l.lineId === la)!.picks[1]!.expiryDate).toBe(inDays(300));
    expect(d2.prescription.status).toBe('dispensed');
    expect(dispensed(d2.prescription)).toEqual([
      [5, 5],
      [4, 4],
    ]);
    expect(await batchOnHand(a.id)).toMatchObject({ LATE: 18, SOON: 0 });
    expect(await onHand(t, p, a.id)).toMatchObject({ onHand: 18, expired: 50 });
    expect((await onHand(t, p, b.id)).onHand).toBe(6);

    // Nothing is left: another dispensing is refused and moves nothing.
    const after = await dispense(p, pr.id, [{ lineId: la, quantity: 1 }]);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('INVALID_TRANSITION');
    expect((await onHand(t, p, a.id)).onHand).toBe(18);
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('dispensed');
    expect(dispensed(shown)).toEqual([
      [5, 5],
      [4, 4],
    ]);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'prescription.dispensed' and entity_id = $1`,
      [pr.id],
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('with only expired stock refuses with INSUFFICIENT_STOCK, all or nothing, and on-hand unchanged', async () => {
    const p = await pharmacy(t);
    const a = await medicine(t, p);
    const b = await medicine(t, p);
    await expiredBatch(t, p, a.id, 30);
    await receive(t, p, b.id, [{ batchNumber: 'B1', expiryDate: inDays(100), quantity: 10 }]);
    const pr = await prescribe(p, [
      { medicineId: a.id, quantity: 2 },
      { medicineId: b.id, quantity: 2 },
    ]);
    const res = await dispense(
      p,
      pr.id,
      pr.lines.map((l) => ({ lineId: l.id, quantity: 2 })),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      medicineId: a.id,
      available: 0,
      requested: 2,
    });
    expect(res.json().detail).toMatch(/30 more are in expired batches/);
    // B had stock, but the request is all or nothing.
    expect(await onHand(t, p, a.id)).toMatchObject({ onHand: 0, expired: 30 });
    expect((await onHand(t, p, b.id)).onHand).toBe(10);
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('open');
    expect(dispensed(shown)).toEqual([
      [0, 2],
      [0, 2],
    ]);
    expect(await count('dispensings', p.hospital.id)).toBe(0);
    // A medicine with no batches at all is refused the same way.
    const none = await medicine(t, p);
    const pr2 = await prescribe(p, [{ medicineId: none.id, quantity: 1 }]);
    const empty = await dispense(p, pr2.id, [{ lineId: pr2.lines[0]!.id, quantity: 1 }]);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('INSUFFICIENT_STOCK');
  });

  it("judges expiry in the hospital's time zone: usable through its expiry day there, never the day after", async () => {
    // Kiritimati is UTC+14: for most of the UTC day its date is already tomorrow's.
    const zone = 'Pacific/Kiritimati';
    const p = await pharmacy(t, await createHospital(t.database.db, { timeZone: zone }));
    const m = await medicine(t, p);
    await expiredBatch(t, p, m.id, 5, localDate(zone, -1)); // expired yesterday, there
    await receive(t, p, m.id, [{ batchNumber: 'TODAY', expiryDate: localDate(zone), quantity: 2 }]);
    await receive(t, p, m.id, [{ batchNumber: 'LATER', expiryDate: inDays(200), quantity: 10 }]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 3 }]);
    const res = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 3 }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(picksOf(res.json(), pr.lines[0]!.id)).toEqual([
      ['TODAY', 2],
      ['LATER', 1],
    ]);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 9, expired: 5 });
  });
});
describe('retrying a dispensing', () => {
  it('with the same key dispenses once and answers the same, even when sent twice at once', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [
      { batchNumber: 'R1', expiryDate: inDays(60), quantity: 2 },
      { batchNumber: 'R2', expiryDate: inDays(90), quantity: 10 },
    ]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 6 }]);
    const lines = [{ lineId: pr.lines[0]!.id, quantity: 4 }];
    const k = key();
    const [a, b] = await Promise.all([dispense(p, pr.id, lines, k), dispense(p, pr.id, lines, k)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const c = await dispense(p, pr.id, lines, k);
    expect(c.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(c.json()).toEqual(a.json());
    expect(picksOf(a.json(), pr.lines[0]!.id)).toEqual([
      ['R1', 2],
      ['R2', 2],
    ]);
    expect((await onHand(t, p, m.id)).onHand).toBe(8);
    expect(await count('dispensings', p.hospital.id)).toBe(1);
    const shown = await current(p, pr.id);
    expect(dispensed(shown)).toEqual([[4, 6]]);

    // The key bound to other content, or another prescription, is refused; nothing moves.
    const changed = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], k);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('IDEMPOTENCY_REUSED');
    const pr2 = await prescribe(p, [{ medicineId: m.id, quantity: 4 }], pr.patientId);
    const moved = await dispense(p, pr2.id, [{ lineId: pr2.lines[0]!.id, quantity: 4 }], k);
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('IDEMPOTENCY_REUSED');
    expect((await onHand(t, p, m.id)).onHand).toBe(8);

    // The rest with a new key finishes it; the first key still answers as it did.
    const rest = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 2 }]);
    expect(rest.statusCode).toBe(200);
    const late = await dispense(p, pr.id, lines, k);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({
      id: a.json().id,
      lines: a.json().lines,
      dispensedAt: a.json().dispensedAt,
    });
    expect((await onHand(t, p, m.id)).onHand).toBe(6);
  });

  it('answers a retry line by line, also when two lines are of the same medicine', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const n = await medicine(t, p);
    // Two batches of m with the same expiry, received one after the other (the older is taken
    // first), and a later one; the first dispensing splits a batch between the two lines of m.
    await receive(t, p, m.id, [{ batchNumber: 'MA', expiryDate: inDays(30), quantity: 2 }]);
    await receive(t, p, m.id, [
      { batchNumber: 'MB', expiryDate: inDays(30), quantity: 3 },
      { batchNumber: 'MC', expiryDate: inDays(60), quantity: 20 },
    ]);
    await receive(t, p, n.id, [{ batchNumber: 'N1', expiryDate: inDays(30), quantity: 20 }]);
    // The same medicine twice (a course and then a lower dose), and another one.
    const pr = await prescribe(p, [
      { medicineId: m.id, quantity: 4, directions: '2 a day for 2 days' },
      { medicineId: n.id, quantity: 3 },
      { medicineId: m.id, quantity: 5, directions: '1 a day for 5 days' },
    ]);
    const [l1, l2, l3] = pr.lines.map((l) => l.id) as [string, string, string];
    const k = key();
    const lines = [
      { lineId: l3, quantity: 3 },
      { lineId: l2, quantity: 3 },
      { lineId: l1, quantity: 4 },
    ];
    const first = await dispense(p, pr.id, lines, k);
    expect(first.statusCode, first.body).toBe(200);
    const d = first.json() as Dispensing;
    // Lines of one medicine are taken in the order asked, each first expiry first.
    expect(picksOf(d, l3)).toEqual([
      ['MA', 2],
      ['MB', 1],
    ]);
    expect(picksOf(d, l1)).toEqual([
      ['MB', 2],
      ['MC', 2],
    ]);
    expect(picksOf(d, l2)).toEqual([['N1', 3]]);
    expect(d.lines.map((l) => [l.lineId, l.quantity])).toEqual(
      expect.arrayContaining([
        [l1, 4],
        [l2, 3],
        [l3, 3],
      ]),
    );
    expect(dispensed(d.prescription)).toEqual([
      [4, 4],
      [3, 3],
      [3, 5],
    ]);

    const retry = await dispense(p, pr.id, lines, k);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await onHand(t, p, m.id)).onHand).toBe(18);
    expect((await onHand(t, p, n.id)).onHand).toBe(17);
    expect(await count('dispensings', p.hospital.id)).toBe(1);
  });
});
