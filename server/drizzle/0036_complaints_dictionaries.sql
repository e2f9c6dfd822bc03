-- Complaints and reports (issue 17): the topics items are routed by to a city section, the marked categories
-- (urgent ones are special-equipment dangers in use: dispatched the same day, escalated when not acknowledged
-- within 2 hours) and the first version of the reward rules (举报奖励). All editable with complaint.configure.
INSERT INTO "complaint_topics" ("key", "name", "name_en", "section_name", "sort") VALUES
  ('special_equipment', '特种设备', 'Special equipment', '特种设备安全监察科', 1),
  ('metrology', '计量', 'Metrology', '计量科', 2),
  ('product_quality', '产品质量', 'Product quality', '产品质量安全监督管理科', 3),
  ('standards', '标准化', 'Standards', '标准化科', 4),
  ('other', '其他', 'Other', NULL, 9)
ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
INSERT INTO "complaint_categories" ("key", "topic", "name", "name_en", "urgent", "sort") VALUES
  ('elevator_trapping', 'special_equipment', '电梯困人', 'Elevator trapping', true, 1),
  ('boiler_leak', 'special_equipment', '锅炉泄漏', 'Boiler leak', true, 2),
  ('vessel_leak', 'special_equipment', '压力容器（气瓶）泄漏', 'Pressure vessel or cylinder leak', true, 3),
  ('ride_fault', 'special_equipment', '游乐设施运行故障', 'Amusement ride fault in operation', true, 4),
  ('equipment_uninspected', 'special_equipment', '设备超期未检、无证使用', 'Unit used uninspected or unregistered', false, 5),
  ('equipment_other', 'special_equipment', '其他特种设备问题', 'Other special-equipment problem', false, 6),
  ('measuring_short', 'metrology', '缺斤短两、计量作弊', 'Short weight or measurement cheating', false, 1),
  ('instrument_unverified', 'metrology', '计量器具未检定', 'Instrument not verified', false, 2),
  ('product_defect', 'product_quality', '产品质量问题', 'Defective product', false, 1),
  ('counterfeit', 'product_quality', '假冒伪劣、冒用标志', 'Counterfeit or false marks', false, 2),
  ('unlicensed_production', 'product_quality', '无证生产', 'Production without a licence', false, 3),
  ('standard_violation', 'standards', '不执行标准、企业标准问题', 'Standard not met or enterprise standard problem', false, 1),
  ('other', 'other', '其他', 'Other', false, 1)
ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
INSERT INTO "complaint_reward_rules" ("version", "rules") VALUES
  (1, '{"mode": "fine_percent", "percent": 5, "min": 200, "max": 100000, "scale": [{"level": "1", "name": "一级（重大违法行为）", "amount": 5000}, {"level": "2", "name": "二级（较大违法行为）", "amount": 2000}, {"level": "3", "name": "三级（一般违法行为）", "amount": 500}]}'::jsonb)
ON CONFLICT ("version") DO NOTHING;
