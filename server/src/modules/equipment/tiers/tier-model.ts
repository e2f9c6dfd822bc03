import { addDays } from '../../../platform/calendar/dates.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { Tier, TierReason } from './tiers.schema.js';

/**
 * The configuration of a tier-model version (分级分类监管): points per factor, caps and the lowest
 * score of tiers B, C and D (below B is A). Every factor is shown as a reason, also with 0 points.
 */
export interface TierModelConfig {
  /** Points for the riskiest top category (e.g. `1000` boilers) among the user's units in use. */
  categoryWeights: Record<string, number>;
  /** Points of a category not listed in `categoryWeights`. */
  defaultCategoryWeight: number;
  /** Points per unit in use, up to `max`. */
  perUnit: { points: number; max: number };
  /** Points per unit in use put into service more than `years` years ago, up to `max`. */
  aged: { years: number; points: number; max: number };
  /** Points per unit in use past its inspection due date, up to `max`. */
  overdue: { points: number; max: number };
  /** Points per unit whose last inspection failed and which is still in use, up to `max`. */
  failedInUse: { points: number; max: number };
  /** Points per open (uncorrected) hazard, major ones weighing more, up to `max`. */
  openHazards: { general: number; major: number; max: number };
  /** Points per accident in the last `years` years and per casualty, up to `max`. */
  accidents: { years: number; points: number; perCasualty: number; max: number };
  /** Points per substantiated complaint or report received in the last 12 months, up to `max` (0 with a note when no complaint data is connected). */
  complaints: { points: number; max: number };
  /** Points when the self-correction rate over hazards found in the last `windowDays` days is below `threshold`. */
  selfCorrection: { windowDays: number; threshold: number; points: number };
  /** The lowest score of tiers B, C and D (increasing); lower scores are tier A. */
  tierBounds: { B: number; C: number; D: number };
}

/** What the score of one user unit is computed from (tier-compute.ts gathers it in SQL). */
export interface TierFacts {
  inUse: number;
  categories: string[];
  aged: number;
  agedIds: string[];
  overdue: number;
  overdueIds: string[];
  failed: number;
  failedIds: string[];
  openGeneral: number;
  openMajor: number;
  openIds: string[];
  accidents: number;
  casualties: number;
  accidentIds: string[];
  selfDue: number;
  selfOnTime: number;
  /** Substantiated complaints and reports about the user received in the last 12 months; absent or null when no complaint data is connected. */
  complaints?: number | null;
}

const isNumber = (v: unknown, min = 0, max = 1000): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** Checks a model configuration (400 VALIDATION naming the field); returns it typed. */
export function checkTierModelConfig(config: unknown): TierModelConfig {
  const c = config as Record<string, Record<string, unknown>>;
  const need = (path: string, ok: boolean) => {
    if (!ok) throw invalid(`config.${path}`, `分级模型配置项 ${path} 不正确`);
  };
  need('categoryWeights', typeof c?.categoryWeights === 'object' && c.categoryWeights !== null && !Array.isArray(c.categoryWeights));
  for (const [code, w] of Object.entries(c.categoryWeights!)) need(`categoryWeights.${code}`, /^[0-9A-Z]{4}$/.test(code) && isNumber(w));
  need('defaultCategoryWeight', isNumber(c.defaultCategoryWeight));
  const groups: Record<string, string[]> = {
    perUnit: ['points', 'max'],
    aged: ['years', 'points', 'max'],
    overdue: ['points', 'max'],
    failedInUse: ['points', 'max'],
    openHazards: ['general', 'major', 'max'],
    accidents: ['years', 'points', 'perCasualty', 'max'],
    complaints: ['points', 'max'],
    selfCorrection: ['windowDays', 'threshold', 'points'],
    tierBounds: ['B', 'C', 'D'],
  };
  for (const [group, keys] of Object.entries(groups)) {
    need(group, typeof c[group] === 'object' && c[group] !== null);
    for (const key of keys) need(`${group}.${key}`, isNumber(c[group]![key], 0, group === 'selfCorrection' && key === 'windowDays' ? 3660 : 1000));
  }
  const m = c as unknown as TierModelConfig;
  need('aged.years', m.aged.years >= 1);
  need('accidents.years', m.accidents.years >= 1);
  need('selfCorrection.windowDays', m.selfCorrection.windowDays >= 1);
  need('selfCorrection.threshold', m.selfCorrection.threshold <= 1);
  need('tierBounds', m.tierBounds.B > 0 && m.tierBounds.B < m.tierBounds.C && m.tierBounds.C < m.tierBounds.D);
  return m;
}

/** The tier of a score under the model's bounds. */
export function tierOf(score: number, bounds: TierModelConfig['tierBounds']): Tier {
  if (score >= bounds.D) return 'D';
  if (score >= bounds.C) return 'C';
  if (score >= bounds.B) return 'B';
  return 'A';
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const capped = (n: number, max: number) => round2(Math.min(n, max));
const records = (type: string, ids: string[]) => (ids.length ? { records: ids.map((id) => ({ type, id })) } : {});
const percent = (r: number) => `${(Math.floor(r * 1000) / 10).toFixed(1)}%`;

/**
 * The dates a computation on `today` counts from: units put into service on or before `agedOn`,
 * accidents from `accidentsFrom`, self-inspection hazards from `selfFrom`, substantiated complaints
 * received from `complaintsFrom` (12 months: the same day a year before).
 */
export function cutoffsOf(config: TierModelConfig, today: string) {
  const yearsBefore = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
  return { agedOn: yearsBefore(config.aged.years), accidentsFrom: yearsBefore(config.accidents.years), selfFrom: addDays(today, -config.selfCorrection.windowDays), complaintsFrom: yearsBefore(1) };
}

/**
 * The score of one user unit: the points of each factor (each capped) and their sum, the tier and
 * the reasons (every factor, with its detail and the records behind it). Pure: the arithmetic the
 * tests pin.
 */
export function scoreOf(config: TierModelConfig, facts: TierFacts): { score: number; tier: Tier; reasons: TierReason[] } {
  const weights = facts.categories.map((c) => config.categoryWeights[c] ?? config.defaultCategoryWeight);
  const categoryPoints = weights.length ? Math.max(...weights) : 0;
  const riskiest = facts.categories.find((c) => (config.categoryWeights[c] ?? config.defaultCategoryWeight) === categoryPoints);
  const rate = facts.selfDue === 0 ? null : facts.selfOnTime / facts.selfDue;
  const { selfCorrection: sc } = config;
  const reasons: TierReason[] = [
    {
      factor: 'category_risk',
      points: round2(categoryPoints),
      detail: riskiest ? `在用设备类别 ${[...facts.categories].sort().join('、')}，风险最高的类别 ${riskiest} 计 ${round2(categoryPoints)} 分` : '无在用设备',
    },
    { factor: 'unit_count', points: capped(facts.inUse * config.perUnit.points, config.perUnit.max), detail: `在用设备 ${facts.inUse} 台，每台 ${config.perUnit.points} 分，最多 ${config.perUnit.max} 分` },
    {
      factor: 'aged_units',
      points: capped(facts.aged * config.aged.points, config.aged.max),
      detail: `投入使用超过 ${config.aged.years} 年的在用设备 ${facts.aged} 台，每台 ${config.aged.points} 分，最多 ${config.aged.max} 分`,
      ...records('equipment', facts.agedIds),
    },
    {
      factor: 'overdue_units',
      points: capped(facts.overdue * config.overdue.points, config.overdue.max),
      detail: `超期未检的在用设备 ${facts.overdue} 台，每台 ${config.overdue.points} 分，最多 ${config.overdue.max} 分`,
      ...records('equipment', facts.overdueIds),
    },
    {
      factor: 'failed_in_use',
      points: capped(facts.failed * config.failedInUse.points, config.failedInUse.max),
      detail: `检验不合格仍在使用的设备 ${facts.failed} 台，每台 ${config.failedInUse.points} 分，最多 ${config.failedInUse.max} 分`,
      ...records('equipment', facts.failedIds),
    },
    {
      factor: 'open_hazards',
      points: capped(facts.openGeneral * config.openHazards.general + facts.openMajor * config.openHazards.major, config.openHazards.max),
      detail: `未整改隐患：一般 ${facts.openGeneral} 项（每项 ${config.openHazards.general} 分）、重大 ${facts.openMajor} 项（每项 ${config.openHazards.major} 分），最多 ${config.openHazards.max} 分`,
      ...records('equipment_hazard', facts.openIds),
    },
    {
      factor: 'accidents',
      points: capped(facts.accidents * config.accidents.points + facts.casualties * config.accidents.perCasualty, config.accidents.max),
      detail: `近 ${config.accidents.years} 年事故 ${facts.accidents} 起（每起 ${config.accidents.points} 分），伤亡 ${facts.casualties} 人（每人 ${config.accidents.perCasualty} 分），最多 ${config.accidents.max} 分`,
      ...records('equipment_accident', facts.accidentIds),
    },
    facts.complaints === undefined || facts.complaints === null
      ? { factor: 'complaints', points: 0, detail: '尚未接入投诉举报数据，本项暂计 0 分' }
      : {
          factor: 'complaints',
          points: capped(facts.complaints * config.complaints.points, config.complaints.max),
          detail: `近 12 个月被投诉举报且经核查属实 ${facts.complaints} 件，每件 ${config.complaints.points} 分，最多 ${config.complaints.max} 分`,
        },
    {
      factor: 'self_correction',
      points: rate !== null && rate < sc.threshold ? round2(sc.points) : 0,
      detail:
        rate === null
          ? `近 ${sc.windowDays} 天自查发现的隐患尚无到期的，本项不计分`
          : `近 ${sc.windowDays} 天自查发现且整改期限已过的隐患 ${facts.selfDue} 项，按期整改 ${facts.selfOnTime} 项，自查自纠率 ${percent(rate)}，${rate < sc.threshold ? `低于 ${percent(sc.threshold)}，计 ${sc.points} 分` : `不低于 ${percent(sc.threshold)}，不计分`}`,
    },
  ];
  const score = round2(reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, tier: tierOf(score, config.tierBounds), reasons };
}

/** Version 1 of the model, as inserted by the migration `equipment_tier_model` (the same values). */
export const TIER_MODEL_V1: TierModelConfig = {
  categoryWeights: { '1000': 4, '2000': 3, '3000': 3, '4000': 3, '5000': 2, '6000': 4, '7000': 1, '8000': 3, '9000': 4, F000: 1 },
  defaultCategoryWeight: 2,
  perUnit: { points: 0.5, max: 10 },
  aged: { years: 15, points: 1, max: 10 },
  overdue: { points: 3, max: 15 },
  failedInUse: { points: 5, max: 15 },
  openHazards: { general: 2, major: 6, max: 20 },
  accidents: { years: 2, points: 10, perCasualty: 2, max: 30 },
  complaints: { points: 2, max: 10 },
  selfCorrection: { windowDays: 365, threshold: 0.9, points: 8 },
  tierBounds: { B: 10, C: 20, D: 35 },
};
