import type { InstitutionScore, Reason, ScoreWeights } from '../spotchecks.schema.js';

/*
 * The competitive choice of a lot's testing institution (seed §三(二)2(5), README.md § The score):
 * pure arithmetic, so that the published numbers can be recomputed by anyone.
 */

/** The record part of an institution without history (no sample tested or overdue yet). */
export const NO_HISTORY_RECORD = 80;
/** Points taken off the record part per objection upheld against the institution in the last 3 years. */
export const UPHELD_PENALTY = 20;

/** One applicant as the score sees it: its application, its institution's qualification and record. */
export interface Applicant {
  applicationId: string;
  institutionId: string;
  name: string;
  local: boolean;
  active: boolean;
  cmaScope: readonly string[];
  cmaValidUntil: string;
  /** Price per batch quoted in the application (yuan). */
  price: number;
  /** Batches offered in the application. */
  capacity: number;
  /** Batches the institution can still take in the lot's quarter: its capacity per quarter less the batches of lots already assigned to it then. */
  quarterCapacityLeft: number;
  /** On-time rate of its results (0…1), null without history. */
  onTimeRate: number | null;
  /** Objections upheld against it in the last 3 years. */
  recentUpheld: number;
}

export interface LotFacts {
  productCode: string;
  batches: number;
  dueOn: string;
}

/** A stored score: the schema's InstitutionScore plus what the public list shows beside it. */
export type ScoredApplicant = InstitutionScore & { applicationId: string; local: boolean; price: number; capacity: number };

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * The weights used: the plan's, with the locality weight replaced when the request sets one (0
 * opens the lot to outside institutions) and the other three rescaled in proportion so that the
 * four sum to 100. Shown rounded to 2 decimals; totals are computed with the exact values.
 */
export function effectiveWeights(plan: ScoreWeights, localityWeight?: number): { exact: ScoreWeights; shown: ScoreWeights } {
  const locality = localityWeight ?? plan.locality;
  const others = plan.price + plan.capability + plan.record;
  const rest = 100 - locality;
  const f = others > 0 ? rest / others : 0;
  const exact = { price: plan.price * f, capability: plan.capability * f, record: plan.record * f, locality };
  return { exact, shown: { price: round2(exact.price), capability: round2(exact.capability), record: round2(exact.record), locality: round2(exact.locality) } };
}

/** Why an applicant is not qualified for the lot (empty: qualified). */
export function disqualification(a: Applicant, lot: LotFacts): Reason[] {
  const reasons: Reason[] = [];
  if (!a.active) reasons.push({ code: 'INACTIVE', text: '该机构已停用' });
  if (!a.cmaScope.includes(lot.productCode)) reasons.push({ code: 'NOT_IN_CMA_SCOPE', text: `CMA 资质认定范围不含产品 ${lot.productCode}` });
  if (a.cmaValidUntil < lot.dueOn) reasons.push({ code: 'CMA_EXPIRES', text: `CMA 资质有效期至 ${a.cmaValidUntil}，早于本批次完成期限 ${lot.dueOn}` });
  if (a.quarterCapacityLeft <= 0) reasons.push({ code: 'CAPACITY_FULL', text: '该机构本季度检验能力已用尽' });
  return reasons;
}

/** The record part: on-time rate × 100 − 20 per objection upheld in the last 3 years, at least 0; 80 without history. */
export function recordPart(onTimeRate: number | null, recentUpheld: number): number {
  const base = onTimeRate === null ? NO_HISTORY_RECORD : onTimeRate * 100;
  return Math.max(0, base - UPHELD_PENALTY * recentUpheld);
}

/**
 * Every applicant's score, best first (equal totals by name, then id). Parts are rounded to 2
 * decimals first; the total is Σ part × weight ÷ 100 over the exact weights, rounded to 2 decimals.
 * - price: 100 × the lowest price quoted by a qualified applicant ÷ its price;
 * - capability: 100 × min(1, batches it can take ÷ the lot's batches), where the batches it can take
 *   are the fewer of those offered and those left of its capacity in the lot's quarter;
 * - record: `recordPart`;
 * - locality: 100 inside the city, 0 outside.
 * Disqualified applicants are listed with their reasons, parts 0 and total 0.
 */
export function scoreApplicants(applicants: readonly Applicant[], lot: LotFacts, weights: ScoreWeights): ScoredApplicant[] {
  const judged = applicants.map((a) => ({ a, disqualified: disqualification(a, lot) }));
  const qualified = judged.filter((j) => j.disqualified.length === 0);
  const lowest = Math.min(...qualified.map((j) => j.a.price));
  const scores = judged.map(({ a, disqualified }): ScoredApplicant => {
    const base = { institutionId: a.institutionId, applicationId: a.applicationId, name: a.name, local: a.local, price: a.price, capacity: a.capacity };
    if (disqualified.length) return { ...base, qualified: false, disqualified, parts: { price: 0, capability: 0, record: 0, locality: 0 }, total: 0 };
    const parts = {
      price: round2((100 * lowest) / a.price),
      capability: round2(100 * Math.min(1, Math.min(a.capacity, a.quarterCapacityLeft) / lot.batches)),
      record: round2(recordPart(a.onTimeRate, a.recentUpheld)),
      locality: a.local ? 100 : 0,
    };
    const total = round2((parts.price * weights.price + parts.capability * weights.capability + parts.record * weights.record + parts.locality * weights.locality) / 100);
    return { ...base, qualified: true, parts, total };
  });
  return scores.sort((x, y) => Number(y.qualified) - Number(x.qualified) || y.total - x.total || x.name.localeCompare(y.name, 'zh') || x.institutionId.localeCompare(y.institutionId));
}

/** The qualified applicants sharing the best total (one: a clear winner; several: a draw decides). */
export function topTied(scores: readonly ScoredApplicant[]): ScoredApplicant[] {
  const q = scores.filter((s) => s.qualified);
  if (!q.length) return [];
  const best = Math.max(...q.map((s) => s.total));
  return q.filter((s) => s.total === best);
}

const fmt = (n: number) => n.toFixed(2);

/** The reasons of a choice, in Chinese: the weights, the formula, the winner and how it won. */
export function choiceReasons(input: { weights: ScoreWeights; localityOverridden: boolean; scores: readonly ScoredApplicant[]; chosenId: string; tied: readonly ScoredApplicant[]; tieDrawId: string | null }): Reason[] {
  const { weights: w, scores, chosenId, tied } = input;
  const chosen = scores.find((s) => s.institutionId === chosenId)!;
  const reasons: Reason[] = [
    { code: 'WEIGHTS', text: `评分权重：价格 ${fmt(w.price)}%、检验能力 ${fmt(w.capability)}%、履约记录 ${fmt(w.record)}%、本地化 ${fmt(w.locality)}%${input.localityOverridden ? '（本批次调整了本地化权重，其余权重按比例折算，合计 100%）' : ''}` },
    { code: 'FORMULA', text: '价格分 = 100 × 合格申请中的最低报价 ÷ 本机构报价；能力分 = 100 × min(1, 可承担批次 ÷ 本批次批次数)；履约分 = 按时出具报告率 × 100 − 近三年每起成立的异议扣 20 分（不低于 0，无历史记录按 80 分）；本地化分：市内 100、市外 0；总分 = Σ 分项 × 权重 ÷ 100，保留两位小数' },
  ];
  const disq = scores.filter((s) => !s.qualified);
  if (disq.length) reasons.push({ code: 'DISQUALIFIED', text: `不符合承检条件：${disq.map((s) => `${s.name}（${(s.disqualified ?? []).map((r) => r.text).join('；')}）`).join('，')}` });
  if (tied.length > 1) {
    reasons.push({ code: 'TIE_DRAW', text: `${tied.map((s) => s.name).join('、')} 总分相同（${fmt(chosen.total)} 分），经可验证摇号（抽取记录 ${input.tieDrawId}）确定 ${chosen.name} 承检` });
  } else {
    reasons.push({ code: 'HIGHEST_SCORE', text: `${chosen.name} 总分最高（${fmt(chosen.total)} 分），确定为承检机构` });
  }
  return reasons;
}
