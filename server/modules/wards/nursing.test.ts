// The nursing record of a stay: vitals charted oldest first, notes with corrections as new notes;
// out-of-range signs and times are refused with nothing written; the front desk cannot chart;
// another hospital's admission is 404; a discharged stay's record is closed; nothing is ever edited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NursingNote, NursingNoteList, VitalsChart, VitalsReading } from '../../../contracts/nursing';
import type { Admission } from '../../../contracts/wards';
import { createStaff, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
let doctor: AuthHeaders;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
  doctor = await sessionHeaders(
    t.database.db,
    await createStaff(t.database.db, s.hospital, 'doctor'),
    s.hospital,
  );
});
afterAll(async () => t?.close());

async function admitted(): Promise<Admission> {
  const { beds } = await wardWithBeds(t, s, 1);
  const res = await admit(t, s.reception, (await patientAt(t, s)).id, beds[0]!.id);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Admission>();
}

describe('vitals', () => {
  it('charts readings by nurse and doctor and returns them oldest first, with who took them', async () => {
    const a = await admitted();
    const url = `/api/wards/admissions/${a.id}/vitals`;
    const later = await call(t, 'POST', url, s.nurse, {
      systolic: 128,
      diastolic: 82,
      pulse: 88,
      temperatureC: 38.4,
      spo2: 95,
      respiratoryRate: 20,
      painScore: 4,
      bloodGlucoseMgDl: 142,
    });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json<VitalsReading>()).toMatchObject({
      temperatureC: 38.4,
      painScore: 4,
      bloodGlucoseMgDl: 142,
    });
    const justAfterAdmission = new Date(new Date(a.admittedAt).getTime() + 1).toISOString();
    const earlier = await call(t, 'POST', url, doctor, { takenAt: justAfterAdmission, pulse: 92 });
    expect(earlier.statusCode, earlier.body).toBe(201);

    const chart = await call(t, 'GET', url, s.nurse);
    expect(chart.statusCode).toBe(200);
    const items = chart.json<VitalsChart>().items;
    expect(items.map((r) => [r.pulse, r.systolic])).toEqual([
      [92, null],
      [88, 128],
    ]);
    expect(items[0]!.recordedBy.name).not.toBe('');
    expect(items[1]!.recordedBy.id).not.toBe(items[0]!.recordedBy.id);
    expect(
      await count(t, `audit_events where action = 'wards.vitals.recorded' and entity_id = $1`, [
        items[1]!.id,
      ]),
    ).toBe(1);
  });

  it.each([
    ['a pulse out of range', { pulse: 400 }],
    ['a pain score above 10', { painScore: 11 }],
    ['the diastolic above the systolic', { systolic: 90, diastolic: 100 }],
    ['one pressure without the other', { systolic: 120 }],
    ['no sign at all', {}],
    ['a temperature as text', { temperatureC: 'hot' }],
    ['an unknown field', { pulse: 80, mood: 'fine' }],
    ['a time still to come', { pulse: 80, takenAt: new Date(Date.now() + 3_600_000).toISOString() }],
    ['a time before the admission', { pulse: 80, takenAt: '2020-01-01T08:00:00Z' }],
  ])('refuses %s with 400 and writes nothing', async (_what, body) => {
    const a = await admitted();
    const res = await call(t, 'POST', `/api/wards/admissions/${a.id}/vitals`, s.nurse, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await count(t, 'admission_vitals where admission_id = $1', [a.id])).toBe(0);
  });
});

describe('nursing notes', () => {
  it('keeps notes as written: a correction is a new note naming the one it corrects', async () => {
    const a = await admitted();
    const url = `/api/wards/admissions/${a.id}/notes`;
    const first = await call(t, 'POST', url, s.nurse, {
      kind: 'observation',
      body: 'Slept well.\nAte half of breakfast.',
    });
    expect(first.statusCode, first.body).toBe(201);
    const note = first.json<NursingNote>();
    const fix = await call(t, 'POST', url, s.nurse, {
      kind: 'observation',
      body: 'Correction: ate all of breakfast.',
      correctsNoteId: note.id,
    });
    expect(fix.statusCode, fix.body).toBe(201);
    await call(t, 'POST', url, doctor, { kind: 'handover', body: 'Stable; review bloods in the morning.' });

    const list = (await call(t, 'GET', url, s.nurse)).json<NursingNoteList>().items;
    expect(list.map((n) => [n.kind, n.body])).toEqual([
      ['observation', 'Slept well.\nAte half of breakfast.'],
      ['observation', 'Correction: ate all of breakfast.'],
      ['handover', 'Stable; review bloods in the morning.'],
    ]);
    expect(list[0]!.correctedByNoteIds).toEqual([fix.json<NursingNote>().id]);
    expect(list[1]!.correctsNoteId).toBe(note.id);

    // The database keeps the record as written, whatever code runs.
    await expect(
      t.database.query(`update nursing_notes set body = 'changed' where id = $1`, [note.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from nursing_notes where id = $1`, [note.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses an empty or unknown kind, an over-long body, and correcting another stay’s note', async () => {
    const a = await admitted();
    const b = await admitted();
    const other = (
      await call(t, 'POST', `/api/wards/admissions/${b.id}/notes`, s.nurse, { kind: 'care', body: 'Turned.' })
    ).json<NursingNote>();
    const url = `/api/wards/admissions/${a.id}/notes`;
    for (const [body, status] of [
      [{ kind: 'care', body: '   ' }, 400],
      [{ kind: 'gossip', body: 'x' }, 400],
      [{ kind: 'care', body: 'x'.repeat(4001) }, 400],
      [{ kind: 'care', body: 'Fix', correctsNoteId: other.id }, 404],
    ] as const) {
      const res = await call(t, 'POST', url, s.nurse, body);
      expect(res.statusCode, res.body).toBe(status);
    }
    expect(await count(t, 'nursing_notes where admission_id = $1', [a.id])).toBe(0);
  });
});

describe('who may chart, where and when', () => {
  it('the front desk may admit but not chart or read the record (403)', async () => {
    const a = await admitted();
    for (const path of ['vitals', 'notes', 'medications']) {
      const read = await call(t, 'GET', `/api/wards/admissions/${a.id}/${path}`, s.reception);
      expect(read.statusCode).toBe(403);
    }
    const res = await call(t, 'POST', `/api/wards/admissions/${a.id}/vitals`, s.reception, { pulse: 80 });
    expect(res.statusCode).toBe(403);
    const note = await call(t, 'POST', `/api/wards/admissions/${a.id}/notes`, s.reception, {
      kind: 'care',
      body: 'x',
    });
    expect(note.statusCode).toBe(403);
    expect(await count(t, 'admission_vitals where admission_id = $1', [a.id])).toBe(0);
    expect(await count(t, 'nursing_notes where admission_id = $1', [a.id])).toBe(0);
  });

  it("another hospital's nurse gets 404 for this admission, reading or writing", async () => {
    const a = await admitted();
    const elsewhere = await site(t);
    for (const path of ['vitals', 'notes', 'medications']) {
      const res = await call(t, 'GET', `/api/wards/admissions/${a.id}/${path}`, elsewhere.nurse);
      expect(res.statusCode).toBe(404);
    }
    const res = await call(t, 'POST', `/api/wards/admissions/${a.id}/vitals`, elsewhere.nurse, { pulse: 80 });
    expect(res.statusCode).toBe(404);
    expect(await count(t, 'admission_vitals where admission_id = $1', [a.id])).toBe(0);
  });

  it('a discharged stay can be read but not written (409 INVALID_TRANSITION)', async () => {
    const a = await admitted();
    const url = `/api/wards/admissions/${a.id}`;
    expect((await call(t, 'POST', `${url}/vitals`, s.nurse, { pulse: 70 })).statusCode).toBe(201);
    const out = await call(t, 'POST', `${url}/discharge`, s.nurse, summaryBody());
    expect(out.statusCode, out.body).toBe(200);

    const vitals = await call(t, 'POST', `${url}/vitals`, s.nurse, { pulse: 72 });
    expect([vitals.statusCode, vitals.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const note = await call(t, 'POST', `${url}/notes`, s.nurse, { kind: 'care', body: 'Late note' });
    expect([note.statusCode, note.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await call(t, 'GET', `${url}/vitals`, s.nurse)).json<VitalsChart>().items).toHaveLength(1);
    expect(await count(t, 'nursing_notes where admission_id = $1', [a.id])).toBe(0);
  });
});
