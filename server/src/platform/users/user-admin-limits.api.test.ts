import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestEnv } from '../../test/app.js';
import { users } from './users.schema.js';

/**
 * Issue 11 item 4: `user.write` is no way to a stronger account. Nobody acts on a user who holds
 * a permission they lack, holds a wider data scope, or lies outside their scope.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const NEW_PASSWORD = 'Taken#Over2026';
let cityClerk: Client;
let countyClerk: Client;
let countyClerkId: string;

beforeAll(async () => {
  await env.services.roles.create(env.ctx, { key: 'user_clerk', name: '用户管理员', permissions: ['user.read', 'user.write'], dataScope: 'region' });
  await env.services.roles.create(env.ctx, { key: 'user_reader', name: '用户查看', permissions: ['user.read'], dataScope: 'region' });
  // A role that grants nothing (the built-in `institution` role now holds spotcheck.result).
  await env.services.roles.create(env.ctx, { key: 'no_permissions', name: '无权限', permissions: [], dataScope: 'org' });
  await env.services.roles.create(env.ctx, { key: 'user_clerk_city', name: '全市用户管理员', permissions: ['user.read', 'user.write'], dataScope: 'all' });
  cityClerk = await env.login((await env.makeUser({ roles: ['user_clerk'], regionCode: '320800' })).username);
  const county = await env.makeUser({ roles: ['user_clerk'], regionCode: '320826' });
  countyClerkId = county.id;
  countyClerk = await env.login(county.username);
});

describe('a user.read + user.write role (scope region) and the administrator', () => {
  it('may not reset the administrator’s password', async () => {
    const res = await cityClerk.post(`/api/users/${env.admin.id}/reset-password`, { password: NEW_PASSWORD, mustChangePassword: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: NEW_PASSWORD } })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })).statusCode).toBe(200);
  });

  it('may not disable the administrator, move it to another org, rename or unlock it', async () => {
    const county = await env.orgIn('320826');
    for (const body of [{ active: false }, { orgId: county.id }, { displayName: '某人' }]) {
      expect((await cityClerk.patch(`/api/users/${env.admin.id}`, body)).statusCode, JSON.stringify(body)).toBe(403);
    }
    expect((await cityClerk.post(`/api/users/${env.admin.id}/unlock`)).statusCode).toBe(403);
    const [admin] = await env.db.select().from(users).where(eq(users.id, env.admin.id));
    expect(admin).toMatchObject({ active: true, orgId: env.admin.orgId, displayName: '系统管理员' });
  });

  it('may not act on a user of another county (404, as if missing)', async () => {
    const elsewhere = await env.makeUser({ roles: ['institution'], regionCode: '320830' });
    expect((await countyClerk.post(`/api/users/${elsewhere.id}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(404);
    expect((await countyClerk.patch(`/api/users/${elsewhere.id}`, { active: false })).statusCode).toBe(404);
    expect((await countyClerk.post(`/api/users/${elsewhere.id}/unlock`)).statusCode).toBe(404);
  });

  it('may not act on a colleague holding a permission it lacks, or a wider scope', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    expect((await countyClerk.post(`/api/users/${officer.id}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(403);
    expect((await countyClerk.patch(`/api/users/${officer.id}`, { active: false })).statusCode).toBe(403);
    const wider = await env.makeUser({ roles: ['user_clerk_city'], regionCode: '320826' });
    expect((await countyClerk.patch(`/api/users/${wider.id}`, { active: false })).statusCode).toBe(403);
    // …nor turn a colleague into one: granting is limited to what it holds.
    const plain = await env.makeUser({ roles: ['no_permissions'], regionCode: '320826' });
    expect((await countyClerk.patch(`/api/users/${plain.id}`, { roles: ['county_officer'] })).statusCode).toBe(403);
  });

  it('may act on a user whose permissions are a subset of its own', async () => {
    const reader = await env.makeUser({ roles: ['user_reader'], regionCode: '320826' });
    expect((await countyClerk.post(`/api/users/${reader.id}/reset-password`, { password: NEW_PASSWORD, mustChangePassword: false })).statusCode).toBe(204);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: reader.username, password: NEW_PASSWORD } })).statusCode).toBe(200);
    expect((await countyClerk.post(`/api/users/${reader.id}/unlock`)).statusCode).toBe(204);
    expect((await countyClerk.patch(`/api/users/${reader.id}`, { displayName: '改名', roles: ['user_clerk'] })).json()).toMatchObject({ displayName: '改名', roles: ['user_clerk'] });
    expect((await countyClerk.patch(`/api/users/${reader.id}`, { active: false })).json().active).toBe(false);
    const plain = await env.makeUser({ roles: ['no_permissions'], regionCode: '320826' });
    const moved = await cityClerk.patch(`/api/users/${plain.id}`, { orgId: (await env.orgIn('320830')).id });
    expect(moved.json()).toMatchObject({ regionCode: '320830' });
  });

  it('on itself: may rename, but not reset its password here, move, disable or re-role itself', async () => {
    expect((await countyClerk.patch(`/api/users/${countyClerkId}`, { displayName: '本人' })).statusCode).toBe(200);
    expect((await countyClerk.post(`/api/users/${countyClerkId}/reset-password`, { password: NEW_PASSWORD })).json().error.code).toBe('SELF_LOCKOUT');
    const bureau = await env.orgIn('320826');
    const institution = await env.services.jurisdiction.createOrg(env.ctx, { name: `涟水检测所${Date.now()}`, type: 'institution', regionCode: '320826', parentId: bureau.id });
    for (const body of [{ active: false }, { roles: ['user_reader'] }, { orgId: institution.id }]) {
      expect((await countyClerk.patch(`/api/users/${countyClerkId}`, body)).json().error.code, JSON.stringify(body)).toBe('SELF_LOCKOUT');
    }
  });
});

describe('the administrator', () => {
  it('still acts on everyone, administrators included', async () => {
    const admin = await env.loginAdmin();
    const second = await env.makeUser({ roles: ['admin'] });
    expect((await admin.post(`/api/users/${second.id}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await admin.patch(`/api/users/${second.id}`, { active: false })).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${countyClerkId}/unlock`)).statusCode).toBe(204);
  });
});
