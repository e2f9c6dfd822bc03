import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { CURRENT_YEAR, type RecordJson, auditRecordOf, makeItem, publicRecordOf } from '../../inspections/testing.js';
import { makeUnit } from '../testing.js';
import { equipmentUserTiers } from '../tiers/tiers.schema.js';

/**
 * Issue 16: object pools of special-equipment units and of their user units — filters, the fit
 * table, tiers as strata with key units in a stratum of their own, a zhijian-draw/2 draw the
 * verifier accepts, tasks whose object is the unit and whose enterprise is its user unit.
 */
const env = useTestEnv();

async function setTier(uscc: string, regionCode: string, tier: 'A' | 'B' | 'C' | 'D') {
  await env.db.insert(equipmentUserTiers).values({ userUscc: uscc, regionCode, tier, score: 0, modelVersion: 1, reasons: [] }).onConflictDoUpdate({ target: equipmentUserTiers.userUscc, set: { tier } });
}

export async function itemNamed(name: string): Promise<string> {
  const { rows } = (await env.db.execute(sql`select id from inspection_items where name = ${name}`)) as unknown as { rows: { id: string }[] };
  return rows[0]!.id;
}

/** In `region`: D-tier user with 2 elevators, A-tier user with 3 elevators and a boiler at a school, an untiered user with an overdue elevator, and a scrapped unit. */
async function register(region: string) {
  const d = await makeEnterprise(env, { regionCode: region });
  const a = await makeEnterprise(env, { regionCode: region });
  const u = await makeEnterprise(env, { regionCode: region });
  await setTier(d.uscc, region, 'D');
  await setTier(a.uscc, region, 'A');
  const dUnits = [await makeUnit(env, { regionCode: region, userUscc: d.uscc }), await makeUnit(env, { regionCode: region, userUscc: d.uscc })];
  const aUnits = [await makeUnit(env, { regionCode: region, userUscc: a.uscc }), await makeUnit(env, { regionCode: region, userUscc: a.uscc }), await makeUnit(env, { regionCode: region, userUscc: a.uscc })];
  const boiler = await makeUnit(env, { regionCode: region, userUscc: a.uscc, category: '1000', keyUnitKind: 'school' });
  const overdue = await makeUnit(env, { regionCode: region, userUscc: u.uscc, nextInspectionDue: addDays(todayInChina(), -1) });
  const dueToday = await makeUnit(env, { regionCode: region, userUscc: u.uscc, nextInspectionDue: todayInChina() });
  const scrapped = await makeUnit(env, { regionCode: region, userUscc: (await makeEnterprise(env, { regionCode: region })).uscc, status: 'scrapped' });
  return { d, a, u, dUnits, aUnits, boiler, overdue, dueToday, scrapped };
}

async function inspectors(region: string) {
  for (let i = 0; i < 3; i++) {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: region });
    await env.services.inspectors.put(env.ctx, user.id, { certificateNo: `苏执特设${Date.now()}${i}${region}` });
  }
}

describe('object pools of special-equipment units and user units', () => {
  it('creates pools of units and user units with their filters (overdue after the due day, not on it), refuses another kind’s filter keys', async () => {
    const region = '320831';
    const r = await register(region);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: region })).username);
    const pool = async (targetKind: string | undefined, filter: Record<string, unknown>) => officer.post('/api/object-pools', { name: `特种设备 ${JSON.stringify(filter)}`, ...(targetKind ? { targetKind } : {}), filter });

    const all = await pool('equipment', {});
    expect(all.statusCode, all.body).toBe(201);
    expect(all.json()).toMatchObject({ targetKind: 'equipment', size: 9 });
    expect((await pool('equipment', { category: '3000' })).json().size).toBe(8); // the scrapped elevator too
    expect((await pool('equipment', { category: '1000', keyUnitKind: 'school' })).json().size).toBe(1);
    expect((await pool('equipment', { overdue: true })).json().size).toBe(1);
    expect((await pool('equipment', { overdue: false, status: 'in_use' })).json().size).toBe(7);
    expect((await pool('equipment', { tier: 'A' })).json().size).toBe(4);
    expect((await pool('equipment', { status: 'scrapped' })).json().size).toBe(1);
    const users = await pool('equipment_user', {});
    expect(users.json()).toMatchObject({ targetKind: 'equipment_user', size: 3 }); // the scrapped unit's user has no live unit
    expect((await pool('equipment_user', { keyUnitKind: 'school' })).json().size).toBe(1);
    expect((await pool('equipment_user', { tier: 'D' })).json().size).toBe(1);
    // The default is a pool of enterprises, as before.
    expect((await pool(undefined, {})).json().targetKind).toBe('enterprise');

    for (const [kind, filter] of [
      ['equipment', { creditClass: 'A' }],
      ['equipment_user', { category: '3000' }],
      ['equipment_user', { overdue: true }],
      ['enterprise', { tier: 'A' }],
      ['equipment', { category: '9999' }],
      ['equipment', { keyUnitKind: 'castle' }],
      ['equipment', { regionCode: '320830' }],
    ] as const) {
      const res = await pool(kind, filter);
      expect(res.statusCode, `${kind} ${JSON.stringify(filter)}`).toBe(400);
    }
    expect((await pool('licence', {})).statusCode).toBe(400);
    void r;
  });

  it('fits equipment items to unit pools and enterprise items to enterprise or user-unit pools (400 TARGET_KIND_MISMATCH otherwise)', async () => {
    const region = '320830';
    await register(region);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: region })).username);
    const units = (await officer.post('/api/object-pools', { name: '设备', targetKind: 'equipment', filter: {} })).json();
    const users = (await officer.post('/api/object-pools', { name: '使用单位', targetKind: 'equipment_user', filter: {} })).json();
    const firms = (await officer.post('/api/object-pools', { name: '企业', filter: {} })).json();
    const equipmentItem = await itemNamed('特种设备使用安全监督检查（设备）');
    const userItem = await itemNamed('特种设备使用单位安全监督检查');
    const enterpriseItem = (await makeItem(env)).id;
    const plan = (itemId: string, poolId: string) => officer.post('/api/inspection-plans', { name: `特设 ${itemId} ${poolId}`, year: CURRENT_YEAR, itemId, poolId, quarters: [4], mode: 'all' });
    expect((await plan(equipmentItem, units.id)).statusCode).toBe(201);
    expect((await plan(userItem, users.id)).statusCode).toBe(201);
    expect((await plan(enterpriseItem, users.id)).statusCode).toBe(201);
    for (const [itemId, poolId] of [
      [enterpriseItem, units.id],
      [equipmentItem, users.id],
      [equipmentItem, firms.id],
    ]) {
      const res = await plan(itemId!, poolId);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('TARGET_KIND_MISMATCH');
    }
    // A task without a draw checks an enterprise by its USCC: not with an item of units.
    const firm = await makeEnterprise(env, { regionCode: region });
    const manual = await officer.post('/api/inspection-tasks', { itemId: equipmentItem, uscc: firm.uscc, origin: 'targeted', originNote: '专项检查', inspectorIds: [firm.id, units.id] });
    expect(manual.statusCode, manual.body).toBe(400);
    expect(manual.json().error.code).toBe('TARGET_KIND_MISMATCH');
  });

  it('draws by tier with key units in a stratum of their own; the record verifies; tasks are the units’, addressed to their user units', async () => {
    const region = '320813';
    const r = await register(region);
    await inspectors(region);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: region })).username);
    const pool = (await officer.post('/api/object-pools', { name: '在用设备', targetKind: 'equipment', filter: { status: 'in_use' } })).json();
    const itemId = await itemNamed('特种设备使用安全监督检查（设备）');
    const planRes = await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 特种设备双随机 ${region}`, year: CURRENT_YEAR, itemId, poolId: pool.id, quarters: [4], mode: 'ratio', ratios: { A: 0, B: 0, C: 0, D: 100, key: 100 } });
    expect(planRes.statusCode, planRes.body).toBe(201);
    const plan = planRes.json();
    expect(plan.ratios).toEqual({ A: 0, B: 0, C: 0, D: 100, key: 100 });
    const preview = (await officer.get(`/api/inspection-plans/${plan.id}/preview`)).json();
    expect(preview.items).toEqual([
      { name: 'A', n: 3, k: 0 },
      { name: 'B', n: 0, k: 0 },
      { name: 'C', n: 0, k: 0 },
      { name: 'D', n: 2, k: 2 },
      { name: '未分类', n: 2, k: 0 },
      { name: '重点单位', n: 1, k: 1 },
    ]);

    const committed = await officer.post(`/api/inspection-plans/${plan.id}/draws`);
    expect(committed.statusCode, committed.body).toBe(201);
    const draw = committed.json();
    expect(draw.version).toBe('zhijian-draw/2');
    expect((await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '特种设备 见证' })).statusCode).toBe(200);

    const record = await publicRecordOf(env, draw.id);
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    const selected = record.openings!.map((o) => o.key).sort();
    expect(selected).toEqual([...r.dUnits.map((u) => u.equipmentCode), r.boiler.equipmentCode].sort());
    expect(record.objects!.find((o) => o.key === r.boiler.equipmentCode)!.name).toBe(`${r.a.name}（${r.boiler.equipmentCode}）`);
    const audit: RecordJson = await auditRecordOf(env, draw.id);
    expect(await verifyDrawRecord(audit, { statement: draw.commitStatement })).toMatchObject({ ok: true, audit: true });
    expect(Object.values(audit.labels!).sort()).toEqual(['A', 'D', '未分类', '重点单位'].sort());

    const tasks = (await officer.get(`/api/inspection-tasks?drawId=${draw.id}&pageSize=50`)).json();
    expect(tasks.total).toBe(3);
    const byKey = new Map(tasks.items.map((t: { objectKey: string; enterpriseName: string; regionCode: string }) => [t.objectKey, t]));
    expect(byKey.get(r.boiler.equipmentCode)).toMatchObject({ enterpriseName: r.a.name, regionCode: region });
    expect(byKey.get(r.dUnits[0]!.equipmentCode)).toMatchObject({ enterpriseName: r.d.name });
    // The tasks of one user unit, by its USCC (not the object key).
    expect((await officer.get(`/api/inspection-tasks?uscc=${r.d.uscc}&pageSize=50`)).json().total).toBe(2);
  });
});
