CREATE TABLE "scheduling_settings" (
	"hospital_id" uuid PRIMARY KEY NOT NULL,
	"patient_change_cutoff_hours" integer NOT NULL,
	"no_show_grace_minutes" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduling_settings_cutoff_ck" CHECK ("scheduling_settings"."patient_change_cutoff_hours" between 0 and 168),
	CONSTRAINT "scheduling_settings_grace_ck" CHECK ("scheduling_settings"."no_show_grace_minutes" between 5 and 720)
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "lab_requests" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: lab requests written before this column existed were kept at the end of follow_up
-- after a marker line; move them to their column.
UPDATE "consultations"
   SET "lab_requests" = substr("follow_up", strpos("follow_up", E'\n\n[Lab tests requested]\n') + 24),
       "follow_up" = left("follow_up", strpos("follow_up", E'\n\n[Lab tests requested]\n') - 1)
 WHERE strpos("follow_up", E'\n\n[Lab tests requested]\n') > 0;
