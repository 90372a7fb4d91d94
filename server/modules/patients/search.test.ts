import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatientPage } from '../../../contracts/patients';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditRows, desk, randomPhone, register, type Desk } from './patients.test-helpers';
import { classifyQuery } from './search.service';

let t: TestApp;
let a: Desk;
let b: Desk;
let priya: { id: string; mrn: string };
let priyaPhone: string;

beforeAll(async () => {
  t = await buildTestApp();
  a = await desk(t);
  b = await desk(t);
  priyaPhone = randomPhone();
  priya = await register(t, a, {
    givenName: 'Priya',
    familyName: 'Sharma',
    dateOfBirth: '1988-04-12',
    phone: priyaPhone,
  });
  await register(t, a, { givenName: 'Rohit', familyName: 'Verma' });
  await register(t, a, { givenName: 'Meena', familyName: 'Iyer' });
  // Another hospital's patient with the same name must never show at hospital A, and vice versa.
  await register(t, b, { givenName: 'Priya', familyName: 'Sharma', phone: randomPhone() });
});
afterAll(async () => t?.close());

async function search(d: Desk, query: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: '/api/patients', headers: d.headers, query });
  expect(res.statusCode, res.body).toBe(200);
  return PatientPage.parse(res.json());
}

describe('classifyQuery', () => {
  it('reads phones, MRNs and names', () => {
    expect(classifyQuery('+91 98123-45678')).toEqual({ kind: 'phone-exact', phone: '+919812345678' });
    expect(classifyQuery('98123 45678')).toEqual({ kind: 'phone-suffix', digits: '9812345678' });
    expect(classifyQuery('cgh-000123')).toEqual({ kind: 'mrn', mrn: 'CGH-000123' });
    expect(classifyQuery('CGH-BLR-000123')).toEqual({ kind: 'mrn', mrn: 'CGH-BLR-000123' });
    expect(classifyQuery('  Priya   Sharma ')).toEqual({ kind: 'name', name: 'priya sharma' });
    expect(classifyQuery('12345')).toEqual({ kind: 'name', name: '12345' });
    expect(classifyQuery('')).toEqual({ kind: 'all' });
    expect(classifyQuery(undefined)).toEqual({ kind: 'all' });
  });
});

describe('GET /api/patients', () => {
  it.each(['pria sharma', 'Shrama', 'priya', 'SHARMA', 'Priya Shrama', 'pryia sharma'])(
    'finds Priya Sharma by "%s"',
    async (q) => {
      const page = await search(a, { q });
      expect(page.items[0]?.id).toBe(priya.id);
      expect(page.items.every((i) => i.id !== undefined)).toBe(true);
    },
  );

  it('ranks the closest name first and does not match unrelated names', async () => {
    const page = await search(a, { q: 'rohit verma' });
    expect(page.items.map((i) => i.givenName)).toEqual(['Rohit']);
    expect((await search(a, { q: 'zzzz qqqq' })).items).toEqual([]);
  });

  it('finds by phone, with or without the country code and with spaces', async () => {
    const national = priyaPhone.slice(3);
    for (const q of [
      priyaPhone,
      `${priyaPhone.slice(0, 3)} ${national.slice(0, 5)} ${national.slice(5)}`,
      national,
    ]) {
      const page = await search(a, { q });
      expect(
        page.items.map((i) => i.id),
        q,
      ).toEqual([priya.id]);
    }
    expect((await search(a, { q: '+19999999999' })).items).toEqual([]);
  });

  it('finds by MRN exactly, in any case', async () => {
    expect((await search(a, { q: priya.mrn })).items.map((i) => i.id)).toEqual([priya.id]);
    expect((await search(a, { q: priya.mrn.toLowerCase() })).items.map((i) => i.id)).toEqual([priya.id]);
    expect((await search(a, { q: `${priya.mrn}9` })).items).toEqual([]);
  });

  it("never returns another hospital's patients, by name, phone or MRN", async () => {
    const page = await search(b, { q: 'priya sharma' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.id).not.toBe(priya.id);
    expect((await search(b, { q: priyaPhone })).items).toEqual([]);
    expect((await search(b, { q: priya.mrn })).items).toEqual([]);
    expect((await search(b, {})).items.map((i) => i.id)).not.toContain(priya.id);
  });

  it('lists the hospital newest first when q is empty, paginated with a total', async () => {
    const all = await search(a, {});
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.givenName)).toEqual(['Meena', 'Rohit', 'Priya']);
    const second = await search(a, { q: '', limit: '1', offset: '1' });
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.items.map((i) => i.givenName)).toEqual(['Rohit']);
    const past = await search(a, { limit: '10', offset: '50' });
    expect(past).toMatchObject({ items: [], total: 3 });
  });

  it('treats SQL in q as text', async () => {
    for (const q of ["' or 1=1 --", "x'; drop table patients; --", '%', '_', '\\']) {
      const page = await search(a, { q });
      expect(page.items.length, q).toBeLessThanOrEqual(1);
    }
    const still = await t.database.query('select count(*)::int as n from patients');
    expect(Number((still.rows[0] as { n: number }).n)).toBeGreaterThan(0);
  });

  it('audits each search with the query and the result count', async () => {
    await search(a, { q: 'meena' });
    const rows = await auditRows(
      t,
      `action = 'patient.search' and hospital_id = $1 and after->>'q' = 'meena'`,
      [a.hospital.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toMatchObject({ q: 'meena', resultCount: 1, total: 1 });
  });

  it('is for staff with patients:read only; a patient is refused', async () => {
    const pharmacist = await desk(t, 'pharmacist', a.hospital);
    expect((await search(pharmacist, { q: 'priya' })).items[0]?.id).toBe(priya.id);
    const procurement = await desk(t, 'procurement_officer', a.hospital);
    const res = await t.app.inject({ method: 'GET', url: '/api/patients', headers: procurement.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('searching names word by word (ADR 17)', () => {
  it('keeps the list of name words as patients are registered and renamed', async () => {
    const words = async () =>
      (
        await t.database.query<{ word: string }>(
          `select word from patient_name_words where word in ('zenobia', 'quillfeather', 'quillon') order by word`,
        )
      ).rows.map((r) => r.word);
    expect(await words()).toEqual([]);
    const p = await register(t, a, { givenName: 'Zenobia', familyName: 'Quillfeather' });
    expect(await words()).toEqual(['quillfeather', 'zenobia']);
    await t.database.query(`update patients set family_name = 'Quillon' where id = $1`, [p.id]);
    expect(await words()).toEqual(['quillfeather', 'quillon', 'zenobia']);
  });

  it.each([
    ['a transposition in a short word', 'rohit vrema'],
    ['the surname first', 'verma rohit'],
    ['the start of each word, typed ahead', 'roh ver'],
    ['a letter missing and one doubled', 'rhit vermma'],
  ])('finds Rohit Verma by %s ("%s")', async (_, q) => {
    const page = await search(a, { q });
    expect(page.items[0]?.givenName).toBe('Rohit');
    expect(page.items.map((i) => i.familyName)).not.toContain('Iyer');
  });

  it('lets each typed word stand for a different word of the name', async () => {
    // "raj" is one edit from "rao": were it spelt as "rao" too, every Rao would match "rao raj".
    const raj = await register(t, a, { givenName: 'Raj', familyName: 'Rao' });
    await register(t, a, { givenName: 'Kiran', familyName: 'Rao' });
    const page = await search(a, { q: 'rao raj' });
    expect(page.items.map((i) => i.id)).toEqual([raj.id]);
    expect(page.total).toBe(1);
  });

  it('corrects a typed word that is somebody’s name when, as typed, it finds nobody', async () => {
    await register(t, a, { givenName: 'Anil', familyName: 'Shrama' });
    const page = await search(a, { q: 'priya shrama' });
    expect(page.items[0]?.id).toBe(priya.id);
  });

  it('finds a name typed run together', async () => {
    const page = await search(a, { q: 'meenaiyer' });
    expect(page.items[0]?.givenName).toBe('Meena');
  });

  it('falls back to the whole name when a typed word is in nobody’s name', async () => {
    const page = await search(a, { q: 'meena iyer qq' });
    expect(page.items[0]?.givenName).toBe('Meena');
    expect(page.total).toBeGreaterThan(0);
  });
});
