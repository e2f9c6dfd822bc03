-- Version 1 of the user-unit tier model (分级分类监管): the same values as TIER_MODEL_V1 in
-- server/src/modules/equipment/tiers/tier-model.ts (a test checks they match). Applies from 2000-01-01.
INSERT INTO "equipment_tier_models" ("version", "effective_from", "config", "note", "created_by_name")
VALUES (1, '2000-01-01', '{"categoryWeights":{"1000":4,"2000":3,"3000":3,"4000":3,"5000":2,"6000":4,"7000":1,"8000":3,"9000":4,"F000":1},"defaultCategoryWeight":2,"perUnit":{"points":0.5,"max":10},"aged":{"years":15,"points":1,"max":10},"overdue":{"points":3,"max":15},"failedInUse":{"points":5,"max":15},"openHazards":{"general":2,"major":6,"max":20},"accidents":{"years":2,"points":10,"perCasualty":2,"max":30},"complaints":{"points":2,"max":10},"selfCorrection":{"windowDays":365,"threshold":0.9,"points":8},"tierBounds":{"B":10,"C":20,"D":35}}'::jsonb, '初始模型（第 1 版）', 'system')
ON CONFLICT ("version") DO NOTHING;
