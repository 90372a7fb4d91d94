CREATE TABLE "admission_service_charges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"admission_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"quantity" integer NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"note" text,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"charged_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	CONSTRAINT "admission_service_charges_key_uq" UNIQUE("hospital_id","idempotency_key"),
	CONSTRAINT "admission_service_charges_quantity_ck" CHECK ("admission_service_charges"."quantity" between 1 and 1000),
	CONSTRAINT "admission_service_charges_price_ck" CHECK ("admission_service_charges"."unit_price_minor" >= 0),
	CONSTRAINT "admission_service_charges_tax_ck" CHECK ("admission_service_charges"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "admission_service_charges_void_ck" CHECK (("admission_service_charges"."voided_at" is null) = ("admission_service_charges"."voided_by" is null) and ("admission_service_charges"."voided_at" is null) = ("admission_service_charges"."void_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "admission_service_charges" ADD CONSTRAINT "admission_service_charges_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_service_charges" ADD CONSTRAINT "admission_service_charges_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_service_charges" ADD CONSTRAINT "admission_service_charges_service_id_billing_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."billing_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_service_charges" ADD CONSTRAINT "admission_service_charges_charged_by_users_id_fk" FOREIGN KEY ("charged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_service_charges" ADD CONSTRAINT "admission_service_charges_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_service_charges_admission_idx" ON "admission_service_charges" USING btree ("admission_id","given_at");--> statement-breakpoint
-- Hand-written (drizzle cannot express triggers): a charge is never deleted, and the only change
-- it takes is being voided, once; what was charged, for whom and by whom stays as it was.
CREATE FUNCTION admission_service_charges_void_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a ward charge is never deleted' USING ERRCODE = '42501';
  END IF;
  IF OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
     OR (to_jsonb(NEW) - 'voided_at' - 'voided_by' - 'void_reason')
        IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'voided_by' - 'void_reason') THEN
    RAISE EXCEPTION 'a ward charge is only ever voided, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER admission_service_charges_void_only BEFORE UPDATE OR DELETE ON admission_service_charges
  FOR EACH ROW EXECUTE FUNCTION admission_service_charges_void_only();
