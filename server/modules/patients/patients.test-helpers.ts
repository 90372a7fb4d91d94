// Shared by this module's tests: a hospital with a receptionist, and patients registered through the API.
import { randomBytes } from 'node:crypto';
import type { HospitalRole } from '../../../contracts/roles';
import {
  createHospital,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';

export const uniq = () => randomBytes(4).toString('hex');

/** A random E.164 number, so tests never collide on phone. */
export const randomPhone = () => `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export interface Desk {
  hospital: HospitalRow;
  headers: AuthHeaders;
}

/** A fresh hospital and a signed-in member of staff there (a receptionist unless said otherwise). */
export async function desk(
  t: TestApp,
  role: HospitalRole = 'receptionist',
  hospital?: HospitalRow,
): Promise<Desk> {
  const h = hospital ?? (await createHospital(t.database.db));
  const user = await createStaff(t.database.db, h, role);
  return { hospital: h, headers: await sessionHeaders(t.database.db, user, h) };
}

/** Registers a patient through the API and returns the reply's body (fails the test on a non-201). */
export async function register(t: TestApp, d: Desk, body: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: d.headers,
    payload: { givenName: 'Test', familyName: `Person ${uniq()}`, confirmNotDuplicate: true, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; mrn: string; [k: string]: unknown };
}

/** What a front desk asks to find a person another hospital (or the person's own sign-up) made. */
export interface KnownPerson {
  givenName: string;
  familyName?: string;
  email?: string;
  dateOfBirth?: string;
  phone?: string;
}

/** POST /api/patients/register-existing: registers a known person at the desk's hospital. */
export function registerExisting(t: TestApp, d: Desk, person: KnownPerson) {
  return t.app.inject({
    method: 'POST',
    url: '/api/patients/register-existing',
    headers: d.headers,
    payload: { ...person },
  });
}

/** Audit rows matching a SQL condition on audit_events (parameters $1..). */
export async function auditRows(t: TestApp, where: string, params: unknown[]) {
  const { rows } = await t.database.query<{
    action: string;
    actor_role: string | null;
    hospital_id: string | null;
    patient_id: string | null;
    entity_type: string;
    before: unknown;
    after: unknown;
  }>(
    `select action, actor_role, hospital_id, patient_id, entity_type, before, after from audit_events where ${where} order by seq`,
    params,
  );
  return rows;
}
