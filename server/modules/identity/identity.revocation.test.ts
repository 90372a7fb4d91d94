// Ending access must end it everywhere: sign-out and token revocation end the bearer access token,
// a password change ends tokens issued before it (even in the same second), and on every app
// instance, whatever each one has cached about the caller.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type BuiltApp } from '../../app';
import { until } from '../../platform/jobs/jobs.testing';
import { createHospital, createStaff, createUser, TEST_PASSWORD, type UserRow } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
/** A second instance of the app on the same database, as behind a load balancer. */
let other: BuiltApp;
beforeAll(async () => {
  t = await buildTestApp();
  other = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
});
afterAll(async () => {
  await other?.app.close();
  await t?.close();
});

async function tokens(app: BuiltApp['app'], user: UserRow) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { email: user.email, password: TEST_PASSWORD },
  });
  expect(r.statusCode).toBe(200);
  return r.json() as { accessToken: string; refreshToken: string };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (app: BuiltApp['app'], headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers });

describe('bearer tokens end when the client signs out', () => {
  it('sign-out with a bearer token ends that access token and its refresh token', async () => {
    const user = await createUser(t.database.db);
    const pair = await tokens(t.app, user);
    expect((await me(t.app, bearer(pair.accessToken))).statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: bearer(pair.accessToken),
    });
    expect(out.statusCode).toBe(204);
    expect((await me(t.app, bearer(pair.accessToken))).statusCode).toBe(401);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
  });

  it('revoking the refresh token ends the access tokens issued with it, and only those', async () => {
    const user = await createUser(t.database.db);
    const pair = await tokens(t.app, user);
    const unrelated = await tokens(t.app, user); // another device of the same person
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/revoke',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(revoked.statusCode).toBe(204);
    expect((await me(t.app, bearer(pair.accessToken))).statusCode).toBe(401);
    expect((await me(t.app, bearer(unrelated.accessToken))).statusCode).toBe(200);
  });

  it('an access token rotated from a refresh token dies with its family', async () => {
    const user = await createUser(t.database.db);
    const first = await tokens(t.app, user);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: first.refreshToken },
    });
    const second = r.json() as { accessToken: string; refreshToken: string };
    expect((await me(t.app, bearer(second.accessToken))).statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/revoke',
      payload: { refreshToken: second.refreshToken },
    });
    expect((await me(t.app, bearer(first.accessToken))).statusCode).toBe(401);
    expect((await me(t.app, bearer(second.accessToken))).statusCode).toBe(401);
  });
});

describe('a password change ends every other token', () => {
  it('including one issued in the same second as the change, but not the one that made it', async () => {
    const user = await createUser(t.database.db);
    // Pin the clock inside one second: the old token at .100, the change at .900.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T10:00:00.100Z') });
    try {
      const old = await tokens(t.app, user);
      const changer = await tokens(t.app, user);
      vi.setSystemTime(new Date('2026-12-02T10:00:00.900Z'));
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(changer.accessToken),
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'A-new-and-Long-passphrase-7' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await me(t.app, bearer(old.accessToken))).statusCode).toBe(401);
      expect((await me(t.app, bearer(changer.accessToken))).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('on every instance', () => {
  // What each instance knows of a caller may be cached; a change made through another instance must
  // still take effect there at once (the bound is PostgreSQL's delivery of a notification).
  const BOUND_MS = 2000;

  it('sign-out through one instance ends the token on the other', async () => {
    const user = await createUser(t.database.db);
    const pair = await tokens(t.app, user);
    for (let i = 0; i < 3; i++) expect((await me(t.app, bearer(pair.accessToken))).statusCode).toBe(200);
    const out = await other.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: bearer(pair.accessToken),
    });
    expect(out.statusCode).toBe(204);
    await until(
      async () => (await me(t.app, bearer(pair.accessToken))).statusCode === 401,
      'the token to end',
      {
        timeoutMs: BOUND_MS,
        everyMs: 20,
      },
    );
  });

  it('a password change through one instance ends the sessions and tokens known to the other', async () => {
    const user = await createUser(t.database.db);
    const pair = await tokens(t.app, user);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = String([signIn.headers['set-cookie']].flat()[0]).split(';')[0]!;
    expect((await me(t.app, { cookie })).statusCode).toBe(200);
    expect((await me(t.app, bearer(pair.accessToken))).statusCode).toBe(200);

    const fresh = await tokens(other.app, user);
    const changed = await other.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(fresh.accessToken),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Long-passphrase-8' },
    });
    expect(changed.statusCode).toBe(204);
    await until(
      async () =>
        (await me(t.app, { cookie })).statusCode === 401 &&
        (await me(t.app, bearer(pair.accessToken))).statusCode === 401,
      'the session and the token to end',
      { timeoutMs: BOUND_MS, everyMs: 20 },
    );
  });

  it('a role removed through one instance is gone on the other', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await createStaff(t.database.db, hospital, 'hospital_admin');
    const clerk = await createStaff(t.database.db, hospital, 'receptionist');
    const clerkToken = (await tokens(t.app, clerk)).accessToken;
    const asClerk = { ...bearer(clerkToken), 'x-hospital-id': hospital.id };
    const search = () => t.app.inject({ method: 'GET', url: '/api/patients?q=anyone', headers: asClerk });
    expect((await search()).statusCode).toBe(200);

    const adminToken = (await tokens(other.app, admin)).accessToken;
    const set = await other.app.inject({
      method: 'PUT',
      url: `/api/staff/${clerk.id}/roles`,
      headers: { ...bearer(adminToken), 'x-hospital-id': hospital.id },
      payload: { roles: ['procurement_officer'] }, // a role that may not read patients
    });
    expect(set.statusCode).toBe(200);
    await until(async () => (await search()).statusCode === 403, 'the receptionist role to be gone', {
      timeoutMs: BOUND_MS,
      everyMs: 20,
    });
  });
});

describe('the instance a caller writes through', () => {
  it('keeps the writer cached across their writes, and shows a change by someone else at once', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await createStaff(t.database.db, hospital, 'hospital_admin');
    const clerk = await createStaff(t.database.db, hospital, 'receptionist');
    const headers = { ...bearer((await tokens(t.app, clerk)).accessToken), 'x-hospital-id': hospital.id };
    const name = async () =>
      ((await me(t.app, headers)).json() as { user: { fullName: string } }).user.fullName;
    expect(await name()).toBe(clerk.fullName);
    // A change nobody is told of (its trigger held back for this one transaction): from here on,
    // the name the instance answers with says whether it went back to the database.
    await t.database.query(
      `begin; set local session_replication_role = replica;
       update users set full_name = 'Quietly Renamed' where id = '${clerk.id}'; commit`,
    );
    for (let i = 0; i < 3; i++) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/patients',
        headers,
        payload: { givenName: `Cached${i}`, familyName: 'Writer', confirmNotDuplicate: true },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(await name()).toBe(clerk.fullName);
    }

    // The admin removes the receptionist role through the same instance: once that answer is out,
    // the clerk's next request there is refused, with no waiting.
    const adminHeaders = {
      ...bearer((await tokens(t.app, admin)).accessToken),
      'x-hospital-id': hospital.id,
    };
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/staff/${clerk.id}/roles`,
      headers: adminHeaders,
      payload: { roles: ['procurement_officer'] },
    });
    expect(set.statusCode, set.body).toBe(200);
    const search = await t.app.inject({ method: 'GET', url: '/api/patients?q=anyone', headers });
    expect(search.statusCode).toBe(403);
    expect(await name()).toBe('Quietly Renamed'); // loaded again after the announced change
  });
});
