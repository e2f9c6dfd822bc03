import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';

const env = useTestEnv();

describe('roles API', () => {
  it('lists the built-in roles', async () => {
    const c = await env.loginAdmin();
    const keys = (await c.get('/api/roles')).json().items.map((r: { key: string }) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['admin', 'city_officer', 'county_officer', 'inspector', 'institution', 'enterprise', 'public_api']));
    const perms = (await c.get('/api/permissions')).json().items.map((p: { key: string }) => p.key);
    expect(perms).toContain('audit.read');
  });

  it('creates and edits a role; the admin role is locked; unknown permissions are refused', async () => {
    const c = await env.loginAdmin();
    const created = await c.post('/api/roles', { key: 'auditor', name: '审计员', permissions: ['audit.read'], dataScope: 'all' });
    expect(created.statusCode).toBe(201);
    expect((await c.patch('/api/roles/auditor', { permissions: ['audit.read', 'org.read'] })).json().permissions).toEqual(['audit.read', 'org.read']);
    expect((await c.post('/api/roles', { key: 'auditor', name: 'x', permissions: [], dataScope: 'all' })).statusCode).toBe(409);
    expect((await c.post('/api/roles', { key: 'x1', name: 'x', permissions: ['fly'], dataScope: 'all' })).json().error.code).toBe('UNKNOWN_PERMISSION');
    expect((await c.patch('/api/roles/admin', { permissions: [] })).json().error.code).toBe('ROLE_LOCKED');
    expect((await c.patch('/api/roles/nope', { name: 'x' })).statusCode).toBe(404);
  });

  it('gives a user the union of its roles’ permissions', async () => {
    const user = await env.makeUser({ roles: ['county_officer', 'auditor'], regionCode: '320826' });
    const session = (await (await env.login(user.username)).get('/api/auth/session')).json();
    expect(session.user.permissions).toEqual(expect.arrayContaining(['audit.read', 'org.read', 'user.read']));
    expect(session.user.dataScope).toBe('all');
  });

  it('refuses role management to users without the permission', async () => {
    const user = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(user.username);
    expect((await c.get('/api/roles')).statusCode).toBe(403);
    expect((await c.post('/api/roles', { key: 'mine', name: 'x', permissions: [], dataScope: 'self' })).statusCode).toBe(403);
    expect((await c.get('/api/audit')).statusCode).toBe(403);
    expect((await c.get('/api/api-keys')).statusCode).toBe(403);
  });
});

describe('upgrades', () => {
  it('grants a permission key new to the database to the built-in roles that default to it, once', async () => {
    const { roles, permissionKeys } = await import('./access.schema.js');
    const { eq, sql } = await import('drizzle-orm');
    const { inTransaction } = await import('../../db/sql.js');
    // As if enterprise.import had just been introduced and an administrator had removed user.read earlier.
    await env.db.delete(permissionKeys).where(eq(permissionKeys.key, 'enterprise.import'));
    await env.db.execute(sql`update roles set permissions = array_remove(array_remove(permissions, 'enterprise.import'), 'user.read') where key = 'county_officer'`);
    await inTransaction(env.db, (tx) => env.services.roles.ensureBuiltins(tx));
    const [role] = await env.db.select().from(roles).where(eq(roles.key, 'county_officer'));
    expect(role!.permissions).toContain('enterprise.import');
    expect(role!.permissions).not.toContain('user.read');
  });
});
