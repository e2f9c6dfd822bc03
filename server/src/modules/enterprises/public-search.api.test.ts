import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise, setCreditClass } from './testing.js';

/**
 * The public enterprise search (public-search.ts): no login, public fields only (no credit class,
 * no contacts), a name fragment of 2+ characters or a USCC prefix of 6+, at most 20 a page and 10
 * pages, an order ending with a unique key.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const get = (url: string) => env.app.inject({ url, remoteAddress: '198.51.100.81' });

describe('GET /api/public/enterprises', () => {
  it('finds by name fragment and by USCC prefix, answering public fields only', async () => {
    const made = await makeEnterprise(env, { name: '淮安市公开查询样本电器有限公司', contacts: [{ name: '联系人甲', phone: '13900000001' }] });
    await setCreditClass(env, made.id, 'D');
    const byName = await get(`/api/public/enterprises?q=${encodeURIComponent('公开查询样本')}`);
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([{ uscc: made.uscc, name: '淮安市公开查询样本电器有限公司', regionName: expect.any(String), status: 'active' }]);
    expect(byName.body).not.toMatch(/creditClass|联系人甲|13900000001/);
    const byCode = await get(`/api/public/enterprises?q=${made.uscc.slice(0, 12).toLowerCase()}`);
    expect(byCode.json().items.map((e: { uscc: string }) => e.uscc)).toContain(made.uscc);
    expect(Object.keys(byCode.json()).sort()).toEqual(['items', 'total', 'totalExact']);
  });

  it('refuses too short a query (400 QUERY_TOO_SHORT) and pages past the caps (400), without logging in', async () => {
    for (const q of ['淮', '91320', ' a ']) {
      const res = await get(`/api/public/enterprises?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('QUERY_TOO_SHORT');
    }
    expect((await get(`/api/public/enterprises?q=${encodeURIComponent('有限公司')}&pageSize=21`)).statusCode).toBe(400);
    expect((await get(`/api/public/enterprises?q=${encodeURIComponent('有限公司')}&page=11`)).statusCode).toBe(400);
    expect((await get('/api/public/enterprises')).statusCode).toBe(400);
    expect((await get(`/api/public/enterprises?q=${encodeURIComponent('有限公司')}&regionCode=320826`)).statusCode).toBe(400);
  });

  it('pages without repeats (order ends with a unique key) and stops at 20 a page', async () => {
    for (let i = 0; i < 25; i++) await makeEnterprise(env, { name: `分页查询甲乙丙测试${i}有限公司` });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await get(`/api/public/enterprises?q=${encodeURIComponent('甲乙丙测试')}&page=${page}&pageSize=10`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().total).toBe(25);
      seen.push(...res.json().items.map((e: { uscc: string }) => e.uscc));
    }
    expect(new Set(seen).size).toBe(25);
    expect((await get(`/api/public/enterprises?q=${encodeURIComponent('甲乙丙测试')}&pageSize=20`)).json().items).toHaveLength(20);
  });
});
