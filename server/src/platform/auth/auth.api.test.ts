import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, USER_PASSWORD, useTestEnv } from '../../test/app.js';
import { loginGuards, sessions } from './auth.schema.js';
import { sha256 } from './auth.service.js';

const env = useTestEnv();

const login = (username: string, password: string, cookie?: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, cookies: cookie ? { zj_session: cookie } : undefined });

describe('login', () => {
  it('answers the user and a CSRF token and sets an HttpOnly SameSite session cookie', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: 'admin', roles: ['admin'], dataScope: 'all' }, csrfToken: expect.any(String) });
    const cookie = res.cookies.find((c) => c.name === 'zj_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('is case-insensitive on the username', async () => {
    expect((await login('ADMIN ', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses wrong credentials and unknown users alike', async () => {
    for (const res of [await login('admin', 'wrong'), await login('nobody-here', 'whatever')]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('locks the account after 5 failures in 15 minutes, even against the right password, and audits it', async () => {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    for (let i = 1; i <= 5; i++) {
      const res = await login(user.username, `Wrong#Pass${i}x`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login(user.username, USER_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'LOCKED', details: { lockedUntil: expect.any(String) } });
    const until = new Date(locked.json().error.details.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const audit = await env.services.audit.list(env.db, env.admin, { action: 'auth.locked', target: user.id }, { page: 1, pageSize: 5 });
    expect(audit.total).toBe(1);

    // After the lock expires the right password works again.
    await env.db.update(loginGuards).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(loginGuards.key, `user:${user.username}`));
    expect((await login(user.username, USER_PASSWORD)).statusCode).toBe(200);
  });

  it('counts only failures inside the window', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    for (let i = 0; i < 4; i++) await login(user.username, 'Wrong#Pass1x');
    const key = `user:${user.username}`;
    const [guard] = await env.db.select().from(loginGuards).where(eq(loginGuards.key, key));
    expect(guard!.failures).toHaveLength(4);
    await env.db.update(loginGuards).set({ failures: guard!.failures.map((t) => t - 16 * 60_000) }).where(eq(loginGuards.key, key));
    expect((await login(user.username, 'Wrong#Pass1x')).statusCode).toBe(401);
    expect((await login(user.username, USER_PASSWORD)).statusCode).toBe(200);
  });

  it('rotates the session on login: a new token, the previous session ended', async () => {
    const first = (await login('admin', ADMIN_PASSWORD)).cookies.find((c) => c.name === 'zj_session')!.value;
    const second = (await login('admin', ADMIN_PASSWORD, first)).cookies.find((c) => c.name === 'zj_session')!.value;
    expect(second).not.toBe(first);
    expect((await env.app.inject({ url: '/api/auth/session', cookies: { zj_session: first } })).statusCode).toBe(401);
    expect((await env.app.inject({ url: '/api/auth/session', cookies: { zj_session: second } })).statusCode).toBe(200);
  });

  it('refuses disabled users', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    await env.services.users.update(env.ctx, user.id, { active: false });
    expect((await login(user.username, USER_PASSWORD)).json().error.code).toBe('USER_DISABLED');
  });
});

describe('sessions', () => {
  it('GET /api/auth/session answers 401 UNAUTHENTICATED without a session', async () => {
    const res = await env.app.inject({ url: '/api/auth/session' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('stores only a hash of the token, and returns the same CSRF token as login', async () => {
    const c = await env.loginAdmin();
    const [row] = await env.db.select().from(sessions).where(eq(sessions.id, sha256(c.cookie!)));
    expect(row).toBeDefined();
    expect((await env.db.select().from(sessions).where(eq(sessions.id, c.cookie!))).length).toBe(0);
    expect((await c.get('/api/auth/session')).json().csrfToken).toBe(c.csrfToken);
  });

  it('expires after the idle timeout and after the absolute lifetime', async () => {
    const idle = await env.loginAdmin();
    await env.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, sha256(idle.cookie!)));
    expect((await idle.get('/api/auth/session')).statusCode).toBe(401);
    const old = await env.loginAdmin();
    await env.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sha256(old.cookie!)));
    expect((await old.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const c = await env.loginAdmin();
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a mutating request with a session cookie but no X-CSRF-Token, and changes nothing', async () => {
    const c = await env.loginAdmin();
    const org = await env.orgIn('320826');
    const res = await env.app.inject({ method: 'PATCH', url: `/api/orgs/${org.id}`, cookies: { zj_session: c.cookie! }, payload: { name: 'hijacked' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
    expect((await env.services.jurisdiction.getOrg(null, org.id)).name).toBe(org.name);
  });

  it('refuses a wrong token, also on logout', async () => {
    const c = await env.loginAdmin();
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { zj_session: c.cookie! }, headers: { 'x-csrf-token': 'forged' } });
    expect(res.json().error.code).toBe('CSRF');
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('does not need a token for requests authenticated with an API key', async () => {
    const admin = await env.loginAdmin();
    const root = await env.orgIn('320800');
    const created = await admin.post('/api/api-keys', { orgId: root.id, name: 'CSRF test' });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    const system = env.client({ bearer: key });
    expect((await system.get('/api/calendar/is-working-day?date=2025-10-11')).json()).toEqual({ workingDay: true, certain: true });
    expect((await system.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await system.get('/api/orgs')).statusCode).toBe(403); // public_api holds no org permission
    expect((await admin.delete(`/api/api-keys/${id}`)).statusCode).toBe(204);
    expect((await system.get('/api/calendar/is-working-day?date=2025-10-11')).json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('password change', () => {
  it('forces a must-change user to change the password before anything else', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826', mustChangePassword: true });
    const c = await env.login(user.username);
    expect((await c.get('/api/orgs')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/auth/session')).json().user.mustChangePassword).toBe(true);
    const weak = await c.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'short' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better#Pass2027' });
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');
    expect((await c.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'Better#Pass2027' })).statusCode).toBe(204);
    expect((await c.get('/api/orgs')).statusCode).toBe(200);
    expect((await login(user.username, 'Better#Pass2027')).statusCode).toBe(200);
    expect((await login(user.username, USER_PASSWORD)).statusCode).toBe(401);
  });
});
