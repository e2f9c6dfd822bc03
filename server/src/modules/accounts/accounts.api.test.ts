import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.schema.js';
import { todos } from '../../platform/todos/todos.schema.js';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise, randomUscc, setCreditClass } from '../enterprises/testing.js';
import { enterpriseAccountRequests, enterpriseAccounts } from './accounts.schema.js';

/** Issue 15: enterprises' accounts — made by officers, applied for on the public site, limited, audited. */
const env = useTestEnv({ enterpriseAccountsMax: 2 });
type Client = Awaited<ReturnType<typeof env.login>>;

const NEW_PASSWORD = 'Qiye#Zhanghao2026';
let lianshui: Client;
let xuyi: Client;

beforeAll(async () => {
  lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
});

/** Signs in with the initial password and changes it, as the first sign-in requires. */
async function firstSignIn(username: string, initialPassword: string) {
  const first = await env.login(username, initialPassword);
  expect((await first.get('/api/my/enterprise')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  return env.login(username, NEW_PASSWORD);
}

describe('accounts made by officers', () => {
  it('makes an account for an enterprise in scope: the initial password once, a change at first sign-in, then its own register entry only', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const res = await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `ent.${Date.now()}`, displayName: '王经理', phone: '13812345678' });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ uscc: enterprise.uscc, enterpriseName: enterprise.name, mustChangePassword: true, active: true, phone: '138****5678' });
    const [stored] = await env.db.select().from(enterpriseAccounts).where(eq(enterpriseAccounts.userId, user.userId));
    expect(stored!.phoneSealed).not.toContain('1381234');

    const account = await firstSignIn(user.username, initialPassword);
    const session = (await account.get('/api/auth/session')).json().user;
    expect(session).toMatchObject({ enterpriseUscc: enterprise.uscc, dataScope: 'enterprise', roles: ['enterprise'] });
    expect(session.permissions).toEqual(['enterprise_self.commit', 'enterprise_self.credit', 'enterprise_self.read', 'enterprise_self.report']);
    expect((await account.get('/api/my/enterprise')).json()).toMatchObject({ uscc: enterprise.uscc, name: enterprise.name });
    // Staff lists and other enterprises: not theirs.
    for (const url of ['/api/enterprises', `/api/enterprises/${randomUscc()}`, '/api/users', '/api/inspection-plans', '/api/audit', '/api/enterprise-accounts']) {
      expect((await account.get(url)).statusCode, url).toBe(403);
    }
    expect((await lianshui.get('/api/my/enterprise')).statusCode).toBe(403);
  });

  it('never shows the enterprise the bureau’s internal data about it: its credit-risk class and tags, in its entry or its history', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826', tags: ['重点监管'] });
    await setCreditClass(env, enterprise.id, 'D');
    const admin = await env.loginAdmin();
    expect((await admin.get(`/api/enterprises/${enterprise.uscc}`)).json()).toMatchObject({ creditClass: 'D', tags: ['重点监管'] });
    const { user, initialPassword } = (await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `int.${Date.now()}`, displayName: '钱' })).json();
    const account = await firstSignIn(user.username, initialPassword);
    expect((await account.get('/api/my/enterprise')).json()).toMatchObject({ uscc: enterprise.uscc, creditClass: null, tags: [] });
    const history = await account.get(`/api/enterprises/${enterprise.uscc}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain('重点监管');
    expect(history.json().items.flatMap((i: { changes: { field: string }[] }) => i.changes.map((c) => c.field))).not.toContain('tags');
  });

  it('answers 404 for an enterprise outside the officer’s scope and 409 for a username taken', async () => {
    const elsewhere = await makeEnterprise(env, { regionCode: '320830' });
    expect((await lianshui.post('/api/enterprise-accounts', { uscc: elsewhere.uscc, username: `ent.x${Date.now()}`, displayName: '李' })).statusCode).toBe(404);
    const mine = await makeEnterprise(env, { regionCode: '320826' });
    const taken = await lianshui.post('/api/enterprise-accounts', { uscc: mine.uscc, username: 'admin', displayName: '李' });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'USERNAME_TAKEN']);
  });

  it('holds at most the configured number of active accounts per enterprise; a disabled one frees its place and its sessions end', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const made = [];
    for (let i = 0; i < 2; i++) made.push((await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `lim${i}.${Date.now()}`, displayName: `员工${i}` })).json());
    const third = await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `lim2.${Date.now()}`, displayName: '员工2' });
    expect([third.statusCode, third.json().error.code]).toEqual([409, 'ACCOUNT_LIMIT']);

    const account = await firstSignIn(made[0].user.username, made[0].initialPassword);
    expect((await xuyi.post(`/api/enterprise-accounts/${made[0].user.userId}/disable`)).statusCode).toBe(404);
    const disabled = await lianshui.post(`/api/enterprise-accounts/${made[0].user.userId}/disable`);
    expect([disabled.statusCode, disabled.json().active]).toEqual([200, false]);
    expect((await account.get('/api/my/enterprise')).statusCode).toBe(401);
    expect((await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `lim3.${Date.now()}`, displayName: '员工3' })).statusCode).toBe(201);
    expect((await lianshui.post(`/api/enterprise-accounts/${made[0].user.userId}/enable`)).json().error.code).toBe('ACCOUNT_LIMIT');

    const reset = await lianshui.post(`/api/enterprise-accounts/${made[1].user.userId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: made[1].user.username, password: reset.json().initialPassword } })).json().user.mustChangePassword).toBe(true);

    const listed = (await lianshui.get(`/api/enterprise-accounts?uscc=${enterprise.uscc}`)).json();
    expect(listed.total).toBe(3);
    expect((await xuyi.get(`/api/enterprise-accounts?uscc=${enterprise.uscc}`)).json().total).toBe(0);
  });

  it('keeps staff and enterprise roles apart: an officer cannot give a staff role to an enterprise account or the enterprise role to a staff user', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const { user } = (await lianshui.post('/api/enterprise-accounts', { uscc: enterprise.uscc, username: `mix.${Date.now()}`, displayName: '赵' })).json();
    const admin = await env.loginAdmin();
    expect((await admin.patch(`/api/users/${user.userId}`, { roles: ['county_officer'] })).statusCode).toBe(400);
    const staff = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    expect((await admin.patch(`/api/users/${staff.id}`, { roles: ['enterprise'] })).statusCode).toBe(400);
  });
});

describe('applications on the public site', () => {
  it('takes an application, tells the competent county bureau, and lets the applicant follow it to the account', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826', name: '淮安测试食品（涟水）有限公司' });
    const username = `apply.${Date.now()}`;
    const res = await env.app.inject({ method: 'POST', url: '/api/public/enterprise-account-requests', payload: { uscc: enterprise.uscc, enterpriseName: '淮安测试食品(涟水)有限公司', applicantName: '孙丽', phone: '13900001111', username } });
    expect(res.statusCode).toBe(202);
    const { requestNo } = res.json();
    expect(requestNo).toMatch(/^QY[2-9A-Z]{12}$/);
    expect((await env.app.inject({ url: `/api/public/enterprise-account-requests/${requestNo}` })).json()).toEqual({ status: 'pending' });

    const [request] = await env.db.select().from(enterpriseAccountRequests).where(eq(enterpriseAccountRequests.requestNo, requestNo));
    expect(request!.applicantNameSealed).not.toContain('孙');
    const [todo] = await env.db.select().from(todos).where(eq(todos.subjectId, request!.id));
    expect(todo).toMatchObject({ kind: 'enterprise_account.request', permission: 'enterprise_account.write', status: 'open' });
    const home = (await lianshui.get('/api/todos')).json();
    expect(home.items.some((t: { subjectId: string }) => t.subjectId === request!.id)).toBe(true);
    expect((await xuyi.get(`/api/enterprise-account-requests/${request!.id}`)).statusCode).toBe(404);

    const listed = (await lianshui.get('/api/enterprise-account-requests?status=pending')).json().items.find((r: { id: string }) => r.id === request!.id);
    expect(listed).toMatchObject({ applicantName: '孙*', phone: '139****1111', username });
    const revealed = await lianshui.post(`/api/enterprise-account-requests/${request!.id}/reveal`);
    expect(revealed.json()).toEqual({ applicantName: '孙丽', phone: '13900001111' });
    const reveals = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'personal_data.revealed'));
    expect(reveals.some((e) => e.targetId === request!.id)).toBe(true);

    const decided = await lianshui.post(`/api/enterprise-account-requests/${request!.id}/decision`, { approve: true });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', initialPassword: expect.any(String) });
    expect((await lianshui.post(`/api/enterprise-account-requests/${request!.id}/decision`, { approve: false, note: '重复' })).json().error.code).toBe('REQUEST_DECIDED');
    expect((await env.app.inject({ url: `/api/public/enterprise-account-requests/${requestNo}` })).json()).toEqual({ status: 'approved' });
    const [closed] = await env.db.select().from(todos).where(eq(todos.subjectId, request!.id));
    expect(closed!.status).toBe('resolved');
    const account = await firstSignIn(username, decided.json().initialPassword);
    expect((await account.get('/api/my/enterprise')).json().uscc).toBe(enterprise.uscc);
  });

  it('refuses with a note the applicant reads; never says the registered name or whether a username is taken', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const apply = (body: Record<string, string>) => env.app.inject({ method: 'POST', url: '/api/public/enterprise-account-requests', payload: { uscc: enterprise.uscc, enterpriseName: enterprise.name, applicantName: '周', phone: '13900002222', username: 'admin', ...body } });
    const wrongName = await apply({ enterpriseName: '别的公司' });
    expect([wrongName.statusCode, wrongName.json().error.code]).toEqual([400, 'ENTERPRISE_MISMATCH']);
    expect(wrongName.body).not.toContain(enterprise.name);
    expect((await apply({ uscc: randomUscc() })).json().error.code).toBe('ENTERPRISE_MISMATCH');
    expect((await apply({ uscc: '91320826MA1XXXXX' })).json().error.code).toBe('USCC_FORMAT');
    expect((await apply({ uscc: `${enterprise.uscc.slice(0, 17)}${enterprise.uscc[17] === '0' ? '1' : '0'}` })).json().error.code).toBe('USCC_CHECK_DIGIT');
    expect((await apply({ phone: '12345' })).statusCode).toBe(400);

    const taken = await apply({});
    expect(taken.statusCode).toBe(202);
    const [request] = await env.db.select().from(enterpriseAccountRequests).where(eq(enterpriseAccountRequests.requestNo, taken.json().requestNo));
    expect((await lianshui.post(`/api/enterprise-account-requests/${request!.id}/decision`, { approve: true })).json().error.code).toBe('USERNAME_TAKEN');
    expect((await lianshui.post(`/api/enterprise-account-requests/${request!.id}/decision`, { approve: false })).statusCode).toBe(400);
    expect((await lianshui.post(`/api/enterprise-account-requests/${request!.id}/decision`, { approve: false, note: '用户名已被占用，请换一个用户名重新申请' })).json().status).toBe('refused');
    expect((await env.app.inject({ url: `/api/public/enterprise-account-requests/${taken.json().requestNo}` })).json()).toEqual({ status: 'refused', note: '用户名已被占用，请换一个用户名重新申请' });
  });

  it('limits a flood of applications from one client (429 RATE_LIMITED), writing nothing', async () => {
    const before = (await env.db.select({ id: enterpriseAccountRequests.id }).from(enterpriseAccountRequests)).length;
    const flood = await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        env.app.inject({ method: 'POST', url: '/api/public/enterprise-account-requests', remoteAddress: '203.0.113.7', payload: { uscc: randomUscc(), enterpriseName: `洪水${i}有限公司`, applicantName: '某', phone: '13900003333', username: `flood.${i}` } }),
      ),
    );
    const statuses = flood.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s === 400)).toHaveLength(60); // unknown codes: ENTERPRISE_MISMATCH
    expect(flood.find((r) => r.statusCode === 429)!.json().error.code).toBe('RATE_LIMITED');
    expect((await env.db.select({ id: enterpriseAccountRequests.id }).from(enterpriseAccountRequests)).length).toBe(before);
  });
});
