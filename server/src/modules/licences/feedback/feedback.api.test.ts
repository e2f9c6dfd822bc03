import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import { permissionKeys, roles } from '../../../platform/access/access.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';

const env = useTestEnv();

let seq = 0;
const notice = (uscc: string) => ({
  uscc,
  department: '淮安市住房和城乡建设局',
  kind: 'conditions_changed',
  summary: '企业生产场所已搬迁',
  occurredOn: addDays(todayInChina(), -2),
  documentNo: `淮住建函〔2026〕${++seq}号`,
});

/** An enterprise in `regionCode` holding one licence issued by the admin. */
async function holder(regionCode: string) {
  const enterprise = await makeEnterprise(env, { regionCode });
  const licence = await env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: 'industrial_product', number: `XK-FBA-${++seq}-${Date.now()}`, issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
  return { enterprise, licence };
}

/** A department's system: an org of type `department` and an API key issued to it by the admin. */
async function departmentKey(name: string) {
  const admin = await env.loginAdmin();
  const org = await admin.post('/api/orgs', { name: `${name}${Date.now()}`, type: 'department', regionCode: '320800' });
  expect(org.statusCode).toBe(201);
  const created = await admin.post('/api/api-keys', { orgId: org.json().id, name });
  expect(created.statusCode).toBe(201);
  return created.json().key as string;
}

describe('feedback API', () => {
  it('takes a department’s notice with its API key, and a county officer decides a measure on the holder’s licence', async () => {
    const { enterprise, licence } = await holder('320826');
    const key = await departmentKey('住建局许可系统');
    const system = env.client({ bearer: key });

    expect((await env.client({}).post('/api/feedback', notice(enterprise.uscc))).statusCode).toBe(401);
    const wrong = await env.client({ bearer: 'zjk_not-a-real-key' }).post('/api/feedback', notice(enterprise.uscc));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    const badKind = await system.post('/api/feedback', { ...notice(enterprise.uscc), kind: 'rumour' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('VALIDATION');
    expect((await system.post('/api/feedback', { ...notice(enterprise.uscc), uscc: '91320826ABC' })).json().error.code).toBe('USCC_FORMAT');

    const posted = await system.post('/api/feedback', notice(enterprise.uscc));
    expect(posted.statusCode).toBe(201);
    const county = await env.orgIn('320826');
    const item = posted.json();
    expect(item).toMatchObject({ id: expect.any(String), uscc: enterprise.uscc, enterpriseName: enterprise.name, source: 'api', createdByName: '住建局许可系统', orgId: county.id, orgName: county.name, overdue: false, decision: null });
    expect((await system.get('/api/feedback')).statusCode).toBe(403); // a department submits; it does not read the queue

    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const queue = await officer.get('/api/feedback?status=open&mine=true&kind=conditions_changed&pageSize=500');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    const detail = (await officer.get(`/api/feedback/${item.id}`)).json();
    expect(detail.licences).toEqual([expect.objectContaining({ id: licence.id, state: 'normal', allowedTargets: expect.arrayContaining(['warning']) })]);

    const measure = { decision: 'measure', licenceId: licence.id, to: 'warning', reason: '住建部门通报企业已搬迁', legalBasis: '《工业产品生产许可证管理条例》', documentNo: `涟市监警〔2026〕${++seq}号`, reviewOn: addDays(todayInChina(), 30) };
    const decided = await officer.post(`/api/feedback/${item.id}/decision`, measure);
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ decision: 'measure', licenceId: licence.id, transitionId: expect.any(String), licences: [expect.objectContaining({ state: 'warning' })] });
    expect((await officer.get(`/api/licences/${licence.id}`)).json().state).toBe('warning');
    const again = await officer.post(`/api/feedback/${item.id}/decision`, { decision: 'none', reason: '再次处理' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FEEDBACK_DECIDED');

    const neighbour = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await neighbour.get(`/api/feedback/${item.id}`)).statusCode).toBe(404);
    expect((await neighbour.post(`/api/feedback/${item.id}/decision`, { decision: 'none', reason: '越权' })).statusCode).toBe(404);
    expect((await neighbour.get('/api/feedback?pageSize=500')).json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it('lets an officer enter a notice by hand (source manual), and refuses users without feedback.submit', async () => {
    const { enterprise } = await holder('320830');
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const entered = await officer.post('/api/feedback', { ...notice(enterprise.uscc), documentNo: null });
    expect(entered.statusCode).toBe(201);
    expect(entered.json()).toMatchObject({ source: 'manual', documentNo: null, regionCode: '320830' });
    expect((await officer.post('/api/feedback', notice(enterprise.uscc), { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320830' })).username);
    expect((await inspector.post('/api/feedback', notice(enterprise.uscc))).statusCode).toBe(403);
    expect((await inspector.post(`/api/feedback/${entered.json().id}/decision`, { decision: 'none', reason: '无权' })).statusCode).toBe(403);
    expect((await officer.post(`/api/feedback/${entered.json().id}/decision`, { decision: 'measure', licenceId: entered.json().id })).statusCode).toBe(400);
  });

  it('grants feedback.submit to the built-in roles of a database that predates it', async () => {
    await env.db.delete(permissionKeys).where(eq(permissionKeys.key, 'feedback.submit'));
    await env.db.execute(sql`update roles set permissions = array_remove(permissions, 'feedback.submit') where key in ('public_api', 'county_officer')`);
    await inTransaction(env.db, (tx) => env.services.roles.ensureBuiltins(tx));
    const upgraded = await env.db.select().from(roles).where(sql`${roles.key} in ('public_api', 'county_officer')`);
    expect(upgraded.map((r) => r.permissions.includes('feedback.submit'))).toEqual([true, true]);
  });
});
