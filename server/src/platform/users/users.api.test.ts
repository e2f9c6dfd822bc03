import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, useTestEnv } from '../../test/app.js';
import { BUILTIN_ROLES } from '../access/permissions.js';

const env = useTestEnv();

describe('users API', () => {
  it('creates a user with the contract’s body, hashes the password, audits without it', async () => {
    const c = await env.loginAdmin();
    const org = await env.orgIn('320826');
    const res = await c.post('/api/users', { username: 'Lianshui.Li', password: USER_PASSWORD, displayName: '李明', orgId: org.id, roles: ['county_officer'] });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'lianshui.li', orgId: org.id, orgName: org.name, regionCode: '320826', roles: ['county_officer'], active: true });
    expect(user.passwordHash).toBeUndefined();
    const audit = (await c.get(`/api/audit?target=${user.id}&action=user.created`)).json().items[0];
    expect(JSON.stringify(audit)).not.toContain(USER_PASSWORD);
    expect((await env.login('lianshui.li')).csrfToken).toBeTruthy();
  });

  it('rejects weak passwords, taken usernames, unknown roles and unknown properties', async () => {
    const c = await env.loginAdmin();
    const orgId = (await env.orgIn('320826')).id;
    const base = { username: 'someone', password: USER_PASSWORD, displayName: '某人', orgId, roles: ['inspector'] };
    expect((await c.post('/api/users', { ...base, password: 'abc' })).json().error.code).toBe('WEAK_PASSWORD');
    expect((await c.post('/api/users', { ...base, username: 'admin' })).json().error.code).toBe('USERNAME_TAKEN');
    expect((await c.post('/api/users', { ...base, roles: ['king'] })).json().error.code).toBe('UNKNOWN_ROLE');
    expect((await c.post('/api/users', { ...base, isAdmin: true })).json().error.code).toBe('VALIDATION');
    expect((await c.post('/api/users', { ...base, username: 'a b' })).json().error.code).toBe('VALIDATION');
    expect((await c.get('/api/users?q=someone')).json().total).toBe(0);
  });

  it('lists only users in the reader’s county and answers 404 for another county’s user', async () => {
    const mine = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    const other = await env.makeUser({ roles: ['inspector'], regionCode: '320831' });
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    const c = await env.login(officer.username);
    const { items } = (await c.get('/api/users?pageSize=500')).json();
    expect(items.map((u: { id: string }) => u.id)).toContain(mine.id);
    expect(items.every((u: { regionCode: string }) => u.regionCode === '320830')).toBe(true);
    expect((await c.get(`/api/users/${other.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/users/${mine.id}`)).statusCode).toBe(200);
    expect((await c.patch(`/api/users/${other.id}`, { displayName: 'x' })).statusCode).toBe(403);
  });

  it('does not let a user administrator grant more than it holds', async () => {
    // A county officer's permissions plus user.write: it may grant county_officer, nothing more.
    const countyOfficer = BUILTIN_ROLES.find((r) => r.key === 'county_officer')!.permissions;
    await env.services.roles.create(env.ctx, { key: 'user_admin', name: '用户管理员', permissions: [...countyOfficer, 'user.write'], dataScope: 'region' });
    const ua = await env.makeUser({ roles: ['user_admin'], regionCode: '320804' });
    const c = await env.login(ua.username);
    const orgId = (await env.orgIn('320804')).id;
    const grantAdmin = await c.post('/api/users', { username: 'sneaky', password: USER_PASSWORD, displayName: '某人', orgId, roles: ['admin'] });
    expect(grantAdmin.statusCode).toBe(403);
    const cityWide = await c.post('/api/users', { username: 'sneaky', password: USER_PASSWORD, displayName: '某人', orgId, roles: ['city_officer'] });
    expect(cityWide.statusCode).toBe(403);
    const ok = await c.post('/api/users', { username: 'huaiyin.ok', password: USER_PASSWORD, displayName: '某人', orgId, roles: ['county_officer'] });
    expect(ok.statusCode).toBe(201);
    const elsewhere = await c.post('/api/users', { username: 'huaiyin.no', password: USER_PASSWORD, displayName: '某人', orgId: (await env.orgIn('320803')).id, roles: ['county_officer'] });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('updates roles and org, resets a password and unlocks, each audited', async () => {
    const c = await env.loginAdmin();
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320803' });
    const moved = (await c.patch(`/api/users/${user.id}`, { roles: ['county_officer', 'inspector'], orgId: (await env.orgIn('320804')).id })).json();
    expect(moved).toMatchObject({ roles: ['county_officer', 'inspector'], regionCode: '320804' });
    expect((await c.post(`/api/users/${user.id}/reset-password`, { password: 'Reset#Pass2026' })).statusCode).toBe(204);
    expect((await c.get(`/api/users/${user.id}`)).json().mustChangePassword).toBe(true);
    expect((await c.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(204);
    const actions = (await c.get(`/api/audit?target=${user.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.updated', 'user.password_reset', 'user.unlocked']));
  });

  it('does not let an administrator disable itself', async () => {
    const c = await env.loginAdmin();
    expect((await c.patch(`/api/users/${env.admin.id}`, { active: false })).json().error.code).toBe('SELF_LOCKOUT');
  });
});
