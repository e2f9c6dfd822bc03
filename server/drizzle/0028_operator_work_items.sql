-- The work items of special-equipment operators (TSG Z6001-2019 特种设备作业人员资格认定分类与项目), preloaded;
-- administrators add and rename entries (equipment.configure). An item already there (renamed or reconfigured) is kept.
INSERT INTO "operator_work_items" ("code", "name", "category", "builtin", "sort") VALUES
  ('A', '特种设备安全管理', NULL, true, 10),
  ('R1', '快开门式压力容器操作', '2000', true, 20),
  ('R2', '移动式压力容器充装', '2000', true, 21),
  ('R3', '氧舱维护保养', '2000', true, 22),
  ('P', '气瓶充装', '2000', true, 30),
  ('G1', '工业锅炉司炉', '1000', true, 40),
  ('G2', '电站锅炉司炉', '1000', true, 41),
  ('G3', '锅炉水处理', '1000', true, 42),
  ('D', '压力管道巡检维护', '8000', true, 50),
  ('T', '电梯修理', '3000', true, 60),
  ('Q1', '起重机指挥', '4000', true, 70),
  ('Q2', '起重机司机', '4000', true, 71),
  ('N1', '叉车司机', '5000', true, 80),
  ('N2', '观光车和观光列车司机', '5000', true, 81),
  ('S1', '客运索道修理', '9000', true, 90),
  ('S2', '客运索道司机', '9000', true, 91),
  ('Y1', '大型游乐设施修理', '6000', true, 100),
  ('Y2', '大型游乐设施操作', '6000', true, 101)
ON CONFLICT ("code") DO NOTHING;
