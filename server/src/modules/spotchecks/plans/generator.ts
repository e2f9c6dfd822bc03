import type { PassRateRule, Reason } from '../spotchecks.schema.js';

/*
 * The year-end plan generator (README.md § The generator, which states the formula): a pure
 * function of the catalogue, the last three years' results, last year's complaints, the county
 * suggestions, the budget and the 95 % rule. Same input, same output (products are taken in code
 * order, every tie is broken by the product code).
 */

export interface GeneratorProduct {
  id: string;
  code: string;
  impact: number;
  batchCost: number;
  active: boolean;
}

export interface GeneratorInput {
  year: number;
  budget: number;
  rule: PassRateRule;
  products: GeneratorProduct[];
  /** Results per product id: any years (only plan year − 1 … − 3 are read). */
  stats: Map<string, { year: number; batches: number; passed: number }[]>;
  /** Complaints linked to each product (product id → count) dated in plan year − 1. */
  complaints: Map<string, number>;
  /** The bureaus (names) suggesting each product (product id → names) for the plan year. */
  suggestions: Map<string, string[]>;
}

export interface GeneratedLine {
  productId: string;
  productCode: string;
  batches: number;
  quarter: number;
  cost: number;
  /** The risk score (priority): higher is checked earlier and cut last. */
  risk: number;
  reasons: Reason[];
}

export interface GeneratedExclusion {
  productCode: string;
  reason: Reason;
}

/** Base batches by impact (国计民生影响程度 1–5). */
export const BASE_BATCHES: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 6, 5: 8 };
/** Year weights of the three-year pass rate: last year 3, the year before 2, the one before 1. */
export const YEAR_WEIGHTS = [3, 2, 1] as const;
export const MAX_COMPLAINT_BATCHES = 3;
export const MAX_SUGGESTION_BATCHES = 3;

/** Batches added for a low three-year pass rate (rate as a fraction). */
export function lowRateBatches(rate: number): number {
  if (rate < 0.8) return 3;
  if (rate < 0.9) return 2;
  if (rate < 0.95) return 1;
  return 0;
}

/** A rate as printed: percent with at most two decimals (0.825 → "82.5%"). */
export const pct = (rate: number) => `${Math.round(rate * 10000) / 100}%`;
const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Strictly above 95 %, in integers (19/20 is exactly 95 %: not above). */
export const above95 = (s: { batches: number; passed: number }) => s.batches > 0 && s.passed * 100 > s.batches * 95;

interface Draft extends GeneratedLine {
  impact: number;
  batchCost: number;
}

/** Generates next year's plan: lines with their reasons, and the products left out. */
export function generatePlan(input: GeneratorInput): { lines: GeneratedLine[]; excluded: GeneratedExclusion[]; totalCost: number } {
  const { year, budget, rule } = input;
  const last = year - 1;
  const reducePercent = rule.reducePercent ?? 50;
  const excluded: GeneratedExclusion[] = [];
  const drafts: Draft[] = [];

  const products = input.products.filter((p) => p.active).sort((a, b) => cmp(a.code, b.code));
  for (const p of products) {
    const stats = input.stats.get(p.id) ?? [];
    const of = (y: number) => {
      const rows = stats.filter((s) => s.year === y && s.batches > 0);
      return rows.length ? { batches: rows.reduce((n, r) => n + r.batches, 0), passed: rows.reduce((n, r) => n + r.passed, 0) } : null;
    };
    const lastYear = of(last);
    const reasons: Reason[] = [];

    // The 95 % rule on last year's pass rate.
    const isAbove = lastYear != null && above95(lastYear);
    if (isAbove && rule.mode === 'skip') {
      excluded.push({ productCode: p.code, reason: { code: 'PASS_RATE_ABOVE_95', text: `${last} 年合格率 ${pct(lastYear.passed / lastYear.batches)}（${lastYear.passed}/${lastYear.batches} 批次）高于 95%，本年度不列入计划` } });
      continue;
    }

    const impact = Math.min(5, Math.max(1, Math.round(p.impact)));
    const base = BASE_BATCHES[impact]!;
    let batches = base;
    reasons.push({ code: 'IMPACT', text: `国计民生影响程度 ${impact} 级，基础 ${base} 批次` });
    if (lastYear == null) reasons.push({ code: 'NO_HISTORY', text: `${last} 年无抽查数据，不适用 95% 规则` });

    // Three-year weighted pass rate.
    const years = YEAR_WEIGHTS.map((w, i) => ({ year: last - i, w, s: of(last - i) }));
    const withData = years.filter((y) => y.s != null);
    let rate3: number | null = null;
    if (withData.length) {
      const num = withData.reduce((n, y) => n + y.w * y.s!.passed, 0);
      const den = withData.reduce((n, y) => n + y.w * y.s!.batches, 0);
      rate3 = num / den;
      const add = lowRateBatches(rate3);
      if (add > 0) {
        batches += add;
        const parts = years.map((y) => `${y.year} 年 ${y.s ? `${pct(y.s.passed / y.s.batches)}（${y.s.passed}/${y.s.batches}）` : '无数据'}`).join('，');
        reasons.push({ code: 'LOW_PASS_RATE', text: `近三年合格率 ${pct(rate3)}（${parts}；按 3:2:1 加权），增加 ${add} 批次` });
      }
    }

    const complaints = input.complaints.get(p.id) ?? 0;
    const complaintAdd = Math.min(complaints, MAX_COMPLAINT_BATCHES);
    if (complaintAdd > 0) {
      batches += complaintAdd;
      reasons.push({ code: 'COMPLAINTS', text: `${last} 年关联投诉 ${complaints} 件，增加 ${complaintAdd} 批次${complaints > MAX_COMPLAINT_BATCHES ? `（至多 ${MAX_COMPLAINT_BATCHES} 批次）` : ''}` });
    }

    const orgNames = [...new Set(input.suggestions.get(p.id) ?? [])].sort(cmp);
    const suggestionAdd = Math.min(orgNames.length, MAX_SUGGESTION_BATCHES);
    if (suggestionAdd > 0) {
      batches += suggestionAdd;
      reasons.push({ code: 'SUGGESTIONS', text: `${orgNames.length} 个单位建议抽查（${orgNames.join('、')}），增加 ${suggestionAdd} 批次${orgNames.length > MAX_SUGGESTION_BATCHES ? `（至多 ${MAX_SUGGESTION_BATCHES} 批次）` : ''}` });
    }

    if (isAbove) {
      const before = batches;
      batches = Math.max(1, Math.floor((batches * (100 - reducePercent)) / 100));
      reasons.push({ code: 'PASS_RATE_ABOVE_95_REDUCED', text: `${last} 年合格率 ${pct(lastYear.passed / lastYear.batches)}（${lastYear.passed}/${lastYear.batches} 批次）高于 95%，批次减少 ${reducePercent}%：${before} → ${batches} 批次` });
    }

    // Risk score: impact, the shortfall of the three-year rate (unknown counts as 95 %), complaints, suggestions.
    const shortfall = rate3 == null ? 5 : Math.max(0, 100 - rate3 * 100);
    const risk = Math.round((20 * impact + 2 * shortfall + 10 * complaintAdd + 10 * suggestionAdd) * 100) / 100;
    drafts.push({ productId: p.id, productCode: p.code, batches, quarter: 0, cost: batches * p.batchCost, risk, reasons, impact, batchCost: p.batchCost });
  }

  // Priority: risk score, then impact, then product code (highest first).
  drafts.sort((a, b) => b.risk - a.risk || b.impact - a.impact || cmp(a.productCode, b.productCode));

  // Budget cap: cut the lowest-priority line batch by batch until the total fits, then the next.
  let total = drafts.reduce((n, d) => n + d.cost, 0);
  for (let i = drafts.length - 1; i >= 0 && total > budget; i--) {
    const d = drafts[i]!;
    const before = d.batches;
    const cut = d.batchCost > 0 ? Math.min(d.batches, Math.ceil((total - budget) / d.batchCost)) : 0;
    if (cut === 0) continue;
    d.batches -= cut;
    d.cost = d.batches * d.batchCost;
    total -= cut * d.batchCost;
    if (d.batches === 0) {
      excluded.push({ productCode: d.productCode, reason: { code: 'BUDGET', text: `预算 ${yuan(budget)} 不足，按优先级（风险分 ${d.risk}）在后，未列入计划（原拟 ${before} 批次，每批 ${yuan(d.batchCost)}）` } });
    } else {
      d.reasons.push({ code: 'BUDGET_CAP', text: `预算 ${yuan(budget)} 封顶，按优先级（风险分 ${d.risk}）削减 ${cut} 批次：${before} → ${d.batches} 批次` });
    }
  }
  const kept = drafts.filter((d) => d.batches > 0);

  // Quarters: the lines in priority order laid end to end as one sequence of batches cut in four
  // equal parts; a line goes to the quarter where its first batch falls.
  const totalBatches = kept.reduce((n, d) => n + d.batches, 0);
  let before = 0;
  kept.forEach((d, i) => {
    d.quarter = totalBatches === 0 ? 1 : Math.min(4, Math.floor((before * 4) / totalBatches) + 1);
    before += d.batches;
    d.reasons.push({ code: 'QUARTER', text: `风险分 ${d.risk}（第 ${i + 1}/${kept.length} 位），按风险高低先后、四个季度批次均衡，安排在第 ${d.quarter} 季度` });
  });

  const lines = kept.map(({ productId, productCode, batches, quarter, cost, risk, reasons }) => ({ productId, productCode, batches, quarter, cost, risk, reasons }));
  return { lines, excluded, totalCost: total };
}
