// The ICD-10 list: the common codes are there in every database from start-up; search puts a code
// prefix first and forgives typos; the platform admin imports a code set from CSV, and a file with
// any bad row changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Icd10Code } from '../../../contracts/clinical';
import {
  createHospital,
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { seedIcd10 } from './icd10.service';
import { COMMON_ICD10 } from './icd10.data';

let t: TestApp;
let admin: AuthHeaders;
let doctor: AuthHeaders;
let hospitalAdmin: AuthHeaders;
let receptionist: AuthHeaders;
let patient: AuthHeaders;
let pharmacist: AuthHeaders;
beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const hospital = await createHospital(db);
  admin = await sessionHeaders(db, await createPlatformAdmin(db));
  doctor = await sessionHeaders(db, await createStaff(db, hospital, 'doctor'), hospital);
  hospitalAdmin = await sessionHeaders(db, await createStaff(db, hospital, 'hospital_admin'), hospital);
  receptionist = await sessionHeaders(db, await createStaff(db, hospital, 'receptionist'), hospital);
  patient = await sessionHeaders(db, (await createPatientUser(db, { hospital })).user);
  pharmacist = await sessionHeaders(db, await createStaff(db, hospital, 'pharmacist'), hospital);
});
afterAll(async () => t?.close());

const search = async (q: string, headers = doctor) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/icd10?q=${encodeURIComponent(q)}`,
    headers: headers as Record<string, string>,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Icd10Code[] }).items;
};
const codes = async () =>
  (
    await t.database.query<{ code: string; title: string; chapter: string | null; active: boolean }>(
      'select code, title, chapter, active from icd10_codes order by code',
    )
  ).rows;

function csvUpload(csv: string, headers = admin, asMultipart = true) {
  if (!asMultipart) {
    return t.app.inject({
      method: 'POST',
      url: '/api/icd10/import',
      headers: { ...(headers as Record<string, string>), 'content-type': 'text/csv' },
      payload: csv,
    });
  }
  const boundary = '----icd10test';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="codes.csv"\r\nContent-Type: text/csv\r\n\r\n` +
    `${csv}\r\n--${boundary}--\r\n`;
  return t.app.inject({
    method: 'POST',
    url: '/api/icd10/import',
    headers: {
      ...(headers as Record<string, string>),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.from(body),
  });
}

describe('the common codes', () => {
  it('are in the database from start-up, every one valid, and seeding again adds nothing', async () => {
    expect(COMMON_ICD10.length).toBeGreaterThanOrEqual(300);
    const rows = await codes();
    expect(rows.length).toBeGreaterThanOrEqual(COMMON_ICD10.length);
    expect(rows.find((r) => r.code === 'I10')).toMatchObject({
      title: 'Essential (primary) hypertension',
      chapter: 'IX Diseases of the circulatory system',
      active: true,
    });
    expect(await seedIcd10(t.database.db)).toBe(0);
  });
});

describe('search', () => {
  it('puts codes starting with the query first', async () => {
    const items = await search('e11');
    expect(items[0]!.code.startsWith('E11')).toBe(true);
    expect(items.filter((i) => i.code.startsWith('E11')).map((i) => i.code)).toContain('E11.9');
    expect((await search('I10'))[0]!.code).toBe('I10');
    expect((await search('J06.9'))[0]).toMatchObject({
      code: 'J06.9',
      title: 'Acute upper respiratory infection, unspecified',
    });
  });

  it('finds titles, misspelt too, and caps the results', async () => {
    expect((await search('hypertension')).map((i) => i.code)).toContain('I10');
    expect((await search('diabetis melitus')).map((i) => i.code)).toContain('E11.9');
    expect((await search('tonsilitis')).map((i) => i.code)).toContain('J03.9');
    expect((await search('a')).length).toBeLessThanOrEqual(20);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/icd10?q=fever&limit=51',
      headers: doctor as Record<string, string>,
    });
    expect(res.statusCode).toBe(400);
    expect((await search("'; drop table icd10_codes; --")).length).toBe(0);
    expect((await codes()).length).toBeGreaterThan(300);
  });
});

describe('who may search', () => {
  it('is whoever writes diagnoses: those who discharge patients too, never a patient or the pharmacy', async () => {
    // The receptionist and the hospital admin discharge (admissions:manage) and write its diagnoses.
    for (const h of [receptionist, hospitalAdmin]) {
      expect((await search('pneumonia', h)).map((i) => i.code)).toContain('J18.9');
    }
    for (const h of [patient, pharmacist]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: '/api/icd10?q=pneumonia',
        headers: h as Record<string, string>,
      });
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    }
  });
});

describe('import', () => {
  it('adds new codes and updates known ones, in a multipart file or as text/csv', async () => {
    const before = await codes();
    const res = await csvUpload(
      'code,title,chapter\nA00.0,"Cholera due to Vibrio cholerae 01, biovar cholerae",\ni10,Essential (primary) hypertension\nJ06.9,Acute URTI (retitled)\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 1, updated: 1, unchanged: 1, rejected: [] });
    const after = await codes();
    expect(after.length).toBe(before.length + 1);
    expect(after.find((r) => r.code === 'A00.0')).toMatchObject({
      title: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
      chapter: 'I Certain infectious and parasitic diseases',
    });
    expect(after.find((r) => r.code === 'J06.9')!.title).toBe('Acute URTI (retitled)');
    // A start-up after the import leaves the retitled code as imported.
    await seedIcd10(t.database.db);
    expect((await codes()).find((r) => r.code === 'J06.9')!.title).toBe('Acute URTI (retitled)');

    const text = await csvUpload('A00.1,Cholera due to Vibrio cholerae 01 biovar eltor\n', admin, false);
    expect(text.statusCode, text.body).toBe(200);
    expect(text.json().added).toBe(1);
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'icd10.imported'`,
    );
    expect(Number(audit.rows[0]!.n)).toBe(2);
  });

  it('changes nothing for a file with any bad row, and says which lines', async () => {
    const before = await codes();
    const bad = [
      'code,title',
      'B99.1,Other infectious disease',
      'not-a-code,Something',
      'C00.0,',
      'C00.1,"=HYPERLINK(""http://evil.example"",""click"")"',
      'C00.2,Malignant neoplasm of external lower lip',
      'B99.1,Listed twice',
    ].join('\n');
    const res = await csvUpload(bad);
    expect(res.statusCode).toBe(400);
    const problem = res.json() as { code: string; rejected: { line: number; errors: string[] }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.rejected.map((r) => r.line)).toEqual([3, 4, 5, 7]);
    expect(await codes()).toEqual(before);

    for (const body of ['', 'code,title\n', '"unterminated,quote\n', 'A00.9,x,y,z\n']) {
      const r = await csvUpload(body, admin, false);
      expect(r.statusCode, body).toBe(400);
    }
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/icd10/import',
          headers: admin as Record<string, string>,
          payload: { code: 'A00.9', title: 'x' },
        })
      ).statusCode,
    ).toBe(415);
    expect(await codes()).toEqual(before);
  });

  it('is the platform admin’s alone', async () => {
    for (const h of [doctor, hospitalAdmin]) {
      expect((await csvUpload('A00.9,Cholera, unspecified\n', h)).statusCode).toBe(403);
    }
    expect((await codes()).some((r) => r.code === 'A00.9')).toBe(false);
    // Searching is for those who write diagnoses (who-may-search below) and the admin.
    expect((await search('I10', admin))[0]!.code).toBe('I10');
  });
});
