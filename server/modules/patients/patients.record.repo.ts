import { sql, type SQL } from 'drizzle-orm';
import { preparedRows, type Executor } from '../../db/client';

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

type Raw = Omit<PatientRecordRow, 'registrations' | 'allergies' | 'conditions'> & {
  registrations: RegistrationJson[] | string;
  allergies: AllergyJson[] | string;
  conditions: ConditionJson[] | string;
};

const json = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v);

/** `isoTs`/`isoDate` as plain text, for statements prepared once (see RECORD_SQL). */
const ts = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

// The hot read path (GET /api/patients/:id): fixed text, so it is prepared once per connection.
const RECORD_SQL = `
  select p.id, p.given_name, p.family_name, ${day('p.date_of_birth')} as date_of_birth, p.sex,
         p.phone, p.email, p.address_line, p.city, p.postal_code, p.country, p.blood_group,
         p.emergency_contact_name, p.emergency_contact_phone, p.emergency_contact_relation,
         p.insurance_provider, p.insurance_policy_number, p.temporary,
         ${ts('p.created_at')} as created_at, ${ts('p.updated_at')} as updated_at,
         coalesce((select json_agg(json_build_object(
                    'hospitalId', r.hospital_id, 'hospitalName', h.name, 'mrn', r.mrn,
                    'registeredAt', ${ts('r.registered_at')}) order by r.registered_at)
                     from patient_registrations r join hospitals h on h.id = r.hospital_id
                    where r.patient_id = p.id), '[]'::json) as registrations,
         coalesce((select json_agg(json_build_object(
                    'id', a.id, 'substance', a.substance, 'reaction', a.reaction, 'severity', a.severity,
                    'status', a.status, 'recordedAt', ${ts('a.created_at')}, 'updatedAt', ${ts('a.updated_at')})
                    order by a.created_at)
                     from patient_allergies a where a.patient_id = p.id), '[]'::json) as allergies,
         coalesce((select json_agg(json_build_object(
                    'id', c.id, 'name', c.name, 'icd10Code', c.icd10_code,
                    'onsetDate', ${day('c.onset_date')}, 'status', c.status,
                    'recordedAt', ${ts('c.created_at')}, 'updatedAt', ${ts('c.updated_at')})
                    order by c.created_at)
                     from patient_conditions c where c.patient_id = p.id), '[]'::json) as conditions
    from patients p
   where p.id = $1`;

/**
 * The whole record in one round trip: demographics, every registration (with hospital names),
 * allergies and conditions.
 */
export async function loadPatientRecord(exec: Executor, id: string): Promise<PatientRecordRow | undefined> {
  const rows = await preparedRows<Raw>(exec, 'patient_record', RECORD_SQL, [id]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    ...r,
    registrations: json(r.registrations),
    allergies: json(r.allergies),
    conditions: json(r.conditions),
  };
}
