import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { randomBytes } from 'node:crypto';
import { createPatientUser, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { documentsKit, form, PDF, PNG } from './documents.test-support';

const MAX_BYTES = 64 * 1024;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => t?.close());

const { upload, scene } = documentsKit(() => t);

describe('listing and downloading', () => {
  it('downloads as an attachment with a safe name, the sniffed type and nosniff, and audits it', async () => {
    const s = await scene();
    const up = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'lab_report' }, [
        { filename: 'रिपोर्ट final.exe', type: 'application/x-msdownload', content: PDF },
      ]),
    );
    expect(up.statusCode).toBe(201);
    const id = up.json().id as string;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${id}/download`,
      headers: s.staffHeaders,
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('रिपोर्ट final.pdf')}`);
    expect(disposition).toContain('filename="_______ final.pdf"');
    expect(disposition).not.toMatch(/\.exe/);

    const byPatient = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${id}/download`,
      headers: s.patientHeaders,
    });
    expect(byPatient.statusCode).toBe(200);
    const audit = await t.database.query<{ patient_id: string; actor_role: string }>(
      `select patient_id, actor_role from audit_events where action = 'document.downloaded' and entity_id = $1 order by seq`,
      [id],
    );
    expect(audit.rows).toEqual([
      { patient_id: s.patient.id, actor_role: 'receptionist' },
      { patient_id: s.patient.id, actor_role: 'patient' },
    ]);
  });

  it("answers 404 for another patient's document, list and download", async () => {
    const s = await scene();
    const up = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'other' }, [{ filename: 'a.pdf', content: PDF }]),
    );
    const id = up.json().id as string;
    const other = await createPatientUser(t.database.db, { hospital: s.hospital });
    const oh = await sessionHeaders(t.database.db, other.user);
    for (const url of [
      `/api/documents/${id}`,
      `/api/documents/${id}/download`,
      `/api/patients/${s.patient.id}/documents`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: oh });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/documents/00000000-0000-4000-8000-000000000000',
      headers: s.staffHeaders,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('shows staff their hospital’s uploads and the patient’s own, and the patient everything', async () => {
    const a = await scene();
    const b = await scene();
    // The same patient, also registered at hospital B.
    await t.database.query(
      'insert into patient_registrations (id, patient_id, hospital_id, mrn) values ($1, $2, $3, $4)',
      [
        '0190e0e0-0000-7000-8000-' + randomBytes(6).toString('hex'),
        a.patient.id,
        b.hospital.id,
        `B-${randomBytes(4).toString('hex')}`,
      ],
    );
    const atA = (
      await upload(
        a.staffHeaders,
        a.patient.id,
        form({ kind: 'lab_report' }, [{ filename: 'a.pdf', content: PDF }]),
      )
    ).json();
    const atB = (
      await upload(
        b.staffHeaders,
        a.patient.id,
        form({ kind: 'lab_report' }, [{ filename: 'b.pdf', content: PDF }]),
      )
    ).json();
    const own = (
      await upload(
        a.patientHeaders,
        a.patient.id,
        form({ kind: 'prescription' }, [{ filename: 'rx.png', content: PNG }]),
      )
    ).json();

    const list = (h: AuthHeaders, q = '') =>
      t.app.inject({ method: 'GET', url: `/api/patients/${a.patient.id}/documents${q}`, headers: h });
    const ids = (r: { json(): { items: { id: string }[] } }) =>
      r
        .json()
        .items.map((d) => d.id)
        .sort();
    expect(ids(await list(a.staffHeaders))).toEqual([atA.id, own.id].sort());
    expect(ids(await list(b.staffHeaders))).toEqual([atB.id, own.id].sort());
    expect(ids(await list(a.patientHeaders))).toEqual([atA.id, atB.id, own.id].sort());
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/documents/${atA.id}`, headers: b.staffHeaders }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/documents/${atA.id}/download`,
          headers: b.staffHeaders,
        })
      ).statusCode,
    ).toBe(404);

    const page = await list(a.patientHeaders, '?kind=lab_report&limit=1');
    expect(page.json()).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(page.json().items).toHaveLength(1);
    expect((await list(a.patientHeaders, '?sort=storage_key')).statusCode).toBe(400);
    expect((await list(a.patientHeaders, '?kind=xray')).statusCode).toBe(400);
    const body = JSON.stringify((await list(a.patientHeaders)).json());
    expect(body).not.toContain('storage');
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'document.listed' and patient_id = $1`,
      [a.patient.id],
    );
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('withdraws a mistaken upload without deleting it; only the uploading side may', async () => {
    const s = await scene();
    const byStaff = (
      await upload(
        s.staffHeaders,
        s.patient.id,
        form({ kind: 'other' }, [{ filename: 'a.pdf', content: PDF }]),
      )
    ).json();
    const byPatient = (
      await upload(
        s.patientHeaders,
        s.patient.id,
        form({ kind: 'id' }, [{ filename: 'id.png', content: PNG }]),
      )
    ).json();
    const withdraw = (h: AuthHeaders, id: string) =>
      t.app.inject({ method: 'POST', url: `/api/documents/${id}/withdraw`, headers: h });

    expect((await withdraw(s.patientHeaders, byStaff.id)).statusCode).toBe(403);
    expect((await withdraw(s.staffHeaders, byPatient.id)).statusCode).toBe(403);
    const done = await withdraw(s.staffHeaders, byStaff.id);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('withdrawn');
    expect((await withdraw(s.staffHeaders, byStaff.id)).json().code).toBe('CONFLICT');
    expect((await withdraw(s.patientHeaders, byPatient.id)).json().status).toBe('withdrawn');
    // Kept: still listed (marked), still downloadable.
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${s.patient.id}/documents`,
      headers: s.patientHeaders,
    });
    expect(list.json().items.map((d: { status: string }) => d.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/documents/${byStaff.id}/download`,
          headers: s.staffHeaders,
        })
      ).statusCode,
    ).toBe(200);
    const other = await createPatientUser(t.database.db, { hospital: s.hospital });
    expect((await withdraw(await sessionHeaders(t.database.db, other.user), byPatient.id)).statusCode).toBe(
      404,
    );
  });
});
