import { AppError } from '../../../platform/http/errors.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { RewardRules } from './rewards.schema.js';

/** The largest amount a rule or a reward may name (the `amount` column holds 12 digits, 2 after the point). */
export const REWARD_AMOUNT_MAX = 99_999_999.99;
/** The largest case fine a proposal may name (the `case_fine` column holds 14 digits, 2 after the point). */
export const CASE_FINE_MAX = 999_999_999_999.99;

const isAmount = (v: unknown, max = REWARD_AMOUNT_MAX): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
/** Rounds to cents (half away from zero on the cent). */
export const toCents = (n: number) => Math.round(n * 100);
export const round2 = (n: number) => toCents(n) / 100;

/**
 * Checks a version of the reward rules (400 VALIDATION naming the field): `mode` `fine_percent`
 * or `scale`; `percent` 0–100; `min` ≤ `max`, both ≥ 0; `scale` a list of levels with a unique
 * non-empty `level`, a `name` and an `amount` ≥ 0 (at least one level when the mode is `scale`).
 * Amounts are rounded to 2 decimals. Returns the rules as stored.
 */
export function checkRewardRules(input: unknown): RewardRules {
  const r = input as Partial<RewardRules> | null;
  if (typeof r !== 'object' || r === null) throw invalid('rules', '奖励规则不正确');
  if (r.mode !== 'fine_percent' && r.mode !== 'scale') throw invalid('mode', '计奖方式只能是按罚没款比例（fine_percent）或按等级定额（scale）');
  if (typeof r.percent !== 'number' || !Number.isFinite(r.percent) || r.percent < 0 || r.percent > 100) throw invalid('percent', '奖励比例应在 0 至 100 之间');
  if (!isAmount(r.min)) throw invalid('min', '最低奖励金额应为不小于 0 的金额');
  if (!isAmount(r.max)) throw invalid('max', '最高奖励金额应为不小于 0 的金额');
  if (round2(r.min) > round2(r.max)) throw invalid('max', '最高奖励金额不能低于最低奖励金额');
  if (!Array.isArray(r.scale)) throw invalid('scale', '奖励等级应为列表');
  const seen = new Set<string>();
  const scale = r.scale.map((s, i) => {
    const level = typeof s?.level === 'string' ? s.level.trim() : '';
    const name = typeof s?.name === 'string' ? s.name.trim() : '';
    if (!level || level.length > 20) throw invalid(`scale.${i}.level`, '奖励等级代码不能为空，且不超过 20 个字符');
    if (seen.has(level)) throw invalid(`scale.${i}.level`, `奖励等级 ${level} 重复`);
    seen.add(level);
    if (!name || name.length > 100) throw invalid(`scale.${i}.name`, '奖励等级名称不能为空，且不超过 100 个字符');
    if (!isAmount(s.amount)) throw invalid(`scale.${i}.amount`, '奖励等级金额应为不小于 0 的金额');
    return { level, name, amount: round2(s.amount) };
  });
  if (r.mode === 'scale' && scale.length === 0) throw invalid('scale', '按等级定额计奖时至少要有一个奖励等级');
  return { mode: r.mode, percent: r.percent, min: round2(r.min), max: round2(r.max), scale };
}

/**
 * The amount of a reward under `rules` (the officer never types it): `fine_percent` — `percent`
 * of `caseFine` (required) rounded to the cent, then raised to `min` or lowered to `max`;
 * `scale` — the amount of `level` (required, one of the rules' levels). 400 VALIDATION naming
 * `caseFine` or `level` otherwise.
 */
export function rewardAmount(rules: RewardRules, input: { caseFine?: number | null; level?: string | null }): { amount: number; caseFine: number | null; level: string | null; levelName: string | null } {
  if (rules.mode === 'fine_percent') {
    if (input.caseFine === undefined || input.caseFine === null) throw invalid('caseFine', '按罚没款比例计奖时须填写案件罚没款金额');
    if (!isAmount(input.caseFine, CASE_FINE_MAX)) throw invalid('caseFine', '案件罚没款金额应为不小于 0 的金额');
    const caseFine = round2(input.caseFine);
    const cents = Math.round((toCents(caseFine) * rules.percent) / 100);
    const amount = Math.min(Math.max(cents, toCents(rules.min)), toCents(rules.max)) / 100;
    return { amount, caseFine, level: null, levelName: null };
  }
  const level = input.level?.trim();
  if (!level) throw invalid('level', '按等级定额计奖时须选择奖励等级');
  const found = rules.scale.find((s) => s.level === level);
  if (!found) throw new AppError('VALIDATION', `奖励规则中没有等级 ${level}`, 400, { field: 'level', levels: rules.scale.map((s) => s.level) });
  const given = input.caseFine ?? null;
  if (given !== null && !isAmount(given, CASE_FINE_MAX)) throw invalid('caseFine', '案件罚没款金额应为不小于 0 的金额');
  return { amount: round2(found.amount), caseFine: given === null ? null : round2(given), level: found.level, levelName: found.name };
}
