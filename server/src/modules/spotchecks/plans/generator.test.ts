import { describe, expect, it } from 'vitest';
import { type GeneratorInput, type GeneratorProduct, above95, generatePlan } from './generator.js';

/** The year-end generator without a database (README.md § The generator). */
const Y = 2027;
const product = (code: string, impact = 3, batchCost = 1000, active = true): GeneratorProduct => ({ id: `id-${code}`, code, impact, batchCost, active });
const input = (over: Partial<GeneratorInput> = {}): GeneratorInput => ({
  year: Y,
  budget: 10_000_000,
  rule: { mode: 'skip' },
  products: [],
  stats: new Map(),
  complaints: new Map(),
  suggestions: new Map(),
  ...over,
});
const lineOf = (r: ReturnType<typeof generatePlan>, code: string) => r.lines.find((l) => l.productCode === code);

describe('the 95 % rule', () => {
  const stats = new Map([
    ['id-A', [{ year: Y - 1, batches: 2000, passed: 1900 }]], // 95.00 %
    ['id-B', [{ year: Y - 1, batches: 10000, passed: 9501 }]], // 95.01 %
    ['id-C', [{ year: Y - 1, batches: 20, passed: 19 }]], // 19/20 = 95 % exactly
    ['id-D', [{ year: Y - 1, batches: 30, passed: 29 }]], // 96.67 %
    ['id-E', [{ year: Y - 2, batches: 30, passed: 30 }]], // nothing last year
  ]);
  const products = ['A', 'B', 'C', 'D', 'E'].map((c) => product(c));

  it('skip: above 95 % last year is left out; exactly 95 % is not above; no data last year is kept (NO_HISTORY)', () => {
    const r = generatePlan(input({ products, stats }));
    expect(r.lines.map((l) => l.productCode).sort()).toEqual(['A', 'C', 'E']);
    expect(r.excluded).toEqual([
      { productCode: 'B', reason: { code: 'PASS_RATE_ABOVE_95', text: '2026 年合格率 95.01%（9501/10000 批次）高于 95%，本年度不列入计划' } },
      { productCode: 'D', reason: { code: 'PASS_RATE_ABOVE_95', text: '2026 年合格率 96.67%（29/30 批次）高于 95%，本年度不列入计划' } },
    ]);
    expect(lineOf(r, 'E')!.reasons.map((x) => x.code)).toContain('NO_HISTORY');
    expect(lineOf(r, 'A')!.reasons.map((x) => x.code)).not.toContain('NO_HISTORY');
    expect(above95({ batches: 20, passed: 19 })).toBe(false);
    expect(above95({ batches: 0, passed: 0 })).toBe(false);
  });

  it('reduce: the batches are reduced BY the percentage, at least 1 left; 95 % exactly untouched', () => {
    const r = generatePlan(input({ products, stats, rule: { mode: 'reduce', reducePercent: 50 } }));
    expect(r.excluded).toEqual([]);
    // Impact 3: base 4 batches; the three-year rate of B and D is above 95 %: no addition.
    expect(lineOf(r, 'B')).toMatchObject({ batches: 2, cost: 2000 });
    expect(lineOf(r, 'B')!.reasons.find((x) => x.code === 'PASS_RATE_ABOVE_95_REDUCED')!.text).toBe('2026 年合格率 95.01%（9501/10000 批次）高于 95%，批次减少 50%：4 → 2 批次');
    expect(lineOf(r, 'D')!.batches).toBe(2);
    expect(lineOf(r, 'C')!.batches).toBe(4);
    expect(lineOf(r, 'C')!.reasons.map((x) => x.code)).not.toContain('PASS_RATE_ABOVE_95_REDUCED');
    const most = generatePlan(input({ products, stats, rule: { mode: 'reduce', reducePercent: 90 } }));
    expect(lineOf(most, 'D')!.batches).toBe(1);
    const all = generatePlan(input({ products, stats, rule: { mode: 'reduce', reducePercent: 100 } }));
    expect(lineOf(all, 'D')!.batches).toBe(1);
    const third = generatePlan(input({ products, stats, rule: { mode: 'reduce', reducePercent: 30 } }));
    expect(lineOf(third, 'D')!.batches).toBe(2); // floor(4 × 70 %) = 2
  });
});

describe('reasons', () => {
  it('impact base, the three-year weighted rate, complaints and suggestions, each with its numbers', () => {
    const stats = new Map([
      [
        'id-P',
        [
          { year: Y - 1, batches: 10, passed: 8 },
          { year: Y - 2, batches: 20, passed: 17 },
          { year: Y - 3, batches: 10, passed: 9 },
        ],
      ],
    ]);
    const r = generatePlan(
      input({
        products: [product('P', 4, 3000)],
        stats,
        complaints: new Map([['id-P', 5]]),
        suggestions: new Map([['id-P', ['泗阳县市场监督管理局', '沭阳县市场监督管理局', '泗阳县市场监督管理局']]]),
      }),
    );
    const line = lineOf(r, 'P')!;
    // (3×8 + 2×17 + 1×9) / (3×10 + 2×20 + 1×10) = 67/80 = 83.75 % → +2; complaints 5 → +3 (at most 3); 2 bureaus → +2.
    expect(line.reasons).toEqual([
      { code: 'IMPACT', text: '国计民生影响程度 4 级，基础 6 批次' },
      { code: 'LOW_PASS_RATE', text: '近三年合格率 83.75%（2026 年 80%（8/10），2025 年 85%（17/20），2024 年 90%（9/10）；按 3:2:1 加权），增加 2 批次' },
      { code: 'COMPLAINTS', text: '2026 年关联投诉 5 件，增加 3 批次（至多 3 批次）' },
      { code: 'SUGGESTIONS', text: '2 个单位建议抽查（沭阳县市场监督管理局、泗阳县市场监督管理局），增加 2 批次' },
      { code: 'QUARTER', text: `风险分 ${line.risk}（第 1/1 位），按风险高低先后、四个季度批次均衡，安排在第 1 季度` },
    ]);
    expect(line.batches).toBe(13);
    expect(line.cost).toBe(39000);
    // risk = 20×4 + 2×16.25 + 10×3 + 10×2
    expect(line.risk).toBe(162.5);
    expect(line.quarter).toBe(1);
  });

  it('rate bands: below 80 % +3, 80–90 % +2, 90–95 % +1, 95 % and above nothing; years without data are said so', () => {
    const mk = (passed: number) => new Map([['id-X', [{ year: Y - 3, batches: 100, passed }]]]);
    const add = (passed: number) => generatePlan(input({ products: [product('X', 1)], stats: mk(passed) })).lines[0]!.batches - 2;
    expect([add(79), add(80), add(89), add(90), add(94), add(95), add(100)]).toEqual([3, 2, 2, 1, 1, 0, 0]);
    const r = generatePlan(input({ products: [product('X', 1)], stats: mk(50) }));
    expect(r.lines[0]!.reasons.find((x) => x.code === 'LOW_PASS_RATE')!.text).toBe('近三年合格率 50%（2026 年 无数据，2025 年 无数据，2024 年 50%（50/100）；按 3:2:1 加权），增加 3 批次');
  });

  it('inactive products are not considered; impact bases 2, 3, 4, 6, 8', () => {
    const r = generatePlan(input({ products: [1, 2, 3, 4, 5].map((i) => product(`I${i}`, i)).concat(product('OFF', 5, 1000, false)) }));
    expect(r.lines.map((l) => [l.productCode, l.batches])).toEqual([
      ['I5', 8],
      ['I4', 6],
      ['I3', 4],
      ['I2', 3],
      ['I1', 2],
    ]);
    expect(r.excluded).toEqual([]);
  });
});

describe('budget cap', () => {
  const products = [product('H', 5, 1000), product('M', 3, 2000), product('L', 1, 3000)];
  // No data: risk = 20 × impact + 10 → H 110 (8 batches, 8,000), M 70 (4, 8,000), L 30 (2, 6,000): 22,000.
  it('within the budget nothing is cut', () => {
    const r = generatePlan(input({ products, budget: 22_000 }));
    expect(r.totalCost).toBe(22_000);
    expect(r.lines.flatMap((l) => l.reasons).map((x) => x.code)).not.toContain('BUDGET_CAP');
  });

  it('cuts the lowest-priority line batch by batch first, records BUDGET_CAP, excludes lines cut to zero (BUDGET)', () => {
    const r = generatePlan(input({ products, budget: 19_000 }));
    // 3,000 over: L loses 1 batch (3,000).
    expect(lineOf(r, 'L')).toMatchObject({ batches: 1, cost: 3000 });
    expect(lineOf(r, 'L')!.reasons.find((x) => x.code === 'BUDGET_CAP')!.text).toBe('预算 19,000 元 封顶，按优先级（风险分 30）削减 1 批次：2 → 1 批次');
    expect(r.totalCost).toBe(19_000);

    const r2 = generatePlan(input({ products, budget: 13_000 }));
    // 9,000 over: L cut to 0 (6,000), then M loses 2 batches (4,000): total 12,000.
    expect(lineOf(r2, 'L')).toBeUndefined();
    expect(r2.excluded).toEqual([{ productCode: 'L', reason: { code: 'BUDGET', text: '预算 13,000 元 不足，按优先级（风险分 30）在后，未列入计划（原拟 2 批次，每批 3,000 元）' } }]);
    expect(lineOf(r2, 'M')).toMatchObject({ batches: 2, cost: 4000 });
    expect(lineOf(r2, 'M')!.reasons.map((x) => x.code)).toContain('BUDGET_CAP');
    expect(lineOf(r2, 'H')).toMatchObject({ batches: 8 });
    expect(lineOf(r2, 'H')!.reasons.map((x) => x.code)).not.toContain('BUDGET_CAP');
    expect(r2.totalCost).toBe(12_000);
    expect(r2.lines.reduce((n, l) => n + l.cost, 0)).toBeLessThanOrEqual(13_000);

    const none = generatePlan(input({ products, budget: 0 }));
    expect(none.lines).toEqual([]);
    expect(none.excluded.map((e) => [e.productCode, e.reason.code])).toEqual([
      ['L', 'BUDGET'],
      ['M', 'BUDGET'],
      ['H', 'BUDGET'],
    ]);
  });

  it('the total never exceeds the budget (many budgets)', () => {
    const many = Array.from({ length: 12 }, (_, i) => product(`P${String(i).padStart(2, '0')}`, (i % 5) + 1, 700 + 130 * i));
    for (let budget = 0; budget <= 120_000; budget += 3_700) {
      const r = generatePlan(input({ products: many, budget }));
      expect(r.totalCost).toBeLessThanOrEqual(budget);
      expect(r.lines.reduce((n, l) => n + l.cost, 0)).toBe(r.totalCost);
      expect(r.lines.every((l) => l.batches >= 1 && l.cost === l.batches * many.find((p) => p.code === l.productCode)!.batchCost)).toBe(true);
    }
  });
});

describe('quarters', () => {
  it('spreads the batches evenly over Q1–Q4, higher risk earlier', () => {
    const products = Array.from({ length: 8 }, (_, i) => product(`Q${i}`, 3));
    const complaints = new Map(products.map((p, i) => [p.id, i % 4]));
    const r = generatePlan(input({ products, complaints }));
    const risks = r.lines.map((l) => l.risk);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    const quarters = r.lines.map((l) => l.quarter);
    expect([...quarters].sort()).toEqual(quarters); // never earlier for a lower risk
    const load = [1, 2, 3, 4].map((q) => r.lines.filter((l) => l.quarter === q).reduce((n, l) => n + l.batches, 0));
    const total = load.reduce((a, b) => a + b, 0);
    for (const l of load) expect(Math.abs(l - total / 4)).toBeLessThanOrEqual(Math.max(...r.lines.map((x) => x.batches)));
    expect(load.every((l) => l > 0)).toBe(true);
    expect(r.lines[0]!.reasons.at(-1)!.code).toBe('QUARTER');
  });
});

describe('determinism', () => {
  it('the same input in another order gives the same plan', () => {
    const products = Array.from({ length: 10 }, (_, i) => product(`D${i}`, (i % 5) + 1, 1000 + 100 * i));
    const stats = new Map(products.map((p, i) => [p.id, [{ year: Y - 1, batches: 20, passed: 14 + (i % 7) }]]));
    const a = generatePlan(input({ products, stats, budget: 40_000 }));
    const b = generatePlan(input({ products: [...products].reverse(), stats: new Map([...stats].reverse()), budget: 40_000 }));
    expect(b).toEqual(a);
    expect(generatePlan(input({ products, stats, budget: 40_000 }))).toEqual(a);
  });
});
