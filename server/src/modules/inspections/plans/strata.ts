import type { ClassRatios, PlanMode } from '../inspections.schema.js';

/** The strata of a plan over enterprises: the credit classes, and entities not yet classified. */
export const STRATA = ['A', 'B', 'C', 'D', '未分类'] as const;
/**
 * The stratum of key units (重点单位, SAMR Order 57 §9) in pools of special equipment or its user
 * units: a stratum of its own, sampled at `ratios.key` (default KEY_UNIT_RATIO), whatever the tier.
 */
export const KEY_STRATUM = '重点单位';
/** The strata of a plan over an equipment or user-unit pool: the tiers A–D, untiered, and key units. */
export const TIER_STRATA = [...STRATA, KEY_STRATUM] as const;
export type StratumName = (typeof TIER_STRATA)[number];

/** Default sampling ratios in percent (A 3 %, B 5 %, C 15 %, D 100 %); unclassified entities take B's. */
export const DEFAULT_RATIOS: ClassRatios = { A: 3, B: 5, C: 15, D: 100 };
/** Default ratio of the key-unit stratum in percent: higher than any tier's but D's (SAMR Order 57 §9). */
export const KEY_UNIT_RATIO = 30;

/** When a plan's minimum is not reached, the riskier strata are topped up first. */
const TOP_UP_ORDER: StratumName[] = ['D', KEY_STRATUM, 'C', '未分类', 'B', 'A'];

export interface SizingRule {
  mode: PlanMode;
  ratios?: ClassRatios | null;
  minimum?: number | null;
  fixedCount?: number | null;
}

/**
 * How many to draw from each stratum of sizes `n`: everyone (`all`); ⌈n × ratio⌉ per stratum, then
 * topped up (riskiest first) to the plan's minimum (`ratio`); or a fixed total shared in proportion
 * to the strata by largest remainder (`fixed`). Never more than a stratum holds.
 */
export function stratumSizes<S extends StratumName>(n: Record<S, number>, rule: SizingRule, names: readonly S[] = STRATA as readonly string[] as readonly S[]): Record<S, number> {
  const k = Object.fromEntries(names.map((s) => [s, 0])) as Record<S, number>;
  const total = names.reduce((sum, s) => sum + n[s], 0);
  if (rule.mode === 'all') {
    for (const s of names) k[s] = n[s];
    return k;
  }
  if (rule.mode === 'fixed') {
    const want = Math.min(rule.fixedCount ?? 0, total);
    if (total === 0) return k;
    const shares = names.map((s) => ({ s, exact: (want * n[s]) / total }));
    for (const { s, exact } of shares) k[s] = Math.floor(exact);
    let left = want - names.reduce((sum, s) => sum + k[s], 0);
    for (const { s } of [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || names.indexOf(a.s) - names.indexOf(b.s))) {
      if (left === 0) break;
      if (k[s] < n[s]) {
        k[s]++;
        left--;
      }
    }
    return k;
  }
  const ratios = rule.ratios ?? DEFAULT_RATIOS;
  const ratioOf = (s: StratumName) => (s === '未分类' ? ratios.B : s === KEY_STRATUM ? (ratios.key ?? KEY_UNIT_RATIO) : ratios[s]);
  for (const s of names) k[s] = Math.min(n[s], Math.ceil((n[s] * ratioOf(s)) / 100));
  let missing = Math.min(rule.minimum ?? 0, total) - names.reduce((sum, s) => sum + k[s], 0);
  for (const s of TOP_UP_ORDER.filter((t): t is S => (names as readonly string[]).includes(t))) {
    if (missing <= 0) break;
    const add = Math.min(missing, n[s] - k[s]);
    k[s] += add;
    missing -= add;
  }
  return k;
}
