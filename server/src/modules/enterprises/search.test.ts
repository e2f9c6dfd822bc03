import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEnterprises } from '../../demo/generator.js';
import { withSyntheticCreditClass } from '../../demo/synthetic-credit.js';
import { useServiceEnv } from '../../test/app.js';
import { enterprises } from './enterprises.schema.js';
import { EXACT_COUNT_LIMIT, type EnterpriseFilter, type Sort, makeEnterpriseSearch } from './search.js';

const env = useServiceEnv();
const ROWS = 3000;
const rows = [...withSyntheticCreditClass(generateEnterprises({ seed: 11, count: ROWS }), 11)];

/** What a search must return, computed the slow, obvious way. */
function expected(match: (name: string) => boolean, order: 'id' | 'name', ids: Map<string, string>) {
  const matching = rows.filter((r) => match(r.name)).map((r) => ({ uscc: r.uscc, name: r.name, id: ids.get(r.uscc)! }));
  const key = (r: { id: string; name: string; uscc: string }) => (order === 'id' ? r.id : r.name);
  return matching.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.uscc < b.uscc ? -1 : 1));
}

describe('name search with a sample deciding the plan', () => {
  const LIMIT = 1000;
  // A sample smaller than the register, so every strategy runs on a test-sized table.
  const search = (filter: EnterpriseFilter, page = 1, sort?: Sort) => makeEnterpriseSearch(env.db, { sampleRows: 300, exactCountLimit: LIMIT })(env.admin, filter, { page, pageSize: 20 }, sort);
  const ids = new Map<string, string>();

  beforeAll(async () => {
    for (let i = 0; i < rows.length; i += 1000) await env.db.insert(enterprises).values(rows.slice(i, i + 1000));
    await env.db.execute(sql`analyze enterprises`);
    for (const r of await env.db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises)) ids.set(r.uscc, r.id);
  });

  it('answers a common fragment from the sample, in id order, with an estimated total', async () => {
    const want = expected((n) => n.includes('有限'), 'id', ids);
    expect(want.length).toBeGreaterThan(LIMIT);
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
    const whole = makeEnterpriseSearch(env.db, { sampleRows: ROWS + 10, exactCountLimit: LIMIT });
    const want = expected((n) => n.includes('有限'), 'id', ids);
    const res = await whole(env.admin, { q: '有限' }, { page: 1, pageSize: 20 });
    expect(res).toMatchObject({ total: want.length, totalExact: true });
    expect(res.items.map((i) => i.uscc)).toEqual(want.slice(0, 20).map((r) => r.uscc));
  });
});

describe('the total of a filtered list (issue 12 item 3)', () => {
  // A small exact-count limit, so that a test-sized register is estimated as a large one would be.
  const search = (filter: EnterpriseFilter) => makeEnterpriseSearch(env.db, { sampleRows: 1500, exactCountLimit: 300 })(env.admin, filter, { page: 1, pageSize: 20 });
  const truth = (match: (r: (typeof rows)[number]) => boolean) => rows.filter(match).length;

  it('is estimated within ±10 % above the exact-count limit', async () => {
    const cases: [EnterpriseFilter, number][] = [
      [{}, ROWS],
      [{ status: 'active' }, truth((r) => r.status === 'active')],
      [{ creditClass: 'B' }, truth((r) => r.creditClass === 'B')],
      [{ status: 'active', creditClass: 'A' }, truth((r) => r.status === 'active' && r.creditClass === 'A')],
    ];
    for (const [filter, want] of cases) {
      expect(want).toBeGreaterThan(300);
      const res = await search(filter);
      expect(res.totalExact, JSON.stringify(filter)).toBe(false);
      expect(Math.abs(res.total - want) / want, `${JSON.stringify(filter)}: ${res.total} for ${want}`).toBeLessThanOrEqual(0.1);
    }
  });

  it('is exact below the limit, and the default limit counts a demo-sized register exactly', async () => {
    const want = truth((r) => r.status === 'suspended');
    expect(want).toBeLessThan(300);
    expect(await search({ status: 'suspended' })).toMatchObject({ total: want, totalExact: true });
    expect(EXACT_COUNT_LIMIT).toBeGreaterThanOrEqual(10_000);
    const whole = await makeEnterpriseSearch(env.db)(env.admin, { status: 'active' }, { page: 1, pageSize: 20 });
    expect(whole).toMatchObject({ total: truth((r) => r.status === 'active'), totalExact: true });
  });
});
