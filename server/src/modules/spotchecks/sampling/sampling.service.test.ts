import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { enterprises } from '../../enterprises/index.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckLots, spotcheckObjections, spotcheckProducers, spotcheckSamples } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeProducers, makeSample } from '../testing.js';
import { addMonths, objectionDue, withinRepeatWindow } from './window.js';

const env = useServiceEnv();
const svc = () => env.services.spotchecks.sampling;

async function actorOf(roles: string[], regionCode = '320800') {
  const u = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(u.id))! as Actor;
}
const ctxOf = (actor: Actor) => ({ actor });
const err = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; status: number; details?: unknown };
  }
  throw new Error('expected an error');
};

describe('window.ts', () => {
  it('adds months clamping the day', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-06', -6)).toBe('2026-06-06');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
  });

  it('repeat rule edges: 5 months 29 days excluded, exactly 6 months and 6 months + 1 day eligible', () => {
    expect(withinRepeatWindow('2026-06-07', 6, '2026-12-06')).toBe(true); // 5 months 29 days ago
    expect(withinRepeatWindow('2026-06-06', 6, '2026-12-06')).toBe(false); // exactly 6 months
    expect(withinRepeatWindow('2026-06-05', 6, '2026-12-06')).toBe(false); // 6 months + 1 day
    expect(withinRepeatWindow('2026-06-05', 12, '2026-12-06')).toBe(true); // configurable
  });

  it('objection window: 15 days from the day after receipt; a last day on a rest day moves to the next working day', async () => {
    const cal = env.services.calendar;
    // Received Monday 2025-03-03: day 15 is Tuesday 03-18.
    expect(await objectionDue(cal, '2025-03-03', 15)).toEqual({ date: '2025-03-18', certain: true });
    // Received Saturday 2025-03-01: day 15 is Sunday 03-16 → Monday 03-17.
    expect(await objectionDue(cal, '2025-03-01', 15)).toEqual({ date: '2025-03-17', certain: true });
    // Day 15 on the National Day holiday (2025-10-01 … 10-08) → Thursday 10-09.
    expect(await objectionDue(cal, '2025-09-16', 15)).toEqual({ date: '2025-10-09', certain: true });
    // A year without holiday data: Monday–Friday assumed, flagged uncertain.
    const far = await objectionDue(cal, '2090-03-01', 15);
    expect(far.certain).toBe(false);
  });
});

describe('the lot’s draw', () => {
  async function setup(batches = 5) {
    const product = await makeProduct(env);
    const inst = await makeInstitution(env, { cmaScope: [product.code] });
    const plan = await makePlan(env);
    const lot = await makeLot(env, { productId: product.id, planId: plan.id, status: 'assigned', institutionId: inst.id, batches });
    return { product, inst, plan, lot };
  }

  it('excludes producers sampled within 6 months (from the sampling day, or the draw when not yet sampled), and inactive ones; commits, verifies, reveals into samples', async () => {
    const { product, inst, plan, lot } = await setup(5);
    const [recent, old, drawnRecently, never, exactly] = await makeProducers(env, product.id, 5);
    const suspended = (await makeProducers(env, product.id, 1))[0]!;
    await env.db.update(enterprises).set({ status: 'suspended' }).where(eq(enterprises.id, suspended.id));
    const today = todayInChina();
    const sixAgo = addMonths(today, -6);
    const earlier = await makeLot(env, { productId: product.id, planId: plan.id, status: 'drawn', institutionId: inst.id });
    const record = (sampledOn: string) => ({ sampledOn, place: '门店', batchNo: 'B1', productionDate: null, specification: null, quantitySampled: 2, baseCount: 100, pricePaid: 10, sealNumbers: ['F1'], enterpriseSigner: '张三', note: null });
    const r = await makeSample(env, { lotId: earlier.id, productId: product.id, institutionId: inst.id, enterprise: recent!, status: 'sampled', record: record(addDays(sixAgo, 1)) }); // 5 months 29/30 days
    await makeSample(env, { lotId: earlier.id, productId: product.id, institutionId: inst.id, enterprise: old!, status: 'sampled', record: record(addDays(sixAgo, -1)) }); // 6 months + 1 day
    const d = await makeSample(env, { lotId: earlier.id, productId: product.id, institutionId: inst.id, enterprise: drawnRecently!, status: 'drawn', createdAt: new Date(`${addDays(sixAgo, 1)}T04:00:00Z`) });
    await makeSample(env, { lotId: earlier.id, productId: product.id, institutionId: inst.id, enterprise: exactly!, status: 'sampled', record: record(sixAgo) }); // exactly 6 months

    const city = await actorOf(['city_officer']);
    const committed = await svc().commitDraw(ctxOf(city), lot.id);
    expect(committed.excluded.map((e) => e.uscc).sort()).toEqual([recent!.uscc, drawnRecently!.uscc].sort());
    expect(committed.excluded.find((e) => e.uscc === recent!.uscc)).toMatchObject({ rule: 'repeat_within_months', evidence: { sampleId: r.id, sampleNo: r.sampleNo, on: addDays(sixAgo, 1) } });
    expect(committed.excluded.find((e) => e.uscc === drawnRecently!.uscc)!.evidence).toMatchObject({ sampleId: d.id, on: addDays(sixAgo, 1) });
    expect(committed).toMatchObject({ candidates: 3, batches: 5, k: 3 });
    expect(committed.note).toContain('少于计划批次');
    const statement = committed.record.commitStatement;
    expect(await verifyDrawRecord(committed.record, { statement })).toMatchObject({ ok: true, status: 'committed' });
    expect((await env.db.select().from(spotcheckLots).where(eq(spotcheckLots.id, lot.id)))[0]!.drawId).toBe(committed.drawId);

    // One pending draw at a time.
    expect(await err(svc().commitDraw(ctxOf(city), lot.id))).toMatchObject({ code: 'DRAW_PENDING', status: 409 });
    // The staff's view names the excluded with their evidence.
    expect((await svc().drawView(committed.drawId)).excluded).toHaveLength(2);

    const revealed = await svc().revealDraw(ctxOf(city), committed.drawId, '见证人：李四');
    expect(await verifyDrawRecord(revealed.record, { statement })).toMatchObject({ ok: true, status: 'revealed' });
    expect(revealed.samples.map((s) => s.uscc).sort()).toEqual([old!.uscc, never!.uscc, exactly!.uscc].sort());
    const rows = await env.db.select().from(spotcheckSamples).where(eq(spotcheckSamples.lotId, lot.id));
    expect(rows).toHaveLength(3);
    for (const s of rows) {
      expect(s).toMatchObject({ status: 'drawn', institutionId: inst.id, dueOn: lot.dueOn, productId: product.id, samplerIds: [] });
      expect(s.sampleNo).toMatch(new RegExp(`^CY${today.slice(0, 4)}\\d{5}$`));
    }
    expect((await env.db.select().from(spotcheckLots).where(eq(spotcheckLots.id, lot.id)))[0]!.status).toBe('drawn');
    expect(await err(svc().commitDraw(ctxOf(city), lot.id))).toMatchObject({ code: 'LOT_DRAWN', status: 409 });
    expect(await err(svc().revealDraw(ctxOf(city), committed.drawId))).toMatchObject({ code: 'DRAW_NOT_COMMITTED' });
  });

  it('LOT_NOT_ASSIGNED, NOT_CITY, NOT_ENOUGH_PRODUCERS, and a tie-break draw is not revealed here', async () => {
    const city = await actorOf(['city_officer']);
    const county = await actorOf(['county_officer'], '320826');
    const product = await makeProduct(env);
    const plan = await makePlan(env);
    const open = await makeLot(env, { productId: product.id, planId: plan.id });
    expect(await err(svc().commitDraw(ctxOf(city), open.id))).toMatchObject({ code: 'LOT_NOT_ASSIGNED', status: 409 });
    const { lot } = await setup(2);
    expect(await err(svc().commitDraw(ctxOf(county), lot.id))).toMatchObject({ code: 'NOT_CITY', status: 403 });
    expect(await err(svc().commitDraw(ctxOf(city), lot.id))).toMatchObject({ code: 'NOT_ENOUGH_PRODUCERS', status: 409 });

    const tie = await inTransaction(env.db, (tx: Db) => env.services.spotchecks.draws.commit(tx, ctxOf(city), { purpose: 'tie_break', lotId: lot.id, strata: [{ className: '同分机构', keys: ['a', 'b'], k: 1 }] }));
    expect(await err(svc().revealDraw(ctxOf(city), tie.id))).toMatchObject({ code: 'NOT_SAMPLING_DRAW', status: 409 });
  });

  it('k is the lot’s batches when there are enough candidates', async () => {
    const { product, lot } = await setup(2);
    await makeProducers(env, product.id, 4);
    const city = await actorOf(['city_officer']);
    const c = await svc().commitDraw(ctxOf(city), lot.id);
    expect(c).toMatchObject({ candidates: 4, k: 2, note: null, excluded: [] });
    const { samples } = await svc().revealDraw(ctxOf(city), c.drawId);
    expect(samples).toHaveLength(2);
    // The producers' rows are untouched.
    expect(await env.db.select().from(spotcheckProducers).where(eq(spotcheckProducers.productId, product.id))).toHaveLength(4);
  });
});

describe('finalizeDue', () => {
  it('a reported sample becomes final the day after its window (day 15 in, day 16 out); one with an objection does not', async () => {
    const product = await makeProduct(env);
    const inst = await makeInstitution(env);
    const plan = await makePlan(env);
    const lot = await makeLot(env, { productId: product.id, planId: plan.id, status: 'drawn', institutionId: inst.id });
    const [a, b, c] = await makeProducers(env, product.id, 3);
    const due = '2025-03-18';
    const base = { lotId: lot.id, productId: product.id, institutionId: inst.id, status: 'reported' as const, noticeNo: 'x', notifiedOn: '2025-03-01', receivedOn: '2025-03-03', objectionDueOn: due };
    const pass = await makeSample(env, { ...base, enterprise: a!, conclusion: 'pass' });
    const fail = await makeSample(env, { ...base, enterprise: b!, conclusion: 'fail' });
    const objected = await makeSample(env, { ...base, enterprise: c!, conclusion: 'fail' });
    await env.db.insert(spotcheckObjections).values({ sampleId: objected.id, filedOn: due, filedBy: 'enterprise', filedByName: 'e', reason: '不服' });

    const run = (today: string) => inTransaction(env.db, (tx: Db) => svc().finalizeDue(tx, today));
    await run(due); // day 15: still open
    const get = async (id: string) => (await env.db.select().from(spotcheckSamples).where(eq(spotcheckSamples.id, id)))[0]!;
    expect(await get(pass.id)).toMatchObject({ status: 'reported', finalConclusion: null });
    await run(addDays(due, 1)); // day 16
    expect(await get(pass.id)).toMatchObject({ status: 'closed', finalConclusion: 'pass', version: 2 });
    expect(await get(fail.id)).toMatchObject({ status: 'closed', finalConclusion: 'fail' });
    expect(await get(objected.id)).toMatchObject({ status: 'reported', finalConclusion: null });
  });

  it('a due sample is finalized when read', async () => {
    const product = await makeProduct(env);
    const inst = await makeInstitution(env);
    const plan = await makePlan(env);
    const lot = await makeLot(env, { productId: product.id, planId: plan.id, status: 'drawn', institutionId: inst.id });
    const e = await makeEnterprise(env);
    const s = await makeSample(env, { lotId: lot.id, productId: product.id, institutionId: inst.id, enterprise: e, status: 'reported', conclusion: 'pass', noticeNo: 'y', notifiedOn: '2025-03-01', receivedOn: '2025-03-03', objectionDueOn: '2025-03-18' });
    expect(await svc().get(env.admin, s.id)).toMatchObject({ status: 'closed', finalConclusion: 'pass', objectionDueCertain: true });
  });
});

describe('the sample size on the detail', () => {
  it('the implementing rule’s, or GB/T 2828.1 from the 抽样单’s base count (null until sampled)', async () => {
    const plan = await makePlan(env);
    const inst = await makeInstitution(env);
    const record = { sampledOn: todayInChina(), place: '仓库', batchNo: 'B2', productionDate: null, specification: null, quantitySampled: 32, baseCount: 200, pricePaid: 0, sealNumbers: ['F9'], enterpriseSigner: '李四', note: null };
    const ruled = await makeProduct(env, { sampleSize: 6, sampleUnit: '只' });
    const gb = await makeProduct(env, { sampleSize: null, sampleUnit: '件', inspectionLevel: 'II', aql: '1.0' });
    const sampleOf = async (productId: string, rec: typeof record | null) => {
      const lot = await makeLot(env, { productId, planId: plan.id, status: 'drawn', institutionId: inst.id });
      const e = await makeEnterprise(env);
      return makeSample(env, { lotId: lot.id, productId, institutionId: inst.id, enterprise: e, status: rec ? 'sampled' : 'drawn', record: rec });
    };
    expect((await svc().get(env.admin, (await sampleOf(ruled.id, null)).id)).samplingPlan).toEqual({ sampleSize: 6, unit: '只', source: 'rule', codeLetter: null, ac: null, re: null });
    expect((await svc().get(env.admin, (await sampleOf(gb.id, null)).id)).samplingPlan).toBeNull();
    // Lot 200 at level II → code letter G; at AQL 1.0 G's cell is an arrow down to H: n = 50, Ac 1, Re 2 (GB/T 2828.1 tables 1 and 2-A).
    expect((await svc().get(env.admin, (await sampleOf(gb.id, record)).id)).samplingPlan).toEqual({ sampleSize: 50, unit: '件', source: 'gbt2828', codeLetter: 'H', ac: 1, re: 2 });
  });
});
