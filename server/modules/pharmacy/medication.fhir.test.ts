// Medication over /fhir/R4: the hospital's catalog coded in its own system, with form, ingredients
// and strength as amounts, searched by code, barcode, name, status and form; another hospital's
// medicines are not found, and callers without medicines:read are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Medicine } from '../../../contracts/pharmacy';
import { buildTestApp, type TestApp } from '../../test/harness';
import { strengthRatio } from './medication.fhir';
import { medicine, pharmacy, staffAt, type Pharmacy } from './pharmacy.test-helpers';

let t: TestApp;
let p: Pharmacy;
let tablet: Medicine;
let combo: Medicine;
let syrup: Medicine;
let cream: Medicine;
const tag = `Fh${Date.now() % 100000}`;

beforeAll(async () => {
  t = await buildTestApp();
  p = await pharmacy(t);
  tablet = await medicine(t, p, {
    genericName: `Paracetamol ${tag}`,
    brandName: 'Crocin',
    strength: '500 mg',
    manufacturer: 'GSK',
    barcode: `890${tag}`,
  });
  combo = await medicine(t, p, {
    genericName: `Amoxicillin ${tag} + Clavulanic acid`,
    strength: '500 mg + 125 mg',
  });
  syrup = await medicine(t, p, {
    genericName: `Cefixime ${tag}`,
    form: 'syrup',
    strength: '100 mg/5 ml',
    dispensingUnit: 'bottle',
  });
  cream = await medicine(t, p, { genericName: `Clotrimazole ${tag}`, form: 'cream', strength: '1%' });
  const off = await t.app.inject({
    method: 'PATCH',
    url: `/api/medicines/${cream.id}`,
    headers: p.headers,
    payload: { active: false },
  });
  expect(off.statusCode, off.body).toBe(200);
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string | undefined> = p.headers) =>
  t.app.inject({ method: 'GET', url, headers });
const ids = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);
const system = () => `urn:hospitium:medicine:${p.hospital.id}`;

describe('Medication read', () => {
  it('maps a tablet: catalog code, status, form, strength per tablet, manufacturer, barcode', async () => {
    const res = await get(`/fhir/R4/Medication/${tablet.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.json()).toMatchObject({
      resourceType: 'Medication',
      id: tablet.id,
      identifier: [{ system: `urn:hospitium:medicine-barcode:${p.hospital.id}`, value: `890${tag}` }],
      code: {
        coding: [{ system: system(), code: tablet.id, display: `Paracetamol ${tag} 500 mg tablet (Crocin)` }],
        text: `Paracetamol ${tag} 500 mg tablet (Crocin)`,
      },
      status: 'active',
      manufacturer: { display: 'GSK' },
      form: { coding: [{ system: 'urn:hospitium:medicine-form', code: 'tablet' }] },
      ingredient: [
        {
          itemCodeableConcept: { text: `Paracetamol ${tag}` },
          isActive: true,
          strength: {
            numerator: { value: 500, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
            denominator: { value: 1, unit: 'tablet' },
          },
        },
      ],
    });
    expect(res.json().meta.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('pairs a combination part by part, reads a liquid per volume, and leaves a percentage as text', async () => {
    const c = (await get(`/fhir/R4/Medication/${combo.id}`)).json();
    expect(c.ingredient).toMatchObject([
      { itemCodeableConcept: { text: `Amoxicillin ${tag}` }, strength: { numerator: { value: 500 } } },
      { itemCodeableConcept: { text: 'Clavulanic acid' }, strength: { numerator: { value: 125 } } },
    ]);
    expect(c).not.toHaveProperty('identifier');
    expect(c).not.toHaveProperty('manufacturer');
    const s = (await get(`/fhir/R4/Medication/${syrup.id}`)).json();
    expect(s.ingredient[0].strength).toEqual({
      numerator: { value: 100, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
      denominator: { value: 5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' },
    });
    const cr = (await get(`/fhir/R4/Medication/${cream.id}`)).json();
    expect(cr).toMatchObject({
      status: 'inactive',
      ingredient: [{ itemCodeableConcept: { text: `Clotrimazole ${tag}` } }],
    });
    expect(cr.ingredient[0]).not.toHaveProperty('strength');
  });

  it("answers 404 for another hospital's medicine and refuses callers without medicines:read", async () => {
    const theirs = await medicine(t, await pharmacy(t), { genericName: `Paracetamol ${tag}` });
    const res = await get(`/fhir/R4/Medication/${theirs.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().resourceType).toBe('OperationOutcome');
    expect((await get(`/fhir/R4/Medication?name=${tag}`)).json().total).toBe(4);
    const lab = await staffAt(t, p.hospital, 'lab_technician');
    const refused = await get(`/fhir/R4/Medication/${tablet.id}`, lab);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().issue[0].code).toBe('forbidden');
    // A doctor reads the catalog as on /api.
    const doctor = await staffAt(t, p.hospital, 'doctor');
    expect((await get(`/fhir/R4/Medication/${tablet.id}`, doctor)).statusCode).toBe(200);
  });
});

describe('Medication search', () => {
  it('finds by name anywhere, ignoring case, newest first, with LIKE wildcards taken literally', async () => {
    const all = (await get(`/fhir/R4/Medication?name=${tag.toUpperCase()}`)).json();
    expect(all).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 4 });
    expect(ids(all)).toEqual([cream.id, syrup.id, combo.id, tablet.id]);
    expect(ids((await get(`/fhir/R4/Medication?name=crocin`)).json())).toContain(tablet.id);
    expect((await get(`/fhir/R4/Medication?name=${tag}%25`)).json().total).toBe(0);
    expect((await get(`/fhir/R4/Medication?name=clavulanic%20acid`)).json().entry[0].resource.id).toBe(
      combo.id,
    );
  });

  it('finds by catalog code, with or without the system; a code that is no id matches nothing', async () => {
    const bare = (await get(`/fhir/R4/Medication?code=${syrup.id}`)).json();
    expect(ids(bare)).toEqual([syrup.id]);
    const coded = (
      await get(`/fhir/R4/Medication?code=${encodeURIComponent(`${system()}|${syrup.id}`)}`)
    ).json();
    expect(ids(coded)).toEqual([syrup.id]);
    expect((await get('/fhir/R4/Medication?code=PARA500')).json().total).toBe(0);
    expect((await get(`/fhir/R4/Medication?code=http://snomed.info/sct|${syrup.id}`)).statusCode).toBe(400);
  });

  it('filters by barcode, status and form', async () => {
    expect(ids((await get(`/fhir/R4/Medication?identifier=890${tag}`)).json())).toEqual([tablet.id]);
    const inactive = (await get(`/fhir/R4/Medication?status=inactive&name=${tag}`)).json();
    expect(ids(inactive)).toEqual([cream.id]);
    const active = (await get(`/fhir/R4/Medication?status=active&name=${tag}`)).json();
    expect(ids(active)).toEqual([syrup.id, combo.id, tablet.id]);
    expect(ids((await get(`/fhir/R4/Medication?form=syrup&name=${tag}`)).json())).toEqual([syrup.id]);
    for (const q of ['status=retired', 'form=pill', 'form=urn:other|syrup', 'ingredient=x']) {
      expect((await get(`/fhir/R4/Medication?${q}`)).statusCode, q).toBe(400);
    }
  });
});

describe('strength as an amount', () => {
  it('reads amounts per piece or per volume, and gives up on what it cannot read', () => {
    const tab = { form: 'tablet', dispensingUnit: 'tablet' };
    expect(strengthRatio('40 mg/ml', { form: 'injection', dispensingUnit: 'vial' })).toEqual({
      numerator: { value: 40, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
      denominator: { value: 1, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' },
    });
    expect(strengthRatio('250 mcg', tab)?.numerator).toMatchObject({ value: 250, code: 'ug' });
    for (const s of ['0.1%', '500 mg/5 ml/x', 'strong', '10 puffs'])
      expect(strengthRatio(s, tab), s).toBeNull();
    expect(strengthRatio('500 mg', { form: 'syrup', dispensingUnit: 'bottle' })).toBeNull();
  });
});
