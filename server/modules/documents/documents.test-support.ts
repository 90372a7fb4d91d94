// Test helpers shared by the documents tests (not a test file itself).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestApp } from '../../test/harness';
import {
  createHospital,
  createPatientUser,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  randomBytes(64),
  Buffer.from([0xff, 0xd9]),
]);
export const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  randomBytes(256),
]);
export const MZ = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  randomBytes(200),
]);

export interface FilePart {
  field?: string;
  filename: string;
  type?: string;
  content: Buffer;
}

/** A multipart/form-data body built by hand, so tests control every byte (names, types, order). */
export function form(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----hospitium${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Helpers bound to a test app (read lazily: the app is built in beforeAll). */
export function documentsKit(app: () => TestApp) {
  function upload(headers: AuthHeaders, patientId: string, body: { payload: Buffer; type: string }) {
    return app().app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/documents`,
      headers: { ...headers, 'content-type': body.type },
      payload: body.payload,
    });
  }

  const filesRoot = () => path.join(app().dataDir, 'files');

  /** Every file (not folder) under DATA_DIR/files, relative to it. */
  function storedFiles(): string[] {
    const root = filesRoot();
    if (!fs.existsSync(root)) return [];
    return (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((p) => fs.statSync(path.join(root, p)).isFile())
      .sort();
  }

  async function documentCount(): Promise<number> {
    const { rows } = await app().database.query<{ n: number }>('select count(*)::int as n from documents');
    return rows[0]!.n;
  }

  /** Runs a request that must be refused and checks that no file and no row were left behind. */
  async function expectNothingStored(
    run: () => Promise<{ statusCode: number; json(): unknown }>,
    status: number,
    code?: string,
  ) {
    const files = storedFiles();
    const rows = await documentCount();
    const res = await run();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    if (code) expect((res.json() as { code: string }).code).toBe(code);
    expect(storedFiles()).toEqual(files);
    expect(fs.readdirSync(path.join(filesRoot(), 'tmp'))).toEqual([]);
    expect(await documentCount()).toBe(rows);
    return res;
  }

  async function scene(hospital?: HospitalRow) {
    const h = hospital ?? (await createHospital(app().database.db));
    const { user: patientUser, patient } = await createPatientUser(app().database.db, { hospital: h });
    const staff = await createStaff(app().database.db, h, 'receptionist');
    return {
      hospital: h,
      patient,
      staffHeaders: await sessionHeaders(app().database.db, staff, h),
      staff,
      patientHeaders: await sessionHeaders(app().database.db, patientUser),
    };
  }

  return { upload, filesRoot, storedFiles, documentCount, expectNothingStored, scene };
}
