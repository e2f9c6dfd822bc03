import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../config.js';
import { addDays, todayInChina } from '../calendar/dates.js';
import { roles } from '../access/access.schema.js';
import { BUILTIN_ROLES } from '../access/permissions.js';
import { makeEnterprise } from '../../modules/enterprises/testing.js';
import { useTestEnv } from '../../test/app.js';
import { uploadTo } from '../../test/multipart.js';

const env = useTestEnv();

let seq = 0;
const notice = (uscc: string) => ({ uscc, department: '盱眙县住房和城乡建设局', kind: 'other', summary: '通报测试', occurredOn: addDays(todayInChina(), -1), documentNo: `盱住建函〔2026〕${++seq}号` });

/** An API key issued to a new `department` org in `regionCode`. */
async function departmentKey(regionCode: string) {
  const admin = await env.loginAdmin();
  const org = await admin.post('/api/orgs', { name: `部门${regionCode}-${Date.now()}-${++seq}`, type: 'department', regionCode });
  expect(org.statusCode).toBe(201);
  const created = await admin.post('/api/api-keys', { orgId: org.json().id, name: `系统${seq}` });
  expect(created.statusCode).toBe(201);
  return env.client({ bearer: created.json().key as string });
}

/** Issue 11 item 13: an API key sees its org's region; export is its own permission; notices stay in scope. */
describe('API keys follow their org’s region', () => {
  it('a 盱眙 department’s key lists and reads 盱眙’s enterprises only', async () => {
    const own = await makeEnterprise(env, { regionCode: '320830' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const key = await departmentKey('320830');
    const list = await key.get('/api/enterprises?pageSize=500');
    expect(list.statusCode).toBe(200);
    const regions = new Set(list.json().items.map((e: { regionCode: string }) => e.regionCode));
    expect([...regions]).toEqual(['320830']);
    expect((await key.get(`/api/enterprises/${own.uscc}`)).statusCode).toBe(200);
    expect((await key.get(`/api/enterprises/${other.uscc}`)).statusCode).toBe(404);
    expect((await key.get(`/api/enterprises?q=${other.uscc}`)).json().total).toBe(0);
  });

  it('a city department’s key still sees the whole city', async () => {
    const a = await makeEnterprise(env, { regionCode: '320830' });
    const b = await makeEnterprise(env, { regionCode: '320826' });
    const key = await departmentKey('320800');
    for (const e of [a, b]) expect((await key.get(`/api/enterprises/${e.uscc}`)).statusCode).toBe(200);
  });

  it('a key cannot export the register (no export permission), in any format', async () => {
    const key = await departmentKey('320800');
    for (const url of ['/api/enterprises/export?format=csv', '/api/enterprises/export?format=xlsx', '/api/licences/export?format=csv']) {
      expect((await key.get(url)).statusCode, url).toBe(403);
    }
  });

  it('a key files notices about its own region’s holders; another county’s holder is 404', async () => {
    const own = await makeEnterprise(env, { regionCode: '320830' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const key = await departmentKey('320830');
    expect((await key.post('/api/feedback', notice(own.uscc))).statusCode).toBe(201);
    const refused = await key.post('/api/feedback', notice(other.uscc));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'uscc' } });
  });
});

describe('notices stay within the filer’s scope', () => {
  it('a county officer filing a notice about another county’s enterprise is refused (404); the city officer is not', async () => {
    const own = await makeEnterprise(env, { regionCode: '320830' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await county.post('/api/feedback', notice(own.uscc))).statusCode).toBe(201);
    expect((await county.post('/api/feedback', notice(other.uscc))).statusCode).toBe(404);
    const city = await env.login((await env.makeUser({ roles: ['city_officer'] })).username);
    expect((await city.post('/api/feedback', notice(other.uscc))).statusCode).toBe(201);
  });

  it('rejects the row of another county’s holder in a county officer’s notice import, and takes the others', async () => {
    const own = await makeEnterprise(env, { regionCode: '320830' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const day = addDays(todayInChina(), -1);
    const csv = ['统一社会信用代码,通报部门,通报类型,摘要,发生日期', `${own.uscc},盱眙县住建局,其他,本县企业,${day}`, `${other.uscc},盱眙县住建局,其他,外县企业,${day}`].join('\r\n');
    const res = await uploadTo(env, '/api/feedback/import', { mode: 'valid-rows', file: { name: 'notices.csv', content: csv } }, county);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, rejected: [{ row: 3, column: '统一社会信用代码', code: 'NOT_FOUND' }] });
  });
});

describe('export needs its own permission', () => {
  it('refuses export to a role that may only read, and lets the built-in officer roles export in their scope', async () => {
    const admin = await env.loginAdmin();
    expect((await admin.post('/api/roles', { key: `reader_${Date.now()}`, name: '只读', permissions: ['enterprise.read', 'licence.read'], dataScope: 'all' })).statusCode).toBe(201);
    const readerRole = (await admin.get('/api/roles')).json().items.find((r: { name: string }) => r.name === '只读').key as string;
    const reader = await env.login((await env.makeUser({ roles: [readerRole] })).username);
    expect((await reader.get('/api/enterprises?pageSize=1')).statusCode).toBe(200);
    expect((await reader.get('/api/enterprises/export?format=csv')).statusCode).toBe(403);
    expect((await reader.get('/api/licences/export?format=csv')).statusCode).toBe(403);
    const session = (await reader.get('/api/auth/session')).json();
    expect(session.user.permissions).not.toContain('enterprise.export');

    const mine = await makeEnterprise(env, { regionCode: '320830' });
    const theirs = await makeEnterprise(env, { regionCode: '320826' });
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const csv = await county.get('/api/enterprises/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(mine.uscc);
    expect(csv.body).not.toContain(theirs.uscc);
    expect((await county.get('/api/licences/export?format=csv')).statusCode).toBe(200);
    expect((await county.get('/api/auth/session')).json().user.permissions).toEqual(expect.arrayContaining(['enterprise.export', 'licence.export']));
  });

  it('every built-in role that reads a register may export it, except the API keys’ role', () => {
    for (const role of BUILTIN_ROLES) {
      const p = new Set(role.permissions);
      const keys = role.key === 'public_api';
      if (p.has('enterprise.read')) expect(p.has('enterprise.export'), role.key).toBe(!keys);
      if (p.has('licence.read')) expect(p.has('licence.export'), role.key).toBe(!keys);
    }
    expect(BUILTIN_ROLES.find((r) => r.key === 'public_api')).toMatchObject({ dataScope: 'region', permissions: ['enterprise.read', 'feedback.submit', 'case.exchange', 'credit.check'] });
  });

  it('migration 0019 keeps existing readers exporting: custom and built-in roles with the read permission get export; keys’ role scoped to its region', async () => {
    // A database from before the export permissions: a custom reader role, and the built-in roles as they were.
    await env.db.insert(roles).values({ key: 'legacy_reader', name: '旧只读', permissions: ['enterprise.read', 'licence.read'], dataScope: 'region' });
    await env.db.insert(roles).values({ key: 'legacy_none', name: '旧无权', permissions: ['org.read'], dataScope: 'region' });
    await env.db.execute(sql`update roles set permissions = array_remove(array_remove(permissions, 'enterprise.export'), 'licence.export') where key in ('county_officer', 'inspector', 'public_api')`);
    await env.db.update(roles).set({ dataScope: 'all' }).where(eq(roles.key, 'public_api'));

    const migration = fs.readFileSync(path.join(ROOT_DIR, 'server/drizzle/0019_export_permissions.sql'), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await env.database.executeSql(statement);

    const byKey = new Map((await env.db.select().from(roles)).map((r) => [r.key, r]));
    for (const key of ['legacy_reader', 'county_officer', 'inspector']) {
      expect(byKey.get(key)!.permissions, key).toEqual(expect.arrayContaining(['enterprise.export', 'licence.export']));
    }
    expect(byKey.get('legacy_none')!.permissions).toEqual(['org.read']);
    expect(byKey.get('public_api')).toMatchObject({ dataScope: 'region' });
    expect(byKey.get('public_api')!.permissions).not.toContain('enterprise.export');
    // Running it twice changes nothing.
    for (const statement of migration.split('--> statement-breakpoint')) await env.database.executeSql(statement);
    const again = (await env.db.select().from(roles).where(eq(roles.key, 'legacy_reader')))[0]!;
    expect(again.permissions.filter((p) => p === 'enterprise.export')).toHaveLength(1);
  });
});
