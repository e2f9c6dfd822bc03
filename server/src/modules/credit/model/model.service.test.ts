import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { enterprises } from '../../enterprises/index.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { creditClassHistory, creditModels, creditOverrides, creditRuns, creditScores } from '../credit.schema.js';
import { listEnterprise, rateEnterprise, scoreNow, unlistEnterprise } from '../testing.js';
import { CREDIT_MODEL_V1, checkCreditModelConfig, classOf } from './model-config.js';
import { modelInEffect, rescoreAll, rescoreIds } from './scoring.js';

const env = useServiceEnv();
const today = todayInChina();
const model = () => env.services.credit.model;
const classOfEnterprise = async (id: string) => (await env.db.select({ c: enterprises.creditClass }).from(enterprises).where(eq(enterprises.id, id)))[0]!.c;
const historyOf = (id: string) => env.db.select().from(creditClassHistory).where(eq(creditClassHistory.enterpriseId, id)).orderBy(creditClassHistory.at);
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { details?: { field?: string } }).details?.field;
  }
  return undefined;
};

describe('the model configuration', () => {
  it('version 1 in the database (migration 0043) is CREDIT_MODEL_V1, applying from 2000-01-01', async () => {
    const [v1] = await env.db.select().from(creditModels).where(eq(creditModels.version, 1));
    expect(v1!.effectiveFrom).toBe('2000-01-01');
    expect(v1!.config).toEqual(CREDIT_MODEL_V1);
    expect(checkCreditModelConfig(structuredClone(CREDIT_MODEL_V1))).toEqual(CREDIT_MODEL_V1);
  });

  it('is checked strictly: unknown keys, bounds not decreasing, unknown or twice-counted kinds, bad decay, each naming config.<path>', () => {
    const v1 = () => structuredClone(CREDIT_MODEL_V1) as unknown as Record<string, unknown> & typeof CREDIT_MODEL_V1;
    const f0 = (patch: Record<string, unknown>) => ({ ...v1(), factors: [{ ...CREDIT_MODEL_V1.factors[0]!, ...patch }, ...CREDIT_MODEL_V1.factors.slice(1)] });
    expect(fieldOf(() => checkCreditModelConfig({ ...v1(), extra: 1 }))).toBe('config.extra');
    expect(fieldOf(() => checkCreditModelConfig({ ...v1(), classBounds: { A: 70, B: 70, C: 50 } }))).toBe('config.classBounds');
    expect(fieldOf(() => checkCreditModelConfig(f0({ weight: 2 })))).toBe('config.factors.0.weight');
    expect(fieldOf(() => checkCreditModelConfig(f0({ kinds: ['case.fined'] })))).toBe('config.factors.0.kinds.0');
    expect(fieldOf(() => checkCreditModelConfig(f0({ kinds: ['spotcheck.failed'] })))).toBe('config.factors.4.kinds.0');
    expect(fieldOf(() => checkCreditModelConfig(f0({ kinds: ['credit.feedback'] })))).toBe('config.factors.0.kinds.0');
    expect(fieldOf(() => checkCreditModelConfig(f0({ kinds: ['case.penalty', 'case.transfer_not_accepted'] })))).toBe('config.factors.0.kinds.1');
    expect(fieldOf(() => checkCreditModelConfig(f0({ decay: { halfLifeMonths: 0 } })))).toBe('config.factors.0.decay.halfLifeMonths');
    expect(fieldOf(() => checkCreditModelConfig(f0({ decay: 'exponential' })))).toBe('config.factors.0.decay');
    expect(fieldOf(() => checkCreditModelConfig(f0({ key: 'listed' })))).toBe('config.factors.0.key');
    expect(fieldOf(() => checkCreditModelConfig(f0({ perMagnitude: { points: -1, per: 0 } })))).toBe('config.factors.0.perMagnitude.per');
    expect(fieldOf(() => checkCreditModelConfig({ ...v1(), evaluatorGrades: { ...CREDIT_MODEL_V1.evaluatorGrades, AAAA: 1 } }))).toBe('config.evaluatorGrades.AAAA');
    expect(classOf(90, CREDIT_MODEL_V1.classBounds)).toBe('A');
    expect(classOf(49.99, CREDIT_MODEL_V1.classBounds)).toBe('D');
  });
});

describe('versions', () => {
  it('applies a version from its date only; stored scores keep their version until recomputed, then the change is caused by the model', async () => {
    await expect(model().addModel(env.ctx, { effectiveFrom: addDays(today, -1), config: CREDIT_MODEL_V1 })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    const e = await makeEnterprise(env);
    await scoreNow(env, [e.id]);
    const before = await modelInEffect(env.db, today);
    const tomorrow = addDays(today, 1);
    const added = await model().addModel(env.ctx, { effectiveFrom: tomorrow, config: { ...CREDIT_MODEL_V1, base: 95 }, note: '基础分提高' });
    expect(added).toMatchObject({ version: before!.version + 1, effectiveFrom: tomorrow, note: '基础分提高' });
    expect((await model().models({ page: 1, pageSize: 1 })).currentVersion).toBe(before!.version);
    // Today: the version in effect is still the old one.
    await scoreNow(env, [e.id]);
    expect((await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id)))[0]).toMatchObject({ modelVersion: before!.version, score: 80, computedClass: 'B' });
    // From tomorrow: the new version, and another enterprise not yet recomputed keeps the old one.
    const other = await makeEnterprise(env);
    await scoreNow(env, [other.id]);
    await scoreNow(env, [e.id], { today: tomorrow });
    expect((await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id)))[0]).toMatchObject({ modelVersion: added.version, score: 95, computedClass: 'A' });
    expect((await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, other.id)))[0]!.modelVersion).toBe(before!.version);
    expect((await historyOf(e.id)).map((h) => [h.fromClass, h.toClass, h.cause])).toEqual([
      [null, 'B', 'score'],
      ['B', 'A', 'model'],
    ]);
  });
});

describe('the effective class', () => {
  it('sets enterprises.credit_class and records each change; a listed enterprise is D whatever its score, and back when removed', async () => {
    const e = await makeEnterprise(env);
    await scoreNow(env, [e.id]);
    expect(await classOfEnterprise(e.id)).toBe('B');
    const listing = await listEnterprise(env, e);
    await inTransaction(env.db, (tx) => model().rescore(tx, [e.id], 'listed'));
    expect(await classOfEnterprise(e.id)).toBe('D');
    const credit = await model().creditOf(env.admin, e.uscc);
    expect(credit).toMatchObject({ class: 'D', listed: true });
    expect(credit.reasons).toContainEqual({ factor: 'listed', points: 0, detail: '列入严重违法失信名单，等级按D类', ref: { type: 'credit_listing', id: listing.id } });
    // An override is refused while listed.
    await expect(model().setOverride(env.ctx, e.uscc, { class: 'A', reason: '整改到位', until: addDays(today, 30) })).rejects.toMatchObject({ code: 'LISTED', status: 409 });
    await unlistEnterprise(env, listing.id);
    await inTransaction(env.db, (tx) => model().rescore(tx, [e.id], 'unlisted'));
    expect((await historyOf(e.id)).map((h) => [h.fromClass, h.toClass, h.cause])).toEqual([
      [null, 'B', 'score'],
      ['B', 'D', 'listed'],
      ['D', 'B', 'unlisted'],
    ]);
  });

  it('overrides a class with a reason until a date, audited; ends it early; refuses a date too far or past', async () => {
    const e = await makeEnterprise(env);
    await expect(model().setOverride(env.ctx, e.uscc, { class: 'C', reason: '约谈', until: today })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(model().setOverride(env.ctx, e.uscc, { class: 'C', reason: '约谈', until: addDays(today, env.config.creditRules.overrideMaxDays + 1) })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    const until = addDays(today, env.config.creditRules.overrideMaxDays);
    const set = await model().setOverride(env.ctx, e.uscc, { class: 'C', reason: '多次约谈未改', until });
    expect(set).toMatchObject({ class: 'C', override: { class: 'C', reason: '多次约谈未改', until } });
    expect(set.reasons).toContainEqual({ factor: 'override', points: 0, detail: `人工调整为C类（至${until}）：多次约谈未改`, ref: null });
    expect(await classOfEnterprise(e.id)).toBe('C');
    await expect(model().setOverride(env.ctx, e.uscc, { class: 'A', reason: '再次', until })).rejects.toMatchObject({ code: 'OVERRIDE_IN_FORCE' });
    const ended = await model().endOverride(env.ctx, e.uscc, { reason: '已整改' });
    expect(ended).toMatchObject({ class: 'B', override: null });
    expect((await historyOf(e.id)).map((h) => [h.fromClass, h.toClass, h.cause])).toEqual([
      [null, 'C', 'override'],
      ['C', 'B', 'override_ended'],
    ]);
    await expect(model().endOverride(env.ctx, e.uscc, { reason: '再次结束' })).rejects.toMatchObject({ code: 'NO_OVERRIDE' });
    const audit = await env.services.audit.list(env.db, env.admin, { target: e.uscc }, { page: 1, pageSize: 10 });
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['credit_override.created', 'credit_override.ended']));
  });

  it('no longer counts an override past its date; the events job ends it (到期) and rescores (override_ended)', async () => {
    const e = await makeEnterprise(env);
    await scoreNow(env, [e.id]);
    await env.db.insert(creditOverrides).values({ enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, class: 'A', reason: '试点', until: addDays(today, -1), createdByName: '测试' });
    expect((await model().creditOf(env.admin, e.uscc)).override).toBeNull();
    const run = await model().rescoreEvents();
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const [ended] = await env.db.select().from(creditOverrides).where(eq(creditOverrides.enterpriseId, e.id));
    expect(ended).toMatchObject({ endReason: '到期', endedByName: '系统' });
    expect(ended!.endedAt).not.toBeNull();
    // Its class was B all along (the override had lapsed): nothing to record.
    expect(await classOfEnterprise(e.id)).toBe('B');
  });
});

describe('the jobs', () => {
  it('the events run picks up an enterprise with a new record within one run, and changes nothing else', async () => {
    const quiet = await makeEnterprise(env);
    const active = await makeEnterprise(env);
    await scoreNow(env, [quiet.id, active.id]);
    await model().rescoreEvents(); // a cursor, whatever ran before
    await rateEnterprise(env, quiet, { grade: 'AAA', ratedOn: addDays(today, -5) });
    expect(await model().rescoreEvents()).toMatchObject({ changed: 1, classChanged: 1 });
    await rateEnterprise(env, active, { grade: 'AAA', ratedOn: today });
    // Each run also looks back 10 minutes before its cursor (a late commit): the enterprise rated a moment ago is
    // scored again, which changes nothing.
    const run = await model().rescoreEvents();
    expect(run).toMatchObject({ changed: 1 });
    expect(run.scored).toBeGreaterThanOrEqual(2);
    expect(await classOfEnterprise(active.id)).toBe('A'); // 80 + 10 (AAA) = 90
    expect(await classOfEnterprise(quiet.id)).toBe('A');
    expect(await model().rescoreEvents()).toMatchObject({ changed: 0, classChanged: 0 });
  });

  it("keeps the events run's cursor to the server clock's microsecond (a record committed in the run's millisecond is not above it)", async () => {
    const micros = async (expr: string) => {
      const { rows } = (await env.db.execute(`select (extract(microseconds from ${expr})::int % 1000) as us`)) as unknown as { rows: { us: number }[] };
      return Number(rows[0]!.us);
    };
    // Where the clock itself has microseconds (PostgreSQL does; sampled three times, all whole
    // milliseconds at once has a chance of one in a billion), so must the stored cursors.
    const clock = [await micros('clock_timestamp()'), await micros('clock_timestamp()'), await micros('clock_timestamp()')];
    if (clock.every((us) => us === 0)) return;
    const cursors: number[] = [];
    for (let i = 0; i < 3; i++) {
      await model().rescoreEvents();
      cursors.push(await micros(`(select cursor from credit_runs where kind = 'events' order by started_at desc limit 1)`));
    }
    expect(cursors.some((us) => us !== 0)).toBe(true);
  });

  it('the nightly run scores every enterprise in chunks and records the run; a second run changes nothing', async () => {
    const a = await makeEnterprise(env);
    const b = await makeEnterprise(env);
    const first = await rescoreAll(env.db, today, 7);
    const { rows } = (await env.db.execute(`select count(*)::int as n from enterprises`)) as unknown as { rows: { n: number }[] };
    const n = rows[0]!.n;
    expect(first.scored).toBe(Number(n));
    for (const e of [a, b]) expect(await classOfEnterprise(e.id)).not.toBeNull();
    const second = await rescoreAll(env.db, today, 7);
    expect(second).toMatchObject({ scored: Number(n), changed: 0, classChanged: 0 });
    const [run] = await env.db.select().from(creditRuns).where(eq(creditRuns.id, second.runId!));
    expect(run).toMatchObject({ kind: 'all', scored: Number(n), changed: 0 });
    expect(run!.finishedAt).not.toBeNull();
  });

  it('rescore of no enterprise does nothing', async () => {
    expect(await inTransaction(env.db, (tx) => rescoreIds(tx, [], 'score'))).toEqual({ scored: 0, changed: 0, classChanged: 0 });
  });
});
