import { sql } from 'drizzle-orm';
import { DoctorApplication } from '../../../contracts/identity';
import { CreateDepartment, CreateHospital } from '../../../contracts/organisation';
import { CreatePatient } from '../../../contracts/patients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword, weakPasswordReason } from '../../modules/identity/identity.crypto';
import { verifyChain } from '../../platform/audit/audit.repo';
import { buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { AdminInputError } from './admin';
import { DEMO_PASSWORD, HOSPITALS, USERS } from './demo-data';
import { PATIENTS } from './demo-patients';
import { createAdmin, seedDemoIfEmpty, type DemoSummary } from '.';

let t: TestApp;
let demo: DemoSummary | null;
const logged: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  demo = await seedDemoIfEmpty(t.database, (m) => logged.push(m));
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);

async function signIn(email: string, password = DEMO_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
}

describe('seedDemoIfEmpty', () => {
  it('loads the demo into an empty database and reports the sign-ins', () => {
    expect(demo).not.toBeNull();
    expect(demo!.password).toBe(DEMO_PASSWORD);
    const emails = demo!.users.map((u) => u.email);
    for (const e of [
      'admin@hospitium.example',
      'doctor@hospitium.example',
      'receptionist@hospitium.example',
      'patient@hospitium.example',
    ]) {
      expect(emails).toContain(e);
    }
    expect(logged.join('\n')).toMatch(
      /Demo data loaded in \d+ ms: 2 hospitals, 8 departments, 15 users, 13 patients/,
    );
  });

  it('uses a password every demo account could have chosen under the policy', () => {
    for (const u of demo!.users) expect(weakPasswordReason(DEMO_PASSWORD, u.email), u.email).toBeNull();
  });

  it('creates both hospitals with their departments, time zones and currencies', async () => {
    const hs = await rows<{
      code: string;
      name: string;
      time_zone: string;
      currency: string;
      departments: string[];
    }>(
      sql`select h.code, h.name, h.time_zone, h.currency,
                 array(select d.name from departments d where d.hospital_id = h.id order by d.name) as departments
            from hospitals h order by h.code`,
    );
    expect(hs.map((h) => [h.code, h.name, h.time_zone, h.currency])).toEqual([
      ['CGH', 'City General Hospital', 'Asia/Kolkata', 'INR'],
      ['RVC', 'Riverside Clinic', 'Europe/London', 'GBP'],
    ]);
    expect(hs[0]!.departments).toEqual([
      'Cardiology',
      'Dermatology',
      'General Medicine',
      'Orthopaedics',
      'Paediatrics',
    ]);
    expect(hs[1]!.departments).toHaveLength(3);
  });

  it('lets every demo account sign in with the shared password', async () => {
    for (const u of demo!.users) expect((await signIn(u.email)).statusCode, u.email).toBe(204);
  });

  it('gives the cardiologist a membership and an approved profile at both hospitals; the applicant waits', async () => {
    const profiles = await rows<{
      email: string;
      code: string;
      status: string;
      fee: number;
      member: boolean;
    }>(
      sql`select u.email, h.code, p.status, p.consultation_fee_minor as fee,
                 exists(select 1 from memberships m where m.user_id = u.id and m.hospital_id = h.id and m.role = 'doctor') as member
            from doctor_profiles p join users u on u.id = p.user_id join hospitals h on h.id = p.hospital_id
           order by u.email, h.code`,
    );
    expect(profiles.filter((p) => p.email.startsWith('cardiologist@'))).toEqual([
      { email: 'cardiologist@hospitium.example', code: 'CGH', status: 'approved', fee: 150000, member: true },
      { email: 'cardiologist@hospitium.example', code: 'RVC', status: 'approved', fee: 18000, member: true },
    ]);
    expect(profiles.filter((p) => p.status === 'approved' && p.code === 'CGH')).toHaveLength(3);
    expect(profiles.filter((p) => p.status === 'pending')).toEqual([
      { email: 'applicant@hospitium.example', code: 'CGH', status: 'pending', fee: 100000, member: false },
    ]);
  });

  it('numbers the CGH patients from CGH-000001 and leaves the MRN counter at the last number', async () => {
    const mrns = await rows<{ mrn: string }>(sql`select mrn from patient_registrations order by mrn`);
    expect(mrns.map((r) => r.mrn)).toEqual(PATIENTS.map((_, i) => `CGH-${String(i + 1).padStart(6, '0')}`));
    // Registered in that order months ago (before the demo's visits and stays), none of them today.
    const [order] = await rows<{ in_order: boolean; latest_days_ago: number }>(
      sql`select array_agg(mrn order by registered_at) = array_agg(mrn order by mrn) as in_order,
                 min(now()::date - registered_at::date) as latest_days_ago
            from patient_registrations`,
    );
    expect(order!.in_order).toBe(true);
    expect(order!.latest_days_ago).toBeGreaterThan(60);
    const counters = await rows<{ code: string; value: number }>(
      sql`select h.code, c.value from hospital_counters c join hospitals h on h.id = c.hospital_id where c.name = 'mrn' order by h.code`,
    );
    expect(counters).toEqual([
      { code: 'CGH', value: PATIENTS.length },
      { code: 'RVC', value: 0 },
    ]);
  });

  it('lets the next registration at CGH continue the MRN sequence', async () => {
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { email: 'receptionist@hospitium.example', password: DEMO_PASSWORD },
    });
    expect(token.statusCode).toBe(200);
    const [cgh] = await rows<{ id: string }>(sql`select id from hospitals where code = 'CGH'`);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { authorization: `Bearer ${token.json().accessToken}`, 'x-hospital-id': cgh!.id },
      payload: {
        givenName: 'Meenakshi',
        familyName: 'Raghavan',
        dateOfBirth: '1970-04-04',
        phone: '+919876501234',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().mrn).toBe(`CGH-${String(PATIENTS.length + 1).padStart(6, '0')}`);
  });

  it('links the patient account to its own record, with history recorded', async () => {
    const [p] = await rows<{ given_name: string; mrn: string; conditions: number }>(
      sql`select p.given_name, r.mrn, (select count(*)::int from patient_conditions c where c.patient_id = p.id) as conditions
            from patients p join users u on u.id = p.user_id join patient_registrations r on r.patient_id = p.id
           where u.email = 'patient@hospitium.example'`,
    );
    expect(p).toEqual({ given_name: 'Rahul', mrn: 'CGH-000013', conditions: 1 });
    const [{ allergies }] = (await rows<{ allergies: number }>(
      sql`select count(*)::int as allergies from patient_allergies`,
    )) as [{ allergies: number }];
    expect(allergies).toBe(PATIENTS.reduce((n, x) => n + (x.allergies?.length ?? 0), 0));
  });

  it('writes one system.seed audit event and keeps the chain whole', async () => {
    const events = await rows<{ action: string }>(
      sql`select action from audit_events where action = 'system.seed'`,
    );
    expect(events).toHaveLength(1);
    expect((await verifyChain(t.database)).breaks).toEqual([]);
  });

  it('does nothing the second time', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from users`);
    expect(await seedDemoIfEmpty(t.database, () => undefined)).toBeNull();
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from users`)).toEqual(before);
  });
});

describe('the demo data', () => {
  // The seed writes rows directly, so it must hold itself to what the API would have accepted.
  it('passes the contracts the API checks the same data against', () => {
    for (const h of HOSPITALS) {
      const { departments, addressLine, ...rest } = h;
      expect(CreateHospital.safeParse({ ...rest, address: addressLine }).error, h.code).toBeUndefined();
      for (const d of departments) expect(CreateDepartment.safeParse(d).error, d.name).toBeUndefined();
    }
    for (const p of PATIENTS) {
      const { emergency, insurance, accountLogin: _a, ...rest } = p;
      const body = {
        ...rest,
        emergencyContactName: emergency?.name,
        emergencyContactPhone: emergency?.phone,
        emergencyContactRelation: emergency?.relation,
        insuranceProvider: insurance?.provider,
        insurancePolicyNumber: insurance?.policyNumber,
      };
      expect(CreatePatient.safeParse(body).error, p.givenName).toBeUndefined();
    }
    for (const u of USERS) {
      for (const d of u.doctor ?? []) {
        const { hospital: _h, department: _d, bio: _b, status: _s, ...application } = d;
        const parsed = DoctorApplication.safeParse({
          ...application,
          hospitalId: '01925e5c-7b9a-7c1e-8f3a-2b4c6d8e0f12',
        });
        expect(parsed.error, u.login).toBeUndefined();
      }
    }
  });
});

describe('createAdmin', () => {
  it('creates a platform admin who can sign in', async () => {
    const r = await createAdmin(t.database, {
      email: ' Chief@Example.org ',
      fullName: 'Chief Admin',
      password: 'Strong-enough-pass-7',
    });
    expect(r).toMatchObject({
      email: 'chief@example.org',
      role: 'platform_admin',
      hospital: null,
      createdUser: true,
      granted: true,
    });
    expect((await signIn('chief@example.org', 'Strong-enough-pass-7')).statusCode).toBe(204);
    const [m] = await rows<{ role: string; hospital_id: string | null }>(
      sql`select role, hospital_id from memberships where user_id = ${r.userId}`,
    );
    expect(m).toEqual({ role: 'platform_admin', hospital_id: null });
  });

  it('makes an existing account hospital admin by hospital code, keeping its password, once', async () => {
    const r = await createAdmin(t.database, {
      email: 'nurse@hospitium.example',
      fullName: 'ignored',
      password: 'Another-pass-word-8',
      hospitalCode: 'cgh',
    });
    expect(r).toMatchObject({
      role: 'hospital_admin',
      hospital: { code: 'CGH' },
      createdUser: false,
      granted: true,
    });
    const [u] = await rows<{ password_hash: string; full_name: string }>(
      sql`select password_hash, full_name from users where email = 'nurse@hospitium.example'`,
    );
    expect(await verifyPassword(u!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(u!.full_name).toBe('Lakshmi Menon');

    const again = await createAdmin(t.database, {
      email: 'nurse@hospitium.example',
      fullName: 'x',
      hospitalCode: 'CGH',
    });
    expect(again.granted).toBe(false);
    const events = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'cli.create_admin' and entity_id = ${r.userId}`,
    );
    expect(events).toEqual([{ n: 1 }]);
  });

  it('refuses unknown hospitals, bad addresses and weak passwords, writing nothing', async () => {
    const count = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from users`))[0]!.n;
    const before = await count();
    await expect(
      createAdmin(t.database, {
        email: 'x@example.org',
        fullName: 'X',
        password: 'Fine-password-99',
        hospitalCode: 'ZZZ',
      }),
    ).rejects.toThrow(/no hospital with code ZZZ.*CGH, RVC/);
    await expect(
      createAdmin(t.database, { email: 'not-an-email', fullName: 'X', password: 'Fine-password-99' }),
    ).rejects.toBeInstanceOf(AdminInputError);
    await expect(
      createAdmin(t.database, { email: 'x@example.org', fullName: 'X', password: 'password123' }),
    ).rejects.toThrow(/too common/);
    await expect(createAdmin(t.database, { email: 'x@example.org', fullName: 'X' })).rejects.toThrow(
      /password is needed/,
    );
    expect(await count()).toBe(before);
  });
});
