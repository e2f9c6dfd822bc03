ALTER TABLE "draws" ADD COLUMN "revealed_by_name" text;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "tasks_created_at" timestamp with time zone;--> statement-breakpoint
-- Draws revealed before this column had their tasks created in the reveal itself.
UPDATE "draws" SET "tasks_created_at" = "revealed_at" WHERE "status" = 'revealed';
--> statement-breakpoint
-- A draw's candidates (up to a million keys) and its record barely compress: storing them
-- uncompressed saves the server a futile compression attempt of some 20 MB on every commit.
ALTER TABLE "draws" ALTER COLUMN "strata" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "draws" ALTER COLUMN "record" SET STORAGE EXTERNAL;
