import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Department, PublicHospital } from '../../../contracts/organisation';
import { createDepartment, createHospital, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditOf, orgState, patientCaller, staffCaller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('departments', () => {
  it('the hospital admin adds, lists, renames and deactivates departments', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: admin.h,
      payload: { name: 'Cardiology', description: 'Heart <b>care</b>' },
    });
    expect(created.statusCode).toBe(201);
    const dept = Department.parse(created.json());
    expect(dept).toMatchObject({
      hospitalId: hospital.id,
      name: 'Cardiology',
      description: 'Heart <b>care</b>',
      active: true,
    });
    expect(await auditOf(t, dept.id, 'department.created')).toHaveLength(1);

    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/departments/${dept.id}`,
      headers: admin.h,
      payload: { name: 'Cardiac Sciences', active: false },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ name: 'Cardiac Sciences', active: false });
    const [event] = await auditOf(t, dept.id, 'department.updated');
    expect(event!.before).toEqual({ name: 'Cardiology', active: true });

    const nurse = await staffCaller(t, hospital, 'nurse');
    const all = await t.app.inject({ method: 'GET', url: '/api/departments', headers: nurse.h });
    expect(all.json().items.map((d: Department) => d.name)).toEqual(['Cardiac Sciences']);
    const active = await t.app.inject({
      method: 'GET',
      url: '/api/departments?active=true',
      headers: nurse.h,
    });
    expect(active.json().items).toEqual([]);
  });

  it('refuses a name already used in the hospital, whatever its case, but allows it in another hospital', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    await createDepartment(t.database.db, hospital, 'Radiology');
    const second = await createDepartment(t.database.db, hospital, 'Oncology');
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const before = await orgState(t);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: admin.h,
      payload: { name: '  RADIOLOGY ' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DEPARTMENT_EXISTS');
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/departments/${second.id}`,
      headers: admin.h,
      payload: { name: 'radiology' },
    });
    expect(rename.statusCode).toBe(409);
    expect(await orgState(t)).toEqual(before);

    const otherAdmin = await staffCaller(t, other, 'hospital_admin');
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: otherAdmin.h,
      payload: { name: 'Radiology' },
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('another hospital’s department answers 404', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    const foreign = await createDepartment(t.database.db, other, 'Foreign');
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/departments/${foreign.id}`,
      headers: admin.h,
      payload: { name: 'Taken over' },
    });
    expect(res.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/departments', headers: admin.h });
    expect(list.json().items.map((d: Department) => d.id)).not.toContain(foreign.id);
  });

  it('receptionists, doctors and patients may not manage departments', async () => {
    const hospital = await createHospital(t.database.db);
    const dept = await createDepartment(t.database.db, hospital);
    for (const caller of [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ]) {
      const post = await t.app.inject({
        method: 'POST',
        url: '/api/departments',
        headers: caller.h,
        payload: { name: 'New' },
      });
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/departments/${dept.id}`,
        headers: caller.h,
        payload: { name: 'New' },
      });
      expect([post.statusCode, patch.statusCode]).toEqual([403, 403]);
    }
    const patient = await patientCaller(t);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/departments', headers: patient.h })).statusCode,
    ).toBe(403);
  });
});

describe('public hospital list', () => {
  it('lists active hospitals with their active departments and nothing private', async () => {
    const hospital = await createHospital(t.database.db, {
      city: 'Nashik',
      country: 'India',
      phone: '+912222222222',
    });
    await createDepartment(t.database.db, hospital, 'Zeta');
    await createDepartment(t.database.db, hospital, 'Alpha');
    const closed = await createDepartment(t.database.db, hospital, 'Closed');
    await t.database.query('update departments set active = false where id = $1', [closed.id]);
    const res = await t.app.inject({ method: 'GET', url: '/api/public/hospitals' });
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((h: PublicHospital) => h.id === hospital.id);
    expect(PublicHospital.strict().parse(mine)).toEqual({
      id: hospital.id,
      name: hospital.name,
      city: 'Nashik',
      country: 'India',
      departments: [expect.objectContaining({ name: 'Alpha' }), expect.objectContaining({ name: 'Zeta' })],
    });
    expect(JSON.stringify(mine)).not.toContain('+912222222222');
  });

  it('works with a session too and refuses unknown query parameters', async () => {
    const hospital = await createHospital(t.database.db);
    const h = await sessionHeaders(t.database.db, (await staffCaller(t, hospital, 'nurse')).user, hospital);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/hospitals', headers: h })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/public/hospitals?limit=5' })).statusCode).toBe(
      400,
    );
  });
});
