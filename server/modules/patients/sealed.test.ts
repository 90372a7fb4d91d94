import { afterAll, beforeAll, expect, it } from 'vitest';
import { Patient } from '../../../contracts/patients';
import { buildTestApp, type TestApp } from '../../test/harness';
import { sealStalePatientColumns } from './patients.sealed';
import { auditRows, desk, register } from './patients.test-helpers';

// Product §17: sensitive identifiers encrypted at rest (ADR 34). The insurance policy number never
// reaches the database, the record document or the audit log in the clear, and reads as it was typed.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

/** Everything the database holds of one patient's row and record document, as text. */
async function stored(id: string) {
  const { rows } = await t.database.query<{ col: string | null; doc: string }>(
    `select p.insurance_policy_number as col, r.doc::text as doc
       from patients p join patient_records r on r.patient_id = p.id where p.id = $1`,
    [id],
  );
  return rows[0]!;
}

it('a policy number registered at the desk is sealed in the row and the record, and read back in the clear', async () => {
  const d = await desk(t);
  const p = await register(t, d, { insuranceProvider: 'Star Health', insurancePolicyNumber: 'SH-9931-0042' });
  const { col, doc } = await stored(p.id);
  expect(col).toMatch(/^hsec1\.[0-9a-f]{8}\./);
  expect(col).not.toContain('9931');
  expect(doc).not.toContain('SH-9931-0042');
  const res = await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: d.headers });
  expect(Patient.parse(res.json()).insurancePolicyNumber).toBe('SH-9931-0042');
  const audit = await auditRows(t, `entity_id = $1 and action = 'patient.created'`, [p.id]);
  expect(JSON.stringify(audit)).not.toContain('SH-9931-0042');
  expect(audit[0]!.after).toMatchObject({
    insurancePolicyNumber: '[encrypted]',
    insuranceProvider: 'Star Health',
  });
});

it('an edit seals the new number; the audit row says it changed without either value; an unchanged number is no change', async () => {
  const d = await desk(t);
  const p = await register(t, d, { insurancePolicyNumber: 'OLD-1111' });
  const patch = (payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/patients/${p.id}`, headers: d.headers, payload });
  expect((await patch({ insurancePolicyNumber: 'NEW-2222' })).json().insurancePolicyNumber).toBe('NEW-2222');
  expect((await stored(p.id)).col).not.toContain('2222');
  const updates = await auditRows(t, `entity_id = $1 and action = 'patient.updated'`, [p.id]);
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({
    before: { insurancePolicyNumber: '[encrypted]' },
    after: { insurancePolicyNumber: '[encrypted]' },
  });
  expect(JSON.stringify(updates)).not.toMatch(/1111|2222/);
  // The same number again changes nothing, though the stored (sealed) text differs from it.
  expect((await patch({ insurancePolicyNumber: 'NEW-2222' })).statusCode).toBe(200);
  expect(await auditRows(t, `entity_id = $1 and action = 'patient.updated'`, [p.id])).toHaveLength(1);
  // Cleared: null, nothing sealed.
  expect((await patch({ insurancePolicyNumber: null })).json().insurancePolicyNumber).toBeNull();
  expect((await stored(p.id)).col).toBeNull();
});

it('numbers written before their column was sealed are sealed at the next start, and still read the same', async () => {
  const d = await desk(t);
  const p = await register(t, d);
  // As an installation upgraded from a version that kept them in the clear holds them.
  await t.database.query(`update patients set insurance_policy_number = 'LEGACY-5150' where id = $1`, [p.id]);
  const before = await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: d.headers });
  expect(before.json().insurancePolicyNumber).toBe('LEGACY-5150');
  expect(await sealStalePatientColumns(t.database.db)).toBeGreaterThanOrEqual(1);
  const { col, doc } = await stored(p.id);
  expect(col).toMatch(/^hsec1\./);
  expect(doc).not.toContain('LEGACY-5150');
  const after = await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: d.headers });
  expect(after.json().insurancePolicyNumber).toBe('LEGACY-5150');
  expect(await sealStalePatientColumns(t.database.db)).toBe(0);
});

it('a value sealed under a key this installation lacks (a restore without its key) stops the start, naming the key', async () => {
  const d = await desk(t);
  const p = await register(t, d);
  const foreign = `hsec1.0badc0de.${'A'.repeat(16)}.${'B'.repeat(40)}`;
  await t.database.query(`update patients set insurance_policy_number = $2 where id = $1`, [p.id, foreign]);
  await expect(sealStalePatientColumns(t.database.db)).rejects.toThrow(
    /insurance_policy_number was sealed with key 0badc0de, which is not configured/,
  );
  await t.database.query(`update patients set insurance_policy_number = null where id = $1`, [p.id]);
});

it('a typed number that looks sealed is sealed like any other, and reads back as typed', async () => {
  const d = await desk(t);
  const p = await register(t, d);
  const typed = 'hsec1.deadbeef.AAAA.BBBB';
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/patients/${p.id}`,
    headers: d.headers,
    payload: { insurancePolicyNumber: typed },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().insurancePolicyNumber).toBe(typed);
  expect((await stored(p.id)).col).not.toBe(typed);
});
