import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckApplications, spotcheckHistory, spotcheckLots, spotcheckPlanLines, spotcheckProductLinks, spotcheckProducts } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../testing.js';
import { makePlansService, quarterEnd } from './plans.service.js';
import { actorIn, makeInstitutionAccount } from './testing-plans.js';

/**
 * Plans without HTTP: generation from the database (stats, complaints, suggestions), regeneration
 * of a draft, special plans, edits within the budget, approval into lots, closing, lots' scope,
 * suggestions and their window. Each test uses its own plan year (one annual plan per year).
 */
const env = useServiceEnv();
const plans = () => env.services.spotchecks.plans;
const thisYear = Number(todayInChina().slice(0, 4));
let city: Actor;
let county: Actor;
let head: Actor;
const ctx = (actor: Actor) => ({ actor });
const codesOf = (p: { lines: { productCode: string }[] }) => p.lines.map((l) => l.productCode).sort();

/** Only products made after this take part in the next generation. */
const fresh = () => env.db.update(spotcheckProducts).set({ active: false });

async function auditOf(targetId: string) {
  return env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, targetId));
}

describe('plans service', () => {
  it('set up', async () => {
    city = await actorIn(env, ['city_officer'], '320800');
    county = await actorIn(env, ['county_officer'], '320826');
    head = await actorIn(env, ['section_head'], '320800');
  });

  it('generates from the history, complaints of last year and suggestions; 95 % rule; regenerates a draft; 409 once approved', async () => {
    const Y = 2031;
    await fresh();
    const hi = await makeProduct(env, { code: `HI-${Y}`, impact: 3, batchCost: 1000 });
    const edge = await makeProduct(env, { code: `EDGE-${Y}`, impact: 3, batchCost: 1000 });
    const low = await makeProduct(env, { code: `LOW-${Y}`, impact: 2, batchCost: 1000 });
    await env.db.insert(spotcheckHistory).values([
      { productId: hi.id, year: Y - 1, batches: 30, passed: 29, enteredByName: '测试' },
      { productId: edge.id, year: Y - 1, batches: 20, passed: 19, enteredByName: '测试' },
      { productId: low.id, year: Y - 1, batches: 10, passed: 7, enteredByName: '测试' },
    ]);
    const refId = () => crypto.randomUUID();
    await env.db.insert(spotcheckProductLinks).values([
      { productId: low.id, kind: 'complaint', refId: refId(), refNo: 'TS1', refOn: `${Y - 1}-03-01`, linkedByName: '测试' },
      { productId: low.id, kind: 'complaint', refId: refId(), refNo: 'TS2', refOn: `${Y - 1}-12-31`, linkedByName: '测试' },
      { productId: low.id, kind: 'complaint', refId: refId(), refNo: 'TS3', refOn: `${Y - 2}-12-31`, linkedByName: '测试' }, // not last year
      { productId: low.id, kind: 'case', refId: refId(), refNo: 'AJ1', refOn: `${Y - 1}-05-01`, linkedByName: '测试' }, // a case, not a complaint
    ]);

    const plan = await plans().generate(ctx(city), { year: Y, budget: 1_000_000 });
    expect(plan).toMatchObject({ year: Y, status: 'draft', kind: 'annual', passRateRule: { mode: 'skip' } });
    expect(codesOf(plan)).toEqual([edge.code, low.code].sort());
    expect(plan.excluded).toEqual([{ productCode: hi.code, reason: { code: 'PASS_RATE_ABOVE_95', text: `${Y - 1} 年合格率 96.67%（29/30 批次）高于 95%，本年度不列入计划` } }]);
    const lowLine = plan.lines.find((l) => l.productCode === low.code)!;
    expect(lowLine.reasons.map((r) => r.code)).toEqual(['IMPACT', 'LOW_PASS_RATE', 'COMPLAINTS', 'QUARTER']);
    expect(lowLine.reasons.find((r) => r.code === 'COMPLAINTS')!.text).toBe(`${Y - 1} 年关联投诉 2 件，增加 2 批次`);
    // impact 2: 3 + 70 % → 3 + complaints 2 = 8 batches.
    expect(lowLine).toMatchObject({ batches: 8, cost: 8000, edited: false });
    expect(plan.totalCost).toBe(plan.lines.reduce((n, l) => n + l.cost, 0));
    expect((await auditOf(plan.id)).map((a) => a.action)).toContain('spotcheck.plan_generated');

    // Regenerate (reduce mode): same plan, lines replaced, new version.
    const again = await plans().generate(ctx(city), { year: Y, budget: 1_000_000, passRateRule: { mode: 'reduce', reducePercent: 50 } });
    expect(again.id).toBe(plan.id);
    expect(again.version).toBe(plan.version + 1);
    expect(again.excluded).toEqual([]);
    expect(codesOf(again)).toEqual([edge.code, hi.code, low.code].sort());
    expect(again.lines.find((l) => l.productCode === hi.code)!.batches).toBe(2);
    expect(await env.db.select().from(spotcheckPlanLines).where(eq(spotcheckPlanLines.planId, plan.id))).toHaveLength(3);
    expect((await auditOf(plan.id)).map((a) => a.action)).toContain('spotcheck.plan_regenerated');
    // A stale If-Match on regeneration: 412.
    await expect(plans().generate(ctx(city), { year: Y, budget: 1_000_000 }, [plan.version])).rejects.toMatchObject({ status: 412 });

    // Without a rule in the request, the settings' rule applies (here: reduce by 75 %).
    const configured = makePlansService({ db: env.db, audit: env.services.audit, calendar: env.services.calendar, jurisdiction: env.services.jurisdiction, todos: env.services.todos, users: env.services.users, rules: { ...env.config.spotcheckRules, passRateMode: 'reduce', passRateReducePercent: 75 }, draws: env.services.spotchecks.draws, drawSecrets: env.services.drawSecrets });
    const byDefault = await configured.generate(ctx(city), { year: Y, budget: 1_000_000 });
    expect(byDefault.passRateRule).toEqual({ mode: 'reduce', reducePercent: 75 });
    expect(byDefault.lines.find((l) => l.productCode === hi.code)!.batches).toBe(1);
    expect((await plans().generate(ctx(city), { year: Y, budget: 1_000_000 })).passRateRule).toEqual({ mode: 'skip' });

    await plans().approve(ctx(head), plan.id, undefined);
    await expect(plans().generate(ctx(city), { year: Y, budget: 1_000_000 })).rejects.toMatchObject({ code: 'PLAN_APPROVED', status: 409 });
  });

  it('a county user may not generate, edit or approve (403 NOT_CITY)', async () => {
    await expect(plans().generate(ctx(county), { year: 2032, budget: 1000 })).rejects.toMatchObject({ code: 'NOT_CITY', status: 403 });
    const p = await makeProduct(env);
    await expect(plans().createSpecial(ctx(county), { name: 'x', year: thisYear, budget: 100_000, lines: [{ productId: p.id, batches: 1, quarter: 4 }] })).rejects.toMatchObject({ code: 'NOT_CITY' });
    const plan = await makePlan(env, { status: 'draft' });
    await expect(plans().update(ctx(county), plan.id, { name: 'y' }, undefined)).rejects.toMatchObject({ code: 'NOT_CITY' });
    await expect(plans().putLine(ctx(county), plan.id, p.id, { batches: 1, quarter: 4 }, undefined)).rejects.toMatchObject({ code: 'NOT_CITY' });
    await expect(plans().approve(ctx(county), plan.id, undefined)).rejects.toMatchObject({ code: 'NOT_CITY' });
  });

  it('generation within the budget: lowest priority cut first, BUDGET exclusions', async () => {
    const Y = 2033;
    await fresh();
    const big = await makeProduct(env, { code: `BIG-${Y}`, impact: 5, batchCost: 1000 });
    const small = await makeProduct(env, { code: `SMALL-${Y}`, impact: 1, batchCost: 1000 });
    const plan = await plans().generate(ctx(city), { year: Y, budget: 8500 });
    expect(plan.totalCost).toBeLessThanOrEqual(8500);
    expect(plan.lines.map((l) => [l.productCode, l.batches])).toEqual([[big.code, 8]]);
    expect(plan.excluded).toEqual([expect.objectContaining({ productCode: small.code, reason: expect.objectContaining({ code: 'BUDGET' }) })]);
  });

  it('special plans: lines within the budget, quarters not over, products active and once each', async () => {
    const a = await makeProduct(env, { batchCost: 1000 });
    const b = await makeProduct(env, { batchCost: 3000 });
    const off = await makeProduct(env, { active: false });
    const base = { name: '儿童用品专项', year: thisYear + 1, budget: 10_000 };
    await expect(plans().createSpecial(ctx(city), { ...base, lines: [{ productId: a.id, batches: 2, quarter: 1 }, { productId: b.id, batches: 3, quarter: 2 }] })).rejects.toMatchObject({ code: 'OVER_BUDGET', status: 409 });
    await expect(plans().createSpecial(ctx(city), { ...base, lines: [{ productId: a.id, batches: 1, quarter: 1 }, { productId: a.id, batches: 1, quarter: 2 }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(plans().createSpecial(ctx(city), { ...base, lines: [{ productId: off.id, batches: 1, quarter: 1 }] })).rejects.toMatchObject({ code: 'PRODUCT_INACTIVE' });
    await expect(plans().createSpecial(ctx(city), { ...base, year: thisYear - 1, lines: [{ productId: a.id, batches: 1, quarter: 4 }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    if (todayInChina() > `${thisYear}-03-31`) {
      await expect(plans().createSpecial(ctx(city), { ...base, year: thisYear, lines: [{ productId: a.id, batches: 1, quarter: 1 }] })).rejects.toMatchObject({ code: 'QUARTER_PASSED' });
    }
    const plan = await plans().createSpecial(ctx(city), { ...base, lines: [{ productId: a.id, batches: 2, quarter: 1 }, { productId: b.id, batches: 2, quarter: 3 }] });
    expect(plan).toMatchObject({ kind: 'special', status: 'draft', totalCost: 8000, totalBatches: 4, budget: 10_000 });
    expect(plan.lines[0]!.reasons[0]!.code).toBe('SPECIAL');
    expect((await auditOf(plan.id)).map((x) => x.action)).toEqual(['spotcheck.plan_created']);
  });

  it('edits a draft within its budget (If-Match, edited, reasons), then approval makes the lots and freezes it', async () => {
    const a = await makeProduct(env, { batchCost: 1000 });
    const b = await makeProduct(env, { batchCost: 2000 });
    const c = await makeProduct(env, { batchCost: 500 });
    const Y = thisYear + 2;
    let plan = await plans().createSpecial(ctx(city), { name: '编辑测试', year: Y, budget: 10_000, lines: [{ productId: a.id, batches: 2, quarter: 2 }, { productId: b.id, batches: 1, quarter: 2 }] });
    // Over the budget: nothing changes.
    await expect(plans().putLine(ctx(city), plan.id, a.id, { batches: 9, quarter: 2 }, undefined)).rejects.toMatchObject({ code: 'OVER_BUDGET', status: 409 });
    await expect(plans().putLine(ctx(city), plan.id, a.id, { batches: 3, quarter: 1 }, [plan.version + 5])).rejects.toMatchObject({ status: 412 });
    plan = await plans().putLine(ctx(city), plan.id, a.id, { batches: 3, quarter: 1 }, [plan.version]);
    const lineA = plan.lines.find((l) => l.productId === a.id)!;
    expect(lineA).toMatchObject({ batches: 3, quarter: 1, cost: 3000, edited: true });
    expect(lineA.reasons.at(-1)).toEqual({ code: 'EDITED', text: '经办人调整：2 → 3 批次，第 2 → 第 1 季度' });
    plan = await plans().putLine(ctx(city), plan.id, c.id, { batches: 2, quarter: 4 }, undefined);
    expect(plan.lines.find((l) => l.productId === c.id)).toMatchObject({ edited: true, reasons: [{ code: 'ADDED', text: '经办人添加' }], cost: 1000 });
    plan = await plans().deleteLine(ctx(city), plan.id, b.id, [plan.version]);
    expect(plan.lines.map((l) => l.productId).sort()).toEqual([a.id, c.id].sort());
    await expect(plans().deleteLine(ctx(city), plan.id, b.id, undefined)).rejects.toMatchObject({ status: 404 });
    // Budget below the lines' total: 409; the name and window change.
    await expect(plans().update(ctx(city), plan.id, { budget: 3999 }, undefined)).rejects.toMatchObject({ code: 'OVER_BUDGET' });
    plan = await plans().update(ctx(city), plan.id, { budget: 4000, name: '编辑测试（改）', windowEndsOn: `${Y}-01-15`, scoreWeights: { price: 50, capability: 30, record: 20, locality: 0 } }, [plan.version]);
    expect(plan).toMatchObject({ budget: 4000, name: '编辑测试（改）', windowEndsOn: `${Y}-01-15`, scoreWeights: { locality: 0 } });
    await expect(plans().update(ctx(city), plan.id, { scoreWeights: { price: 50, capability: 30, record: 20, locality: 10 } }, undefined)).rejects.toMatchObject({ code: 'VALIDATION' });

    // Approve: one lot per line, numbered per year and quarter, due the quarter's last day.
    await expect(plans().approve(ctx(head), plan.id, [plan.version - 1])).rejects.toMatchObject({ status: 412 });
    const approved = await plans().approve(ctx(head), plan.id, [plan.version]);
    expect(approved).toMatchObject({ status: 'approved', approvedByName: head.name, lotCount: 2, windowOpen: false });
    const lots = await env.db.select().from(spotcheckLots).where(eq(spotcheckLots.planId, plan.id));
    expect(lots.map((l) => [l.lotNo, l.productId, l.batches, l.dueOn, l.status]).sort()).toEqual(
      [
        [`CJ${Y}-Q1-001`, a.id, 3, quarterEnd(Y, 1), 'open'],
        [`CJ${Y}-Q4-001`, c.id, 2, `${Y}-12-31`, 'open'],
      ].sort(),
    );
    // Numbers continue over plans of the same year.
    const second = await plans().createSpecial(ctx(city), { name: '编号续排', year: Y, budget: 10_000, lines: [{ productId: a.id, batches: 1, quarter: 1 }] });
    await plans().approve(ctx(head), second.id, undefined);
    const [l2] = await env.db.select().from(spotcheckLots).where(eq(spotcheckLots.planId, second.id));
    expect(l2!.lotNo).toBe(`CJ${Y}-Q1-002`);

    // Frozen once approved.
    await expect(plans().putLine(ctx(city), plan.id, a.id, { batches: 1, quarter: 1 }, undefined)).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT', status: 409 });
    await expect(plans().update(ctx(city), plan.id, { name: 'z' }, undefined)).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT' });
    await expect(plans().approve(ctx(head), plan.id, undefined)).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT' });
    const listed = await plans().list({ year: Y, kind: 'special' }, { page: 1, pageSize: 10 });
    expect(listed.items.find((x) => x.id === plan.id)).toMatchObject({ lineCount: 2, lotCount: 2, totalCost: 4000, totalBatches: 5, status: 'approved' });
    const closed = await plans().close(ctx(head), plan.id, undefined);
    expect(closed.status).toBe('closed');
    await expect(plans().close(ctx(head), plan.id, undefined)).rejects.toMatchObject({ code: 'PLAN_NOT_APPROVED' });
    const actions = (await auditOf(plan.id)).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['spotcheck.plan_created', 'spotcheck.plan_line_set', 'spotcheck.plan_line_deleted', 'spotcheck.plan_updated', 'spotcheck.plan_approved', 'spotcheck.plan_closed']));
  });

  it('an empty plan cannot be approved; a product added by hand leaves the excluded', async () => {
    const Y = 2034;
    await fresh();
    const hi = await makeProduct(env, { code: `HI-${Y}`, batchCost: 100 });
    await env.db.insert(spotcheckHistory).values({ productId: hi.id, year: Y - 1, batches: 100, passed: 100, enteredByName: '测试' });
    let plan = await plans().generate(ctx(city), { year: Y, budget: 100_000 });
    expect(plan.lines).toEqual([]);
    await expect(plans().approve(ctx(head), plan.id, undefined)).rejects.toMatchObject({ code: 'PLAN_EMPTY', status: 409 });
    plan = await plans().putLine(ctx(city), plan.id, hi.id, { batches: 1, quarter: 2 }, undefined);
    expect(plan.excluded).toEqual([]);
    expect(plan.lines).toHaveLength(1);
  });

  it('lots: an institution account sees the open lots and its own, nothing else', async () => {
    const p = await makeProduct(env);
    const plan = await makePlan(env);
    const { institution, actor } = await makeInstitutionAccount(env);
    const other = await makeInstitutionAccount(env);
    const open = await makeLot(env, { productId: p.id, planId: plan.id });
    const mine = await makeLot(env, { productId: p.id, planId: plan.id, status: 'assigned', institutionId: institution.id });
    const theirs = await makeLot(env, { productId: p.id, planId: plan.id, status: 'assigned', institutionId: other.institution.id });
    const seen = await plans().listLots(actor, { planId: plan.id }, { page: 1, pageSize: 50 });
    expect(seen.items.map((l) => l.id).sort()).toEqual([open.id, mine.id].sort());
    expect(seen.total).toBe(2);
    await expect(plans().getLot(actor, theirs.id)).rejects.toMatchObject({ status: 404 });
    const lot = await plans().getLot(actor, mine.id);
    expect(lot).toMatchObject({ id: mine.id, institution: { id: institution.id, name: institution.name }, product: { id: p.id, code: p.code }, plan: { id: plan.id, kind: 'special' } });
    // Counts: the lot's samples; applications (an institution sees only its own).
    await makeSample(env, { lotId: mine.id, productId: p.id, institutionId: institution.id, enterprise: await makeEnterprise(env) });
    await env.db.insert(spotcheckApplications).values([
      { lotId: open.id, institutionId: institution.id, price: 1000, capacity: 3, createdByName: '测试' },
      { lotId: open.id, institutionId: other.institution.id, price: 900, capacity: 3, createdByName: '测试' },
      { lotId: open.id, institutionId: (await makeInstitution(env)).id, price: 900, capacity: 3, status: 'withdrawn', createdByName: '测试' },
    ]);
    const counts = (r: { items: { id: string; sampleCount: number; applicationCount: number }[] }) => Object.fromEntries(r.items.map((l) => [l.id, [l.sampleCount, l.applicationCount]]));
    const staff = await plans().listLots(county, { planId: plan.id }, { page: 1, pageSize: 50 });
    expect(staff.total).toBe(3);
    expect(counts(staff)).toEqual({ [open.id]: [0, 2], [mine.id]: [1, 0], [theirs.id]: [0, 0] });
    expect(counts(await plans().listLots(actor, { planId: plan.id }, { page: 1, pageSize: 50 }))).toEqual({ [open.id]: [0, 1], [mine.id]: [1, 0] });
    expect(await plans().getLot(city, open.id)).toMatchObject({ applicationCount: 2, sampleCount: 0 });
    expect((await plans().listLots(city, { planId: plan.id, status: 'open' }, { page: 1, pageSize: 50 })).items.map((l) => l.id)).toEqual([open.id]);
  });

  it('suggestions: any bureau, a product or a registered enterprise with a reason, while the window is open', async () => {
    await fresh();
    const p = await makeProduct(env);
    const e = await makeEnterprise(env);
    const Y = thisYear + 3;
    const s = await plans().suggest(ctx(county), { year: Y, productId: p.id, reason: '辖区内投诉较多' });
    expect(s).toMatchObject({ year: Y, productId: p.id, productCode: p.code, reason: '辖区内投诉较多', enterpriseId: null, createdByName: county.name });
    expect(s.orgName).toBeTruthy();
    const byE = await plans().suggest(ctx(county), { year: Y, uscc: e.uscc.toLowerCase(), reason: '曾有不合格记录' });
    expect(byE).toMatchObject({ enterpriseId: e.id, enterpriseName: e.name, uscc: e.uscc, productId: null });
    await expect(plans().suggest(ctx(county), { year: Y, reason: '无对象' })).rejects.toMatchObject({ code: 'VALIDATION', status: 400 });
    await expect(plans().suggest(ctx(county), { year: Y, productId: p.id, reason: '  ' })).rejects.toMatchObject({ status: 400 });
    await expect(plans().suggest(ctx(county), { year: Y, uscc: '91320826MA00000000', reason: 'x' })).rejects.toMatchObject({ code: 'UNKNOWN_ENTERPRISE' });
    await expect(plans().suggest(ctx(county), { year: Y, productId: crypto.randomUUID(), reason: 'x' })).rejects.toMatchObject({ code: 'UNKNOWN_PRODUCT' });
    await expect(plans().suggest(ctx(county), { year: thisYear - 1, productId: p.id, reason: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const list = await plans().listSuggestions({ year: Y }, { page: 1, pageSize: 10 });
    expect(list.items.map((x) => x.id)).toEqual([byE.id, s.id]);
    expect((await auditOf(s.id)).map((x) => x.action)).toEqual(['spotcheck.suggestion_created']);

    // The window: a draft plan with its last day today is open; past it, closed; approved, closed.
    const plan = await plans().generate(ctx(city), { year: Y, budget: 1_000_000, windowEndsOn: todayInChina() });
    // The suggestion counts in the generation: one bureau.
    expect(plan.lines.find((l) => l.productId === p.id)!.reasons.map((r) => r.code)).toContain('SUGGESTIONS');
    expect(plan.windowOpen).toBe(true);
    await plans().suggest(ctx(city), { year: Y, productId: p.id, reason: '市局也可建议' });
    const moved = await plans().update(ctx(city), plan.id, { windowEndsOn: addDays(todayInChina(), -1) }, undefined);
    expect(moved.windowOpen).toBe(false);
    await expect(plans().suggest(ctx(county), { year: Y, productId: p.id, reason: 'x' })).rejects.toMatchObject({ code: 'WINDOW_CLOSED', status: 409 });
    await plans().update(ctx(city), plan.id, { windowEndsOn: null }, undefined);
    await plans().suggest(ctx(county), { year: Y, productId: p.id, reason: '重新开放' });
    await plans().approve(ctx(head), plan.id, undefined);
    await expect(plans().suggest(ctx(county), { year: Y, productId: p.id, reason: 'x' })).rejects.toMatchObject({ code: 'WINDOW_CLOSED' });
    const lots = await env.db.select().from(spotcheckLots).where(and(eq(spotcheckLots.planId, plan.id), eq(spotcheckLots.productId, p.id)));
    expect(lots).toHaveLength(1);
  });
});
