import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise, setCreditClass } from '../../enterprises/testing.js';
import { blindWith } from '../draw/blinding.js';
import { CURRENT_YEAR, makeItem, publicRecordOf } from '../testing.js';

/**
 * Issue 15: `GET /api/my/draws` — an enterprise's account finds the `zhijian-draw/2` draws it was a
 * candidate in, with its own blinded id and nonce, which open in the published record
 * (blindWith(nonce, USCC) = blindedId); "selected" once revealed; never another enterprise's.
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;

async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.draws.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

/** Eight tagged enterprises in two classes, a plan drawing 1 of each class's 4, committed. */
async function committedDraw() {
  const tag = `我的抽取${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  const usccs: string[] = [];
  for (const creditClass of ['A', 'B'] as const) {
    for (let i = 0; i < 4; i++) {
      const e = await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
      await setCreditClass(env, e.id, creditClass);
      usccs.push(e.uscc);
    }
  }
  for (let i = 0; i < 3; i++) {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    await env.services.inspectors.put(env.ctx, user.id, { certificateNo: `苏执我的${Date.now()}${i}` });
  }
  const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  const item = await makeItem(env);
  const pool = (await officer.post('/api/object-pools', { name: '我的抽取', filter: { tag } })).json();
  const plan = (await officer.post('/api/inspection-plans', { name: `我的抽取 ${tag}`, year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'fixed', fixedCount: 2 })).json();
  const res = await officer.post(`/api/inspection-plans/${plan.id}/draws`);
  expect(res.statusCode, res.body).toBe(201);
  return { officer, draw: res.json(), plan, usccs, tag };
}

describe('GET /api/my/draws', () => {
  it('opens the enterprise’s own blinded id in a committed draw, then tells whether it was selected; staff 403; outsiders see nothing', async () => {
    const { officer, draw, plan, usccs, tag } = await committedDraw();
    const accounts = await Promise.all(usccs.map(accountOf));
    const outsider = await accountOf((await makeEnterprise(env, { regionCode: '320826' })).uscc);

    const committed = await publicRecordOf(env, draw.id);
    const published = new Set(committed.strata.flatMap((s) => s.candidates));
    const mine = [];
    for (const [i, account] of accounts.entries()) {
      const res = await account.get('/api/my/draws');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total).toBe(1);
      const [entry] = body.items;
      expect(entry).toMatchObject({ drawId: draw.id, planName: plan.name, status: 'committed', selected: false });
      // The enterprise opens its own id: it is among the published candidates.
      expect(blindWith(Buffer.from(entry.nonce, 'hex'), usccs[i]!)).toBe(entry.blindedId);
      expect(published.has(entry.blindedId)).toBe(true);
      mine.push(entry);
    }
    // Every enterprise gets its own, distinct id; none is given another's.
    expect(new Set(mine.map((e) => e.blindedId)).size).toBe(usccs.length);
    expect((await outsider.get('/api/my/draws')).json()).toEqual({ items: [], total: 0 });
    // Staff (even the administrator, who holds every permission) have no enterprise: 403.
    expect((await officer.get('/api/my/draws')).statusCode).toBe(403);
    expect((await (await env.loginAdmin()).get('/api/my/draws')).statusCode).toBe(403);

    expect((await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: tag })).statusCode).toBe(200);
    const revealed = await publicRecordOf(env, draw.id);
    const selectedIds = new Set(revealed.strata.flatMap((s) => s.selected ?? []));
    const openedKeys = new Set(revealed.openings!.map((o) => o.key));
    expect(selectedIds.size).toBe(2);
    for (const [i, account] of accounts.entries()) {
      const [entry] = (await account.get('/api/my/draws')).json().items;
      expect(entry).toMatchObject({ drawId: draw.id, status: 'revealed', blindedId: mine[i]!.blindedId, nonce: mine[i]!.nonce });
      expect(entry.selected).toBe(openedKeys.has(usccs[i]!));
      expect(entry.selected).toBe(selectedIds.has(entry.blindedId));
    }
  });
});
