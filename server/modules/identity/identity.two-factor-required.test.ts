import { errorCode } from '../../test/error-code';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleMayCall } from '../../platform/access';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  addMembership,
  createHospital,
  createStaff,
  sessionHeaders,
  TEST_PASSWORD,
  type AuthHeaders,
} from '../../test/factories';

// A hospital can require two-factor sign-in for its staff. Until they turn it on, such staff may
// sign in and reach their own account (to set it up) but none of the hospital's staff routes.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const UNOWNED = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:([A-Za-z]+)/g, () => UNOWNED);
const me = (headers: Record<string, string | undefined>) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

/** Every route the role may call by permission (not the ones open to anyone signed in). */
const staffRoutes = (role: 'hospital_admin' | 'receptionist') =>
  t.routes.filter((r) => typeof r.access === 'object' && roleMayCall(role, r.access));

async function enableTwoFactor(h: AuthHeaders) {
  const setup = await t.app.inject({ method: 'POST', url: '/api/auth/2fa/setup', headers: h });
  expect(setup.statusCode).toBe(200);
  const code = await generate({ secret: setup.json().secret, epoch: Math.floor(Date.now() / 1000) });
  const enabled = await t.app.inject({
    method: 'POST',
    url: '/api/auth/2fa/enable',
    headers: h,
    payload: { code },
  });
  expect(enabled.statusCode).toBe(200);
}

describe('hospital-required two-factor sign-in', () => {
  it('lets staff without it sign in, reports it, and answers 403 TWO_FACTOR_REQUIRED on every staff route', async () => {
    const hospital = await createHospital(t.database.db, { requireStaffTwoFactor: true });
    const admin = await createStaff(t.database.db, hospital, 'hospital_admin');

    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: TEST_PASSWORD },
    });
    expect(signedIn.statusCode).toBe(204);

    const h = await sessionHeaders(t.database.db, admin, hospital);
    const before = await me(h);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      twoFactorRequired: true,
      roles: [],
      permissions: [],
      activeHospitalId: hospital.id,
    });
    expect(before.json().memberships).toEqual([
      { hospitalId: hospital.id, hospitalName: hospital.name, role: 'hospital_admin' },
    ]);
    const status = await t.app.inject({ method: 'GET', url: '/api/auth/2fa', headers: h });
    expect(status.json()).toMatchObject({ enabled: false, requiredByHospital: true });

    const routes = staffRoutes('hospital_admin');
    expect(routes.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: h,
        ...(r.method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 403 || errorCode(res.json()) !== 'TWO_FACTOR_REQUIRED')
        wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);

    await enableTwoFactor(h);
    const after = await me(h);
    expect(after.json()).toMatchObject({ twoFactorRequired: false, roles: ['hospital_admin'] });
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: h });
    expect(audit.statusCode).toBe(200);
  });

  it('applies to bearer tokens too', async () => {
    const hospital = await createHospital(t.database.db, { requireStaffTwoFactor: true });
    const admin = await createStaff(t.database.db, hospital, 'hospital_admin');
    const pair = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { email: admin.email, password: TEST_PASSWORD },
    });
    expect(pair.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit-events',
      headers: { authorization: `Bearer ${pair.json().accessToken}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('binds only at the hospital that requires it, and not at all for hospitals that do not', async () => {
    const strict = await createHospital(t.database.db, { requireStaffTwoFactor: true });
    const relaxed = await createHospital(t.database.db);
    const admin = await createStaff(t.database.db, relaxed, 'hospital_admin');
    await addMembership(t.database.db, admin, strict, 'hospital_admin');

    const atRelaxed = await sessionHeaders(t.database.db, admin, relaxed);
    expect((await me(atRelaxed)).json()).toMatchObject({
      twoFactorRequired: false,
      roles: ['hospital_admin'],
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: atRelaxed })).statusCode,
    ).toBe(200);

    const atStrict = await sessionHeaders(t.database.db, admin, strict);
    expect((await me(atStrict)).json()).toMatchObject({ twoFactorRequired: true, roles: [] });
    const refused = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: atStrict });
    expect(refused.json().code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('still refuses routes the role never had with FORBIDDEN, not TWO_FACTOR_REQUIRED', async () => {
    const hospital = await createHospital(t.database.db, { requireStaffTwoFactor: true });
    const receptionist = await createStaff(t.database.db, hospital, 'receptionist');
    const h = await sessionHeaders(t.database.db, receptionist, hospital);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: h });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(staffRoutes('receptionist').length).toBeGreaterThan(0);
  });
});
