CREATE TABLE "enterprise_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"mode" text NOT NULL,
	"imported" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"rejected" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "import_id" uuid;