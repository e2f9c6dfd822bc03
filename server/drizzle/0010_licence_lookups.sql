CREATE UNIQUE INDEX "licence_types_name_unique" ON "licence_types" USING btree ("name");--> statement-breakpoint
CREATE INDEX "licence_feedback_uscc_index" ON "licence_feedback" USING btree ("uscc");