CREATE TABLE "lab_order_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"test_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sample_type" text NOT NULL,
	"turnaround_hours" integer NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"accession" text NOT NULL,
	"status" text NOT NULL,
	"collected_at" timestamp with time zone,
	"collected_by" uuid,
	"sample_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "lab_order_items_position_uq" UNIQUE("order_id","position"),
	CONSTRAINT "lab_order_items_accession_uq" UNIQUE("hospital_id","accession"),
	CONSTRAINT "lab_order_items_status_ck" CHECK ("lab_order_items"."status" in ('awaiting_sample', 'collected', 'cancelled')),
	CONSTRAINT "lab_order_items_collected_ck" CHECK (("lab_order_items"."status" = 'collected') = ("lab_order_items"."collected_at" is not null and "lab_order_items"."collected_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "lab_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"consultation_id" uuid,
	"source" text NOT NULL,
	"priority" text NOT NULL,
	"clinical_note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"ordered_by" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"invoice_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_orders_number_uq" UNIQUE("hospital_id","number"),
	CONSTRAINT "lab_orders_idempotency_uq" UNIQUE("hospital_id","idempotency_key"),
	CONSTRAINT "lab_orders_source_ck" CHECK ("lab_orders"."source" in ('consultation', 'walk_in')),
	CONSTRAINT "lab_orders_source_consultation_ck" CHECK (("lab_orders"."source" = 'consultation') = ("lab_orders"."consultation_id" is not null)),
	CONSTRAINT "lab_orders_priority_ck" CHECK ("lab_orders"."priority" in ('routine', 'urgent')),
	CONSTRAINT "lab_orders_status_ck" CHECK ("lab_orders"."status" in ('awaiting_sample', 'collected', 'cancelled')),
	CONSTRAINT "lab_orders_cancelled_ck" CHECK (("lab_orders"."status" = 'cancelled') = ("lab_orders"."cancelled_at" is not null and "lab_orders"."cancelled_by" is not null and "lab_orders"."cancel_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_source_ck";--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_order_id_lab_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."lab_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_test_id_lab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."lab_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_order_items" ADD CONSTRAINT "lab_order_items_collected_by_users_id_fk" FOREIGN KEY ("collected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_ordered_by_users_id_fk" FOREIGN KEY ("ordered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orders" ADD CONSTRAINT "lab_orders_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_order_items_order_idx" ON "lab_order_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "lab_orders_worklist_idx" ON "lab_orders" USING btree ("hospital_id","status","created_at");--> statement-breakpoint
CREATE INDEX "lab_orders_patient_idx" ON "lab_orders" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "lab_orders_consultation_idx" ON "lab_orders" USING btree ("consultation_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_source_ck" CHECK ("invoices"."source" in ('manual', 'consultation', 'pharmacy_sale', 'pharmacy_order', 'dispensing', 'admission', 'lab_order'));