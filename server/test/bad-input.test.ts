import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITAL_ROLES } from '../../contracts/roles';
import {
  addMembership,
  createHospital,
  createPatient,
  createUser,
  sessionHeaders,
  type AuthHeaders,
} from './factories';
import { buildTestApp, type TestApp } from './harness';

// Throws malformed requests at every route, as a caller who holds every role (so access control
// lets them through to validation), and checks each is refused with a 4xx problem and that no
// table changed. Route-specific rules are tested next to each module; this is the safety net.

let t: TestApp;
let headers: AuthHeaders;
const ZERO_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const hospital = await createHospital(db);
  const user = await createUser(db);
  for (const role of HOSPITAL_ROLES) await addMembership(db, user, hospital, role);
  await addMembership(db, user, null, 'platform_admin');
  await createPatient(db, { user, hospital });
  headers = await sessionHeaders(db, user, hospital);
});
afterAll(async () => t?.close());

/** Row counts of every table that requests may change (the audit log and rate counters excepted). */
async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await t.database.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('audit_events', 'throttles', 'sessions')`,
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    const c = await t.database.query<{ n: number }>(`select count(*)::int as n from "${r.table_name}"`);
    out[r.table_name] = Number(c.rows[0]!.n);
  }
  return out;
}

const withIds = (url: string, id = ZERO_ID) =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name === 'id' && url.startsWith('/api/auth/sessions') ? 'f'.repeat(64) : id,
  );

/** The JSON body schema the route declares in the OpenAPI document, if any. */
function bodySchema(r: { method: string; url: string }) {
  const path = t.app.swagger().paths?.[r.url.replace(/:(\w+)/g, '{$1}')] as
    Record<string, { requestBody?: unknown }> | undefined;
  const spec = path?.[r.method.toLowerCase()];
  return (
    spec?.requestBody as
      { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } | undefined
  )?.content?.['application/json']?.schema;
}

/** Routes that take a JSON body (action routes without one ignore whatever is sent). */
function bodyRoutes() {
  return t.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && bodySchema(r));
}

describe('bad input never reaches the database and never answers 5xx', () => {
  it('refuses malformed bodies on every route that takes one', async () => {
    const before = await tableCounts();
    const problems: string[] = [];
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const cases: { name: string; payload: string; type?: string; expect: number[] }[] = [
      { name: 'broken JSON', payload: '{"a":', expect: [400] },
      { name: 'array', payload: '[]', expect: [400] },
      { name: 'string', payload: '"x"', expect: [400] },
      { name: 'proto pollution', payload: '{"__proto__":{"isAdmin":true}}', expect: [400] },
      { name: 'constructor pollution', payload: '{"constructor":{"prototype":{"x":1}}}', expect: [400] },
      { name: 'extra field', payload: '{"zzUnexpectedField":1}', expect: [400] },
      { name: 'deep nesting', payload: deep, expect: [400] },
      { name: 'wrong content type', payload: 'a=b', type: 'text/plain', expect: [400, 415] },
      {
        name: 'over the size limit',
        payload: JSON.stringify({ x: 'y'.repeat(t.config.BODY_LIMIT_BYTES + 10) }),
        expect: [413],
      },
    ];
    for (const r of bodyRoutes()) {
      for (const c of cases) {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url: withIds(r.url),
          headers: { ...headers, 'content-type': c.type ?? 'application/json' },
          payload: c.payload,
        });
        const ok =
          c.expect.includes(res.statusCode) ||
          // Rules that need the record (answered 404 for the zero id) may come before field checks.
          (c.name === 'extra field' && res.statusCode === 404);
        if (!ok)
          problems.push(`${r.method} ${r.url} [${c.name}] -> ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    expect(problems).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  }, 300_000);

  it('refuses wrong types and huge or odd strings in every field, with field errors', async () => {
    const before = await tableCounts();
    const problems: string[] = [];
    const odd = [
      12345,
      true,
      null,
      {},
      [],
      'x'.repeat(10_000),
      'a\u0000b',
      'a\u202Eb',
      -1,
      1.5,
      Number.MAX_SAFE_INTEGER * 4,
    ];
    for (const r of bodyRoutes()) {
      const schema = bodySchema(r);
      for (const field of Object.keys(schema?.properties ?? {})) {
        for (const value of odd) {
          const res = await t.app.inject({
            method: r.method as 'POST',
            url: withIds(r.url),
            headers,
            payload: { [field]: value },
          });
          if (res.statusCode >= 500 || res.statusCode < 400) {
            problems.push(
              `${r.method} ${r.url} ${field}=${JSON.stringify(value).slice(0, 20)} -> ${res.statusCode}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  }, 300_000);

  it('refuses malformed ids in paths and out-of-range paging', async () => {
    const problems: string[] = [];
    for (const r of t.routes.filter((x) => x.url.includes(':'))) {
      for (const bad of ['not-an-id', "1' or '1'='1", '%00', 'x'.repeat(300)]) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: withIds(r.url, encodeURIComponent(bad)).replace('f'.repeat(64), encodeURIComponent(bad)),
          headers,
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        if (![400, 404, 414].includes(res.statusCode))
          problems.push(`${r.method} ${r.url} id=${bad} -> ${res.statusCode}`);
      }
    }
    for (const r of t.routes.filter((x) => x.method === 'GET' && !x.url.includes(':'))) {
      for (const q of [
        'limit=100000',
        'limit=-1',
        'limit=abc',
        'offset=-5',
        'offset=99999999999',
        'sort=password_hash',
        'limit=1.5',
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `${r.url}?${q}`, headers });
        if (
          res.statusCode >= 500 ||
          (res.statusCode === 200 &&
            !/^sort=/.test(q) &&
            /limit|offset/.test(q) &&
            r.url !== '/api/openapi.json' &&
            r.url !== '/api/auth/me' &&
            r.url !== '/api/auth/session' &&
            r.url !== '/api/auth/sessions')
        ) {
          problems.push(`GET ${r.url}?${q} -> ${res.statusCode}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
