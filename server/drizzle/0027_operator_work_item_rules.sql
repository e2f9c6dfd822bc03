ALTER TABLE "operator_work_items" ADD COLUMN "validity_years" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_work_items" ADD COLUMN "theory_pass_mark" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_work_items" ADD COLUMN "practical_pass_mark" integer DEFAULT 60 NOT NULL;