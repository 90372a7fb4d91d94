// Shared by the lab's FHIR tests: the app, and a woman's walk-in order of a CBC and a lipid profile, both samples
// taken, and the steps results go through (entered by one technician, verified by another).
import { afterAll, beforeAll, expect } from 'vitest';
import type { LabTest } from '../../../contracts/lab';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key } from '../billing/billing.test-helpers';
import { consultationHelpers, type Setup } from '../clinical/consultations.test-helpers';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';

export interface LabRecord extends Setup {
  tech: AuthHeaders;
  verifier: AuthHeaders;
  cbc: LabTest;
  lipid: LabTest;
  order: LabOrder;
}

/** The ids of a FHIR search Bundle's resources, in order. */
export const bundleIds = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);

/** For a test file: its app (built before its tests, closed after them), and lab records in it. */
export function labRecords() {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());
  const app = () => t;
  const { call, setup } = consultationHelpers(app);
  const ok = async <T>(res: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };

  /** A catalog test billed as its own price-list service. */
  async function catalogTest(admin: AuthHeaders, tech: AuthHeaders, code: string, analytes: object[]) {
    const service = await ok<{ id: string }>(
      await call('POST', '/api/billing/services', admin, {
        code,
        name: code,
        priceMinor: 5000,
        taxRateBp: 0,
      }),
      201,
    );
    const test = { code, name: `${code} panel`, sampleType: 'serum', turnaroundHours: 4 };
    return ok<LabTest>(
      await call('POST', '/api/lab/tests', tech, { ...test, serviceId: service.id, analytes }),
      201,
    );
  }

  return {
    app,
    call,

    /** The order (as `orderer`: the receptionist unless said), with both samples taken. */
    async labRecord(s?: Setup, orderer?: (s: Setup) => AuthHeaders): Promise<LabRecord> {
      const site = s ?? (await setup());
      const admin = await staffAt(app(), site.hospital, 'hospital_admin');
      const tech = await staffAt(app(), site.hospital, 'lab_technician');
      const cbc = await catalogTest(admin, tech, 'CBC', [
        { name: 'Haemoglobin', kind: 'numeric', unit: 'g/dL', refLow: 12, refHigh: 15, criticalLow: 7 },
        { name: 'Platelets', kind: 'numeric', unit: '×10³/µL', refLow: 150, refHigh: 410 },
        { name: 'Smear', kind: 'text' },
      ]);
      const lipid = await catalogTest(admin, tech, 'LIPID', [
        { name: 'Cholesterol', kind: 'numeric', unit: 'mg/dL', refHigh: 200 },
      ]);
      const body = { idempotencyKey: key(), patientId: site.patient.id, testIds: [cbc.id, lipid.id] };
      let order = await ok<LabOrder>(
        await call('POST', '/api/lab/orders', (orderer ?? ((x) => x.receptionist))(site), body),
        201,
      );
      for (const item of order.items) {
        order = await ok<LabOrder>(
          await call('POST', `/api/lab/orders/${order.id}/items/${item.id}/collect`, tech, {}),
        );
      }
      const verifier = await staffAt(app(), site.hospital, 'lab_technician');
      return { ...site, tech, verifier, cbc, lipid, order };
    },

    /** Enters the CBC (haemoglobin, platelets, smear) and has a second technician verify it. */
    async verifyCbc(l: LabRecord, hb: number, platelets: number, remark = ''): Promise<LabOrder> {
      const [h, p, smear] = l.cbc.analytes.map((a) => a.id);
      const item = `/api/lab/orders/${l.order.id}/items/${l.order.items[0]!.id}`;
      const values = [
        { analyteId: h, value: hb },
        { analyteId: p, value: platelets },
        { analyteId: smear, text: 'Normocytic normochromic' },
      ];
      await ok(await call('PUT' as 'POST', `${item}/results`, l.tech, { values, comment: remark }));
      return ok<LabOrder>(await call('POST', `${item}/verify`, l.verifier));
    },

    /** Enters the cholesterol; verified too unless `verify` is false. */
    async lipidResult(l: LabRecord, cholesterol: number, verify = true): Promise<LabOrder> {
      const item = `/api/lab/orders/${l.order.id}/items/${l.order.items[1]!.id}`;
      const values = [{ analyteId: l.lipid.analytes[0]!.id, value: cholesterol }];
      const entered = await ok<LabOrder>(await call('PUT' as 'POST', `${item}/results`, l.tech, { values }));
      return verify ? ok<LabOrder>(await call('POST', `${item}/verify`, l.verifier)) : entered;
    },
  };
}
