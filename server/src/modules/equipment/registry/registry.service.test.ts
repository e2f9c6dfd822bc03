import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../testing.js';
import { equipmentCategories, equipmentEvents } from './registry.schema.js';
import { canTransition } from './states.js';
import { findUnit } from './unit-reads.js';

const env = useServiceEnv();
const registry = () => env.services.equipment.registry;
let seq = 0;
const code = () => `S${Date.now().toString(36).toUpperCase()}${(seq++).toString().padStart(3, '0')}`;

async function officerIn(regionCode: string) {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return { actor: (await env.services.users.loadActor(user.id))! };
}

const elevator = async (over: Record<string, unknown> = {}) => {
  const e = await makeEnterprise(env);
  return { category: '3000', subcategory: '3100', equipmentCode: code(), registrationNo: `梯11320826${code()}`, userUscc: e.uscc, regionCode: '320826', address: '涟水县安东路1号', putIntoServiceOn: '2019-05-01', ...over };
};

afterEach(() => vi.useRealTimers());

describe('the category dictionary', () => {
  it('is preloaded with the ten top categories and their main subcategories, operators per top category', async () => {
    const { items } = await registry().categories.list();
    const top = items.filter((c) => c.parentCode === null).map((c) => `${c.code} ${c.name}`);
    expect(top).toEqual(['1000 锅炉', '2000 压力容器', '3000 电梯', '4000 起重机械', '5000 场（厂）内专用机动车辆', '6000 大型游乐设施', '7000 压力管道元件', '8000 压力管道', '9000 客运索道', 'F000 安全附件']);
    const byCode = new Map(items.map((c) => [c.code, c]));
    expect(items.filter((c) => c.parentCode === '6000')).toHaveLength(13);
    expect(byCode.get('4D00')).toMatchObject({ parentCode: '4000', name: '机械式停车设备' });
    expect(byCode.get('1000')).toMatchObject({ needsOperator: true, operatorWorkItems: ['G1', 'G2', 'G3'] });
    expect(byCode.get('4000')).toMatchObject({ needsOperator: true, operatorWorkItems: ['Q1', 'Q2'] });
    expect(byCode.get('3000')).toMatchObject({ needsOperator: false, operatorWorkItems: [] });
    expect(byCode.get('9000')?.operatorWorkItems).toEqual(['S2']);
  });

  it('takes new entries and renames (audited); a subcategory must sit under a top category; work items must exist', async () => {
    const created = await registry().categories.create(env.ctx, { code: '3Z00', parentCode: '3000', name: '测试电梯品种' });
    expect(created).toMatchObject({ code: '3Z00', parentCode: '3000', builtin: false, version: 1 });
    await expect(registry().categories.create(env.ctx, { code: '3Z00', name: 'x' })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    await expect(registry().categories.create(env.ctx, { code: '3Z01', parentCode: '3100', name: 'x' })).rejects.toMatchObject({ code: 'CATEGORY_UNKNOWN' });
    await expect(registry().categories.create(env.ctx, { code: '3z02', name: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(registry().categories.update(env.ctx, '3000', { operatorWorkItems: ['NOPE'] })).rejects.toMatchObject({ code: 'WORK_ITEM_UNKNOWN' });
    const renamed = await registry().categories.update(env.ctx, '3Z00', { name: '测试电梯品种（改）' }, [1]);
    expect(renamed).toMatchObject({ name: '测试电梯品种（改）', version: 2 });
    await expect(registry().categories.update(env.ctx, '3Z00', { name: 'y' }, [1])).rejects.toMatchObject({ status: 412 });
    await env.db.delete(equipmentCategories).where(eq(equipmentCategories.code, '3Z00'));
  });
});

describe('registering a unit', () => {
  it('answers the Equipment JSON with the user name from the register and writes a registered event', async () => {
    const input = await elevator({ manufacturer: '某电梯有限公司', model: 'TKJ1000', factoryNo: 'F001', keyUnitKind: 'school' });
    const unit = await registry().create(env.ctx, input);
    expect(unit).toMatchObject({ category: '3000', subcategory: '3100', equipmentCode: input.equipmentCode, status: 'in_use', keyUnitKind: 'school', safetyGrade: null, overdue: false, failedInUse: false, version: 1, manufacturer: '某电梯有限公司' });
    expect(unit.userName).toMatch(/^测试企业\d+有限公司$/);
    const events = await env.db.select().from(equipmentEvents).where(eq(equipmentEvents.equipmentId, unit.id));
    expect(events).toEqual([expect.objectContaining({ kind: 'registered', toStatus: 'in_use' })]);
  });

  it('refuses bad codes, duplicates, unknown users, categories out of the dictionary, grades outside pressure vessels, future dates', async () => {
    const base = await elevator();
    await registry().create(env.ctx, base);
    const cases: [Record<string, unknown>, string, number][] = [
      [{ equipmentCode: 'abc123' }, 'EQUIPMENT_CODE_FORMAT', 400],
      [{ equipmentCode: '' }, 'EQUIPMENT_CODE_FORMAT', 400],
      [{ equipmentCode: 'A'.repeat(33) }, 'EQUIPMENT_CODE_FORMAT', 400],
      [{ equipmentCode: '电梯1' }, 'EQUIPMENT_CODE_FORMAT', 400],
      [{ equipmentCode: base.equipmentCode, registrationNo: null }, 'DUPLICATE', 409],
      [{ registrationNo: base.registrationNo }, 'DUPLICATE', 409],
      [{ userUscc: '91320826MA1XXXXX0X' }, 'USER_UNKNOWN', 400],
      [{ category: '3100' }, 'CATEGORY_UNKNOWN', 400],
      [{ category: '9999' }, 'CATEGORY_UNKNOWN', 400],
      [{ subcategory: '4100' }, 'SUBCATEGORY_MISMATCH', 400],
      [{ safetyGrade: 2 }, 'SAFETY_GRADE', 400],
      [{ category: '2000', subcategory: '2100', safetyGrade: 6 }, 'SAFETY_GRADE', 400],
      [{ putIntoServiceOn: addDays(todayInChina(), 1) }, 'INVALID_DATE', 400],
      [{ regionCode: '110101' }, 'REGION_UNKNOWN', 400],
      [{ keyUnitKind: 'airport' }, 'KEY_UNIT_KIND_UNKNOWN', 400],
      [{ lastConclusion: 'pass' }, 'REQUIRED', 400],
    ];
    for (const [over, errorCode, status] of cases) {
      const input = { ...(await elevator()), ...over };
      await expect(registry().create(env.ctx, input as never), JSON.stringify(over)).rejects.toMatchObject({ code: errorCode, status });
    }
    const vessel = await registry().create(env.ctx, await elevator({ category: '2000', subcategory: '2100', safetyGrade: 3 }));
    expect(vessel.safetyGrade).toBe(3);
  });

  it('keeps a county officer to units in their county', async () => {
    const officer = await officerIn('320830');
    await expect(registry().create(officer, await elevator({ regionCode: '320826' }))).rejects.toMatchObject({ code: 'OUT_OF_SCOPE', status: 400 });
    const own = await registry().create(officer, await elevator({ regionCode: '320830' }));
    expect(own.regionCode).toBe('320830');
  });

  it('takes the inspection state of the certificate; a failed unit in use is flagged', async () => {
    const unit = await registry().create(env.ctx, await elevator({ lastInspectedOn: '2025-06-01', lastConclusion: 'fail', nextInspectionDue: '2099-06-01' }));
    expect(unit).toMatchObject({ lastConclusion: 'fail', failedInUse: true, overdue: false });
    const suspended = await registry().transition(env.ctx, unit.id, { to: 'suspended', reason: '不合格停用整改' });
    expect(suspended.failedInUse).toBe(false);
  });
});

describe('overdue', () => {
  it('is false on the due day itself and true the day after (China time)', async () => {
    const today = todayInChina();
    const dueToday = await makeUnit(env, { nextInspectionDue: today });
    const dueYesterday = await makeUnit(env, { nextInspectionDue: addDays(today, -1) });
    expect((await findUnit(env.db, null, dueToday.id)).overdue).toBe(false);
    expect((await findUnit(env.db, null, dueYesterday.id)).overdue).toBe(true);
    const suspended = await makeUnit(env, { nextInspectionDue: addDays(today, -1), status: 'suspended' });
    expect((await findUnit(env.db, null, suspended.id)).overdue).toBe(false);
  });

  it('across a year boundary: due 2026-12-31 is overdue from 2027-01-01 in China, while UTC still says 2026-12-31', async () => {
    const a = await makeUnit(env, { nextInspectionDue: '2026-12-31' });
    const b = await makeUnit(env, { nextInspectionDue: '2027-01-01' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-31T15:59:00Z')); // 23:59 on 2026-12-31 in China
    expect((await findUnit(env.db, null, a.id)).overdue).toBe(false);
    vi.setSystemTime(new Date('2026-12-31T16:30:00Z')); // 00:30 on 2027-01-01 in China
    expect((await findUnit(env.db, null, a.id)).overdue).toBe(true);
    expect((await findUnit(env.db, null, b.id)).overdue).toBe(false); // its due day
    const listed = await registry().list(env.admin, { userUscc: a.userUscc, overdue: true }, { page: 1, pageSize: 10 });
    expect(listed.items.map((u) => u.id)).toEqual([a.id]);
  });
});

describe('status transitions', () => {
  it('follow the state machine, with their reasons in the history; anything else is 409 INVALID_TRANSITION', async () => {
    expect(canTransition('in_use', 'deregistered')).toBe(false);
    expect(canTransition('deregistered', 'in_use')).toBe(false);
    const unit = await registry().create(env.ctx, await elevator());
    await expect(registry().transition(env.ctx, unit.id, { to: 'deregistered', reason: '直接注销' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    await expect(registry().transition(env.ctx, unit.id, { to: 'in_use', reason: '已在用' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await registry().transition(env.ctx, unit.id, { to: 'suspended', reason: '小区改造停用' })).status).toBe('suspended');
    expect((await registry().transition(env.ctx, unit.id, { to: 'in_use', reason: '改造完成' })).status).toBe('in_use');
    await expect(registry().transition(env.ctx, unit.id, { to: 'scrapped', reason: '报废' }, [2])).rejects.toMatchObject({ status: 412 });
    expect((await registry().transition(env.ctx, unit.id, { to: 'scrapped', reason: '达到设计使用年限' }, [3])).status).toBe('scrapped');
    await expect(registry().transition(env.ctx, unit.id, { to: 'in_use', reason: '恢复' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await registry().transition(env.ctx, unit.id, { to: 'deregistered', reason: '报废注销' })).status).toBe('deregistered');
    await expect(registry().transition(env.ctx, unit.id, { to: 'suspended', reason: 'x' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const { items } = await registry().history(env.admin, unit.id);
    expect(items.map((e) => [e.kind, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ['transition', 'scrapped', 'deregistered', '报废注销'],
      ['transition', 'in_use', 'scrapped', '达到设计使用年限'],
      ['transition', 'suspended', 'in_use', '改造完成'],
      ['transition', 'in_use', 'suspended', '小区改造停用'],
      ['registered', null, 'in_use', null],
    ]);
    const audit = await env.services.audit.list(env.db, env.admin, { action: 'equipment.transition', target: unit.id }, { page: 1, pageSize: 10 });
    expect(audit.total).toBe(4);
  });
});

describe('changing a unit', () => {
  it('records the changed fields before and after; the registration number stays unique', async () => {
    const a = await registry().create(env.ctx, await elevator());
    const b = await registry().create(env.ctx, await elevator());
    const changed = await registry().update(env.ctx, a.id, { address: '涟水县安东路2号', keyUnitKind: 'hospital', model: 'X1' }, [1]);
    expect(changed).toMatchObject({ address: '涟水县安东路2号', keyUnitKind: 'hospital', model: 'X1', version: 2 });
    const same = await registry().update(env.ctx, a.id, { address: '涟水县安东路2号' });
    expect(same.version).toBe(2);
    await expect(registry().update(env.ctx, a.id, { registrationNo: b.registrationNo })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    await expect(registry().update(env.ctx, a.id, { subcategory: '4100' })).rejects.toMatchObject({ code: 'SUBCATEGORY_MISMATCH' });
    const [event] = (await registry().history(env.admin, a.id)).items;
    expect(event).toMatchObject({ kind: 'changed', before: { address: '涟水县安东路1号', keyUnitKind: null, model: null }, after: { address: '涟水县安东路2号', keyUnitKind: 'hospital', model: 'X1' } });
  });

  it('is out of reach of another county (404), reads included', async () => {
    const unit = await registry().create(env.ctx, await elevator());
    const other = await officerIn('320830');
    await expect(registry().get(other.actor, unit.id)).rejects.toMatchObject({ status: 404 });
    await expect(registry().update(other, unit.id, { address: '外县改' })).rejects.toMatchObject({ status: 404 });
    await expect(registry().transition(other, unit.id, { to: 'suspended', reason: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(registry().history(other.actor, unit.id)).rejects.toMatchObject({ status: 404 });
    const mine = await officerIn('320826');
    expect((await registry().get(mine.actor, unit.id)).id).toBe(unit.id);
    const list = await registry().list(other.actor, { userUscc: unit.userUscc }, { page: 1, pageSize: 10 });
    expect(list).toEqual({ items: [], total: 0 });
  });
});
