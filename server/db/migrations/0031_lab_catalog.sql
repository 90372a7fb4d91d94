CREATE TABLE "lab_test_analytes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"test_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"ref_low" double precision,
	"ref_high" double precision,
	"ref_low_female" double precision,
	"ref_high_female" double precision,
	"critical_low" double precision,
	"critical_high" double precision,
	CONSTRAINT "lab_test_analytes_position_uq" UNIQUE("test_id","position"),
	CONSTRAINT "lab_test_analytes_name_uq" UNIQUE("test_id","name"),
	CONSTRAINT "lab_test_analytes_kind_ck" CHECK ("lab_test_analytes"."kind" in ('numeric', 'text')),
	CONSTRAINT "lab_test_analytes_decimals_ck" CHECK ("lab_test_analytes"."decimals" between 0 and 4),
	CONSTRAINT "lab_test_analytes_text_ck" CHECK ("lab_test_analytes"."kind" = 'numeric' or ("lab_test_analytes"."ref_low" is null and "lab_test_analytes"."ref_high" is null and "lab_test_analytes"."ref_low_female" is null and "lab_test_analytes"."ref_high_female" is null and "lab_test_analytes"."critical_low" is null and "lab_test_analytes"."critical_high" is null)),
	CONSTRAINT "lab_test_analytes_range_ck" CHECK ("lab_test_analytes"."ref_low" is null or "lab_test_analytes"."ref_high" is null or "lab_test_analytes"."ref_low" <= "lab_test_analytes"."ref_high"),
	CONSTRAINT "lab_test_analytes_female_range_ck" CHECK ("lab_test_analytes"."ref_low_female" is null or "lab_test_analytes"."ref_high_female" is null or "lab_test_analytes"."ref_low_female" <= "lab_test_analytes"."ref_high_female"),
	CONSTRAINT "lab_test_analytes_critical_ck" CHECK ("lab_test_analytes"."critical_low" is null or "lab_test_analytes"."critical_high" is null or "lab_test_analytes"."critical_low" < "lab_test_analytes"."critical_high")
);
--> statement-breakpoint
CREATE TABLE "lab_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sample_type" text NOT NULL,
	"turnaround_hours" integer NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"service_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_tests_code_uq" UNIQUE("hospital_id","code"),
	CONSTRAINT "lab_tests_sample_type_ck" CHECK ("sample_type" in ('whole_blood', 'serum', 'plasma', 'urine', 'stool', 'sputum', 'swab', 'csf', 'other')),
	CONSTRAINT "lab_tests_turnaround_ck" CHECK ("lab_tests"."turnaround_hours" between 1 and 2160)
);
--> statement-breakpoint
ALTER TABLE "lab_test_analytes" ADD CONSTRAINT "lab_test_analytes_test_id_lab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."lab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_service_id_billing_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."billing_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_tests_hospital_idx" ON "lab_tests" USING btree ("hospital_id","active");