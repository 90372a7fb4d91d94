CREATE TABLE "appointment_reminders" (
	"appointment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_reminders_pk" PRIMARY KEY("appointment_id","kind"),
	CONSTRAINT "appointment_reminders_kind_ck" CHECK ("appointment_reminders"."kind" in ('24h','2h'))
);
--> statement-breakpoint
CREATE TABLE "queue_days" (
	"hospital_id" uuid NOT NULL,
	"doctor_profile_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last_token" integer DEFAULT 0 NOT NULL,
	"current_appointment_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_days_pk" PRIMARY KEY("hospital_id","doctor_profile_id","day"),
	CONSTRAINT "queue_days_last_token_ck" CHECK ("queue_days"."last_token" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_addenda" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_diagnoses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"code" text,
	"description" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "consultation_diagnoses_position_uq" UNIQUE("consultation_id","position")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_profile_id" uuid NOT NULL,
	"doctor_user_id" uuid NOT NULL,
	"appointment_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"chief_complaint" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"prescription_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_appointment_uq" UNIQUE("appointment_id"),
	CONSTRAINT "consultations_status_ck" CHECK ("consultations"."status" in ('open','closed')),
	CONSTRAINT "consultations_closed_ck" CHECK (("consultations"."status" = 'closed') = ("consultations"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "icd10_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"chapter" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "icd10_codes_code_ck" CHECK ("icd10_codes"."code" ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$')
);
--> statement-breakpoint
CREATE TABLE "vital_signs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"consultation_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"systolic" smallint,
	"diastolic" smallint,
	"pulse" smallint,
	"temperature_c" numeric(4, 1),
	"spo2" smallint,
	"weight_kg" numeric(5, 2),
	"height_cm" numeric(5, 1),
	CONSTRAINT "vital_signs_consultation_uq" UNIQUE("consultation_id"),
	CONSTRAINT "vital_signs_bp_ck" CHECK (("vital_signs"."systolic" is null) = ("vital_signs"."diastolic" is null)),
	CONSTRAINT "vital_signs_ranges_ck" CHECK (("vital_signs"."systolic" is null or ("vital_signs"."systolic" between 40 and 300 and "vital_signs"."diastolic" between 20 and 200 and "vital_signs"."diastolic" < "vital_signs"."systolic"))
        and ("vital_signs"."pulse" is null or "vital_signs"."pulse" between 20 and 300)
        and ("vital_signs"."temperature_c" is null or "vital_signs"."temperature_c" between 25 and 45)
        and ("vital_signs"."spo2" is null or "vital_signs"."spo2" between 50 and 100)
        and ("vital_signs"."weight_kg" is null or "vital_signs"."weight_kg" between 0.3 and 500)
        and ("vital_signs"."height_cm" is null or "vital_signs"."height_cm" between 20 and 260))
);
--> statement-breakpoint
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_status_ck";--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "walk_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "queue_date" date;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "token" integer;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "checked_in_by" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "called_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointment_reminders" ADD CONSTRAINT "appointment_reminders_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_days" ADD CONSTRAINT "queue_days_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_days" ADD CONSTRAINT "queue_days_doctor_profile_id_doctor_profiles_id_fk" FOREIGN KEY ("doctor_profile_id") REFERENCES "public"."doctor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_days" ADD CONSTRAINT "queue_days_current_appointment_id_appointments_id_fk" FOREIGN KEY ("current_appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_addenda" ADD CONSTRAINT "consultation_addenda_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_addenda" ADD CONSTRAINT "consultation_addenda_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_diagnoses" ADD CONSTRAINT "consultation_diagnoses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_diagnoses" ADD CONSTRAINT "consultation_diagnoses_code_icd10_codes_code_fk" FOREIGN KEY ("code") REFERENCES "public"."icd10_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_doctor_profile_id_doctor_profiles_id_fk" FOREIGN KEY ("doctor_profile_id") REFERENCES "public"."doctor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_doctor_user_id_users_id_fk" FOREIGN KEY ("doctor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_addenda_consultation_idx" ON "consultation_addenda" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_diagnoses_code_idx" ON "consultation_diagnoses" USING btree ("code");--> statement-breakpoint
CREATE INDEX "consultations_patient_idx" ON "consultations" USING btree ("patient_id","opened_at");--> statement-breakpoint
CREATE INDEX "consultations_doctor_idx" ON "consultations" USING btree ("doctor_profile_id","opened_at");--> statement-breakpoint
CREATE INDEX "consultations_hospital_idx" ON "consultations" USING btree ("hospital_id","opened_at");--> statement-breakpoint
CREATE INDEX "icd10_codes_search_idx" ON "icd10_codes" USING gin (lower("code" || ' ' || "title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vital_signs_patient_idx" ON "vital_signs" USING btree ("patient_id","recorded_at");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_token_uq" UNIQUE("doctor_profile_id","hospital_id","queue_date","token");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_token_ck" CHECK (("appointments"."token" is null) = ("appointments"."queue_date" is null));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_status_ck" CHECK ("appointments"."status" in ('booked','checked_in','in_consultation','completed','cancelled','no_show'));--> statement-breakpoint
-- Hand-written: a patient being seen (in_consultation) still holds the doctor's slot and their own.
-- A walk-in is seen between booked patients in token order, so it holds no slot of the doctor's
-- calendar (free slots stay bookable); the patient still cannot be in two places at once.
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_doctor_no_overlap";--> statement-breakpoint
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_patient_no_overlap";--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_no_overlap"
  EXCLUDE USING gist ("doctor_profile_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" IN ('booked', 'checked_in', 'in_consultation', 'completed') AND NOT "walk_in");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_no_overlap"
  EXCLUDE USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" IN ('booked', 'checked_in', 'in_consultation', 'completed'));--> statement-breakpoint
-- Reminders and no-show sweeps look for booked appointments by start time.
CREATE INDEX "appointments_due_idx" ON "appointments" ("starts_at") WHERE "status" IN ('booked', 'checked_in');
