CREATE SEQUENCE "public"."case_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"product_category" text NOT NULL,
	"description" text,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"participating_org_ids" uuid[] NOT NULL,
	"pool_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"target_count" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"actor_id" uuid,
	"actor_name" text,
	"org_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"collected_on" date NOT NULL,
	"place" text,
	"officer_ids" uuid[] NOT NULL,
	"officer_names" text[] NOT NULL,
	"interviewee_sealed" text,
	"interviewee_masked" text,
	"content" text,
	"measure_start_on" date,
	"measure_end_on" date,
	"measure_released_on" date,
	"produced_by_org_id" uuid NOT NULL,
	"produced_by_name" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"evidence_id" uuid,
	"document_kind" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"produced_by_org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" text NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"stage_before_transfer" text,
	"lead_source" text NOT NULL,
	"lead_id" uuid,
	"lead_ref" text,
	"uscc" text,
	"enterprise_id" uuid,
	"party_name" text NOT NULL,
	"party_address" text,
	"summary" text NOT NULL,
	"found_on" date NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"campaign_id" uuid,
	"lead_due_on" date NOT NULL,
	"lead_due_certain" boolean DEFAULT true NOT NULL,
	"lead_extended" boolean DEFAULT false NOT NULL,
	"declined_on" date,
	"decline_reason" text,
	"opened_on" date,
	"opened_by_id" uuid,
	"opened_by_name" text,
	"investigator_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"investigator_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"decision_due_on" date,
	"decision_due_certain" boolean DEFAULT true NOT NULL,
	"decision_extended" boolean DEFAULT false NOT NULL,
	"reviewer_id" uuid,
	"reviewer_name" text,
	"reviewed_on" date,
	"review_result" text,
	"review_opinion" text,
	"notice_no" text,
	"notified_on" date,
	"intended_penalty" jsonb,
	"defence_due_on" date,
	"defence_due_certain" boolean DEFAULT true NOT NULL,
	"defence_recorded_on" date,
	"defence_statement" text,
	"hearing_requested" boolean DEFAULT false NOT NULL,
	"hearing_held_on" date,
	"hearing_record" text,
	"document_no" text,
	"decided_on" date,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"penalties" jsonb,
	"penalty_text" text,
	"violation" text,
	"legal_basis" text,
	"discretion_rule_key" text,
	"discretion_level" text,
	"amount_due" numeric(14, 2),
	"served_on" date,
	"service_method" text,
	"amount_paid" numeric(14, 2) DEFAULT '0' NOT NULL,
	"paid_on" date,
	"enforcement_applied_on" date,
	"enforcement_court" text,
	"closed_on" date,
	"closing_summary" text,
	"supervised" boolean DEFAULT false NOT NULL,
	"joint" boolean DEFAULT false NOT NULL,
	"transferred" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"taken_on" date NOT NULL,
	"description" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_members" (
	"cluster_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_members_cluster_id_enterprise_id_pk" PRIMARY KEY("cluster_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"member_mode" text NOT NULL,
	"tag" text,
	"industry" text,
	"description" text,
	"demonstration_zone" boolean DEFAULT false NOT NULL,
	"demonstration_on" date,
	"demonstration_note" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_risk_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"document_no" text NOT NULL,
	"government" text NOT NULL,
	"issued_on" date NOT NULL,
	"problems" jsonb NOT NULL,
	"recommendations" text NOT NULL,
	"reply_due_on" date NOT NULL,
	"status" text DEFAULT 'awaiting_reply' NOT NULL,
	"replied_on" date,
	"reply" text,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_discretion_rules" (
	"key" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"violation" text NOT NULL,
	"violated_provision" text NOT NULL,
	"penalty_provision" text NOT NULL,
	"levels" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_exchange_grants" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"fields" text[] NOT NULL,
	"include_open" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"external_no" text NOT NULL,
	"party_name" text NOT NULL,
	"uscc" text,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"penalty_text" text,
	"region_code" text NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"role" text NOT NULL,
	"org_id" uuid,
	"external_name" text,
	"external_region" text,
	"contact" text,
	"added_on" date NOT NULL,
	"added_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_party_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_on" date,
	"done_note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"reported_on" date,
	"content" text,
	"reported_by_name" text,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_supervisions" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"supervising_org_id" uuid NOT NULL,
	"supervising_org_name" text NOT NULL,
	"reason" text NOT NULL,
	"document_no" text,
	"started_on" date NOT NULL,
	"started_by_name" text NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"transferred_on" date NOT NULL,
	"receiving_organ" text NOT NULL,
	"document_no" text,
	"reason" text NOT NULL,
	"suspected_crime" text,
	"manifest" jsonb NOT NULL,
	"package_sha256" text NOT NULL,
	"receipt_no" text,
	"receipt_on" date,
	"decision" text,
	"decision_on" date,
	"decision_reason" text,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalty_publications" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"exempt_reason" text,
	"due_on" date NOT NULL,
	"due_certain" boolean DEFAULT true NOT NULL,
	"published_on" date,
	"published_by_name" text,
	"period" text,
	"public_until" date,
	"removed_on" date,
	"removal_reason" text,
	"removed_by_name" text,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unlicensed_leads" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_evidence_id_case_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."case_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_measures" ADD CONSTRAINT "cluster_measures_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_members" ADD CONSTRAINT "cluster_members_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_risk_notices" ADD CONSTRAINT "cluster_risk_notices_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party_tasks" ADD CONSTRAINT "case_party_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party_tasks" ADD CONSTRAINT "case_party_tasks_party_id_case_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_reports" ADD CONSTRAINT "case_progress_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supervisions" ADD CONSTRAINT "case_supervisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_publications" ADD CONSTRAINT "penalty_publications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_region_code_start_on_index" ON "campaigns" USING btree ("region_code","start_on");--> statement-breakpoint
CREATE INDEX "campaigns_plan_id_index" ON "campaigns" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "case_events_case_id_at_index" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_evidence_case_id_created_at_index" ON "case_evidence" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_files_case_id_index" ON "case_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_files_evidence_id_index" ON "case_files" USING btree ("evidence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_no" ON "cases" USING btree ("case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_document_no" ON "cases" USING btree ("document_no");--> statement-breakpoint
CREATE INDEX "cases_region_code_stage_index" ON "cases" USING btree ("region_code","stage");--> statement-breakpoint
CREATE INDEX "cases_org_id_index" ON "cases" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "cases_uscc_index" ON "cases" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "cases_lead_source_lead_id_index" ON "cases" USING btree ("lead_source","lead_id");--> statement-breakpoint
CREATE INDEX "cases_campaign_id_index" ON "cases" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "cases_created_at_id_index" ON "cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cluster_measures_cluster_id_taken_on_index" ON "cluster_measures" USING btree ("cluster_id","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_name" ON "clusters" USING btree ("name");--> statement-breakpoint
CREATE INDEX "clusters_region_code_index" ON "clusters" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "cluster_risk_notices_no" ON "cluster_risk_notices" USING btree ("document_no");--> statement-breakpoint
CREATE INDEX "cluster_risk_notices_cluster_id_index" ON "cluster_risk_notices" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "cluster_risk_notices_status_reply_due_on_index" ON "cluster_risk_notices" USING btree ("status","reply_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "external_cases_org_no" ON "external_cases" USING btree ("org_id","external_no");--> statement-breakpoint
CREATE INDEX "external_cases_uscc_index" ON "external_cases" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "external_cases_region_code_index" ON "external_cases" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "case_parties_case_id_index" ON "case_parties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_parties_org_id_index" ON "case_parties" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_parties_org" ON "case_parties" USING btree ("case_id","org_id");--> statement-breakpoint
CREATE INDEX "case_party_tasks_case_id_index" ON "case_party_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_party_tasks_party_id_index" ON "case_party_tasks" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "case_progress_reports_case_id_due_on_index" ON "case_progress_reports" USING btree ("case_id","due_on");--> statement-breakpoint
CREATE INDEX "case_progress_reports_due_on_index" ON "case_progress_reports" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "case_transfers_case_id_index" ON "case_transfers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_transfers_transferred_on_index" ON "case_transfers" USING btree ("transferred_on");--> statement-breakpoint
CREATE INDEX "penalty_publications_status_public_until_index" ON "penalty_publications" USING btree ("status","public_until");--> statement-breakpoint
CREATE INDEX "penalty_publications_status_due_on_index" ON "penalty_publications" USING btree ("status","due_on");