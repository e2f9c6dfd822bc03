CREATE TABLE "inspection_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"plan_id" uuid,
	"draw_id" uuid,
	"origin" text NOT NULL,
	"origin_note" text,
	"object_key" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"inspector_ids" uuid[] NOT NULL,
	"state" text NOT NULL,
	"due_on" date,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inspected_on" date,
	"result_category" text,
	"result_note" text,
	"completed_on" date,
	"publish_due_on" date,
	"published_at" timestamp with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"document_no" text NOT NULL,
	"requirements" text NOT NULL,
	"working_days" integer NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"file_name" text NOT NULL,
	"document" "bytea" NOT NULL,
	"issued_by_name" text NOT NULL,
	"reported_on" date,
	"report_text" text,
	"reported_by_name" text,
	"recheck_due_on" date,
	"rechecked_on" date,
	"recheck_passed" boolean,
	"recheck_note" text,
	"rechecked_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_orders_documentNo_unique" UNIQUE("document_no")
);
--> statement-breakpoint
CREATE TABLE "inspection_task_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"caption" text,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_task_photos" ADD CONSTRAINT "inspection_task_photos_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_tasks_object_key_item_id_index" ON "inspection_tasks" USING btree ("object_key","item_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_draw_id_index" ON "inspection_tasks" USING btree ("draw_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_region_code_state_index" ON "inspection_tasks" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "inspection_tasks_inspectors" ON "inspection_tasks" USING gin ("inspector_ids");--> statement-breakpoint
CREATE INDEX "inspection_tasks_published" ON "inspection_tasks" USING btree ("enterprise_id","published_at");--> statement-breakpoint
CREATE INDEX "rectification_orders_task_id_index" ON "rectification_orders" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "inspection_task_photos_task_id_index" ON "inspection_task_photos" USING btree ("task_id");