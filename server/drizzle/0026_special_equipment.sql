CREATE TABLE "equipment_accidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"equipment_id" uuid,
	"user_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"casualties" integer DEFAULT 0 NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"equipment_id" uuid,
	"user_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"source" text NOT NULL,
	"self_inspection_id" uuid,
	"found_on" date NOT NULL,
	"description" text NOT NULL,
	"level" text NOT NULL,
	"correction_due_on" date NOT NULL,
	"corrected_on" date,
	"correction_note" text,
	"corrected_by_kind" text,
	"task_id" uuid,
	"order_id" uuid,
	"notice_id" uuid,
	"county_closed_on" date,
	"county_closed_note" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_self_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"inspected_on" date NOT NULL,
	"note" text,
	"reported_by_kind" text NOT NULL,
	"reported_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_emergency_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"on" date NOT NULL,
	"participants" integer,
	"note" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"id_number_sealed" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"employer_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"work_item" text NOT NULL,
	"certificate_no" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"review_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"exam_session_id" uuid,
	"revoked_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_exam_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"work_item" text NOT NULL,
	"theory_score" numeric(5, 1),
	"practical_score" numeric(5, 1),
	"passed" boolean,
	"certificate_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_exam_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"institution_uscc" text NOT NULL,
	"work_items" text[] NOT NULL,
	"training_hours" integer,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_work_items" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"builtin" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_due_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"subcategory" text,
	"kind" text,
	"safety_grade" integer,
	"basis" text DEFAULT 'periodic' NOT NULL,
	"interval_months" integer NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"equipment_id" uuid NOT NULL,
	"kind" text DEFAULT 'periodic' NOT NULL,
	"institution" text NOT NULL,
	"inspected_on" date NOT NULL,
	"report_no" text NOT NULL,
	"conclusion" text NOT NULL,
	"next_due" date,
	"rule_id" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"needs_operator" boolean DEFAULT false NOT NULL,
	"operator_work_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"equipment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"mode" text NOT NULL,
	"rows" integer NOT NULL,
	"created" integer NOT NULL,
	"rejected" integer NOT NULL,
	"imported_by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"subcategory" text,
	"equipment_code" text NOT NULL,
	"registration_no" text,
	"user_uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"manufacturer" text,
	"model" text,
	"factory_no" text,
	"put_into_service_on" date NOT NULL,
	"status" text DEFAULT 'in_use' NOT NULL,
	"key_unit_kind" text,
	"safety_grade" integer,
	"last_inspected_on" date,
	"last_conclusion" text,
	"next_inspection_due" date,
	"import_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_no" text NOT NULL,
	"title" text NOT NULL,
	"to_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"issued_on" date NOT NULL,
	"reply_due_on" date NOT NULL,
	"summary" text,
	"file_name" text NOT NULL,
	"document" "bytea" NOT NULL,
	"issued_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_notices_documentNo_unique" UNIQUE("document_no")
);
--> statement-breakpoint
CREATE TABLE "equipment_tier_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"config" jsonb NOT NULL,
	"note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_user_tiers" (
	"user_uscc" text PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"tier" text NOT NULL,
	"score" numeric(8, 2) NOT NULL,
	"model_version" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "equipment_accidents_user_uscc_occurred_on_index" ON "equipment_accidents" USING btree ("user_uscc","occurred_on");--> statement-breakpoint
CREATE INDEX "equipment_hazards_user_uscc_found_on_index" ON "equipment_hazards" USING btree ("user_uscc","found_on");--> statement-breakpoint
CREATE INDEX "equipment_hazards_region_code_found_on_index" ON "equipment_hazards" USING btree ("region_code","found_on");--> statement-breakpoint
CREATE INDEX "equipment_hazards_equipment_id_index" ON "equipment_hazards" USING btree ("equipment_id");--> statement-breakpoint
CREATE INDEX "equipment_hazards_notice_id_index" ON "equipment_hazards" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "equipment_self_inspections_user_uscc_inspected_on_index" ON "equipment_self_inspections" USING btree ("user_uscc","inspected_on");--> statement-breakpoint
CREATE INDEX "equipment_emergency_records_user_uscc_on_index" ON "equipment_emergency_records" USING btree ("user_uscc","on");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_operators_id_hash_unique" ON "equipment_operators" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "equipment_operators_employer_uscc_index" ON "equipment_operators" USING btree ("employer_uscc");--> statement-breakpoint
CREATE INDEX "equipment_operators_region_code_name_index" ON "equipment_operators" USING btree ("region_code","name");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_certificates_no_unique" ON "operator_certificates" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "operator_certificates_operator_id_index" ON "operator_certificates" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "operator_certificates_expires_on_index" ON "operator_certificates" USING btree ("expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_exam_candidates_one" ON "operator_exam_candidates" USING btree ("session_id","operator_id","work_item");--> statement-breakpoint
CREATE INDEX "operator_exam_candidates_operator_id_index" ON "operator_exam_candidates" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "operator_exam_sessions_region_code_held_on_index" ON "operator_exam_sessions" USING btree ("region_code","held_on");--> statement-breakpoint
CREATE INDEX "operator_exam_sessions_institution_uscc_index" ON "operator_exam_sessions" USING btree ("institution_uscc");--> statement-breakpoint
CREATE INDEX "equipment_due_rules_category_index" ON "equipment_due_rules" USING btree ("category");--> statement-breakpoint
CREATE INDEX "equipment_inspections_equipment_id_inspected_on_index" ON "equipment_inspections" USING btree ("equipment_id","inspected_on");--> statement-breakpoint
CREATE INDEX "equipment_categories_parent_code_sort_index" ON "equipment_categories" USING btree ("parent_code","sort");--> statement-breakpoint
CREATE INDEX "equipment_events_equipment_id_at_index" ON "equipment_events" USING btree ("equipment_id","at");--> statement-breakpoint
CREATE INDEX "equipment_files_owner_type_owner_id_index" ON "equipment_files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_units_code_unique" ON "equipment_units" USING btree ("equipment_code");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_units_registration_unique" ON "equipment_units" USING btree ("registration_no");--> statement-breakpoint
CREATE INDEX "equipment_units_user_uscc_index" ON "equipment_units" USING btree ("user_uscc");--> statement-breakpoint
CREATE INDEX "equipment_units_region_code_category_index" ON "equipment_units" USING btree ("region_code","category");--> statement-breakpoint
CREATE INDEX "equipment_units_due_in_use" ON "equipment_units" USING btree ("next_inspection_due","id") WHERE status = 'in_use';--> statement-breakpoint
CREATE INDEX "equipment_units_region_due" ON "equipment_units" USING btree ("region_code","next_inspection_due") WHERE status = 'in_use';--> statement-breakpoint
CREATE INDEX "equipment_notices_to_org_id_issued_on_index" ON "equipment_notices" USING btree ("to_org_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_tier_models_version_unique" ON "equipment_tier_models" USING btree ("version");--> statement-breakpoint
CREATE INDEX "equipment_user_tiers_region_code_tier_index" ON "equipment_user_tiers" USING btree ("region_code","tier");--> statement-breakpoint
CREATE INDEX "equipment_user_tiers_tier_index" ON "equipment_user_tiers" USING btree ("tier");