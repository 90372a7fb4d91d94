// Staff who are also patients where they work: in the portal they act as the patient (their own
// consent, their own erasure requests), and an admin never decides their own erasure.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErasureRequestPage } from '../../../contracts/privacy';
import { createPatient, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { privacyKit } from './erasure.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, staff, patient, requestErasure } = privacyKit(() => t);

it('a receptionist registered where they work records their own decision in the portal, without a method', async () => {
  const desk = await staff('receptionist');
  const own = await createPatient(t.database.db, { hospital: desk.hospital, user: desk.user });
  const res = await call('POST', `/api/patients/${own.id}/consents`, desk.headers, {
    purpose: 'research',
    decision: 'withdrawn',
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ method: 'portal', hospitalName: null });
  // With a method it is staff recording what they were given, at their hospital.
  const recorded = await call('POST', `/api/patients/${own.id}/consents`, desk.headers, {
    purpose: 'research',
    decision: 'granted',
    method: 'written',
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  expect(recorded.json()).toMatchObject({ method: 'written', hospitalName: desk.hospital.name });
});

it('an admin who is also a patient lists their own requests with mine=true, and another admin decides them', async () => {
  const admin = await staff('hospital_admin');
  const own = await createPatient(t.database.db, { hospital: admin.hospital, user: admin.user });
  const other = await patient(admin.hospital);
  const theirs = await requestErasure(other, 201, 'my private reason');
  const mine = await requestErasure({ headers: await sessionHeaders(t.database.db, admin.user) });

  const queue = ErasureRequestPage.parse((await call('GET', '/api/erasure-requests', admin.headers)).json());
  expect(queue.items.map((r) => r.id).sort()).toEqual([theirs.id, mine.id].sort());
  const ownPage = await call('GET', '/api/erasure-requests?mine=true', admin.headers);
  expect(ownPage.statusCode, ownPage.body).toBe(200);
  expect(ErasureRequestPage.parse(ownPage.json()).items.map((r) => [r.id, r.patient.id])).toEqual([
    [mine.id, own.id],
  ]);

  for (const action of ['complete', 'refuse']) {
    const res = await call('POST', `/api/erasure-requests/${mine.id}/${action}`, admin.headers, {
      note: 'deciding my own',
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(403);
  }
  const second = await staff('hospital_admin', admin.hospital);
  const refused = await call('POST', `/api/erasure-requests/${mine.id}/refuse`, second.headers, {
    note: 'Records still needed',
  });
  expect(refused.statusCode, refused.body).toBe(200);
  expect(refused.json().status).toBe('refused');
});

it('mine=true from an admin with no patient record is a 404, and a bad value a 400', async () => {
  const admin = await staff('hospital_admin');
  expect((await call('GET', '/api/erasure-requests?mine=true', admin.headers)).statusCode).toBe(404);
  const bad = await call('GET', '/api/erasure-requests?mine=yes', admin.headers);
  expect(bad.statusCode).toBe(400);
  expect(bad.json().code).toBe('VALIDATION_FAILED');
});
