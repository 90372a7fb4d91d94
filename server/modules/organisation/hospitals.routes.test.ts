import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hospital } from '../../../contracts/organisation';
import { createHospital } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditOf, orgState, patientCaller, platformCaller, staffCaller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const code = () => `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
const newHospital = (over: Record<string, unknown> = {}) => ({
  name: 'City General Hospital',
  code: code(),
  address: '12 MG Road',
  city: 'Pune',
  country: 'India',
  phone: '+91 98123 45678',
  email: 'Desk@CityGeneral.example',
  timeZone: 'Asia/Kolkata',
  currency: 'inr',
  ...over,
});

describe('hospitals', () => {
  it('a platform admin creates a hospital; the reply matches the contract and is audited', async () => {
    const admin = await platformCaller(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/hospitals',
      headers: admin.h,
      payload: newHospital(),
    });
    expect(res.statusCode).toBe(201);
    const h = Hospital.parse(res.json());
    expect(h).toMatchObject({
      currency: 'INR',
      email: 'desk@citygeneral.example',
      phone: '+919812345678',
      active: true,
    });
    expect(h.requireStaffTwoFactor).toBe(false);
    const events = await auditOf(t, h.id, 'hospital.created');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_user_id: admin.user.id,
      actor_role: 'platform_admin',
      hospital_id: h.id,
    });
  });

  it('refuses a duplicate code with 409 and changes nothing', async () => {
    const admin = await platformCaller(t);
    const existing = await createHospital(t.database.db, { code: code() });
    const before = await orgState(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/hospitals',
      headers: admin.h,
      payload: newHospital({ code: existing.code.toLowerCase() }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('HOSPITAL_CODE_TAKEN');
    expect(await orgState(t)).toEqual(before);
  });

  it('refuses bad time zones, currencies and codes', async () => {
    const admin = await platformCaller(t);
    for (const bad of [
      { timeZone: 'Mars/Olympus' },
      { currency: 'RUPEES' },
      { code: 'A' },
      { code: 'TOO-LONG-CODE' },
      { name: '' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/hospitals',
        headers: admin.h,
        payload: newHospital(bad),
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('only a platform admin creates hospitals', async () => {
    const hospital = await createHospital(t.database.db);
    for (const caller of [await staffCaller(t, hospital, 'hospital_admin'), await patientCaller(t)]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/hospitals',
        headers: caller.h,
        payload: newHospital(),
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('staff list and read only their own hospitals; a platform admin sees every one', async () => {
    const a = await createHospital(t.database.db);
    const b = await createHospital(t.database.db);
    const nurse = await staffCaller(t, a, 'nurse');
    const list = await t.app.inject({ method: 'GET', url: '/api/hospitals', headers: nurse.h });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((h: Hospital) => h.id)).toEqual([a.id]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/hospitals/${a.id}`, headers: nurse.h })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/hospitals/${b.id}`, headers: nurse.h })).statusCode,
    ).toBe(404);

    const admin = await platformCaller(t);
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/hospitals?limit=100&q=${encodeURIComponent(b.name)}`,
      headers: admin.h,
    });
    expect(all.json().items.map((h: Hospital) => h.id)).toEqual([b.id]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/hospitals/${b.id}`, headers: admin.h })).statusCode,
    ).toBe(200);
  });

  it('the hospital admin edits their hospital, including the staff 2FA rule; the change is audited', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${hospital.id}`,
      headers: admin.h,
      payload: { name: 'Renamed General', requireStaffTwoFactor: true, city: '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Renamed General',
      requireStaffTwoFactor: true,
      city: '',
      code: hospital.code,
    });
    const [event] = await auditOf(t, hospital.id, 'hospital.updated');
    expect(event!.before).toMatchObject({ name: hospital.name, requireStaffTwoFactor: false });
    expect(event!.after).toMatchObject({ name: 'Renamed General', requireStaffTwoFactor: true });
  });

  it('a hospital admin cannot edit another hospital (404) nor deactivate their own (403)', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const before = await orgState(t);
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${other.id}`,
      headers: admin.h,
      payload: { name: 'Mine now' },
    });
    expect(foreign.statusCode).toBe(404);
    const deactivate = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${hospital.id}`,
      headers: admin.h,
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(403);
    const code = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${hospital.id}`,
      headers: admin.h,
      payload: { code: 'NEWCODE' },
    });
    expect(code.statusCode).toBe(400);
    expect(await orgState(t)).toEqual(before);
  });

  it('receptionists, doctors and patients may not edit the hospital', async () => {
    const hospital = await createHospital(t.database.db);
    for (const caller of [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/hospitals/${hospital.id}`,
        headers: caller.h,
        payload: { name: 'X' },
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('a platform admin deactivates a hospital: it leaves the public list and its staff lose access', async () => {
    const hospital = await createHospital(t.database.db);
    const nurse = await staffCaller(t, hospital, 'nurse');
    const admin = await platformCaller(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${hospital.id}`,
      headers: admin.h,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect(await auditOf(t, hospital.id, 'hospital.deactivated')).toHaveLength(1);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/hospitals' });
    expect(pub.json().items.map((h: { id: string }) => h.id)).not.toContain(hospital.id);
    const list = await t.app.inject({ method: 'GET', url: '/api/departments', headers: nurse.h });
    expect(list.statusCode).toBe(403);
  });
});
