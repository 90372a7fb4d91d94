-- The patient record as the API returns it, kept by the database in one column of the patient's row
-- (ADR 21): reading a record is then one row and one column, not the row plus three subqueries over
-- registrations (with hospital names), allergies and conditions. Triggers keep it in the same
-- transaction as every change it depends on, so it is never behind what is committed.
ALTER TABLE "patients" ADD COLUMN "record_doc" json;--> statement-breakpoint
-- Rebuilt from the row being written and the rows that hang off it, on every insert and update.
CREATE FUNCTION patient_record_doc_build() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.record_doc := json_build_object(
    'id', NEW.id, 'given_name', NEW.given_name, 'family_name', NEW.family_name,
    'date_of_birth', to_char(NEW.date_of_birth, 'YYYY-MM-DD'), 'sex', NEW.sex,
    'phone', NEW.phone, 'email', NEW.email, 'address_line', NEW.address_line, 'city', NEW.city,
    'postal_code', NEW.postal_code, 'country', NEW.country, 'blood_group', NEW.blood_group,
    'emergency_contact_name', NEW.emergency_contact_name,
    'emergency_contact_phone', NEW.emergency_contact_phone,
    'emergency_contact_relation', NEW.emergency_contact_relation,
    'insurance_provider', NEW.insurance_provider,
    'insurance_policy_number', NEW.insurance_policy_number, 'temporary', NEW.temporary,
    'created_at', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updated_at', to_char(NEW.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'registrations', coalesce((
      SELECT json_agg(json_build_object(
               'hospitalId', r.hospital_id, 'hospitalName', h.name, 'mrn', r.mrn,
               'registeredAt', to_char(r.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             ORDER BY r.registered_at, r.hospital_id)
        FROM patient_registrations r JOIN hospitals h ON h.id = r.hospital_id
       WHERE r.patient_id = NEW.id), '[]'::json),
    'allergies', coalesce((
      SELECT json_agg(json_build_object(
               'id', a.id, 'substance', a.substance, 'reaction', a.reaction, 'severity', a.severity,
               'status', a.status,
               'recordedAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             ORDER BY a.created_at, a.id)
        FROM patient_allergies a WHERE a.patient_id = NEW.id), '[]'::json),
    'conditions', coalesce((
      SELECT json_agg(json_build_object(
               'id', c.id, 'name', c.name, 'icd10Code', c.icd10_code,
               'onsetDate', to_char(c.onset_date, 'YYYY-MM-DD'), 'status', c.status,
               'recordedAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'updatedAt', to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             ORDER BY c.created_at, c.id)
        FROM patient_conditions c WHERE c.patient_id = NEW.id), '[]'::json));
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_record_doc BEFORE INSERT OR UPDATE ON patients
  FOR EACH ROW EXECUTE FUNCTION patient_record_doc_build();--> statement-breakpoint
-- A change to a registration, allergy or condition rewrites its patients' rows once per statement
-- (the update fires the trigger above); a row moved between patients (a merge) rewrites both. Rows
-- are locked in id order, so two writers never wait on each other in a circle.
CREATE FUNCTION patient_record_doc_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT patient_id ORDER BY patient_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT patient_id ORDER BY patient_id) INTO ids
      FROM (SELECT patient_id FROM new_rows UNION ALL SELECT patient_id FROM old_rows) moved;
  ELSE
    SELECT array_agg(DISTINCT patient_id ORDER BY patient_id) INTO ids FROM old_rows;
  END IF;
  IF ids IS NOT NULL THEN
    IF cardinality(ids) > 1 THEN
      PERFORM 1 FROM patients WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    END IF;
    UPDATE patients SET record_doc = NULL WHERE id = ANY (ids);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Three triggers on each table (a transition table names one event's rows).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patient_registrations', 'patient_allergies', 'patient_conditions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_record_doc_touch()', t || '_record_doc_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_record_doc_touch()', t || '_record_doc_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION patient_record_doc_touch()', t || '_record_doc_del', t);
  END LOOP;
END $$;--> statement-breakpoint
-- Registrations carry the hospital's name: renaming a hospital rewrites its patients' records (rare).
CREATE FUNCTION hospital_name_record_docs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM patients
    WHERE id IN (SELECT patient_id FROM patient_registrations WHERE hospital_id = NEW.id)
    ORDER BY id FOR NO KEY UPDATE;
  UPDATE patients SET record_doc = NULL
   WHERE id IN (SELECT patient_id FROM patient_registrations WHERE hospital_id = NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER hospitals_name_record_docs AFTER UPDATE OF name ON hospitals
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION hospital_name_record_docs();--> statement-breakpoint
UPDATE patients SET record_doc = NULL;--> statement-breakpoint
ALTER TABLE "patients" ALTER COLUMN "record_doc" SET NOT NULL;
