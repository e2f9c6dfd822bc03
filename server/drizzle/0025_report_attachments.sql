ALTER TABLE "rectification_orders" ADD COLUMN "reported_by_kind" text;--> statement-breakpoint
ALTER TABLE "inspection_task_photos" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "inspection_task_photos" ADD CONSTRAINT "inspection_task_photos_order_id_rectification_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."rectification_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Reports made before enterprises had accounts were entered by staff.
UPDATE "rectification_orders" SET "reported_by_kind" = 'staff' WHERE "reported_on" IS NOT NULL AND "reported_by_kind" IS NULL;
