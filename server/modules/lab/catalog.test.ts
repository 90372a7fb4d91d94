// The lab's test catalog: tests billed as price-list services, with analytes and their limits;
// codes unique per hospital; another hospital's tests and services are out of reach; bad input is
// refused whole; changes are audited; who may read and who may change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabTest, LabTestPage } from '../../../contracts/lab';
import type { HospitalRole } from '../../../contracts/roles';
import {
  createHospital,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, headers: AuthHeaders, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
const count = async (from: string, params: unknown[] = []) =>
  Number(
    (await t.database.query<{ n: number }>(`select count(*)::int as n from ${from}`, params)).rows[0]!.n,
  );

interface Lab {
  hospital: HospitalRow;
  as: (role: HospitalRole) => Promise<AuthHeaders>;
  tech: AuthHeaders;
  admin: AuthHeaders;
  service: (code: string, priceMinor?: number) => Promise<string>;
}

async function lab(): Promise<Lab> {
  const db = t.database.db;
  const hospital = await createHospital(db);
  const as = async (role: HospitalRole) =>
    sessionHeaders(db, await createStaff(db, hospital, role), hospital);
  const admin = await as('hospital_admin');
  return {
    hospital,
    as,
    admin,
    tech: await as('lab_technician'),
    service: async (code, priceMinor = 30_000) => {
      const res = await call('POST', '/api/billing/services', admin, {
        code,
        name: `${code} test`,
        priceMinor,
        taxRateBp: 0,
      });
      if (res.statusCode !== 201) throw new Error(`service: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    },
  };
}

const cbc = (serviceId: string, over: object = {}) => ({
  code: 'cbc',
  name: 'Complete blood count',
  sampleType: 'whole_blood',
  turnaroundHours: 6,
  instructions: 'EDTA tube (lavender top)',
  serviceId,
  analytes: [
    {
      name: 'Haemoglobin',
      kind: 'numeric',
      unit: 'g/dL',
      decimals: 1,
      refLow: 13,
      refHigh: 17,
      refLowFemale: 12,
      refHighFemale: 15,
      criticalLow: 7,
      criticalHigh: 20,
    },
    { name: 'Platelets', kind: 'numeric', unit: '×10³/µL', refLow: 150, refHigh: 410, criticalLow: 20 },
    { name: 'Peripheral smear', kind: 'text' },
  ],
  ...over,
});

describe('lab test catalog', () => {
  it('adds a test billed as a price-list service, and lists it with its price and analytes in order', async () => {
    const l = await lab();
    const serviceId = await l.service('CBC', 30_000);
    const made = await call('POST', '/api/lab/tests', l.tech, cbc(serviceId));
    expect(made.statusCode).toBe(201);
    const test = made.json<LabTest>();
    expect(test).toMatchObject({
      code: 'CBC',
      sampleType: 'whole_blood',
      turnaroundHours: 6,
      active: true,
      service: { id: serviceId, code: 'CBC', priceMinor: 30_000, active: true },
    });
    expect(test.analytes.map((a) => [a.name, a.kind, a.unit, a.decimals])).toEqual([
      ['Haemoglobin', 'numeric', 'g/dL', 1],
      ['Platelets', 'numeric', '×10³/µL', 0],
      ['Peripheral smear', 'text', '', 0],
    ]);
    expect(test.analytes[0]).toMatchObject({
      refLowFemale: 12,
      refHighFemale: 15,
      criticalLow: 7,
      criticalHigh: 20,
    });
    expect(test.analytes[1]).toMatchObject({ criticalLow: 20, criticalHigh: null, refLowFemale: null });

    for (const role of ['doctor', 'nurse', 'receptionist', 'hospital_admin'] as const) {
      const list = await call('GET', '/api/lab/tests?q=blood', await l.as(role));
      expect(list.statusCode, role).toBe(200);
      const page = list.json<LabTestPage>();
      expect([page.total, page.items[0]?.id, page.currency], role).toEqual([1, test.id, 'INR']);
    }
    expect((await call('GET', `/api/lab/tests/${test.id}`, await l.as('doctor'))).json()).toEqual(test);
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1`,
      [test.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['lab.test.created']);
  });

  it('keeps codes unique at a hospital, and another hospital may use the same one', async () => {
    const [a, b] = [await lab(), await lab()];
    expect((await call('POST', '/api/lab/tests', a.tech, cbc(await a.service('CBC')))).statusCode).toBe(201);
    const again = await call(
      'POST',
      '/api/lab/tests',
      a.admin,
      cbc(await a.service('CBC2'), { code: 'CBC ' }),
    );
    expect([again.statusCode, again.json().code]).toEqual([409, 'CONFLICT']);
    expect((await call('POST', '/api/lab/tests', b.tech, cbc(await b.service('CBC')))).statusCode).toBe(201);
    expect(await count('lab_tests where hospital_id = $1', [a.hospital.id])).toBe(1);
  });

  it("refuses another hospital's service and one off the price list, writing nothing", async () => {
    const [a, b] = [await lab(), await lab()];
    const theirs = await call('POST', '/api/lab/tests', a.tech, cbc(await b.service('CBC')));
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'NOT_FOUND']);
    const old = await a.service('OLD');
    await call('PATCH', `/api/billing/services/${old}`, a.admin, { active: false });
    const retired = await call('POST', '/api/lab/tests', a.tech, cbc(old));
    expect([retired.statusCode, retired.json().code]).toEqual([422, 'RULE_VIOLATION']);
    expect(await count('lab_tests where hospital_id = $1', [a.hospital.id])).toBe(0);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const l = await lab();
    const serviceId = await l.service('CBC');
    const numeric = { name: 'X', kind: 'numeric' };
    const bad: object[] = [
      cbc(serviceId, { analytes: [] }),
      cbc(serviceId, { analytes: [numeric, { ...numeric, name: 'x' }] }),
      cbc(serviceId, { analytes: [{ ...numeric, refLow: 10, refHigh: 5 }] }),
      cbc(serviceId, { analytes: [{ ...numeric, refLowFemale: 10, refHighFemale: 5 }] }),
      cbc(serviceId, { analytes: [{ ...numeric, criticalLow: 5, criticalHigh: 5 }] }),
      cbc(serviceId, { analytes: [{ name: 'Growth', kind: 'text', refLow: 1 }] }),
      cbc(serviceId, { analytes: [{ ...numeric, decimals: 5 }] }),
      cbc(serviceId, { analytes: [{ ...numeric, kind: 'boolean' }] }),
      cbc(serviceId, { sampleType: 'blood' }),
      cbc(serviceId, { turnaroundHours: 0 }),
      cbc(serviceId, { turnaroundHours: 2.5 }),
      cbc(serviceId, { code: 'C B C' }),
      cbc(serviceId, { name: 'a\u0000b' }),
      cbc(serviceId, { serviceId: 'nope' }),
      cbc(serviceId, { price: 100 }),
      { code: 'CBC' },
    ];
    for (const body of bad) {
      const res = await call('POST', '/api/lab/tests', l.tech, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const made = (await call('POST', '/api/lab/tests', l.tech, cbc(serviceId))).json<LabTest>();
    for (const body of [{}, { analytes: [] }, { active: 'no' }, { code: 'NEW' }]) {
      const res = await call('PATCH', `/api/lab/tests/${made.id}`, l.tech, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count('lab_tests where hospital_id = $1', [l.hospital.id])).toBe(1);
    expect(await count('lab_test_analytes where test_id = $1', [made.id])).toBe(3);
  });

  it('changes a test, replaces its analytes, takes it off the catalog, and audits before and after', async () => {
    const l = await lab();
    const made = (await call('POST', '/api/lab/tests', l.tech, cbc(await l.service('CBC')))).json<LabTest>();
    const other = await l.service('CBC-FULL', 45_000);
    const changed = await call('PATCH', `/api/lab/tests/${made.id}`, l.admin, {
      turnaroundHours: 4,
      serviceId: other,
      analytes: [
        { name: 'Haemoglobin', kind: 'numeric', unit: 'g/dL', decimals: 1, refLow: 13, refHigh: 17 },
      ],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<LabTest>()).toMatchObject({
      turnaroundHours: 4,
      service: { id: other, priceMinor: 45_000 },
      analytes: [{ name: 'Haemoglobin', refLowFemale: null }],
    });
    expect(await count('lab_test_analytes where test_id = $1', [made.id])).toBe(1);

    const off = await call('PATCH', `/api/lab/tests/${made.id}`, l.tech, { active: false });
    expect(off.json<LabTest>().active).toBe(false);
    const listed = async (active: string) =>
      (await call('GET', `/api/lab/tests?active=${active}`, l.tech))
        .json<LabTestPage>()
        .items.map((x) => x.id);
    expect([await listed('true'), await listed('false'), await listed('all')]).toEqual([
      [],
      [made.id],
      [made.id],
    ]);

    const audit = await t.database.query<{
      action: string;
      before: { turnaroundHours?: number; analytes?: unknown[] };
    }>(`select action, before from audit_events where entity_id = $1 order by seq`, [made.id]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'lab.test.created',
      'lab.test.updated',
      'lab.test.updated',
    ]);
    expect(audit.rows[1]!.before.turnaroundHours).toBe(6);
    expect(audit.rows[1]!.before.analytes).toHaveLength(3);
    expect(audit.rows[2]!.before.analytes).toBeUndefined();
  });

  it("answers 404 for another hospital's tests, and 403 to roles without the permission", async () => {
    const [a, b] = [await lab(), await lab()];
    const theirs = (
      await call('POST', '/api/lab/tests', b.tech, cbc(await b.service('CBC')))
    ).json<LabTest>();
    expect((await call('GET', `/api/lab/tests/${theirs.id}`, a.tech)).statusCode).toBe(404);
    const patch = await call('PATCH', `/api/lab/tests/${theirs.id}`, a.tech, { active: false });
    expect(patch.statusCode).toBe(404);
    expect((await call('GET', '/api/lab/tests', a.tech)).json<LabTestPage>().total).toBe(0);

    const mine = await a.service('CBC');
    const offered = await call('GET', '/api/lab/billable-services?q=cb', a.tech);
    expect(offered.json<{ items: { code: string }[] }>().items.map((x) => x.code)).toEqual(['CBC']);
    expect((await call('GET', '/api/lab/billable-services', await a.as('doctor'))).statusCode).toBe(403);

    const pharmacist = await a.as('pharmacist');
    expect((await call('GET', '/api/lab/tests', pharmacist)).statusCode).toBe(403);
    const doctor = await a.as('doctor');
    const refused = await call('POST', '/api/lab/tests', doctor, cbc(mine));
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('GET', `/api/lab/tests/${theirs.id}`, b.tech)).json<LabTest>().active).toBe(true);
  });
});
