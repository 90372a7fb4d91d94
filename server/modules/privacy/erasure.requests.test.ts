// Erasure requests before anything is erased: asked once at a time by the patient (the hospitals'
// admins hear of it), seen by the patient and by admins of the hospitals where they are registered
// (nobody else), cancelled by the patient, refused by an admin with a reason the patient is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErasureRequest, ErasureRequestPage } from '../../../contracts/privacy';
import { until } from '../../platform/jobs/jobs.testing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { privacyKit } from './erasure.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, rows, staff, patient, requestErasure, audit } = privacyKit(() => t);

const register = (patientId: string, hospitalId: string, mrn: string) =>
  t.database.query(
    `insert into patient_registrations (id, patient_id, hospital_id, mrn) values (gen_random_uuid(), $1, $2, $3)`,
    [patientId, hospitalId, mrn],
  );

describe('asking for erasure', () => {
  it('records a pending request, tells the admins of each hospital where the patient is registered, and refuses a second', async () => {
    const one = await staff('hospital_admin');
    const two = await staff('hospital_admin');
    const unrelated = await staff('hospital_admin');
    const p = await patient(one.hospital);
    await register(p.id, two.hospital.id, 'MRN-TWO-1');

    const made = await requestErasure(p, 201, 'I moved abroad; please erase my data.');
    expect(ErasureRequest.parse(made)).toMatchObject({
      status: 'pending',
      reason: 'I moved abroad; please erase my data.',
      decidedAt: null,
      decidedByName: null,
      erased: null,
      patient: { id: p.id, mrn: null },
    });
    expect(made.patient.name).toMatch(/^Test Patient/);

    // The reason stays on the request, not in the audit log.
    const [event] = await audit(`action = 'erasure.requested' and patient_id = $1`, [p.id]);
    expect(event).toMatchObject({ actor_role: 'patient', hospital_id: null, entity_id: made.id });
    expect(JSON.stringify(event)).not.toContain('abroad');

    // In the app, and by MRN only: the notice outlives the name.
    const told = await rows<{ user_id: string; hospital_id: string; channel: string }>(
      `select user_id, hospital_id, channel from notification_deliveries
        where template = 'privacy.erasure_requested' order by hospital_id`,
    );
    expect(told.map((d) => [d.user_id, d.channel]).sort()).toEqual(
      [
        [one.userId, 'in_app'],
        [two.userId, 'in_app'],
      ].sort(),
    );
    const notice = await until(
      async () =>
        (
          await rows<{ body: string; link: string }>(
            `select body, link from notifications where user_id = $1`,
            [two.userId],
          )
        )[0],
      'the admin’s notice',
    );
    expect(notice).toEqual({
      body: expect.stringContaining('MRN-TWO-1') as string,
      link: '/app/erasure-requests',
    });
    expect(notice.body).not.toContain('Test Patient');
    expect(told.some((d) => d.user_id === unrelated.userId)).toBe(false);

    const again = await call('POST', '/api/erasure-requests', p.headers, { reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ERASURE_PENDING');
    expect(await count(`erasure_requests where patient_id = $1`, [p.id])).toBe(1);
  });

  it('refuses bad input and callers who are not a patient, writing nothing', async () => {
    const admin = await staff('hospital_admin');
    const p = await patient(admin.hospital);
    for (const body of [
      { reason: 'x'.repeat(1001) },
      { reason: 'a\u0000b' },
      { reason: 'ok', status: 'completed' },
    ]) {
      const res = await call('POST', '/api/erasure-requests', p.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call('POST', '/api/erasure-requests', admin.headers, {})).statusCode).toBe(403);
    expect(await count('erasure_requests where patient_id = $1', [p.id])).toBe(0);
  });
});

describe('seeing requests', () => {
  it('the patient sees their own; an admin where they are registered sees it with the MRN there; anyone else gets 404', async () => {
    const here = await staff('hospital_admin');
    const elsewhere = await staff('hospital_admin');
    const p = await patient(here.hospital);
    const other = await patient(here.hospital);
    const made = await requestErasure(p);
    const theirs = await requestErasure(other);

    const own = ErasureRequestPage.parse((await call('GET', '/api/erasure-requests', p.headers)).json());
    expect(own.items.map((r) => r.id)).toEqual([made.id]);
    expect(own.total).toBe(1);

    const list = await call('GET', '/api/erasure-requests?status=pending', here.headers);
    expect(list.statusCode).toBe(200);
    const page = ErasureRequestPage.parse(list.json());
    expect(page.items.map((r) => r.id)).toEqual([theirs.id, made.id]);
    expect(page.items.find((r) => r.id === made.id)!.patient.mrn).toBe(p.mrn);
    const refused = await call('GET', '/api/erasure-requests?status=refused', here.headers);
    expect(refused.json()).toMatchObject({ items: [], total: 0 });
    const paged = await call('GET', '/api/erasure-requests?limit=1&offset=1', here.headers);
    expect(paged.json()).toMatchObject({ items: [{ id: made.id }], total: 2 });

    const one = await call('GET', `/api/erasure-requests/${made.id}`, here.headers);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: made.id, patient: { id: p.id, mrn: p.mrn } });
    expect((await call('GET', `/api/erasure-requests/${made.id}`, p.headers)).json().patient.mrn).toBeNull();

    expect((await call('GET', '/api/erasure-requests', elsewhere.headers)).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await call('GET', `/api/erasure-requests/${made.id}`, elsewhere.headers)).statusCode).toBe(404);
    expect((await call('GET', `/api/erasure-requests/${made.id}`, other.headers)).statusCode).toBe(404);
    const nurse = await staff('nurse', here.hospital);
    expect((await call('GET', `/api/erasure-requests/${made.id}`, nurse.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/erasure-requests?sort=patient_id', here.headers)).statusCode).toBe(400);
  });
});

describe('deciding without erasing', () => {
  it('the patient cancels a waiting request, and may ask again; a decided one is 409', async () => {
    const admin = await staff('hospital_admin');
    const p = await patient(admin.hospital);
    const other = await patient(admin.hospital);
    const made = await requestErasure(p);
    const cancelUrl = `/api/erasure-requests/${made.id}/cancel`;

    expect((await call('POST', cancelUrl, other.headers, {})).statusCode).toBe(404);
    expect((await call('POST', cancelUrl, admin.headers, {})).statusCode).toBe(403);
    const res = await call('POST', cancelUrl, p.headers, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', decidedByName: expect.any(String) as string });
    const twice = await call('POST', cancelUrl, p.headers, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_DECIDED');
    expect(
      (await call('POST', `/api/erasure-requests/${made.id}/complete`, admin.headers, {})).statusCode,
    ).toBe(409);
    expect(await audit(`action = 'erasure.cancelled' and entity_id = $1`, [made.id])).toHaveLength(1);

    const next = await requestErasure(p);
    expect(next.status).toBe('pending');
  });

  it('an admin refuses with a reason; the patient is told in the app and by e-mail; nothing else changes', async () => {
    const admin = await staff('hospital_admin');
    const elsewhere = await staff('hospital_admin');
    const p = await patient(admin.hospital);
    const made = await requestErasure(p);
    const refuseUrl = `/api/erasure-requests/${made.id}/refuse`;
    const note = 'Your treatment is ongoing; records must be kept for 8 years.';

    for (const body of [{}, { note: 'no' }, { note, extra: 1 }]) {
      expect((await call('POST', refuseUrl, admin.headers, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call('POST', refuseUrl, elsewhere.headers, { note })).statusCode).toBe(404);
    expect((await call('POST', refuseUrl, p.headers, { note })).statusCode).toBe(403);
    expect((await call('GET', `/api/erasure-requests/${made.id}`, p.headers)).json().status).toBe('pending');

    const res = await call('POST', refuseUrl, admin.headers, { note });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'refused',
      decisionNote: note,
      erased: null,
      patient: { mrn: p.mrn },
    });
    expect(res.json().decidedByName).toMatch(/^Test User/);
    expect((await call('POST', refuseUrl, admin.headers, { note })).json().code).toBe('ALREADY_DECIDED');

    const mail = await t.smtp.waitFor(p.email);
    expect(mail.text).toContain(note);
    expect(mail.text).toContain(admin.hospital.name);
    const notice = await until(
      async () =>
        (
          await rows<{ body: string; link: string }>(
            `select body, link from notifications where user_id = $1`,
            [p.userId],
          )
        )[0],
      'the patient’s notice',
    );
    expect(notice.body).toContain(note);
    expect(notice.link).toBe('/app/privacy');

    const [event] = await audit(`action = 'erasure.refused' and entity_id = $1`, [made.id]);
    expect(event).toMatchObject({
      actor_role: 'hospital_admin',
      hospital_id: admin.hospital.id,
      patient_id: p.id,
    });
    const [record] = await rows<{ given_name: string; user_id: string | null }>(
      'select given_name, user_id from patients where id = $1',
      [p.id],
    );
    expect(record).toEqual({ given_name: 'Test', user_id: p.userId });
  });
});
