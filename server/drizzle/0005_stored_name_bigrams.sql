ALTER TABLE "enterprises" ADD COLUMN "name_bigrams" text[] GENERATED ALWAYS AS (zj_bigrams(name)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "enterprises_name_bigrams_gin" ON "enterprises" USING gin ("name_bigrams");--> statement-breakpoint
DROP INDEX "enterprises_name_bigrams";
