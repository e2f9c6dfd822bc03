import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from './client.js';

describe('PGlite prepared statements over the wire protocol', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite();
    await database.executeSql(`create table t (id int4 primary key, label text, on_day date, ok boolean, extra jsonb, note varchar(20))`);
    await database.executeSql(`insert into t values (1, '瑞祥', '2026-11-28', true, '{"a":[1,"二"]}', null)`);
  });
  afterAll(() => database?.close());

  it('returns rows keyed by column name, each value read by its type', async () => {
    const byId = database.prepare<Record<string, unknown>>('t_by_id', 'select id, label, on_day as "onDay", ok, extra, note, (select json_agg(x) from generate_series(1, 2) x) as list from t where id = $1');
    // The first calls race to prepare the statement: it is parsed once.
    const [a, b] = await Promise.all([byId([1]), byId([1])]);
    expect(a).toEqual([{ id: 1, label: '瑞祥', onDay: '2026-11-28', ok: true, extra: { a: [1, '二'] }, note: null, list: [1, 2] }]);
    expect(b).toEqual(a);
    expect(await byId([2])).toEqual([]);
    // Another caller preparing the same statement shares it; the same name with another text is refused.
    const again = database.prepare<Record<string, unknown>>('t_by_id', 'select id, label, on_day as "onDay", ok, extra, note, (select json_agg(x) from generate_series(1, 2) x) as list from t where id = $1');
    expect(await again([1])).toEqual(a);
    await expect(database.prepare('t_by_id', 'select 1')([])).rejects.toThrow(/another text/);
  });

  it('passes an array parameter as an array, whatever its elements hold', async () => {
    const labels = database.prepare<{ label: string }>('t_labels', 'select x as label from unnest($1::text[]) x');
    const tricky = ['瑞祥', 'a,b', '{x}', 'say "hi"', 'back\\slash', ''];
    expect((await labels([tricky])).map((r) => r.label)).toEqual(tricky);
    expect(await labels([[]])).toEqual([]);
  });

  it('throws the database error with its SQLSTATE and leaves the connection usable', async () => {
    const byId = database.prepare<{ id: number }>('t_by_id_2', 'select id from t where id = $1');
    await expect(byId(['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect(await byId([1])).toEqual([{ id: 1 }]);
    expect((await database.executeSql('select count(*)::int as n from t', [])).rows).toEqual([{ n: 1 }]);
  });

  it('waits for an open transaction instead of reading its uncommitted rows', async () => {
    const byId = database.prepare<{ id: number }>('t_by_id_3', 'select id from t where id = $1');
    let committed = false;
    let inserted!: () => void;
    const rowWritten = new Promise<void>((resolve) => (inserted = resolve));
    const tx = database.db.transaction(async (t) => {
      await t.execute(sql`insert into t (id, label) values (3, 'x')`);
      inserted();
      await new Promise((r) => setTimeout(r, 50));
      committed = true;
    });
    await rowWritten;
    const seen = await byId([3]);
    expect(committed).toBe(true);
    expect(seen).toEqual([{ id: 3 }]);
    await tx;
  });
});
