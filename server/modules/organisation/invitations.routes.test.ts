import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invitation, InvitationAccepted } from '../../../contracts/organisation';
import {
  addMembership,
  createHospital,
  createUser,
  sessionHeaders,
  type HospitalRow,
} from '../../test/factories';
import { until } from '../../platform/jobs/jobs.testing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditOf, orgState, patientCaller, staffCaller, type Caller } from './organisation.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'Sturdy-Invite-Pass-73';
let n = 0;
const freshEmail = () => `invitee-${Date.now()}-${++n}@example.org`;

/** Invites `email` as `role` and returns the invitation and the token from the mailed link. */
async function invite(admin: Caller, email: string, role = 'nurse') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/staff/invitations',
    headers: admin.h,
    payload: { email, role },
  });
  expect(res.statusCode, res.body).toBe(201);
  const invitation = Invitation.parse(res.json());
  const mail = await t.smtp.waitFor(email, (m) => (m.text ?? '').includes('invitations/accept'));
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
  t.smtp.messages.splice(t.smtp.messages.indexOf(mail), 1); // the next invite to this address waits for its own mail
  return { invitation, token, mail };
}

const accept = (payload: Record<string, unknown>, headers: Record<string, string | undefined> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/invitations/accept', headers, payload });

async function adminOf(hospital?: HospitalRow) {
  const h = hospital ?? (await createHospital(t.database.db));
  return { hospital: h, admin: await staffCaller(t, h, 'hospital_admin') };
}

describe('inviting staff', () => {
  it('mails a one-time link; only the token’s hash is stored; the invitation is listed and audited', async () => {
    const { hospital, admin } = await adminOf();
    const email = freshEmail();
    const { invitation, token, mail } = await invite(admin, email.toUpperCase(), 'pharmacist');
    expect(invitation).toMatchObject({
      email,
      role: 'pharmacist',
      status: 'pending',
      hospitalId: hospital.id,
    });
    expect(invitation.invitedBy).toEqual({ id: admin.user.id, fullName: admin.user.fullName });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(mail.subject).toContain(hospital.name);
    expect(mail.text).toContain(`http://localhost:${t.config.PORT}/invitations/accept?token=${token}`);

    const { rows } = await t.database.query<{ token_hash: string }>(
      'select token_hash from invitations where id = $1',
      [invitation.id],
    );
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await auditOf(t, invitation.id))).not.toContain(token);
    expect(await auditOf(t, invitation.id, 'staff.invited')).toHaveLength(1);

    const list = await t.app.inject({ method: 'GET', url: '/api/staff/invitations', headers: admin.h });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: Invitation) => i.id)).toEqual([invitation.id]);
  });

  it('refuses someone who already holds the role (409) and doctors (422), and changes nothing', async () => {
    const { hospital, admin } = await adminOf();
    const nurse = await staffCaller(t, hospital, 'nurse');
    const before = await orgState(t);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: admin.h,
      payload: { email: nurse.user.email, role: 'nurse' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ALREADY_MEMBER');
    const doctor = await t.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: admin.h,
      payload: { email: freshEmail(), role: 'doctor' },
    });
    expect(doctor.statusCode).toBe(422);
    expect(doctor.json().code).toBe('DOCTOR_PROFILE_REQUIRED');
    expect(await orgState(t)).toEqual(before);
    // The same person may be invited to a different role.
    await invite(admin, nurse.user.email, 'receptionist');
  });

  it('a new invitation to the same address and role replaces the open one', async () => {
    const { admin } = await adminOf();
    const email = freshEmail();
    const first = await invite(admin, email);
    const second = await invite(admin, email);
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/invitations', headers: admin.h });
    expect(list.json().items.map((i: Invitation) => i.id)).toEqual([second.invitation.id]);
    const old = await accept({ token: first.token, fullName: 'A B', password: NEW_PASSWORD });
    expect(old.json().code).toBe('INVITATION_INVALID');
  });

  it('receptionists, doctors and patients may not invite, list or revoke', async () => {
    const { hospital, admin } = await adminOf();
    const { invitation } = await invite(admin, freshEmail());
    for (const caller of [
      await staffCaller(t, hospital, 'receptionist'),
      await staffCaller(t, hospital, 'doctor'),
      await patientCaller(t),
    ]) {
      const post = await t.app.inject({
        method: 'POST',
        url: '/api/staff/invitations',
        headers: caller.h,
        payload: { email: freshEmail(), role: 'nurse' },
      });
      const list = await t.app.inject({ method: 'GET', url: '/api/staff/invitations', headers: caller.h });
      const revoke = await t.app.inject({
        method: 'POST',
        url: `/api/staff/invitations/${invitation.id}/revoke`,
        headers: caller.h,
      });
      expect([post.statusCode, list.statusCode, revoke.statusCode]).toEqual([403, 403, 403]);
    }
  });
});

describe('revoking', () => {
  it('withdraws an open invitation once; another hospital’s answers 404', async () => {
    const { admin } = await adminOf();
    const { admin: otherAdmin } = await adminOf();
    const { invitation, token } = await invite(admin, freshEmail());
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/staff/invitations/${invitation.id}/revoke`,
      headers: otherAdmin.h,
    });
    expect(foreign.statusCode).toBe(404);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/staff/invitations/${invitation.id}/revoke`,
      headers: admin.h,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('revoked');
    expect(await auditOf(t, invitation.id, 'staff.invitation_revoked')).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/staff/invitations/${invitation.id}/revoke`,
      headers: admin.h,
    });
    expect(again.statusCode).toBe(409);
    const used = await accept({ token, fullName: 'Late Comer', password: NEW_PASSWORD });
    expect(used.statusCode).toBe(422);
    expect(used.json().code).toBe('INVITATION_INVALID');
  });
});

describe('accepting', () => {
  it('someone new gets an account and the role; the link works once', async () => {
    const { hospital, admin } = await adminOf();
    const email = freshEmail();
    const { invitation, token } = await invite(admin, email, 'lab_technician');
    const res = await accept({ token, fullName: 'Ravi Kumar', password: NEW_PASSWORD });
    expect(res.statusCode).toBe(201);
    const body = InvitationAccepted.parse(res.json());
    expect(body).toMatchObject({
      hospitalId: hospital.id,
      hospitalName: hospital.name,
      role: 'lab_technician',
      accountCreated: true,
    });

    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password: NEW_PASSWORD },
    });
    expect(signIn.statusCode).toBe(204);
    const cookie = String([signIn.headers['set-cookie']].flat()[0]).split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ id: body.userId, fullName: 'Ravi Kumar' });
    expect(me.json().memberships).toContainEqual({
      hospitalId: hospital.id,
      hospitalName: hospital.name,
      role: 'lab_technician',
    });
    const [event] = await auditOf(t, invitation.id, 'staff.invitation_accepted');
    expect(event).toMatchObject({ actor_user_id: body.userId, hospital_id: hospital.id });

    const before = await orgState(t);
    const reuse = await accept({ token, fullName: 'Someone Else', password: NEW_PASSWORD });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().code).toBe('INVITATION_INVALID');
    expect(await orgState(t)).toEqual(before);
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/invitations', headers: admin.h });
    expect(list.json().items).toEqual([]);
  });

  it('someone with an account accepts while signed in with the token alone', async () => {
    const { hospital, admin } = await adminOf();
    const existing = await createUser(t.database.db);
    const stranger = await createUser(t.database.db);
    const { token } = await invite(admin, existing.email, 'receptionist');
    const before = await orgState(t);

    const anon = await accept({ token, fullName: 'Impostor', password: NEW_PASSWORD });
    expect(anon.statusCode).toBe(409);
    expect(anon.json().code).toBe('EMAIL_TAKEN');
    const wrongPerson = await accept({ token }, await sessionHeaders(t.database.db, stranger));
    expect(wrongPerson.statusCode).toBe(422);
    const mine = await sessionHeaders(t.database.db, existing);
    const extra = await accept({ token, password: NEW_PASSWORD }, mine);
    expect(extra.statusCode).toBe(400);
    const noCsrf = await accept({ token }, { cookie: mine.cookie });
    expect(noCsrf.statusCode).toBe(403);
    expect(await orgState(t)).toEqual(before);

    const ok = await accept({ token }, mine);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ userId: existing.id, accountCreated: false, role: 'receptionist' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...mine, 'x-hospital-id': hospital.id },
    });
    expect(me.json().roles).toContain('receptionist');
    const { rows } = await t.database.query<{ password_hash: string }>(
      'select password_hash from users where id = $1',
      [existing.id],
    );
    expect(rows[0]!.password_hash).toBe(existing.passwordHash);
    expect((await accept({ token }, mine)).statusCode).toBe(422);
  });

  it('refuses expired links, weak passwords and missing details without using the link', async () => {
    const { admin } = await adminOf();
    const { invitation, token } = await invite(admin, freshEmail());
    const before = await orgState(t);
    const missing = await accept({ token, fullName: 'No Password' });
    expect(missing.statusCode).toBe(400);
    const weak = await accept({ token, fullName: 'Weak Pass', password: 'password123' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const unknown = await accept({ token: 'x'.repeat(43), fullName: 'Guess', password: NEW_PASSWORD });
    expect(unknown.json().code).toBe('INVITATION_INVALID');
    expect(await orgState(t)).toEqual(before);

    await t.database.query(`update invitations set expires_at = now() - interval '1 second' where id = $1`, [
      invitation.id,
    ]);
    const expired = await accept({ token, fullName: 'Too Late', password: NEW_PASSWORD });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().code).toBe('INVITATION_INVALID');
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/invitations', headers: admin.h });
    expect(list.json().items).toEqual([]);
  });

  it('two acceptances of one link at once: exactly one wins', async () => {
    const { admin } = await adminOf();
    const email = freshEmail();
    const { token } = await invite(admin, email);
    const results = await Promise.all([
      accept({ token, fullName: 'First Person', password: NEW_PASSWORD }),
      accept({ token, fullName: 'Second Person', password: NEW_PASSWORD }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      201,
      results.some((r) => r.statusCode === 409) ? 409 : 422,
    ]);
    const { rows } = await t.database.query<{ n: number }>(
      'select count(*)::int as n from users where email = $1',
      [email],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('when mail cannot be sent', () => {
  // The invitation mail is queued in the invitation's own transaction and sent by a background job
  // with retries: a mail server that is down delays it, and never loses it or the invitation.
  it('keeps the invitation and its queued mail, which is retried', async () => {
    const broken = await buildTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', JOBS_RETRY_DELAY_SECONDS: '1' });
    try {
      const hospital = await createHospital(broken.database.db);
      const admin = await createUser(broken.database.db);
      await addMembership(broken.database.db, admin, hospital, 'hospital_admin');
      const h = await sessionHeaders(broken.database.db, admin, hospital);
      const email = freshEmail();
      const res = await broken.app.inject({
        method: 'POST',
        url: '/api/staff/invitations',
        headers: h,
        payload: { email, role: 'nurse' },
      });
      expect(res.statusCode).toBe(201);
      const { rows } = await broken.database.query<{ total: number; open: number }>(
        'select count(*)::int as total, (count(*) filter (where revoked_at is null))::int as open from invitations where hospital_id = $1',
        [hospital.id],
      );
      expect(rows[0]).toEqual({ total: 1, open: 1 });
      const delivery = () =>
        broken.database.query<{ status: string; attempts: number; last_error: string | null }>(
          `select status, attempts, last_error from notification_deliveries
            where template = 'organisation.staff_invitation' and recipient = $1`,
          [email],
        );
      // The job ran, failed on the closed port, and the delivery waits for its next attempt.
      await until(async () => (await delivery()).rows[0]!.attempts >= 1, 'a first delivery attempt');
      const d = (await delivery()).rows[0]!;
      expect(d.status).not.toBe('sent');
      expect(d.last_error).toMatch(/\S/);
    } finally {
      await broken.close();
    }
  });
});
