import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc, setCreditClass } from '../../enterprises/testing.js';
import { RESTRICTION_CODES, creditListings } from '../credit.schema.js';
import { CLASS_D_RESTRICTIONS, RESTRICTIONS, restrictionList, restrictionsFor } from './restrictions.js';

/**
 * The joint-punishment rules without HTTP: the restrictions as data, a listing counts only within
 * its period, a registered code with a wrong check digit is still looked up, and the scope of a
 * caller holding only credit.read.
 */
const env = useServiceEnv();
const today = todayInChina();

async function list(e: { id: string; uscc: string; regionCode: string; name: string }, listedOn: string, until: string, status: 'listed' | 'removed' = 'listed') {
  await env.db.insert(creditListings).values({
    listingNo: `SXS${randomBytes(6).toString('hex')}`,
    enterpriseId: e.id,
    uscc: e.uscc,
    regionCode: e.regionCode,
    enterpriseName: e.name,
    source: 'manual',
    reason: '测试',
    legalBasis: '测试',
    status,
    proposedByName: '测试',
    listedOn,
    until,
  });
}

const actorOf = async (roles: string[], regionCode: string): Promise<Actor> => (await env.services.users.loadActor((await env.makeUser({ roles, regionCode })).id))!;

describe('restrictions (data)', () => {
  it('every code has a name, a legal basis and a meaning; a listing carries all six to its end, class D honours only, others none', () => {
    expect(restrictionList().map((r) => r.code)).toEqual([...RESTRICTION_CODES]);
    for (const code of RESTRICTION_CODES) {
      expect(RESTRICTIONS[code].name.length).toBeGreaterThan(1);
      expect(RESTRICTIONS[code].legalBasis).toMatch(/《/);
      expect(RESTRICTIONS[code].meaning.length).toBeGreaterThan(5);
    }
    const listed = restrictionsFor({ listed: true, listedUntil: '2029-01-31', class: 'D' });
    expect(listed.map((r) => [r.code, r.until])).toEqual(RESTRICTION_CODES.map((c) => [c, '2029-01-31']));
    expect(restrictionsFor({ listed: false, listedUntil: null, class: 'D' })).toEqual([{ code: 'honours', legalBasis: CLASS_D_RESTRICTIONS.honours, meaning: RESTRICTIONS.honours.meaning, until: null }]);
    expect(CLASS_D_RESTRICTIONS.honours).toMatch(/国市监信发〔2022〕6号/);
    for (const cls of ['A', 'B', 'C', null]) expect(restrictionsFor({ listed: false, listedUntil: null, class: cls })).toEqual([]);
  });
});

describe('check', () => {
  it('a listing counts from its first to its last day inclusive, and only in status listed', async () => {
    const ctx = env.ctx;
    const [starts, ends, future, past, removed] = await Promise.all(Array.from({ length: 5 }, () => makeEnterprise(env, { regionCode: '320826' })));
    await list(starts!, today, addDays(today, 365));
    await list(ends!, addDays(today, -365), today);
    await list(future!, addDays(today, 1), addDays(today, 365));
    await list(past!, addDays(today, -400), addDays(today, -1));
    await list(removed!, addDays(today, -10), addDays(today, 365), 'removed');
    const { items } = await env.services.credit.joint.check(ctx, [starts!.uscc, ends!.uscc, future!.uscc, past!.uscc, removed!.uscc]);
    expect(items.map((i) => i.listed)).toEqual([true, true, false, false, false]);
    expect(items[1]!.restrictions.every((r) => r.until === today)).toBe(true);
  });

  it('of several listings in force, restrictions last to the latest end', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    await list(e, addDays(today, -30), addDays(today, 100));
    await list(e, addDays(today, -10), addDays(today, 900));
    const { items } = await env.services.credit.joint.check(env.ctx, [e.uscc]);
    expect(items[0]).toMatchObject({ listed: true });
    expect(new Set(items[0]!.restrictions.map((r) => r.until))).toEqual(new Set([addDays(today, 900)]));
  });

  it('a registered code with a wrong check digit (registered on purpose) is found, with its error', async () => {
    const valid = randomUscc('320826');
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await env.services.enterprises.create(env.ctx, { uscc: wrong, name: `早期代码企业${randomBytes(3).toString('hex')}`, regionCode: '320826', usccOverride: { reason: '早期试点代码' } });
    const { items } = await env.services.credit.joint.check(env.ctx, [wrong]);
    expect(items[0]).toMatchObject({ uscc: wrong, error: 'USCC_CHECK_DIGIT', found: true });
  });

  it('credit.read alone: the caller’s scope (another county’s enterprise is not found); credit.check: the whole city', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    await setCreditClass(env, e.id, 'A');
    const inspector = await actorOf(['inspector'], '320830');
    expect((await env.services.credit.joint.check({ actor: inspector }, [e.uscc])).items[0]).toMatchObject({ found: false, class: null });
    const own = await actorOf(['inspector'], '320826');
    expect((await env.services.credit.joint.check({ actor: own }, [e.uscc])).items[0]).toMatchObject({ found: true, class: 'A' });
    const withCheck = { ...inspector, permissions: new Set([...inspector.permissions, 'credit.check' as const]) };
    expect((await env.services.credit.joint.check({ actor: withCheck }, [e.uscc])).items[0]).toMatchObject({ found: true, class: 'A' });
  });
});
