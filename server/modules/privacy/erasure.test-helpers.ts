// Shared by the privacy module's tests: a hospital with its admin, portal patients registered there
// (or nowhere), calls to the API, and reads of what the database holds. Bound to the test file's
// app, which its beforeAll builds (hence the getter).
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { HospitalRole } from '../../../contracts/roles';
import type { ErasureRequest } from '../../../contracts/privacy';
import {
  createHospital,
  createPatientUser,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
  type UserRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';

export const uniq = () => randomBytes(4).toString('hex');

export interface Staff {
  hospital: HospitalRow;
  user: UserRow;
  userId: string;
  headers: AuthHeaders;
}

export interface PortalPatient {
  id: string;
  userId: string;
  email: string;
  headers: AuthHeaders;
  mrn: string | null;
}

export function privacyKit(app: () => TestApp) {
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: unknown) =>
    app().app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await app().database.query<T & Record<string, unknown>>(sql, params)).rows as T[];

  return {
    call,
    rows,

    /** `select count(*) from <sql>`, e.g. count('consultations where patient_id = $1', [id]). */
    count: async (from: string, params: unknown[] = []) =>
      Number((await rows<{ n: number }>(`select count(*)::int as n from ${from}`, params))[0]!.n),

    /** Someone holding `role` at `hospital` (a new hospital when none is given), signed in there. */
    async staff(role: HospitalRole, hospital?: HospitalRow): Promise<Staff> {
      const db = app().database.db;
      const h = hospital ?? (await createHospital(db));
      const user = await createStaff(db, h, role);
      return { hospital: h, user, userId: user.id, headers: await sessionHeaders(db, user, h) };
    },

    /** A patient who signed up, registered at `hospital` when given, signed in to the portal. */
    async patient(hospital?: HospitalRow): Promise<PortalPatient> {
      const db = app().database.db;
      const { user, patient } = await createPatientUser(db, { hospital });
      return {
        id: patient.id,
        userId: user.id,
        email: user.email,
        headers: await sessionHeaders(db, user),
        mrn: patient.mrn,
      };
    },

    /** The patient asks for erasure; fails the test unless it is answered `status`. */
    async requestErasure(p: { headers: object }, status = 201, reason = ''): Promise<ErasureRequest> {
      const res = await call('POST', '/api/erasure-requests', p.headers, { reason });
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as ErasureRequest;
    },

    /** Audit rows matching a SQL condition on audit_events (parameters $1..), oldest first. */
    audit: (where: string, params: unknown[]) =>
      rows<{
        action: string;
        actor_role: string | null;
        hospital_id: string | null;
        patient_id: string | null;
        entity_id: string | null;
        before: unknown;
        after: unknown;
      }>(
        `select action, actor_role, hospital_id, patient_id, entity_id, before, after
           from audit_events where ${where} order by seq`,
        params,
      ),
  };
}
