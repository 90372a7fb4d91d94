CREATE TABLE "lab_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"analyte_id" uuid,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"ref_low" double precision,
	"ref_high" double precision,
	"critical_low" double precision,
	"critical_high" double precision,
	"value_number" double precision,
	"value_text" text DEFAULT '' NOT NULL,
	"flag" text,
	CONSTRAINT "lab_results_position_uq" UNIQUE("item_id","position"),
	CONSTRAINT "lab_results_kind_ck" CHECK ("lab_results"."kind" in ('numeric', 'text')),
	CONSTRAINT "lab_results_value_ck" CHECK (("lab_results"."kind" = 'numeric') = ("lab_results"."value_number" is not null)),
	CONSTRAINT "lab_results_flag_ck" CHECK ("lab_results"."flag" is null or "lab_results"."flag" in ('normal', 'low', 'high', 'critical_low', 'critical_high'))
);
--> statement-breakpoint
ALTER TABLE "lab_order_items" DROP CONSTRAINT "lab_order_items_status_ck";--> statement-breakpoint
ALTER TABLE "lab_order_items" DROP CONSTRAINT "lab_order_items_collected_ck";--> statement-breakpoint
ALTER TABLE "lab_orders" DROP CONSTRAINT "lab_orders_status_ck";--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "resulted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "resulted_by" uuid;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "result_comment" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_item_id_lab_order_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."lab_order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_analyte_id_lab_test_analytes_id_fk" FOREIGN KEY ("analyte_id") REFERENCES "public"."lab_test_analytes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_resulted_by_users_id_fk" FOREIGN KEY ("resulted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_resulted_ck" CHECK (("lab_order_items"."status" in ('resulted', 'verified')) = ("lab_order_items"."resulted_at" is not null and "lab_order_items"."resulted_by" is not null));--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_verified_ck" CHECK (("lab_order_items"."status" = 'verified') = ("lab_order_items"."verified_at" is not null and "lab_order_items"."verified_by" is not null));--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_second_person_ck" CHECK ("lab_order_items"."verified_by" is null or "lab_order_items"."verified_by" <> "lab_order_items"."resulted_by");--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_status_ck" CHECK ("lab_order_items"."status" in ('awaiting_sample', 'collected', 'resulted', 'verified', 'cancelled'));--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_collected_ck" CHECK (("lab_order_items"."status" in ('collected', 'resulted', 'verified')) = ("lab_order_items"."collected_at" is not null and "lab_order_items"."collected_by" is not null));--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_status_ck" CHECK ("lab_orders"."status" in ('awaiting_sample', 'collected', 'reported', 'cancelled'));--> statement-breakpoint
-- Verified results never change (ADR 29): not a value, flag or limit of them, not who entered or
-- verified them or when, and a verified test never goes back. The item is share-locked so that an
-- entry in progress and a verification wait for each other.
CREATE FUNCTION lab_results_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  -- The catalog replacing a test's analytes lets go of them (analyte_id to null): the result keeps
  -- its name, unit and limits, and that is all it needs.
  IF TG_OP = 'UPDATE' AND NEW.analyte_id IS NULL AND OLD.analyte_id IS NOT NULL
     AND (NEW.id, NEW.item_id, NEW.position, NEW.name, NEW.kind, NEW.unit, NEW.decimals, NEW.ref_low,
          NEW.ref_high, NEW.critical_low, NEW.critical_high, NEW.value_number, NEW.value_text, NEW.flag)
     IS NOT DISTINCT FROM
         (OLD.id, OLD.item_id, OLD.position, OLD.name, OLD.kind, OLD.unit, OLD.decimals, OLD.ref_low,
          OLD.ref_high, OLD.critical_low, OLD.critical_high, OLD.value_number, OLD.value_text, OLD.flag) THEN
    RETURN NEW;
  END IF;
  SELECT status INTO st FROM lab_order_items WHERE id = COALESCE(NEW.item_id, OLD.item_id) FOR SHARE;
  IF st = 'verified' THEN
    RAISE EXCEPTION 'verified lab results never change' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.item_id IS DISTINCT FROM OLD.item_id THEN
    RAISE EXCEPTION 'a lab result stays with its test' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE TRIGGER lab_results_guard BEFORE INSERT OR UPDATE OR DELETE ON lab_results
  FOR EACH ROW EXECUTE FUNCTION lab_results_guard();
--> statement-breakpoint
CREATE FUNCTION lab_order_items_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'tests of a lab order are never deleted' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF OLD.status = 'verified' AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
    RAISE EXCEPTION 'lab test % is verified and never changes', OLD.accession
      USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER lab_order_items_guard BEFORE UPDATE OR DELETE ON lab_order_items
  FOR EACH ROW EXECUTE FUNCTION lab_order_items_guard();
--> statement-breakpoint
-- A reported or cancelled order stays so, and no order is deleted (its patient may still change,
-- when a temporary record is merged into the person's own).
CREATE FUNCTION lab_orders_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'lab orders are never deleted' USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  IF OLD.status IN ('reported', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'lab order % is % and stays so', OLD.number, OLD.status
      USING ERRCODE = '23514', CONSTRAINT = 'lab_results_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER lab_orders_guard BEFORE UPDATE OR DELETE ON lab_orders
  FOR EACH ROW EXECUTE FUNCTION lab_orders_guard();
