/**
 * Vocabulary of the demo generator: trade names, industries (GB/T 4754-2017 class codes),
 * industrial clusters and personal names. Words are plausible, not a register extract.
 */

/** Characters of two-character trade names (字号): one from each list. */
export const TRADE_FIRST = [...'瑞恒鑫金华宏盛永昌泰兴隆天新丰富嘉润福汇东苏淮德佳安鸿宇源达通和广正明诚信凯益远创亚中联力海康顺大'];
export const TRADE_SECOND = [...'祥通源达泰盛兴昌华丰隆利鑫宇发新康安顺嘉诚信力海辉美旺晟邦业城峰宏远创'];
/** Trade names common enough that demos and searches find several of each (e.g. 瑞祥). */
export const POPULAR_TRADE_NAMES = ['瑞祥', '恒通', '苏淮', '鑫源', '华瑞', '金源', '宏达', '永兴', '天成', '润泽', '恒瑞', '苏源', '淮海', '盛达', '新华', '东方', '金盛', '德润', '嘉禾', '富源'];

export type EntityType = 'company' | 'individual' | 'cooperative';

export interface DemoIndustry {
  /** GB/T 4754-2017 class code with its section letter. */
  code: string;
  /** Relative weight among industries of the same entity type. */
  weight: number;
  /** Words of a company name (食品 → 淮安瑞祥食品有限公司); empty when no companies. */
  words: readonly string[];
  /** Manufacturing: a name may end in 厂. */
  factory?: boolean;
  /** Complete endings of individual businesses' names (粮油经营部) or cooperatives' names. */
  shop?: readonly string[];
  coop?: readonly string[];
}

export const INDUSTRIES: readonly DemoIndustry[] = [
  { code: 'A0111', weight: 4, words: [], coop: ['水稻种植专业合作社', '稻米专业合作社'] },
  { code: 'A0141', weight: 3, words: [], coop: ['蔬菜种植专业合作社', '果蔬专业合作社'] },
  { code: 'A0412', weight: 4, words: [], coop: ['水产养殖专业合作社', '龙虾养殖专业合作社', '螃蟹养殖专业合作社'] },
  { code: 'C1311', weight: 4, words: ['米业', '粮油', '大米'], factory: true },
  { code: 'C1353', weight: 3, words: ['食品', '肉制品'], factory: true },
  { code: 'C1391', weight: 2, words: ['食品', '淀粉'], factory: true },
  { code: 'C1431', weight: 3, words: ['食品', '面业'], factory: true },
  { code: 'C1469', weight: 2, words: ['调味品', '酿造'], factory: true },
  { code: 'C1512', weight: 2, words: ['酒业', '酿酒'], factory: true },
  { code: 'C1711', weight: 3, words: ['纺织', '棉纺'], factory: true },
  { code: 'C1819', weight: 3, words: ['服饰', '制衣'], factory: true },
  { code: 'C2110', weight: 3, words: ['家具', '木业'], factory: true },
  { code: 'C2231', weight: 3, words: ['包装', '纸制品'], factory: true },
  { code: 'C2926', weight: 2, words: ['塑料包装', '塑业'], factory: true },
  { code: 'C2612', weight: 1, words: ['盐化', '碱业'], factory: true },
  { code: 'C2619', weight: 2, words: ['化工', '化学'], factory: true },
  { code: 'C2641', weight: 1, words: ['涂料', '化工'], factory: true },
  { code: 'C3021', weight: 3, words: ['建材', '新型建材', '水泥制品'], factory: true },
  { code: 'C3099', weight: 1, words: ['凹土科技', '新材料', '矿物材料'], factory: true },
  { code: 'C3311', weight: 3, words: ['钢结构', '金属制品'], factory: true },
  { code: 'C3411', weight: 1, words: ['锅炉', '锅炉制造'], factory: true },
  { code: 'C3435', weight: 1, words: ['电梯', '电梯制造'], factory: true },
  { code: 'C3441', weight: 1, words: ['泵业', '泵阀'], factory: true },
  { code: 'C3443', weight: 1, words: ['阀门', '阀业'], factory: true },
  { code: 'C3499', weight: 4, words: ['机械', '机械设备', '机电'], factory: true },
  { code: 'C3512', weight: 1, words: ['石油机械', '石化机械'], factory: true },
  { code: 'C3670', weight: 2, words: ['汽车零部件', '汽配'], factory: true },
  { code: 'C3831', weight: 2, words: ['电线电缆', '电缆'], factory: true },
  { code: 'C4016', weight: 1, words: ['计量器具', '仪表', '仪器仪表'], factory: true },
  { code: 'D4511', weight: 1, words: ['燃气', '天然气'] },
  { code: 'E4910', weight: 2, words: ['电气安装工程', '电力工程'] },
  { code: 'E4920', weight: 2, words: ['电梯工程', '设备安装工程', '管道工程'] },
  { code: 'F5212', weight: 5, words: ['商贸', '超市'], shop: ['超市', '便利店', '百货商店'] },
  { code: 'F5221', weight: 3, words: ['粮油贸易'], shop: ['粮油经营部', '粮油商行', '米面店'] },
  { code: 'F5227', weight: 2, words: ['酒业贸易'], shop: ['烟酒商行', '茶叶店'] },
  { code: 'H6210', weight: 4, words: ['餐饮管理', '餐饮'], shop: ['饭店', '菜馆', '餐饮店'] },
];

/** Industrial clusters: an enterprise of one of these industries in one of these regions may carry the tag. */
export const CLUSTERS: readonly { tag: string; regions: readonly string[]; industries: readonly string[] }[] = [
  { tag: '盱眙凹土产业集群', regions: ['320830'], industries: ['C3099'] },
  { tag: '涟水食品产业园', regions: ['320826'], industries: ['C1311', 'C1353', 'C1391', 'C1431', 'C1469', 'C1512'] },
  { tag: '金湖石油机械产业集群', regions: ['320831'], industries: ['C3512', 'C3443', 'C3441'] },
  { tag: '淮安盐化工产业集群', regions: ['320803', '320804', '320813'], industries: ['C2612', 'C2619'] },
];

/** Common surnames, most frequent first (the first ten weigh most). */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤',
  '欧阳',
  '司马',
];
export const GIVEN_CHARS = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海燕文斌辉鹏飞宇浩然思雨欣怡子轩梓涵晨阳俊峰庆林春梅德成金凤荣兵'];
