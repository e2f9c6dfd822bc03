import type { EquipmentStatus, InspectionConclusion, KeyUnitKind } from '../modules/equipment/index.js';
import { type DueRuleLike, type UnitFacts, addMonths, matchRule } from '../modules/equipment/periodic/due-dates.js';
import type { PeriodicKind } from '../modules/equipment/periodic/periodic.schema.js';
import { addDays } from '../platform/calendar/dates.js';
import { DEMO_REGIONS } from './places.js';
import { type Rng, makeRng, weighted } from './random.js';

/**
 * Seeded special-equipment units (特种设备) of demo enterprises, with their periodic-inspection
 * history: the demo's 20,000 units and the bench's import file. Deterministic from the seed and
 * `today` (dates are relative to it, as the demo licences are).
 */

/** A user unit (使用单位) units can be given to: an enterprise of the register. */
export interface UnitUser {
  uscc: string;
  regionCode: string;
  address: string;
  /** GB/T 4754 industry code: manufacturers (C…) get the industrial units. */
  industryCode: string | null;
}

/** One periodic inspection of a generated unit. */
export interface DemoInspection {
  kind: PeriodicKind;
  institution: string;
  inspectedOn: string;
  reportNo: string;
  conclusion: InspectionConclusion;
  /** The due date it set (null for a fail, which leaves it unchanged). */
  nextDue: string | null;
  /** The unit's due date when it was recorded (the due it answered; null before the first due date). */
  dueAnswered: string | null;
}

/** One generated unit: the columns of `equipment_units` the demo fills, and its inspections (oldest first). */
export interface DemoUnit {
  category: string;
  subcategory: string;
  equipmentCode: string;
  registrationNo: string | null;
  userUscc: string;
  regionCode: string;
  address: string;
  manufacturer: string;
  model: string;
  factoryNo: string;
  putIntoServiceOn: string;
  status: EquipmentStatus;
  keyUnitKind: KeyUnitKind | null;
  safetyGrade: number | null;
  lastInspectedOn: string | null;
  lastConclusion: InspectionConclusion | null;
  nextInspectionDue: string | null;
  inspections: DemoInspection[];
}

export interface GenerateUnitsOptions {
  seed: number;
  count: number;
  users: readonly UnitUser[];
  /** Today in China (YYYY-MM-DD): the history ends before it. */
  today: string;
  /** Index of the first unit (equipment codes and registration numbers are unique per index). */
  startIndex?: number;
  /** Share of in-use units left overdue (default 4 %); 1 makes every in-use unit overdue that can be. */
  overdueShare?: number;
  /** The due rules (equipment_due_rules); without them no unit has a due date. */
  rules?: readonly DemoDueRule[];
  /** false: no inspection history (units as registered, never inspected) — much faster, for import files. */
  history?: boolean;
}

interface Category {
  code: string;
  weight: number;
  /** Prefix of its use registration number (梯, 容 …); null: registered with its vessel, no number of its own. */
  registration: string | null;
  /** Units of manufacturers rather than of any enterprise. */
  industrial: boolean;
  subcategories: readonly (readonly [string, number])[];
  manufacturers: readonly string[];
  model: (rng: Rng) => string;
  keyUnits: readonly (readonly [KeyUnitKind | null, number])[];
}

const NO_KEY: readonly (readonly [KeyUnitKind | null, number])[] = [[null, 1]];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The ten top categories of the catalogue (FACTS.md), with realistic shares of a city's units. */
export const DEMO_CATEGORIES: readonly Category[] = [
  {
    code: '1000', weight: 3, registration: '锅', industrial: true,
    subcategories: [['1100', 6], ['1200', 3], ['1300', 1]],
    manufacturers: ['无锡华光环保能源集团股份有限公司', '江苏双良锅炉有限公司', '泰山集团股份有限公司', '江苏太湖锅炉股份有限公司'],
    model: (rng) => `${rng.pick(['DZL', 'SZS', 'WNS', 'YLW'])}${rng.pick([1, 2, 4, 6, 10])}-${rng.pick(['1.25', '1.6', '2.5'])}-${rng.pick(['AII', 'Q', 'Y.Q'])}`,
    keyUnits: [[null, 8], ['hospital', 1], ['school', 1]],
  },
  {
    code: '2000', weight: 20, registration: '容', industrial: true,
    subcategories: [['2100', 90], ['2200', 4], ['2300', 4], ['2400', 2]],
    manufacturers: ['江苏中圣压力容器装备制造有限公司', '淮安市华能压力容器有限公司', '南京宝色股份公司', '张家港化工机械股份有限公司'],
    model: (rng) => `${rng.pick(['C', 'CF', 'FZ', 'HG'])}-${rng.pick(['0.5', '1', '2', '5', '10', '20'])}/${rng.pick(['0.8', '1.0', '1.6', '2.5'])}`,
    keyUnits: [[null, 30], ['hospital', 2], ['school', 1]],
  },
  {
    code: '3000', weight: 45, registration: '梯', industrial: false,
    subcategories: [['3100', 82], ['3200', 3], ['3300', 13], ['3400', 2]],
    manufacturers: ['通力电梯有限公司', '迅达（中国）电梯有限公司', '日立电梯（中国）有限公司', '上海三菱电梯有限公司', '奥的斯电梯（中国）有限公司', '康力电梯股份有限公司', '江南嘉捷电梯股份有限公司'],
    model: (rng) => `${rng.pick(['TKJ', 'GeN2', 'MonoSpace', 'HGP', 'LEHY-III'])}${rng.pick(['800', '1000', '1050', '1350', '1600'])}/${rng.pick(['1.0', '1.5', '1.75', '2.0', '2.5'])}`,
    keyUnits: [[null, 40], ['residential', 40], ['mall', 8], ['hospital', 5], ['school', 4], ['station', 2], ['scenic_area', 1]],
  },
  {
    code: '4000', weight: 10, registration: '起', industrial: true,
    subcategories: [['4100', 50], ['4200', 15], ['4300', 8], ['4400', 8], ['4800', 9], ['4D00', 10]],
    manufacturers: ['河南卫华重型机械股份有限公司', '徐工集团工程机械股份有限公司', '江苏三马起重机械制造有限公司', '纽科伦（新乡）起重机有限公司'],
    model: (rng) => `${rng.pick(['QD', 'LD', 'MH', 'QTZ', 'SC'])}${rng.pick([3, 5, 10, 16, 20, 32])}-${rng.pick([10.5, 16.5, 22.5, 28.5])}`,
    keyUnits: [[null, 30], ['mall', 2], ['residential', 2], ['hospital', 1]],
  },
  {
    code: '5000', weight: 12, registration: '车', industrial: true,
    subcategories: [['5100', 95], ['5200', 5]],
    manufacturers: ['杭叉集团股份有限公司', '安徽合力股份有限公司', '林德（中国）叉车有限公司', '丰田产业车辆（上海）有限公司'],
    model: (rng) => `${rng.pick(['CPD', 'CPCD', 'CPQD'])}${rng.pick([15, 20, 25, 30, 35, 50])}`,
    keyUnits: [[null, 30], ['scenic_area', 1]],
  },
  {
    code: '6000', weight: 1, registration: '游', industrial: false,
    subcategories: [['6100', 2], ['6200', 2], ['6400', 2], ['6600', 2], ['6A00', 3], ['6D00', 1], ['6E00', 2]],
    manufacturers: ['中山市金马科技娱乐设备股份有限公司', '浙江巨马游艺机有限公司', '温州南方游乐设备工程有限公司'],
    model: (rng) => `${rng.pick(['MTL', 'ZM', 'PPC', 'HXC'])}-${rng.pick([8, 12, 16, 24, 36])}`,
    keyUnits: [['scenic_area', 6], ['mall', 3], [null, 1]],
  },
  {
    code: '7000', weight: 1, registration: null, industrial: true,
    subcategories: [['7100', 2], ['7200', 2], ['7300', 3], ['7500', 1]],
    manufacturers: ['江苏武进不锈股份有限公司', '淮安市华宇管件有限公司', '江苏神通阀门股份有限公司'],
    model: (rng) => `${rng.pick(['DN', 'PN'])}${rng.pick([50, 80, 100, 150, 200])}`,
    keyUnits: NO_KEY,
  },
  {
    code: '8000', weight: 5, registration: '管', industrial: true,
    subcategories: [['8200', 3], ['8300', 7]],
    manufacturers: ['中国化学工程第十四建设有限公司', '淮安市安装工程有限公司', '江苏华能管道工程有限公司'],
    model: (rng) => `GC${rng.pick([1, 2, 3])}-${rng.pick([50, 100, 150, 300])}`,
    keyUnits: [[null, 20], ['hospital', 1]],
  },
  {
    code: '9000', weight: 0.05, registration: '索', industrial: false,
    subcategories: [['9100', 2], ['9200', 1], ['9300', 1]],
    manufacturers: ['北京起重运输机械设计研究院有限公司', '意大利莱特纳索道公司'],
    model: (rng) => `${rng.pick(['SLD', 'LDS', 'TQ'])}-${rng.pick([4, 6, 8])}`,
    keyUnits: [['scenic_area', 1]],
  },
  {
    code: 'F000', weight: 3, registration: null, industrial: true,
    subcategories: [['F100', 8], ['F200', 1], ['F300', 1]],
    manufacturers: ['上海阀门厂股份有限公司', '江苏神通阀门股份有限公司', '浙江石化阀门有限公司'],
    model: (rng) => `A${rng.pick([41, 42, 44, 48])}Y-${rng.pick([16, 25, 40])}C`,
    keyUnits: [[null, 20], ['hospital', 1]],
  },
];

/** Inspection institutions of Huai'an (检验机构). */
const INSTITUTIONS = weighted([['淮安市特种设备安全监督检验中心', 6], ['江苏省特种设备安全监督检验研究院淮安分院', 3], ['江苏省特种设备安全监督检验研究院', 1]] as const);
const STATUSES = weighted<EquipmentStatus>([['in_use', 91], ['suspended', 5], ['scrapped', 2.5], ['deregistered', 1.5]]);
const CONCLUSIONS = weighted<InspectionConclusion>([['pass', 90], ['pass_with_remarks', 7], ['fail', 3]]);
const GRADES = weighted([[1, 25], [2, 45], [3, 22], [4, 6], [5, 2]] as const);
const pickCategory = weighted(DEMO_CATEGORIES.map((c) => [c, c.weight] as const));
const subPickers = new Map(DEMO_CATEGORIES.map((c) => [c.code, weighted(c.subcategories)]));
const keyPickers = new Map(DEMO_CATEGORIES.map((c) => [c.code, weighted(c.keyUnits)]));
const REGION_BY_CODE = new Map(DEMO_REGIONS.map((r) => [r.code, r]));

/** A due rule as `equipment_due_rules` holds it (intervalMonths 0: no due date). */
export type DemoDueRule = DueRuleLike;

/**
 * Months to the next inspection of a unit under `rules` — the periodic part's matcher (the most
 * specific matching rule); `first` (from the put-into-service date) falls back to the periodic rule
 * when the category has no first-inspection rule. null: no due date.
 */
function intervalMonths(rules: readonly DemoDueRule[], unit: UnitFacts, basis: 'first' | 'periodic', kind: PeriodicKind = 'periodic'): number | null {
  const rule = basis === 'first' ? (matchRule(rules, unit, 'first') ?? matchRule(rules, unit, 'periodic', kind)) : matchRule(rules, unit, 'periodic', kind);
  return rule && rule.intervalMonths > 0 ? rule.intervalMonths : null;
}

function dateBetween(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return span <= 0 ? from : addDays(from, rng.int(span + 1));
}

/** Picks users with a skew: a few enterprises hold many units, most a few. */
function userPicker(users: readonly UnitUser[]) {
  const manufacturers = users.filter((u) => u.industryCode?.startsWith('C'));
  const skewed = (list: readonly UnitUser[]) => (rng: Rng) => list[Math.floor(rng.next() ** 2.2 * list.length)]!;
  const any = skewed(users);
  const industrial = manufacturers.length ? skewed(manufacturers) : any;
  return (rng: Rng, category: Category) => (category.industrial && rng.chance(0.85) ? industrial(rng) : any(rng));
}

function unitAddress(rng: Rng, user: UnitUser, category: Category, key: KeyUnitKind | null): string {
  const region = REGION_BY_CODE.get(user.regionCode);
  if (key === 'residential' && region) return `${region.addressPrefix}${rng.pick(region.roads)}${1 + rng.int(398)}号${rng.pick(['锦绣', '翡翠', '书香', '御景', '水岸', '春江'])}${rng.pick(['花园', '名邸', '华庭', '小区'])}${1 + rng.int(24)}幢`;
  if (category.code === '3000') return `${user.address}${1 + rng.int(6)}号楼`;
  if (category.industrial) return `${user.address}${rng.pick(['一', '二', '三', '四'])}号车间`;
  return user.address;
}

/**
 * Streams `count` units deterministically. Each unit's inspections follow the default intervals:
 * inspected up to a month before each due date; a fail is re-inspected within two months (the
 * last fail of an in-use unit is left: failed and still in use); about `overdueShare` of in-use
 * units skipped their last inspection (overdue); scrapped and deregistered units stopped being
 * inspected. Only the last three inspections are kept.
 */
export function* generateUnits(opts: GenerateUnitsOptions): Generator<DemoUnit> {
  if (opts.users.length === 0) throw new RangeError('no users to give units to');
  const rng = makeRng(opts.seed);
  const pickUser = userPicker(opts.users);
  const overdueShare = opts.overdueShare ?? 0.04;
  const rules = opts.rules ?? [];
  const latestStart = addDays(opts.today, -30);
  for (let i = 0; i < opts.count; i++) {
    const index = (opts.startIndex ?? 0) + i;
    const category = pickCategory(rng);
    const subcategory = subPickers.get(category.code)!(rng);
    const user = pickUser(rng, category);
    const keyUnitKind = keyPickers.get(category.code)!(rng);
    const safetyGrade = category.code === '2000' ? GRADES(rng) : null;
    // Elevators and rides skew recent (Huai'an's building boom); industrial units reach back to 2000.
    const putIntoServiceOn = dateBetween(rng, category.industrial ? '2000-01-01' : `${2003 + rng.int(12)}-01-01`, latestStart);
    let status = STATUSES(rng);
    if (safetyGrade === 5) status = rng.chance(0.7) ? 'scrapped' : 'suspended';
    const stopsOn = status === 'scrapped' || status === 'deregistered' ? dateBetween(rng, putIntoServiceOn, opts.today) : opts.today;
    const overdue = status === 'in_use' && rng.chance(overdueShare);

    const unit = { category: category.code, subcategory, safetyGrade };
    const inspections: DemoInspection[] = [];
    const first = intervalMonths(rules, unit, 'first');
    let due = first === null ? null : addMonths(putIntoServiceOn, first);
    if (opts.history === false) due = null;
    let cycle = 0;
    while (due !== null && due <= opts.today) {
      const kind = category.code === '1000' ? (cycle % 2 === 0 ? 'external' : 'internal') : 'periodic';
      const interval = intervalMonths(rules, unit, 'periodic', kind);
      const after = interval === null ? null : addMonths(due, interval);
      if (overdue && (after === null || after > opts.today)) break;
      // Before the due day (a fail leaves the due date, which must stay after the inspection).
      const inspectedOn = dateBetween(rng, addDays(due, -30), addDays(due, -1));
      if (inspectedOn > stopsOn) break;
      let conclusion = CONCLUSIONS(rng);
      const serial = pad(index, 7) + pad(cycle, 2);
      const base = { kind, institution: INSTITUTIONS(rng), inspectedOn, dueAnswered: due, reportNo: `${category.code.slice(0, 1)}${inspectedOn.slice(0, 4)}-${serial}` } as const;
      if (conclusion === 'fail') {
        const retest = addDays(inspectedOn, 15 + rng.int(45));
        const lastCycle = after === null || after > opts.today;
        if (retest <= opts.today && !(lastCycle && status === 'in_use' && rng.chance(0.5))) {
          // Repaired and re-inspected: the re-inspection sets the due date.
          inspections.push({ ...base, conclusion: 'fail', nextDue: null });
          conclusion = rng.chance(0.8) ? 'pass' : 'pass_with_remarks';
          const retestInterval = intervalMonths(rules, unit, 'periodic', kind);
          inspections.push({ ...base, inspectedOn: retest, reportNo: `${base.reportNo}F`, conclusion, nextDue: retestInterval === null ? null : addMonths(retest, retestInterval) });
          due = inspections.at(-1)!.nextDue;
          cycle++;
          continue;
        }
        inspections.push({ ...base, conclusion: 'fail', nextDue: null });
        break;
      }
      const nextDue = interval === null ? null : addMonths(inspectedOn, interval);
      inspections.push({ ...base, conclusion, nextDue });
      due = nextDue;
      cycle++;
    }
    const kept = inspections.slice(-3);
    const last = kept.at(-1);
    const code = `${subcategory}${user.regionCode}${putIntoServiceOn.slice(0, 4)}${pad(index, 7)}`;
    yield {
      category: category.code,
      subcategory,
      equipmentCode: code,
      registrationNo: category.registration ? `${category.registration}1${category.code === '3000' ? '1' : '0'}苏H${pad(index, 5)}(${putIntoServiceOn.slice(2, 4)})` : null,
      userUscc: user.uscc,
      regionCode: user.regionCode,
      address: unitAddress(rng, user, category, keyUnitKind),
      manufacturer: rng.pick(category.manufacturers),
      model: category.model(rng),
      factoryNo: `${putIntoServiceOn.slice(0, 4)}${pad(rng.int(100000), 5)}`,
      putIntoServiceOn,
      status,
      keyUnitKind,
      safetyGrade,
      lastInspectedOn: last?.inspectedOn ?? null,
      lastConclusion: last?.conclusion ?? null,
      nextInspectionDue: due,
      inspections: kept,
    };
  }
}
