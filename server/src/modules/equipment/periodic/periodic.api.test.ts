import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeUnit } from '../testing.js';
import { addMonths } from './due-dates.js';

const env = useTestEnv();
const today = todayInChina();
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;

const officerIn = async (regionCode: string, roles = ['county_officer']) => env.login((await env.makeUser({ roles, regionCode })).username);
async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.periodic.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}
const inspection = (over: object = {}) => ({ inspectedOn: addDays(today, -1), institution: '淮安市特种设备安全监督检验中心', reportNo: `JY-API-${++seq}`, conclusion: 'pass', ...over });

describe('POST /api/equipment/:id/inspections', () => {
  it('records an elevator’s pass (201, due a year on), refuses a future date, a retired unit, another county’s unit and readers without equipment.write', async () => {
    const unit = await makeUnit(env, { regionCode: '320826', category: '3000' });
    const officer = await officerIn('320826');
    const res = await officer.post(`/api/equipment/${unit.id}/inspections`, inspection());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ equipmentId: unit.id, kind: 'periodic', conclusion: 'pass', nextInspectionDue: addMonths(addDays(today, -1), 12), overdue: false, failedInUse: false });

    const future = await officer.post(`/api/equipment/${unit.id}/inspections`, inspection({ inspectedOn: addDays(today, 1) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('INVALID_DATE');
    expect((await officer.post(`/api/equipment/${unit.id}/inspections`, inspection({ extra: 1 }))).statusCode).toBe(400);
    expect((await officer.post(`/api/equipment/${unit.id}/inspections`, inspection({ conclusion: 'ok' }))).statusCode).toBe(400);

    const scrapped = await makeUnit(env, { regionCode: '320826', status: 'scrapped' });
    const refused = await officer.post(`/api/equipment/${scrapped.id}/inspections`, inspection());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('INVALID_TRANSITION');

    const elsewhere = await makeUnit(env, { regionCode: '320830' });
    expect((await officer.post(`/api/equipment/${elsewhere.id}/inspections`, inspection())).statusCode).toBe(404);
    expect((await (await officerIn('320826', ['inspector'])).post(`/api/equipment/${unit.id}/inspections`, inspection())).statusCode).toBe(403);

    // A fail: the unit is flagged failed in use, its due date stays.
    const failed = (await officer.post(`/api/equipment/${unit.id}/inspections`, inspection({ inspectedOn: today, conclusion: 'fail' }))).json();
    expect(failed).toMatchObject({ conclusion: 'fail', failedInUse: true, nextInspectionDue: addMonths(addDays(today, -1), 12) });

    const list = (await officer.get(`/api/equipment/${unit.id}/inspections`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { conclusion: string }) => i.conclusion)).toEqual(['fail', 'pass']);
    expect((await officer.get(`/api/equipment/${elsewhere.id}/inspections`)).statusCode).toBe(404);
  });

  it('the user enterprise’s account reads its unit’s inspections and due list, not another’s, and records none', async () => {
    const mine = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, -3) });
    const theirs = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, -3) });
    const account = await accountOf(mine.userUscc);
    expect((await account.get(`/api/equipment/${mine.id}/inspections`)).statusCode).toBe(200);
    expect((await account.get(`/api/equipment/${theirs.id}/inspections`)).statusCode).toBe(404);
    expect((await account.post(`/api/equipment/${mine.id}/inspections`, inspection())).statusCode).toBe(403);
    const due = (await account.get('/api/equipment/due')).json();
    expect(due).toMatchObject({ total: 1, items: [{ id: mine.id, overdue: true }] });
    expect((await account.get('/api/equipment-stats/overview')).statusCode).toBe(403);
    expect((await account.get('/api/equipment-due-rules')).statusCode).toBe(403);
  });
});

describe('GET /api/equipment/due', () => {
  it('answers the county officer’s units due within 30 days as Equipment JSON, overdue first, paged', async () => {
    const region = '320831';
    const a = await makeUnit(env, { regionCode: region, nextInspectionDue: addDays(today, -30) });
    const b = await makeUnit(env, { regionCode: region, nextInspectionDue: addDays(today, 29) });
    await makeUnit(env, { regionCode: '320830', nextInspectionDue: addDays(today, -30) });
    const officer = await officerIn(region);
    const res = await officer.get('/api/equipment/due?pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.every((u: { regionCode: string }) => u.regionCode === region)).toBe(true);
    const ids = body.items.map((u: { id: string }) => u.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(body.items.find((u: { id: string }) => u.id === a.id)).toEqual(
      expect.objectContaining({ id: a.id, category: '3000', subcategory: null, equipmentCode: a.equipmentCode, registrationNo: a.registrationNo, userUscc: a.userUscc, userName: expect.any(String), regionCode: region, address: a.address, keyUnitKind: null, safetyGrade: null, putIntoServiceOn: a.putIntoServiceOn, status: 'in_use', lastInspectedOn: null, lastConclusion: null, nextInspectionDue: a.nextInspectionDue, overdue: true, failedInUse: false }),
    );
    const first = (await officer.get('/api/equipment/due?pageSize=1')).json();
    expect(first.total).toBe(body.total);
    expect(first.items).toHaveLength(1);
    expect((await officer.get('/api/equipment/due?within=-1')).statusCode).toBe(400);
    expect((await officer.get('/api/equipment/due?regionCode=320830')).json()).toEqual({ items: [], total: 0 });
  });
});

describe('/api/equipment-due-rules', () => {
  it('officers read the defaults; only equipment.configure changes them (If-Match, validated)', async () => {
    const officer = await officerIn('320826');
    const list = (await officer.get('/api/equipment-due-rules')).json();
    expect(list.items).toEqual(expect.arrayContaining([expect.objectContaining({ category: '3000', subcategory: null, kind: null, safetyGrade: null, basis: 'periodic', intervalMonths: 12 })]));
    expect((await officer.post('/api/equipment-due-rules', { category: '3000', subcategory: '3400', intervalMonths: 6 })).statusCode).toBe(403);

    const admin = await env.loginAdmin();
    const created = await admin.post('/api/equipment-due-rules', { category: '3000', subcategory: '3400', intervalMonths: 6, note: '测试' });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(created.headers.etag).toBe(`"${rule.version}"`);
    expect((await admin.post('/api/equipment-due-rules', { category: '3000', subcategory: '3400', intervalMonths: 8 })).statusCode).toBe(409);
    expect((await admin.post('/api/equipment-due-rules', { category: '3000', intervalMonths: 300 })).statusCode).toBe(400);
    expect((await admin.patch(`/api/equipment-due-rules/${rule.id}`, { intervalMonths: 9 }, { 'if-match': '"999"' })).statusCode).toBe(412);
    const patched = await admin.patch(`/api/equipment-due-rules/${rule.id}`, { intervalMonths: 9 }, { 'if-match': `"${rule.version}"` });
    expect(patched.json()).toMatchObject({ intervalMonths: 9, version: rule.version + 1 });
    expect((await admin.delete(`/api/equipment-due-rules/${rule.id}`, { 'if-match': `"${rule.version}"` })).statusCode).toBe(412);
    expect((await admin.delete(`/api/equipment-due-rules/${rule.id}`, { 'if-match': `"${rule.version + 1}"` })).statusCode).toBe(204);
    expect((await admin.delete(`/api/equipment-due-rules/${rule.id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/equipment-stats/overview', () => {
  it('answers the figures in the reader’s scope', async () => {
    const officer = await officerIn('320804');
    await makeUnit(env, { regionCode: '320804', category: '5000', nextInspectionDue: addDays(today, -2) });
    const res = await officer.get('/api/equipment-stats/overview');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body.units.byRegion)).toEqual(['320804']);
    expect(body.units.byCategory['5000']).toBeGreaterThanOrEqual(1);
    expect(body.overdue).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ selfCorrectionTarget: 0.9, inspections: { total: expect.any(Number) } });
    expect((await officer.get('/api/equipment-stats/overview?year=1999')).statusCode).toBe(400);
  });
});
