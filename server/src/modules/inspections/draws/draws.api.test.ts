import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise, setCreditClass } from '../../enterprises/testing.js';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { type RecordJson, makeItem, CURRENT_YEAR } from '../testing.js';

const env = useTestEnv();
describe('draw ceremony API', () => {
  it('plans over a pool, commits, reveals a record anyone can replay, and refuses to redraw', async () => {
    const tag = `集群${Date.now()}`;
    const usccs: string[] = [];
    for (const creditClass of ['A', 'B', 'C', 'D', null] as const) {
      for (let i = 0; i < 4; i++) {
        const e = await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
        await setCreditClass(env, e.id, creditClass);
        usccs.push(e.uscc);
      }
    }
    // Three inspectors of the county; one declared a conflict with every enterprise of the pool.
    const inspectors = [];
    for (let i = 0; i < 3; i++) {
      const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
      await env.services.inspectors.put(env.ctx, user.id, { certificateNo: `苏执${Date.now()}${i}`, conflicts: i === 0 ? usccs : [] });
      inspectors.push(user.id);
    }
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const item = await makeItem(env);
    const pool = await officer.post('/api/object-pools', { name: '集群企业', filter: { tag } });
    expect(pool.statusCode).toBe(201);
    expect(pool.json()).toMatchObject({ regionCode: '320826', size: 20 });

    const plan = await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 年集群企业抽查`, year: CURRENT_YEAR, itemId: item.id, poolId: pool.json().id, quarters: [4], mode: 'ratio', ratios: { A: 25, B: 50, C: 50, D: 100 } });
    expect(plan.statusCode).toBe(201);
    const preview = (await officer.get(`/api/inspection-plans/${plan.json().id}/preview`)).json();
    expect(preview.items).toEqual([
      { name: 'A', n: 4, k: 1 },
      { name: 'B', n: 4, k: 2 },
      { name: 'C', n: 4, k: 2 },
      { name: 'D', n: 4, k: 4 },
      { name: '未分类', n: 4, k: 2 },
    ]);

    const committed = await officer.post(`/api/inspection-plans/${plan.json().id}/draws`);
    expect(committed.statusCode).toBe(201);
    const draw = committed.json();
    expect(draw).toMatchObject({ status: 'committed', version: 'zhijian-draw/2', commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(draw.secret).toBeUndefined();
    expect((await officer.post(`/api/inspection-plans/${plan.json().id}/draws`)).json().error.code).toBe('DRAW_PENDING');

    const revealed = await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '见证人：张三 0417' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toMatchObject({ status: 'revealed', witnessInput: '见证人：张三 0417', candidatesHash: draw.candidatesHash, commitment: draw.commitment, selectedCount: 11 });

    // Public, final: the same record for anyone, which replays; no redraw, no cancel.
    const anyone = env.client({});
    const record = (await anyone.get(`/api/public/draws/${draw.id}`)).json() as RecordJson;
    expect(record.strata.map((s) => s.selected!.length).sort()).toEqual([1, 2, 2, 2, 4]);
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true });
    expect(record.assignments).toHaveLength(11);
    for (const a of record.assignments!) {
      expect(a.excluded).toContainEqual({ inspector: inspectors[0], rule: 'conflict' });
      expect([...a.selected].sort()).toEqual([inspectors[1], inspectors[2]].sort());
    }
    expect((await anyone.get(`/api/public/draws?year=${CURRENT_YEAR}`)).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: draw.id, planName: `${CURRENT_YEAR} 年集群企业抽查`, status: 'revealed' })]));
    expect((await officer.post(`/api/draws/${draw.id}/reveal`, {})).json().error.code).toBe('DRAW_NOT_COMMITTED');
    expect((await officer.post(`/api/draws/${draw.id}/cancel`, { reason: '重抽' })).json().error.code).toBe('DRAW_NOT_COMMITTED');
  });

  it('keeps a cancelled draw visible with its reason, and a county to its own plans', async () => {
    await makeEnterprise(env, { regionCode: '320830' });
    const xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const item = await makeItem(env);
    const pool = (await xuyi.post('/api/object-pools', { name: '全县企业', filter: {} })).json();
    const plan = (await xuyi.post('/api/inspection-plans', { name: '盱眙全覆盖', year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [3, 4], mode: 'all' })).json();

    expect((await lianshui.get(`/api/object-pools/${pool.id}`)).statusCode).toBe(404);
    expect((await lianshui.post('/api/inspection-plans', { name: 'x', year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'all' })).statusCode).toBe(404);
    expect((await lianshui.post(`/api/inspection-plans/${plan.id}/draws`)).statusCode).toBe(404);
    expect((await lianshui.get('/api/inspection-plans')).json().items.some((p: { id: string }) => p.id === plan.id)).toBe(false);

    const draw = (await xuyi.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    expect((await lianshui.post(`/api/draws/${draw.id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    const cancelled = await xuyi.post(`/api/draws/${draw.id}/cancel`, { reason: '名录库有误，重新制定' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '名录库有误，重新制定' });
    expect((await env.client({}).get(`/api/public/draws/${draw.id}`)).json()).toMatchObject({ status: 'cancelled', cancelReason: '名录库有误，重新制定' });
    expect((await xuyi.post(`/api/draws/${draw.id}/reveal`, {})).json().error.code).toBe('DRAW_NOT_COMMITTED');
  });
});
