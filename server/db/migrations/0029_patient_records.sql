CREATE TABLE "patient_records" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"doc" json NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patient_records" ADD CONSTRAINT "patient_records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The record as GET /api/patients/:id returns it, kept in its own narrow table (ADR 21): reading it is
-- one row and one column, where it was the patient's row plus three subqueries over registrations
-- (with hospital names), allergies and conditions. Triggers keep it in the same transaction as every
-- change it depends on (only writes with triggers switched off go around them).
--
-- Built from a patient row and the rows that hang off it. `fresh`: the patient was inserted by the
-- statement whose trigger builds it, and nothing is looked up (bulk loads). Rows that statement also
-- added under the patient (an INSERT with a data-modifying WITH) have triggers of their own, which
-- rebuild the record in full.
CREATE FUNCTION patient_record_build(p patients, fresh boolean) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  registrations json := '[]';
  allergies json := '[]';
  conditions json := '[]';
BEGIN
  IF NOT fresh THEN
    SELECT coalesce(json_agg(json_build_object(
             'hospitalId', r.hospital_id, 'hospitalName', h.name, 'mrn', r.mrn,
             'registeredAt', to_char(r.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           ORDER BY r.registered_at, r.hospital_id), '[]')
      INTO registrations
      FROM patient_registrations r JOIN hospitals h ON h.id = r.hospital_id
     WHERE r.patient_id = p.id;
    SELECT coalesce(json_agg(json_build_object(
             'id', a.id, 'substance', a.substance, 'reaction', a.reaction, 'severity', a.severity,
             'status', a.status,
             'recordedAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           ORDER BY a.created_at, a.id), '[]')
      INTO allergies
      FROM patient_allergies a WHERE a.patient_id = p.id;
    SELECT coalesce(json_agg(json_build_object(
             'id', c.id, 'name', c.name, 'icd10Code', c.icd10_code,
             'onsetDate', to_char(c.onset_date, 'YYYY-MM-DD'), 'status', c.status,
             'recordedAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'updatedAt', to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           ORDER BY c.created_at, c.id), '[]')
      INTO conditions
      FROM patient_conditions c WHERE c.patient_id = p.id;
  END IF;
  RETURN json_build_object(
    'id', p.id, 'given_name', p.given_name, 'family_name', p.family_name,
    'date_of_birth', to_char(p.date_of_birth, 'YYYY-MM-DD'), 'sex', p.sex,
    'phone', p.phone, 'email', p.email, 'address_line', p.address_line, 'city', p.city,
    'postal_code', p.postal_code, 'country', p.country, 'blood_group', p.blood_group,
    'emergency_contact_name', p.emergency_contact_name,
    'emergency_contact_phone', p.emergency_contact_phone,
    'emergency_contact_relation', p.emergency_contact_relation,
    'insurance_provider', p.insurance_provider,
    'insurance_policy_number', p.insurance_policy_number, 'temporary', p.temporary,
    'created_at', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updated_at', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'registrations', registrations, 'allergies', allergies, 'conditions', conditions);
END $$;--> statement-breakpoint
-- Rebuilds the records of these patients. The rows are locked (in id order within the statement)
-- before anything is read, so a writer that had to wait builds from what the one it waited for
-- committed (each statement here takes a new snapshot).
CREATE FUNCTION patient_records_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM patient_records WHERE patient_id = ANY (ids) ORDER BY patient_id FOR UPDATE;
  INSERT INTO patient_records (patient_id, doc)
  SELECT p.id, patient_record_build(p, false) FROM patients p WHERE p.id = ANY (ids) ORDER BY p.id
  ON CONFLICT (patient_id) DO UPDATE SET doc = excluded.doc;
END $$;--> statement-breakpoint
-- Patients: a new one gets its record in the same statement; a changed one has it rebuilt.
CREATE FUNCTION patient_records_of_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO patient_records (patient_id, doc) SELECT n.id, patient_record_build(n, true) FROM new_rows n
    ON CONFLICT (patient_id) DO NOTHING;
  ELSE
    PERFORM patient_records_rebuild(ARRAY(SELECT id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_records_ins AFTER INSERT ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patient_records_of_patients();--> statement-breakpoint
CREATE TRIGGER patients_records_upd AFTER UPDATE ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patient_records_of_patients();--> statement-breakpoint
-- Registrations, allergies, conditions: the patients they belong to, before and after (a row moved
-- by a merge rebuilds both records), once per statement.
CREATE FUNCTION patient_records_of_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A registration shows its hospital's name: a rename in progress is waited for (and one that
  -- starts waits for this transaction), so neither side builds from a name the other is changing.
  IF TG_TABLE_NAME = 'patient_registrations' AND TG_OP <> 'DELETE' THEN
    PERFORM 1 FROM hospitals WHERE id IN (SELECT hospital_id FROM new_rows) ORDER BY id FOR SHARE;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM patient_records_rebuild(ARRAY(SELECT DISTINCT patient_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM patient_records_rebuild(ARRAY(
      SELECT patient_id FROM new_rows UNION SELECT patient_id FROM old_rows));
  ELSE
    PERFORM patient_records_rebuild(ARRAY(SELECT DISTINCT patient_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Emptying one of those tables with TRUNCATE (no row triggers fire) rebuilds every record.
CREATE FUNCTION patient_records_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM patient_records_rebuild(ARRAY(SELECT id FROM patients));
  RETURN NULL;
END $$;--> statement-breakpoint
-- Four triggers on each table (a transition table names one event's rows).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patient_registrations', 'patient_allergies', 'patient_conditions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_records_of_rows()', t || '_records_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_records_of_rows()', t || '_records_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_records_of_rows()', t || '_records_del', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION patient_records_all()', t || '_records_truncate', t);
  END LOOP;
END $$;--> statement-breakpoint
-- Registrations carry the hospital's name: renaming a hospital rebuilds its patients' records (rare).
CREATE FUNCTION patient_records_of_hospital() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM patient_records_rebuild(ARRAY(
    SELECT patient_id FROM patient_registrations WHERE hospital_id = NEW.id));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER hospitals_patient_records AFTER UPDATE OF name ON hospitals
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION patient_records_of_hospital();--> statement-breakpoint
INSERT INTO patient_records (patient_id, doc) SELECT p.id, patient_record_build(p, false) FROM patients p;
