CREATE TABLE "bed_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_reason" text,
	"admission_id" uuid,
	CONSTRAINT "bed_reservations_range_ck" CHECK ("bed_reservations"."expires_at" > "bed_reservations"."starts_at"),
	CONSTRAINT "bed_reservations_status_ck" CHECK ("bed_reservations"."status" in ('active','consumed','cancelled','expired')),
	CONSTRAINT "bed_reservations_ended_ck" CHECK (("bed_reservations"."status" = 'active') = ("bed_reservations"."ended_at" is null)),
	CONSTRAINT "bed_reservations_consumed_ck" CHECK (("bed_reservations"."status" = 'consumed') = ("bed_reservations"."admission_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bed_reservations_patient_active_uq" ON "bed_reservations" USING btree ("hospital_id","patient_id") WHERE "bed_reservations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "bed_reservations_hospital_idx" ON "bed_reservations" USING btree ("hospital_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "bed_reservations_bed_idx" ON "bed_reservations" USING btree ("bed_id","status");--> statement-breakpoint
-- Hand-written (drizzle cannot express exclusion constraints); btree_gist comes from 0000.
-- Two reservations of one bed that still hold it never overlap in time, whichever app instance
-- writes them. Consumed, cancelled and expired ones no longer count. A reservation past its expiry
-- that the job has not yet marked expired still counts, but its range lies in the past, and a new
-- one never starts before now, so it blocks nothing.
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_bed_no_overlap"
  EXCLUDE USING gist ("bed_id" WITH =, tstzrange("starts_at", "expires_at", '[)') WITH &&)
  WHERE ("status" = 'active');
