ALTER TABLE "orgs" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "phone" text;