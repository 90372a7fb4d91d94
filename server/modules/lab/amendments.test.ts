// Corrections of verified lab results (ADR 35): entered with a reason as the next version, released
// by a second person; the version before is kept and shown as superseded; whoever ordered the test
// and the patient whose report was out are told; until released the old results stand, and the
// database refuses any other way of changing them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabOrder } from '../../../contracts/lab-orders';
import { buildTestApp, type TestApp } from '../../test/harness';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { labResultHelpers, type Lab } from './results.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const { call, count, lab, put, verify, cbcValues } = labResultHelpers(() => t);

const amendUrl = (l: Lab, i: number, action = '') =>
  `/api/lab/orders/${l.order.id}/items/${l.order.items[i]!.id}/amendment${action}`;
const amend = (l: Lab, i: number, body: object, as = l.tech) =>
  call('PUT' as 'PATCH', amendUrl(l, i), as, body);
const release = (l: Lab, i: number, as = l.second) => call('POST', amendUrl(l, i, '/release'), as);
const withdraw = (l: Lab, i: number, as = l.tech) => call('POST', amendUrl(l, i, '/withdraw'), as);
const read = async (l: Lab, as = l.doctor.headers) =>
  (await call('GET', `/api/lab/orders/${l.order.id}`, as)).json<LabOrder>();
const values = (o: LabOrder, i = 0) => o.items[i]!.results.map((r) => r.value ?? r.text);

/** Both tests verified (the CBC with a mistyped haemoglobin of 1.4), so the report is out. */
async function reported(): Promise<Lab> {
  const l = await lab();
  expect((await put(l, 0, { ...cbcValues(l, 1.4), comment: 'Phoned to the ward' })).statusCode).toBe(200);
  expect(
    (await put(l, 1, { values: [{ analyteId: l.culture.analytes[0]!.id, text: 'No growth' }] })).statusCode,
  ).toBe(200);
  expect((await verify(l, 0, l.second)).statusCode).toBe(200);
  const done = await verify(l, 1, l.second);
  expect(done.json<LabOrder>().status).toBe('reported');
  return l;
}

describe('correcting verified lab results', () => {
  it('keeps the released results until a second person releases the correction, then supersedes them', async () => {
    const l = await reported();
    const entered = await amend(l, 0, {
      ...cbcValues(l, 14.1),
      comment: 'Corrected value',
      reason: 'Haemoglobin mistyped: 1.4 for 14.1',
    });
    expect(entered.statusCode, entered.body).toBe(200);
    // Pending: staff see it beside the results that still stand; the patient sees neither it nor a change.
    const pending = entered.json<LabOrder>().items[0]!;
    expect(pending.version).toBe(1);
    expect(values(entered.json<LabOrder>())).toEqual([1.4, 250, 'Normocytic normochromic']);
    expect(pending.pendingAmendment).toMatchObject({
      version: 2,
      reason: 'Haemoglobin mistyped: 1.4 for 14.1',
      comment: 'Corrected value',
    });
    expect(pending.pendingAmendment!.results.map((r) => [r.value ?? r.text, r.flag])).toEqual([
      [14.1, 'normal'],
      [250, 'normal'],
      ['Normocytic normochromic', null],
    ]);
    const mine = (await call('GET', `/api/lab/my-orders/${l.order.id}`, l.patient.headers)).json<LabOrder>();
    expect(mine.items[0]).toMatchObject({ version: 1, amendments: [], pendingAmendment: null });
    expect(values(mine)).toEqual([1.4, 250, 'Normocytic normochromic']);

    // Who entered it cannot release it.
    const own = await release(l, 0, l.tech);
    expect(own.statusCode).toBe(422);
    expect(own.json()).toMatchObject({ code: 'RULE_VIOLATION' });

    const ok = await release(l, 0);
    expect(ok.statusCode, ok.body).toBe(200);
    const item = ok.json<LabOrder>().items[0]!;
    expect(item.version).toBe(2);
    expect(item.pendingAmendment).toBeNull();
    expect(values(ok.json<LabOrder>())).toEqual([14.1, 250, 'Normocytic normochromic']);
    expect(item.resultComment).toBe('Corrected value');
    expect(item.amendments).toHaveLength(1);
    expect(item.amendments[0]).toMatchObject({
      version: 2,
      reason: 'Haemoglobin mistyped: 1.4 for 14.1',
      superseded: { comment: 'Phoned to the ward' },
    });
    expect(item.amendments[0]!.superseded.results.map((r) => [r.value ?? r.text, r.flag])).toEqual([
      [1.4, 'critical_low'],
      [250, 'normal'],
      ['Normocytic normochromic', null],
    ]);
    // The patient reads the corrected results, and what they replaced, and is told.
    const now = (await call('GET', `/api/lab/my-orders/${l.order.id}`, l.patient.headers)).json<LabOrder>();
    expect(values(now)).toEqual([14.1, 250, 'Normocytic normochromic']);
    expect(now.items[0]!.amendments[0]!.reason).toBe('Haemoglobin mistyped: 1.4 for 14.1');
    const told = (template: string, userId: string) =>
      count(`notification_deliveries where template = $1 and user_id = $2`, [template, userId]);
    expect(await told('lab.report_amended', l.patient.userId)).toBeGreaterThan(0);
    expect(await told('lab.result_amended', l.doctor.userId)).toBeGreaterThan(0);
    // Both versions stay in the database; the audit holds the values before and after.
    expect(await count('lab_results where item_id = $1', [item.id])).toBe(6);
    const [audited] = (
      await t.database.query<{
        before: { results: unknown[] };
        after: { results: unknown[]; reason: string };
      }>(`select before, after from audit_events where action = 'lab.results.corrected' and entity_id = $1`, [
        l.order.id,
      ])
    ).rows;
    expect(audited!.before.results[0]).toEqual(['Haemoglobin', 1.4, 'critical_low']);
    expect(audited!.after).toMatchObject({ reason: 'Haemoglobin mistyped: 1.4 for 14.1' });
    expect(audited!.after.results[0]).toEqual(['Haemoglobin', 14.1, 'normal']);

    // A second correction supersedes the first, which is kept with its own remark.
    expect(
      (await amend(l, 0, { ...cbcValues(l, 14.1, 260), reason: 'Platelets recounted' }, l.second)).statusCode,
    ).toBe(200);
    const third = await release(l, 0, l.tech);
    expect(third.statusCode, third.body).toBe(200);
    const last = third.json<LabOrder>().items[0]!;
    expect(last.version).toBe(3);
    expect(last.resultComment).toBe('');
    expect(
      last.amendments.map((a) => [a.version, a.superseded.comment, a.superseded.results[1]!.value]),
    ).toEqual([
      [2, 'Phoned to the ward', 250],
      [3, 'Corrected value', 250],
    ]);
  });

  it('puts a reported order with a correction to release back on the lab’s to-do list until it is released', async () => {
    const l = await reported();
    const todo = async () => {
      const list = (await call('GET', '/api/lab/orders', l.tech)).json<{ items: { id: string }[] }>();
      const dash = (await call('GET', '/api/dashboard', l.tech)).json<{
        cards: { key: string; value?: number }[];
      }>();
      return [list.items.map((o) => o.id), dash.cards.find((c) => c.key === 'pendingLabOrders')?.value];
    };
    expect(await todo()).toEqual([[], 0]);
    expect((await amend(l, 0, { ...cbcValues(l, 14.1), reason: 'Mistyped value' })).statusCode).toBe(200);
    expect(await todo()).toEqual([[l.order.id], 1]);
    expect((await release(l, 0)).statusCode).toBe(200);
    expect(await todo()).toEqual([[], 0]);
  });

  it('lets a correction be entered again or withdrawn before release, leaving the results as they were', async () => {
    const l = await reported();
    const body = (hb: number) => ({ ...cbcValues(l, hb), reason: 'Sample of another patient' });
    expect((await amend(l, 0, body(13))).statusCode).toBe(200);
    // Entered again (by another technician): replaced whole, still one pending correction.
    const again = await amend(l, 0, body(12.8), l.second);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<LabOrder>().items[0]!.pendingAmendment!.results[0]!.value).toBe(12.8);
    expect(again.json<LabOrder>().items[0]!.pendingAmendment!.enteredBy.name).not.toBe('');
    expect(await count('lab_result_amendments where item_id = $1', [l.order.items[0]!.id])).toBe(1);
    // The one who entered it last cannot release it; the first technician can.
    expect((await release(l, 0, l.second)).statusCode).toBe(422);

    const gone = await withdraw(l, 0);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json<LabOrder>().items[0]).toMatchObject({
      version: 1,
      pendingAmendment: null,
      amendments: [],
    });
    expect(values(gone.json<LabOrder>())).toEqual([1.4, 250, 'Normocytic normochromic']);
    expect(await count('lab_results where item_id = $1', [l.order.items[0]!.id])).toBe(3);
    expect(await count('lab_result_amendments where item_id = $1', [l.order.items[0]!.id])).toBe(0);
    // Nothing waits now: neither release nor withdraw has anything to act on.
    expect((await release(l, 0)).json()).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await withdraw(l, 0)).statusCode).toBe(409);
    expect(
      await count(`audit_events where action = 'lab.results.correction_withdrawn' and entity_id = $1`, [
        l.order.id,
      ]),
    ).toBe(1);
  });

  it('refuses bad corrections whole, and corrections of results not verified', async () => {
    const l = await lab();
    expect((await put(l, 0, cbcValues(l, 13))).statusCode).toBe(200);
    // Not verified yet: they are changed, not corrected.
    const early = await amend(l, 0, { ...cbcValues(l, 14), reason: 'Mistyped value' });
    expect(early.statusCode).toBe(409);
    expect((await verify(l, 0, l.second)).statusCode).toBe(200);
    const cases: [object, string][] = [
      [cbcValues(l, 14), 'reason'],
      [{ ...cbcValues(l, 14), reason: '' }, 'reason'],
      [{ ...cbcValues(l, 14), reason: 'typo' }, 'reason'],
      [{ ...cbcValues(l, 14), reason: 'x'.repeat(501) }, 'reason'],
      [{ values: cbcValues(l, 14).values.slice(0, 2), reason: 'Mistyped value' }, 'values'],
      [{ ...cbcValues(l, 14), reason: 'Mistyped value', extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await amend(l, 0, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (field) expect(JSON.stringify(res.json()), JSON.stringify(body)).toContain(field);
    }
    const empty = await amend(l, 0, { ...cbcValues(l, 14), reason: '  ' });
    expect(empty.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      expect.objectContaining({ message: 'Required' }),
    ]);
    expect(await count('lab_result_amendments where item_id = $1', [l.order.items[0]!.id])).toBe(0);
    expect(await count('lab_results where item_id = $1', [l.order.items[0]!.id])).toBe(3);
    // A test of another hospital's order is not found.
    const other = await lab();
    const stranger = await call('PUT' as 'PATCH', amendUrl(l, 0), other.tech, {
      ...cbcValues(l, 14),
      reason: 'Mistyped value',
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('lets the lab correct and release; doctors, nurses and patients cannot', async () => {
    const l = await reported();
    const body = { ...cbcValues(l, 14.1), reason: 'Mistyped value' };
    const nurse = await staffAt(t, l.hospital, 'nurse');
    for (const who of [l.doctor.headers, nurse, l.patient.headers]) {
      expect((await amend(l, 0, body, who)).statusCode).toBe(403);
    }
    expect((await amend(l, 0, body)).statusCode).toBe(200);
    for (const who of [l.doctor.headers, nurse, l.patient.headers]) {
      expect((await release(l, 0, who)).statusCode).toBe(403);
      expect((await withdraw(l, 0, who)).statusCode).toBe(403);
    }
    expect((await read(l, nurse)).items[0]!.pendingAmendment).not.toBeNull();
  });

  it('releases a correction once when two people release it at the same moment', async () => {
    const l = await reported();
    const third = await staffAt(t, l.hospital, 'lab_technician');
    expect((await amend(l, 0, { ...cbcValues(l, 14.1), reason: 'Mistyped value' })).statusCode).toBe(200);
    const answers = await Promise.all([release(l, 0, l.second), release(l, 0, third)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect((await read(l)).items[0]!.version).toBe(2);
    expect(
      await count(`audit_events where action = 'lab.results.corrected' and entity_id = $1`, [l.order.id]),
    ).toBe(1);
  });

  it('keeps every released version in the database: no statement changes them', async () => {
    const l = await reported();
    expect((await amend(l, 0, { ...cbcValues(l, 14.1), reason: 'Mistyped value' })).statusCode).toBe(200);
    expect((await release(l, 0)).statusCode).toBe(200);
    const item = l.order.items[0]!.id;
    for (const statement of [
      `update lab_results set value_number = 1 where item_id = $1 and version = 1`,
      `update lab_results set value_number = 1 where item_id = $1 and version = 2`,
      `delete from lab_results where item_id = $1 and version = 1`,
      `update lab_result_amendments set reason = 'other' where item_id = $1`,
      `delete from lab_result_amendments where item_id = $1`,
      `update lab_order_items set version = 3 where id = $1`,
      `update lab_order_items set version = 1 where id = $1`,
    ]) {
      await expect(t.database.query(statement, [item]), statement).rejects.toThrow(/never|stays/);
    }
    expect(values(await read(l))).toEqual([14.1, 250, 'Normocytic normochromic']);
  });

  it('prints, publishes and exports a corrected report as corrected, with what it replaced', async () => {
    const l = await reported();
    const ids = async (version: number) =>
      (
        await t.database.query<{ id: string }>(
          'select id from lab_results where item_id = $1 and version = $2 order by position',
          [l.order.items[0]!.id, version],
        )
      ).rows.map((r) => r.id);
    const [wrongHb] = await ids(1);
    expect((await call('GET', `/fhir/R4/Observation/${wrongHb}`, l.doctor.headers)).json()).toMatchObject({
      status: 'final',
    });
    const corrected = {
      ...cbcValues(l, 14.1),
      comment: 'Rechecked on the analyser',
      reason: 'Mistyped value',
    };
    expect((await amend(l, 0, corrected)).statusCode).toBe(200);
    // A correction not released is published nowhere.
    expect(
      (await call('GET', `/fhir/R4/DiagnosticReport/${l.order.id}`, l.doctor.headers)).json(),
    ).toMatchObject({ status: 'final' });
    const releasedOrder = await release(l, 0);
    expect(releasedOrder.statusCode).toBe(200);
    const correction = releasedOrder.json<LabOrder>().items[0]!.amendments[0]!;

    const pdf = await call('GET', `/api/lab/orders/${l.order.id}/report.pdf`, l.patient.headers);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.body).toContain('(Laboratory report - CORRECTED)');
    expect(pdf.body).toContain('Mistyped value');
    expect(pdf.body).toContain('(Replaced: Haemoglobin 1.4 g/dL)');

    const [rightHb] = await ids(2);
    const old = (await call('GET', `/fhir/R4/Observation/${wrongHb}`, l.doctor.headers)).json();
    expect(old).toMatchObject({ status: 'entered-in-error', valueQuantity: { value: 1.4 } });
    expect(old.meta.lastUpdated).toBe(correction.releasedAt);
    const now = (await call('GET', `/fhir/R4/Observation/${rightHb}`, l.doctor.headers)).json();
    // Issued when the correction was released, by whoever released it.
    expect(now).toMatchObject({
      status: 'corrected',
      valueQuantity: { value: 14.1 },
      issued: correction.releasedAt,
      meta: { lastUpdated: correction.releasedAt },
      performer: [{}, { display: correction.releasedBy.name }],
    });
    const search = await call('GET', `/fhir/R4/Observation?patient=${l.patient.id}`, l.doctor.headers);
    const found = (search.json<{ entry: { resource: { id: string } }[] }>().entry ?? []).map(
      (e) => e.resource.id,
    );
    expect(found).toContain(rightHb);
    expect(found).not.toContain(wrongHb);
    const report = (await call('GET', `/fhir/R4/DiagnosticReport/${l.order.id}`, l.doctor.headers)).json();
    expect(report).toMatchObject({ status: 'corrected', issued: correction.releasedAt });
    expect(report.meta.lastUpdated).toBe(correction.releasedAt);
    expect(report.conclusion).toContain('Rechecked on the analyser');
    expect(report.conclusion).not.toContain('Phoned to the ward');
    const byStatus = async (status: string) =>
      (
        await call(
          'GET',
          `/fhir/R4/DiagnosticReport?patient=${l.patient.id}&status=${status}`,
          l.doctor.headers,
        )
      ).json<{ total: number }>().total;
    expect([await byStatus('corrected'), await byStatus('final')]).toEqual([1, 0]);

    // The patient's export holds both versions and the correction's reason.
    const exported = await call('GET', `/api/patients/${l.patient.id}/export`, l.patient.headers);
    expect(exported.statusCode, exported.body).toBe(200);
    const orders = exported.json<{
      sections: {
        labOrders: {
          tests: {
            version: number;
            resultComment: string;
            results: { version: number; valueNumber: number }[];
            corrections: { reason: string }[];
          }[];
        }[];
      };
    }>().sections.labOrders;
    const cbc = orders[0]!.tests[0]!;
    expect(cbc.version).toBe(2);
    expect(cbc.results.filter((r) => r.version === 1)[0]!.valueNumber).toBe(1.4);
    expect(cbc.results.filter((r) => r.version === 2)[0]!.valueNumber).toBe(14.1);
    expect(cbc.corrections.map((c) => c.reason)).toEqual(['Mistyped value']);
    expect(cbc.resultComment).toBe('Rechecked on the analyser');
  });
});
