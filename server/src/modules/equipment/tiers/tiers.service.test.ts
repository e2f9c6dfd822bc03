import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeUnit } from '../testing.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { recomputeAllTiers, recomputeTier } from './tier-compute.js';
import { TIER_MODEL_V1, type TierFacts, checkTierModelConfig, scoreOf, tierOf } from './tier-model.js';
import { equipmentTierModels, equipmentUserTiers } from './tiers.schema.js';

const env = useServiceEnv();
const today = todayInChina();
const svc = () => env.services.equipment;

let seq = 0;
async function enterpriseActor(uscc: string): Promise<Actor> {
  const { user } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.tier.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  return (await env.services.users.loadActor(user.userId))! as Actor;
}
async function officerIn(regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

const none: TierFacts = { inUse: 0, categories: [], aged: 0, agedIds: [], overdue: 0, overdueIds: [], failed: 0, failedIds: [], openGeneral: 0, openMajor: 0, openIds: [], accidents: 0, casualties: 0, accidentIds: [], selfDue: 0, selfOnTime: 0 };
const pointsOf = (reasons: { factor: string; points: number }[]) => Object.fromEntries(reasons.map((r) => [r.factor, r.points]));

describe('the model', () => {
  it('version 1 in the database (migration 0032) is TIER_MODEL_V1, applying from 2000-01-01', async () => {
    const [v1] = await env.db.select().from(equipmentTierModels).where(eq(equipmentTierModels.version, 1));
    expect(v1!.effectiveFrom).toBe('2000-01-01');
    expect(v1!.config).toEqual(TIER_MODEL_V1);
    expect(checkTierModelConfig(v1!.config)).toEqual(TIER_MODEL_V1);
  });

  it('refuses a configuration with bounds not increasing or a missing factor, naming the field', () => {
    expect(() => checkTierModelConfig({ ...TIER_MODEL_V1, tierBounds: { B: 10, C: 10, D: 30 } })).toThrow(expect.objectContaining({ details: { field: 'config.tierBounds' } }));
    const { accidents: _, ...noAccidents } = TIER_MODEL_V1;
    expect(() => checkTierModelConfig(noAccidents)).toThrow(expect.objectContaining({ details: { field: 'config.accidents' } }));
    expect(() => checkTierModelConfig({ ...TIER_MODEL_V1, selfCorrection: { ...TIER_MODEL_V1.selfCorrection, threshold: 1.5 } })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('scores each factor with its cap, sums them and takes the tier from the bounds', () => {
    expect(tierOf(9.99, TIER_MODEL_V1.tierBounds)).toBe('A');
    expect(tierOf(10, TIER_MODEL_V1.tierBounds)).toBe('B');
    expect(tierOf(20, TIER_MODEL_V1.tierBounds)).toBe('C');
    expect(tierOf(35, TIER_MODEL_V1.tierBounds)).toBe('D');
    const many = scoreOf(TIER_MODEL_V1, { ...none, inUse: 40, categories: ['3000', '7000'], overdue: 9, overdueIds: ['u1'], openGeneral: 20, openMajor: 0, selfDue: 10, selfOnTime: 9 });
    expect(pointsOf(many.reasons)).toEqual({ category_risk: 3, unit_count: 10, aged_units: 0, overdue_units: 15, failed_in_use: 0, open_hazards: 20, accidents: 0, complaints: 0, self_correction: 0 });
    expect(many.score).toBe(48);
    expect(many.tier).toBe('D');
    expect(many.reasons.find((r) => r.factor === 'overdue_units')!.records).toEqual([{ type: 'equipment', id: 'u1' }]);
    expect(many.reasons.find((r) => r.factor === 'self_correction')!.detail).toContain('90.0%');
    // An unknown category weighs the default; nothing due: the self-correction factor is 0 and says so.
    const one = scoreOf(TIER_MODEL_V1, { ...none, inUse: 1, categories: ['Z900'] });
    expect(one).toMatchObject({ score: 2.5, tier: 'A' });
    expect(one.reasons.find((r) => r.factor === 'self_correction')).toMatchObject({ points: 0, detail: expect.stringContaining('尚无到期') });
    // No complaint data connected (facts without a count): 0, and the detail says so.
    expect(one.reasons.find((r) => r.factor === 'complaints')).toEqual({ factor: 'complaints', points: 0, detail: '尚未接入投诉举报数据，本项暂计 0 分' });
    // Connected: 2 points per substantiated complaint or report of the last 12 months, at most 10.
    expect(scoreOf(TIER_MODEL_V1, { ...none, complaints: 0 }).reasons.find((r) => r.factor === 'complaints')).toEqual({ factor: 'complaints', points: 0, detail: '近 12 个月被投诉举报且经核查属实 0 件，每件 2 分，最多 10 分' });
    expect(pointsOf(scoreOf(TIER_MODEL_V1, { ...none, complaints: 3 }).reasons).complaints).toBe(6);
    expect(pointsOf(scoreOf(TIER_MODEL_V1, { ...none, complaints: 7 }).reasons).complaints).toBe(10);
  });
});

describe('the tier of a user unit', () => {
  /**
   * A crafted user unit: an elevator in service for 20 years, an elevator overdue, a boiler whose
   * last inspection failed; an open general and an open major hazard; two self-inspection hazards
   * due, one corrected on time and one late; an accident with one casualty a year ago, another
   * three years ago (outside the two years).
   */
  async function crafted(regionCode = '320826') {
    const old = await makeUnit(env, { regionCode, putIntoServiceOn: addDays(today, -20 * 366), nextInspectionDue: addDays(today, 100) });
    const uscc = old.userUscc;
    const overdue = await makeUnit(env, { regionCode, userUscc: uscc, putIntoServiceOn: '2020-01-01', nextInspectionDue: addDays(today, -1) });
    const boiler = await makeUnit(env, { regionCode, userUscc: uscc, category: '1000', putIntoServiceOn: '2020-01-01', lastConclusion: 'fail', nextInspectionDue: addDays(today, 30) });
    await makeUnit(env, { regionCode, userUscc: uscc, status: 'scrapped', putIntoServiceOn: '1990-01-01', nextInspectionDue: '2000-01-01' });
    const h = svc().hazards;
    const general = await h.create(env.ctx, { equipmentId: overdue.id, source: 'supervision', foundOn: addDays(today, -5), description: '无维保记录', level: 'general', correctionDueOn: addDays(today, 10) });
    const major = await h.create(env.ctx, { equipmentId: boiler.id, source: 'periodic_inspection', foundOn: addDays(today, -5), description: '安全阀失效', level: 'major', correctionDueOn: addDays(today, 10) });
    for (const correctedOn of [addDays(today, -35), addDays(today, -20)]) {
      const s = await h.create(env.ctx, { userUscc: uscc, source: 'self_inspection', foundOn: addDays(today, -60), description: '自查隐患', level: 'general', correctionDueOn: addDays(today, -30) });
      await h.correct(env.ctx, s.id, { correctedOn });
    }
    const accident = await h.accidents.create(env.ctx, { equipmentId: old.id, occurredOn: addDays(today, -365), description: '困人', casualties: 1 });
    await h.accidents.create(env.ctx, { equipmentId: old.id, occurredOn: addDays(today, -3 * 366), description: '旧事故' });
    return { uscc, old, overdue, boiler, general, major, accident };
  }

  it('scores every factor of the crafted user unit, with the records behind each', async () => {
    const c = await crafted();
    const t = await svc().tiers.tierOf(env.admin, c.uscc);
    expect(pointsOf(t.reasons)).toEqual({
      category_risk: 4, // boiler (1000) weighs 4, elevator 3: the riskiest counts
      unit_count: 1.5, // 3 units in use × 0.5 (the scrapped one not counted)
      aged_units: 1, // one in service for more than 15 years
      overdue_units: 3,
      failed_in_use: 5,
      open_hazards: 8, // general 2 + major 6
      accidents: 12, // one accident in two years (10) + one casualty (2)
      complaints: 0,
      self_correction: 8, // 1 of 2 due corrected on time: 50 % < 90 %
    });
    expect(t).toMatchObject({ userUscc: c.uscc, score: 42.5, tier: 'D', modelVersion: 1 });
    const records = (factor: string) => t.reasons.find((r) => r.factor === factor)!.records;
    expect(records('aged_units')).toEqual([{ type: 'equipment', id: c.old.id }]);
    expect(records('overdue_units')).toEqual([{ type: 'equipment', id: c.overdue.id }]);
    expect(records('failed_in_use')).toEqual([{ type: 'equipment', id: c.boiler.id }]);
    expect(records('open_hazards')!.map((r) => r.id).sort()).toEqual([c.general.id, c.major.id].sort());
    expect(records('accidents')).toEqual([{ type: 'equipment_accident', id: c.accident.id }]);
    expect(t.reasons.find((r) => r.factor === 'self_correction')!.detail).toContain('50.0%');

    // A correction is a write of the user unit: its tier is recomputed in the same transaction.
    await svc().hazards.correct(env.ctx, c.major.id, { correctedOn: today });
    const after = await svc().tiers.tierOf(env.admin, c.uscc);
    expect(pointsOf(after.reasons).open_hazards).toBe(2);
    expect(after.score).toBe(36.5);
  });

  it('an enterprise account sees its own tier only; an officer of another county gets 404', async () => {
    const mine = await makeUnit(env, { regionCode: '320826' });
    const theirs = await makeUnit(env, { regionCode: '320826' });
    const ent = await enterpriseActor(mine.userUscc);
    expect((await svc().tiers.tierOf(ent, mine.userUscc)).tier).toBe('A');
    await expect(svc().tiers.tierOf(ent, theirs.userUscc)).rejects.toMatchObject({ status: 404 });
    await expect(svc().tiers.tierOf(await officerIn('320812'), mine.userUscc)).rejects.toMatchObject({ status: 404 });
    expect((await svc().tiers.tierOf(await officerIn('320826'), mine.userUscc)).userUscc).toBe(mine.userUscc);
  });

  it('a new version applies from its effectiveFrom; scores already computed keep their version', async () => {
    const unit = await makeUnit(env, { regionCode: '320826' });
    const first = await inTransaction(env.db, (tx) => recomputeTier(tx, unit.userUscc));
    expect(first).toMatchObject({ modelVersion: 1, score: 3.5, tier: 'A' });
    await expect(svc().tiers.addModel(env.ctx, { effectiveFrom: addDays(today, -1), config: TIER_MODEL_V1 })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    const tomorrow = addDays(today, 1);
    const v2 = await svc().tiers.addModel(env.ctx, { effectiveFrom: tomorrow, config: { ...TIER_MODEL_V1, perUnit: { points: 10, max: 50 } }, note: '每台设备加重' });
    expect(v2).toMatchObject({ version: 2, effectiveFrom: tomorrow });
    expect((await svc().tiers.models()).currentVersion).toBe(1);
    // Today the model in effect is still version 1; the stored score keeps it.
    expect(await inTransaction(env.db, (tx) => recomputeTier(tx, unit.userUscc))).toMatchObject({ modelVersion: 1, score: 3.5 });
    expect((await svc().tiers.tierOf(env.admin, unit.userUscc)).modelVersion).toBe(1);
    // From tomorrow version 2 applies.
    expect(await inTransaction(env.db, (tx) => recomputeTier(tx, unit.userUscc, { today: tomorrow }))).toMatchObject({ modelVersion: 2, score: 13, tier: 'B' });
    const [stored] = await env.db.select().from(equipmentUserTiers).where(eq(equipmentUserTiers.userUscc, unit.userUscc));
    expect(stored).toMatchObject({ modelVersion: 2, tier: 'B' });
    expect(Number(stored!.score)).toBe(13);
    // Put back the version in effect today for the other tests of this file.
    await inTransaction(env.db, (tx) => recomputeTier(tx, unit.userUscc));
  });

  it('all user units are recomputed at once; a user unit without units in use or suspended loses its tier', async () => {
    const a = await makeUnit(env, { regionCode: '320830' });
    const b = await makeUnit(env, { regionCode: '320830', nextInspectionDue: addDays(today, -3) });
    const gone = await makeUnit(env, { regionCode: '320830' });
    await inTransaction(env.db, (tx) => recomputeTier(tx, gone.userUscc));
    await env.db.update(equipmentUnits).set({ status: 'scrapped' }).where(eq(equipmentUnits.id, gone.id));
    const result = await recomputeAllTiers(env.db, today, 2);
    expect(result.modelVersion).toBe(1);
    expect(result.computed).toBeGreaterThanOrEqual(2);
    expect(result.removed).toBeGreaterThanOrEqual(1);
    const rows = await env.db.select().from(equipmentUserTiers);
    const byUser = new Map(rows.map((r) => [r.userUscc, r]));
    expect(byUser.get(a.userUscc)).toMatchObject({ tier: 'A', regionCode: '320830' });
    expect(Number(byUser.get(b.userUscc)!.score)).toBe(6.5);
    expect(byUser.has(gone.userUscc)).toBe(false);
  });

  it('counts substantiated complaints and reports of the last 12 months (the complaints module, wired in app.ts)', async () => {
    const unit = await makeUnit(env, { regionCode: '320826' });
    const uscc = unit.userUscc;
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    // Counted: a substantiated complaint, a substantiated report, one received exactly 12 months ago.
    await makeComplaint(env, { kind: 'complaint', subjectUscc: uscc, substantiated: true, receivedOn: addDays(today, -10) });
    await makeComplaint(env, { kind: 'report', subjectUscc: uscc, substantiated: true, receivedOn: addDays(today, -100) });
    await makeComplaint(env, { kind: 'report', subjectUscc: uscc, substantiated: true, receivedOn: yearAgo });
    // Not counted: older than 12 months, not substantiated, undecided, an enquiry.
    await makeComplaint(env, { kind: 'report', subjectUscc: uscc, substantiated: true, receivedOn: addDays(yearAgo, -1) });
    await makeComplaint(env, { kind: 'complaint', subjectUscc: uscc, substantiated: false });
    await makeComplaint(env, { kind: 'report', subjectUscc: uscc });
    await makeComplaint(env, { kind: 'enquiry', subjectUscc: uscc, substantiated: true });
    const t = await svc().tiers.recompute(env.ctx, uscc);
    expect(t.reasons.find((r) => r.factor === 'complaints')).toMatchObject({ points: 6, detail: '近 12 个月被投诉举报且经核查属实 3 件，每件 2 分，最多 10 分' });
    // category 3000 (3) + one unit (0.5) + 3 complaints (6)
    expect(t).toMatchObject({ score: 9.5, tier: 'A' });
    const stored = async () => Number((await env.db.select().from(equipmentUserTiers).where(eq(equipmentUserTiers.userUscc, uscc)))[0]!.score);
    // The nightly run counts them too, and so does a hazard's write (it recomputes the tier in its transaction).
    await svc().tiers.recomputeAll(today);
    expect(await stored()).toBe(9.5);
    await svc().hazards.create(env.ctx, { equipmentId: unit.id, source: 'supervision', foundOn: today, description: '安全钳动作不灵', level: 'general', correctionDueOn: addDays(today, 10) });
    expect(await stored()).toBe(11.5);
    // Without the source (a caller passing nothing), the factor is 0 and says it is not connected.
    const bare = await inTransaction(env.db, (tx) => recomputeTier(tx, uscc));
    expect(bare!.reasons.find((r) => r.factor === 'complaints')).toEqual({ factor: 'complaints', points: 0, detail: '尚未接入投诉举报数据，本项暂计 0 分' });
    await svc().tiers.recompute(env.ctx, uscc);
  });

  it('recomputing by hand is audited', async () => {
    const unit = await makeUnit(env);
    const t = await svc().tiers.recompute(env.ctx, unit.userUscc);
    expect(t.tier).toBe('A');
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'equipment_user_tier.recomputed', target: unit.userUscc }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
  });
});
