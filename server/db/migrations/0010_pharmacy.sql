CREATE TABLE "dispensings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"prescription_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"dispensed_by" uuid,
	"dispensed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispensings_key_uq" UNIQUE("hospital_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "medicines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"generic_name" text NOT NULL,
	"brand_name" text,
	"form" text NOT NULL,
	"strength" text NOT NULL,
	"dispensing_unit" text NOT NULL,
	"pack_size" integer DEFAULT 1 NOT NULL,
	"manufacturer" text,
	"prescription_only" boolean DEFAULT false NOT NULL,
	"controlled" boolean DEFAULT false NOT NULL,
	"reorder_level" integer DEFAULT 0 NOT NULL,
	"sale_price_minor" bigint NOT NULL,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"barcode" text,
	"active" boolean DEFAULT true NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(generic_name || ' ' || coalesce(brand_name, '') || ' ' || strength || ' ' || form)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "medicines_pack_size_ck" CHECK ("medicines"."pack_size" >= 1),
	CONSTRAINT "medicines_price_ck" CHECK ("medicines"."sale_price_minor" >= 0),
	CONSTRAINT "medicines_tax_ck" CHECK ("medicines"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "medicines_reorder_ck" CHECK ("medicines"."reorder_level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pharmacy_sale_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "pharmacy_sale_lines_qty_ck" CHECK ("pharmacy_sale_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "pharmacy_sales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"currency" text NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"sold_by" uuid,
	"sold_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pharmacy_sales_key_uq" UNIQUE("hospital_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "prescription_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"prescription_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"directions" text,
	"quantity_prescribed" integer NOT NULL,
	"quantity_dispensed" integer DEFAULT 0 NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "prescription_lines_quantity_ck" CHECK ("prescription_lines"."quantity_prescribed" > 0),
	CONSTRAINT "prescription_lines_dispensed_ck" CHECK ("prescription_lines"."quantity_dispensed" >= 0 and "prescription_lines"."quantity_dispensed" <= "prescription_lines"."quantity_prescribed")
);
--> statement-breakpoint
CREATE TABLE "prescriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"source" text NOT NULL,
	"prescriber_name" text NOT NULL,
	"prescriber_user_id" uuid,
	"written_on" date NOT NULL,
	"notes" text,
	"status" text DEFAULT 'open' NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescriptions_source_ck" CHECK ("prescriptions"."source" in ('paper', 'consultation')),
	CONSTRAINT "prescriptions_status_ck" CHECK ("prescriptions"."status" in ('open', 'partly_dispensed', 'dispensed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "stock_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"batch_number" text NOT NULL,
	"expiry_date" date NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"unit_cost_minor" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_batches_identity_uq" UNIQUE("store_id","medicine_id","batch_number","expiry_date"),
	CONSTRAINT "stock_batches_on_hand_ck" CHECK ("stock_batches"."on_hand" >= 0),
	CONSTRAINT "stock_batches_reserved_ck" CHECK ("stock_batches"."reserved" >= 0 and "stock_batches"."reserved" <= "stock_batches"."on_hand"),
	CONSTRAINT "stock_batches_cost_ck" CHECK ("stock_batches"."unit_cost_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"unit_cost_minor" bigint NOT NULL,
	"reason" text,
	"reference_type" text,
	"reference_id" uuid,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_ledger_quantity_ck" CHECK ("stock_ledger"."quantity" <> 0),
	CONSTRAINT "stock_ledger_kind_ck" CHECK ("stock_ledger"."kind" in ('receipt','dispense','sale','return','adjustment','transfer_out','transfer_in','write_off','supplier_return')),
	CONSTRAINT "stock_ledger_sign_ck" CHECK (("stock_ledger"."kind" in ('receipt','return','transfer_in') and "stock_ledger"."quantity" > 0)
          or ("stock_ledger"."kind" in ('dispense','sale','transfer_out','write_off','supplier_return') and "stock_ledger"."quantity" < 0)
          or "stock_ledger"."kind" = 'adjustment')
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_hospital_name_uq" UNIQUE("hospital_id","name"),
	CONSTRAINT "stores_kind_ck" CHECK ("stores"."kind" in ('main', 'pharmacy', 'ward'))
);
--> statement-breakpoint
CREATE TABLE "pharmacy_order_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pharmacy_order_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "pharmacy_order_lines_qty_ck" CHECK ("pharmacy_order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "pharmacy_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" text NOT NULL,
	"fulfilment" text NOT NULL,
	"delivery_address" text,
	"prescription_document_id" uuid,
	"needs_prescription" boolean NOT NULL,
	"rejection_reason" text,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"currency" text NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"reserved_until" timestamp with time zone,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pharmacy_orders_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "pharmacy_orders_key_uq" UNIQUE("patient_id","idempotency_key"),
	CONSTRAINT "pharmacy_orders_status_ck" CHECK ("pharmacy_orders"."status" in ('awaiting_verification','approved','ready','completed','rejected','cancelled','expired')),
	CONSTRAINT "pharmacy_orders_fulfilment_ck" CHECK ("pharmacy_orders"."fulfilment" in ('pickup', 'delivery'))
);
--> statement-breakpoint
CREATE TABLE "stock_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_line_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_reservations_qty_ck" CHECK ("stock_reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "stock_take_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stock_take_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"counted" integer,
	"expected_at_post" integer,
	CONSTRAINT "stock_take_lines_batch_uq" UNIQUE("stock_take_id","batch_id"),
	CONSTRAINT "stock_take_lines_counted_ck" CHECK ("stock_take_lines"."counted" is null or "stock_take_lines"."counted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_takes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"status" text DEFAULT 'counting' NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone,
	CONSTRAINT "stock_takes_status_ck" CHECK ("stock_takes"."status" in ('counting', 'posted', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "ward_request_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"medicine_id" uuid NOT NULL,
	"quantity_requested" integer NOT NULL,
	"quantity_issued" integer DEFAULT 0 NOT NULL,
	"quantity_received" integer DEFAULT 0 NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "ward_request_lines_qty_ck" CHECK ("ward_request_lines"."quantity_requested" > 0 and "ward_request_lines"."quantity_issued" between 0 and "ward_request_lines"."quantity_requested"
          and "ward_request_lines"."quantity_received" between 0 and "ward_request_lines"."quantity_issued")
);
--> statement-breakpoint
CREATE TABLE "ward_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text NOT NULL,
	"store_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"note" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"received_by" uuid,
	"received_at" timestamp with time zone,
	CONSTRAINT "ward_requests_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "ward_requests_status_ck" CHECK ("ward_requests"."status" in ('requested','issued','partly_issued','received','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_dispensed_by_users_id_fk" FOREIGN KEY ("dispensed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medicines" ADD CONSTRAINT "medicines_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_sale_lines" ADD CONSTRAINT "pharmacy_sale_lines_sale_id_pharmacy_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."pharmacy_sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_sale_lines" ADD CONSTRAINT "pharmacy_sale_lines_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_sales" ADD CONSTRAINT "pharmacy_sales_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_sales" ADD CONSTRAINT "pharmacy_sales_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_sales" ADD CONSTRAINT "pharmacy_sales_sold_by_users_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_lines" ADD CONSTRAINT "prescription_lines_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_lines" ADD CONSTRAINT "prescription_lines_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_prescriber_user_id_users_id_fk" FOREIGN KEY ("prescriber_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_batches" ADD CONSTRAINT "stock_batches_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_batches" ADD CONSTRAINT "stock_batches_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_batches" ADD CONSTRAINT "stock_batches_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_order_events" ADD CONSTRAINT "pharmacy_order_events_order_id_pharmacy_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."pharmacy_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_order_events" ADD CONSTRAINT "pharmacy_order_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_order_lines" ADD CONSTRAINT "pharmacy_order_lines_order_id_pharmacy_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."pharmacy_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_order_lines" ADD CONSTRAINT "pharmacy_order_lines_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_orders" ADD CONSTRAINT "pharmacy_orders_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_orders" ADD CONSTRAINT "pharmacy_orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_orders" ADD CONSTRAINT "pharmacy_orders_prescription_document_id_documents_id_fk" FOREIGN KEY ("prescription_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_order_line_id_pharmacy_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."pharmacy_order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_take_lines" ADD CONSTRAINT "stock_take_lines_stock_take_id_stock_takes_id_fk" FOREIGN KEY ("stock_take_id") REFERENCES "public"."stock_takes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_take_lines" ADD CONSTRAINT "stock_take_lines_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_request_lines" ADD CONSTRAINT "ward_request_lines_request_id_ward_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."ward_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_request_lines" ADD CONSTRAINT "ward_request_lines_medicine_id_medicines_id_fk" FOREIGN KEY ("medicine_id") REFERENCES "public"."medicines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_requests" ADD CONSTRAINT "ward_requests_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_requests" ADD CONSTRAINT "ward_requests_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_requests" ADD CONSTRAINT "ward_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_requests" ADD CONSTRAINT "ward_requests_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ward_requests" ADD CONSTRAINT "ward_requests_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "medicines_hospital_barcode_uq" ON "medicines" USING btree ("hospital_id","barcode") WHERE barcode is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "medicines_hospital_identity_uq" ON "medicines" USING btree ("hospital_id",lower(generic_name),lower(coalesce(brand_name, '')),lower(strength),"form");--> statement-breakpoint
CREATE INDEX "medicines_search_trgm" ON "medicines" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "pharmacy_sale_lines_sale_idx" ON "pharmacy_sale_lines" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "pharmacy_sales_hospital_time_idx" ON "pharmacy_sales" USING btree ("hospital_id","sold_at");--> statement-breakpoint
CREATE INDEX "prescription_lines_prescription_idx" ON "prescription_lines" USING btree ("prescription_id");--> statement-breakpoint
CREATE INDEX "prescriptions_hospital_idx" ON "prescriptions" USING btree ("hospital_id","status","created_at");--> statement-breakpoint
CREATE INDEX "prescriptions_patient_idx" ON "prescriptions" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_batches_pick_idx" ON "stock_batches" USING btree ("store_id","medicine_id","expiry_date");--> statement-breakpoint
CREATE INDEX "stock_batches_medicine_idx" ON "stock_batches" USING btree ("medicine_id");--> statement-breakpoint
CREATE INDEX "stock_batches_hospital_expiry_idx" ON "stock_batches" USING btree ("hospital_id","expiry_date");--> statement-breakpoint
CREATE INDEX "stock_ledger_batch_idx" ON "stock_ledger" USING btree ("batch_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stock_ledger_medicine_idx" ON "stock_ledger" USING btree ("hospital_id","medicine_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stock_ledger_hospital_time_idx" ON "stock_ledger" USING btree ("hospital_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stock_ledger_reference_idx" ON "stock_ledger" USING btree ("reference_type","reference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_hospital_kind_uq" ON "stores" USING btree ("hospital_id","kind") WHERE kind in ('main', 'pharmacy');--> statement-breakpoint
CREATE INDEX "pharmacy_order_events_order_idx" ON "pharmacy_order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "pharmacy_order_lines_order_idx" ON "pharmacy_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "pharmacy_orders_queue_idx" ON "pharmacy_orders" USING btree ("hospital_id","status","placed_at");--> statement-breakpoint
CREATE INDEX "pharmacy_orders_patient_idx" ON "pharmacy_orders" USING btree ("patient_id","placed_at");--> statement-breakpoint
CREATE INDEX "pharmacy_orders_reservation_idx" ON "pharmacy_orders" USING btree ("reserved_until") WHERE status in ('awaiting_verification', 'approved');--> statement-breakpoint
CREATE INDEX "stock_reservations_line_idx" ON "stock_reservations" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "stock_reservations_batch_idx" ON "stock_reservations" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "stock_takes_store_idx" ON "stock_takes" USING btree ("store_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_takes_counting_uq" ON "stock_takes" USING btree ("store_id") WHERE status = 'counting';--> statement-breakpoint
CREATE INDEX "ward_request_lines_request_idx" ON "ward_request_lines" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "ward_requests_hospital_idx" ON "ward_requests" USING btree ("hospital_id","status","requested_at");