// Shared set-up for the organisation module's route tests.
import type { HospitalRole } from '../../../contracts/roles';
import {
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
  type UserRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';

export interface Caller {
  user: UserRow;
  h: AuthHeaders;
}

/** A staff member holding `role` at the hospital, signed in and acting there. */
export async function staffCaller(t: TestApp, hospital: HospitalRow, role: HospitalRole): Promise<Caller> {
  const user = await createStaff(t.database.db, hospital, role);
  return { user, h: await sessionHeaders(t.database.db, user, hospital) };
}

export async function patientCaller(t: TestApp): Promise<Caller> {
  const { user } = await createPatientUser(t.database.db);
  return { user, h: await sessionHeaders(t.database.db, user) };
}

export async function platformCaller(t: TestApp): Promise<Caller> {
  const user = await createPlatformAdmin(t.database.db);
  return { user, h: await sessionHeaders(t.database.db, user) };
}

export interface AuditRow {
  action: string;
  actor_user_id: string | null;
  actor_role: string | null;
  hospital_id: string | null;
  entity_type: string;
  entity_id: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
}

/** Audit events about one entity, oldest first. */
export async function auditOf(t: TestApp, entityId: string, action?: string): Promise<AuditRow[]> {
  const { rows } = await t.database.query<AuditRow>(
    `select action, actor_user_id, actor_role, hospital_id, entity_type, entity_id, outcome, before, after
       from audit_events where entity_id = $1 ${action ? 'and action = $2' : ''} order by seq`,
    action ? [entityId, action] : [entityId],
  );
  return rows;
}

/** Row counts and a digest of the rows this module writes, to show a refused request changed nothing. */
export async function orgState(t: TestApp): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const table of [
    'hospitals',
    'departments',
    'memberships',
    'doctor_profiles',
    'invitations',
    'users',
  ]) {
    const { rows } = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = Number(rows[0]!.n);
  }
  const { rows } = await t.database.query<{ h: string }>(
    `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from (
       select id::text || name || active::text || updated_at::text as t from hospitals
       union all select id::text || name || active::text || updated_at::text from departments
       union all select id::text || role || active::text || updated_at::text from memberships
       union all select id::text || status || updated_at::text from doctor_profiles
       union all select id::text || coalesce(revoked_at::text, '') || coalesce(accepted_at::text, '') from invitations) x`,
  );
  out.digest = rows[0]!.h;
  return out;
}
