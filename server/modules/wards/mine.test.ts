// The patient's own stays: their admissions at every hospital, newest first, with hospital, ward
// and bed, attending doctor and the summary PDF once discharged; paged; bad paging is 400; another
// patient's stays never appear and their summary PDF is 404; staff cannot use the route (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnStayPage } from '../../../contracts/discharge';
import type { Admission } from '../../../contracts/wards';
import {
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let a: Site;
let b: Site;
beforeAll(async () => {
  t = await buildTestApp();
  a = await site(t);
  b = await site(t);
});
afterAll(async () => t?.close());

const MINE = '/api/me/admissions';

async function doctorAt(s: Site) {
  const user = await createStaff(t.database.db, s.hospital, 'doctor');
  return { name: user.fullName, headers: await sessionHeaders(t.database.db, user, s.hospital) };
}

async function admitted(headers: AuthHeaders, patientId: string, bedId: string) {
  const res = await admit(t, headers, patientId, bedId);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Admission>();
}

describe('my stays', () => {
  it("lists the patient's own stays at every hospital, and only theirs", async () => {
    const db = t.database.db;
    const [wardA, wardB] = [await wardWithBeds(t, a, 2), await wardWithBeds(t, b, 1)];
    const me = await createPatientUser(db, { hospital: a.hospital });
    await t.database.query(
      `insert into patient_registrations (id, patient_id, hospital_id, mrn) values (gen_random_uuid(), $1, $2, $3)`,
      [me.patient.id, b.hospital.id, `B-${me.patient.id.slice(0, 8)}`],
    );
    const mine = await sessionHeaders(db, me.user);
    const other = await createPatientUser(db, { hospital: a.hospital });
    const theirs = await sessionHeaders(db, other.user);

    // At A: admitted by the desk, discharged by a doctor. At B, later: admitted by a doctor, still in.
    const docA = await doctorAt(a);
    const first = await admitted(a.reception, me.patient.id, wardA.beds[0]!.id);
    const out = await call(
      t,
      'POST',
      `/api/wards/admissions/${first.id}/discharge`,
      docA.headers,
      summaryBody(),
    );
    expect(out.statusCode, out.body).toBe(200);
    const docB = await doctorAt(b);
    const second = await admitted(docB.headers, me.patient.id, wardB.beds[0]!.id);
    const stranger = await admitted(a.reception, other.patient.id, wardA.beds[1]!.id);

    const res = await call(t, 'GET', MINE, mine);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<OwnStayPage>();
    expect(page).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(page.items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(page.items[0]).toMatchObject({
      hospitalId: b.hospital.id,
      hospitalName: b.hospital.name,
      timeZone: b.hospital.timeZone,
      status: 'active',
      dischargedAt: null,
      ward: wardB.ward.name,
      bed: 'B-1',
      doctorName: docB.name,
      summaryPdf: null,
    });
    expect(page.items[0]!.beds).toEqual([
      { wardName: wardB.ward.name, bedLabel: 'B-1', from: second.admittedAt, to: null },
    ]);
    expect(page.items[1]).toMatchObject({
      hospitalName: a.hospital.name,
      status: 'discharged',
      ward: wardA.ward.name,
      bed: 'B-1',
      doctorName: docA.name,
      summaryPdf: `/api/wards/admissions/${first.id}/discharge-summary.pdf`,
    });
    expect(page.items[1]!.dischargedAt).not.toBeNull();
    expect(page.items[1]!.beds[0]!.to).toBe(page.items[1]!.dischargedAt);

    // The other patient sees only their own stay, admitted by the desk: no doctor to name.
    const them = (await call(t, 'GET', MINE, theirs)).json<OwnStayPage>();
    expect(them.items.map((i) => [i.id, i.doctorName])).toEqual([[stranger.id, null]]);

    // The summary PDF the list links to is the patient's, and nobody else's; a stay not over: 409.
    const pdf = await call(t, 'GET', page.items[1]!.summaryPdf!, mine);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString('latin1')).toContain(`MRN: ${me.patient.mrn}`);
    expect((await call(t, 'GET', page.items[1]!.summaryPdf!, theirs)).statusCode).toBe(404);
    expect((await call(t, 'GET', page.items[1]!.summaryPdf!, b.nurse)).statusCode).toBe(404);
    const early = await call(t, 'GET', `/api/wards/admissions/${second.id}/discharge-summary.pdf`, mine);
    expect([early.statusCode, early.json().code]).toEqual([409, 'INVALID_TRANSITION']);

    // Paged like every list; each read audited against the patient.
    const one = (await call(t, 'GET', `${MINE}?limit=1&offset=1`, mine)).json<OwnStayPage>();
    expect(one).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(one.items.map((i) => i.id)).toEqual([first.id]);
    expect(
      await count(t, `audit_events where action = 'wards.admissions.own_listed' and patient_id = $1`, [
        me.patient.id,
      ]),
    ).toBe(2);
  });

  it('refuses bad paging and anyone but a patient', async () => {
    const db = t.database.db;
    const me = await sessionHeaders(db, (await createPatientUser(db, { hospital: a.hospital })).user);
    for (const q of ['limit=0', 'limit=abc', 'offset=-1', 'patientId=x', 'limit=101']) {
      const res = await call(t, 'GET', `${MINE}?${q}`, me);
      expect([q, res.statusCode, res.json().code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    const empty = (await call(t, 'GET', MINE, me)).json<OwnStayPage>();
    expect(empty).toMatchObject({ items: [], total: 0 });

    const admin = await sessionHeaders(db, await createPlatformAdmin(db));
    for (const staff of [a.nurse, a.reception, a.admin, (await doctorAt(a)).headers, admin]) {
      const res = await call(t, 'GET', MINE, staff);
      expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: MINE });
    expect(anonymous.statusCode).toBe(401);
  });
});
