import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { createTestEnv, useTestEnv } from '../../test/app.js';
import { uploadTo } from '../../test/multipart.js';
import { makeEnterprise, randomUscc } from './testing.js';

const env = useTestEnv();
const onPostgres = !!process.env.TEST_DATABASE_URL;

interface HistoryItem {
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

describe('enterprise versions (issue 11 item 8: lost updates)', () => {
  it('answers its version as ETag, and a stale If-Match gets 412 while the first change survives', async () => {
    const { uscc } = await makeEnterprise(env);
    const c = await env.loginAdmin();
    const got = await c.get(`/api/enterprises/${uscc}`);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json().version).toBe(1);

    // Two officers loaded version 1; the first saves its contacts.
    const first = await c.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '张三', phone: '0517-1' }] }, { 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json().version).toBe(2);
    const second = await c.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '李四', phone: '0517-2' }] }, { 'if-match': '"1"' });
    expect(second.statusCode).toBe(412);
    expect(second.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentVersion: 2 } });

    const now = (await c.get(`/api/enterprises/${uscc}`)).json();
    expect(now).toMatchObject({ version: 2, contacts: [{ name: '张三', phone: '0517-1' }] });
    const history = (await c.get(`/api/enterprises/${uscc}/history`)).json().items as HistoryItem[];
    expect(history.map((h) => h.action)).toEqual(['updated', 'created']);
    // A weak tag (a compressing proxy may weaken ours) and a list are read as the versions they name.
    expect((await c.patch(`/api/enterprises/${uscc}`, { tags: ['a'] }, { 'if-match': 'W/"2"' })).statusCode).toBe(200);
    expect((await c.patch(`/api/enterprises/${uscc}`, { tags: ['b'] }, { 'if-match': '"1", "3"' })).statusCode).toBe(200);
    // A tag that is no version of ours matches nothing; `*` is no precondition.
    expect((await c.patch(`/api/enterprises/${uscc}`, { tags: ['c'] }, { 'if-match': '"abc"' })).statusCode).toBe(412);
    expect((await c.patch(`/api/enterprises/${uscc}`, { tags: ['c'] }, { 'if-match': '*' })).statusCode).toBe(200);
  });

  it('without If-Match a change is applied as before (integrators), and still bumps the version', async () => {
    const { uscc } = await makeEnterprise(env);
    const c = await env.loginAdmin();
    const res = await c.patch(`/api/enterprises/${uscc}`, { address: '新地址' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
  });

  it('20 concurrent address changes leave 20 history entries, each "before" the previous "after"', { timeout: 60_000 }, async () => {
    const { uscc } = await makeEnterprise(env, { address: '原址' });
    const c = await env.loginAdmin();
    const addresses = Array.from({ length: 20 }, (_, i) => `淮安市清江浦区健康东路 ${i + 1} 号`);
    const results = await Promise.all(addresses.map((address) => c.patch(`/api/enterprises/${uscc}`, { address })));
    expect(results.map((r) => r.statusCode)).toEqual(addresses.map(() => 200));
    // Each change answered a distinct version: they were applied one after another.
    expect(new Set(results.map((r) => r.json().version)).size).toBe(20);

    const history = (await c.get(`/api/enterprises/${uscc}/history`)).json().items as HistoryItem[];
    const updates = history.filter((h) => h.action === 'updated').reverse(); // oldest first
    expect(updates).toHaveLength(20);
    let previous: unknown = '原址';
    for (const u of updates) {
      const change = u.changes.find((ch) => ch.field === 'address')!;
      expect(change.before).toBe(previous);
      previous = change.after;
    }
    const final = (await c.get(`/api/enterprises/${uscc}`)).json();
    expect(final).toMatchObject({ version: 21, address: previous });
  });

  it('an import that changes an enterprise bumps its version; one that changes nothing does not', async () => {
    const uscc = randomUscc('320826');
    const file = (address: string) => ({ name: 'e.csv', content: `统一社会信用代码,企业名称,住所,行政区划代码\r\n${uscc},清河测试有限公司,${address},320826\r\n` });
    expect((await uploadTo(env, '/api/enterprises/import', { file: file('一号') })).json()).toMatchObject({ imported: 1 });
    const c = await env.loginAdmin();
    expect((await c.get(`/api/enterprises/${uscc}`)).json().version).toBe(1);
    expect((await uploadTo(env, '/api/enterprises/import', { file: file('二号') })).json()).toMatchObject({ updated: 1 });
    expect((await c.get(`/api/enterprises/${uscc}`)).headers.etag).toBe('"2"');
    await uploadTo(env, '/api/enterprises/import', { file: file('二号') });
    expect((await c.get(`/api/enterprises/${uscc}`)).json().version).toBe(2);
    // An officer who loaded version 1 before the import cannot overwrite it.
    expect((await c.patch(`/api/enterprises/${uscc}`, { address: '一号' }, { 'if-match': '"1"' })).statusCode).toBe(412);
  });

  it('a licence import that changes a licence bumps its version', async () => {
    const e = await makeEnterprise(env);
    const number = `XK-V-${Date.now()}`;
    const file = (scope: string) => ({ name: 'l.csv', content: `许可证类型,证书编号,统一社会信用代码,许可范围,发证日期,有效期至,发证机关\r\n工业产品生产许可证,${number},${e.uscc},${scope},2024-03-01,,江苏省市场监督管理局\r\n` });
    expect((await uploadTo(env, '/api/licences/import', { file: file('电线电缆') })).json()).toMatchObject({ imported: 1 });
    const c = await env.loginAdmin();
    const [licence] = (await c.get(`/api/licences?uscc=${e.uscc}`)).json().items;
    expect(licence.version).toBe(1);
    expect((await uploadTo(env, '/api/licences/import', { file: file('电线电缆、光缆') })).json()).toMatchObject({ updated: 1 });
    expect((await c.get(`/api/licences/${licence.id}`)).headers.etag).toBe('"2"');
  });

  // PGlite is one process by nature.
  it.skipIf(!onPostgres)('two processes on one database: of two changes of the same version, exactly one wins', { timeout: 60_000 }, async () => {
    const second = await openDatabase({ databaseUrl: (env.database as { url?: string }).url });
    const env2 = await createTestEnv({}, second);
    try {
      const { uscc } = await makeEnterprise(env);
      const [c1, c2] = [await env.loginAdmin(), await env2.loginAdmin()];
      const v = (await c2.get(`/api/enterprises/${uscc}`)).json().version as number;

      // One after the other: the second answers 412, the first's contacts stay.
      const a = await c1.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '进程一' }] }, { 'if-match': `"${v}"` });
      const b = await c2.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '进程二' }] }, { 'if-match': `"${v}"` });
      expect([a.statusCode, b.statusCode]).toEqual([200, 412]);
      expect((await c2.get(`/api/enterprises/${uscc}`)).json().contacts).toEqual([{ name: '进程一' }]);

      // At the same time: whichever commits first wins, the other answers 412.
      const w = v + 1;
      const both = await Promise.all([
        c1.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '甲' }] }, { 'if-match': `"${w}"` }),
        c2.patch(`/api/enterprises/${uscc}`, { contacts: [{ name: '乙' }] }, { 'if-match': `"${w}"` }),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = both.find((r) => r.statusCode === 200)!.json();
      const final = (await c1.get(`/api/enterprises/${uscc}`)).json();
      expect(final).toMatchObject({ version: w + 1, contacts: winner.contacts });
      const history = (await c1.get(`/api/enterprises/${uscc}/history`)).json().items as HistoryItem[];
      expect(history.filter((h) => h.action === 'updated')).toHaveLength(2);
    } finally {
      await env2.close();
      await second.close();
    }
  });
});
