import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { auditRecordOf, makeItem } from '../testing.js';
import { pastQuarters } from './plans.service.js';

const env = useTestEnv();

describe('plans and pools: data scope', () => {
  it('lets a county plan over its own objects only, and the city see every plan', async () => {
    const tag = `园区${Date.now()}`;
    const inXuyi = await makeEnterprise(env, { regionCode: '320830', tags: [tag] });
    await makeEnterprise(env, { regionCode: '320826', tags: [tag] }); // same tag, another county
    const xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const city = await env.login((await env.makeUser({ roles: ['city_officer'], regionCode: '320800' })).username);
    const item = await makeItem(env);

    // A county's pool holds its own enterprises only, and cannot be defined for another county.
    const pool = (await xuyi.post('/api/object-pools', { name: '园区企业', filter: { tag } })).json();
    expect(pool).toMatchObject({ regionCode: '320830', size: 1 });
    expect((await xuyi.post('/api/object-pools', { name: '越界', filter: { tag }, regionCode: '320826' })).statusCode).toBe(403);
    const plan = (await xuyi.post('/api/inspection-plans', { name: '园区抽查', year: Number(todayInChina().slice(0, 4)), itemId: item.id, poolId: pool.id, quarters: [4], mode: 'all' })).json();
    const draw = (await xuyi.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    expect((await auditRecordOf(env, draw.id)).strata.flatMap((s) => s.keys!)).toEqual([inXuyi.uscc]);

    // Another county sees none of it; the city sees it all.
    expect((await lianshui.get(`/api/inspection-plans/${plan.id}`)).statusCode).toBe(404);
    expect((await lianshui.get(`/api/inspection-plans/${plan.id}/draws`)).statusCode).toBe(404);
    expect((await lianshui.get('/api/object-pools')).json().items.some((p: { id: string }) => p.id === pool.id)).toBe(false);
    expect((await city.get(`/api/inspection-plans/${plan.id}`)).json()).toMatchObject({ id: plan.id, regionCode: '320830' });
    expect((await city.get('/api/object-pools')).json().items.some((p: { id: string }) => p.id === pool.id)).toBe(true);
    expect((await city.get(`/api/inspection-plans/${plan.id}/draws`)).json().items).toEqual([expect.objectContaining({ id: draw.id, status: 'committed' })]);
    // A city-wide pool holds every county's enterprises.
    expect((await city.post('/api/object-pools', { name: '全市园区企业', filter: { tag } })).json()).toMatchObject({ regionCode: '320800', size: 2 });
  });

  it('plans enterprise and licence items over an enterprise pool, and refuses equipment and standard items with TARGET_KIND_MISMATCH', async () => {
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const pool = (await officer.post('/api/object-pools', { name: '全县企业', filter: {} })).json();
    const year = Number(todayInChina().slice(0, 4));
    for (const [targetKind, status] of [['enterprise', 201], ['licence', 201], ['equipment', 400], ['standard_declaration', 400]] as const) {
      const item = await makeItem(env);
      await env.services.inspectionItems.update(env.ctx, item.id, { targetKind });
      const res = await officer.post('/api/inspection-plans', { name: `${targetKind} 抽查`, year, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'all' });
      expect(res.statusCode, targetKind).toBe(status);
      if (status === 400) expect(res.json().error).toMatchObject({ code: 'TARGET_KIND_MISMATCH', details: { field: 'itemId', itemKind: targetKind, poolKind: 'enterprise' } });
    }
  });

  it('refuses a plan whose quarters have all ended unless a reason is given, then keeps and audits the reason', async () => {
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const item = await makeItem(env);
    const pool = (await officer.post('/api/object-pools', { name: '补录对象', filter: {} })).json();
    const lastYear = Number(todayInChina().slice(0, 4)) - 1;
    const input = { name: '上年度补录计划', year: lastYear, itemId: item.id, poolId: pool.id, quarters: [3, 4], mode: 'all' };

    const refused = await officer.post('/api/inspection-plans', input);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_IN_PAST', details: { field: 'pastPeriodReason', year: lastYear, pastQuarters: [3, 4], lastDueOn: `${lastYear}-12-31` } });
    expect(refused.json().error.message).toContain('已结束');
    expect((await officer.post('/api/inspection-plans', { ...input, pastPeriodReason: '   ' })).json().error.code).toBe('PLAN_IN_PAST');
    // The template route goes through the same check.
    expect((await officer.post('/api/inspection-plan-templates/metrology_yearly/apply', { year: lastYear, itemId: item.id, licenceType: 'metrology_standard' })).json().error.code).toBe('PLAN_IN_PAST');
    expect((await officer.get('/api/inspection-plans')).json().items.some((p: { name: string }) => p.name === input.name)).toBe(false);

    const made = await officer.post('/api/inspection-plans', { ...input, pastPeriodReason: '上年度第四季度已现场检查，补录计划以便公示' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ year: lastYear, pastPeriodReason: '上年度第四季度已现场检查，补录计划以便公示' });
    const admin = await env.loginAdmin();
    const audit = (await admin.get(`/api/audit?target=${made.json().id}&action=inspection_plan.created`)).json();
    expect(JSON.stringify(audit.items[0])).toContain('上年度第四季度已现场检查，补录计划以便公示');
  });

  it('takes a plan with some quarters still to come without a reason (its tasks are due at the end of the last)', async () => {
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const item = await makeItem(env);
    const pool = (await officer.post('/api/object-pools', { name: '全年对象', filter: {} })).json();
    const year = Number(todayInChina().slice(0, 4));
    const made = await officer.post('/api/inspection-plans', { name: '全年计划', year, itemId: item.id, poolId: pool.id, quarters: [1, 2, 3, 4], mode: 'all', pastPeriodReason: '无须' });
    expect(made.statusCode).toBe(201);
    expect(made.json().pastPeriodReason).toBeNull();
  });
});

describe('past quarters', () => {
  it('counts a quarter as past from the day after its last day', () => {
    expect(pastQuarters(2026, [1, 2], '2026-06-30')).toEqual({ past: [1], allPast: false });
    expect(pastQuarters(2026, [1, 2], '2026-07-01')).toEqual({ past: [1, 2], allPast: true });
    expect(pastQuarters(2026, [4], '2026-12-31')).toEqual({ past: [], allPast: false });
    expect(pastQuarters(2026, [4], '2027-01-01')).toEqual({ past: [4], allPast: true });
  });
});
