CREATE TABLE "billing_accounts" (
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"advance_minor" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_pk" PRIMARY KEY("hospital_id","patient_id"),
	CONSTRAINT "billing_accounts_advance_ck" CHECK ("billing_accounts"."advance_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "billing_department_fees" (
	"hospital_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"fee_minor" bigint NOT NULL,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_department_fees_pk" PRIMARY KEY("hospital_id","department_id"),
	CONSTRAINT "billing_department_fees_fee_ck" CHECK ("billing_department_fees"."fee_minor" >= 0),
	CONSTRAINT "billing_department_fees_tax_ck" CHECK ("billing_department_fees"."tax_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "billing_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"invoice_id" uuid,
	"patient_id" uuid,
	"method" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"applied_minor" bigint DEFAULT 0 NOT NULL,
	"advance_minor" bigint DEFAULT 0 NOT NULL,
	"tendered_minor" bigint,
	"change_minor" bigint,
	"reference" text,
	"note" text,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"received_by" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_payments_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "billing_payments_key_uq" UNIQUE("hospital_id","idempotency_key"),
	CONSTRAINT "billing_payments_kind_ck" CHECK ("billing_payments"."kind" in ('payment', 'deposit', 'advance_refund')),
	CONSTRAINT "billing_payments_method_ck" CHECK ("billing_payments"."method" in ('cash', 'card', 'upi', 'insurance', 'bank_transfer', 'advance')),
	CONSTRAINT "billing_payments_shape_ck" CHECK ("billing_payments"."amount_minor" > 0 and case "billing_payments"."kind"
            when 'payment' then "billing_payments"."invoice_id" is not null and "billing_payments"."applied_minor" between 1 and "billing_payments"."amount_minor"
              and ("billing_payments"."advance_minor" = 0 or "billing_payments"."patient_id" is not null)
              and case when "billing_payments"."method" = 'advance'
                       then "billing_payments"."amount_minor" = "billing_payments"."applied_minor" and "billing_payments"."advance_minor" = -"billing_payments"."applied_minor"
                       else "billing_payments"."advance_minor" = "billing_payments"."amount_minor" - "billing_payments"."applied_minor" end
            when 'deposit' then "billing_payments"."invoice_id" is null and "billing_payments"."patient_id" is not null and "billing_payments"."method" <> 'advance'
              and "billing_payments"."applied_minor" = 0 and "billing_payments"."advance_minor" = "billing_payments"."amount_minor"
            else "billing_payments"."invoice_id" is null and "billing_payments"."patient_id" is not null and "billing_payments"."method" <> 'advance'
              and "billing_payments"."applied_minor" = 0 and "billing_payments"."advance_minor" = -"billing_payments"."amount_minor" end),
	CONSTRAINT "billing_payments_cash_ck" CHECK (("billing_payments"."tendered_minor" is null and "billing_payments"."change_minor" is null) or ("billing_payments"."method" = 'cash'
          and "billing_payments"."tendered_minor" >= "billing_payments"."amount_minor" and "billing_payments"."change_minor" = "billing_payments"."tendered_minor" - "billing_payments"."amount_minor"))
);
--> statement-breakpoint
CREATE TABLE "billing_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_services_code_uq" UNIQUE("hospital_id","code"),
	CONSTRAINT "billing_services_price_ck" CHECK ("billing_services"."price_minor" >= 0),
	CONSTRAINT "billing_services_tax_ck" CHECK ("billing_services"."tax_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "cash_closings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"cashier_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"recorded_by_method" jsonb NOT NULL,
	"expected_cash_minor" bigint NOT NULL,
	"counted_cash_minor" bigint NOT NULL,
	"difference_minor" bigint NOT NULL,
	"notes" text,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_closings_cashier_day_uq" UNIQUE("hospital_id","cashier_id","business_date"),
	CONSTRAINT "cash_closings_counted_ck" CHECK ("cash_closings"."counted_cash_minor" >= 0),
	CONSTRAINT "cash_closings_difference_ck" CHECK ("cash_closings"."difference_minor" = "cash_closings"."counted_cash_minor" - "cash_closings"."expected_cash_minor")
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	"refund_method" text,
	"reason" text NOT NULL,
	"issued_on" date NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_notes_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "credit_notes_key_uq" UNIQUE("hospital_id","idempotency_key"),
	CONSTRAINT "credit_notes_amounts_ck" CHECK ("credit_notes"."amount_minor" > 0 and "credit_notes"."net_minor" >= 0 and "credit_notes"."tax_minor" >= 0
          and "credit_notes"."amount_minor" = "credit_notes"."net_minor" + "credit_notes"."tax_minor" and "credit_notes"."refund_minor" between 0 and "credit_notes"."amount_minor"),
	CONSTRAINT "credit_notes_refund_ck" CHECK (("credit_notes"."refund_minor" = 0 and "credit_notes"."refund_method" is null) or ("credit_notes"."refund_minor" > 0 and "credit_notes"."refund_method"
          in ('cash', 'card', 'upi', 'insurance', 'bank_transfer', 'advance')))
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"discount_kind" text,
	"discount_value" bigint,
	"discount_reason" text,
	"gross_minor" bigint NOT NULL,
	"discount_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	CONSTRAINT "invoice_lines_position_uq" UNIQUE("invoice_id","position"),
	CONSTRAINT "invoice_lines_kind_ck" CHECK ("invoice_lines"."kind" in ('consultation', 'service', 'medicine', 'other')),
	CONSTRAINT "invoice_lines_qty_ck" CHECK ("invoice_lines"."quantity" > 0 and "invoice_lines"."unit_price_minor" >= 0),
	CONSTRAINT "invoice_lines_tax_ck" CHECK ("invoice_lines"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "invoice_lines_discount_ck" CHECK (("invoice_lines"."discount_kind" is null and "invoice_lines"."discount_minor" = 0)
          or ("invoice_lines"."discount_kind" in ('amount', 'percent') and "invoice_lines"."discount_reason" is not null)),
	CONSTRAINT "invoice_lines_amounts_ck" CHECK ("invoice_lines"."gross_minor" = "invoice_lines"."quantity" * "invoice_lines"."unit_price_minor" and "invoice_lines"."discount_minor" between 0 and "invoice_lines"."gross_minor"
          and "invoice_lines"."net_minor" = "invoice_lines"."gross_minor" - "invoice_lines"."discount_minor" and "invoice_lines"."tax_minor" >= 0
          and "invoice_lines"."total_minor" = "invoice_lines"."net_minor" + "invoice_lines"."tax_minor")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid,
	"patient_id" uuid,
	"department_id" uuid,
	"doctor_profile_id" uuid,
	"currency" text NOT NULL,
	"gross_minor" bigint DEFAULT 0 NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"net_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"credited_minor" bigint DEFAULT 0 NOT NULL,
	"notes" text,
	"issued_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finalised_at" timestamp with time zone,
	"finalised_by" uuid,
	"discarded_at" timestamp with time zone,
	"discard_reason" text,
	CONSTRAINT "invoices_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "invoices_status_ck" CHECK ("invoices"."status" in ('draft', 'final', 'cancelled', 'discarded')),
	CONSTRAINT "invoices_source_ck" CHECK ("invoices"."source" in ('manual', 'consultation', 'pharmacy_sale')),
	CONSTRAINT "invoices_amounts_ck" CHECK ("invoices"."discount_minor" >= 0 and "invoices"."net_minor" = "invoices"."gross_minor" - "invoices"."discount_minor"
          and "invoices"."net_minor" >= 0 and "invoices"."tax_minor" >= 0 and "invoices"."total_minor" = "invoices"."net_minor" + "invoices"."tax_minor"),
	CONSTRAINT "invoices_paid_ck" CHECK ("invoices"."paid_minor" >= 0 and "invoices"."credited_minor" >= 0 and "invoices"."paid_minor" + "invoices"."credited_minor" <= "invoices"."total_minor"),
	CONSTRAINT "invoices_state_ck" CHECK (case "invoices"."status"
            when 'draft' then "invoices"."number" is null and "invoices"."paid_minor" = 0 and "invoices"."credited_minor" = 0
            when 'discarded' then "invoices"."number" is null and "invoices"."paid_minor" = 0 and "invoices"."credited_minor" = 0
            when 'final' then "invoices"."number" is not null and "invoices"."issued_on" is not null
            else "invoices"."number" is not null and "invoices"."credited_minor" = "invoices"."total_minor" end)
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_department_fees" ADD CONSTRAINT "billing_department_fees_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_department_fees" ADD CONSTRAINT "billing_department_fees_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_department_fees" ADD CONSTRAINT "billing_department_fees_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_services" ADD CONSTRAINT "billing_services_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_closings" ADD CONSTRAINT "cash_closings_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_closings" ADD CONSTRAINT "cash_closings_cashier_id_users_id_fk" FOREIGN KEY ("cashier_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_doctor_profile_id_doctor_profiles_id_fk" FOREIGN KEY ("doctor_profile_id") REFERENCES "public"."doctor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_payments_invoice_idx" ON "billing_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "billing_payments_hospital_time_idx" ON "billing_payments" USING btree ("hospital_id","received_at");--> statement-breakpoint
CREATE INDEX "credit_notes_invoice_idx" ON "credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "credit_notes_hospital_issued_idx" ON "credit_notes" USING btree ("hospital_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_source_uq" ON "invoices" USING btree ("hospital_id","source","source_id") WHERE "invoices"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "invoices_hospital_created_idx" ON "invoices" USING btree ("hospital_id","created_at");--> statement-breakpoint
CREATE INDEX "invoices_hospital_issued_idx" ON "invoices" USING btree ("hospital_id","issued_on");--> statement-breakpoint
CREATE INDEX "invoices_patient_idx" ON "invoices" USING btree ("patient_id");--> statement-breakpoint
-- Hand-written (ADR 13): rules that hold whatever the code does.
-- 1. A final (or cancelled, or discarded) invoice never changes: not its number, parties, dates or
--    money. Its paid and credited figures move only through the payments and credit-note triggers
--    below (trigger depth > 1), and it becomes cancelled only as a credit note credits all of it.
CREATE FUNCTION invoices_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoices are never deleted' USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
  END IF;
  IF (NEW.paid_minor, NEW.credited_minor) IS DISTINCT FROM (OLD.paid_minor, OLD.credited_minor)
     AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'an invoice''s paid and credited amounts change only by payments and credit notes'
      USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
  END IF;
  IF OLD.status = 'draft' THEN
    IF NEW.status NOT IN ('draft', 'final', 'discarded') THEN
      RAISE EXCEPTION 'a draft becomes final or discarded' USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.hospital_id, NEW.number, NEW.source, NEW.source_id, NEW.patient_id, NEW.department_id,
      NEW.doctor_profile_id, NEW.currency, NEW.gross_minor, NEW.discount_minor, NEW.net_minor,
      NEW.tax_minor, NEW.total_minor, NEW.notes, NEW.issued_on, NEW.created_by, NEW.created_at,
      NEW.finalised_at, NEW.finalised_by, NEW.discarded_at, NEW.discard_reason)
     IS DISTINCT FROM
     (OLD.hospital_id, OLD.number, OLD.source, OLD.source_id, OLD.patient_id, OLD.department_id,
      OLD.doctor_profile_id, OLD.currency, OLD.gross_minor, OLD.discount_minor, OLD.net_minor,
      OLD.tax_minor, OLD.total_minor, OLD.notes, OLD.issued_on, OLD.created_by, OLD.created_at,
      OLD.finalised_at, OLD.finalised_by, OLD.discarded_at, OLD.discard_reason) THEN
    RAISE EXCEPTION 'invoice % is % and never changes', OLD.number, OLD.status
      USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT (OLD.status = 'final' AND NEW.status = 'cancelled' AND pg_trigger_depth() > 1) THEN
    RAISE EXCEPTION 'invoice % is % and cannot become %', OLD.number, OLD.status, NEW.status
      USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_guard BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_guard();
--> statement-breakpoint
-- 2. Lines change only while their invoice is a draft (the share lock waits for a finalisation
--    in progress, and then sees it).
CREATE FUNCTION invoice_lines_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  SELECT status INTO st FROM invoices
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END FOR SHARE;
  IF st IS DISTINCT FROM 'draft' OR (TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id) THEN
    RAISE EXCEPTION 'the lines of a % invoice never change', st
      USING ERRCODE = '23514', CONSTRAINT = 'invoices_frozen';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard();
--> statement-breakpoint
-- 3. Payments, credit notes and day closings are append-only: a mistake is put right by another
--    record (a credit note, a refund), never by rewriting one.
CREATE FUNCTION billing_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME
    USING ERRCODE = '23514', CONSTRAINT = 'billing_append_only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER billing_payments_append_only BEFORE UPDATE OR DELETE ON billing_payments
  FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint
CREATE TRIGGER credit_notes_append_only BEFORE UPDATE OR DELETE ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint
CREATE TRIGGER cash_closings_append_only BEFORE UPDATE OR DELETE ON cash_closings
  FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint
-- 4. A payment moves its invoice's paid amount and the patient's advance in the same statement;
--    the invoice's check (paid + credited <= total) and the account's (advance >= 0) then refuse
--    an overpayment or an overdrawn advance, however many payments race.
CREATE FUNCTION billing_payments_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.applied_minor <> 0 THEN
    UPDATE invoices SET paid_minor = paid_minor + NEW.applied_minor, updated_at = now()
     WHERE id = NEW.invoice_id AND hospital_id = NEW.hospital_id AND status = 'final';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'payments are taken only against a final invoice of the hospital'
        USING ERRCODE = '23514', CONSTRAINT = 'billing_payments_invoice_final';
    END IF;
  END IF;
  IF NEW.advance_minor > 0 THEN
    INSERT INTO billing_accounts (hospital_id, patient_id, advance_minor)
    VALUES (NEW.hospital_id, NEW.patient_id, NEW.advance_minor)
    ON CONFLICT (hospital_id, patient_id)
      DO UPDATE SET advance_minor = billing_accounts.advance_minor + EXCLUDED.advance_minor, updated_at = now();
  ELSIF NEW.advance_minor < 0 THEN
    UPDATE billing_accounts SET advance_minor = advance_minor + NEW.advance_minor, updated_at = now()
     WHERE hospital_id = NEW.hospital_id AND patient_id = NEW.patient_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the patient holds no advance' USING ERRCODE = '23514',
        CONSTRAINT = 'billing_accounts_advance_ck';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER billing_payments_apply AFTER INSERT ON billing_payments
  FOR EACH ROW EXECUTE FUNCTION billing_payments_apply();
--> statement-breakpoint
-- 5. A credit note credits its invoice (cancelling it when all of it is credited) and takes what it
--    refunds off the invoice's paid amount (into the patient's advance when refunded there).
CREATE FUNCTION credit_notes_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  patient uuid;
BEGIN
  UPDATE invoices
     SET credited_minor = credited_minor + NEW.amount_minor,
         paid_minor = paid_minor - NEW.refund_minor,
         status = CASE WHEN credited_minor + NEW.amount_minor = total_minor THEN 'cancelled' ELSE status END,
         updated_at = now()
   WHERE id = NEW.invoice_id AND hospital_id = NEW.hospital_id AND status = 'final'
   RETURNING patient_id INTO patient;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'credit notes are issued only against a final invoice of the hospital'
      USING ERRCODE = '23514', CONSTRAINT = 'credit_notes_invoice_final';
  END IF;
  IF NEW.refund_method = 'advance' THEN
    IF patient IS NULL THEN
      RAISE EXCEPTION 'an invoice without a patient has no advance to refund to'
        USING ERRCODE = '23514', CONSTRAINT = 'credit_notes_advance_patient';
    END IF;
    INSERT INTO billing_accounts (hospital_id, patient_id, advance_minor)
    VALUES (NEW.hospital_id, patient, NEW.refund_minor)
    ON CONFLICT (hospital_id, patient_id)
      DO UPDATE SET advance_minor = billing_accounts.advance_minor + EXCLUDED.advance_minor, updated_at = now();
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_notes_apply AFTER INSERT ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION credit_notes_apply();
