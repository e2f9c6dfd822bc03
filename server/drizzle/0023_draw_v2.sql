CREATE TABLE "draw_documents" (
	"draw_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"etag" text NOT NULL,
	"body" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "version" text DEFAULT 'zhijian-draw/1' NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "blind_secret" "bytea";--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "inspector_pool" jsonb;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "inspector_pool_hash" text;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "inspectors_per_task" integer;--> statement-breakpoint
ALTER TABLE "draw_documents" ADD CONSTRAINT "draw_documents_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_status_committed_at_index" ON "draws" USING btree ("status","committed_at");