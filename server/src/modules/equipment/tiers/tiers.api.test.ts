import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeUnit } from '../testing.js';
import { TIER_MODEL_V1 } from './tier-model.js';

/**
 * Issue 16, tiers over the API: a user unit's tier with its reasons for officers in scope and the
 * enterprise's own account (another enterprise's 404), recomputation, and model versions
 * (equipment.configure).
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
const today = todayInChina();
let seq = 0;

async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.tiers.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}
const staff = async (role: string, regionCode: string) => env.login((await env.makeUser({ roles: [role], regionCode })).username);

describe('a user unit tier', () => {
  it('shows tier, score, model version and every reason; the enterprise its own only; another county 404', async () => {
    const unit = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, -1) });
    const other = await makeUnit(env, { regionCode: '320826' });
    const officer = await staff('county_officer', '320826');
    const res = await officer.get(`/api/equipment-users/${unit.userUscc}/tier`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ userUscc: unit.userUscc, tier: 'A', score: 6.5, modelVersion: 1 });
    expect(res.json().reasons.map((r: { factor: string }) => r.factor)).toEqual(['category_risk', 'unit_count', 'aged_units', 'overdue_units', 'failed_in_use', 'open_hazards', 'accidents', 'complaints', 'self_correction']);
    expect(res.json().reasons.find((r: { factor: string }) => r.factor === 'overdue_units')).toMatchObject({ points: 3, records: [{ type: 'equipment', id: unit.id }] });
    // The complaints factor is connected (app.ts passes the complaints module's counts): none for this user.
    expect(res.json().reasons.find((r: { factor: string }) => r.factor === 'complaints')).toMatchObject({ points: 0, detail: '近 12 个月被投诉举报且经核查属实 0 件，每件 2 分，最多 10 分' });

    const ent = await accountOf(unit.userUscc);
    expect((await ent.get(`/api/equipment-users/${unit.userUscc}/tier`)).json().score).toBe(6.5);
    expect((await ent.get(`/api/equipment-users/${other.userUscc}/tier`)).statusCode).toBe(404);
    expect((await ent.post(`/api/equipment-users/${unit.userUscc}/tier/recompute`)).statusCode).toBe(403);
    expect((await (await staff('county_officer', '320812')).get(`/api/equipment-users/${unit.userUscc}/tier`)).statusCode).toBe(404);

    // A hazard recorded by staff moves the score at once; recompute answers the same.
    await officer.post('/api/equipment-hazards', { equipmentId: unit.id, source: 'supervision', foundOn: today, description: '制动器异常', level: 'major', correctionDueOn: addDays(today, 5) });
    expect((await ent.get(`/api/equipment-users/${unit.userUscc}/tier`)).json().score).toBe(12.5);
    const again = await officer.post(`/api/equipment-users/${unit.userUscc}/tier/recompute`);
    expect(again.json()).toMatchObject({ score: 12.5, tier: 'B' });
  });
});

describe('tier models', () => {
  it('lists versions; a new one needs equipment.configure, a checked configuration and a date not in the past', async () => {
    const admin = await env.loginAdmin();
    const officer = await staff('county_officer', '320826');
    const models = (await officer.get('/api/equipment-tier-models')).json();
    expect(models.currentVersion).toBe(1);
    expect(models.items.at(-1)).toMatchObject({ version: 1, effectiveFrom: '2000-01-01', config: TIER_MODEL_V1 });
    const body = { effectiveFrom: addDays(today, 30), config: { ...TIER_MODEL_V1, overdue: { points: 4, max: 20 } }, note: '超期未检加重' };
    expect((await officer.post('/api/equipment-tier-models', body)).statusCode).toBe(403);
    expect((await admin.post('/api/equipment-tier-models', { ...body, config: { ...body.config, extra: 1 } })).statusCode).toBe(400);
    const badBounds = await admin.post('/api/equipment-tier-models', { ...body, config: { ...body.config, tierBounds: { B: 30, C: 20, D: 40 } } });
    expect(badBounds.statusCode).toBe(400);
    expect(badBounds.json().error.details.field).toBe('config.tierBounds');
    expect((await admin.post('/api/equipment-tier-models', { ...body, effectiveFrom: addDays(today, -1) })).json().error.code).toBe('INVALID_DATE');
    const created = await admin.post('/api/equipment-tier-models', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, effectiveFrom: body.effectiveFrom, note: '超期未检加重' });
    const after = (await officer.get('/api/equipment-tier-models')).json();
    expect(after.items.map((m: { version: number }) => m.version)).toEqual([2, 1]);
    expect(after.currentVersion).toBe(1);
  });
});
