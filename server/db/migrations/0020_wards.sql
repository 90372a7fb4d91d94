CREATE TABLE "admissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"source" text NOT NULL,
	"consultation_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"admitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"admitted_by" uuid,
	"discharged_at" timestamp with time zone,
	"discharged_by" uuid,
	"discharge_summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admissions_source_ck" CHECK ("admissions"."source" in ('consultation','front_desk','emergency')),
	CONSTRAINT "admissions_status_ck" CHECK ("admissions"."status" in ('active','discharged')),
	CONSTRAINT "admissions_consultation_ck" CHECK (("admissions"."source" = 'consultation') = ("admissions"."consultation_id" is not null)),
	CONSTRAINT "admissions_discharged_ck" CHECK (("admissions"."status" = 'discharged') = ("admissions"."discharged_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "bed_occupancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admission_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bed_occupancies_range_ck" CHECK ("bed_occupancies"."ended_at" is null or "bed_occupancies"."ended_at" >= "bed_occupancies"."started_at"),
	CONSTRAINT "bed_occupancies_ended_ck" CHECK (("bed_occupancies"."ended_at" is null) = ("bed_occupancies"."ended_by" is null) and ("bed_occupancies"."ended_by" is null or "bed_occupancies"."ended_by" in ('transfer','discharge')))
);
--> statement-breakpoint
CREATE TABLE "beds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"ward_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"label" text NOT NULL,
	"bed_type" text NOT NULL,
	"daily_rate_minor" bigint NOT NULL,
	"state" text DEFAULT 'available' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "beds_ward_label_uq" UNIQUE("ward_id","label"),
	CONSTRAINT "beds_type_ck" CHECK ("beds"."bed_type" in ('standard','semi_private','private','icu','isolation','cot')),
	CONSTRAINT "beds_state_ck" CHECK ("beds"."state" in ('available','occupied','reserved','cleaning','maintenance')),
	CONSTRAINT "beds_rate_ck" CHECK ("beds"."daily_rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ward_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"ward_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ward_rooms_ward_name_uq" UNIQUE("ward_id","name"),
	CONSTRAINT "ward_rooms_id_ward_uq" UNIQUE("id","ward_id")
);
--> statement-breakpoint
CREATE TABLE "wards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wards_hospital_name_uq" UNIQUE("hospital_id","name"),
	CONSTRAINT "wards_kind_ck" CHECK ("wards"."kind" in ('general','icu','maternity','paediatric','private','other'))
);
--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_admitted_by_users_id_fk" FOREIGN KEY ("admitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_discharged_by_users_id_fk" FOREIGN KEY ("discharged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beds" ADD CONSTRAINT "beds_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beds" ADD CONSTRAINT "beds_room_fk" FOREIGN KEY ("room_id","ward_id") REFERENCES "public"."ward_rooms"("id","ward_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_rooms" ADD CONSTRAINT "ward_rooms_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_rooms" ADD CONSTRAINT "ward_rooms_ward_id_wards_id_fk" FOREIGN KEY ("ward_id") REFERENCES "public"."wards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wards" ADD CONSTRAINT "wards_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_patient_active_uq" ON "admissions" USING btree ("hospital_id","patient_id") WHERE "admissions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "admissions_hospital_idx" ON "admissions" USING btree ("hospital_id","status","admitted_at");--> statement-breakpoint
CREATE INDEX "admissions_patient_idx" ON "admissions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bed_occupancies_admission_open_uq" ON "bed_occupancies" USING btree ("admission_id") WHERE "bed_occupancies"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "bed_occupancies_bed_idx" ON "bed_occupancies" USING btree ("bed_id","started_at");--> statement-breakpoint
CREATE INDEX "beds_hospital_idx" ON "beds" USING btree ("hospital_id");--> statement-breakpoint
-- Hand-written (drizzle cannot express exclusion constraints); btree_gist comes from 0000.
-- A bed never holds two patients at once, whichever app instance writes the stay: the stays of one
-- bed never overlap. Ranges are half-open and a stay still going has no end, so a transfer that
-- ends one stay and starts the next at the same instant touches without overlapping.
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_bed_no_overlap"
  EXCLUDE USING gist ("bed_id" WITH =, tstzrange("started_at", "ended_at", '[)') WITH &&);
