// `patient_records` (migration 0029, ADR 21) holds what GET /api/patients/:id returns. These tests
// hold it to the record computed afresh from the tables after every kind of write it depends on,
// through the API and through SQL (several patients in one statement, a row moved between patients,
// a deletion, a hospital renamed), and when two transactions change one patient at once.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { desk, randomPhone, register, registerExisting, uniq, type Desk } from './patients.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const ts = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/** The record as the API shows it, computed from the tables (what the column must always equal). */
const FRESH = `
  select p.id, p.given_name, p.family_name, ${day('p.date_of_birth')} as date_of_birth, p.sex,
         p.phone, p.email, p.address_line, p.city, p.postal_code, p.country, p.blood_group,
         p.emergency_contact_name, p.emergency_contact_phone, p.emergency_contact_relation,
         p.insurance_provider, p.insurance_policy_number, p.temporary,
         ${ts('p.created_at')} as created_at, ${ts('p.updated_at')} as updated_at,
         coalesce((select json_agg(json_build_object('hospitalId', r.hospital_id, 'hospitalName', h.name,
                    'mrn', r.mrn, 'registeredAt', ${ts('r.registered_at')}) order by r.registered_at, r.hospital_id)
                     from patient_registrations r join hospitals h on h.id = r.hospital_id
                    where r.patient_id = p.id), '[]'::json) as registrations,
         coalesce((select json_agg(json_build_object('id', a.id, 'substance', a.substance,
                    'reaction', a.reaction, 'severity', a.severity, 'status', a.status,
                    'recordedAt', ${ts('a.created_at')}, 'updatedAt', ${ts('a.updated_at')}) order by a.created_at, a.id)
                     from patient_allergies a where a.patient_id = p.id), '[]'::json) as allergies,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'icd10Code', c.icd10_code,
                    'onsetDate', ${day('c.onset_date')}, 'status', c.status,
                    'recordedAt', ${ts('c.created_at')}, 'updatedAt', ${ts('c.updated_at')}) order by c.created_at, c.id)
                     from patient_conditions c where c.patient_id = p.id), '[]'::json) as conditions
    from patients p`;

/** Patients whose kept record is missing or differs from a fresh computation, with both versions. */
async function stale(ids: string[]) {
  const { rows } = await t.database.query<{ id: string; kept: unknown; fresh: unknown }>(
    `select p.id, k.doc as kept, row_to_json(f) as fresh
       from patients p join (${FRESH}) f on f.id = p.id
       left join patient_records k on k.patient_id = p.id
      where p.id = any($1::uuid[]) and k.doc::jsonb is distinct from row_to_json(f)::jsonb`,
    [ids],
  );
  return rows;
}

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, d: Desk, payload?: object) =>
  t.app.inject({ method, url, headers: d.headers, ...(payload ? { payload } : {}) });

describe('the kept patient record (patients.record_doc)', () => {
  it('equals the record computed from the tables after every kind of change', async () => {
    const front = await desk(t);
    const doctor = await desk(t, 'doctor', front.hospital);
    const phone = randomPhone();
    const a = await register(t, front, {
      givenName: 'Asha',
      dateOfBirth: '1990-04-01',
      phone,
      allergies: [{ substance: 'Latex' }, { substance: 'Penicillin', severity: 'severe' }],
    });
    const b = await register(t, front, { givenName: 'Bela' });
    const ids = [a.id, b.id];
    expect(await stale(ids)).toEqual([]);

    // Through the API: an allergy and a condition recorded, then corrected; demographics changed.
    const allergy = await api('POST', `/api/patients/${a.id}/allergies`, doctor, { substance: 'Aspirin' });
    expect(allergy.statusCode).toBe(201);
    const condition = await api('POST', `/api/patients/${a.id}/conditions`, doctor, {
      name: 'Asthma',
      icd10Code: 'J45',
    });
    expect(condition.statusCode).toBe(201);
    const allergyId = (allergy.json() as { id: string }).id;
    const conditionId = (condition.json() as { id: string }).id;
    expect(
      (await api('PATCH', `/api/patients/${a.id}/allergies/${allergyId}`, doctor, { status: 'inactive' }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await api('PATCH', `/api/patients/${a.id}/conditions/${conditionId}`, doctor, {
          onsetDate: '2001-02-03',
        })
      ).statusCode,
    ).toBe(200);
    expect((await api('PATCH', `/api/patients/${a.id}`, front, { city: 'Pune' })).statusCode).toBe(200);
    expect(await stale(ids)).toEqual([]);

    // Registered at a second hospital.
    const other = await desk(t);
    const known = { givenName: 'Asha', familyName: a.familyName as string, dateOfBirth: '1990-04-01', phone };
    expect((await registerExisting(t, other, known)).statusCode).toBe(201);
    expect(await stale(ids)).toEqual([]);

    // SQL: two patients in one statement, a row moved between patients (as a merge does), a deletion.
    await t.database.query(
      `insert into patient_allergies (id, patient_id, substance)
       values (gen_random_uuid(), $1, 'Nuts'), (gen_random_uuid(), $2, 'Eggs'), (gen_random_uuid(), $2, 'Soy')`,
      [a.id, b.id],
    );
    await t.database.query(`update patient_conditions set patient_id = $2 where id = $1`, [
      conditionId,
      b.id,
    ]);
    await t.database.query(`delete from patient_allergies where patient_id = $1 and substance = 'Soy'`, [
      b.id,
    ]);
    expect(await stale(ids)).toEqual([]);

    // The hospital renamed: its registrations show the new name.
    const name = `Renamed General ${uniq()}`;
    await t.database.query(`update hospitals set name = $2 where id = $1`, [front.hospital.id, name]);
    expect(await stale(ids)).toEqual([]);
    const read = await api('GET', `/api/patients/${b.id}`, front);
    expect(read.statusCode).toBe(200);
    const record = read.json() as {
      registrations: { hospitalName: string }[];
      allergies: { substance: string }[];
      conditions: { name: string }[];
    };
    expect(record.registrations.map((r) => r.hospitalName)).toEqual([name]);
    expect(record.allergies.map((x) => x.substance)).toEqual(['Eggs']);
    expect(record.conditions.map((x) => x.name)).toEqual(['Asthma']);
  });

  it('holds both changes when two transactions change one patient at once', async () => {
    const d = await desk(t);
    const p = await register(t, d);
    const addAllergy = (c: pg.PoolClient, substance: string) =>
      c.query(
        `insert into patient_allergies (id, patient_id, substance) values (gen_random_uuid(), $1, $2)`,
        [p.id, substance],
      );
    await racing(
      async (first) => {
        await first.query(`update patients set city = 'Mysuru' where id = $1`, [p.id]);
        await addAllergy(first, 'Sulfa');
      },
      (second) => addAllergy(second, 'Iodine'),
    );
    expect(await stale([p.id])).toEqual([]);
    const read = (await api('GET', `/api/patients/${p.id}`, d)).json() as {
      city: string;
      allergies: { substance: string }[];
    };
    expect(read.city).toBe('Mysuru');
    expect(read.allergies.map((a) => a.substance).sort()).toEqual(['Iodine', 'Sulfa']);
  });

  it('shows the new name of a hospital renamed while a patient is being registered there', async () => {
    const d = await desk(t);
    const elsewhere = await desk(t);
    const p = await register(t, elsewhere);
    const name = `Renamed While Registering ${uniq()}`;
    await racing(
      (first) => first.query(`update hospitals set name = $2 where id = $1`, [d.hospital.id, name]),
      (second) =>
        second.query(
          `insert into patient_registrations (id, patient_id, hospital_id, mrn)
           values (gen_random_uuid(), $1, $2, $3)`,
          [p.id, d.hospital.id, `R-${uniq()}`],
        ),
    );
    expect(await stale([p.id])).toEqual([]);
    const kept = await t.database.query<{ names: string[] }>(
      `select array(select r->>'hospitalName' from json_array_elements(doc->'registrations') r) as names
         from patient_records where patient_id = $1`,
      [p.id],
    );
    expect(kept.rows[0]!.names).toContain(name);
  });

  it('is whole for a patient inserted with its rows in one statement, and after TRUNCATE', async () => {
    const d = await desk(t);
    const { rows } = await t.database.query<{ id: string }>(
      `with p as (insert into patients (id, given_name, family_name, sex)
                  values (gen_random_uuid(), 'Cte', 'Person', 'female') returning id),
            a as (insert into patient_allergies (id, patient_id, substance)
                  select gen_random_uuid(), id, 'Pollen' from p)
       insert into patient_registrations (id, patient_id, hospital_id, mrn)
       select gen_random_uuid(), id, $1, $2 from p returning patient_id as id`,
      [d.hospital.id, `C-${uniq()}`],
    );
    const id = rows[0]!.id;
    expect(await stale([id])).toEqual([]);
    await t.database.query('truncate patient_allergies');
    expect(await stale([id])).toEqual([]);
  });
});

/**
 * `first` changes something and stays open; `second` starts a change that must wait for it. Once the
 * second is seen waiting on a lock (or has finished: then nothing made it wait), the first commits,
 * then the second.
 */
async function racing(
  first: (c: pg.PoolClient) => Promise<unknown>,
  second: (c: pg.PoolClient) => Promise<unknown>,
): Promise<void> {
  const [a, b] = [await t.database.pool.connect(), await t.database.pool.connect()];
  try {
    await a.query('begin');
    await first(a);
    await b.query('begin');
    const pid = (await b.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    let settled = false;
    const secondDone = second(b).finally(() => (settled = true));
    for (let i = 0; i < 100 && !settled; i++) {
      const w = await t.database.query<{ w: string | null }>(
        'select wait_event_type as w from pg_stat_activity where pid = $1',
        [pid],
      );
      if (w.rows[0]?.w === 'Lock') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await a.query('commit');
    await secondDone;
    await b.query('commit');
  } finally {
    a.release();
    b.release();
  }
}
