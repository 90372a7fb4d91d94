CREATE TABLE "discharge_summaries" (
	"admission_id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"diagnoses" jsonb NOT NULL,
	"procedures" jsonb NOT NULL,
	"medicines" jsonb NOT NULL,
	"follow_up" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discharge_summaries_condition_ck" CHECK ("discharge_summaries"."condition" in ('recovered','improved','stable','unchanged','deteriorated')),
	CONSTRAINT "discharge_summaries_lists_ck" CHECK (jsonb_typeof("discharge_summaries"."diagnoses") = 'array' and jsonb_typeof("discharge_summaries"."procedures") = 'array' and jsonb_typeof("discharge_summaries"."medicines") = 'array')
);
--> statement-breakpoint
CREATE TABLE "ward_billing_settings" (
	"hospital_id" uuid PRIMARY KEY NOT NULL,
	"bed_day_rule" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ward_billing_settings_rule_ck" CHECK ("ward_billing_settings"."bed_day_rule" in ('midnight_census','calendar_day'))
);
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_kind_ck";--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_source_ck";--> statement-breakpoint
-- Hand-written: the column is added empty, stays already made take their bed's rate today, then it
-- is required (drizzle would add it NOT NULL at once, which fails on any stay there already is).
ALTER TABLE "bed_occupancies" ADD COLUMN "daily_rate_minor" bigint;--> statement-breakpoint
UPDATE "bed_occupancies" o SET "daily_rate_minor" = b."daily_rate_minor" FROM "beds" b WHERE b."id" = o."bed_id";--> statement-breakpoint
ALTER TABLE "bed_occupancies" ALTER COLUMN "daily_rate_minor" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_billing_settings" ADD CONSTRAINT "ward_billing_settings_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_billing_settings" ADD CONSTRAINT "ward_billing_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_kind_ck" CHECK ("invoice_lines"."kind" in ('consultation', 'service', 'medicine', 'bed_day', 'other'));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_source_ck" CHECK ("invoices"."source" in ('manual', 'consultation', 'pharmacy_sale', 'pharmacy_order', 'dispensing', 'admission'));--> statement-breakpoint
ALTER TABLE "bed_occupancies" ADD CONSTRAINT "bed_occupancies_rate_ck" CHECK ("bed_occupancies"."daily_rate_minor" >= 0);--> statement-breakpoint
-- Hand-written: a discharge summary is part of the record, written once with the discharge and
-- never edited or deleted (the nursing record's trigger function, migration 0021).
CREATE TRIGGER discharge_summaries_no_change BEFORE UPDATE OR DELETE ON discharge_summaries
  FOR EACH ROW EXECUTE FUNCTION nursing_record_append_only();
