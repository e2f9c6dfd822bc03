CREATE TABLE "enterprise_account_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_no" text NOT NULL,
	"uscc" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"applicant_name_sealed" text NOT NULL,
	"phone_sealed" text NOT NULL,
	"username" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"decided_at" timestamp with time zone,
	"decided_by_name" text,
	"user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_account_requests_requestNo_unique" UNIQUE("request_no")
);
--> statement-breakpoint
CREATE TABLE "enterprise_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"phone_sealed" text,
	"request_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitment_templates" (
	"kind" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"signed_by" text NOT NULL,
	"signed_on" date NOT NULL,
	"withdrawn_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "enterprise_uscc" text;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "enterprise_uscc" text;--> statement-breakpoint
ALTER TABLE "enterprise_account_requests" ADD CONSTRAINT "enterprise_account_requests_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_accounts" ADD CONSTRAINT "enterprise_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_account_requests_status_region_code_index" ON "enterprise_account_requests" USING btree ("status","region_code");--> statement-breakpoint
CREATE INDEX "enterprise_account_requests_uscc_index" ON "enterprise_account_requests" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprise_accounts_uscc_index" ON "enterprise_accounts" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprise_accounts_region_code_index" ON "enterprise_accounts" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "commitments_uscc_signed_on_index" ON "commitments" USING btree ("uscc","signed_on");--> statement-breakpoint
CREATE INDEX "commitments_region_code_index" ON "commitments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "users_enterprise_uscc_index" ON "users" USING btree ("enterprise_uscc");--> statement-breakpoint
CREATE INDEX "todos_status_enterprise_uscc_index" ON "todos" USING btree ("status","enterprise_uscc");--> statement-breakpoint
-- The built-in enterprise role (企业端) sees only its enterprise's rows; its permissions (enterprise_self.*) are granted
-- at start-up like every key new to a database.
UPDATE "roles" SET "data_scope" = 'enterprise' WHERE "key" = 'enterprise' AND "builtin";--> statement-breakpoint
INSERT INTO "commitment_templates" ("kind", "title", "text") VALUES
  ('production', '质量安全公开承诺书（生产企业）', '本企业郑重承诺：严格遵守《中华人民共和国产品质量法》等法律法规，落实质量安全主体责任；建立健全质量管理体系，按标准组织生产，不生产、销售不合格产品，不掺杂掺假、以假充真、以次充好；如实记录原材料进货查验和产品出厂检验；发现产品存在质量安全问题时立即停止生产销售、主动召回并报告市场监管部门；自觉接受政府部门和社会监督。如有违反，愿承担相应法律责任。'),
  ('equipment_user', '质量安全公开承诺书（特种设备使用单位）', '本单位郑重承诺：严格遵守《中华人民共和国特种设备安全法》，落实特种设备安全主体责任；特种设备依法办理使用登记，按期申报定期检验，未经检验或者检验不合格的不投入使用；配备持证作业人员和安全管理人员，建立安全技术档案；开展日常维护保养和自查自纠，发现隐患立即整改；发生事故立即报告并启动应急预案。如有违反，愿承担相应法律责任。'),
  ('metrology', '质量安全公开承诺书（计量器具制造企业）', '本企业郑重承诺：严格遵守《中华人民共和国计量法》，制造的计量器具符合型式批准和国家计量技术规范要求；不制造、销售不合格或者以欺骗消费者为目的的计量器具；如实出具出厂检定或者检验记录；自觉接受计量监督检查。如有违反，愿承担相应法律责任。'),
  ('service', '质量安全公开承诺书（经营服务单位）', '本单位郑重承诺：诚信经营，所提供的商品和服务符合国家标准和质量要求；明码标价，计量准确；建立健全投诉处理制度，及时处理消费者投诉；自觉接受政府部门和社会监督。如有违反，愿承担相应法律责任。'),
  ('other', '质量安全公开承诺书', '本单位郑重承诺：遵守质量安全相关法律法规，落实质量安全主体责任，自觉接受政府部门和社会监督。如有违反，愿承担相应法律责任。')
ON CONFLICT DO NOTHING;
