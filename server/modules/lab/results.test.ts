// Lab results: every analyte entered once, flagged against the limits that apply to the patient and
// kept with them; entered again until a second person verifies them, never after; the order is
// reported once every test is verified, the patient is told and reads only verified results; a
// critical value reaches whoever ordered the test; the report prints what was verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabOrder, LabOrderPage } from '../../../contracts/lab-orders';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key } from '../billing/billing.test-helpers';
import { labResultHelpers } from './results.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const { call, count, lab, put, verify, cbcValues } = labResultHelpers(() => t);

describe('lab results', () => {
  it('flags each number against the patient’s own range and keeps the limits it was judged by', async () => {
    const l = await lab();
    // 12.5 g/dL is low for a man but normal for a woman: the patient is a woman.
    const res = await put(l, 0, { ...cbcValues(l, 12.5, 120), comment: 'Repeat in a week' });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json<LabOrder>().items[0]!;
    expect(item.status).toBe('resulted');
    expect(item.resultComment).toBe('Repeat in a week');
    expect(item.results.map((r) => [r.name, r.value ?? r.text, r.flag, r.refLow, r.refHigh])).toEqual([
      ['Haemoglobin', 12.5, 'normal', 12, 15],
      ['Platelets', 120, 'low', 150, 410],
      ['Smear', 'Normocytic normochromic', null, null, null],
    ]);
    // Entered again before verification: replaced whole. A critical value is flagged as such.
    const again = (await put(l, 0, cbcValues(l, 6.1))).json<LabOrder>().items[0]!;
    expect(again.results.map((r) => r.flag)).toEqual(['critical_low', 'normal', null]);
    expect(again.resultComment).toBe('');
    expect(await count('lab_results where item_id = $1', [item.id])).toBe(3);
    // Changing the catalog afterwards does not change what was recorded.
    const patch = await call('PATCH', `/api/lab/tests/${l.cbc.id}`, l.tech, { name: 'Full blood count' });
    expect(patch.statusCode, patch.body).toBe(200);
    const read = (await call('GET', `/api/lab/orders/${l.order.id}`, l.doctor.headers)).json<LabOrder>();
    expect(read.items[0]!.results[0]).toMatchObject({ refLow: 12, refHigh: 15, criticalLow: 7, value: 6.1 });
  });

  it('needs a second person to verify; then reports the order, tells the patient and the doctor', async () => {
    const l = await lab();
    expect((await put(l, 0, cbcValues(l, 21.5))).statusCode).toBe(200);
    const own = await verify(l, 0, l.tech);
    expect(own.statusCode).toBe(422);
    expect(own.json()).toMatchObject({ code: 'RULE_VIOLATION' });
    expect((await verify(l, 1, l.second)).statusCode).toBe(409); // nothing entered yet

    const ok = await verify(l, 0, l.second);
    expect(ok.statusCode, ok.body).toBe(200);
    const half = ok.json<LabOrder>();
    expect(half.status).toBe('collected');
    expect(half.items[0]).toMatchObject({ status: 'verified', verifiedBy: { name: expect.any(String) } });
    // Verified results never change, and are not verified twice.
    expect((await put(l, 0, cbcValues(l, 13))).statusCode).toBe(409);
    expect((await verify(l, 0, l.tech)).statusCode).toBe(409);
    // The critical haemoglobin reached the doctor who ordered it, in the app and by mail.
    const critical = await count(
      `notification_deliveries where template = 'lab.critical_result' and user_id = $1`,
      [l.doctor.userId],
    );
    expect(critical).toBeGreaterThan(0);
    expect(await count(`notification_deliveries where template = 'lab.report_ready'`)).toBe(0);

    // The patient sees the verified CBC only, not the culture's entered-but-unverified result.
    expect(
      (await put(l, 1, { values: [{ analyteId: l.culture.analytes[0]!.id, text: 'No growth' }] }, l.second))
        .statusCode,
    ).toBe(200);
    const mine = (await call('GET', `/api/lab/my-orders/${l.order.id}`, l.patient.headers)).json<LabOrder>();
    expect(mine.items.map((i) => [i.status, i.results.length])).toEqual([
      ['verified', 3],
      ['resulted', 0],
    ]);
    const done = await verify(l, 1, l.tech);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<LabOrder>().status).toBe('reported');
    await expect(
      t.database.query(`update lab_orders set status = 'cancelled' where id = $1`, [l.order.id]),
    ).rejects.toThrow(/stays so/);
    // The doctor who ordered the tests hears that they are all in.
    expect(
      await count(`notification_deliveries where template = 'lab.results_ready' and user_id = $1`, [
        l.doctor.userId,
      ]),
    ).toBeGreaterThan(0);
    expect(
      await count(`notification_deliveries where template = 'lab.report_ready' and user_id = $1`, [
        l.patient.userId,
      ]),
    ).toBeGreaterThan(0);
    // The database keeps them so too: no statement changes a verified result or its test.
    for (const statement of [
      `update lab_results set value_number = 13 where item_id = $1`,
      `delete from lab_results where item_id = $1`,
      `update lab_order_items set status = 'resulted' where id = $1`,
      `update lab_order_items set name = 'Something else' where id = $1`,
      `delete from lab_order_items where id = $1`,
    ]) {
      await expect(t.database.query(statement, [half.items[0]!.id])).rejects.toThrow(/never/);
    }
    // The lab may still correct the test in its catalog: the verified results keep what they were
    // judged against.
    const ranges = l.cbc.analytes.map(({ id: _id, ...a }) =>
      a.kind === 'numeric' ? { ...a, refLowFemale: 11.5 } : a,
    );
    const corrected = await call('PATCH', `/api/lab/tests/${l.cbc.id}`, l.tech, { analytes: ranges });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const kept = (await call('GET', `/api/lab/orders/${l.order.id}`, l.doctor.headers)).json<LabOrder>();
    expect(kept.items[0]!.results[0]).toMatchObject({ analyteId: null, refLow: 12, value: 21.5 });
    const list = (await call('GET', '/api/lab/my-orders', l.patient.headers)).json<LabOrderPage>();
    expect(list.items.map((o) => [o.id, o.status])).toEqual([[l.order.id, 'reported']]);
    expect(
      await count(`audit_events where action = 'lab.results.verified' and entity_id = $1`, [l.order.id]),
    ).toBe(2);
  });

  it('prints the report of what was verified, for the lab and for the patient alone', async () => {
    const l = await lab();
    expect((await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, l.tech)).statusCode).toBe(409);
    await put(l, 0, { ...cbcValues(l, 21.5, 120), comment: 'Called to Dr Rao' });
    expect((await verify(l, 0, l.second)).statusCode).toBe(200);
    const res = await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, l.doctor.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    for (const text of [
      '(Laboratory report \\(partial\\))',
      '(21.5 g/dL)',
      '(CRITICAL HIGH)',
      '(120 ×10³/µL)'.replace('×10³/µL', '\\32710\\263/\\265L'),
      '(Low)',
      '(12.0 \\226 15.0 g/dL)',
      '(Remark: Called to Dr Rao)',
      '(Pending: the results are not verified yet.)',
    ]) {
      expect(res.body).toContain(text);
    }
    const patientPdf = await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, l.patient.headers);
    expect(patientPdf.statusCode).toBe(200);
    // Another patient, and another hospital's staff, find nothing.
    const { user } = await createPatientUser(t.database.db, { hospital: l.hospital });
    const stranger = await sessionHeaders(t.database.db, user);
    expect((await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, stranger)).statusCode).toBe(404);
    expect((await call('GET', `/api/lab/my-orders/${l.order.id}`, stranger)).statusCode).toBe(404);
    expect((await call('GET', '/api/lab/my-orders', stranger)).json<LabOrderPage>().total).toBe(0);
    const other = await lab();
    expect((await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, other.tech)).statusCode).toBe(404);
  });

  it('refuses incomplete or wrong results whole, and results before the sample or after cancelling', async () => {
    const l = await lab();
    const [hb, plt, smear] = l.cbc.analytes.map((a) => a.id);
    const bad: [object, number][] = [
      [
        {
          values: [
            { analyteId: hb, value: 13 },
            { analyteId: plt, value: 200 },
          ],
        },
        400,
      ], // smear missing
      [{ values: [...cbcValues(l, 13).values, { analyteId: l.culture.analytes[0]!.id, text: 'x' }] }, 400],
      [
        { values: [{ analyteId: hb }, { analyteId: plt, value: 200 }, { analyteId: smear, text: 'ok' }] },
        400,
      ],
      [
        {
          values: [
            { analyteId: hb, value: 13 },
            { analyteId: plt, value: 200 },
            { analyteId: smear, text: '' },
          ],
        },
        400,
      ],
      [
        {
          values: [
            { analyteId: hb, value: '13' },
            { analyteId: plt, value: 200 },
            { analyteId: smear, text: 'ok' },
          ],
        },
        400,
      ],
      [
        {
          values: [
            { analyteId: hb, value: 1e12 },
            { analyteId: plt, value: 200 },
            { analyteId: smear, text: 'ok' },
          ],
        },
        400,
      ],
      [
        {
          values: [
            { analyteId: hb, value: 13 },
            { analyteId: hb, value: 13 },
            { analyteId: smear, text: 'ok' },
          ],
        },
        400,
      ],
      [{ values: [] }, 400],
      [{ ...cbcValues(l, 13), extra: true }, 400],
      [{}, 400],
    ];
    for (const [body, status] of bad) {
      const res = await put(l, 0, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
    }
    expect(
      await count('lab_results r join lab_order_items i on i.id = r.item_id where i.order_id = $1', [
        l.order.id,
      ]),
    ).toBe(0);
    expect(await count(`lab_order_items where order_id = $1 and status = 'collected'`, [l.order.id])).toBe(2);

    // Results wait for the sample; a cancelled order has none.
    const fresh = await call('POST', '/api/lab/orders', l.tech, {
      idempotencyKey: key(),
      patientId: l.patient.id,
      testIds: [l.cbc.id],
    });
    const o = fresh.json<LabOrder>();
    const early = await call(
      'PUT' as 'PATCH',
      `/api/lab/orders/${o.id}/items/${o.items[0]!.id}/results`,
      l.tech,
      cbcValues(l, 13),
    );
    expect(early.statusCode).toBe(409);
    await call('POST', `/api/lab/orders/${o.id}/cancel`, l.tech, { reason: 'Duplicate' });
    const late = await call(
      'PUT' as 'PATCH',
      `/api/lab/orders/${o.id}/items/${o.items[0]!.id}/results`,
      l.tech,
      cbcValues(l, 13),
    );
    expect(late.statusCode).toBe(409);
    // Once results are in, the order cannot be cancelled.
    await put(l, 0, cbcValues(l, 13));
    expect(
      (await call('POST', `/api/lab/orders/${l.order.id}/cancel`, l.tech, { reason: 'x' })).statusCode,
    ).toBe(409);
  });

  it('rejects a sample the lab cannot use: taken again under a new accession, its results dropped', async () => {
    const l = await lab();
    const number = l.order.number;
    await put(l, 0, cbcValues(l, 13));
    const reject = (i: number, body: object, as = l.tech) =>
      call('POST', `/api/lab/orders/${l.order.id}/items/${l.order.items[i]!.id}/reject`, as, body);
    expect((await reject(0, { reason: '' })).statusCode).toBe(400);
    expect((await reject(0, { reason: 'Haemolysed' }, l.receptionist)).statusCode).toBe(403);
    const res = await reject(0, { reason: 'Haemolysed' });
    expect(res.statusCode, res.body).toBe(200);
    const back = res.json<LabOrder>();
    expect(back.status).toBe('awaiting_sample');
    expect(back.items[0]).toMatchObject({
      status: 'awaiting_sample',
      accession: `${number}-1.1`,
      collectedAt: null,
      results: [],
      resultedBy: null,
    });
    expect(back.items[1]).toMatchObject({ status: 'collected', accession: `${number}-2` });
    const labels = await call('GET', `/api/lab/orders/${l.order.id}/labels.pdf`, l.tech);
    expect(labels.body).toContain(`(${number}-1.1)`);
    expect(
      await count(`audit_events where action = 'lab.sample.rejected' and entity_id = $1`, [l.order.id]),
    ).toBe(1);
    // Nothing to reject until the new sample is in; then once more, under the next number.
    expect((await reject(0, { reason: 'Again' })).statusCode).toBe(409);
    const again = await call(
      'POST',
      `/api/lab/orders/${l.order.id}/items/${l.order.items[0]!.id}/collect`,
      l.nurse,
      {},
    );
    expect(again.json<LabOrder>()).toMatchObject({ status: 'collected' });
    expect((await reject(0, { reason: 'Clotted' })).json<LabOrder>().items[0]!.accession).toBe(
      `${number}-1.2`,
    );
    // Verified results are final: their sample is not rejected.
    await put(l, 1, { values: [{ analyteId: l.culture.analytes[0]!.id, text: 'No growth' }] });
    await verify(l, 1, l.second);
    expect((await reject(1, { reason: 'Late' })).statusCode).toBe(409);
  });

  it('lets the lab enter and verify; nurses, the front desk and doctors read', async () => {
    const l = await lab();
    for (const h of [l.nurse, l.receptionist, l.doctor.headers]) {
      expect((await put(l, 0, cbcValues(l, 13), h)).statusCode).toBe(403);
    }
    await put(l, 0, cbcValues(l, 13));
    for (const h of [l.nurse, l.receptionist, l.doctor.headers]) {
      expect((await verify(l, 0, h)).statusCode).toBe(403);
      const read = await call('GET', `/api/lab/orders/${l.order.id}`, h);
      expect(read.json<LabOrder>().items[0]!.results).toHaveLength(3);
    }
    expect((await call('GET', '/api/lab/my-orders', l.tech)).statusCode).toBe(403);
  });
});
