import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, useTestEnv } from '../../test/app.js';
import { loginDevices, sessions } from '../auth/auth.schema.js';
import { DEVICE_COOKIE } from '../auth/devices.js';
import { users } from './users.schema.js';

/** Issue 11 item 5: what ends a user's sessions ends all of them at once (they live in the database). */
const env = useTestEnv();

const sessionOf = (c: { cookie?: string }) => env.client({ cookie: c.cookie }).get('/api/auth/session');
const sessionRows = (userId: string) => env.db.select().from(sessions).where(eq(sessions.userId, userId));

describe('ending sessions', () => {
  it('an administrator’s password reset ends every session of the user and forgets its devices', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const first = await env.login(user.username);
    const second = await env.login(user.username);
    expect((await sessionOf(first)).statusCode).toBe(200);
    const admin = await env.loginAdmin();
    expect((await admin.post(`/api/users/${user.id}/reset-password`, { password: 'Reset#Pass2026', mustChangePassword: false })).statusCode).toBe(204);
    expect((await sessionOf(first)).statusCode).toBe(401);
    expect((await sessionOf(second)).statusCode).toBe(401);
    expect(await sessionRows(user.id)).toHaveLength(0);
    expect(await env.db.select().from(loginDevices).where(eq(loginDevices.userId, user.id))).toHaveLength(0);
    // The administrator's own session is untouched; the new password works.
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
    expect((await env.login(user.username, 'Reset#Pass2026')).cookie).toBeTruthy();
  });

  it('a reset also takes away the trusted device that would have passed a lock', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: USER_PASSWORD } });
    const device = res.cookies.find((c) => c.name === DEVICE_COOKIE)!.value;
    const admin = await env.loginAdmin();
    await admin.post(`/api/users/${user.id}/reset-password`, { password: 'Reset#Pass2026', mustChangePassword: false });
    for (let i = 0; i < 5; i++) await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'Wrong#Pass1x' } });
    const withDevice = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'Reset#Pass2026' }, cookies: { [DEVICE_COOKIE]: device } });
    expect(withDevice.statusCode).toBe(423);
  });

  it('disabling a user ends its sessions, and they do not come back when it is enabled again', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(user.username);
    const admin = await env.loginAdmin();
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await sessionOf(c)).statusCode).toBe(401);
    expect(await sessionRows(user.id)).toHaveLength(0);
    expect((await admin.patch(`/api/users/${user.id}`, { active: true })).statusCode).toBe(200);
    expect((await sessionOf(c)).statusCode).toBe(401);
    expect((await c.get('/api/orgs')).statusCode).toBe(401);
    expect((await env.login(user.username)).cookie).toBeTruthy();
  });

  it('a session of a user disabled behind the service’s back is ended on its next request, for good', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const c = await env.login(user.username);
    await env.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await sessionOf(c)).statusCode).toBe(401);
    await env.db.update(users).set({ active: true }).where(eq(users.id, user.id));
    expect((await sessionOf(c)).statusCode).toBe(401);
  });

  it('role and org changes keep the session but apply at its next request', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(user.username);
    expect((await c.get('/api/users')).statusCode).toBe(200);
    const admin = await env.loginAdmin();
    await admin.patch(`/api/users/${user.id}`, { roles: ['inspector'], orgId: (await env.orgIn('320830')).id });
    const session = await sessionOf(c);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ roles: ['inspector'], regionCode: '320830' });
    expect((await c.get('/api/users')).statusCode).toBe(403); // inspector holds no user.read
  });
});
