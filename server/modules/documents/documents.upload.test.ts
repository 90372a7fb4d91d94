import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkpointFile } from '../../platform/audit/checkpoints';
import { createHospital, createPatient, createStaff, sessionHeaders } from '../../test/factories';
import { documentsKit, ELF, form, JPEG, MZ, PDF, PNG, type FilePart } from './documents.test-support';

const MAX_BYTES = 64 * 1024;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => t?.close());

const { upload, filesRoot, expectNothingStored, scene } = documentsKit(() => t);

describe('uploading documents', () => {
  it('stores a PDF under a random key with its SHA-256, and audits the upload', async () => {
    const s = await scene();
    const res = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'lab_report', title: 'CBC March' }, [
        { filename: 'cbc.pdf', type: 'application/pdf', content: PDF },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      patientId: s.patient.id,
      hospitalId: s.hospital.id,
      kind: 'lab_report',
      title: 'CBC March',
      originalName: 'cbc.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      status: 'active',
      uploadedBy: s.staff.id,
      uploadedByName: s.staff.fullName,
    });
    const { rows } = await t.database.query<{ storage_key: string }>(
      'select storage_key from documents where id = $1',
      [doc.id],
    );
    const key = rows[0]!.storage_key;
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(key.slice(0, 2)).toBe(key.slice(3, 5));
    expect(fs.readFileSync(path.join(filesRoot(), key)).equals(PDF)).toBe(true);
    expect(fs.readdirSync(path.join(filesRoot(), 'tmp'))).toEqual([]);
    const audit = await t.database.query<{ patient_id: string; hospital_id: string }>(
      `select patient_id, hospital_id from audit_events where action = 'document.uploaded' and entity_id = $1`,
      [doc.id],
    );
    expect(audit.rows).toEqual([{ patient_id: s.patient.id, hospital_id: s.hospital.id }]);
  });

  it('accepts JPEG and PNG by content whatever they are called', async () => {
    const s = await scene();
    const jpeg = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'id' }, [{ filename: 'card', type: 'text/plain', content: JPEG }]),
    );
    expect(jpeg.statusCode).toBe(201);
    expect(jpeg.json().contentType).toBe('image/jpeg');
    const png = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'other' }, [{ filename: 'photo.pdf', content: PNG }]),
    );
    expect(png.statusCode).toBe(201);
    expect(png.json().contentType).toBe('image/png');
  });

  it('refuses a renamed executable as x.pdf with 415 and stores nothing', async () => {
    const s = await scene();
    for (const content of [ELF, MZ, Buffer.from('<html><script>alert(1)</script></html>')]) {
      await expectNothingStored(
        () =>
          upload(
            s.staffHeaders,
            s.patient.id,
            form({ kind: 'prescription' }, [{ filename: 'x.pdf', type: 'application/pdf', content }]),
          ),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
  });

  it('refuses an oversize file with 413 and stores nothing', async () => {
    const s = await scene();
    const big = Buffer.concat([PDF, randomBytes(MAX_BYTES + 1 - PDF.length)]);
    const res = await expectNothingStored(
      () =>
        upload(
          s.staffHeaders,
          s.patient.id,
          form({ kind: 'other' }, [{ filename: 'big.pdf', content: big }]),
        ),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect((res.json() as { detail: string }).detail).toContain('64 KB');
    const exact = Buffer.concat([PDF, randomBytes(MAX_BYTES - PDF.length)]);
    expect(
      (
        await upload(
          s.staffHeaders,
          s.patient.id,
          form({ kind: 'other' }, [{ filename: 'max.pdf', content: exact }]),
        )
      ).statusCode,
    ).toBe(201);
  });

  it('over a real connection, streams an upload and answers 413 for one many times the limit', async () => {
    const s = await scene();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const send = async (content: Buffer) => {
      const body = new FormData();
      body.set('kind', 'other');
      body.set('file', new Blob([new Uint8Array(content)]), 'scan.pdf');
      const headers = s.staffHeaders as Record<string, string>;
      return fetch(`${address}/api/patients/${s.patient.id}/documents`, { method: 'POST', headers, body });
    };
    const ok = await send(Buffer.concat([PDF, randomBytes(MAX_BYTES / 2)]));
    expect(ok.status).toBe(201);
    await expectNothingStored(
      async () => {
        const res = await send(Buffer.concat([PDF, randomBytes(MAX_BYTES * 20)]));
        const body = (await res.json()) as unknown;
        return { statusCode: res.status, json: () => body };
      },
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('refuses an empty file, a missing file, two files and a file under another name with 400', async () => {
    const s = await scene();
    const send = (files: FilePart[]) => () =>
      upload(s.staffHeaders, s.patient.id, form({ kind: 'other' }, files));
    const empty = await expectNothingStored(send([{ filename: 'empty.pdf', content: Buffer.alloc(0) }]), 400);
    expect((empty.json() as { detail: string }).detail).toMatch(/empty/i);
    await expectNothingStored(send([]), 400);
    await expectNothingStored(
      send([
        { filename: 'a.pdf', content: PDF },
        { filename: 'b.pdf', content: PDF },
      ]),
      400,
    );
    await expectNothingStored(send([{ field: 'attachment', filename: 'a.pdf', content: PDF }]), 400);
  });

  it('refuses a wrong or missing kind, extra fields, and a JSON body', async () => {
    const s = await scene();
    const file = [{ filename: 'a.pdf', content: PDF }];
    const wrong = await expectNothingStored(
      () => upload(s.staffHeaders, s.patient.id, form({ kind: 'xray' }, file)),
      400,
      'VALIDATION_FAILED',
    );
    expect((wrong.json() as { errors: { path: string }[] }).errors[0]!.path).toBe('body.kind');
    await expectNothingStored(
      () => upload(s.staffHeaders, s.patient.id, form({}, file)),
      400,
      'VALIDATION_FAILED',
    );
    await expectNothingStored(
      () => upload(s.staffHeaders, s.patient.id, form({ kind: 'other', hospitalId: s.hospital.id }, file)),
      400,
    );
    await expectNothingStored(
      () => upload(s.staffHeaders, s.patient.id, form({ kind: 'other', title: 'x'.repeat(201) }, file)),
      400,
    );
    await expectNothingStored(
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/patients/${s.patient.id}/documents`,
          headers: s.staffHeaders,
          payload: { kind: 'other' },
        }),
      415,
    );
  });

  it('keeps a path-like file name only as clean display text, never as a path', async () => {
    const s = await scene();
    const before = new Set(fs.readdirSync(t.dataDir, { recursive: true }) as string[]);
    const names: [string, string][] = [
      ['../../../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\windows\\win.ini.pdf', 'win.ini.pdf'],
      ['..', 'document'],
      ['inv\u202Efdp.exe', 'invfdp.exe'],
      ['a\u0001b\u0000c.pdf', 'abc.pdf'],
      [`${'n'.repeat(300)}.pdf`, `${'n'.repeat(146)}.pdf`],
    ];
    for (const [sent, kept] of names) {
      const res = await upload(
        s.staffHeaders,
        s.patient.id,
        form({ kind: 'other' }, [{ filename: sent, content: PDF }]),
      );
      expect(res.statusCode, sent).toBe(201);
      expect(res.json().originalName).toBe(kept);
    }
    // Everything new in DATA_DIR is a stored file under files/<shard>/<uuid>, apart from the audit
    // sealer's checkpoint file, which it writes on its own timer whenever the chain has grown.
    const checkpoints = path.relative(t.dataDir, checkpointFile(t.dataDir));
    const added = (fs.readdirSync(t.dataDir, { recursive: true }) as string[]).filter(
      (p) => !before.has(p) && p !== checkpoints,
    );
    for (const p of added) expect(p).toMatch(/^files\/[0-9a-f]{2}(\/[0-9a-f]{8}-[0-9a-f-]{27})?$/);
    expect(fs.existsSync(path.join(t.dataDir, 'etc'))).toBe(false);
  });

  it('lets the patient upload their own prescription, and no one else’s', async () => {
    const s = await scene();
    const mine = await upload(
      s.patientHeaders,
      s.patient.id,
      form({ kind: 'prescription' }, [{ filename: 'rx.png', content: PNG }]),
    );
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ hospitalId: null, kind: 'prescription' });
    const other = await createPatient(t.database.db, { hospital: s.hospital });
    await expectNothingStored(
      () =>
        upload(
          s.patientHeaders,
          other.id,
          form({ kind: 'prescription' }, [{ filename: 'rx.png', content: PNG }]),
        ),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses staff of another hospital with 404 and roles without the permission with 403', async () => {
    const s = await scene();
    const elsewhere = await createHospital(t.database.db);
    const stranger = await createStaff(t.database.db, elsewhere, 'doctor');
    const h = await sessionHeaders(t.database.db, stranger, elsewhere);
    await expectNothingStored(
      () => upload(h, s.patient.id, form({ kind: 'other' }, [{ filename: 'a.pdf', content: PDF }])),
      404,
    );
    const buyer = await createStaff(t.database.db, s.hospital, 'procurement_officer');
    const bh = await sessionHeaders(t.database.db, buyer, s.hospital);
    await expectNothingStored(
      () => upload(bh, s.patient.id, form({ kind: 'other' }, [{ filename: 'a.pdf', content: PDF }])),
      403,
      'FORBIDDEN',
    );
  });
});
