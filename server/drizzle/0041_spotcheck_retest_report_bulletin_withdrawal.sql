ALTER TABLE "spotcheck_bulletins" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "spotcheck_bulletins" ADD COLUMN "withdrawn_by_name" text;--> statement-breakpoint
ALTER TABLE "spotcheck_objections" ADD COLUMN "retest_report_no" text;