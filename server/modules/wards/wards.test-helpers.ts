// Shared by this module's tests: a hospital with its admin, a nurse and a receptionist, a ward
// with a room and beds made through the API, and patients registered at the hospital.
import { afterAll, beforeAll } from 'vitest';
import type { Bed, Ward } from '../../../contracts/wards';
import {
  createHospital,
  createPatient,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

export interface Site {
  hospital: HospitalRow;
  admin: AuthHeaders;
  nurse: AuthHeaders;
  reception: AuthHeaders;
}

export async function site(t: TestApp): Promise<Site> {
  const db = t.database.db;
  const hospital = await createHospital(db);
  const as = async (role: 'hospital_admin' | 'nurse' | 'receptionist') =>
    sessionHeaders(db, await createStaff(db, hospital, role), hospital);
  return {
    hospital,
    admin: await as('hospital_admin'),
    nurse: await as('nurse'),
    reception: await as('receptionist'),
  };
}

/** Builds the test file's app and a site in it before its tests, hands them over, closes the app after. */
export function withSite(use: (t: TestApp, s: Site) => void): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await buildTestApp();
    use(app, await site(app));
  });
  afterAll(async () => app?.close());
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export function call(t: TestApp, method: Method, url: string, headers: AuthHeaders, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload === undefined ? {} : { payload }),
  });
}

async function ok<T>(res: Awaited<ReturnType<typeof call>>, status: number, what: string): Promise<T> {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

let n = 0;

/** A ward with one room and `beds` beds (standard, 150000 minor units a day), made by the admin. */
export async function wardWithBeds(t: TestApp, s: Site, beds = 2, kind = 'general') {
  n += 1;
  const ward = await ok<Ward>(
    await call(t, 'POST', '/api/wards', s.admin, { name: `Ward ${n}`, kind }),
    201,
    'ward',
  );
  const room = await ok<{ id: string }>(
    await call(t, 'POST', '/api/wards/rooms', s.admin, { wardId: ward.id, name: 'Room 1' }),
    201,
    'room',
  );
  const made: Bed[] = [];
  for (let i = 1; i <= beds; i++) {
    made.push(
      await ok<Bed>(
        await call(t, 'POST', '/api/wards/beds', s.admin, {
          roomId: room.id,
          label: `B-${i}`,
          bedType: 'standard',
          dailyRateMinor: 150_000,
        }),
        201,
        'bed',
      ),
    );
  }
  return { ward, roomId: room.id, beds: made };
}

/** A patient registered at the site's hospital. */
export const patientAt = (t: TestApp, s: Site) => createPatient(t.database.db, { hospital: s.hospital });

export function admit(t: TestApp, headers: AuthHeaders, patientId: string, bedId: string, app = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/wards/admissions',
    headers: headers as Record<string, string>,
    payload: { patientId, bedId, source: 'front_desk' },
  });
}

export const count = async (t: TestApp, from: string, params: unknown[] = []) =>
  Number(
    (await t.database.query<{ n: number }>(`select count(*)::int as n from ${from}`, params)).rows[0]!.n,
  );

/** The ids of a FHIR search Bundle's resources, in order. */
export const bundleIds = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);
