import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf } from '../../../contracts/common';
import { StaffMember } from '../../../contracts/organisation';
import {
  addMembership,
  createDepartment,
  createHospital,
  createUser,
  sessionHeaders,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditOf, orgState, patientCaller, staffCaller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const rolesUrl = (userId: string) => `/api/staff/${userId}/roles`;

describe('staff directory', () => {
  it('lists the hospital’s people with their roles, pages and searches by name or email', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const both = await createUser(t.database.db, {
      fullName: 'Meera Iyer',
      email: `meera-${Date.now()}@example.org`,
    });
    await addMembership(t.database.db, both, hospital, 'nurse');
    await addMembership(t.database.db, both, hospital, 'receptionist');
    await addMembership(t.database.db, both, other, 'doctor');
    const outsider = await staffCaller(t, other, 'nurse');

    const res = await t.app.inject({ method: 'GET', url: '/api/staff?limit=100', headers: admin.h });
    expect(res.statusCode).toBe(200);
    const page = pageOf(StaffMember).parse(res.json());
    expect(page.total).toBe(2);
    expect(page.items.map((m) => m.userId)).not.toContain(outsider.user.id);
    expect(page.items.find((m) => m.userId === both.id)).toMatchObject({
      roles: ['nurse', 'receptionist'],
      active: true,
    });

    const byName = await t.app.inject({ method: 'GET', url: '/api/staff?q=meera%20iy', headers: admin.h });
    expect(byName.json().items.map((m: StaffMember) => m.userId)).toEqual([both.id]);
    const byEmail = await t.app.inject({
      method: 'GET',
      url: `/api/staff?q=${encodeURIComponent(both.email.slice(0, 12))}`,
      headers: admin.h,
    });
    expect(byEmail.json().items.map((m: StaffMember) => m.userId)).toEqual([both.id]);
    const wildcard = await t.app.inject({ method: 'GET', url: '/api/staff?q=%25', headers: admin.h });
    expect(wildcard.json().total).toBe(0);
    const byRole = await t.app.inject({
      method: 'GET',
      url: '/api/staff?role=hospital_admin',
      headers: admin.h,
    });
    expect(byRole.json().items.map((m: StaffMember) => m.userId)).toEqual([admin.user.id]);
    const paged = await t.app.inject({ method: 'GET', url: '/api/staff?limit=1&offset=1', headers: admin.h });
    expect(paged.json()).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.json().items).toHaveLength(1);
  });

  it('is for hospital admins only', async () => {
    const hospital = await createHospital(t.database.db);
    for (const caller of [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/staff', headers: caller.h })).statusCode).toBe(
        403,
      );
    }
  });
});

describe('roles', () => {
  it('sets the roles someone holds; the new roles take effect on their next request', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const nurse = await staffCaller(t, hospital, 'nurse');
    const res = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(nurse.user.id),
      headers: admin.h,
      payload: { roles: ['receptionist', 'pharmacist'] },
    });
    expect(res.statusCode).toBe(200);
    expect(StaffMember.parse(res.json()).roles).toEqual(['pharmacist', 'receptionist']);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: nurse.h });
    expect([...me.json().roles].sort()).toEqual(['pharmacist', 'receptionist']);
    const [event] = await auditOf(t, nurse.user.id, 'staff.roles_changed');
    expect(event).toMatchObject({
      before: { roles: ['nurse'] },
      after: { roles: ['pharmacist', 'receptionist'] },
      hospital_id: hospital.id,
    });
  });

  it('protects the last active admin and allows the change once there is another', async () => {
    const hospital = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const before = await orgState(t);
    const demote = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(admin.user.id),
      headers: admin.h,
      payload: { roles: ['nurse'] },
    });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().code).toBe('LAST_ADMIN');
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${admin.user.id}/deactivate`,
      headers: admin.h,
    });
    expect(off.statusCode).toBe(422);
    expect(off.json().code).toBe('LAST_ADMIN');
    expect(await orgState(t)).toEqual(before);

    // A second admin whose account is disabled does not count.
    const disabled = await staffCaller(t, hospital, 'hospital_admin');
    await t.database.query(`update users set status = 'disabled' where id = $1`, [disabled.user.id]);
    const still = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(admin.user.id),
      headers: admin.h,
      payload: { roles: ['nurse'] },
    });
    expect(still.json().code).toBe('LAST_ADMIN');

    const second = await staffCaller(t, hospital, 'hospital_admin');
    const ok = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(second.user.id),
      headers: admin.h,
      payload: { roles: ['nurse'] },
    });
    expect(ok.statusCode).toBe(200);
    const third = await staffCaller(t, hospital, 'hospital_admin');
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${admin.user.id}/deactivate`,
      headers: admin.h,
    });
    expect(self.statusCode).toBe(200);
    const last = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${third.user.id}/deactivate`,
      headers: third.h,
    });
    expect(last.json().code).toBe('LAST_ADMIN');
  });

  it('two admins deactivating each other at once leave one admin standing', async () => {
    const hospital = await createHospital(t.database.db);
    const a = await staffCaller(t, hospital, 'hospital_admin');
    const b = await staffCaller(t, hospital, 'hospital_admin');
    const results = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/staff/${b.user.id}/deactivate`, headers: a.h }),
      t.app.inject({ method: 'POST', url: `/api/staff/${a.user.id}/deactivate`, headers: b.h }),
    ]);
    // The loser is either refused as the last admin or, having been deactivated first, no longer allowed at all.
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      200,
      results.some((r) => r.statusCode === 422) ? 422 : 403,
    ]);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from memberships where hospital_id = $1 and role = 'hospital_admin' and active`,
      [hospital.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('granting the doctor role needs a profile, which then starts approved', async () => {
    const hospital = await createHospital(t.database.db);
    const dept = await createDepartment(t.database.db, hospital, 'Paediatrics');
    const foreignDept = await createDepartment(t.database.db, await createHospital(t.database.db));
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const nurse = await staffCaller(t, hospital, 'nurse');
    const before = await orgState(t);
    const bare = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(nurse.user.id),
      headers: admin.h,
      payload: { roles: ['nurse', 'doctor'] },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('DOCTOR_PROFILE_REQUIRED');
    const foreign = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(nurse.user.id),
      headers: admin.h,
      payload: {
        roles: ['doctor'],
        doctorProfile: { specialty: 'Paediatrics', registrationNumber: 'MH-1', departmentId: foreignDept.id },
      },
    });
    expect(foreign.statusCode).toBe(400);
    const stray = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(nurse.user.id),
      headers: admin.h,
      payload: { roles: ['nurse'], doctorProfile: { specialty: 'X', registrationNumber: 'Y' } },
    });
    expect(stray.statusCode).toBe(400);
    expect(await orgState(t)).toEqual(before);

    const ok = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(nurse.user.id),
      headers: admin.h,
      payload: {
        roles: ['nurse', 'doctor'],
        doctorProfile: {
          specialty: 'Paediatrics',
          registrationNumber: 'MH-12345',
          departmentId: dept.id,
          consultationFeeMinor: 50000,
        },
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['doctor', 'nurse']);
    const doctors = await t.app.inject({
      method: 'GET',
      url: '/api/doctors?status=approved&limit=100',
      headers: admin.h,
    });
    const profile = doctors.json().items.find((d: { userId: string }) => d.userId === nurse.user.id);
    expect(profile).toMatchObject({
      status: 'approved',
      specialty: 'Paediatrics',
      departmentId: dept.id,
      consultationFeeMinor: 50000,
    });
    expect(await auditOf(t, profile.id, 'doctor.profile_granted')).toHaveLength(1);
  });

  it('someone who holds no role here, or at another hospital only, answers 404', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const elsewhere = await staffCaller(t, other, 'nurse');
    const nobody = await createUser(t.database.db);
    const before = await orgState(t);
    for (const userId of [elsewhere.user.id, nobody.id]) {
      const put = await t.app.inject({
        method: 'PUT',
        url: rolesUrl(userId),
        headers: admin.h,
        payload: { roles: ['nurse'] },
      });
      const off = await t.app.inject({
        method: 'POST',
        url: `/api/staff/${userId}/deactivate`,
        headers: admin.h,
      });
      const on = await t.app.inject({
        method: 'POST',
        url: `/api/staff/${userId}/reactivate`,
        headers: admin.h,
      });
      expect([put.statusCode, off.statusCode, on.statusCode]).toEqual([404, 404, 404]);
    }
    expect(await orgState(t)).toEqual(before);
  });

  it('receptionists, doctors and patients may not change roles', async () => {
    const hospital = await createHospital(t.database.db);
    const target = await staffCaller(t, hospital, 'nurse');
    for (const caller of [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ]) {
      const put = await t.app.inject({
        method: 'PUT',
        url: rolesUrl(target.user.id),
        headers: caller.h,
        payload: { roles: ['hospital_admin'] },
      });
      const off = await t.app.inject({
        method: 'POST',
        url: `/api/staff/${target.user.id}/deactivate`,
        headers: caller.h,
      });
      expect([put.statusCode, off.statusCode]).toEqual([403, 403]);
    }
  });
});

describe('deactivation', () => {
  it('suspends every role at this hospital only, and reactivation restores them', async () => {
    const hospital = await createHospital(t.database.db);
    const other = await createHospital(t.database.db);
    const admin = await staffCaller(t, hospital, 'hospital_admin');
    const person = await staffCaller(t, hospital, 'receptionist');
    await addMembership(t.database.db, person.user, hospital, 'nurse');
    await addMembership(t.database.db, person.user, other, 'pharmacist');

    const off = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.user.id}/deactivate`,
      headers: admin.h,
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, roles: ['nurse', 'receptionist'] });
    expect(await auditOf(t, person.user.id, 'staff.deactivated')).toHaveLength(1);
    // Their roles here are gone at once; the other hospital is untouched.
    const here = await t.app.inject({ method: 'GET', url: '/api/departments', headers: person.h });
    expect(here.statusCode).toBe(403);
    const there = await t.app.inject({
      method: 'GET',
      url: '/api/departments',
      headers: await sessionHeaders(t.database.db, person.user, other),
    });
    expect(there.statusCode).toBe(200);

    const inactive = await t.app.inject({ method: 'GET', url: '/api/staff?active=false', headers: admin.h });
    expect(inactive.json().items.map((m: StaffMember) => m.userId)).toEqual([person.user.id]);
    // Adding a role while suspended keeps it suspended.
    const put = await t.app.inject({
      method: 'PUT',
      url: rolesUrl(person.user.id),
      headers: admin.h,
      payload: { roles: ['nurse', 'receptionist', 'lab_technician'] },
    });
    expect(put.json()).toMatchObject({ active: false });

    const on = await t.app.inject({
      method: 'POST',
      url: `/api/staff/${person.user.id}/reactivate`,
      headers: admin.h,
      payload: {},
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ active: true, roles: ['lab_technician', 'nurse', 'receptionist'] });
    expect(await auditOf(t, person.user.id, 'staff.reactivated')).toHaveLength(1);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/departments', headers: person.h })).statusCode,
    ).toBe(200);
  });
});
