// What the tests of the clinical module's FHIR resources share: GET under /fhir/R4 with a role's
// headers, a visit written and closed through the API (complaint, vitals, diagnoses, a
// prescription), and the audit rows of one request.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine } from '../pharmacy/pharmacy.test-helpers';
import { consultationHelpers, type Headers, type Setup } from './consultations.test-helpers';

const AUDIT_COLUMNS = 'action, entity_type, entity_id, patient_id, after';
type AuditRow = Record<'action' | 'entity_type', string> &
  Record<'entity_id' | 'patient_id', string | null> & { after: unknown };

export function fhirHelpers(app: () => TestApp) {
  const h = consultationHelpers(app);
  // One paracetamol per hospital's catalog (a second of the same name is refused).
  const paracetamol = new Map<string, Promise<{ id: string }>>();
  const para = (s: Setup) => {
    if (!paracetamol.has(s.hospital.id))
      paracetamol.set(
        s.hospital.id,
        medicine(app(), s.ph, { genericName: 'Paracetamol', strength: '500 mg' }),
      );
    return paracetamol.get(s.hospital.id)!;
  };

  return {
    ...h,

    get: (url: string, headers: Headers) =>
      app().app.inject({ method: 'GET', url, headers: headers as Record<string, string> }),

    /** The resource ids of a searchset Bundle, in order. */
    ids: (bundle: { entry?: { resource: { id: string } }[] }) =>
      (bundle.entry ?? []).map((e) => e.resource.id),

    /** The audit rows one request wrote. */
    audited: async (requestId: unknown) =>
      (
        await app().database.query<AuditRow>(
          `select ${AUDIT_COLUMNS} from audit_events where request_id = $1 order by seq`,
          [requestId],
        )
      ).rows,

    /**
     * A walk-in visit written as a doctor would: complaint, vitals, diagnoses (migraine primary,
     * headache secondary), closed with paracetamol prescribed unless `open`.
     */
    async visit(s: Setup, o: { open?: boolean; vitals?: object | null } = {}): Promise<Consultation> {
      const c = await h.walkIn(s);
      const patch = await h.call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
        chiefComplaint: 'Headache for three days',
        diagnoses: [
          { code: 'R51', primary: false },
          { code: 'G43.9', primary: true },
          { description: 'Poor sleep', primary: false },
        ],
        ...(o.vitals === null
          ? {}
          : {
              vitals: o.vitals ?? {
                systolic: 128,
                diastolic: 84,
                pulse: 76,
                temperatureC: 37.2,
                spo2: 98,
                weightKg: 70,
                heightCm: 175,
              },
            }),
      });
      expect(patch.statusCode, patch.body).toBe(200);
      if (o.open) return patch.json() as Consultation;
      const { id: medicineId } = await para(s);
      const closed = await h.call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
        prescription: {
          lines: [{ medicineId, dose: 1, frequency: 'TDS', durationDays: 3, route: 'oral' }],
        },
      });
      expect(closed.statusCode, closed.body).toBe(200);
      return closed.json() as Consultation;
    },
  };
}

/**
 * A test file's app (built before its tests, closed after) and a hospital set up in it, as
 * `suite.t` and `suite.s`, with the helpers bound to the app.
 */
export function fhirSuite() {
  const suite = { t: undefined as unknown as TestApp, s: undefined as unknown as Setup };
  const helpers = fhirHelpers(() => suite.t);
  beforeAll(async () => {
    suite.t = await buildTestApp();
    suite.s = await helpers.setup();
  });
  afterAll(async () => suite.t?.close());
  return Object.assign(suite, helpers);
}
