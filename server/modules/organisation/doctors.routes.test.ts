import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf } from '../../../contracts/common';
import { DoctorProfile } from '../../../contracts/organisation';
import { createDepartment, createHospital } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { hospitalWithAdmin, post, signUpDoctor } from './doctors.test-helpers';
import { auditOf, orgState, patientCaller, staffCaller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('doctor profiles', () => {
  it('staff list the hospital’s doctors with filters and paging; patients may not', async () => {
    const { hospital, dept } = await hospitalWithAdmin(t);
    const a = await signUpDoctor(t, hospital, dept.id);
    await signUpDoctor(t, hospital);
    const approvedDoctor = await staffCaller(t, hospital, 'doctor');
    const nurse = await staffCaller(t, hospital, 'nurse');
    const all = await t.app.inject({ method: 'GET', url: '/api/doctors?limit=100', headers: nurse.h });
    expect(all.statusCode).toBe(200);
    expect(pageOf(DoctorProfile).parse(all.json()).total).toBe(3);
    const approved = await t.app.inject({
      method: 'GET',
      url: '/api/doctors?status=approved',
      headers: nurse.h,
    });
    expect(approved.json().items.map((d: DoctorProfile) => d.userId)).toEqual([approvedDoctor.user.id]);
    const byDept = await t.app.inject({
      method: 'GET',
      url: `/api/doctors?departmentId=${dept.id}`,
      headers: nurse.h,
    });
    expect(byDept.json().items.map((d: DoctorProfile) => d.id)).toEqual([a.profile.id]);
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/doctors?limit=2&offset=2',
      headers: nurse.h,
    });
    expect(page.json()).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.json().items).toHaveLength(1);
    const one = await t.app.inject({ method: 'GET', url: `/api/doctors/${a.profile.id}`, headers: nurse.h });
    expect(one.json()).toMatchObject({ id: a.profile.id, email: a.email });
    const bad = await t.app.inject({ method: 'GET', url: '/api/doctors?status=retired', headers: nurse.h });
    expect(bad.statusCode).toBe(400);
    const patient = await patientCaller(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/doctors', headers: patient.h })).statusCode).toBe(
      403,
    );
  });

  it('a doctor edits their own profile (even while pending); the department must be the hospital’s', async () => {
    const { hospital, dept } = await hospitalWithAdmin(t);
    const foreignDept = await createDepartment(t.database.db, await createHospital(t.database.db));
    const dr = await signUpDoctor(t, hospital);
    const url = `/api/doctors/${dr.profile.id}`;
    const before = await orgState(t);
    const foreign = await t.app.inject({
      method: 'PATCH',
      url,
      headers: dr.h,
      payload: { departmentId: foreignDept.id },
    });
    expect(foreign.statusCode).toBe(400);
    const status = await t.app.inject({
      method: 'PATCH',
      url,
      headers: dr.h,
      payload: { status: 'approved' },
    });
    expect(status.statusCode).toBe(400);
    const negative = await t.app.inject({
      method: 'PATCH',
      url,
      headers: dr.h,
      payload: { consultationFeeMinor: -1 },
    });
    expect(negative.statusCode).toBe(400);
    const fraction = await t.app.inject({
      method: 'PATCH',
      url,
      headers: dr.h,
      payload: { consultationFeeMinor: 10.5 },
    });
    expect(fraction.statusCode).toBe(400);
    expect(await orgState(t)).toEqual(before);

    const res = await t.app.inject({
      method: 'PATCH',
      url,
      headers: dr.h,
      payload: {
        departmentId: dept.id,
        bio: '<script>alert(1)</script> 20 years 🫀',
        languages: ['Marathi'],
        consultationFeeMinor: 0,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      departmentId: dept.id,
      bio: '<script>alert(1)</script> 20 years 🫀',
      languages: ['Marathi'],
      consultationFeeMinor: 0,
      status: 'pending',
    });
    const [event] = await auditOf(t, dr.profile.id, 'doctor.profile_updated');
    expect(event).toMatchObject({ actor_user_id: dr.userId, hospital_id: hospital.id });
    expect(event!.before).toMatchObject({ departmentId: null, consultationFeeMinor: 80000 });
  });

  it('the hospital admin edits any of its doctors; a colleague cannot edit another doctor', async () => {
    const { hospital, admin } = await hospitalWithAdmin(t);
    const dr = await signUpDoctor(t, hospital);
    const colleague = await staffCaller(t, hospital, 'doctor');
    const url = `/api/doctors/${dr.profile.id}`;
    const theirs = await t.app.inject({
      method: 'PATCH',
      url,
      headers: colleague.h,
      payload: { specialty: 'Quackery' },
    });
    expect(theirs.statusCode).toBe(404);
    const patient = await patientCaller(t);
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: patient.h, payload: { specialty: 'X' } }))
        .statusCode,
    ).toBe(404);
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.h,
      payload: { specialty: 'Interventional Cardiology' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().specialty).toBe('Interventional Cardiology');
  });
});

describe('public doctor directory', () => {
  it('filters by hospital, department, specialty and text, and hides doctors who are out of service', async () => {
    const { hospital, dept, admin } = await hospitalWithAdmin(t);
    const a = await signUpDoctor(t, hospital, dept.id);
    const b = await signUpDoctor(t, hospital);
    await post(t, `/api/doctors/${a.profile.id}/approve`, admin.h);
    await post(t, `/api/doctors/${b.profile.id}/approve`, admin.h);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/doctors/${b.profile.id}`,
      headers: admin.h,
      payload: { specialty: 'Dermatology' },
    });

    const ids = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/public/doctors?hospitalId=${hospital.id}&${query}` }))
        .json()
        .items.map((d: { id: string }) => d.id);
    expect((await ids('')).sort()).toEqual([a.profile.id, b.profile.id].sort());
    expect(await ids(`departmentId=${dept.id}`)).toEqual([a.profile.id]);
    expect(await ids('specialty=derma')).toEqual([b.profile.id]);
    expect(await ids(`q=${encodeURIComponent(a.profile.fullName)}`)).toEqual([a.profile.id]);
    expect(await ids('q=%25_')).toEqual([]);

    const body = (await t.app.inject({ method: 'GET', url: `/api/public/doctors?hospitalId=${hospital.id}` }))
      .body;
    for (const secret of [a.email, a.userId, a.profile.registrationNumber])
      expect(body).not.toContain(secret);

    // Suspended staff and deactivated hospitals drop out of the directory.
    await post(t, `/api/staff/${b.userId}/deactivate`, admin.h);
    expect(await ids('')).toEqual([a.profile.id]);
    await t.database.query('update hospitals set active = false where id = $1', [hospital.id]);
    expect(await ids('')).toEqual([]);
  });

  it('answers one bookable doctor by id, as the list shows them, and nobody who is not bookable', async () => {
    const { hospital, dept, admin } = await hospitalWithAdmin(t);
    const a = await signUpDoctor(t, hospital, dept.id);
    const pending = await signUpDoctor(t, hospital);
    await post(t, `/api/doctors/${a.profile.id}/approve`, admin.h);
    const one = (id: string) => t.app.inject({ method: 'GET', url: `/api/public/doctors/${id}` });

    const res = await one(a.profile.id);
    expect(res.statusCode).toBe(200);
    const listed = (
      await t.app.inject({ method: 'GET', url: `/api/public/doctors?hospitalId=${hospital.id}` })
    ).json().items;
    expect(res.json()).toEqual(listed.find((d: { id: string }) => d.id === a.profile.id));
    for (const secret of [a.email, a.userId, a.profile.registrationNumber])
      expect(res.body).not.toContain(secret);

    // Not yet approved, unknown, or out of service: the same 404 as an id that never existed.
    expect((await one(pending.profile.id)).statusCode).toBe(404);
    expect((await one('0197a0d2-5c1e-7e32-9a4b-3f6d2e1c8b90')).statusCode).toBe(404);
    expect((await one('nope')).statusCode).toBe(400);
    await post(t, `/api/staff/${a.userId}/deactivate`, admin.h);
    const gone = await one(a.profile.id);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('NOT_FOUND');
  });

  it('refuses malformed filters', async () => {
    for (const q of [
      'hospitalId=nope',
      'limit=1000',
      'departmentId=1',
      `q=${'x'.repeat(101)}`,
      'sort=email',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/doctors?${q}` });
      expect(res.statusCode, q).toBe(400);
    }
  });
});
