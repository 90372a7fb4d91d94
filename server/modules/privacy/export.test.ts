// The export route (product §17, ADR 33): the patient's own data as a JSON download, audited as a
// read by the patient; 404 for anyone asking another id (staff who are patients too), 403 for roles
// without own-record:read, 400 for a malformed id or query, all changing nothing; a section named
// twice fails loudly; only notices addressed to the person about themself are exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions';
import { PatientExport } from '../../../contracts/privacy';
import { ROLES } from '../../../contracts/roles';
import {
  addMembership,
  createHospital,
  createPatient,
  createPatientUser,
  createStaff,
  createUser,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { MODULES } from '../index';
import { OWN_NOTICE_TEMPLATES } from '../notifications/notifications.patient-export';
import { erasureSteps, exportSteps, providePrivacySteps } from './privacy.ports';

let t: TestApp;
let hospital: HospitalRow;
let me: { id: string; headers: AuthHeaders };
let other: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  hospital = await createHospital(db);
  const { user, patient } = await createPatientUser(db, { hospital });
  me = { id: patient.id, headers: await sessionHeaders(db, user) };
  other = (await createPatientUser(db, { hospital })).patient;
});
afterAll(async () => t?.close());

const url = (patientId: string) => `/api/patients/${patientId}/export`;
const get = (path: string, headers: Record<string, string | undefined> = {}) =>
  t.app.inject({ method: 'GET', url: path, headers });

async function exportRows(where = `action = 'patient.exported'`): Promise<Record<string, unknown>[]> {
  const { rows } = await t.database.query<Record<string, unknown>>(
    `select actor_user_id, actor_role, hospital_id, patient_id, entity_id, outcome, after from audit_events
      where ${where} order by seq`,
  );
  return rows;
}

describe('GET /api/patients/:patientId/export', () => {
  it('answers the patient’s own data as a UTF-8 JSON file to download, named for the day', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const res = await get(url(me.id), me.headers);
    const after = new Date().toISOString().slice(0, 10);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = PatientExport.parse(res.json());
    const day = body.exportedAt.slice(0, 10);
    expect([before, after]).toContain(day);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="hospitium-export-${day}.json"`);
    expect(body.patientId).toBe(me.id);
    expect(body.sections.patient).toEqual([expect.objectContaining({ id: me.id })]);
    expect(body.sections.registrations).toEqual([expect.objectContaining({ hospitalName: hospital.name })]);
    expect(body.sections.admissions).toEqual([]);
    // Times in UTC, as everywhere in the API.
    const signedUp = (body.sections.account as { createdAt: string }[])[0]!.createdAt;
    expect(signedUp).toMatch(/\+00:00$/);
  });

  it('is audited as a read by the patient, with how many rows each section held and nothing else', async () => {
    const res = await get(url(me.id), me.headers);
    expect(res.statusCode).toBe(200);
    const [row] = await exportRows(`request_id = '${res.headers['x-request-id']}'`);
    expect(row).toMatchObject({
      actor_role: 'patient',
      hospital_id: null,
      patient_id: me.id,
      entity_id: me.id,
      outcome: 'success',
    });
    const counts = (row!.after as { rows: Record<string, number> }).rows;
    expect(counts).toMatchObject({ patient: 1, registrations: 1, admissions: 0 });
    expect(Object.values(counts).every((n) => Number.isInteger(n))).toBe(true);
  });

  it('lets a member of staff who is also a patient export their own record, as the patient', async () => {
    const db = t.database.db;
    const user = await createStaff(db, hospital, 'receptionist');
    const patient = await createPatient(db, { user, hospital });
    const headers = await sessionHeaders(db, user, hospital);
    const res = await get(url(patient.id), headers);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await exportRows(`request_id = '${res.headers['x-request-id']}'`);
    expect(row).toMatchObject({ actor_role: 'patient', hospital_id: null, patient_id: patient.id });
    // Acting at the hospital does not reach the hospital's other patients.
    const theirs = await get(url(me.id), headers);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('NOT_FOUND');
  });

  it('is 404 for a patient asking another id or an unknown one, and records no export', async () => {
    const before = (await exportRows()).length;
    for (const id of [other.id, '01900000-0000-7000-8000-000000000000']) {
      const res = await get(url(id), me.headers);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await exportRows()).length).toBe(before);
  });

  it('is 403 for every role without own-record:read, and 401 without a session', async () => {
    const db = t.database.db;
    const roles = ROLES.filter(
      (r): r is Exclude<typeof r, 'patient'> => !ROLE_PERMISSIONS[r].includes('own-record:read'),
    );
    expect(roles.length).toBeGreaterThan(5);
    for (const role of roles) {
      const user = await createUser(db);
      const at = role === 'platform_admin' ? null : hospital;
      await addMembership(db, user, at, role);
      const res = await get(url(me.id), await sessionHeaders(db, user, at));
      expect([role, res.statusCode, res.json().code]).toEqual([role, 403, 'FORBIDDEN']);
    }
    expect((await get(url(me.id))).statusCode).toBe(401);
  });

  it('refuses a malformed id and an unknown query parameter with 400, naming the field', async () => {
    const before = (await exportRows()).length;
    for (const id of ['not-a-uuid', '1', `${me.id}x`, "' or 1=1 --"]) {
      const res = await get(url(encodeURIComponent(id)), me.headers);
      expect([id, res.statusCode, res.json().code]).toEqual([id, 400, 'VALIDATION_FAILED']);
      expect(res.json().errors[0].path).toBe('params.patientId');
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const query = await get(`${url(me.id)}?format=csv`, me.headers);
    expect(query.statusCode).toBe(400);
    expect(query.json().code).toBe('VALIDATION_FAILED');
    expect((await exportRows()).length).toBe(before);
  });

  it('fails, giving nothing, when two modules name the same section', async () => {
    const saved = { exports: exportSteps(), erasures: erasureSteps() };
    const impostor = { module: 'impostor', step: async () => ({ patient: [{ id: 'not me' }] }) };
    providePrivacySteps({ ...saved, exports: [...saved.exports, impostor] });
    try {
      const res = await get(url(me.id), me.headers);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('not me');
      expect(await exportRows(`request_id = '${res.headers['x-request-id']}'`)).toEqual([]);
    } finally {
      providePrivacySteps(saved);
    }
    expect((await get(url(me.id), me.headers)).statusCode).toBe(200);
  });
});

/** Notices to staff, which speak of other patients: never in anyone's export. */
const STAFF_NOTICES = [
  'lab.critical_result',
  'lab.results_ready',
  'scheduling.doctor_appointment_changed',
  'pharmacy.order_waiting',
  'pharmacy.stock_alerts',
  'procurement.order_awaiting_approval',
  'procurement.order_approved',
  'procurement.order_to_supplier',
  'procurement.order_cancelled',
  'procurement.order_cancelled_to_supplier',
  'procurement.goods_received',
  'privacy.erasure_requested',
  'lab.result_amended',
];

describe('notices in the export', () => {
  it('says of every template whether it speaks to the person about themself or to staff', () => {
    const all = MODULES.flatMap((m) => (m.templates ?? []).map((x) => x.name));
    const unsorted = all.filter((n) => !OWN_NOTICE_TEMPLATES.includes(n) && !STAFF_NOTICES.includes(n));
    expect(unsorted).toEqual([]);
    expect(OWN_NOTICE_TEMPLATES.filter((n) => STAFF_NOTICES.includes(n))).toEqual([]);
    expect(OWN_NOTICE_TEMPLATES.filter((n) => !all.includes(n))).toEqual([]);
  });
});
