CREATE TABLE "draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" text NOT NULL,
	"strata" jsonb NOT NULL,
	"candidates_hash" text NOT NULL,
	"commitment" text NOT NULL,
	"secret" "bytea" NOT NULL,
	"record" jsonb,
	"cancel_reason" text,
	"region_code" text NOT NULL,
	"committed_by_name" text NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"section_id" uuid,
	"legal_basis" text NOT NULL,
	"target_kind" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"result_categories" jsonb NOT NULL,
	"specialty" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_items_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"quarters" integer[] NOT NULL,
	"mode" text NOT NULL,
	"ratios" jsonb,
	"minimum" integer,
	"fixed_count" integer,
	"inspectors_per_task" integer DEFAULT 2 NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"certificate_no" text NOT NULL,
	"specialties" text[] NOT NULL,
	"active_periods" jsonb NOT NULL,
	"conflicts" text[] NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspector_profiles_certificateNo_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "object_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"target_kind" text NOT NULL,
	"filter" jsonb NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_items" ADD CONSTRAINT "inspection_items_section_id_orgs_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_item_id_inspection_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inspection_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_pool_id_object_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."object_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_profiles" ADD CONSTRAINT "inspector_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_pools" ADD CONSTRAINT "object_pools_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_plan_id_index" ON "draws" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "draws_status_revealed_at_index" ON "draws" USING btree ("status","revealed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "draws_one_committed_per_plan" ON "draws" USING btree ("plan_id") WHERE "draws"."status" = 'committed';--> statement-breakpoint
CREATE INDEX "inspection_plans_year_region_code_index" ON "inspection_plans" USING btree ("year","region_code");--> statement-breakpoint
CREATE INDEX "object_pools_region_code_index" ON "object_pools" USING btree ("region_code");