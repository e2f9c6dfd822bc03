CREATE TABLE "enterprise_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"source" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"legal_representative" text,
	"address" text,
	"region_code" text NOT NULL,
	"industry_code" text,
	"status" text DEFAULT 'active' NOT NULL,
	"established_on" date,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"credit_class" text,
	"uscc_override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
ALTER TABLE "enterprise_history" ADD CONSTRAINT "enterprise_history_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_history_enterprise_id_at_index" ON "enterprise_history" USING btree ("enterprise_id","at");--> statement-breakpoint
CREATE INDEX "enterprises_uscc_prefix" ON "enterprises" USING btree ("uscc" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_region_code_name_index" ON "enterprises" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "enterprises_name_index" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "enterprises_status_index" ON "enterprises" USING btree ("status");--> statement-breakpoint
CREATE INDEX "enterprises_credit_class_index" ON "enterprises" USING btree ("credit_class");--> statement-breakpoint
CREATE INDEX "enterprises_tags" ON "enterprises" USING gin ("tags");