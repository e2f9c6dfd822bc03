import type { ClassRatios, PlanMode } from '../inspections.schema.js';

/** The strata of a plan: the credit classes, and entities not yet classified. */
export const STRATA = ['A', 'B', 'C', 'D', '未分类'] as const;
export type StratumName = (typeof STRATA)[number];

/** Default sampling ratios in percent (A 3 %, B 5 %, C 15 %, D 100 %); unclassified entities take B's. */
export const DEFAULT_RATIOS: ClassRatios = { A: 3, B: 5, C: 15, D: 100 };

/** When a plan's minimum is not reached, the riskier strata are topped up first. */
const TOP_UP_ORDER: StratumName[] = ['D', 'C', '未分类', 'B', 'A'];

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
export function stratumSizes(n: Record<StratumName, number>, rule: SizingRule): Record<StratumName, number> {
  const k = Object.fromEntries(STRATA.map((s) => [s, 0])) as Record<StratumName, number>;
  const total = STRATA.reduce((sum, s) => sum + n[s], 0);
  if (rule.mode === 'all') {
    for (const s of STRATA) k[s] = n[s];
    return k;
  }
  if (rule.mode === 'fixed') {
    const want = Math.min(rule.fixedCount ?? 0, total);
    if (total === 0) return k;
    const shares = STRATA.map((s) => ({ s, exact: (want * n[s]) / total }));
    for (const { s, exact } of shares) k[s] = Math.floor(exact);
    let left = want - STRATA.reduce((sum, s) => sum + k[s], 0);
    for (const { s } of [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || STRATA.indexOf(a.s) - STRATA.indexOf(b.s))) {
      if (left === 0) break;
      if (k[s] < n[s]) {
        k[s]++;
        left--;
      }
    }
    return k;
  }
  const ratios = rule.ratios ?? DEFAULT_RATIOS;
  const ratioOf = (s: StratumName) => (s === '未分类' ? ratios.B : ratios[s]);
  for (const s of STRATA) k[s] = Math.min(n[s], Math.ceil((n[s] * ratioOf(s)) / 100));
  let missing = Math.min(rule.minimum ?? 0, total) - STRATA.reduce((sum, s) => sum + k[s], 0);
  for (const s of TOP_UP_ORDER) {
    if (missing <= 0) break;
    const add = Math.min(missing, n[s] - k[s]);
    k[s] += add;
    missing -= add;
  }
  return k;
}
