import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEnterprises } from '../../demo/generator.js';
import { useTestEnv } from '../../test/app.js';
import { enterprises } from './enterprises.schema.js';
import { EXACT_COUNT_LIMIT, type EnterpriseFilter, type Sort, makeEnterpriseSearch } from './search.js';

const env = useTestEnv();
const ROWS = 3000;
const rows = [...generateEnterprises({ seed: 11, count: ROWS })];

/** What a search must return, computed the slow, obvious way. */
function expected(match: (name: string) => boolean, order: 'id' | 'name', ids: Map<string, string>) {
  const matching = rows.filter((r) => match(r.name)).map((r) => ({ uscc: r.uscc, name: r.name, id: ids.get(r.uscc)! }));
  const key = (r: { id: string; name: string; uscc: string }) => (order === 'id' ? r.id : r.name);
  return matching.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.uscc < b.uscc ? -1 : 1));
}

describe('name search with a sample deciding the plan', () => {
  // A sample smaller than the register, so every strategy runs on a test-sized table.
  const search = (filter: EnterpriseFilter, page = 1, sort?: Sort) => makeEnterpriseSearch(env.db, { sampleRows: 300 })(env.admin, filter, { page, pageSize: 20 }, sort);
  const ids = new Map<string, string>();

  beforeAll(async () => {
    for (let i = 0; i < rows.length; i += 1000) await env.db.insert(enterprises).values(rows.slice(i, i + 1000));
    await env.db.execute(sql`analyze enterprises`);
    for (const r of await env.db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises)) ids.set(r.uscc, r.id);
  });

  it('answers a common fragment from the sample, in id order, with an estimated total', async () => {
    const want = expected((n) => n.includes('有限'), 'id', ids);
    expect(want.length).toBeGreaterThan(EXACT_COUNT_LIMIT);
    const res = await search({ q: '有限' });
    expect(res.items.map((i) => i.uscc)).toEqual(want.slice(0, 20).map((r) => r.uscc));
    expect(res.totalExact).toBe(false);
    expect(res.total).toBeGreaterThan(want.length * 0.7);
    expect(res.total).toBeLessThan(want.length * 1.3);
  });

  it('finds a rare fragment outside the sample, with the exact total', async () => {
    const name = rows.at(-1)!.name;
    const q = name.slice(2, 6);
    const want = expected((n) => n.includes(q), 'id', ids);
    const res = await search({ q });
    expect(res).toMatchObject({ total: want.length, totalExact: true });
    expect(res.items.map((i) => i.uscc)).toEqual(want.slice(0, 20).map((r) => r.uscc));
  });

  it('pages and sorts correctly whichever plan the sample picks', async () => {
    for (const q of ['有限', '公司', rows[5]!.name.slice(0, 3)]) {
      const byName = expected((n) => n.includes(q), 'name', ids);
      const res = await search({ q }, 2, 'name');
      expect(res.items.map((i) => i.uscc)).toEqual(byName.slice(20, 40).map((r) => r.uscc));
      const byId = expected((n) => n.includes(q), 'id', ids);
      expect((await search({ q }, 3)).items.map((i) => i.uscc)).toEqual(byId.slice(40, 60).map((r) => r.uscc));
    }
  });

  it('is exact on a register no larger than the sample', async () => {
    const whole = makeEnterpriseSearch(env.db, { sampleRows: ROWS + 10 });
    const want = expected((n) => n.includes('有限'), 'id', ids);
    const res = await whole(env.admin, { q: '有限' }, { page: 1, pageSize: 20 });
    expect(res).toMatchObject({ total: want.length, totalExact: true });
    expect(res.items.map((i) => i.uscc)).toEqual(want.slice(0, 20).map((r) => r.uscc));
  });
});
