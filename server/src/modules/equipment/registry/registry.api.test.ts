import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../testing.js';

const env = useTestEnv({ publicRateLimit: 1_000_000 });
let seq = 0;
const code = () => `A${Date.now().toString(36).toUpperCase()}${(seq++).toString().padStart(3, '0')}`;

const PASSWORD = 'Qiye#Zhanghao2026';

/** An enterprise's own account (企业端), signed in. */
async function enterpriseAccount(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `eq.${Date.now().toString(36)}${seq++}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

const body = async (over: Record<string, unknown> = {}) => ({ category: '3000', subcategory: '3100', equipmentCode: code(), registrationNo: `梯11${code()}`, userUscc: (await makeEnterprise(env)).uscc, regionCode: '320826', address: '涟水县安东路1号', putIntoServiceOn: '2019-05-01', ...over });

describe('POST/GET/PATCH /api/equipment', () => {
  it('registers (201), reads with an ETag, changes with If-Match (412 on a stale version)', async () => {
    const c = await env.loginAdmin();
    const input = await body();
    const created = await c.post('/api/equipment', input);
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(Object.keys(unit).sort()).toEqual(
      ['id', 'category', 'subcategory', 'equipmentCode', 'registrationNo', 'userUscc', 'userName', 'regionCode', 'address', 'keyUnitKind', 'safetyGrade', 'putIntoServiceOn', 'status', 'lastInspectedOn', 'lastConclusion', 'nextInspectionDue', 'overdue', 'failedInUse', 'manufacturer', 'model', 'factoryNo', 'version', 'createdAt', 'updatedAt'].sort(),
    );
    const got = await c.get(`/api/equipment/${unit.id}`);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(unit);
    const stale = await c.patch(`/api/equipment/${unit.id}`, { address: '新地址' }, { 'if-match': '"0"' });
    expect(stale.statusCode).toBe(412);
    const patched = await c.patch(`/api/equipment/${unit.id}`, { address: '新地址', safetyGrade: null }, { 'if-match': '"1"' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect((await c.patch(`/api/equipment/${unit.id}`, { equipmentCode: 'X' })).statusCode).toBe(400); // not changeable
  });

  it('answers format and duplicate errors in the documented shape', async () => {
    const c = await env.loginAdmin();
    const bad = await c.post('/api/equipment', await body({ equipmentCode: 'ab-1' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'EQUIPMENT_CODE_FORMAT', details: { field: 'equipmentCode' } });
    const first = await body();
    expect((await c.post('/api/equipment', first)).statusCode).toBe(201);
    const dup = await c.post('/api/equipment', await body({ equipmentCode: first.equipmentCode }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'equipmentCode' } });
    const dupReg = await c.post('/api/equipment', await body({ registrationNo: first.registrationNo }));
    expect(dupReg.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'registrationNo' } });
    expect((await c.post('/api/equipment', { ...(await body()), extra: 1 })).statusCode).toBe(400);
  });

  it('moves the status (200) and refuses a transition the state machine has not (409 INVALID_TRANSITION)', async () => {
    const c = await env.loginAdmin();
    const unit = (await c.post('/api/equipment', await body())).json();
    const wrong = await c.post(`/api/equipment/${unit.id}/transitions`, { to: 'deregistered', reason: '注销' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('INVALID_TRANSITION');
    const ok = await c.post(`/api/equipment/${unit.id}/transitions`, { to: 'suspended', reason: '停用' }, { 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'suspended', version: 2 });
    const history = (await c.get(`/api/equipment/${unit.id}/history`)).json();
    expect(history.items.map((e: { kind: string }) => e.kind)).toEqual(['transition', 'registered']);
  });
});

describe('GET /api/equipment', () => {
  it('filters by category, status, region, user, overdue, due within, key-unit kind and text; shows overdue in the JSON (not on the due day)', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const today = todayInChina();
    const overdue = await makeUnit(env, { userUscc: e.uscc, nextInspectionDue: addDays(today, -1), keyUnitKind: 'school' });
    const dueToday = await makeUnit(env, { userUscc: e.uscc, nextInspectionDue: today });
    const later = await makeUnit(env, { userUscc: e.uscc, nextInspectionDue: addDays(today, 60), category: '4000', subcategory: '4100' });
    const c = await env.loginAdmin();
    const ids = async (q: string) => (await c.get(`/api/equipment?userUscc=${e.uscc}&${q}`)).json().items.map((u: { id: string }) => u.id);
    expect(await ids('sort=nextInspectionDue')).toEqual([overdue.id, dueToday.id, later.id]);
    expect(await ids('overdue=true')).toEqual([overdue.id]);
    expect((await ids('overdue=false')).sort()).toEqual([dueToday.id, later.id].sort());
    expect((await ids('dueWithin=30')).sort()).toEqual([overdue.id, dueToday.id].sort());
    expect(await ids('category=4000')).toEqual([later.id]);
    expect(await ids('category=4100')).toEqual([later.id]);
    expect(await ids('keyUnitKind=school')).toEqual([overdue.id]);
    expect(await ids(`q=${later.equipmentCode.slice(0, 10)}`)).toContain(later.id);
    expect(await ids('status=suspended')).toEqual([]);
    expect(await ids('regionCode=320830')).toEqual([]);
    const list = (await c.get(`/api/equipment?userUscc=${e.uscc}&sort=nextInspectionDue`)).json();
    expect(list.total).toBe(3);
    expect(list.items.map((u: { overdue: boolean }) => u.overdue)).toEqual([true, false, false]);
    expect(list.items[0].userName).toBe(e.name);
    expect((await c.get('/api/equipment?overdue=maybe')).statusCode).toBe(400);
  });

  it('keeps a county officer to its county: another county’s unit is 404 to read, change or move', async () => {
    const unit = await makeUnit(env, { regionCode: '320826' });
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    const c = await env.login(officer.username);
    expect((await c.get(`/api/equipment/${unit.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/equipment/${unit.id}/history`)).statusCode).toBe(404);
    expect((await c.patch(`/api/equipment/${unit.id}`, { address: 'x' })).statusCode).toBe(404);
    expect((await c.post(`/api/equipment/${unit.id}/transitions`, { to: 'suspended', reason: 'x' })).statusCode).toBe(404);
    const list = (await c.get('/api/equipment?pageSize=500')).json();
    expect(list.items.every((u: { regionCode: string }) => u.regionCode.startsWith('320830'))).toBe(true);
    const created = await c.post('/api/equipment', await body({ regionCode: '320826' }));
    expect(created.json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('shows an enterprise account its own units only; it may not write', async () => {
    const mine = await makeEnterprise(env);
    const theirs = await makeEnterprise(env);
    const own = await makeUnit(env, { userUscc: mine.uscc });
    const other = await makeUnit(env, { userUscc: theirs.uscc });
    const account = await enterpriseAccount(mine.uscc);
    const list = (await account.get('/api/equipment')).json();
    expect(list.items.map((u: { id: string }) => u.id)).toEqual([own.id]);
    expect((await account.get(`/api/equipment?userUscc=${theirs.uscc}`)).json()).toEqual({ items: [], total: 0 });
    expect((await account.get(`/api/equipment/${own.id}`)).statusCode).toBe(200);
    expect((await account.get(`/api/equipment/${own.id}/history`)).statusCode).toBe(200);
    expect((await account.get(`/api/equipment/${other.id}`)).statusCode).toBe(404);
    expect((await account.get(`/api/equipment/${other.id}/history`)).statusCode).toBe(404);
    expect((await account.get('/api/equipment-categories')).statusCode).toBe(200);
    expect((await account.post(`/api/equipment/${own.id}/transitions`, { to: 'suspended', reason: 'x' })).statusCode).toBe(403);
    expect((await account.patch(`/api/equipment/${own.id}`, { address: 'x' })).statusCode).toBe(403);
    expect((await account.post('/api/equipment', await body({ userUscc: mine.uscc }))).statusCode).toBe(403);
  });
});

describe('/api/equipment-categories', () => {
  it('lists the dictionary; only equipment.configure adds or changes (If-Match)', async () => {
    const c = await env.loginAdmin();
    const list = (await c.get('/api/equipment-categories')).json();
    expect(list.items.filter((i: { parentCode: string | null }) => i.parentCode === null)).toHaveLength(10);
    const created = await c.post('/api/equipment-categories', { code: '3Y00', parentCode: '3000', name: '接口测试品种' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await c.patch('/api/equipment-categories/3Y00', { name: '接口测试品种2' }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const renamed = await c.patch('/api/equipment-categories/3Y00', { name: '接口测试品种2' }, { 'if-match': '"1"' });
    expect(renamed.json()).toMatchObject({ name: '接口测试品种2', version: 2 });
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    expect((await (await env.login(officer.username)).post('/api/equipment-categories', { code: '3X00', name: 'x' })).statusCode).toBe(403);
  });
});
