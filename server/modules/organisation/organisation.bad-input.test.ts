import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, createHospital, createStaff } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { orgState, platformCaller, staffCaller, type Caller } from './organisation.test-helpers';

// Every organisation route, called by someone it allows, on real records of their own hospital, with
// malformed input: each answer must be 400 problem+json, and nothing may change. The shared safety net
// (server/test/bad-input.test.ts) uses ids nobody owns; these reach past the 404 to the field checks.

let t: TestApp;
let admin: Caller;
let platform: Caller;
const ids = { hospital: '', department: '', staffUser: '', doctor: '', invitation: '' };

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const hospital = await createHospital(db);
  ids.hospital = hospital.id;
  ids.department = (await createDepartment(db, hospital, 'Neurology')).id;
  admin = await staffCaller(t, hospital, 'hospital_admin');
  platform = await platformCaller(t);
  ids.staffUser = (await createStaff(db, hospital, 'nurse')).id;
  const doctor = await createStaff(db, hospital, 'doctor');
  const { rows } = await t.database.query<{ id: string }>(
    `update doctor_profiles set status = 'pending' where user_id = $1 returning id`,
    [doctor.id],
  );
  ids.doctor = rows[0]!.id;
  const inv = await t.app.inject({
    method: 'POST',
    url: '/api/staff/invitations',
    headers: admin.h,
    payload: { email: 'bad-input-invitee@example.org', role: 'nurse' },
  });
  ids.invitation = inv.json().id;
});
afterAll(async () => t?.close());

const HUGE = 'x'.repeat(10_000);
const WRONG: Record<string, unknown[]> = {
  str: [12345, true, [], {}, HUGE, 'a\u0000b', 'a\u202Eb'],
  nullableStr: [12345, true, [], {}, HUGE],
  text: [12345, true, [], {}, HUGE, 'a\u0000b'],
  bool: ['true', 1, null, []],
  int: ['100', 1.5, -1, null, 1e15, true],
  uuidOrNull: ['not-a-uuid', 12, HUGE, ''],
  languages: ['English', [123], [HUGE], Array.from({ length: 21 }, () => 'a'), null],
  roles: ['nurse', ['nurse', 'nurse'], ['superuser'], ['patient'], ['platform_admin'], [], null],
  role: ['platform_admin', 'patient', 12, HUGE, null],
  doctorProfile: [
    'x',
    [],
    { specialty: 1, registrationNumber: 'R' },
    { specialty: 'S' },
    { specialty: 'S', registrationNumber: 'R', extra: 1 },
  ],
  token: [12345, 'short', HUGE, 'has spaces in it and is long enough', null],
  email: ['not-an-email', 12, `${HUGE}@example.org`, null],
  nullableEmail: ['not-an-email', 12, `${HUGE}@example.org`, 'a@b@c'],
  reason: ['', '   ', 'x'.repeat(501), 42, null, 'a\u0000b'],
};

interface BodyRoute {
  method: 'POST' | 'PUT' | 'PATCH';
  url: () => string;
  caller: () => Caller;
  valid: Record<string, unknown>;
  fields: Record<string, keyof typeof WRONG>;
}

const routes: BodyRoute[] = [
  {
    method: 'POST',
    url: () => '/api/hospitals',
    caller: () => platform,
    valid: { name: 'Valid', code: 'VALID1', timeZone: 'Asia/Kolkata', currency: 'INR' },
    fields: {
      name: 'str',
      code: 'str',
      address: 'text',
      city: 'str',
      country: 'str',
      phone: 'nullableStr',
      email: 'nullableEmail',
      timeZone: 'str',
      currency: 'str',
    },
  },
  {
    method: 'PATCH',
    url: () => `/api/hospitals/${ids.hospital}`,
    caller: () => admin,
    valid: { name: 'Still valid' },
    fields: {
      name: 'str',
      address: 'text',
      city: 'str',
      phone: 'nullableStr',
      timeZone: 'str',
      currency: 'str',
      requireStaffTwoFactor: 'bool',
    },
  },
  {
    method: 'POST',
    url: () => '/api/departments',
    caller: () => admin,
    valid: { name: 'Valid department' },
    fields: { name: 'str', description: 'text' },
  },
  {
    method: 'PATCH',
    url: () => `/api/departments/${ids.department}`,
    caller: () => admin,
    valid: { name: 'Renamed' },
    fields: { name: 'str', description: 'text', active: 'bool' },
  },
  {
    method: 'PUT',
    url: () => `/api/staff/${ids.staffUser}/roles`,
    caller: () => admin,
    valid: { roles: ['receptionist'] },
    fields: { roles: 'roles', doctorProfile: 'doctorProfile' },
  },
  {
    method: 'POST',
    url: () => '/api/staff/invitations',
    caller: () => admin,
    valid: { email: 'someone-new@example.org', role: 'nurse' },
    fields: { email: 'email', role: 'role' },
  },
  {
    method: 'POST',
    url: () => '/api/invitations/accept',
    caller: () => ({ ...admin, h: {} as Caller['h'] }),
    valid: { token: 'a'.repeat(43), fullName: 'New Person', password: 'A-Valid-Passphrase-1' },
    fields: { token: 'token', fullName: 'str', password: 'nullableStr' },
  },
  {
    method: 'PATCH',
    url: () => `/api/doctors/${ids.doctor}`,
    caller: () => admin,
    valid: { bio: 'ok' },
    fields: {
      specialty: 'str',
      departmentId: 'uuidOrNull',
      qualifications: 'text',
      registrationNumber: 'str',
      consultationFeeMinor: 'int',
      languages: 'languages',
      bio: 'text',
    },
  },
  {
    method: 'POST',
    url: () => `/api/doctors/${ids.doctor}/reject`,
    caller: () => admin,
    valid: { reason: 'A reason' },
    fields: { reason: 'reason' },
  },
];

/** Action routes that take no parameters: anything but nothing or `{}` is refused. */
const actions = () => [
  `/api/doctors/${ids.doctor}/approve`,
  `/api/staff/${ids.staffUser}/deactivate`,
  `/api/staff/${ids.staffUser}/reactivate`,
  `/api/staff/invitations/${ids.invitation}/revoke`,
];

async function send(method: string, url: string, caller: Caller, payload: unknown, raw = false) {
  return t.app.inject({
    method: method as 'POST',
    url,
    headers: { ...caller.h, 'content-type': 'application/json' },
    payload: raw ? (payload as string) : JSON.stringify(payload),
  });
}

describe('organisation routes refuse bad input and change nothing', () => {
  it('wrong types, huge and odd strings in every field', async () => {
    const before = await orgState(t);
    const problems: string[] = [];
    for (const r of routes) {
      for (const [field, kind] of Object.entries(r.fields)) {
        for (const value of WRONG[kind]!) {
          const res = await send(r.method, r.url(), r.caller(), { ...r.valid, [field]: value });
          if (res.statusCode !== 400 || res.json().code !== 'VALIDATION_FAILED') {
            problems.push(
              `${r.method} ${r.url()} ${field}=${JSON.stringify(value).slice(0, 30)} -> ${res.statusCode}`,
            );
          } else if (
            !res
              .json()
              .errors?.some((e: { path: string }) => e.path.startsWith(`body.${field}`) || e.path === 'body')
          ) {
            problems.push(
              `${r.method} ${r.url()} ${field}: no field error (${JSON.stringify(res.json().errors)})`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await orgState(t)).toEqual(before);
  });

  it('missing and extra fields, __proto__ keys, non-objects', async () => {
    const before = await orgState(t);
    const problems: string[] = [];
    for (const r of routes) {
      const cases: [string, unknown, boolean][] = [
        ['empty', {}, false],
        ['extra hospitalId', { ...r.valid, hospitalId: ids.hospital }, false],
        ['extra id', { ...r.valid, id: ids.department }, false],
        ['extra status', { ...r.valid, status: 'approved' }, false],
        ['extra createdBy', { ...r.valid, createdBy: admin.user.id }, false],
        ['proto', `{"__proto__":{"isAdmin":true},${JSON.stringify(r.valid).slice(1)}`, true],
        ['constructor', `{"constructor":{"prototype":{"x":1}},${JSON.stringify(r.valid).slice(1)}`, true],
        ['array', [r.valid], false],
        ['null', null, false],
      ];
      for (const [name, payload, raw] of cases) {
        // PATCH routes accept any one field, so `{}` is "nothing to change" (also 400).
        const res = await send(r.method, r.url(), r.caller(), payload, raw);
        if (res.statusCode !== 400)
          problems.push(`${r.method} ${r.url()} [${name}] -> ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    for (const url of actions()) {
      for (const payload of [{ x: 1 }, [], 'x', 1, { reason: 'no' }]) {
        const res = await send('POST', url, admin, payload);
        if (res.statusCode !== 400)
          problems.push(`POST ${url} ${JSON.stringify(payload)} -> ${res.statusCode}`);
      }
      const proto = await send('POST', url, admin, '{"__proto__":{"x":1}}', true);
      if (proto.statusCode !== 400) problems.push(`POST ${url} __proto__ -> ${proto.statusCode}`);
    }
    expect(problems).toEqual([]);
    expect(await orgState(t)).toEqual(before);
  });

  it('malformed ids in paths', async () => {
    const before = await orgState(t);
    const problems: string[] = [];
    const templates: [string, string, unknown][] = [
      ['GET', '/api/hospitals/:x', undefined],
      ['PATCH', '/api/hospitals/:x', { name: 'N' }],
      ['PATCH', '/api/departments/:x', { name: 'N' }],
      ['PUT', '/api/staff/:x/roles', { roles: ['nurse'] }],
      ['POST', '/api/staff/:x/deactivate', undefined],
      ['POST', '/api/staff/:x/reactivate', undefined],
      ['POST', '/api/staff/invitations/:x/revoke', undefined],
      ['GET', '/api/doctors/:x', undefined],
      ['PATCH', '/api/doctors/:x', { bio: 'b' }],
      ['POST', '/api/doctors/:x/approve', undefined],
      ['POST', '/api/doctors/:x/reject', { reason: 'r' }],
    ];
    for (const [method, tpl, payload] of templates) {
      for (const bad of [
        'not-a-uuid',
        `${ids.department}x`,
        ids.department.toUpperCase().replace(/-/g, ''),
        "1' or '1'='1",
        '%00',
        'x'.repeat(150),
      ]) {
        const res = await t.app.inject({
          method: method as 'GET',
          url: tpl.replace(':x', encodeURIComponent(bad)),
          headers: admin.h,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        if (res.statusCode !== 400)
          problems.push(`${method} ${tpl} id=${bad.slice(0, 20)} -> ${res.statusCode}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await orgState(t)).toEqual(before);
  });

  it('bad query parameters on list routes', async () => {
    const problems: string[] = [];
    const cases: [string, Caller][] = [
      ['/api/hospitals?limit=101', admin],
      ['/api/hospitals?offset=-1', admin],
      [`/api/hospitals?q=${HUGE}`, platform],
      ['/api/departments?active=yes', admin],
      ['/api/departments?limit=5', admin],
      ['/api/staff?role=patient', admin],
      ['/api/staff?active=1', admin],
      ['/api/staff?limit=1.5', admin],
      [`/api/staff?q=${'y'.repeat(101)}`, admin],
      ['/api/staff?sort=password_hash', admin],
      ['/api/staff/invitations?status=all', admin],
      ['/api/doctors?status=retired', admin],
      ['/api/doctors?departmentId=abc', admin],
      ['/api/doctors?offset=100001', admin],
      ['/api/public/doctors?specialty=', admin],
      ['/api/public/hospitals?x=1', admin],
      ['/api/doctors/me?limit=1', admin],
    ];
    for (const [url, caller] of cases) {
      const res = await t.app.inject({ method: 'GET', url, headers: caller.h });
      if (res.statusCode !== 400) problems.push(`GET ${url.slice(0, 60)} -> ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
  });
});
