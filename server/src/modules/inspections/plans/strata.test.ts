import { describe, expect, it } from 'vitest';
import { TIER_STRATA, stratumSizes } from './strata.js';

const n = { A: 100, B: 200, C: 40, D: 3, 未分类: 21 };

describe('stratum sizes of a plan', () => {
  it('takes ⌈n × ratio⌉ per credit class, unclassified like B, by default A 3 %, B 5 %, C 15 %, D 100 %', () => {
    expect(stratumSizes(n, { mode: 'ratio' })).toEqual({ A: 3, B: 10, C: 6, D: 3, 未分类: 2 });
    expect(stratumSizes(n, { mode: 'ratio', ratios: { A: 1, B: 2, C: 50, D: 0 } })).toEqual({ A: 1, B: 4, C: 20, D: 0, 未分类: 1 });
  });

  it('tops up to the minimum, riskiest strata first, never beyond what a stratum holds', () => {
    expect(stratumSizes(n, { mode: 'ratio', ratios: { A: 0, B: 0, C: 0, D: 0 }, minimum: 50 })).toEqual({ A: 0, B: 0, C: 40, D: 3, 未分类: 7 });
    expect(stratumSizes({ A: 1, B: 1, C: 0, D: 0, 未分类: 0 }, { mode: 'ratio', minimum: 10 })).toEqual({ A: 1, B: 1, C: 0, D: 0, 未分类: 0 });
  });

  it('shares a fixed count in proportion (largest remainder), and takes everyone in `all`', () => {
    const fixed = stratumSizes(n, { mode: 'fixed', fixedCount: 30 });
    expect(Object.values(fixed).reduce((a, b) => a + b, 0)).toBe(30);
    expect(fixed).toEqual({ A: 8, B: 17, C: 3, D: 0, 未分类: 2 });
    expect(stratumSizes(n, { mode: 'fixed', fixedCount: 10_000 })).toEqual(n);
    expect(stratumSizes(n, { mode: 'all' })).toEqual(n);
  });

  it('sizes the key-unit stratum of an equipment pool at ratios.key (default 30 %), and tops it up right after D', () => {
    const tiers = { A: 100, B: 0, C: 10, D: 2, 未分类: 20, 重点单位: 10 };
    expect(stratumSizes(tiers, { mode: 'ratio' }, TIER_STRATA)).toEqual({ A: 3, B: 0, C: 2, D: 2, 未分类: 1, 重点单位: 3 });
    expect(stratumSizes(tiers, { mode: 'ratio', ratios: { A: 3, B: 5, C: 15, D: 100, key: 100 } }, TIER_STRATA).重点单位).toBe(10);
    expect(stratumSizes(tiers, { mode: 'ratio', ratios: { A: 0, B: 0, C: 0, D: 0, key: 0 }, minimum: 8 }, TIER_STRATA)).toEqual({ A: 0, B: 0, C: 0, D: 2, 未分类: 0, 重点单位: 6 });
    // An enterprise plan's strata are unchanged: no key stratum.
    expect(Object.keys(stratumSizes(n, { mode: 'ratio' }))).toEqual(['A', 'B', 'C', 'D', '未分类']);
  });
});
