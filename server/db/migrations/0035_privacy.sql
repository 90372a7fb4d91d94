CREATE TABLE "erasure_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at_hospital_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"erased" json,
	CONSTRAINT "erasure_requests_status_ck" CHECK ("erasure_requests"."status" in ('pending','completed','refused','cancelled')),
	CONSTRAINT "erasure_requests_decided_ck" CHECK (("erasure_requests"."status" = 'pending') = ("erasure_requests"."decided_at" is null) and ("erasure_requests"."status" = 'completed') = ("erasure_requests"."erased" is not null))
);
--> statement-breakpoint
CREATE TABLE "patient_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"method" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"hospital_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_consents_purpose_ck" CHECK ("patient_consents"."purpose" in ('treatment','record_sharing','research','contact')),
	CONSTRAINT "patient_consents_decision_ck" CHECK ("patient_consents"."decision" in ('granted','withdrawn')),
	CONSTRAINT "patient_consents_method_ck" CHECK ("patient_consents"."method" in ('portal','written','verbal')),
	CONSTRAINT "patient_consents_where_ck" CHECK (("patient_consents"."method" = 'portal') = ("patient_consents"."hospital_id" is null))
);
--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_decided_at_hospital_id_hospitals_id_fk" FOREIGN KEY ("decided_at_hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consents" ADD CONSTRAINT "patient_consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consents" ADD CONSTRAINT "patient_consents_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_consents" ADD CONSTRAINT "patient_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_pending_uq" ON "erasure_requests" USING btree ("patient_id") WHERE "erasure_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "erasure_requests_patient_idx" ON "erasure_requests" USING btree ("patient_id","requested_at");--> statement-breakpoint
CREATE INDEX "erasure_requests_status_idx" ON "erasure_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "patient_consents_patient_idx" ON "patient_consents" USING btree ("patient_id","purpose","recorded_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_recipient_idx" ON "notification_deliveries" USING btree ("recipient");--> statement-breakpoint
CREATE INDEX "pharmacy_sales_patient_idx" ON "pharmacy_sales" USING btree ("patient_id","sold_at");--> statement-breakpoint
CREATE INDEX "billing_accounts_patient_idx" ON "billing_accounts" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "billing_payments_patient_idx" ON "billing_payments" USING btree ("patient_id") WHERE "billing_payments"."patient_id" is not null;--> statement-breakpoint
CREATE INDEX "bed_occupancies_admission_idx" ON "bed_occupancies" USING btree ("admission_id","started_at");--> statement-breakpoint
CREATE INDEX "bed_reservations_patient_idx" ON "bed_reservations" USING btree ("patient_id");