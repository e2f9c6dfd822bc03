-- Export is its own permission (issue 11 item 13). Every role that could read a register keeps exporting it, except
-- public_api (other departments' API keys: no bulk copies). The keys are recorded as known, so that start-up does not
-- grant them again to a built-in role an administrator had taken the read permission from.
UPDATE "roles" SET "permissions" = array_append("permissions", 'enterprise.export') WHERE 'enterprise.read' = ANY("permissions") AND NOT ('enterprise.export' = ANY("permissions")) AND "key" <> 'public_api';--> statement-breakpoint
UPDATE "roles" SET "permissions" = array_append("permissions", 'licence.export') WHERE 'licence.read' = ANY("permissions") AND NOT ('licence.export' = ANY("permissions")) AND "key" <> 'public_api';--> statement-breakpoint
INSERT INTO "permission_keys" ("key") VALUES ('enterprise.export'), ('licence.export') ON CONFLICT DO NOTHING;--> statement-breakpoint
-- API keys see their org's region (a county department its county), not the whole city.
UPDATE "roles" SET "data_scope" = 'region' WHERE "key" = 'public_api' AND "builtin" AND "data_scope" = 'all';
