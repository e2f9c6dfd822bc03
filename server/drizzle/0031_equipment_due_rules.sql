-- Default periodic-inspection intervals of special equipment (FACTS.md; unverified, so administrators
-- change them through /api/equipment-due-rules with equipment.configure). The most specific matching
-- rule wins (subcategory, then kind, then safety grade). intervalMonths 0 = no due date.
-- 7000 (压力管道元件, components) has no rule: components are not periodically inspected as units.
INSERT INTO "equipment_due_rules" ("category", "subcategory", "kind", "safety_grade", "basis", "interval_months", "note") VALUES
('1000', NULL, NULL, NULL, 'periodic', 12, '锅炉：未注明内/外部检验的定期检验，按外部检验每年一次'),
('1000', NULL, 'external', NULL, 'periodic', 12, '锅炉外部检验：每年一次'),
('1000', NULL, 'internal', NULL, 'periodic', 24, '锅炉内部检验：每两年一次'),
('2000', NULL, NULL, NULL, 'first', 36, '压力容器首次定期检验：投入使用后3年内'),
('2000', NULL, NULL, NULL, 'periodic', 36, '压力容器（未评定安全状况等级）：按3年从严'),
('2000', NULL, NULL, 1, 'periodic', 72, '安全状况等级1级：每6年'),
('2000', NULL, NULL, 2, 'periodic', 72, '安全状况等级2级：每6年'),
('2000', NULL, NULL, 3, 'periodic', 36, '安全状况等级3级：3至6年，默认3年'),
('2000', NULL, NULL, 4, 'periodic', 36, '安全状况等级4级：不超过3年（监控使用）'),
('2000', NULL, NULL, 5, 'periodic', 0, '安全状况等级5级：不得使用，不计下次检验日期'),
('3000', NULL, NULL, NULL, 'periodic', 12, '电梯：每年一次'),
('4000', NULL, NULL, NULL, 'periodic', 24, '起重机械：每两年一次'),
('4000', '4300', NULL, NULL, 'periodic', 12, '塔式起重机：每年一次'),
('4000', '4400', NULL, NULL, 'periodic', 12, '流动式起重机：每年一次'),
('4000', '4800', NULL, NULL, 'periodic', 12, '升降机：每年一次'),
('5000', NULL, NULL, NULL, 'periodic', 12, '场（厂）内专用机动车辆：每年一次'),
('6000', NULL, NULL, NULL, 'periodic', 12, '大型游乐设施：每年一次'),
('8000', NULL, NULL, NULL, 'periodic', 36, '压力管道：每3年（未经核实）'),
('9000', NULL, NULL, NULL, 'periodic', 12, '客运索道：每年一次'),
('F000', NULL, NULL, NULL, 'periodic', 12, '安全附件：每年一次'),
('F000', 'F100', NULL, NULL, 'periodic', 12, '安全阀：每年校验一次');
