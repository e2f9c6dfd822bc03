CREATE SEQUENCE "public"."complaint_tracking_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "complaint_deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_on" date NOT NULL,
	"working_days" integer NOT NULL,
	"due_on" date NOT NULL,
	"due_certain" boolean NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"extended_by_id" uuid,
	"met_on" date,
	"cancelled_on" date
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_org_id" uuid,
	"to_org_id" uuid,
	"note" text,
	"public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"event_id" uuid,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"label" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_no" text NOT NULL,
	"access_code_hash" text NOT NULL,
	"open311_token_hash" text,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"channel_ref" text,
	"topic" text NOT NULL,
	"category" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"subject_uscc" text,
	"subject_name" text,
	"subject_enterprise_id" uuid,
	"equipment_registration_no" text,
	"equipment_id" uuid,
	"product" text,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"section_id" uuid,
	"handler_id" uuid,
	"handler_name" text,
	"place" text,
	"occurred_on" date,
	"description" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"reporter_name_sealed" text,
	"reporter_phone_sealed" text,
	"reporter_id_number_sealed" text,
	"reporter_address_sealed" text,
	"reporter_email_sealed" text,
	"reporter_name_masked" text,
	"reporter_phone_masked" text,
	"status" text DEFAULT 'received' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_on" date NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"decided_on" date,
	"refusal_reason" text,
	"mediation_result" text,
	"substantiated" boolean,
	"case_opened" boolean,
	"result" text,
	"public_result" text,
	"public_result_approved_by" uuid,
	"closed_at" timestamp with time zone,
	"enterprise_answer" text,
	"enterprise_answered_at" timestamp with time zone,
	"satisfied" boolean,
	"satisfaction_comment" text,
	"satisfaction_at" timestamp with time zone,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_idempotency" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"body_hash" text NOT NULL,
	"tracking_no" text NOT NULL,
	"access_code_sealed" text NOT NULL,
	"open311_token_sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_reward_rules" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"rules_version" integer NOT NULL,
	"basis" text NOT NULL,
	"case_fine" numeric(14, 2),
	"level" text,
	"amount" numeric(12, 2) NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"paid_on" date,
	"payment_ref" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_categories" (
	"key" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_topics" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"section_name" text,
	"section_id" uuid,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_deadlines" ADD CONSTRAINT "complaint_deadlines_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_files" ADD CONSTRAINT "complaint_files_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_links" ADD CONSTRAINT "complaint_links_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_rewards" ADD CONSTRAINT "complaint_rewards_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_categories" ADD CONSTRAINT "complaint_categories_topic_complaint_topics_key_fk" FOREIGN KEY ("topic") REFERENCES "public"."complaint_topics"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_deadlines_complaint_id_kind_index" ON "complaint_deadlines" USING btree ("complaint_id","kind");--> statement-breakpoint
CREATE INDEX "complaint_deadlines_due_on_index" ON "complaint_deadlines" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_id_at_id_index" ON "complaint_events" USING btree ("complaint_id","at","id");--> statement-breakpoint
CREATE INDEX "complaint_files_complaint_id_index" ON "complaint_files" USING btree ("complaint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_links_complaint_id_target_type_target_id_index" ON "complaint_links" USING btree ("complaint_id","target_type","target_id");--> statement-breakpoint
CREATE INDEX "complaint_links_target_type_target_id_index" ON "complaint_links" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_no_index" ON "complaints" USING btree ("tracking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_open311_token_hash_index" ON "complaints" USING btree ("open311_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_channel_channel_ref_index" ON "complaints" USING btree ("channel","channel_ref");--> statement-breakpoint
CREATE INDEX "complaints_region_code_received_at_id_index" ON "complaints" USING btree ("region_code","received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_status_received_at_index" ON "complaints" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "complaints_subject_uscc_received_at_index" ON "complaints" USING btree ("subject_uscc","received_at");--> statement-breakpoint
CREATE INDEX "complaints_equipment_id_index" ON "complaints" USING btree ("equipment_id");--> statement-breakpoint
CREATE INDEX "complaint_rewards_complaint_id_index" ON "complaint_rewards" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_rewards_status_proposed_at_index" ON "complaint_rewards" USING btree ("status","proposed_at");