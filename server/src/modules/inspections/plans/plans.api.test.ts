import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeItem } from '../testing.js';

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
    const plan = (await xuyi.post('/api/inspection-plans', { name: '园区抽查', year: 2026, itemId: item.id, poolId: pool.id, quarters: [2], mode: 'all' })).json();
    const draw = (await xuyi.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    expect(draw.strata.flatMap((s: { candidates: string[] }) => s.candidates)).toEqual([inXuyi.uscc]);

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
});
