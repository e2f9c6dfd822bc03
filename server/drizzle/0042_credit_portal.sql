CREATE SEQUENCE "public"."credit_listing_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "credit_class_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"from_class" text,
	"to_class" text NOT NULL,
	"score" numeric(8, 2),
	"model_version" integer,
	"cause" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_evaluators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"accreditation" text,
	"valid_until" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"org_name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"restriction" text NOT NULL,
	"action" text NOT NULL,
	"matter" text NOT NULL,
	"note" text,
	"acted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_listing_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "credit_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_no" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"source" text NOT NULL,
	"case_id" uuid,
	"case_no" text,
	"rule_key" text,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"status" text NOT NULL,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notice_sent_on" date,
	"answer_due" date,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"listed_on" date,
	"until" date,
	"published_at" timestamp with time zone,
	"removed_on" date,
	"removal_kind" text,
	"removal_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"config" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"class" text NOT NULL,
	"reason" text NOT NULL,
	"until" date NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_name" text,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "credit_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"grade" text NOT NULL,
	"rated_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"report_no" text NOT NULL,
	"note" text,
	"entered_by" uuid,
	"entered_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"statement" text NOT NULL,
	"commitment" text NOT NULL,
	"applied_by_name" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"conditions" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"cursor" timestamp with time zone,
	"scored" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_scores" (
	"enterprise_id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"score" numeric(8, 2) NOT NULL,
	"computed_class" text NOT NULL,
	"model_version" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_data_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "open_data_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
CREATE TABLE "open_data_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"rows" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"body" text NOT NULL,
	"region_code" text NOT NULL,
	"org_name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"returned_reason" text,
	"approved_by_name" text,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_name" text,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "credit_class_history_uscc_at_index" ON "credit_class_history" USING btree ("uscc","at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_evaluators_uscc_unique" ON "credit_evaluators" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_evaluators_org_unique" ON "credit_evaluators" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "credit_feedback_uscc_created_at_index" ON "credit_feedback" USING btree ("uscc","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_feedback_matter_unique" ON "credit_feedback" USING btree ("org_id","uscc","restriction","matter");--> statement-breakpoint
CREATE INDEX "credit_listing_events_listing_id_at_index" ON "credit_listing_events" USING btree ("listing_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_listings_no_unique" ON "credit_listings" USING btree ("listing_no");--> statement-breakpoint
CREATE INDEX "credit_listings_uscc_status_index" ON "credit_listings" USING btree ("uscc","status");--> statement-breakpoint
CREATE INDEX "credit_listings_status_until_index" ON "credit_listings" USING btree ("status","until");--> statement-breakpoint
CREATE INDEX "credit_listings_region_code_status_index" ON "credit_listings" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "credit_listings_updated_at_index" ON "credit_listings" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_models_version_unique" ON "credit_models" USING btree ("version");--> statement-breakpoint
CREATE INDEX "credit_overrides_uscc_created_at_index" ON "credit_overrides" USING btree ("uscc","created_at");--> statement-breakpoint
CREATE INDEX "credit_overrides_until_index" ON "credit_overrides" USING btree ("until");--> statement-breakpoint
CREATE INDEX "credit_ratings_uscc_rated_on_index" ON "credit_ratings" USING btree ("uscc","rated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ratings_report_unique" ON "credit_ratings" USING btree ("evaluator_id","report_no");--> statement-breakpoint
CREATE INDEX "credit_ratings_created_at_index" ON "credit_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "credit_repairs_listing_id_applied_at_index" ON "credit_repairs" USING btree ("listing_id","applied_at");--> statement-breakpoint
CREATE INDEX "credit_repairs_status_applied_at_index" ON "credit_repairs" USING btree ("status","applied_at");--> statement-breakpoint
CREATE INDEX "credit_repairs_region_code_index" ON "credit_repairs" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "credit_runs_kind_started_at_index" ON "credit_runs" USING btree ("kind","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_scores_uscc_unique" ON "credit_scores" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "credit_scores_region_code_computed_class_index" ON "credit_scores" USING btree ("region_code","computed_class");--> statement-breakpoint
CREATE UNIQUE INDEX "open_data_files_day_unique" ON "open_data_files" USING btree ("day");--> statement-breakpoint
CREATE INDEX "portal_notices_status_published_at_index" ON "portal_notices" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "portal_notices_kind_status_published_at_index" ON "portal_notices" USING btree ("kind","status","published_at");--> statement-breakpoint
CREATE INDEX "portal_notices_region_code_status_index" ON "portal_notices" USING btree ("region_code","status");