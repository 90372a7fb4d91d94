import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorProfile } from '../../../contracts/organisation';
import { createHospital } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { hospitalWithAdmin, post, signUpDoctor } from './doctors.test-helpers';
import { auditOf, orgState, patientCaller, staffCaller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('doctor approval', () => {
  it('a doctor signs up, the hospital admin approves, and the doctor holds the doctor role', async () => {
    const { hospital, dept, admin } = await hospitalWithAdmin(t);
    const dr = await signUpDoctor(t, hospital, dept.id);
    expect(dr.profile).toMatchObject({
      status: 'pending',
      hospitalId: hospital.id,
      departmentName: 'Cardiology',
      currency: 'INR',
    });
    const before = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: dr.h });
    expect(before.json().roles).toEqual([]);

    const pending = await t.app.inject({
      method: 'GET',
      url: '/api/doctors?status=pending',
      headers: admin.h,
    });
    expect(pending.json().items.map((d: DoctorProfile) => d.id)).toEqual([dr.profile.id]);
    const dir = await t.app.inject({ method: 'GET', url: `/api/public/doctors?hospitalId=${hospital.id}` });
    expect(dir.json().items).toEqual([]);

    const res = await post(t, `/api/doctors/${dr.profile.id}/approve`, admin.h);
    expect(res.statusCode).toBe(200);
    const approved = DoctorProfile.parse(res.json());
    expect(approved.status).toBe('approved');
    expect(approved.decidedAt).not.toBeNull();

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...dr.h, 'x-hospital-id': hospital.id },
    });
    expect(me.json().roles).toContain('doctor');
    expect(me.json().memberships).toContainEqual({
      hospitalId: hospital.id,
      hospitalName: hospital.name,
      role: 'doctor',
    });

    const mail = await t.smtp.waitFor(dr.email, (m) => /approved/i.test(m.subject ?? ''));
    expect(mail.text).toContain(hospital.name);
    const [event] = await auditOf(t, dr.profile.id, 'doctor.approved');
    expect(event).toMatchObject({
      actor_user_id: admin.user.id,
      actor_role: 'hospital_admin',
      hospital_id: hospital.id,
      entity_type: 'doctor_profile',
      outcome: 'success',
      before: { status: 'pending' },
      after: { status: 'approved', userId: dr.userId },
    });

    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/public/doctors?hospitalId=${hospital.id}`,
    });
    expect(listed.json().items).toEqual([
      {
        id: dr.profile.id,
        fullName: dr.profile.fullName,
        specialty: 'Cardiology',
        qualifications: 'MBBS, MD',
        languages: ['English', 'Hindi'],
        bio: '',
        consultationFeeMinor: 80000,
        currency: 'INR',
        hospital: { id: hospital.id, name: hospital.name, city: hospital.city },
        department: { id: dept.id, name: 'Cardiology' },
      },
    ]);

    const again = await post(t, `/api/doctors/${dr.profile.id}/approve`, admin.h, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_DECIDED');
    const reject = await post(t, `/api/doctors/${dr.profile.id}/reject`, admin.h, { reason: 'Too late' });
    expect(reject.json().code).toBe('ALREADY_DECIDED');
  });

  it('rejects with a reason the doctor is mailed; no role is granted', async () => {
    const { hospital, admin } = await hospitalWithAdmin(t);
    const dr = await signUpDoctor(t, hospital);
    const before = await orgState(t);
    for (const payload of [
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(501) },
      { reason: 'ok', extra: 1 },
      { reason: 42 },
    ]) {
      const bad = await post(t, `/api/doctors/${dr.profile.id}/reject`, admin.h, payload);
      expect(bad.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
    }
    expect(await orgState(t)).toEqual(before);

    const reason = 'Registration number could not be verified with the medical council.';
    const res = await post(t, `/api/doctors/${dr.profile.id}/reject`, admin.h, { reason });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectionReason: reason });
    const mail = await t.smtp.waitFor(dr.email, (m) => /not approved/i.test(m.subject ?? ''));
    expect(mail.text).toContain(reason);
    const [event] = await auditOf(t, dr.profile.id, 'doctor.rejected');
    expect(event).toMatchObject({ actor_user_id: admin.user.id, after: { status: 'rejected', reason } });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: dr.h });
    expect(me.json().roles).toEqual([]);
    expect((await post(t, `/api/doctors/${dr.profile.id}/approve`, admin.h)).json().code).toBe(
      'ALREADY_DECIDED',
    );
    const mine = await t.app.inject({ method: 'GET', url: '/api/doctors/me', headers: dr.h });
    expect(mine.json().items[0]).toMatchObject({ status: 'rejected', rejectionReason: reason });
  });

  it('another hospital’s doctor answers 404 to every route', async () => {
    const { admin } = await hospitalWithAdmin(t);
    const other = await createHospital(t.database.db);
    const dr = await signUpDoctor(t, other);
    const before = await orgState(t);
    const id = dr.profile.id;
    const results = await Promise.all([
      t.app.inject({ method: 'GET', url: `/api/doctors/${id}`, headers: admin.h }),
      t.app.inject({
        method: 'PATCH',
        url: `/api/doctors/${id}`,
        headers: admin.h,
        payload: { bio: 'mine' },
      }),
      post(t, `/api/doctors/${id}/approve`, admin.h),
      post(t, `/api/doctors/${id}/reject`, admin.h, { reason: 'no' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([404, 404, 404, 404]);
    expect(await orgState(t)).toEqual(before);
    const list = await t.app.inject({ method: 'GET', url: '/api/doctors?limit=100', headers: admin.h });
    expect(list.json().items.map((d: DoctorProfile) => d.id)).not.toContain(id);
  });

  it('receptionists, doctors and patients may not approve or reject', async () => {
    const { hospital } = await hospitalWithAdmin(t);
    const dr = await signUpDoctor(t, hospital);
    const callers = [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ];
    const before = await orgState(t);
    for (const caller of callers) {
      const a = await post(t, `/api/doctors/${dr.profile.id}/approve`, caller.h);
      const r = await post(t, `/api/doctors/${dr.profile.id}/reject`, caller.h, { reason: 'no' });
      expect([a.statusCode, r.statusCode]).toEqual([403, 403]);
    }
    // The applicant cannot approve themselves either.
    expect((await post(t, `/api/doctors/${dr.profile.id}/approve`, dr.h)).statusCode).toBe(403);
    expect(await orgState(t)).toEqual(before);
  });
});
