import { invalid } from '../../../platform/validation/fields.js';
import { type CreditClassValue, EVALUATOR_GRADES, type EvaluatorGrade } from '../credit.schema.js';
import { CREDIT_EVENT_KINDS, type CreditEventKind } from '../events/event-kinds.js';

/** How a record's points fade with its age: not at all, halving every `halfLifeMonths`, or linearly to 0 at the window's end. */
export type CreditDecay = 'none' | 'linear' | { halfLifeMonths: number };

/**
 * One factor of the model: the event kinds it counts, the points of each record (plus
 * `perMagnitude.points` per `perMagnitude.per` units of the record's magnitude, e.g. per 10,000
 * yuan of a fine), records older than `windowMonths` ignored, younger ones decayed, the factor's
 * total clamped to ±`cap`.
 */
export interface CreditFactor {
  key: string;
  label: string;
  kinds: CreditEventKind[];
  points: number;
  perMagnitude?: { points: number; per: number };
  windowMonths: number;
  decay: CreditDecay;
  cap: number;
}

/** A version's configuration (企业质量信用评价标准) — see README.md § The model. */
export interface CreditModelConfig {
  /** The score of an enterprise without any counted record. */
  base: number;
  /** The lowest score of classes A, B and C (strictly decreasing); below C is D. */
  classBounds: { A: number; B: number; C: number };
  factors: CreditFactor[];
  /** Points of a third-party evaluator's grade: the magnitude of a `credit.rating` record. */
  evaluatorGrades: Record<EvaluatorGrade, number>;
}

/** Factor keys the read API uses for its own items (the listing, the override). */
export const RESERVED_FACTOR_KEYS = ['listed', 'override'] as const;
/** Kinds shown on the timeline only: no factor may count them (a transfer the police did not accept is no sign of a crime). */
const TIMELINE_ONLY_KINDS: readonly CreditEventKind[] = ['credit.feedback', 'case.transfer_not_accepted'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const isInteger = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && isNumber(v, min, max);

/** Throws 400 VALIDATION naming `config.<path>` unless `ok`. */
function need(path: string, ok: boolean, message = `信用模型配置项 config.${path} 不正确`): asserts ok {
  if (!ok) throw invalid(`config.${path}`, message);
}

/** Only these keys (unknown ones are rejected, naming the first). */
function onlyKeys(path: string, value: Json, allowed: readonly string[]) {
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  need(unknown === undefined ? path : `${path ? `${path}.` : ''}${unknown}`, unknown === undefined, `信用模型配置不认识的项：${unknown}`);
}

function checkFactor(f: unknown, i: number, kindsSeen: Map<string, string>): CreditFactor {
  const p = `factors.${i}`;
  need(p, isObject(f));
  onlyKeys(p, f, ['key', 'label', 'kinds', 'points', 'perMagnitude', 'windowMonths', 'decay', 'cap']);
  need(`${p}.key`, typeof f.key === 'string' && /^[a-z][a-z0-9_]{1,39}$/.test(f.key) && !(RESERVED_FACTOR_KEYS as readonly string[]).includes(f.key), '因素代码应为 2–40 位小写字母、数字或下划线（listed、override 为保留字）');
  need(`${p}.label`, typeof f.label === 'string' && f.label.trim().length > 0 && f.label.length <= 30, '因素名称应为 1–30 个字');
  need(`${p}.kinds`, Array.isArray(f.kinds) && f.kinds.length > 0 && f.kinds.length <= CREDIT_EVENT_KINDS.length);
  (f.kinds as unknown[]).forEach((k, j) => {
    need(`${p}.kinds.${j}`, (CREDIT_EVENT_KINDS as readonly unknown[]).includes(k) && !(TIMELINE_ONLY_KINDS as readonly unknown[]).includes(k), `未知或不计分的信用事件类型：${String(k)}`);
    const owner = kindsSeen.get(k as string);
    need(`${p}.kinds.${j}`, owner === undefined, `信用事件类型 ${String(k)} 已由因素 ${owner} 计分，一类事件只能计入一个因素`);
    kindsSeen.set(k as string, f.key as string);
  });
  need(`${p}.points`, isNumber(f.points, -100, 100), '每条记录的分值应在 -100 到 100 之间');
  if (f.perMagnitude !== undefined) {
    need(`${p}.perMagnitude`, isObject(f.perMagnitude));
    onlyKeys(`${p}.perMagnitude`, f.perMagnitude, ['points', 'per']);
    need(`${p}.perMagnitude.points`, isNumber(f.perMagnitude.points, -100, 100));
    need(`${p}.perMagnitude.per`, isNumber(f.perMagnitude.per, 0.01, 1e9) && f.perMagnitude.per > 0);
  }
  need(`${p}.windowMonths`, isInteger(f.windowMonths, 1, 120), '计分期限应为 1–120 个月');
  if (isObject(f.decay)) {
    onlyKeys(`${p}.decay`, f.decay, ['halfLifeMonths']);
    need(`${p}.decay.halfLifeMonths`, isNumber(f.decay.halfLifeMonths, 1, 120), '半衰期应为 1–120 个月');
  } else need(`${p}.decay`, f.decay === 'none' || f.decay === 'linear', "衰减方式应为 'none'、'linear' 或 { halfLifeMonths }");
  need(`${p}.cap`, isNumber(f.cap, 0.01, 1000), '因素上限应在 0.01 到 1000 之间');
  return f as unknown as CreditFactor;
}

/** Checks a model configuration strictly (unknown keys rejected; 400 VALIDATION naming `config.<path>`). */
export function checkCreditModelConfig(config: unknown): CreditModelConfig {
  need('', isObject(config), '信用模型配置应为对象');
  const c = config as Json;
  onlyKeys('', c, ['base', 'classBounds', 'factors', 'evaluatorGrades']);
  need('base', isNumber(c.base, 0, 1000), '基础分应在 0 到 1000 之间');
  need('classBounds', isObject(c.classBounds));
  const bounds = c.classBounds as Json;
  onlyKeys('classBounds', bounds, ['A', 'B', 'C']);
  for (const k of ['A', 'B', 'C']) need(`classBounds.${k}`, isNumber(bounds[k], -10000, 10000));
  need('classBounds', (bounds.A as number) > (bounds.B as number) && (bounds.B as number) > (bounds.C as number), '等级分数线应满足 A > B > C');
  need('factors', Array.isArray(c.factors) && c.factors.length > 0 && c.factors.length <= 50, '应有 1–50 个计分因素');
  const kindsSeen = new Map<string, string>();
  const factors = (c.factors as unknown[]).map((f, i) => checkFactor(f, i, kindsSeen));
  const keys = new Set<string>();
  factors.forEach((f, i) => {
    need(`factors.${i}.key`, !keys.has(f.key), `因素代码重复：${f.key}`);
    keys.add(f.key);
  });
  need('evaluatorGrades', isObject(c.evaluatorGrades));
  const grades = c.evaluatorGrades as Json;
  onlyKeys('evaluatorGrades', grades, EVALUATOR_GRADES);
  for (const g of EVALUATOR_GRADES) need(`evaluatorGrades.${g}`, isNumber(grades[g], -100, 100), '评价等级分值应在 -100 到 100 之间');
  return c as unknown as CreditModelConfig;
}

/** The class of a score under the model's bounds. */
export function classOf(score: number, bounds: CreditModelConfig['classBounds']): CreditClassValue {
  if (score >= bounds.A) return 'A';
  if (score >= bounds.B) return 'B';
  if (score >= bounds.C) return 'C';
  return 'D';
}

const factor = (key: string, label: string, kinds: CreditEventKind[], points: number, windowMonths: number, decay: CreditDecay, cap: number, perMagnitude?: CreditFactor['perMagnitude']): CreditFactor => ({
  key,
  label,
  kinds,
  points,
  ...(perMagnitude ? { perMagnitude } : {}),
  windowMonths,
  decay,
  cap,
});

/** Version 1 of the model, as inserted by the migration `credit_model_v1` (a test checks they match); README.md explains it. */
export const CREDIT_MODEL_V1: CreditModelConfig = {
  base: 80,
  classBounds: { A: 90, B: 70, C: 50 },
  factors: [
    factor('penalties', '行政处罚', ['case.penalty'], -8, 36, { halfLifeMonths: 12 }, 40, { points: -1, per: 10000 }),
    factor('transfers', '涉嫌犯罪移送', ['case.transferred'], -20, 60, 'none', 40),
    factor('licence_revocations', '许可被吊销撤销', ['licence.revoked'], -15, 60, 'none', 30),
    factor('licence_warnings', '许可警告或责令整改', ['licence.warning', 'licence.change_ordered'], -2, 24, 'linear', 6),
    factor('spotchecks_failed', '监督抽查不合格', ['spotcheck.failed'], -6, 36, 'linear', 18),
    factor('spotchecks_not_corrected', '抽查不合格逾期未整改', ['spotcheck.not_corrected'], -10, 36, 'none', 20),
    factor('inspection_problems', '双随机检查发现问题', ['inspection.problems'], -4, 24, 'linear', 16),
    factor('inspection_not_found', '双随机检查查无下落', ['inspection.not_found'], -5, 24, 'linear', 10),
    factor('complaints', '投诉举报属实', ['complaint.substantiated'], -3, 12, 'linear', 15),
    factor('equipment_overdue', '特种设备超期未检', ['equipment.overdue'], -2, 12, 'none', 10),
    factor('equipment_hazards', '特种设备一般隐患', ['equipment.hazard_general'], -1, 12, 'linear', 5),
    factor('equipment_major_hazards', '特种设备重大隐患', ['equipment.hazard_major'], -8, 24, { halfLifeMonths: 12 }, 24),
    factor('equipment_accidents', '特种设备事故', ['equipment.accident'], -15, 36, { halfLifeMonths: 18 }, 30),
    factor('dishonest_list', '列入严重违法失信名单', ['credit.listed'], -40, 120, 'none', 40),
    factor('commitments', '信用承诺', ['commitment.made'], 3, 36, 'none', 3),
    factor('commitments_withdrawn', '撤回信用承诺', ['commitment.withdrawn'], -3, 36, 'none', 3),
    factor('spotchecks_passed', '监督抽查合格', ['spotcheck.passed'], 2, 36, 'linear', 6),
    factor('inspections_passed', '双随机检查未发现问题', ['inspection.passed'], 2, 24, 'linear', 6),
    factor('evaluator_rating', '第三方信用评价', ['credit.rating'], 0, 36, 'none', 10, { points: 1, per: 1 }),
  ],
  evaluatorGrades: { AAA: 10, AA: 6, A: 3, B: 0, C: -10 },
};
