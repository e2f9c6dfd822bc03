import { describe, expect, it } from 'vitest';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckHistory, spotcheckObjections } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../testing.js';
import { passRateOf, productYearStats } from './stats.js';

/**
 * productYearStats: history rows and samples with a final conclusion added per product and year
 * (the year of the sample's lot), failing items from the retest when retested.
 */
const env = useServiceEnv();
const fail = (item: string) => ({ item, requirement: 'r', measured: 'm', pass: false });
const ok = (item: string) => ({ item, requirement: 'r', measured: 'm', pass: true });

describe('productYearStats', () => {
  it('adds history and final samples; only final samples count; retested objections give the retest items', async () => {
    const p = await makeProduct(env);
    const other = await makeProduct(env);
    const inst = await makeInstitution(env);
    const plan = await makePlan(env, { year: 2025 });
    const lot25 = await makeLot(env, { productId: p.id, planId: plan.id, year: 2025 });
    const lot24 = await makeLot(env, { productId: p.id, planId: plan.id, year: 2024 });
    const e = await makeEnterprise(env);
    const base = { productId: p.id, institutionId: inst.id, enterprise: e };
    await env.db.insert(spotcheckHistory).values([
      { productId: p.id, year: 2023, batches: 10, passed: 8, failingItems: ['标识', '标识'], enteredByName: '测试' },
      { productId: p.id, year: 2024, batches: 5, passed: 5, failingItems: [], enteredByName: '测试' },
      { productId: other.id, year: 2024, batches: 3, passed: 1, failingItems: ['甲醛含量'], enteredByName: '测试' },
    ]);
    // 2025: a pass, a fail (甲醛含量), a fail retested to pass (the retest's items count), a fail retested to fail (retest items), a sample with no final conclusion.
    await makeSample(env, { ...base, lotId: lot25.id, finalConclusion: 'pass', items: [ok('标识')] });
    await makeSample(env, { ...base, lotId: lot25.id, finalConclusion: 'fail', items: [fail('甲醛含量'), fail('甲醛含量'), ok('标识')] });
    const reversed = await makeSample(env, { ...base, lotId: lot25.id, finalConclusion: 'pass', conclusion: 'fail', items: [fail('标识')] });
    await env.db.insert(spotcheckObjections).values({ sampleId: reversed.id, filedOn: '2025-05-01', filedBy: 'officer', filedByName: '测试', reason: '不服', status: 'retested', retestItems: [ok('标识')], retestConclusion: 'pass' });
    const retestFail = await makeSample(env, { ...base, lotId: lot25.id, finalConclusion: 'fail', conclusion: 'fail', items: [fail('标识')] });
    await env.db.insert(spotcheckObjections).values({ sampleId: retestFail.id, filedOn: '2025-05-01', filedBy: 'officer', filedByName: '测试', reason: '不服', status: 'retested', retestItems: [ok('标识'), fail('pH值')], retestConclusion: 'fail' });
    // A refused objection: the sample's own items.
    const refused = await makeSample(env, { ...base, lotId: lot25.id, finalConclusion: 'fail', conclusion: 'fail', items: [fail('标识')] });
    await env.db.insert(spotcheckObjections).values({ sampleId: refused.id, filedOn: '2025-05-01', filedBy: 'officer', filedByName: '测试', reason: '不服', status: 'refused' });
    await makeSample(env, { ...base, lotId: lot25.id, conclusion: 'fail', items: [fail('标识')] });
    // 2024 from the system as well as history: both.
    await makeSample(env, { ...base, lotId: lot24.id, finalConclusion: 'fail', items: [fail('标识')] });

    const stats = await productYearStats(env.db, { productIds: [p.id, other.id], years: [2023, 2024, 2025, 2026] });
    const of = (id: string, year: number) => stats.find((s) => s.productId === id && s.year === year);
    expect(of(p.id, 2023)).toEqual({ productId: p.id, year: 2023, batches: 10, passed: 8, failingItems: [{ item: '标识', count: 2 }], source: 'history' });
    expect(of(p.id, 2024)).toEqual({ productId: p.id, year: 2024, batches: 6, passed: 5, failingItems: [{ item: '标识', count: 1 }], source: 'both' });
    expect(of(p.id, 2025)).toEqual({
      productId: p.id,
      year: 2025,
      batches: 5,
      passed: 2,
      failingItems: [
        { item: '标识', count: 1 },
        { item: 'pH值', count: 1 },
        { item: '甲醛含量', count: 1 },
      ].sort((a, b) => (a.item < b.item ? -1 : 1)),
      source: 'system',
    });
    expect(of(p.id, 2026)).toBeUndefined();
    expect(of(other.id, 2024)).toMatchObject({ batches: 3, passed: 1, source: 'history' });
    // Filters: years and products.
    expect((await productYearStats(env.db, { productIds: [p.id], years: [2023] })).map((s) => s.year)).toEqual([2023]);
    expect(await productYearStats(env.db, { productIds: [], years: [2023] })).toEqual([]);
    expect(await productYearStats(env.db, { years: [] })).toEqual([]);
    const all = await productYearStats(env.db, { years: [2024] });
    expect(all.filter((s) => s.productId === p.id || s.productId === other.id)).toHaveLength(2);
    expect(passRateOf({ batches: 0, passed: 0 })).toBeNull();
    expect(passRateOf({ batches: 20, passed: 19 })).toBe(0.95);
  });
});
