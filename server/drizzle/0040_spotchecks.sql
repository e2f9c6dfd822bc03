CREATE SEQUENCE "public"."spotcheck_sample_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "spotcheck_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"price" integer NOT NULL,
	"capacity" integer NOT NULL,
	"note" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_bulletins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bulletin_no" text,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint,
	"plan_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"sample_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published_on" date,
	"withdrawn_reason" text,
	"created_by_name" text NOT NULL,
	"published_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"lot_id" uuid NOT NULL,
	"status" text NOT NULL,
	"secret" "bytea" NOT NULL,
	"blind_secret" "bytea" NOT NULL,
	"committed" jsonb NOT NULL,
	"record" jsonb NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"committed_by_name" text NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_at" timestamp with time zone,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "spotcheck_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"due_on" date,
	"order_no" text,
	"case_id" uuid,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"region_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"batches" integer NOT NULL,
	"passed" integer NOT NULL,
	"failing_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"entered_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"org_id" uuid,
	"local" boolean NOT NULL,
	"cma_no" text NOT NULL,
	"cma_scope" text[] DEFAULT '{}'::text[] NOT NULL,
	"cma_valid_until" date NOT NULL,
	"capacity" integer NOT NULL,
	"price" integer NOT NULL,
	"contact" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"line_id" uuid,
	"product_id" uuid NOT NULL,
	"lot_no" text NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"batches" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date NOT NULL,
	"institution_id" uuid,
	"selection" jsonb,
	"selection_published_at" timestamp with time zone,
	"draw_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" text NOT NULL,
	"filed_by_name" text NOT NULL,
	"reason" text NOT NULL,
	"items" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'filed' NOT NULL,
	"decided_on" date,
	"decision_reason" text,
	"decided_by_name" text,
	"retest_institution_id" uuid,
	"retest_items" jsonb,
	"retest_conclusion" text,
	"retested_on" date,
	"upheld" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"batches" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"cost" integer NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"edited" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"budget" integer NOT NULL,
	"pass_rate_rule" jsonb NOT NULL,
	"score_weights" jsonb NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"window_ends_on" date,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_producers" (
	"product_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"source" text NOT NULL,
	"added_by_name" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_product_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"ref_no" text NOT NULL,
	"ref_on" date NOT NULL,
	"linked_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"impact" smallint NOT NULL,
	"batch_cost" integer NOT NULL,
	"test_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"standards" text[] DEFAULT '{}'::text[] NOT NULL,
	"sample_size" integer,
	"sample_unit" text,
	"inspection_level" text,
	"aql" text,
	"active" boolean DEFAULT true NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_sample_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_no" text NOT NULL,
	"lot_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"sampler_ids" uuid[] NOT NULL,
	"sampler_names" text[] NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'drawn' NOT NULL,
	"record" jsonb,
	"sampled_at" timestamp with time zone,
	"items" jsonb,
	"conclusion" text,
	"report_no" text,
	"reported_on" date,
	"reported_by_name" text,
	"notice_no" text,
	"notified_on" date,
	"received_on" date,
	"objection_due_on" date,
	"final_conclusion" text,
	"bulletin_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spotcheck_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"product_id" uuid,
	"enterprise_id" uuid,
	"reason" text NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spotcheck_applications" ADD CONSTRAINT "spotcheck_applications_lot_id_spotcheck_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."spotcheck_lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_draws" ADD CONSTRAINT "spotcheck_draws_lot_id_spotcheck_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."spotcheck_lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_followups" ADD CONSTRAINT "spotcheck_followups_sample_id_spotcheck_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."spotcheck_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_history" ADD CONSTRAINT "spotcheck_history_product_id_spotcheck_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."spotcheck_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_lots" ADD CONSTRAINT "spotcheck_lots_plan_id_spotcheck_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."spotcheck_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_objections" ADD CONSTRAINT "spotcheck_objections_sample_id_spotcheck_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."spotcheck_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_plan_lines" ADD CONSTRAINT "spotcheck_plan_lines_plan_id_spotcheck_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."spotcheck_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_producers" ADD CONSTRAINT "spotcheck_producers_product_id_spotcheck_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."spotcheck_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_product_links" ADD CONSTRAINT "spotcheck_product_links_product_id_spotcheck_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."spotcheck_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_sample_files" ADD CONSTRAINT "spotcheck_sample_files_sample_id_spotcheck_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."spotcheck_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spotcheck_samples" ADD CONSTRAINT "spotcheck_samples_lot_id_spotcheck_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."spotcheck_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_applications_lot" ON "spotcheck_applications" USING btree ("lot_id","institution_id");--> statement-breakpoint
CREATE INDEX "spotcheck_bulletins_year_index" ON "spotcheck_bulletins" USING btree ("year");--> statement-breakpoint
CREATE INDEX "spotcheck_bulletins_status_index" ON "spotcheck_bulletins" USING btree ("status");--> statement-breakpoint
CREATE INDEX "spotcheck_draws_lot_id_index" ON "spotcheck_draws" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_followups_sample" ON "spotcheck_followups" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "spotcheck_followups_stage_index" ON "spotcheck_followups" USING btree ("stage");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_history_year" ON "spotcheck_history" USING btree ("product_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_institutions_name" ON "spotcheck_institutions" USING btree ("name");--> statement-breakpoint
CREATE INDEX "spotcheck_institutions_org_id_index" ON "spotcheck_institutions" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_lots_no" ON "spotcheck_lots" USING btree ("lot_no");--> statement-breakpoint
CREATE INDEX "spotcheck_lots_plan_id_index" ON "spotcheck_lots" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "spotcheck_lots_institution_id_index" ON "spotcheck_lots" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_objections_sample" ON "spotcheck_objections" USING btree ("sample_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_plan_lines_product" ON "spotcheck_plan_lines" USING btree ("plan_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_plans_annual_year" ON "spotcheck_plans" USING btree ("year") WHERE kind = 'annual';--> statement-breakpoint
CREATE INDEX "spotcheck_plans_year_index" ON "spotcheck_plans" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_producers_pk" ON "spotcheck_producers" USING btree ("product_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "spotcheck_producers_enterprise_id_index" ON "spotcheck_producers" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_product_links_ref" ON "spotcheck_product_links" USING btree ("product_id","kind","ref_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_products_code" ON "spotcheck_products" USING btree ("code");--> statement-breakpoint
CREATE INDEX "spotcheck_products_category_index" ON "spotcheck_products" USING btree ("category");--> statement-breakpoint
CREATE INDEX "spotcheck_sample_files_sample_id_index" ON "spotcheck_sample_files" USING btree ("sample_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spotcheck_samples_no" ON "spotcheck_samples" USING btree ("sample_no");--> statement-breakpoint
CREATE INDEX "spotcheck_samples_lot_id_index" ON "spotcheck_samples" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "spotcheck_samples_enterprise_id_product_id_index" ON "spotcheck_samples" USING btree ("enterprise_id","product_id");--> statement-breakpoint
CREATE INDEX "spotcheck_samples_region_code_index" ON "spotcheck_samples" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "spotcheck_samples_institution_id_index" ON "spotcheck_samples" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "spotcheck_suggestions_year_index" ON "spotcheck_suggestions" USING btree ("year");--> statement-breakpoint
CREATE INDEX "spotcheck_suggestions_product_id_index" ON "spotcheck_suggestions" USING btree ("product_id");