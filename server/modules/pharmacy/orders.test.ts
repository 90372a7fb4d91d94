// Online orders: checkout reserves stock (two patients can never both be promised the last box),
// the pharmacist verifies, dispenses and completes, the patient is told at each step, and every way
// out (reject, cancel, lapse) gives the stock back.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { createPatientUser, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { form, PDF } from '../documents/documents.test-support';
import { expireLapsedOrders } from './orders.steps';
import {
  inDays,
  key,
  medicine,
  onHand,
  pharmacy,
  receive,
  staffAt,
  type Pharmacy,
} from './pharmacy.test-helpers';
import { verifyStock } from './stock-verify';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const call = (method: 'GET' | 'POST', url: string, headers: object, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function patient() {
  const { user, patient: record } = await createPatientUser(t.database.db);
  return { user, record, headers: await sessionHeaders(t.database.db, user) };
}

async function uploadPrescription(headers: AuthHeaders, patientId: string): Promise<string> {
  const body = form({ kind: 'prescription', title: 'Dr Rao, 1 Dec' }, [
    { filename: 'rx.pdf', content: PDF, type: 'application/pdf' },
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/documents`,
    headers: { ...headers, 'content-type': body.type },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

/** 250 + 12% tax = 280 per tablet (the helper's medicine). */
const checkoutBody = (p: Pharmacy, medicineId: string, quantity: number, o: object = {}) => ({
  idempotencyKey: key(),
  hospitalId: p.hospital.id,
  lines: [{ medicineId, quantity }],
  fulfilment: 'pickup',
  expectedTotalMinor: 280 * quantity,
  ...o,
});

async function deliveries(template: string, userId: string) {
  const { rows } = await t.database.query<{ channel: string }>(
    'select channel from notification_deliveries where template = $1 and user_id = $2 order by channel',
    [template, userId],
  );
  return rows.map((r) => r.channel);
}

async function counts() {
  const { rows } = await t.database.query<{ orders: number; reservations: number; reserved: number }>(
    `select (select count(*) from pharmacy_orders)::int as orders,
            (select count(*) from stock_reservations)::int as reservations,
            (select coalesce(sum(reserved), 0) from stock_batches)::int as reserved`,
  );
  return rows[0]!;
}

describe('an online order, start to finish', () => {
  it('reserves at checkout, is approved, dispensed FEFO, made ready and collected, with a notice at each step', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p, { prescriptionOnly: true });
    await receive(t, p, m.id, [
      { batchNumber: 'LATE', expiryDate: inDays(400), quantity: 10 },
      { batchNumber: 'SOON', expiryDate: inDays(60), quantity: 4 },
    ]);
    const me = await patient();
    const rx = await uploadPrescription(me.headers, me.record.id);

    const shop = await call(
      'GET',
      `/api/shop/medicines?hospitalId=${p.hospital.id}&q=${m.genericName}`,
      me.headers,
    );
    expect(shop.statusCode).toBe(200);
    expect(shop.json().items[0]).toMatchObject({
      id: m.id,
      unitPriceMinor: 250,
      prescriptionOnly: true,
      availability: 'in_stock',
      maxQuantity: 14,
    });

    const placed = await call(
      'POST',
      '/api/shop/orders',
      me.headers,
      checkoutBody(p, m.id, 6, { prescriptionDocumentId: rx }),
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json() as PharmacyOrder;
    expect(order).toMatchObject({
      status: 'awaiting_verification',
      needsPrescription: true,
      prescriptionDocumentId: rx,
      totals: { netMinor: 1500, taxMinor: 180, totalMinor: 1680 },
    });
    expect(order.number).toMatch(/^ORD-\d{6}$/);
    expect(order.reservedUntil).not.toBeNull();
    // Held first expiry first: all 4 of SOON, 2 of LATE; still on the shelf, but not free.
    expect(order.lines[0]!.picks.map((x) => [x.batchNumber, x.quantity])).toEqual([
      ['SOON', 4],
      ['LATE', 2],
    ]);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 14, reserved: 6, availableInPharmacy: 8 });
    expect(await deliveries('pharmacy.order_placed', me.user.id)).toEqual(['email', 'in_app']);
    const pharmacistId = (
      await t.database.query<{ user_id: string }>(
        "select user_id from memberships where hospital_id = $1 and role = 'pharmacist'",
        [p.hospital.id],
      )
    ).rows[0]!.user_id;
    expect(await deliveries('pharmacy.order_waiting', pharmacistId)).toEqual(['in_app']);

    const queue = await call('GET', '/api/pharmacy/orders?status=awaiting_verification', p.headers);
    expect(queue.json().items.map((o: PharmacyOrder) => o.id)).toEqual([order.id]);
    // The pharmacist can open the prescription (checkout registered the patient here).
    const doc = await call('GET', `/api/documents/${rx}`, p.headers);
    expect(doc.statusCode).toBe(200);

    // Dispensing before approval is refused.
    const early = await call('POST', `/api/pharmacy/orders/${order.id}/dispense`, p.headers);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');

    expect((await call('POST', `/api/pharmacy/orders/${order.id}/approve`, p.headers)).json().status).toBe(
      'approved',
    );
    const dispensed = await call('POST', `/api/pharmacy/orders/${order.id}/dispense`, p.headers);
    expect(dispensed.statusCode, dispensed.body).toBe(200);
    expect(dispensed.json().status).toBe('ready');
    expect(
      dispensed
        .json()
        .lines[0].picks.map((x: { batchNumber: string; quantity: number }) => [x.batchNumber, x.quantity]),
    ).toEqual([
      ['SOON', 4],
      ['LATE', 2],
    ]);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 8, reserved: 0, availableInPharmacy: 8 });

    const seen = (await call('GET', `/api/shop/orders/${order.id}`, me.headers)).json() as PharmacyOrder;
    expect(seen.status).toBe('ready');
    // Its times read on the pharmacy's hospital's clock.
    expect(seen.timeZone).toBe(p.hospital.timeZone);
    expect(seen.history.map((h) => h.status)).toEqual(['awaiting_verification', 'approved', 'ready']);

    // A pickup is collected, not delivered.
    const wrong = await call('POST', `/api/pharmacy/orders/${order.id}/complete`, p.headers, {
      how: 'delivered',
    });
    expect(wrong.statusCode).toBe(409);
    const done = await call('POST', `/api/pharmacy/orders/${order.id}/complete`, p.headers, {
      how: 'collected',
    });
    expect(done.json().status).toBe('completed');
    // approved, ready, collected: by email and in the app (SMS only to those with a number).
    expect((await deliveries('pharmacy.order_update', me.user.id)).filter((c) => c !== 'sms')).toEqual([
      'email',
      'email',
      'email',
      'in_app',
      'in_app',
      'in_app',
    ]);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });
});

describe('checkout refuses, holding nothing', () => {
  it('without a prescription for a prescription-only item, with another patient’s document, at a changed price', async () => {
    const p = await pharmacy(t);
    const rxOnly = await medicine(t, p, { prescriptionOnly: true });
    const otc = await medicine(t, p);
    await receive(t, p, rxOnly.id, [{ batchNumber: 'R', expiryDate: inDays(300), quantity: 5 }]);
    await receive(t, p, otc.id, [{ batchNumber: 'O', expiryDate: inDays(300), quantity: 5 }]);
    const me = await patient();
    const other = await patient();
    const theirs = await uploadPrescription(other.headers, other.record.id);
    const before = await counts();

    const noRx = await call('POST', '/api/shop/orders', me.headers, checkoutBody(p, rxOnly.id, 1));
    expect(noRx.statusCode).toBe(422);
    expect(noRx.json().code).toBe('PRESCRIPTION_REQUIRED');

    const stolen = await call(
      'POST',
      '/api/shop/orders',
      me.headers,
      checkoutBody(p, rxOnly.id, 1, { prescriptionDocumentId: theirs }),
    );
    expect(stolen.statusCode).toBe(404);

    const cheap = await call(
      'POST',
      '/api/shop/orders',
      me.headers,
      checkoutBody(p, otc.id, 2, { expectedTotalMinor: 500 }),
    );
    expect(cheap.statusCode).toBe(409);
    expect(cheap.json()).toMatchObject({ code: 'PRICE_CHANGED', totalMinor: 560 });

    const tooMany = await call('POST', '/api/shop/orders', me.headers, checkoutBody(p, otc.id, 6));
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('INSUFFICIENT_STOCK');

    expect(await counts()).toEqual(before);
  });

  it('refuses bad quantities, unknown and other hospitals’ medicines, and a delivery without an address', async () => {
    const p = await pharmacy(t);
    const other = await pharmacy(t);
    const m = await medicine(t, p);
    const foreign = await medicine(t, other);
    await receive(t, other, foreign.id, [{ batchNumber: 'F', expiryDate: inDays(300), quantity: 5 }]);
    const me = await patient();
    const before = await counts();
    const cases: [object, number][] = [
      [checkoutBody(p, m.id, 0), 400],
      [checkoutBody(p, m.id, -2), 400],
      [checkoutBody(p, m.id, 1.5), 400],
      [checkoutBody(p, m.id, 1e9), 400],
      [checkoutBody(p, foreign.id, 1), 404],
      [checkoutBody(p, '01900000-0000-7000-8000-000000000000', 1), 404],
      [checkoutBody(p, m.id, 1, { fulfilment: 'delivery' }), 400],
      [checkoutBody(p, m.id, 1, { hospitalId: '01900000-0000-7000-8000-000000000000' }), 404],
      [{ ...checkoutBody(p, m.id, 1), extra: true }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await call('POST', '/api/shop/orders', me.headers, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('the last box', () => {
  it('two patients checking out the last box at once: one order, one INSUFFICIENT_STOCK', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'ONE', expiryDate: inDays(300), quantity: 1 }]);
    const [a, b] = [await patient(), await patient()];
    const results = await Promise.all([
      call('POST', '/api/shop/orders', a.headers, checkoutBody(p, m.id, 1)),
      call('POST', '/api/shop/orders', b.headers, checkoutBody(p, m.id, 1)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('INSUFFICIENT_STOCK');
    // The promised box cannot be sold over the counter either.
    const sale = await call('POST', '/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      lines: [{ medicineId: m.id, quantity: 1 }],
    });
    expect(sale.statusCode).toBe(409);
    expect(sale.json().code).toBe('INSUFFICIENT_STOCK');
  });

  it('a retried checkout returns the same order; the same key with another cart is refused', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'K', expiryDate: inDays(300), quantity: 10 }]);
    const me = await patient();
    const body = checkoutBody(p, m.id, 2);
    const [first, again] = await Promise.all([
      call('POST', '/api/shop/orders', me.headers, body),
      call('POST', '/api/shop/orders', me.headers, body),
    ]);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await onHand(t, p, m.id)).reserved).toBe(2);
    const changed = await call('POST', '/api/shop/orders', me.headers, {
      ...body,
      lines: [{ medicineId: m.id, quantity: 3 }],
      expectedTotalMinor: 840,
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('IDEMPOTENCY_REUSED');
  });
});

describe('every way out gives the stock back', () => {
  async function placed(quantity = 3) {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'W', expiryDate: inDays(300), quantity: 10 }]);
    const me = await patient();
    const res = await call('POST', '/api/shop/orders', me.headers, checkoutBody(p, m.id, quantity));
    expect(res.statusCode).toBe(201);
    return { p, m, me, order: res.json() as PharmacyOrder };
  }

  it('a rejection, with its reason told to the patient', async () => {
    const { p, m, me, order } = await placed();
    const res = await call('POST', `/api/pharmacy/orders/${order.id}/reject`, p.headers, {
      reason: 'The prescription is older than six months.',
    });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The prescription is older than six months.',
    });
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await deliveries('pharmacy.order_rejected', me.user.id)).toContain('in_app');
  });

  it('the patient cancelling before it is dispensed (and not after)', async () => {
    const { p, m, me, order } = await placed();
    const res = await call('POST', `/api/shop/orders/${order.id}/cancel`, me.headers, {});
    expect(res.json().status).toBe('cancelled');
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 10, reserved: 0 });
    const again = await call('POST', `/api/shop/orders/${order.id}/cancel`, me.headers, {});
    expect(again.statusCode).toBe(409);
  });

  it('the pharmacist cancelling a ready order: the units go back to the batches they left', async () => {
    const { p, m, order } = await placed(4);
    await call('POST', `/api/pharmacy/orders/${order.id}/approve`, p.headers);
    await call('POST', `/api/pharmacy/orders/${order.id}/dispense`, p.headers);
    expect((await onHand(t, p, m.id)).onHand).toBe(6);
    const res = await call('POST', `/api/pharmacy/orders/${order.id}/cancel`, p.headers, {
      reason: 'Not collected',
    });
    expect(res.json().status).toBe('cancelled');
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 10, reserved: 0 });
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('a reservation not verified in time lapses: the order expires and the stock is free', async () => {
    const { p, m, me, order } = await placed();
    await t.database.db.execute(
      sql`update pharmacy_orders set reserved_until = now() - interval '1 minute' where id = ${order.id}`,
    );
    expect(await expireLapsedOrders(t.database.db)).toBeGreaterThanOrEqual(1);
    const seen = (await call('GET', `/api/shop/orders/${order.id}`, me.headers)).json() as PharmacyOrder;
    expect(seen.status).toBe('expired');
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 10, reserved: 0 });
    const approve = await call('POST', `/api/pharmacy/orders/${order.id}/approve`, p.headers);
    expect(approve.statusCode).toBe(409);
  });
});

describe('who sees which order', () => {
  it('other patients and other hospitals’ pharmacists get 404; a nurse gets 403', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'S', expiryDate: inDays(300), quantity: 10 }]);
    const me = await patient();
    const order = (
      await call('POST', '/api/shop/orders', me.headers, checkoutBody(p, m.id, 1))
    ).json() as PharmacyOrder;
    const stranger = await patient();
    const elsewhere = await pharmacy(t);
    expect((await call('GET', `/api/shop/orders/${order.id}`, stranger.headers)).statusCode).toBe(404);
    expect((await call('GET', `/api/pharmacy/orders/${order.id}`, elsewhere.headers)).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/pharmacy/orders/${order.id}/approve`, elsewhere.headers)).statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/shop/orders', stranger.headers)).json().total).toBe(0);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    expect((await call('GET', `/api/pharmacy/orders/${order.id}`, nurse)).statusCode).toBe(403);
  });
});
