CREATE TABLE "licence_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid,
	"corrected_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "short_name" text;--> statement-breakpoint
ALTER TABLE "licence_exits" ADD COLUMN "investigation_due_certain" boolean;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "past_period_reason" text;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "publish_due_certain" boolean;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "due_certain" boolean;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "recheck_due_certain" boolean;--> statement-breakpoint
ALTER TABLE "licence_corrections" ADD CONSTRAINT "licence_corrections_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licence_corrections_licence_id_created_at_index" ON "licence_corrections" USING btree ("licence_id","created_at");--> statement-breakpoint
-- Existing databases: the built-in Huai'an bureaus get the short names the jurisdiction file now gives them.
UPDATE "orgs" SET "short_name" = v.short_name FROM (VALUES
  ('淮安市市场监督管理局', '淮市监'),
  ('淮安市淮安区市场监督管理局', '淮区市监'),
  ('淮安市淮阴区市场监督管理局', '淮阴市监'),
  ('淮安市清江浦区市场监督管理局', '清江浦市监'),
  ('淮安市洪泽区市场监督管理局', '洪泽市监'),
  ('涟水县市场监督管理局', '涟市监'),
  ('盱眙县市场监督管理局', '盱市监'),
  ('金湖县市场监督管理局', '金市监'),
  ('淮安经济技术开发区市场监督管理局', '淮开市监')
) AS v(name, short_name) WHERE "orgs"."name" = v.name AND "orgs"."type" IN ('city_bureau', 'county_bureau') AND "orgs"."short_name" IS NULL;
