// The lab's results tests' setting: a female patient's order of a CBC (ranges apart for women) and
// a culture, both samples in, with two technicians (one enters, the other verifies), and calls to
// enter and verify a test's results.
import { expect } from 'vitest';
import type { LabTest } from '../../../contracts/lab';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { AuthHeaders } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { key } from '../billing/billing.test-helpers';
import { consultationHelpers, type Setup } from '../clinical/consultations.test-helpers';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';

export interface Lab extends Setup {
  tech: AuthHeaders;
  second: AuthHeaders;
  cbc: LabTest;
  culture: LabTest;
  order: LabOrder;
}

export function labResultHelpers(app: () => TestApp) {
  const helpers = consultationHelpers(app);
  const { call, setup } = helpers;

  /** A female patient's order of a CBC (ranges apart for women) and a culture, both samples in. */
  async function lab(): Promise<Lab> {
    const s = await setup();
    const admin = await staffAt(app(), s.hospital, 'hospital_admin');
    const tech = await staffAt(app(), s.hospital, 'lab_technician');
    const test = async (code: string, analytes: object[]) => {
      const svc = await call('POST', '/api/billing/services', admin, {
        code,
        name: code,
        priceMinor: 10_000,
        taxRateBp: 0,
      });
      const res = await call('POST', '/api/lab/tests', tech, {
        code,
        name: `${code} test`,
        sampleType: 'whole_blood',
        turnaroundHours: 6,
        serviceId: svc.json<{ id: string }>().id,
        analytes,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<LabTest>();
    };
    const cbc = await test('CBC', [
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
      { name: 'Platelets', kind: 'numeric', unit: '×10³/µL', refLow: 150, refHigh: 410 },
      { name: 'Smear', kind: 'text' },
    ]);
    const culture = await test('CULT', [{ name: 'Organism', kind: 'text' }]);
    const res = await call('POST', '/api/lab/orders', s.doctor.headers, {
      idempotencyKey: key(),
      patientId: s.patient.id,
      testIds: [cbc.id, culture.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    let order = res.json<LabOrder>();
    for (const item of order.items) {
      const c = await call('POST', `/api/lab/orders/${order.id}/items/${item.id}/collect`, tech, {});
      expect(c.statusCode, c.body).toBe(200);
      order = c.json<LabOrder>();
    }
    return { ...s, tech, second: await staffAt(app(), s.hospital, 'lab_technician'), cbc, culture, order };
  }

  const url = (l: Lab, i: number, what: 'results' | 'verify') =>
    `/api/lab/orders/${l.order.id}/items/${l.order.items[i]!.id}/${what}`;
  const cbcValues = (l: Lab, hb: number, plt = 250, smear = 'Normocytic normochromic') => ({
    values: [
      { analyteId: l.cbc.analytes[0]!.id, value: hb },
      { analyteId: l.cbc.analytes[1]!.id, value: plt },
      { analyteId: l.cbc.analytes[2]!.id, text: smear },
    ],
  });
  const put = (l: Lab, i: number, body: object, as = l.tech) =>
    call('PUT' as 'PATCH', url(l, i, 'results'), as, body);
  const verify = (l: Lab, i: number, as: AuthHeaders) => call('POST', url(l, i, 'verify'), as);
  return { ...helpers, lab, url, cbcValues, put, verify };
}
