CREATE TABLE "licence_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"exit_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"enterprise_id" uuid,
	"department" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"occurred_on" date NOT NULL,
	"document_no" text,
	"source" text NOT NULL,
	"api_key_id" uuid,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"due_certain" boolean NOT NULL,
	"decision" text,
	"decision_reason" text,
	"licence_id" uuid,
	"transition_id" uuid,
	"exit_id" uuid,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unlicensed_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_name" text NOT NULL,
	"uscc" text,
	"enterprise_id" uuid,
	"address" text NOT NULL,
	"region_code" text NOT NULL,
	"licence_type_key" text,
	"source" text NOT NULL,
	"description" text NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"assignee_name" text,
	"outcome" text,
	"result" text,
	"closed_by" uuid,
	"closed_by_name" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_exits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"trigger_source" text NOT NULL,
	"feedback_id" uuid,
	"trigger_party" text NOT NULL,
	"trigger_summary" text NOT NULL,
	"trigger_document_no" text,
	"trigger_on" date NOT NULL,
	"law_area" text,
	"stage" text NOT NULL,
	"investigator_id" uuid,
	"investigator_name" text,
	"investigation_due_on" date,
	"findings" text,
	"justified_reason" boolean,
	"investigated_at" timestamp with time zone,
	"outcome" text,
	"decision_reason" text,
	"legal_basis" text,
	"document_no" text,
	"transition_id" uuid,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "todos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"title" text NOT NULL,
	"link" text NOT NULL,
	"due_on" date,
	"org_id" uuid,
	"section_id" uuid,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "licence_documents" ADD CONSTRAINT "licence_documents_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_feedback" ADD CONSTRAINT "licence_feedback_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_feedback" ADD CONSTRAINT "licence_feedback_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_feedback" ADD CONSTRAINT "licence_feedback_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlicensed_leads" ADD CONSTRAINT "unlicensed_leads_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlicensed_leads" ADD CONSTRAINT "unlicensed_leads_licence_type_key_licence_types_key_fk" FOREIGN KEY ("licence_type_key") REFERENCES "public"."licence_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlicensed_leads" ADD CONSTRAINT "unlicensed_leads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_exits" ADD CONSTRAINT "licence_exits_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_exits" ADD CONSTRAINT "licence_exits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_section_id_orgs_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licence_documents_licence_id_created_at_index" ON "licence_documents" USING btree ("licence_id","created_at");--> statement-breakpoint
CREATE INDEX "licence_documents_exit_id_index" ON "licence_documents" USING btree ("exit_id");--> statement-breakpoint
CREATE INDEX "licence_feedback_org_id_decided_at_index" ON "licence_feedback" USING btree ("org_id","decided_at");--> statement-breakpoint
CREATE INDEX "licence_feedback_region_code_index" ON "licence_feedback" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "licence_feedback_enterprise_id_index" ON "licence_feedback" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "licence_feedback_due_on_index" ON "licence_feedback" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "unlicensed_leads_region_code_index" ON "unlicensed_leads" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "unlicensed_leads_status_created_at_index" ON "unlicensed_leads" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "unlicensed_leads_assignee_id_index" ON "unlicensed_leads" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "licence_exits_region_code_index" ON "licence_exits" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "licence_exits_stage_created_at_index" ON "licence_exits" USING btree ("stage","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "licence_exits_one_open" ON "licence_exits" USING btree ("licence_id") WHERE "licence_exits"."stage" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "todos_key_unique" ON "todos" USING btree ("key");--> statement-breakpoint
CREATE INDEX "todos_status_org_id_index" ON "todos" USING btree ("status","org_id");--> statement-breakpoint
CREATE INDEX "todos_status_section_id_index" ON "todos" USING btree ("status","section_id");--> statement-breakpoint
CREATE INDEX "todos_kind_status_index" ON "todos" USING btree ("kind","status");