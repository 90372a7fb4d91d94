CREATE TABLE "admission_vitals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admission_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"systolic" smallint,
	"diastolic" smallint,
	"pulse" smallint,
	"temperature_c" numeric(4, 1),
	"spo2" smallint,
	"respiratory_rate" smallint,
	"pain_score" smallint,
	"blood_glucose_mg_dl" smallint,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admission_vitals_bp_ck" CHECK (("admission_vitals"."systolic" is null) = ("admission_vitals"."diastolic" is null)),
	CONSTRAINT "admission_vitals_ranges_ck" CHECK (("admission_vitals"."systolic" is null or ("admission_vitals"."systolic" between 40 and 300 and "admission_vitals"."diastolic" between 20 and 200 and "admission_vitals"."diastolic" < "admission_vitals"."systolic"))
        and ("admission_vitals"."pulse" is null or "admission_vitals"."pulse" between 20 and 300)
        and ("admission_vitals"."temperature_c" is null or "admission_vitals"."temperature_c" between 25 and 45)
        and ("admission_vitals"."spo2" is null or "admission_vitals"."spo2" between 50 and 100)
        and ("admission_vitals"."respiratory_rate" is null or "admission_vitals"."respiratory_rate" between 2 and 80)
        and ("admission_vitals"."pain_score" is null or "admission_vitals"."pain_score" between 0 and 10)
        and ("admission_vitals"."blood_glucose_mg_dl" is null or "admission_vitals"."blood_glucose_mg_dl" between 10 and 2000)),
	CONSTRAINT "admission_vitals_any_ck" CHECK (num_nonnulls("admission_vitals"."systolic", "admission_vitals"."pulse", "admission_vitals"."temperature_c", "admission_vitals"."spo2", "admission_vitals"."respiratory_rate", "admission_vitals"."pain_score", "admission_vitals"."blood_glucose_mg_dl") > 0)
);
--> statement-breakpoint
CREATE TABLE "medication_administrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admission_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"quantity" integer,
	"store_id" uuid,
	"dose" text NOT NULL,
	"route" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"note" text,
	"reason" text,
	"prescription_line_id" uuid,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "medication_administrations_key_uq" UNIQUE("hospital_id","idempotency_key"),
	CONSTRAINT "medication_administrations_outcome_ck" CHECK ("medication_administrations"."outcome" in ('given','refused','held','unavailable')),
	CONSTRAINT "medication_administrations_route_ck" CHECK ("medication_administrations"."route" in ('oral','iv','im','sc','topical','inhaled','other')),
	CONSTRAINT "medication_administrations_given_ck" CHECK (("medication_administrations"."outcome" = 'given') = ("medication_administrations"."quantity" is not null and "medication_administrations"."store_id" is not null)
          and ("medication_administrations"."outcome" = 'given') = ("medication_administrations"."reason" is null)
          and ("medication_administrations"."quantity" is null or "medication_administrations"."quantity" > 0)),
	CONSTRAINT "medication_administrations_dose_ck" CHECK (length("medication_administrations"."dose") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "nursing_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admission_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"corrects_note_id" uuid,
	"written_by" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nursing_notes_id_admission_uq" UNIQUE("id","admission_id"),
	CONSTRAINT "nursing_notes_kind_ck" CHECK ("nursing_notes"."kind" in ('observation','handover','care','incident')),
	CONSTRAINT "nursing_notes_body_ck" CHECK (length("nursing_notes"."body") between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "wards" ADD COLUMN "store_id" uuid;--> statement-breakpoint
ALTER TABLE "admission_vitals" ADD CONSTRAINT "admission_vitals_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_vitals" ADD CONSTRAINT "admission_vitals_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_vitals" ADD CONSTRAINT "admission_vitals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_prescription_line_id_prescription_lines_id_fk" FOREIGN KEY ("prescription_line_id") REFERENCES "public"."prescription_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_administrations" ADD CONSTRAINT "medication_administrations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursing_notes" ADD CONSTRAINT "nursing_notes_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursing_notes" ADD CONSTRAINT "nursing_notes_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursing_notes" ADD CONSTRAINT "nursing_notes_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursing_notes" ADD CONSTRAINT "nursing_notes_corrects_fk" FOREIGN KEY ("corrects_note_id","admission_id") REFERENCES "public"."nursing_notes"("id","admission_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_vitals_admission_idx" ON "admission_vitals" USING btree ("admission_id","taken_at");--> statement-breakpoint
CREATE INDEX "medication_administrations_admission_idx" ON "medication_administrations" USING btree ("admission_id","given_at");--> statement-breakpoint
CREATE INDEX "nursing_notes_admission_idx" ON "nursing_notes" USING btree ("admission_id","written_at");--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (drizzle cannot express triggers).
-- The nursing record of a stay is append-only: vitals, notes and medication administrations are
-- never edited or deleted; a mistake is corrected by a new note naming the one it corrects.
CREATE FUNCTION nursing_record_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER admission_vitals_no_change BEFORE UPDATE OR DELETE ON admission_vitals
  FOR EACH ROW EXECUTE FUNCTION nursing_record_append_only();
--> statement-breakpoint
CREATE TRIGGER nursing_notes_no_change BEFORE UPDATE OR DELETE ON nursing_notes
  FOR EACH ROW EXECUTE FUNCTION nursing_record_append_only();
--> statement-breakpoint
CREATE TRIGGER medication_administrations_no_change BEFORE UPDATE OR DELETE ON medication_administrations
  FOR EACH ROW EXECUTE FUNCTION nursing_record_append_only();
--> statement-breakpoint
-- A ward's stock store is a ward store of the ward's own hospital, whichever path writes it.
CREATE FUNCTION wards_store_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.store_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM stores s
        WHERE s.id = NEW.store_id AND s.hospital_id = NEW.hospital_id AND s.kind = 'ward') THEN
    RAISE EXCEPTION 'a ward''s store must be a ward store of its hospital' USING ERRCODE = '23514',
      CONSTRAINT = 'wards_store_ck';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER wards_store_check BEFORE INSERT OR UPDATE OF store_id ON wards
  FOR EACH ROW EXECUTE FUNCTION wards_store_check();
