-- Running locks move to the username's guard (login_guards, migration 0017); recent failures start afresh.
INSERT INTO "login_guards" ("key", "locked_until") SELECT 'user:' || "username", "locked_until" FROM "users" WHERE "locked_until" > now() ON CONFLICT ("key") DO UPDATE SET "locked_until" = excluded."locked_until";--> statement-breakpoint
DROP TABLE "login_failures" CASCADE;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";
