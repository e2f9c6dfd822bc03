import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { USER_PASSWORD, useTestEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';

/**
 * Issue 20, "Evaluate credit": registered third-party evaluator organisations with accounts enter
 * ratings of enterprises, which enter the score (each write rescores the enterprise). An evaluator
 * sees only its own ratings; an inactive evaluator or one whose accreditation lapsed is refused.
 */
const env = useTestEnv();
const today = todayInChina();

const head = async () => env.login((await env.makeUser({ roles: ['section_head'], regionCode: '320800' })).username);

/** A registered evaluator (valid for a year unless told) with one account that may sign in. */
async function evaluator(fields: Record<string, unknown> = {}) {
  const city = await head();
  const created = await city.post('/api/credit-evaluators', { name: `信用评价机构${randomBytes(4).toString('hex')}`, uscc: randomUscc('320800'), accreditation: '备案号 XY-1', validUntil: addDays(today, 365), ...fields });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const account = await city.post(`/api/credit-evaluators/${id}/accounts`, { username: `ev${randomBytes(5).toString('hex')}`, displayName: '评价员', password: USER_PASSWORD });
  expect(account.statusCode, account.body).toBe(201);
  // The initial password would have to be changed first; the test skips that step.
  await env.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, account.json().id));
  const { version } = (await city.get(`/api/credit-evaluators/${id}`)).json() as { version: number };
  return { id, city, version, account: await env.login(account.json().username) };
}

const rating = (uscc: string, extra: Record<string, unknown> = {}) => ({ uscc, grade: 'AA', ratedOn: addDays(today, -10), validUntil: addDays(today, 700), reportNo: `PJ-${randomBytes(5).toString('hex')}`, ...extra });

describe('evaluator organisations (credit.configure)', () => {
  it('are registered, changed with If-Match, unique by USCC; officers without credit.configure 403', async () => {
    const city = await head();
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const uscc = randomUscc('320800');
    const body = { name: `评价机构${randomBytes(4).toString('hex')}`, uscc: uscc.toLowerCase(), validUntil: addDays(today, 30) };
    expect((await officer.post('/api/credit-evaluators', body)).statusCode).toBe(403);
    expect((await officer.get('/api/credit-evaluators')).statusCode).toBe(403);
    const bad = await city.post('/api/credit-evaluators', { ...body, uscc: 'ABC' });
    expect(bad.json().error).toMatchObject({ code: 'USCC_FORMAT', details: { field: 'uscc' } });
    expect((await city.post('/api/credit-evaluators', { ...body, extra: 1 })).statusCode).toBe(400);
    const created = await city.post('/api/credit-evaluators', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ uscc, orgId: null, active: true, qualified: true, accountCount: 0, version: 1 });
    const dup = await city.post('/api/credit-evaluators', { ...body, name: `${body.name}二` });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('EVALUATOR_USCC_TAKEN');
    const id = created.json().id as string;
    expect((await city.patch(`/api/credit-evaluators/${id}`, { active: false }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const changed = await city.patch(`/api/credit-evaluators/${id}`, { active: false }, { 'if-match': '"1"' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({ active: false, qualified: false, version: 2 });
    const listed = await city.get(`/api/credit-evaluators?q=${uscc}`);
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id, active: false }] });
    expect((await city.get('/api/credit-evaluators/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const audits = await env.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'credit_evaluator'), eq(auditEvents.targetId, id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['credit_evaluator.created', 'credit_evaluator.updated']);
  });

  it('accounts: the first makes the evaluator’s org (type evaluator, under the city, region 320800); role credit_evaluator with an initial password', async () => {
    const city = await head();
    const created = await city.post('/api/credit-evaluators', { name: `评价机构${randomBytes(4).toString('hex')}`, uscc: randomUscc('320800'), validUntil: addDays(today, 30) });
    const id = created.json().id as string;
    const badName = await city.post(`/api/credit-evaluators/${id}/accounts`, { username: 'A!', displayName: '评价员', password: USER_PASSWORD });
    expect(badName.statusCode).toBe(400);
    expect((await city.get(`/api/credit-evaluators/${id}`)).json().orgId).toBeNull();
    const username = `ev${randomBytes(5).toString('hex')}`;
    const account = await city.post(`/api/credit-evaluators/${id}/accounts`, { username, displayName: '评价员甲', password: USER_PASSWORD });
    expect(account.statusCode, account.body).toBe(201);
    expect(account.json()).toMatchObject({ username, mustChangePassword: true, active: true });
    const after = (await city.get(`/api/credit-evaluators/${id}`)).json();
    expect(after).toMatchObject({ accountCount: 1 });
    const [org] = await env.db.select().from(orgs).where(eq(orgs.id, after.orgId));
    expect(org).toMatchObject({ type: 'evaluator', regionCode: '320800', name: created.json().name });
    const second = await city.post(`/api/credit-evaluators/${id}/accounts`, { username: `${username}b`, displayName: '评价员乙', password: USER_PASSWORD });
    expect(second.statusCode).toBe(201);
    expect((await city.get(`/api/credit-evaluators/${id}`)).json().orgId).toBe(after.orgId);
    const accounts = await city.get(`/api/credit-evaluators/${id}/accounts`);
    expect(accounts.json().items.map((a: { username: string }) => a.username)).toEqual([username, `${username}b`]);
    const dupUser = await city.post(`/api/credit-evaluators/${id}/accounts`, { username, displayName: '评价员丙', password: USER_PASSWORD });
    expect(dupUser.json().error.code).toBe('USERNAME_TAKEN');
    const user = (await env.services.users.byUsername(username))!;
    const actor = (await env.services.users.loadActor(user.id))!;
    expect(actor).toMatchObject({ roles: ['credit_evaluator'], dataScope: 'org' });
  });
});

describe('ratings', () => {
  it('an evaluator enters a rating of any enterprise of the city; each write rescores the enterprise; audited', async () => {
    const { account } = await evaluator();
    const e = await makeEnterprise(env, { regionCode: '320830' });
    const rescore = vi.spyOn(env.services.credit.model, 'rescore');
    try {
      const res = await account.post('/api/credit-ratings', rating(e.uscc.toLowerCase(), { note: '年度评价' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ uscc: e.uscc, enterpriseName: e.name, regionCode: '320830', grade: 'AA', state: 'in_force', note: '年度评价', withdrawnAt: null });
      expect(rescore).toHaveBeenCalledWith(expect.anything(), [e.id], 'score');
      const withdrawn = await account.post(`/api/credit-ratings/${res.json().id}/withdraw`, { reason: '报告有误' });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', withdrawnReason: '报告有误' });
      expect(rescore).toHaveBeenCalledTimes(2);
      const again = await account.post(`/api/credit-ratings/${res.json().id}/withdraw`, { reason: '再次' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('ALREADY_WITHDRAWN');
    } finally {
      rescore.mockRestore();
    }
    const audits = await env.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'credit_rating')));
    expect(audits.filter((a) => a.after && (a.after as { uscc?: string }).uscc === e.uscc).map((a) => a.action)).toEqual(['credit_rating.entered']);
  });

  it('an evaluator sees and withdraws only its own ratings; staff see those of their scope by the enterprise’s region', async () => {
    const a = await evaluator();
    const b = await evaluator();
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const ra = await a.account.post('/api/credit-ratings', rating(e.uscc, { grade: 'AAA' }));
    const rb = await b.account.post('/api/credit-ratings', rating(e.uscc, { grade: 'B' }));
    expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
    const mine = await a.account.get('/api/credit-ratings?pageSize=500');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toEqual([ra.json().id]);
    expect((await a.account.get(`/api/credit-ratings?evaluatorId=${b.id}`)).json().total).toBe(0);
    expect((await a.account.post(`/api/credit-ratings/${rb.json().id}/withdraw`, { reason: '不是本机构的' })).statusCode).toBe(404);
    expect((await a.account.get('/api/credit-evaluators/mine')).json()).toMatchObject({ id: a.id, qualified: true });
    expect((await a.account.get('/api/credit-evaluators')).statusCode).toBe(403);

    const inCounty = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const other = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const seen = await inCounty.get(`/api/credit-ratings?uscc=${e.uscc}`);
    expect(seen.json().items.map((r: { grade: string }) => r.grade).sort()).toEqual(['AAA', 'B']);
    expect((await other.get(`/api/credit-ratings?uscc=${e.uscc}`)).json()).toEqual({ items: [], total: 0 });
    expect((await inCounty.get(`/api/credit-ratings?uscc=${e.uscc}&state=withdrawn`)).json().total).toBe(0);
    expect((await inCounty.post('/api/credit-ratings', rating(e.uscc))).statusCode).toBe(403);
    expect((await inCounty.get('/api/credit-evaluators/mine')).statusCode).toBe(403);
  });

  it('an inactive evaluator, one whose accreditation lapsed or was never dated, is refused (403 EVALUATOR_NOT_QUALIFIED), nothing written', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const lapsed = await evaluator({ validUntil: addDays(today, -1) });
    const undated = await evaluator({ validUntil: null });
    const paused = await evaluator();
    const off = await paused.city.patch(`/api/credit-evaluators/${paused.id}`, { active: false }, { 'if-match': `"${paused.version}"` });
    expect(off.statusCode, off.body).toBe(200);
    for (const { account } of [lapsed, undated, paused]) {
      const res = await account.post('/api/credit-ratings', rating(e.uscc));
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('EVALUATOR_NOT_QUALIFIED');
    }
    expect((await lapsed.account.get('/api/credit-ratings')).json().total).toBe(0);
    // Valid again: accepted.
    const renewed = await lapsed.city.patch(`/api/credit-evaluators/${lapsed.id}`, { validUntil: addDays(today, 100) });
    expect(renewed.json().qualified).toBe(true);
    expect((await lapsed.account.post('/api/credit-ratings', rating(e.uscc))).statusCode).toBe(201);
  });

  it('validation: grade, dates, report number once per evaluator, a registered enterprise; staff cannot rate', async () => {
    const { account } = await evaluator();
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const cases: [Record<string, unknown>, string][] = [
      [{ grade: 'AAAA' }, 'VALIDATION'],
      [{ ratedOn: addDays(today, 1) }, 'VALIDATION'],
      [{ validUntil: addDays(today, -10) }, 'VALIDATION'],
      [{ ratedOn: '2026-02-30' }, 'VALIDATION'],
      [{ uscc: randomUscc('320826') }, 'ENTERPRISE_NOT_FOUND'],
      [{ uscc: '12345' }, 'USCC_FORMAT'],
      [{ reportNo: '   ' }, 'VALIDATION'],
      [{ unknown: true }, 'VALIDATION'],
    ];
    for (const [extra, code] of cases) {
      const res = await account.post('/api/credit-ratings', rating(e.uscc, extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code, JSON.stringify(extra)).toBe(code);
    }
    expect((await account.get('/api/credit-ratings')).json().total).toBe(0);
    const body = rating(e.uscc);
    expect((await account.post('/api/credit-ratings', body)).statusCode).toBe(201);
    const dup = await account.post('/api/credit-ratings', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('REPORT_NO_TAKEN');
    const admin = await env.loginAdmin();
    const byAdmin = await admin.post('/api/credit-ratings', rating(e.uscc));
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.code).toBe('NOT_EVALUATOR');
  });
});
