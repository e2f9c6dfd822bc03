import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { creditRatings, creditScores } from '../credit.schema.js';
import { listEnterprise, rateEnterprise, scoreNow } from '../testing.js';
import { CREDIT_MODEL_V1, type CreditFactor, type CreditModelConfig } from './model-config.js';
import { DAYS_PER_MONTH } from './score-sql.js';
import type { ModelVersion } from './scoring.js';

const env = useServiceEnv();
const today = todayInChina();

/** A model of one factor over `credit.listed` (the factory's listings are its records) and the evaluator factor of v1. */
function modelOf(factor: Partial<CreditFactor>, extra: Partial<CreditModelConfig> = {}): ModelVersion {
  const listing: CreditFactor = { key: 'listing', label: '列入名单', kinds: ['credit.listed'], points: -10, windowMonths: 12, decay: 'none', cap: 100, ...factor };
  const rating = CREDIT_MODEL_V1.factors.find((f) => f.key === 'evaluator_rating')!;
  return { version: 900, effectiveFrom: today, config: { ...CREDIT_MODEL_V1, factors: [listing, rating], ...extra } };
}

async function scored(model: ModelVersion, listedDaysAgo: number[]) {
  const e = await makeEnterprise(env);
  for (const d of listedDaysAgo) await listEnterprise(env, e, { listedOn: addDays(today, -d) });
  await scoreNow(env, [e.id], { model });
  const [row] = await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id));
  return { e, row: row!, factor: row!.reasons.find((r) => r.factor === 'listing')! };
}

/** The first day of a window of `months` months ending today (as PostgreSQL computes it). */
const windowFrom = (months: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('scoring in SQL', () => {
  it('gives every factor of the model a reason, also with 0 points, and an enterprise without records the base score', async () => {
    const e = await makeEnterprise(env);
    await scoreNow(env, [e.id]);
    const [row] = await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id));
    expect(row).toMatchObject({ score: CREDIT_MODEL_V1.base, computedClass: 'B', modelVersion: 1, uscc: e.uscc, regionCode: e.regionCode });
    expect(row!.reasons.map((r) => r.factor)).toEqual(CREDIT_MODEL_V1.factors.map((f) => f.key));
    expect(row!.reasons[0]).toEqual({ factor: 'penalties', label: '行政处罚', points: 0, count: 0, detail: '近36个月无行政处罚记录', items: [], rest: null });
  });

  it('counts the records inside the window only, each with its points and reference, and names the count', async () => {
    const { factor, row } = await scored(modelOf({ points: -10, windowMonths: 12 }), [10, 100, 400]);
    expect(factor).toMatchObject({ points: -20, count: 2, detail: '近12个月列入名单2次', rest: null });
    expect(factor.items).toHaveLength(2);
    expect(factor.items.map((i) => i.points)).toEqual([-10, -10]);
    expect(factor.items[0]).toMatchObject({ type: 'credit_listing', detail: `${addDays(today, -10)} 列入严重违法失信名单（${factor.items[0]!.detail.split('（')[1]}` });
    expect(row.score).toBe(CREDIT_MODEL_V1.base - 20);
  });

  it("clamps a factor's total to its cap and scales its records so that they sum to it", async () => {
    const { factor, row } = await scored(modelOf({ points: -10, cap: 25 }), [1, 2, 3, 4]);
    expect(factor).toMatchObject({ points: -25, count: 4 });
    expect(factor.items.map((i) => i.points)).toEqual([-6.25, -6.25, -6.25, -6.25]);
    expect(row.score).toBe(CREDIT_MODEL_V1.base - 25);
    const positive = await scored(modelOf({ points: 7, cap: 10 }), [1, 2, 3]);
    expect(positive.factor.points).toBe(10);
    expect(positive.factor.items.reduce((s, i) => s + i.points, 0)).toBeCloseTo(10, 2);
  });

  it('halves a record every half-life (age in months = days ÷ 30.4375) at given ages', async () => {
    const ages = [0, 183, 365, 700];
    const { factor } = await scored(modelOf({ points: -10, windowMonths: 36, decay: { halfLifeMonths: 12 } }), ages);
    const expected = ages.map((d) => Math.round(-10 * 0.5 ** (d / (12 * DAYS_PER_MONTH)) * 100) / 100);
    expect([...factor.items].sort((a, b) => a.detail.localeCompare(b.detail)).map((i) => i.points)).toEqual([...expected].reverse());
    expect(factor.points).toBeCloseTo(ages.reduce((s, d) => s - 10 * 0.5 ** (d / (12 * DAYS_PER_MONTH)), 0), 2);
  });

  it("decays linearly to 0 at the window's end", async () => {
    const start = windowFrom(12);
    const span = daysBetween(start, today);
    const ages = [0, 91, 300];
    const { factor } = await scored(modelOf({ points: -12, windowMonths: 12, decay: 'linear' }), ages);
    const expected = ages.map((d) => Math.round(-12 * ((span - d) / span) * 100) / 100);
    expect([...factor.items].sort((a, b) => b.detail.localeCompare(a.detail)).map((i) => i.points)).toEqual(expected);
  });

  it('keeps 20 records per factor, largest first, and sums the rest in one line; the count stays exact', async () => {
    const ages = Array.from({ length: 25 }, (_, i) => i + 1);
    const { factor } = await scored(modelOf({ points: -1, windowMonths: 12, decay: 'linear', cap: 100 }), ages);
    expect(factor.count).toBe(25);
    expect(factor.items).toHaveLength(20);
    expect(factor.items[0]!.detail.startsWith(addDays(today, -1))).toBe(true);
    const shown = factor.items.reduce((s, i) => s + i.points, 0);
    expect(shown + factor.rest!).toBeCloseTo(factor.points, 2);
    expect(factor.rest!).toBeLessThan(0);
  });

  it("counts a third-party evaluator's latest rating in force by its grade's points, and not once withdrawn", async () => {
    const model = modelOf({});
    const e = await makeEnterprise(env);
    await rateEnterprise(env, e, { grade: 'B', ratedOn: addDays(today, -200) });
    const latest = await rateEnterprise(env, e, { grade: 'AAA', ratedOn: addDays(today, -20) });
    await rateEnterprise(env, e, { grade: 'C', ratedOn: addDays(today, -400), validUntil: addDays(today, -1) }); // expired
    await scoreNow(env, [e.id], { model });
    const reasonOf = async () => (await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id)))[0]!.reasons.find((r) => r.factor === 'evaluator_rating')!;
    expect(await reasonOf()).toMatchObject({ points: CREDIT_MODEL_V1.evaluatorGrades.AAA, count: 1, items: [expect.objectContaining({ type: 'credit_rating', id: latest.id })] });
    await env.db.update(creditRatings).set({ withdrawnAt: new Date(), withdrawnReason: '报告有误' }).where(eq(creditRatings.id, latest.id));
    await scoreNow(env, [e.id], { model });
    expect(await reasonOf()).toMatchObject({ points: CREDIT_MODEL_V1.evaluatorGrades.B, count: 1 });
  });

  it('adds points per unit of magnitude (perMagnitude)', async () => {
    const factor: CreditFactor = { key: 'rating', label: '评价', kinds: ['credit.rating'], points: 1, perMagnitude: { points: 2, per: 4 }, windowMonths: 12, decay: 'none', cap: 100 };
    const model: ModelVersion = { version: 901, effectiveFrom: today, config: { ...CREDIT_MODEL_V1, factors: [factor] } };
    const e = await makeEnterprise(env);
    await rateEnterprise(env, e, { grade: 'AA', ratedOn: addDays(today, -3) });
    await scoreNow(env, [e.id], { model });
    const [row] = await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id));
    expect(row!.reasons[0]!.points).toBe(1 + (2 * CREDIT_MODEL_V1.evaluatorGrades.AA) / 4);
  });

  it('writes a score row only when something changed', async () => {
    const e = await makeEnterprise(env);
    expect((await scoreNow(env, [e.id])).changed).toBe(1);
    expect(await scoreNow(env, [e.id])).toMatchObject({ scored: 1, changed: 0, classChanged: 0 });
  });
});
