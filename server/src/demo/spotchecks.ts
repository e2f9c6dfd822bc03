import { and, arrayContains, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { objectionDue } from '../modules/spotchecks/sampling/window.js';
import { spotcheckSamples } from '../modules/spotchecks/spotchecks.schema.js';
import type { Actor } from '../platform/access/actor.js';
import { addDays, todayInChina } from '../platform/calendar/dates.js';
import { users } from '../platform/users/users.schema.js';
import { DEMO_CLUSTER } from './cases.js';
import { DEMO_REGIONS } from './places.js';
import { makeRng } from './random.js';
import { DEMO_PASSWORD } from './users.js';

/**
 * The product-quality spot-check demo (issue 19), inside the demo's transaction after the cases:
 * a catalogue of 40 products with their implementing rules and producers from the demo register,
 * two years of entered history before this year, three testing institutions (two in the city,
 * one outside) with accounts, county suggestions for next year, this year's annual plan approved
 * into quarterly lots in every state (open with applications, chosen competitively — one by a
 * tie draw —, drawn with samples in every state), an objection retested at another institution
 * (upheld), failures followed up (one referred to a case) and a published bulletin. This year's
 * results put three products above 95 % and one at exactly 95 % (19 of 20), so that generating
 * next year's plan shows the rule. A special plan samples the 凹土干燥剂 of two members of the
 * cases demo's cluster 盱眙凹土产业集群 (one fails), so that the cluster's page shows spot checks.
 *
 * Everything goes through the services. The services date the draw, the notice and the receipt
 * today; the lots of the first quarters are shown as done months ago, so their samples' draw day,
 * notice, receipt and objection window are moved into the past afterwards (`backdate`), and the
 * windows that thus passed are closed by the sampling service's `finalizeDue`, as the daily job does.
 */

export interface SpotchecksDemoSummary {
  products: number;
  producers: number;
  institutions: { name: string; username: string; local: boolean }[];
  lots: number;
  lotsByStatus: Record<string, number>;
  samples: number;
  samplesByStatus: Record<string, number>;
  aboveRule: string[];
  atRule: string | null;
  objection: string | null;
  referredCase: string | null;
  bulletinNo: string | null;
  /** The special plan's samples at members of the cluster 盱眙凹土产业集群. */
  cluster: string[];
}

type Ctx = { actor: Actor };
type Category = 'daily_consumer' | 'agricultural_inputs' | 'building_materials' | 'automotive' | 'electrical' | 'food_related' | 'children' | 'other';

interface ProductSpec {
  code: string;
  name: string;
  category: Category;
  impact: number;
  batchCost: number;
  standards: string[];
  /** Test items: name and requirement (the method is the first standard unless given after `|`). */
  items: string[];
  size?: number;
  unit?: string;
  /** GB/T 2828.1 instead of a fixed size. */
  level?: string;
  aql?: string;
  /** Typical pass rate of the past years (history rows). */
  rate: number;
}

const P = (code: string, name: string, category: Category, impact: number, batchCost: number, standards: string[], items: string[], rate: number, extra: Partial<ProductSpec> = {}): ProductSpec => ({ code, name, category, impact, batchCost, standards, items, rate, size: 4, unit: '件', ...extra });

/** 40 products in the bureau's key categories (§三(二)1(2)). */
export const DEMO_PRODUCTS: ProductSpec[] = [
  P('DQ-001', '电线电缆', 'electrical', 5, 3800, ['GB/T 5023-2008', 'GB/T 3956-2008'], ['导体电阻', '绝缘厚度', '绝缘老化前抗张强度', '护套厚度', '电压试验', '标志'], 0.82, { size: 3, unit: '卷' }),
  P('DQ-002', '插头插座', 'electrical', 4, 2400, ['GB/T 2099.1-2021', 'GB/T 1002-2021'], ['防触电保护', '接地措施', '端子和端头', '插头插座的结构', '耐热', '标志'], 0.86, { level: 'S-2', aql: '4.0', size: undefined, unit: '只' }),
  P('DQ-003', '电热水器', 'electrical', 4, 5200, ['GB 4706.1-2005', 'GB 4706.12-2006'], ['对触及带电部件的防护', '输入功率和电流', '泄漏电流和电气强度', '接地措施', '防水等级'], 0.93, { size: 2, unit: '台' }),
  P('DQ-004', '电磁灶', 'electrical', 3, 3600, ['GB 4706.29-2008'], ['对触及带电部件的防护', '发热', '电气强度', '结构', '电磁兼容'], 0.9, { size: 2, unit: '台' }),
  P('DQ-005', 'LED 照明灯具', 'electrical', 3, 2200, ['GB 7000.1-2015'], ['标记', '爬电距离和电气间隙', '防触电保护', '耐热耐火', '谐波电流'], 0.88, { size: 6, unit: '只' }),
  P('DQ-006', '移动电源', 'electrical', 3, 2600, ['GB/T 35590-2017', 'GB 4943.1-2022'], ['标称容量', '过充电保护', '短路保护', '外壳耐热', '标志'], 0.85, { size: 5, unit: '只' }),
  P('ET-001', '儿童玩具', 'children', 5, 2800, ['GB 6675.1-2014', 'GB 6675.2-2014'], ['小零件', '锐利边缘', '锐利尖端', '可迁移元素', '增塑剂', '标识和使用说明'], 0.84, { size: 6 }),
  P('ET-002', '童装', 'children', 4, 1600, ['GB 31701-2015', 'GB 18401-2010'], ['甲醛含量', 'pH 值', '可分解致癌芳香胺染料', '绳带要求', '纤维含量', '使用说明'], 0.87, { size: 4 }),
  P('ET-003', '儿童推车', 'children', 4, 3200, ['GB 14748-2006'], ['锁紧装置', '制动装置', '稳定性', '小零件', '锐利边缘'], 0.92, { size: 2, unit: '辆' }),
  P('ET-004', '儿童自行车', 'children', 3, 2500, ['GB 14746-2006'], ['制动性能', '车把强度', '突出物', '链罩', '标志'], 0.94, { size: 2, unit: '辆' }),
  P('ET-005', '儿童安全座椅', 'children', 5, 5800, ['GB 27887-2011'], ['动态试验', '织带强度', '卡扣开启力', '阻燃性能'], 0.91, { size: 2, unit: '个' }),
  P('ET-006', '学生用品（文具）', 'children', 3, 1200, ['GB 21027-2020'], ['可迁移元素', '甲醛', '增塑剂', '锐利边缘'], 0.95, { size: 10 }),
  P('RY-001', '电动自行车', 'daily_consumer', 5, 6000, ['GB 17761-2018', 'GB 42295-2022'], ['最高车速', '整车质量', '制动性能', '充电器过充保护', '阻燃性能', '防篡改'], 0.8, { size: 1, unit: '辆' }),
  P('RY-002', '纸巾', 'daily_consumer', 3, 1000, ['GB/T 20808-2022', 'GB 15979-2002'], ['定量', '亮度', '细菌菌落总数', '大肠菌群', '可迁移性荧光增白剂'], 0.97, { level: 'II', aql: '1.0', size: undefined, unit: '包' }),
  P('RY-003', '床上用品', 'daily_consumer', 2, 1400, ['GB/T 22796-2021', 'GB 18401-2010'], ['甲醛含量', 'pH 值', '纤维含量', '色牢度'], 0.9, { size: 3 }),
  P('RY-004', '鞋类', 'daily_consumer', 2, 1500, ['QB/T 1002-2015', 'GB 25036-2010'], ['耐折性能', '剥离强度', '外底耐磨性能', '标识'], 0.92, { size: 3, unit: '双' }),
  P('RY-005', '眼镜', 'daily_consumer', 3, 1300, ['GB 13511.1-2011', 'GB 10810.1-2005'], ['顶焦度偏差', '光学中心单侧水平距离偏差', '镜架尺寸', '标志'], 0.89, { size: 3, unit: '副' }),
  P('RY-006', '家用燃气灶具', 'daily_consumer', 5, 4200, ['GB 16410-2020'], ['气密性', '熄火保护装置', '燃烧工况', '热效率', '标志'], 0.9, { size: 2, unit: '台' }),
  P('RY-007', '木制家具', 'daily_consumer', 3, 3000, ['GB 18584-2001', 'GB 28007-2011'], ['甲醛释放量', '重金属含量', '结构安全', '标识'], 0.93, { size: 1, unit: '件' }),
  P('NZ-001', '复混肥料（化肥）', 'agricultural_inputs', 5, 1800, ['GB/T 15063-2020'], ['总养分', '水溶性磷占有效磷百分率', '水分', '粒度', '氯离子'], 0.83, { size: 2, unit: '袋' }),
  P('NZ-002', '农药', 'agricultural_inputs', 5, 2600, ['GB/T 1604-2017', 'NY/T 1860'], ['有效成分含量', '隐性成分', 'pH 值', '悬浮率', '标签'], 0.88, { size: 3, unit: '瓶' }),
  P('NZ-003', '农用薄膜', 'agricultural_inputs', 3, 1600, ['GB 13735-2017'], ['厚度', '拉伸负荷', '断裂标称应变', '直角撕裂负荷'], 0.94, { size: 2, unit: '卷' }),
  P('NZ-004', '有机肥料', 'agricultural_inputs', 3, 1500, ['NY/T 525-2021'], ['有机质', '总养分', '水分', '酸碱度', '重金属'], 0.9, { size: 2, unit: '袋' }),
  P('JC-001', '水泥', 'building_materials', 5, 2000, ['GB 175-2023'], ['烧失量', '三氧化硫', '氯离子', '凝结时间', '安定性', '强度'], 0.96, { size: 1, unit: '份（12 kg）' }),
  P('JC-002', '建筑用钢筋', 'building_materials', 5, 2300, ['GB/T 1499.2-2018'], ['屈服强度', '抗拉强度', '断后伸长率', '重量偏差', '弯曲性能'], 0.95, { size: 5, unit: '根' }),
  P('JC-003', '陶瓷砖', 'building_materials', 3, 1900, ['GB/T 4100-2015'], ['尺寸偏差', '吸水率', '破坏强度', '断裂模数', '放射性'], 0.96, { size: 10, unit: '块' }),
  P('JC-004', '塑料管材', 'building_materials', 4, 2100, ['GB/T 18742.2-2017', 'GB/T 10002.1-2023'], ['平均外径', '壁厚', '纵向回缩率', '静液压试验', '卫生性能'], 0.87, { size: 3, unit: '根' }),
  P('JC-005', '防水卷材', 'building_materials', 4, 2700, ['GB 18242-2008', 'GB 23441-2009'], ['可溶物含量', '拉力', '延伸率', '低温柔性', '不透水性'], 0.85, { size: 2, unit: '卷' }),
  P('JC-006', '建筑涂料', 'building_materials', 3, 1700, ['GB 18582-2020'], ['挥发性有机化合物含量', '甲醛含量', '苯系物总和', '可溶性重金属'], 0.94, { size: 2, unit: '桶' }),
  P('JC-007', '人造板', 'building_materials', 3, 1800, ['GB 18580-2017', 'GB/T 9846-2015'], ['甲醛释放量', '含水率', '胶合强度', '静曲强度'], 0.9, { size: 3, unit: '张' }),
  P('JC-008', '铝合金门窗', 'building_materials', 2, 3500, ['GB/T 8478-2020'], ['气密性能', '水密性能', '抗风压性能', '型材壁厚'], 0.91, { size: 1, unit: '樘' }),
  P('QC-001', '汽车轮胎', 'automotive', 5, 4800, ['GB 9743-2015', 'GB 9744-2015'], ['轮胎强度', '脱圈阻力', '耐久性能', '高速性能', '胎面磨耗标志'], 0.97, { size: 4, unit: '条' }),
  P('QC-002', '机动车制动液', 'automotive', 5, 2200, ['GB 12981-2012'], ['平衡回流沸点', '湿平衡回流沸点', '运动黏度', 'pH 值', '橡胶皮碗溶胀'], 0.86, { size: 2, unit: '瓶' }),
  P('QC-003', '车用尿素水溶液', 'automotive', 3, 1600, ['GB 29518-2013'], ['尿素含量', '缩二脲', '醛类', '不溶物'], 0.89, { size: 2, unit: '桶' }),
  P('QC-004', '汽车安全玻璃', 'automotive', 4, 4500, ['GB 9656-2021'], ['可见光透射比', '抗冲击性', '碎片状态', '标识'], 0.95, { size: 3, unit: '块' }),
  P('QC-005', '机动车发动机冷却液', 'automotive', 3, 1700, ['GB 29743.1-2022'], ['冰点', '沸点', 'pH 值', '玻璃器皿腐蚀'], 0.9, { size: 2, unit: '桶' }),
  P('SP-001', '食品用塑料包装', 'food_related', 4, 2000, ['GB 4806.7-2023', 'GB 9685-2016'], ['感官要求', '总迁移量', '高锰酸钾消耗量', '重金属', '脱色试验'], 0.88, { size: 6 }),
  P('SP-002', '一次性纸杯', 'food_related', 3, 1200, ['GB 4806.8-2022'], ['荧光性物质', '铅', '总迁移量', '杯身挺度'], 0.96, { size: 20, unit: '只' }),
  P('SP-003', '食品用不锈钢器具', 'food_related', 3, 1500, ['GB 4806.9-2023'], ['铅', '铬', '镍', '砷'], 0.92, { size: 4 }),
  P('SP-004', '餐具洗涤剂', 'food_related', 2, 1100, ['GB 14930.1-2022'], ['总活性物含量', '甲醇', '甲醛', '砷', '重金属'], 0.94, { size: 3, unit: '瓶' }),
];

/** Above 95 % this year (every batch passed), at exactly 95 % (19 of 20), the lots of the showcase. */
const ABOVE = ['JC-001', 'QC-001', 'SP-002'] as const;
const AT_RULE = 'JC-002';
const FAILURES = 'RY-001';
const SHOWCASE = 'DQ-001';
const TIE = 'ET-002';
const OPEN_APPLIED = ['DQ-002', 'NZ-001'] as const;
/** The product of the cluster 盱眙凹土产业集群 (catalogued after this year's plan: the plan does not see it); a fictitious group standard. */
const CLAY = P('QT-001', '凹土干燥剂', 'other', 3, 1500, ['T/XYAT 001-2024'], ['标识', '吸附率', '含水率', '粉尘', '包装密封性'], 0.9, { size: 4, unit: '袋' });

const INSTITUTIONS = [
  { key: 'huaian', name: '淮安市产品质量监督综合检验中心', local: true, cmaNo: '221012340567', capacity: 120, price: 1800, contact: '业务科 0517-83600000', uscc: '12320800466912345X' },
  { key: 'fibre', name: '淮安市纤维质量监测中心', local: true, cmaNo: '221012340890', capacity: 40, price: 1500, contact: '检验科 0517-83610000', uscc: '12320800466954321Y' },
  { key: 'jiangsu', name: '江苏省产品质量监督检验研究院', local: false, cmaNo: '221000010001', capacity: 300, price: 2100, contact: '业务受理部 025-86600000', uscc: '12320000466000111A' },
] as const;
const FIBRE_SCOPE = ['ET-001', 'ET-002', 'RY-003', 'RY-004', 'JC-007'];

/** Loads the spot-check demo; `today` fixes the dates (China's today by default). */
export async function loadSpotchecksDemo(tx: Db, services: Services, opts: { seed: number; today?: string; objectionDays?: number }): Promise<SpotchecksDemoSummary> {
  const today = opts.today ?? todayInChina();
  const year = Number(today.slice(0, 4));
  const rng = makeRng(opts.seed);
  const sc = services.spotchecks;
  const summary: SpotchecksDemoSummary = { products: 0, producers: 0, institutions: [], lots: 0, lotsByStatus: {}, samples: 0, samplesByStatus: {}, aboveRule: [], atRule: null, objection: null, referredCase: null, bulletinNo: null, cluster: [] };

  const staff = await tx.select({ id: users.id, username: users.username }).from(users).where(sql`${users.username} like '%.%'`);
  const idOf = new Map(staff.map((u) => [u.username, u.id]));
  const as = async (username: string): Promise<Ctx | null> => {
    const id = idOf.get(username);
    const actor = id ? await services.users.loadActor(id, tx) : null;
    return actor ? { actor: actor as Actor } : null;
  };
  const officer = await as('city.officer');
  const inspector = await as('city.inspector');
  const head = await as('city.section_head');
  const admin = await as('demo.admin');
  if (!officer || !inspector || !head || !admin) return summary;

  // The register's producers: active enterprises of the counties, in a fixed order.
  const pool = await tx
    .select({ uscc: enterprises.uscc, regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(and(eq(enterprises.status, 'active'), sql`${enterprises.regionCode} <> '320800'`))
    .orderBy(asc(enterprises.uscc))
    .limit(2000);
  if (pool.length < 30) return summary;

  // ---- catalogue, producers, history
  const products = new Map<string, { id: string; spec: ProductSpec }>();
  const catalogue = async (spec: ProductSpec) => {
    const standard = spec.standards[0]!;
    const created = await sc.catalogue.create(officer, {
      code: spec.code,
      name: spec.name,
      category: spec.category,
      impact: spec.impact,
      batchCost: spec.batchCost,
      testItems: spec.items.map((name, i) => ({ name, requirement: `符合 ${standard} 的要求`, method: standard, critical: i === 0 && spec.impact >= 4 })),
      standards: spec.standards,
      ...(spec.level ? { inspectionLevel: spec.level, aql: spec.aql, sampleUnit: spec.unit } : { sampleSize: spec.size, sampleUnit: spec.unit }),
      note: null,
    } as Parameters<typeof sc.catalogue.create>[1]);
    products.set(spec.code, { id: created.id, spec });
    summary.products++;
    return created;
  };
  for (const spec of DEMO_PRODUCTS) {
    const created = await catalogue(spec);
    const want = spec.code === AT_RULE ? 24 : spec.code === SHOWCASE ? 14 : 6 + rng.int(10);
    const start = rng.int(pool.length);
    const usccs = Array.from({ length: Math.min(want, pool.length) }, (_, i) => pool[(start + i * 7) % pool.length]!.uscc);
    const added = await sc.catalogue.addProducers(officer, created.id, [...new Set(usccs)]);
    summary.producers += added.added;
    for (const y of [year - 2, year - 1]) {
      const batches = 4 + rng.int(12);
      const drift = (rng.next() - 0.5) * 0.08;
      const passed = Math.max(0, Math.min(batches, Math.round(batches * (spec.rate + drift))));
      const failing = passed < batches ? [spec.items[rng.int(spec.items.length)]!, ...(batches - passed > 1 ? [spec.items[rng.int(spec.items.length)]!] : [])] : [];
      await sc.catalogue.saveHistory(officer, created.id, y, { batches, passed, failingItems: failing, note: `${y} 年度市级监督抽查结果（系统上线前录入）` });
    }
  }
  const product = (code: string) => products.get(code)!;

  // ---- institutions and their accounts
  const inst = new Map<string, { id: string; ctx: Ctx }>();
  const allCodes = [...DEMO_PRODUCTS, CLAY].map((p) => p.code);
  for (const i of INSTITUTIONS) {
    const created = await sc.institutions.create(head, {
      name: i.name, uscc: i.uscc, local: i.local, cmaNo: i.cmaNo, cmaScope: i.key === 'fibre' ? FIBRE_SCOPE : allCodes,
      cmaValidUntil: `${year + 2}-12-31`, capacity: i.capacity, price: i.price, contact: i.contact,
    });
    const username = `inst.${i.key}`;
    const account = await sc.institutions.createAccount(head, created.id, { username, displayName: `${i.name}（演示）`, password: DEMO_PASSWORD });
    // Demo accounts keep the documented password (the service makes it an initial one).
    await services.users.resetPassword(admin, account.id, DEMO_PASSWORD, false);
    const actor = await services.users.loadActor(account.id, tx);
    inst.set(i.key, { id: created.id, ctx: { actor: actor as Actor } });
    summary.institutions.push({ name: i.name, username, local: i.local });
  }
  const huaian = inst.get('huaian')!;
  const fibre = inst.get('fibre')!;
  const jiangsu = inst.get('jiangsu')!;

  // ---- this year's annual plan: generated, the showcase's lines set, approved into lots
  let plan = await sc.plans.generate(officer, { year, budget: 900_000, windowEndsOn: null });
  plan = await sc.plans.update(officer, plan.id, { budget: 1_300_000 }, [plan.version]);
  const lines: [string, number, number][] = [
    [ABOVE[0], 4, 1], [ABOVE[1], 4, 1], [ABOVE[2], 4, 2], [AT_RULE, 20, 2], [FAILURES, 5, 3],
    [SHOWCASE, 9, 4], [TIE, 3, 4], [OPEN_APPLIED[0], 4, 4], [OPEN_APPLIED[1], 5, 4],
  ];
  for (const [code, batches, quarter] of lines) plan = await sc.plans.putLine(officer, plan.id, product(code).id, { batches, quarter }, [plan.version]);
  plan = await sc.plans.approve(head, plan.id, [plan.version]);
  const lots = (await sc.plans.listLots(officer.actor, { planId: plan.id }, { page: 1, pageSize: 200 })).items;
  const lotOf = (code: string) => lots.find((l) => l.productCode === code)!;

  // ---- county suggestions for next year's plan
  const suggestions: [string, string, string][] = [
    ['lianshui.officer', FAILURES, '辖区电动自行车销售门店多，群众反映充电器过充、车速超标问题较多，建议加大抽查批次'],
    ['huaiyin.officer', 'ET-001', '辖区小商品市场儿童玩具来源复杂，建议列入下一年度抽查计划'],
    ['xuyi.officer', 'NZ-001', '春耕前复混肥料需求大，往年发现总养分不达标，建议第一季度安排抽查'],
    ['jinhu.officer', 'JC-004', '农村自建房使用的塑料管材质量参差不齐，建议抽查'],
  ];
  for (const [username, code, reason] of suggestions) {
    const ctx = await as(username);
    if (ctx) await sc.plans.suggest(ctx, { year: year + 1, productId: product(code).id, reason });
  }

  // ---- the competitive choice: the tie first (no institution has a record yet: equal scores)
  const tie = lotOf(TIE);
  await sc.institutions.apply(huaian.ctx, tie.id, { price: 1500, capacity: 10, note: '具备童装全项检验能力' });
  await sc.institutions.apply(fibre.ctx, tie.id, { price: 1500, capacity: 10, note: '纺织品专业检验机构' });
  const tied = await sc.institutions.select(officer, tie.id, {});
  if (tied.status === 'tie') await sc.institutions.revealTie(officer, tie.id, `${year}年童装抽查承检机构同分摇号见证：淮安市公共资源交易中心 李华`);

  const choose = async (code: string, bids: [{ id: string; ctx: Ctx }, number][], localityWeight?: number) => {
    const lot = lotOf(code);
    for (const [who, price] of bids) await sc.institutions.apply(who.ctx, lot.id, { price, capacity: lot.batches + 2 });
    await sc.institutions.select(officer, lot.id, localityWeight === undefined ? {} : { localityWeight });
    return lot;
  };
  // Open lots with applications (not yet chosen).
  for (const code of OPEN_APPLIED) {
    const lot = lotOf(code);
    await sc.institutions.apply(huaian.ctx, lot.id, { price: 1800, capacity: lot.batches });
    await sc.institutions.apply(jiangsu.ctx, lot.id, { price: 2000, capacity: lot.batches + 4, note: '可派驻抽样检验小组' });
  }
  // Tyres opened to outside institutions (locality weight 0): the provincial institute wins on price.
  await choose(ABOVE[1], [[huaian, 2000], [jiangsu, 1700]], 0);
  for (const code of [ABOVE[0], ABOVE[2], AT_RULE, FAILURES, SHOWCASE]) await choose(code, [[huaian, 1800], [jiangsu, 2100]]);

  // ---- draws and samples
  const samplerIds = [officer.actor.userId!, inspector.actor.userId!];
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('demo image')]);
  const PDF = Buffer.from('%PDF-1.4\n% demo test report\n');
  const institutionCtx = (id: string) => [...inst.values()].find((i) => i.id === id)!.ctx;
  const backdated: { id: string; drawnOn: string }[] = [];

  const drawLot = async (code: string) => {
    const lot = await sc.plans.getLot(officer.actor, lotOf(code).id);
    const { drawId } = await sc.sampling.commitDraw(officer, lot.id);
    const { samples } = await sc.sampling.revealDraw(officer, drawId, `${lot.lotNo} 抽取见证：${rng.pick(['张', '王', '李', '陈'])}某（企业代表）`);
    return { lot, samples };
  };
  type Target = 'drawn' | 'assigned' | 'sampled' | 'reported' | 'notified' | 'received';
  const ORDER: Target[] = ['drawn', 'assigned', 'sampled', 'reported', 'notified', 'received'];
  /** Walks a sample to `target` through the services; `drawnOn` in the past dates the acts after it. */
  const walk = async (code: string, sample: { id: string; sampleNo: string }, target: Target, opts: { fail?: boolean; drawnOn?: string; institutionId: string }) => {
    const reach = (t: Target) => ORDER.indexOf(target) >= ORDER.indexOf(t);
    const spec = product(code).spec;
    if (opts.drawnOn) {
      await tx.update(spotcheckSamples).set({ createdAt: new Date(`${opts.drawnOn}T09:00:00+08:00`) }).where(eq(spotcheckSamples.id, sample.id));
      backdated.push({ id: sample.id, drawnOn: opts.drawnOn });
    }
    const day = (n: number) => (opts.drawnOn ? minDate(addDays(opts.drawnOn, n), today) : today);
    if (!reach('assigned')) return;
    await sc.sampling.assign(officer, sample.id, { samplerIds });
    if (!reach('sampled')) return;
    await sc.sampling.upload(officer, sample.id, 'photo', { fileName: '现场照片.png', content: PNG });
    await sc.sampling.upload(officer, sample.id, 'signature', { fileName: '抽样人员签字.png', content: PNG });
    await sc.sampling.upload(officer, sample.id, 'signature', { fileName: '受检企业签字.png', content: PNG });
    const sampledOn = day(4);
    const base = 50 + rng.int(450);
    await sc.sampling.record(officer, sample.id, {
      sampledOn, place: rng.pick(['成品仓库', '销售门店', '生产车间成品区', '经销商仓库']), batchNo: `${sampledOn.replaceAll('-', '').slice(2)}-${1 + rng.int(9)}`,
      productionDate: addDays(sampledOn, -(10 + rng.int(60))), specification: rng.pick(['标准型', '常规规格', 'A 型', '通用型']),
      quantitySampled: Math.min(base, spec.size ?? 8), baseCount: base, pricePaid: Math.round(spec.batchCost / 10) * 1, sealNumbers: [`FT${year}${String(1 + rng.int(99999)).padStart(5, '0')}`],
      enterpriseSigner: `${rng.pick(['张', '王', '李', '刘', '陈', '杨', '赵'])}${rng.pick(['伟', '芳', '军', '丽', '强', '敏'])}`, note: null,
    });
    if (!reach('reported')) return;
    const ictx = institutionCtx(opts.institutionId);
    await sc.sampling.upload(ictx, sample.id, 'report', { fileName: '检验报告.pdf', content: PDF });
    const failed = opts.fail ? new Set([spec.items[1 + rng.int(spec.items.length - 1)]!]) : new Set<string>();
    await sc.sampling.result(ictx, sample.id, {
      items: spec.items.map((item) => ({ item, requirement: '', measured: failed.has(item) ? '不符合标准要求' : '符合标准要求', pass: !failed.has(item) })),
      conclusion: opts.fail ? 'fail' : 'pass', reportNo: `JY${sample.sampleNo.slice(2)}`, reportedOn: day(20),
    });
    if (!reach('notified')) return;
    await sc.sampling.notify(officer, sample.id);
    if (!reach('received')) return;
    await sc.sampling.receipt(officer, sample.id, today);
  };

  const quarterStart = (q: number) => `${year}-${String(3 * q - 2).padStart(2, '0')}-01`;
  const pastDrawn = (q: number, i: number) => minDate(addDays(quarterStart(q), 10 + i), addDays(today, -75));

  // Products above 95 % (every batch passes) and at 95 % (one fails of 20), done in the first quarters.
  const finals: string[] = [];
  for (const code of ABOVE) {
    const { lot, samples } = await drawLot(code);
    for (const [i, s] of samples.entries()) await walk(code, s, 'received', { drawnOn: pastDrawn(lot.quarter, i), institutionId: lot.institutionId! });
    finals.push(...samples.map((s) => s.id));
    summary.aboveRule.push(`${code} ${product(code).spec.name}`);
  }
  const at = await drawLot(AT_RULE);
  const atFail = at.samples[7];
  for (const [i, s] of at.samples.entries()) await walk(AT_RULE, s, 'received', { fail: s === atFail, drawnOn: pastDrawn(at.lot.quarter, i % 10), institutionId: at.lot.institutionId! });
  finals.push(...at.samples.map((s) => s.id));
  if (at.samples.length === 20) summary.atRule = `${AT_RULE} ${product(AT_RULE).spec.name}`;
  // Electric bicycles: two of five fail.
  const eb = await drawLot(FAILURES);
  const ebFails = eb.samples.slice(1, 3);
  for (const [i, s] of eb.samples.entries()) await walk(FAILURES, s, 'received', { fail: ebFails.includes(s), drawnOn: pastDrawn(eb.lot.quarter, i), institutionId: eb.lot.institutionId! });
  finals.push(...eb.samples.map((s) => s.id));

  // The cluster 盱眙凹土产业集群: a special plan samples the 凹土干燥剂 of two of its members (its only producers: both drawn), one fails.
  const members = await tx
    .select({ uscc: enterprises.uscc })
    .from(enterprises)
    .where(and(eq(enterprises.status, 'active'), arrayContains(enterprises.tags, [DEMO_CLUSTER])))
    .orderBy(asc(enterprises.uscc))
    .limit(2);
  let clayFail: { id: string } | undefined;
  if (members.length) {
    const clay = await catalogue(CLAY);
    summary.producers += (await sc.catalogue.addProducers(officer, clay.id, members.map((m) => m.uscc))).added;
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    let special = await sc.plans.createSpecial(officer, { name: `${year}年盱眙凹土产业集群产品质量专项监督抽查`, year, budget: 10_000, lines: [{ productId: clay.id, batches: members.length, quarter }] });
    special = await sc.plans.approve(head, special.id, [special.version]);
    const [lot] = (await sc.plans.listLots(officer.actor, { planId: special.id }, { page: 1, pageSize: 10 })).items;
    await sc.institutions.apply(huaian.ctx, lot!.id, { price: 1500, capacity: 4 });
    await sc.institutions.select(officer, lot!.id, {});
    const { drawId } = await sc.sampling.commitDraw(officer, lot!.id);
    const { samples } = await sc.sampling.revealDraw(officer, drawId, `${lot!.lotNo} 抽取见证：盱眙县凹土行业协会 王某`);
    clayFail = samples[samples.length - 1];
    for (const [i, s] of samples.entries()) await walk(CLAY.code, s, 'received', { fail: s === clayFail, drawnOn: pastDrawn(quarter, i), institutionId: huaian.id });
    summary.cluster = samples.map((s) => s.sampleNo);
  }

  // The past acts' days: notice 24 days after the draw, receipt 3 days later, the window from it.
  for (const b of backdated) {
    const notifiedOn = minDate(addDays(b.drawnOn, 24), today);
    const receivedOn = minDate(addDays(b.drawnOn, 27), today);
    const due = await objectionDue(services.calendar, receivedOn, opts.objectionDays ?? 15, tx);
    await tx.update(spotcheckSamples).set({ notifiedOn, receivedOn, objectionDueOn: due.date }).where(eq(spotcheckSamples.id, b.id));
  }
  await sc.sampling.finalizeDue(tx, today);

  // The showcase lot: a sample in every state, an objection retested elsewhere (upheld).
  const show = await drawLot(SHOWCASE);
  const plan9: [Target, boolean][] = [['drawn', false], ['assigned', false], ['sampled', false], ['reported', false], ['reported', true], ['notified', true], ['received', false], ['received', true], ['received', true]];
  for (const [i, s] of show.samples.entries()) {
    const [target, fail] = plan9[i] ?? ['received', false];
    await walk(SHOWCASE, s, target, { fail, institutionId: show.lot.institutionId! });
  }
  const objected = show.samples[7];
  if (objected) {
    const objection = await sc.objections.fileByOfficer(officer, objected.id, { filedOn: today, reason: '企业对导体电阻项目检验结果有异议，认为样品在运输中受损，申请复检', items: [] });
    await sc.objections.decide(head, objection.id, { accept: true, reason: '异议理由成立，同意复检，由其他具备资质的检验机构承担', retestInstitutionId: jiangsu.id });
    await sc.sampling.upload(jiangsu.ctx, objected.id, 'retest_report', { fileName: '复检报告.pdf', content: PDF });
    await sc.objections.retest(jiangsu.ctx, objection.id, {
      items: product(SHOWCASE).spec.items.map((item) => ({ item, requirement: '', measured: '符合标准要求', pass: true })),
      conclusion: 'pass', reportNo: `FJ${objected.sampleNo.slice(2)}`, retestedOn: today,
    });
    finals.push(objected.id);
    summary.objection = objected.sampleNo;
  }

  // ---- follow-up of the failures
  const step = async (sampleId: string, input: Parameters<typeof sc.objections.followups.act>[2]) => {
    const current = await sc.objections.followups.get(officer.actor, sampleId).catch(() => null);
    return sc.objections.followups.act(officer, sampleId, input, current ? [current.version] : undefined);
  };
  const chain = async (sampleId: string, upTo: 'order' | 'notice') => {
    const [s] = await tx.select({ objectionDueOn: spotcheckSamples.objectionDueOn }).from(spotcheckSamples).where(eq(spotcheckSamples.id, sampleId));
    const since = addDays(s!.objectionDueOn!, 1);
    const orderOn = minDate(addDays(since, 3), today);
    const dueOn = addDays(orderOn, 30);
    await step(sampleId, { action: 'order', on: orderOn, dueOn, note: '责令限期整改，整改完成后申请复查' });
    if (upTo === 'order') return;
    await step(sampleId, { action: 'recheck', on: minDate(addDays(dueOn, 2), today), passed: false, note: '复查仍不合格' });
    await step(sampleId, { action: 'notice', on: minDate(addDays(dueOn, 7), today), note: '逾期未改正，予以公告' });
  };
  if (atFail) await chain(atFail.id, 'notice');
  const [ebReferred, ebOrdered] = ebFails;
  if (ebOrdered) await chain(ebOrdered.id, 'order');
  if (clayFail) await chain(clayFail.id, 'order');
  if (ebReferred) {
    await chain(ebReferred.id, 'notice');
    const [e] = await tx.select({ regionCode: spotcheckSamples.regionCode }).from(spotcheckSamples).where(eq(spotcheckSamples.id, ebReferred.id));
    const county = await countyTeam(e!.regionCode);
    if (county) {
      const kase = await services.cases.cases.create(county.a, { leadSource: 'spot_check', leadId: ebReferred.id, uscc: null, partyName: null, summary: null, leadRef: null, foundOn: today, regionCode: e!.regionCode, campaignId: null });
      await services.cases.cases.act(head, kase.id, 'open', { openedOn: today, investigatorIds: county.ids, note: '抽查不合格且逾期未改正，同意立案' });
      summary.referredCase = kase.caseNo;
    }
  }

  // ---- the bulletin of the first half's results, published
  const bulletin = await sc.publication.createBulletin(officer, { title: `${year}年淮安市产品质量监督抽查结果公告（第一期）`, year, planId: plan.id, sampleIds: finals });
  const published = await sc.publication.publish(head, bulletin.id, [bulletin.version]);
  summary.bulletinNo = published.bulletinNo ?? null;

  // ---- the summary
  const lotRows = (await sc.plans.listLots(officer.actor, { planId: plan.id }, { page: 1, pageSize: 200 })).items;
  summary.lots = lotRows.length;
  for (const l of lotRows) summary.lotsByStatus[l.status] = (summary.lotsByStatus[l.status] ?? 0) + 1;
  const statuses = await tx.select({ status: spotcheckSamples.status, n: sql<number>`count(*)::int` }).from(spotcheckSamples).where(inArray(spotcheckSamples.lotId, lotRows.map((l) => l.id))).groupBy(spotcheckSamples.status);
  for (const s of statuses) {
    summary.samplesByStatus[s.status] = s.n;
    summary.samples += s.n;
  }
  return summary;

  async function countyTeam(region: string) {
    const slug = DEMO_REGIONS.find((r) => r.code === region)?.slug;
    const a = slug ? await as(`${slug}.officer`) : null;
    const b = slug ? await as(`${slug}.inspector`) : null;
    return a && b ? { a, ids: [a.actor.userId!, b.actor.userId!] } : null;
  }
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** The demo summary's lines about spot checks (printed by `npm run demo`). */
export function formatSpotchecksSummary(s: SpotchecksDemoSummary): string[] {
  if (s.products === 0) return ['no product-quality spot checks'];
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `${s.products} spot-check products with ${s.producers} producers; this year's plan: ${s.lots} lots (${list(s.lotsByStatus)}), ${s.samples} samples (${list(s.samplesByStatus)})`,
    `  above 95 % this year: ${s.aboveRule.join(', ') || '-'}; exactly 95 %: ${s.atRule ?? '-'}; objection retested (upheld) ${s.objection ?? '-'}; referred to case ${s.referredCase ?? '-'}; bulletin ${s.bulletinNo ?? '-'} published`,
    ...(s.cluster.length ? [`  cluster ${DEMO_CLUSTER}: special plan samples ${s.cluster.join(', ')} (the last failed, correction ordered)`] : []),
  ];
}
