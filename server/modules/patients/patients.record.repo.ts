import { sql, type SQL } from 'drizzle-orm';
import { BatchedLookup, perDatabase, UUID } from '../../db/batched-lookup';
import { preparedRows, type Db, type Executor } from '../../db/client';

/** A timestamptz as an ISO 8601 UTC string, formatted by the database so both drivers agree. */
export const isoTs = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A date as YYYY-MM-DD. */
export const isoDate = (col: SQL) => sql`to_char(${col}, 'YYYY-MM-DD')`;

export interface RegistrationJson {
  hospitalId: string;
  hospitalName: string;
  mrn: string;
  registeredAt: string;
}

export interface AllergyJson {
  id: string;
  substance: string;
  reaction: string;
  severity: string;
  status: string;
  recordedAt: string;
  updatedAt: string;
}

export interface ConditionJson {
  id: string;
  name: string;
  icd10Code: string | null;
  onsetDate: string | null;
  status: string;
  recordedAt: string;
  updatedAt: string;
}

export interface PatientRecordRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string;
  phone: string | null;
  email: string | null;
  address_line: string;
  city: string;
  postal_code: string;
  country: string;
  blood_group: string | null;
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  emergency_contact_relation: string | null;
  insurance_provider: string | null;
  insurance_policy_number: string | null;
  temporary: boolean;
  created_at: string;
  updated_at: string;
  registrations: RegistrationJson[];
  allergies: AllergyJson[];
  conditions: ConditionJson[];
}

// The hot read path (GET /api/patients/:id): the record as the database keeps it (`patient_records`,
// rebuilt by triggers in the same transaction as every change it depends on; migration 0029,
// ADR 21). One row, one column: the driver parses it as one JSON value.
const RECORD_SQL = 'select doc from patient_records where patient_id = $1';

/**
 * The whole record in one round trip: demographics, every registration (with hospital names),
 * allergies and conditions.
 */
export async function loadPatientRecord(exec: Executor, id: string): Promise<PatientRecordRow | undefined> {
  const rows = await preparedRows<{ doc: PatientRecordRow }>(exec, 'patient_record', RECORD_SQL, [id]);
  return rows[0]?.doc;
}

const RECORDS_SQL = 'select patient_id, doc from patient_records where patient_id = any($1::uuid[])';

/**
 * The record for a read outside a transaction, on the pool: the reads that arrive together share
 * one statement (`BatchedLookup`). An id that is not a UUID has no record, and is not sent. Never
 * pass a transaction (the types allow it: drizzle's transaction is a database): its uncommitted
 * changes would not be seen, and the batch would run on the pool. The record returned may be shared
 * with other readers: read-only.
 */
export function loadCommittedPatientRecord(db: Db, id: string): Promise<PatientRecordRow | undefined> {
  if (!UUID.test(id)) return Promise.resolve(undefined);
  return recordLookup(db).load(id.toLowerCase());
}

/** How many statements the batched record reads on this database sent, and how many ids they carried. */
export function patientRecordReads(db: Db): { fetches: number; keys: number } {
  return { ...recordLookup(db).sent };
}

const recordLookup = perDatabase(
  (db) =>
    new BatchedLookup(async (ids) => {
      const rows = await preparedRows<{ patient_id: string; doc: PatientRecordRow }>(
        db,
        'patient_records',
        RECORDS_SQL,
        [ids],
      );
      return new Map(rows.map((r) => [r.patient_id, r.doc]));
    }),
);
