/**
 * Huai'an's divisions as the demo generator sees them: how often an enterprise is registered
 * there, the place names its enterprises use, and plausible streets for addresses.
 * Street and town names are plausible, not a gazetteer.
 */
export interface DemoRegion {
  code: string;
  /** Share of generated enterprises (relative weight). */
  weight: number;
  /** Slug for demo usernames (`lianshui.officer`). */
  slug: string;
  /** Start of an address: 淮安市涟水县. */
  addressPrefix: string;
  /** Place prefixes of company names, weighted: 涟水县 / 涟水 / 淮安 / 江苏. */
  namePrefixes: readonly (readonly [string, number])[];
  /** Prefix of individual businesses and cooperatives, which carry their county's name. */
  localPrefix: string;
  /** Towns, sub-districts and parks. */
  areas: readonly string[];
  roads: readonly string[];
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  {
    code: '320800', weight: 2, slug: 'city', addressPrefix: '淮安市', localPrefix: '淮安市',
    namePrefixes: [['淮安市', 5], ['淮安', 4], ['江苏', 1]],
    areas: ['清河街道', '山阳街道'],
    roads: ['翔宇大道', '健康东路', '淮海南路', '北京北路'],
  },
  {
    code: '320803', weight: 14, slug: 'huaian', addressPrefix: '淮安市淮安区', localPrefix: '淮安市淮安区',
    namePrefixes: [['淮安', 5], ['淮安市', 2], ['淮安市淮安区', 2], ['江苏', 1]],
    areas: ['淮城街道', '河下街道', '车桥镇', '施河镇', '苏嘴镇', '淮安工业园区'],
    roads: ['翔宇大道', '镇淮楼东路', '南门大街', '北京路', '华西路', '永怀路', '枚乘东路'],
  },
  {
    code: '320804', weight: 13, slug: 'huaiyin', addressPrefix: '淮安市淮阴区', localPrefix: '淮安市淮阴区',
    namePrefixes: [['淮安', 4], ['淮阴', 2], ['淮安市淮阴区', 2], ['江苏', 1]],
    areas: ['王营街道', '渔沟镇', '码头镇', '西宋集镇', '淮阴经济开发区'],
    roads: ['长江东路', '北京东路', '承德北路', '黄河东路', '西安路', '淮河东路', '嫩江路'],
  },
  {
    code: '320812', weight: 20, slug: 'qingjiangpu', addressPrefix: '淮安市清江浦区', localPrefix: '淮安市清江浦区',
    namePrefixes: [['淮安', 5], ['淮安市', 2], ['清江浦', 1], ['淮安市清江浦区', 1], ['江苏', 1]],
    areas: ['清江街道', '浦楼街道', '盐河街道', '和平镇', '清浦工业园区'],
    roads: ['淮海北路', '淮海南路', '健康西路', '解放东路', '人民南路', '环城西路', '承德南路', '大同路'],
  },
  {
    code: '320813', weight: 9, slug: 'hongze', addressPrefix: '淮安市洪泽区', localPrefix: '淮安市洪泽区',
    namePrefixes: [['洪泽', 4], ['淮安市洪泽区', 2], ['淮安', 2], ['江苏', 1]],
    areas: ['高良涧街道', '蒋坝镇', '岔河镇', '老子山镇', '洪泽经济开发区'],
    roads: ['东风路', '人民北路', '洪泽湖大道', '建设路', '越秀路', '东七道'],
  },
  {
    code: '320826', weight: 13, slug: 'lianshui', addressPrefix: '淮安市涟水县', localPrefix: '涟水县',
    namePrefixes: [['涟水县', 4], ['涟水', 3], ['淮安', 2], ['江苏', 1]],
    areas: ['涟城街道', '保滩街道', '高沟镇', '红窑镇', '朱码街道', '涟水经济开发区'],
    roads: ['红日大道', '安东北路', '海安路', '五岛路', '涟州路', '北门大街'],
  },
  {
    code: '320830', weight: 11, slug: 'xuyi', addressPrefix: '淮安市盱眙县', localPrefix: '盱眙县',
    namePrefixes: [['盱眙县', 4], ['盱眙', 3], ['淮安', 2], ['江苏', 1]],
    areas: ['盱城街道', '马坝镇', '官滩镇', '桂五镇', '河桥镇', '盱眙经济开发区'],
    roads: ['五墩路', '东湖北路', '淮河北路', '金源北路', '山水大道', '都梁大道'],
  },
  {
    code: '320831', weight: 8, slug: 'jinhu', addressPrefix: '淮安市金湖县', localPrefix: '金湖县',
    namePrefixes: [['金湖县', 4], ['金湖', 3], ['淮安', 2], ['江苏', 1]],
    areas: ['黎城街道', '戴楼街道', '银涂镇', '塔集镇', '吕良镇', '金湖经济开发区'],
    roads: ['金湖西路', '健康路', '工园路', '神华大道', '环城西路', '衡阳路'],
  },
  {
    code: '320871', weight: 10, slug: 'kaifaqu', addressPrefix: '淮安经济技术开发区', localPrefix: '淮安经济技术开发区',
    namePrefixes: [['淮安', 6], ['淮安市', 2], ['江苏', 2]],
    areas: ['徐杨街道', '钵池街道', '南马厂街道', '综合保税区'],
    roads: ['深圳东路', '海口路', '广州路', '枚皋路', '鸿海北路', '富准路'],
  },
];

export const DEMO_REGION_CODES = DEMO_REGIONS.map((r) => r.code);

/** Villages, for the addresses of farmers' cooperatives. */
export const VILLAGES = ['王庄', '李集', '张圩', '陈港', '新河', '前进', '五里', '东风', '杨湾', '高桥', '朱庄', '大圩'];
