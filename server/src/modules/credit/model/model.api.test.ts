import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { CURRENT_YEAR, auditRecordOf, makeItem } from '../../inspections/testing.js';
import { listEnterprise, rateEnterprise } from '../testing.js';
import { CREDIT_MODEL_V1 } from './model-config.js';

const env = useTestEnv();
const today = todayInChina();
const loginAs = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);

describe('GET /api/credit/:uscc', () => {
  it("answers the Contract's shape: the class, score, version, reasons one per record with its reference, override and listing", async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const rating = await rateEnterprise(env, e, { grade: 'AA', ratedOn: addDays(today, -30) });
    const officer = await loginAs(['county_officer'], '320826');
    const res = await officer.get(`/api/credit/${e.uscc}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['class', 'computedAt', 'listed', 'modelVersion', 'override', 'reasons', 'score', 'uscc']);
    expect(body).toMatchObject({ uscc: e.uscc, class: 'B', score: 86, modelVersion: 1, override: null, listed: false });
    expect(body.reasons).toEqual([{ factor: 'evaluator_rating', points: 6, detail: expect.stringMatching(new RegExp(`^${addDays(today, -30)} 第三方信用评价 AA 级`)), ref: { type: 'credit_rating', id: rating.id } }]);
    // The enterprise's entry shows the same (effective) class.
    expect((await officer.get(`/api/enterprises/${e.uscc}`)).json().creditClass).toBe('B');
  });

  it('is 404 outside the data scope, 403 without the permission, and answers the history paged', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const other = await loginAs(['county_officer'], '320830');
    expect((await other.get(`/api/credit/${e.uscc}`)).json().error.code).toBe('NOT_FOUND');
    expect((await other.get(`/api/credit/${e.uscc}/history`)).statusCode).toBe(404);
    const evaluator = await env.login((await env.makeUser({ roles: ['credit_evaluator'], orgId: (await env.orgIn('320800')).id })).username);
    expect((await evaluator.get(`/api/credit/${e.uscc}`)).statusCode).toBe(403);
    const officer = await loginAs(['county_officer'], '320826');
    expect((await officer.post(`/api/credit/${e.uscc}/override`, { class: 'A', reason: '试点', until: addDays(today, 10) })).statusCode).toBe(403);
    expect((await officer.post('/api/credit-models', { effectiveFrom: today, config: CREDIT_MODEL_V1 })).statusCode).toBe(403);

    const own = await loginAs(['section_head'], '320826');
    await own.get(`/api/credit/${e.uscc}`);
    expect((await own.post(`/api/credit/${e.uscc}/override`, { class: 'C', reason: '约谈未改', until: addDays(today, 10) })).json()).toMatchObject({ class: 'C' });
    const history = (await officer.get(`/api/credit/${e.uscc}/history?page=1&pageSize=1`)).json();
    expect(history).toMatchObject({ total: 2, items: [{ fromClass: 'B', toClass: 'C', cause: 'override', modelVersion: 1 }] });
    const ended = await env.app.inject({ method: 'DELETE', url: `/api/credit/${e.uscc}/override`, payload: { reason: '已整改' }, cookies: { zj_session: own.cookie! }, headers: { 'x-csrf-token': own.csrfToken! } });
    expect(ended.json()).toMatchObject({ class: 'B', override: null });
    const recomputed = await own.post(`/api/credit/${e.uscc}/recompute`);
    expect(recomputed.json()).toMatchObject({ class: 'B', score: 80 });
  });

  it('rejects bad input with the field named, changing nothing', async () => {
    const e = await makeEnterprise(env);
    const admin = await env.loginAdmin();
    const bad = await admin.post(`/api/credit/${e.uscc}/override`, { class: 'E', reason: '', until: addDays(today, 10) });
    expect(bad.json().error.code).toBe('VALIDATION');
    const far = await admin.post(`/api/credit/${e.uscc}/override`, { class: 'A', reason: '试点', until: addDays(today, env.config.creditRules.overrideMaxDays + 1) });
    expect(far.json().error).toMatchObject({ code: 'INVALID_DATE', details: { field: 'until' } });
    expect((await admin.post(`/api/credit/${e.uscc}/override`, { class: 'A', reason: '试点', until: addDays(today, 10), extra: 1 })).json().error.code).toBe('VALIDATION');
    expect((await admin.get(`/api/credit/${e.uscc}`)).json().override).toBeNull();
  });
});

describe('model versions', () => {
  it('lists versions and adds one (credit.configure, audited), refusing a bad configuration naming config.<path>', async () => {
    const admin = await env.loginAdmin();
    const list = (await admin.get('/api/credit-models?page=1&pageSize=5')).json();
    expect(list).toMatchObject({ currentVersion: 1, total: 1, items: [{ version: 1, effectiveFrom: '2000-01-01', config: CREDIT_MODEL_V1 }] });
    const badKind = await admin.post('/api/credit-models', { effectiveFrom: addDays(today, 30), config: { ...CREDIT_MODEL_V1, factors: [{ ...CREDIT_MODEL_V1.factors[0], kinds: ['case.fined'] }] } });
    expect(badKind.statusCode).toBe(400);
    expect(JSON.stringify(badKind.json().error.details)).toContain('config.factors.0.kinds.0');
    const bounds = await admin.post('/api/credit-models', { effectiveFrom: addDays(today, 30), config: { ...CREDIT_MODEL_V1, classBounds: { A: 50, B: 70, C: 40 } } });
    expect(bounds.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'config.classBounds' } });
    const past = await admin.post('/api/credit-models', { effectiveFrom: addDays(today, -1), config: CREDIT_MODEL_V1 });
    expect(past.json().error.code).toBe('INVALID_DATE');
    const created = await admin.post('/api/credit-models', { effectiveFrom: addDays(today, 30), config: CREDIT_MODEL_V1, note: '下月起' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, note: '下月起' });
    expect((await admin.get('/api/credit-models')).json()).toMatchObject({ currentVersion: 1, total: 2 });
    expect((await admin.get('/api/audit?action=credit_model.created')).json().total).toBe(1);
  });
});

describe("class changes reach the inspection plans' ratios", () => {
  it('an enterprise rescored to D (listed) is drawn at D’s ratio at once', async () => {
    const tag = `信用分层${Date.now()}`;
    const members: Awaited<ReturnType<typeof makeEnterprise>>[] = [];
    for (let i = 0; i < 3; i++) members.push(await makeEnterprise(env, { regionCode: '320826', tags: [tag] }));
    await inTransaction(env.db, (tx) => env.services.credit.model.rescore(tx, members.map((m) => m.id), 'score'));
    const officer = await loginAs(['county_officer'], '320826');
    const pool = (await officer.post('/api/object-pools', { name: '信用分层', filter: { tag } })).json();
    const item = await makeItem(env);
    const plan = (await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 年信用分层抽查`, year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'ratio', ratios: { A: 0, B: 0, C: 0, D: 100 } })).json();
    const strata = async () => Object.fromEntries(((await officer.get(`/api/inspection-plans/${plan.id}/preview`)).json().items as { name: string; n: number; k: number }[]).map((s) => [s.name, [s.n, s.k]]));
    expect(await strata()).toMatchObject({ B: [3, 0], D: [0, 0] });

    const listed = members[1]!;
    await listEnterprise(env, listed);
    await inTransaction(env.db, (tx) => env.services.credit.model.rescore(tx, [listed.id], 'listed'));
    expect(await strata()).toMatchObject({ B: [2, 0], D: [1, 1] });
    const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    const record = await auditRecordOf(env, draw.id);
    // The one stratum drawn (D at 100 %) holds the listed enterprise alone.
    expect(record.strata.filter((s) => s.k > 0).flatMap((s) => s.keys!)).toEqual([listed.uscc]);
  });
});
