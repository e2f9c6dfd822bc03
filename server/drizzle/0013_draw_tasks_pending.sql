ALTER TABLE "draws" ADD COLUMN "revealed_by_name" text;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "tasks_created_at" timestamp with time zone;--> statement-breakpoint
-- Draws revealed before this column had their tasks created in the reveal itself.
UPDATE "draws" SET "tasks_created_at" = "revealed_at" WHERE "status" = 'revealed';
