ALTER TABLE "todos" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "permission" text;--> statement-breakpoint
CREATE INDEX "todos_status_user_id_index" ON "todos" USING btree ("status","user_id");--> statement-breakpoint
-- Items raised before addressees had roles: licence and notice reminders are the job of those who handle licences, approvals of approvers, publication of planners.
UPDATE "todos" SET "permission" = 'licence.write' WHERE "kind" IN ('licence.expiring_90', 'licence.expiring_30', 'licence.change_overdue', 'licence.review_due', 'feedback.overdue');--> statement-breakpoint
UPDATE "todos" SET "permission" = 'licence.approve' WHERE "kind" = 'licence.approval_pending';--> statement-breakpoint
UPDATE "todos" SET "permission" = 'inspection.plan' WHERE "kind" = 'inspection.publication_overdue';
