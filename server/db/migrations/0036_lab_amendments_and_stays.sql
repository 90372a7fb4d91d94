CREATE TABLE "lab_result_amendments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"result_comment" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by" uuid NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	CONSTRAINT "lab_result_amendments_version_uq" UNIQUE("item_id","version"),
	CONSTRAINT "lab_result_amendments_status_ck" CHECK ("lab_result_amendments"."status" in ('pending', 'released')),
	CONSTRAINT "lab_result_amendments_version_ck" CHECK ("lab_result_amendments"."version" >= 2),
	CONSTRAINT "lab_result_amendments_released_ck" CHECK (("lab_result_amendments"."status" = 'released') = ("lab_result_amendments"."released_at" is not null and "lab_result_amendments"."released_by" is not null)),
	CONSTRAINT "lab_result_amendments_second_person_ck" CHECK ("lab_result_amendments"."released_by" is null or "lab_result_amendments"."released_by" <> "lab_result_amendments"."entered_by")
);
--> statement-breakpoint
ALTER TABLE "lab_results" DROP CONSTRAINT "lab_results_position_uq";--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "unit_price_minor" bigint;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "tax_rate_bp" integer;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD COLUMN "admission_id" uuid;--> statement-breakpoint
ALTER TABLE "lab_results" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "lab_result_amendments" ADD CONSTRAINT "lab_result_amendments_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_result_amendments" ADD CONSTRAINT "lab_result_amendments_item_id_lab_order_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."lab_order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_result_amendments" ADD CONSTRAINT "lab_result_amendments_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_result_amendments" ADD CONSTRAINT "lab_result_amendments_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lab_result_amendments_pending_uq" ON "lab_result_amendments" USING btree ("item_id") WHERE "lab_result_amendments"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_service_id_billing_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."billing_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_orders_admission_idx" ON "lab_orders" USING btree ("admission_id") WHERE "lab_orders"."admission_id" is not null;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_position_uq" UNIQUE("item_id","version","position");--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_billed_once_ck" CHECK ("lab_orders"."admission_id" is null or "lab_orders"."invoice_id" is null);--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_version_ck" CHECK ("lab_results"."version" >= 1);--> statement-breakpoint
-- Released results never change (ADR 29, ADR 35). A test's results of versions up to the one
-- released are frozen once it is verified; the rows of a pending amendment (a version above it)
-- may be written and deleted until it is released. The item is share-locked so that an entry in
-- progress and a verification or release wait for each other.
CREATE OR REPLACE FUNCTION lab_results_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  st text;
  released integer;
BEGIN
  -- The catalog replacing a test's analytes lets go of them (analyte_id to null): the result keeps
  -- its name, unit and limits, and that is all it needs.
  IF TG_OP = 'UPDATE' AND NEW.analyte_id IS NULL AND OLD.analyte_id IS NOT NULL
     AND (to_jsonb(NEW) - 'analyte_id') = (to_jsonb(OLD) - 'analyte_id') THEN
    RETURN NEW;
  END IF;
  SELECT status, version INTO st, released FROM lab_order_items
   WHERE id = COALESCE(NEW.item_id, OLD.item_id) FOR SHARE;
  IF st = 'verified' AND (TG_OP = 'UPDATE' OR COALESCE(NEW.version, OLD.version) <= released) THEN
    RAISE EXCEPTION 'verified lab results never change' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF st <> 'verified' AND COALESCE(NEW.version, OLD.version) <> 1 THEN
    RAISE EXCEPTION 'only a verified test is amended' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.item_id, NEW.version) IS DISTINCT FROM (OLD.item_id, OLD.version) THEN
    RAISE EXCEPTION 'a lab result stays with its test' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END
$$;
--> statement-breakpoint
-- A verified test never changes, but for its released version moving on by one when an amendment
-- of that version is released in the same transaction.
CREATE OR REPLACE FUNCTION lab_order_items_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'tests of a lab order are never deleted' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF OLD.status = 'verified' AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
    IF (to_jsonb(NEW) - 'version') = (to_jsonb(OLD) - 'version')
       AND NEW.version = OLD.version + 1
       AND EXISTS (SELECT 1 FROM lab_result_amendments a
                    WHERE a.item_id = NEW.id AND a.version = NEW.version AND a.status = 'released') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'lab test % is verified and never changes', OLD.accession
      USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- A released amendment never changes and is never deleted; a pending one may be entered again,
-- released, or withdrawn (deleted).
CREATE FUNCTION lab_result_amendments_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'released' THEN
    RAISE EXCEPTION 'a released lab amendment never changes' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE TRIGGER lab_result_amendments_guard BEFORE UPDATE OR DELETE ON lab_result_amendments
  FOR EACH ROW EXECUTE FUNCTION lab_result_amendments_guard();
