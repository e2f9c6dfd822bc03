DROP INDEX "inspection_tasks_draw_id_index";--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_tasks_one_per_drawn_object" ON "inspection_tasks" USING btree ("draw_id","object_key");