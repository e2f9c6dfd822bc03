CREATE TABLE "licence_approval_rules" (
	"to_state" text PRIMARY KEY NOT NULL,
	"requires_approval" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"document_no" text NOT NULL,
	"review_on" date,
	"deadline_working_days" integer,
	"deadline_on" date,
	"deadline_certain" boolean,
	"status" text NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "licence_types" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"section_id" uuid,
	"legal_basis" text NOT NULL,
	"validity_years" integer,
	"historic" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"type_key" text NOT NULL,
	"number" text NOT NULL,
	"scope" text,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"issuer" text NOT NULL,
	"state" text DEFAULT 'normal' NOT NULL,
	"review_on" date,
	"change_deadline" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "licence_transitions" ADD CONSTRAINT "licence_transitions_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_types" ADD CONSTRAINT "licence_types_section_id_orgs_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_type_key_licence_types_key_fk" FOREIGN KEY ("type_key") REFERENCES "public"."licence_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licence_transitions_licence_id_requested_at_index" ON "licence_transitions" USING btree ("licence_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "licence_transitions_one_pending" ON "licence_transitions" USING btree ("licence_id") WHERE "licence_transitions"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "licences_type_number_unique" ON "licences" USING btree ("type_key","number");--> statement-breakpoint
CREATE INDEX "licences_enterprise_id_index" ON "licences" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "licences_state_index" ON "licences" USING btree ("state");--> statement-breakpoint
CREATE INDEX "licences_expires_on_index" ON "licences" USING btree ("expires_on");