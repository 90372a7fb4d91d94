import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../contracts/roles';
import { roleMayCall } from '../platform/access';
import {
  addMembership,
  createHospital,
  createPatientUser,
  createUser,
  sessionHeaders,
  type AuthHeaders,
} from './factories';
import { errorCode } from './error-code';
import { buildTestApp, type TestApp } from './harness';

// Walks every /api route with every role (and with nobody) and checks allow/deny against the
// permission table in contracts/permissions.ts. Routes are taken from the live catalogue, so a new
// route is covered the moment it is registered.

let t: TestApp;
const headersByRole = new Map<Role, AuthHeaders>();

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const hospital = await createHospital(db);
  for (const role of ROLES) {
    if (role === 'patient') {
      const { user } = await createPatientUser(db, { hospital });
      headersByRole.set(role, await sessionHeaders(db, user));
    } else {
      const user = await createUser(db);
      await addMembership(db, user, role === 'platform_admin' ? null : hospital, role);
      headersByRole.set(role, await sessionHeaders(db, user, role === 'platform_admin' ? null : hospital));
    }
  }
});
afterAll(async () => t?.close());

/** A concrete URL for a route pattern: every path parameter becomes a well-formed id nobody owns. */
function concrete(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name === 'id' && url.startsWith('/api/auth/sessions')
      ? 'f'.repeat(64)
      : '00000000-0000-4000-8000-000000000000',
  );
}

function call(method: string, url: string, headers: Record<string, string | undefined> = {}) {
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  return t.app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers,
    ...(hasBody ? { payload: {} } : {}),
  });
}

describe('access control on every route', () => {
  it('has a catalogue covering the API', () => {
    expect(t.routes.length).toBeGreaterThanOrEqual(10);
    for (const r of t.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const r of t.routes.filter((x) => x.access !== 'public')) {
      const res = await call(r.method, r.url);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`allows and denies ${role} exactly as the permission table says`, async () => {
      const headers = headersByRole.get(role)!;
      const mismatches: string[] = [];
      for (const r of t.routes) {
        // Signing out would end the session the rest of this walk uses.
        if (r.url === '/api/auth/sign-out') continue;
        const res = await call(r.method, r.url, headers);
        const code = res.statusCode >= 400 ? errorCode(res.json()) : undefined;
        const allowed = roleMayCall(role, r.access);
        if (res.statusCode >= 500) mismatches.push(`${r.method} ${r.url}: ${res.statusCode}`);
        else if (allowed && (code === 'FORBIDDEN' || res.statusCode === 401))
          mismatches.push(`${r.method} ${r.url}: refused (${res.statusCode} ${code}) but allowed`);
        else if (!allowed && code !== 'FORBIDDEN')
          mismatches.push(`${r.method} ${r.url}: ${res.statusCode} ${code ?? ''} but should be 403`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('writes every refusal to the audit log', async () => {
    const headers = headersByRole.get('patient')!;
    const res = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers });
    expect(res.statusCode).toBe(403);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where outcome = 'denied' and request_id = $1`,
      [res.json().requestId],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
