import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckHistory, spotcheckProducts } from '../spotchecks.schema.js';
import { makeLot, makePlan, makeProduct } from '../testing.js';
import { makeInstitutionAccount } from './testing-plans.js';

/**
 * Plans through HTTP: the generate contract exactly as the issue states it, 400s, 403s (county,
 * permissions), 409s, ETag / If-Match, the lots' scope for institution accounts, suggestions.
 */
const env = useTestEnv();
const thisYear = Number(todayInChina().slice(0, 4));
type Client = Awaited<ReturnType<typeof env.login>>;
let city: Client;
let county: Client;
let head: Client;
let inspector: Client;

describe('plans API', () => {
  it('set up', async () => {
    await env.db.update(spotcheckProducts).set({ active: false });
    city = await env.login((await env.makeUser({ roles: ['city_officer'] })).username);
    county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    head = await env.login((await env.makeUser({ roles: ['section_head'] })).username);
    inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
  });

  it('POST /plans/generate answers the contract: 201 { id, year, status: draft, lines[{ productCode, batches, quarter, cost, reasons }], excluded[{ productCode, reason: { code: PASS_RATE_ABOVE_95, text } }] }', async () => {
    const Y = 2041;
    await env.db.update(spotcheckProducts).set({ active: false });
    const above = await makeProduct(env, { code: `API-ABOVE-${Y}`, impact: 4, batchCost: 1500 });
    const exact = await makeProduct(env, { code: `API-EXACT-${Y}`, impact: 4, batchCost: 1500 });
    await env.db.insert(spotcheckHistory).values([
      { productId: above.id, year: Y - 1, batches: 10000, passed: 9501, enteredByName: '测试' },
      { productId: exact.id, year: Y - 1, batches: 2000, passed: 1900, enteredByName: '测试' },
    ]);
    const res = await city.post('/api/spotcheck/plans/generate', { year: Y, budget: 500_000, passRateRule: { mode: 'skip' } });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(res.headers.etag).toBe(`"${plan.version}"`);
    expect(plan).toMatchObject({ id: expect.any(String), year: Y, status: 'draft' });
    expect(plan.lines).toHaveLength(1);
    const [line] = plan.lines;
    expect(line).toMatchObject({ productCode: exact.code, batches: expect.any(Number), quarter: 1, cost: line.batches * 1500 });
    for (const r of line.reasons) expect(Object.keys(r).sort()).toEqual(['code', 'text']);
    expect(plan.excluded).toEqual([{ productCode: above.code, reason: { code: 'PASS_RATE_ABOVE_95', text: expect.stringContaining('95.01%') } }]);

    // Regenerate with If-Match (reduce): 201 again, the same plan.
    const again = await city.post('/api/spotcheck/plans/generate', { year: Y, budget: 500_000, passRateRule: { mode: 'reduce', reducePercent: 25 } }, { 'if-match': res.headers.etag as string });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).toBe(plan.id);
    expect(again.json().lines.find((l: { productCode: string }) => l.productCode === above.code).reasons.map((r: { code: string }) => r.code)).toContain('PASS_RATE_ABOVE_95_REDUCED');
    const stale = await city.post('/api/spotcheck/plans/generate', { year: Y, budget: 500_000 }, { 'if-match': res.headers.etag as string });
    expect(stale.statusCode).toBe(412);

    // Approve (section head) → lots; then 409 PLAN_APPROVED.
    const approved = await head.post(`/api/spotcheck/plans/${plan.id}/approve`, undefined, { 'if-match': again.headers.etag as string });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', lotCount: 2 });
    const conflict = await city.post('/api/spotcheck/plans/generate', { year: Y, budget: 500_000 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('PLAN_APPROVED');
    const lots = (await city.get(`/api/spotcheck/lots?planId=${plan.id}`)).json();
    expect(lots.total).toBe(2);
    expect(lots.items[0].lotNo).toMatch(new RegExp(`^CJ${Y}-Q[1-4]-\\d{3}$`));
    const detail = await city.get(`/api/spotcheck/lots/${lots.items[0].id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ plan: { id: plan.id, kind: 'annual' }, institution: null, selection: null, drawId: null });
    // Close.
    expect((await city.post(`/api/spotcheck/plans/${plan.id}/close`)).statusCode).toBe(403); // needs spotcheck.approve
    expect((await head.post(`/api/spotcheck/plans/${plan.id}/close`)).json().status).toBe('closed');
  });

  it('400 on bad input, nothing made', async () => {
    const bad = [
      { budget: 1000 },
      { year: 1999, budget: 1000 },
      { year: 2042, budget: -1 },
      { year: 2042, budget: 1.5 },
      { year: 2042, budget: 1000, passRateRule: { mode: 'drop' } },
      { year: 2042, budget: 1000, passRateRule: { mode: 'reduce', reducePercent: 0 } },
      { year: 2042, budget: 1000, passRateRule: { mode: 'reduce', reducePercent: 101 } },
      { year: 2042, budget: 1000, scoreWeights: { price: 50, capability: 50, record: 10, locality: 0 } },
      { year: 2042, budget: 1000, windowEndsOn: '2042-02-30' },
      { year: 2042, budget: 1000, extra: 1 },
    ];
    for (const body of bad) {
      const res = await city.post('/api/spotcheck/plans/generate', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/VALIDATION|INVALID_DATE/);
    }
    expect((await city.get('/api/spotcheck/plans?year=2042')).json().total).toBe(0);
    expect((await city.post('/api/spotcheck/plans', { name: '', year: thisYear + 1, budget: 1, lines: [] })).statusCode).toBe(400);
    expect((await county.post('/api/spotcheck/suggestions', { year: thisYear + 1, reason: '' })).statusCode).toBe(400);
  });

  it('403: a county officer may suggest but not generate, make, edit or approve; an inspector may not plan', async () => {
    const p = await makeProduct(env);
    const gen = await county.post('/api/spotcheck/plans/generate', { year: 2043, budget: 1000 });
    expect(gen.statusCode).toBe(403);
    expect(gen.json().error.code).toBe('NOT_CITY');
    const special = await county.post('/api/spotcheck/plans', { name: '专项', year: thisYear + 1, budget: 100_000, lines: [{ productId: p.id, batches: 1, quarter: 2 }] });
    expect(special.json().error.code).toBe('NOT_CITY');
    const draft = await makePlan(env, { status: 'draft', year: thisYear + 1 });
    expect((await county.patch(`/api/spotcheck/plans/${draft.id}`, { name: 'x' })).json().error.code).toBe('NOT_CITY');
    expect((await county.put(`/api/spotcheck/plans/${draft.id}/lines/${p.id}`, { batches: 1, quarter: 2 })).json().error.code).toBe('NOT_CITY');
    expect((await county.delete(`/api/spotcheck/plans/${draft.id}/lines/${p.id}`)).json().error.code).toBe('NOT_CITY');
    expect((await county.post(`/api/spotcheck/plans/${draft.id}/approve`)).statusCode).toBe(403);
    expect((await city.post(`/api/spotcheck/plans/${draft.id}/approve`)).statusCode).toBe(403); // no spotcheck.approve
    expect((await inspector.post('/api/spotcheck/plans/generate', { year: 2043, budget: 1000 })).statusCode).toBe(403);
    expect((await inspector.post('/api/spotcheck/suggestions', { year: thisYear + 1, productId: p.id, reason: 'x' })).statusCode).toBe(403);
    // Reading is every staff member's.
    expect((await county.get(`/api/spotcheck/plans/${draft.id}`)).statusCode).toBe(200);
    expect((await inspector.get('/api/spotcheck/plans')).statusCode).toBe(200);
    const ok = await county.post('/api/spotcheck/suggestions', { year: thisYear + 1, productId: p.id, reason: '辖区企业集中' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('edits: ETag / If-Match (412), OVER_BUDGET, PLAN_NOT_DRAFT, 404s', async () => {
    const a = await makeProduct(env, { batchCost: 1000 });
    const b = await makeProduct(env, { batchCost: 1000 });
    const made = await city.post('/api/spotcheck/plans', { name: '接口编辑', year: thisYear + 1, budget: 5000, lines: [{ productId: a.id, batches: 2, quarter: 3 }] });
    expect(made.statusCode, made.body).toBe(201);
    const plan = made.json();
    expect(made.headers.etag).toBe('"1"');
    const got = await city.get(`/api/spotcheck/plans/${plan.id}`);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toMatchObject({ kind: 'special', totalCost: 2000, windowOpen: true, lines: [{ productId: a.id, batches: 2, quarter: 3, cost: 2000, edited: false }] });
    const over = await city.put(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { batches: 4, quarter: 3 }, { 'if-match': '"1"' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'OVER_BUDGET', details: { totalCost: 6000, budget: 5000 } });
    const put = await city.put(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { batches: 3, quarter: 3 }, { 'if-match': '"1"' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers.etag).toBe('"2"');
    expect((await city.put(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { batches: 1, quarter: 3 }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await city.put(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { batches: 0, quarter: 3 })).statusCode).toBe(400);
    expect((await city.put(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { batches: 1, quarter: 5 })).statusCode).toBe(400);
    expect((await city.put(`/api/spotcheck/plans/${plan.id}/lines/${crypto.randomUUID()}`, { batches: 1, quarter: 3 })).json().error.code).toBe('UNKNOWN_PRODUCT');
    expect((await city.put(`/api/spotcheck/plans/${crypto.randomUUID()}/lines/${b.id}`, { batches: 1, quarter: 3 })).statusCode).toBe(404);
    expect((await city.get(`/api/spotcheck/plans/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const patched = await city.patch(`/api/spotcheck/plans/${plan.id}`, { budget: 4999 }, { 'if-match': '"2"' });
    expect(patched.json().error.code).toBe('OVER_BUDGET');
    const del = await city.delete(`/api/spotcheck/plans/${plan.id}/lines/${b.id}`, { 'if-match': '"2"' });
    expect(del.statusCode).toBe(200);
    expect(del.json().totalCost).toBe(2000);
    await head.post(`/api/spotcheck/plans/${plan.id}/approve`);
    const frozen = await city.patch(`/api/spotcheck/plans/${plan.id}`, { name: '改名' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('PLAN_NOT_DRAFT');
    const list = await city.get(`/api/spotcheck/plans?kind=special&status=approved&year=${thisYear + 1}`);
    expect(list.json().items.find((x: { id: string }) => x.id === plan.id)).toMatchObject({ lineCount: 1, lotCount: 1, totalCost: 2000, totalBatches: 2, status: 'approved' });
  });

  it('lots: an institution account sees the open lots and its own (404 for another institution\'s), reads no plans', async () => {
    const p = await makeProduct(env);
    const plan = await makePlan(env);
    const { institution, user } = await makeInstitutionAccount(env);
    const other = await makeInstitutionAccount(env);
    const open = await makeLot(env, { productId: p.id, planId: plan.id });
    const mine = await makeLot(env, { productId: p.id, planId: plan.id, status: 'assigned', institutionId: institution.id });
    const theirs = await makeLot(env, { productId: p.id, planId: plan.id, status: 'assigned', institutionId: other.institution.id });
    const inst = await env.login(user.username);
    const list = (await inst.get(`/api/spotcheck/lots?planId=${plan.id}`)).json();
    expect(list.items.map((l: { id: string }) => l.id).sort()).toEqual([open.id, mine.id].sort());
    expect((await inst.get(`/api/spotcheck/lots/${theirs.id}`)).statusCode).toBe(404);
    expect((await inst.get(`/api/spotcheck/lots/${mine.id}`)).json()).toMatchObject({ institution: { id: institution.id } });
    expect((await inst.get('/api/spotcheck/plans')).statusCode).toBe(403);
    expect((await inst.post('/api/spotcheck/suggestions', { year: thisYear + 1, productId: p.id, reason: 'x' })).statusCode).toBe(403);
    expect((await county.get(`/api/spotcheck/lots?planId=${plan.id}`)).json().total).toBe(3);
  });

  it('suggestions: window closed (409), product or registered enterprise required, listed newest first', async () => {
    const Y = thisYear + 4;
    const p = await makeProduct(env);
    const e = await makeEnterprise(env);
    const s1 = await county.post('/api/spotcheck/suggestions', { year: Y, productId: p.id, reason: '投诉集中' });
    expect(s1.statusCode, s1.body).toBe(201);
    const s2 = await county.post('/api/spotcheck/suggestions', { year: Y, uscc: e.uscc, reason: '上年不合格' });
    expect(s2.json()).toMatchObject({ enterpriseName: e.name, uscc: e.uscc });
    expect((await county.post('/api/spotcheck/suggestions', { year: Y, reason: '无对象' })).json().error.code).toBe('VALIDATION');
    expect((await county.post('/api/spotcheck/suggestions', { year: Y, uscc: '91320826MA00000000', reason: 'x' })).json().error.code).toBe('UNKNOWN_ENTERPRISE');
    const list = (await county.get(`/api/spotcheck/suggestions?year=${Y}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([s2.json().id, s1.json().id]);
    expect((await county.get(`/api/spotcheck/suggestions?year=${Y}&productId=${p.id}`)).json().total).toBe(1);
    await makePlan(env, { kind: 'annual', year: Y, status: 'draft', windowEndsOn: '2020-01-01' });
    const closed = await county.post('/api/spotcheck/suggestions', { year: Y, productId: p.id, reason: '太迟' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('WINDOW_CLOSED');
    expect(await env.db.select().from(spotcheckHistory).where(eq(spotcheckHistory.productId, p.id))).toEqual([]);
  });
});
