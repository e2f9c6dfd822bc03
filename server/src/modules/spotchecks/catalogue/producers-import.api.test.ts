import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { multipart, uploadTo } from '../../../test/multipart.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckProducers } from '../spotchecks.schema.js';
import { makeProduct } from '../testing.js';

/** Small upload limit: a file past 64 KB is refused while it streams. */
const env = useTestEnv({ importMaxBytes: 64 * 1024 });

const csv = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
const producersOf = (productId: string) => env.db.select().from(spotcheckProducers).where(eq(spotcheckProducers.productId, productId));
const cityOfficer = async () => env.login((await env.makeUser({ roles: ['city_officer'] })).username);

describe('importing a product’s producers', () => {
  it('a UTF-8 CSV with Chinese headers and names: codes of the register added (source import), a repeat once, the listed ones counted', async () => {
    const p = await makeProduct(env);
    const [a, b, c] = [await makeEnterprise(env), await makeEnterprise(env), await makeEnterprise(env, { regionCode: '320803' })];
    const city = await cityOfficer();
    expect((await city.post(`/api/spotcheck/products/${p.id}/producers`, { usccs: [c.uscc] })).statusCode).toBe(200);
    const file = csv(['企业名称,统一社会信用代码', `“淮安”某某电器有限公司,${a.uscc}`, `${b.name},${b.uscc.toLowerCase()}`, `重复,${a.uscc}`, `,${c.uscc}`, ',']);
    const res = await uploadTo(env, `/api/spotcheck/products/${p.id}/producers/import`, { file: { name: '生产企业名单.csv', content: file } }, city);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 2, alreadyListed: 1 });
    const rows = await producersOf(p.id);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.source === 'import').map((r) => r.enterpriseId).sort()).toEqual([a.id, b.id].sort());
  });

  it('a GBK CSV and an .xlsx are read alike', async () => {
    const p = await makeProduct(env);
    const [a, b] = [await makeEnterprise(env), await makeEnterprise(env)];
    const city = await cityOfficer();
    const gbk = iconv.encode(['统一社会信用代码,企业名称', `${a.uscc},淮安市清江浦区电器厂`].join('\r\n'), 'gbk');
    const r1 = await uploadTo(env, `/api/spotcheck/products/${p.id}/producers/import`, { file: { name: 'gbk.csv', content: gbk } }, city);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toEqual({ added: 1, alreadyListed: 0 });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('生产企业').addRows([['序号', '统一社会信用代码', '企业名称'], [1, a.uscc, '甲'], [2, b.uscc, '乙']]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const r2 = await uploadTo(env, `/api/spotcheck/products/${p.id}/producers/import`, { file: { name: '名单.xlsx', content: xlsx } }, city);
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toEqual({ added: 1, alreadyListed: 1 });
  });

  it('all-or-nothing: a code the register lacks or a malformed one is a 400 naming the rows, and not even the good rows are written (whatever the mode field says)', async () => {
    const p = await makeProduct(env);
    const a = await makeEnterprise(env);
    const city = await cityOfficer();
    const file = csv(['统一社会信用代码', a.uscc, '91320826MA00000000', 'ABC']);
    const res = await uploadTo(env, `/api/spotcheck/products/${p.id}/producers/import`, { mode: 'valid-rows', file: { name: 'x.csv', content: file } }, city);
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.details.rejectedCount).toBe(2);
    expect(error.details.rejected.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [3, 'ENTERPRISE_NOT_FOUND'],
      [4, expect.stringMatching(/^USCC_/)],
    ]);
    expect(error.details.unknown).toEqual(['91320826MA00000000']);
    expect(await producersOf(p.id)).toHaveLength(0);
  });

  it('wrong columns, an empty file, a file past the limit: refused, nothing written', async () => {
    const p = await makeProduct(env);
    const a = await makeEnterprise(env);
    const city = await cityOfficer();
    const url = `/api/spotcheck/products/${p.id}/producers/import`;
    const noColumn = await uploadTo(env, url, { file: { name: 'x.csv', content: csv(['企业名称,住所', `某公司,${a.uscc}`]) } }, city);
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error.code).toBe('IMPORT_HEADER');
    const headerOnly = await uploadTo(env, url, { file: { name: 'x.csv', content: csv(['统一社会信用代码']) } }, city);
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().error.code).toBe('IMPORT_EMPTY');
    const big = csv(['统一社会信用代码', ...Array.from({ length: 5000 }, () => a.uscc)]);
    expect(big.length).toBeGreaterThan(64 * 1024);
    const tooBig = await uploadTo(env, url, { file: { name: 'big.csv', content: big } }, city);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('IMPORT_TOO_LARGE');
    const noFile = await uploadTo(env, url, { mode: 'all-or-nothing' }, city);
    expect(noFile.statusCode).toBe(400);
    expect(await producersOf(p.id)).toHaveLength(0);
    // The connection still serves.
    expect((await city.get(`/api/spotcheck/products/${p.id}`)).statusCode).toBe(200);
  });

  it('a county officer gets 403 NOT_CITY, a missing product 404; nothing written', async () => {
    const p = await makeProduct(env);
    const a = await makeEnterprise(env);
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const file = { name: 'x.csv', content: csv(['统一社会信用代码', a.uscc]) };
    const res = await uploadTo(env, `/api/spotcheck/products/${p.id}/producers/import`, { file }, county);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_CITY');
    const missing = await uploadTo(env, '/api/spotcheck/products/00000000-0000-4000-8000-000000000000/producers/import', { file }, await cityOfficer());
    expect(missing.statusCode).toBe(404);
    expect(await producersOf(p.id)).toHaveLength(0);
  });

  it('arbitrary uploads to a real product answer 2xx or 4xx, and only a 200 writes', async () => {
    const p = await makeProduct(env);
    const a = await makeEnterprise(env);
    const city = await cityOfficer();
    const cell = fc.oneof(fc.constant(a.uscc), fc.constant(a.uscc.toLowerCase()), fc.string({ maxLength: 20 }), fc.constantFrom('', '=1+1', "'=1", '统一社会信用代码', '\uFFFD', '"', ','));
    const header = fc.constantFrom(['统一社会信用代码'], ['企业名称', '统一社会信用代码'], ['uscc'], ['名称'], ['统一社会信用代码', '统一社会信用代码']);
    const body = fc.oneof(
      fc.tuple(header, fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 8 })).map(([h, rows]) => Buffer.from([h, ...rows].map((r) => r.join(',')).join('\r\n'))),
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)])),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('x.csv', 'x.xlsx', 'x', '名单.CSV'), fc.option(fc.nat(), { nil: undefined }), async (content, name, cut) => {
        const { payload, headers } = multipart({ file: { name, content } });
        const sent = cut === undefined ? payload : payload.subarray(0, cut % (payload.length + 1));
        const before = (await producersOf(p.id)).length;
        const res = await env.app.inject({ method: 'POST', url: `/api/spotcheck/products/${p.id}/producers/import`, payload: sent, headers: { ...headers, 'x-csrf-token': city.csrfToken! }, cookies: { zj_session: city.cookie! } });
        expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
        if (res.statusCode !== 200) expect((await producersOf(p.id)).length).toBe(before);
      }),
      { seed: 20261206, numRuns: 40 },
    );
  }, 120_000);
});
