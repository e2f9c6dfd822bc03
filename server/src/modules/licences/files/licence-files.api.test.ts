import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { type MultipartParts, uploadTo } from '../../../test/multipart.js';
import { makeEnterprise } from '../../enterprises/testing.js';

const env = useTestEnv();

const HEADER = '许可证类型,证书编号,统一社会信用代码,许可范围,发证日期,有效期至,发证机关';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
let seq = 0;
const number = () => `XK-API-${Date.now().toString(36)}-${++seq}`;

const upload = (parts: MultipartParts, as?: Awaited<ReturnType<typeof env.login>>) => uploadTo(env, '/api/licences/import', parts, as);

describe('POST /api/licences/import', () => {
  it('answers the counts and the rejected rows', async () => {
    const e = await makeEnterprise(env);
    const file = { name: '许可证.csv', content: `\uFEFF${csv(`工业产品生产许可证,${number()},${e.uscc},电线电缆,2024-03-01,,江苏省市场监督管理局`, `无此类型,${number()},${e.uscc},,2024-03-01,,江苏省市场监督管理局`)}` };
    const res = await upload({ mode: 'valid-rows', file });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [{ row: 3, column: '许可证类型', code: 'LICENCE_TYPE_UNKNOWN', message: expect.any(String) }] });
    const listed = (await (await env.loginAdmin()).get(`/api/licences?uscc=${e.uscc}`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ state: 'normal', expiresOn: '2029-02-28', scope: '电线电缆' })]);
  });

  it('answers a wrong header with 400 and needs licence.write', async () => {
    const wrong = await upload({ file: { name: 'x.csv', content: 'a,b\r\n1,2\r\n' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('IMPORT_HEADER');
    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    expect((await upload({ file: { name: 'x.csv', content: csv() } }, inspector)).statusCode).toBe(403);
  });

  it('lets a county officer import only for holders of its county', async () => {
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const foreign = await makeEnterprise(env, { regionCode: '320830' });
    const res = (await upload({ mode: 'valid-rows', file: { name: 'x.csv', content: csv(`cma,${number()},${foreign.uscc},,2024-01-01,,江苏省市场监督管理局`) } }, county)).json();
    expect(res).toMatchObject({ imported: 0, rejected: [expect.objectContaining({ row: 2, code: 'ENTERPRISE_UNKNOWN' })] });
    expect((await (await env.loginAdmin()).get(`/api/licences?uscc=${foreign.uscc}`)).json().total).toBe(0);
  });
});

describe('GET /api/licences/export', () => {
  it('exports the list’s filters as CSV and .xlsx that re-import unchanged', async () => {
    const c = await env.loginAdmin();
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const n = number();
    await c.post('/api/licences', { uscc: e.uscc, type: 'se_use_registration', number: n, issuedOn: '2021-01-01', issuer: '淮安市市场监督管理局' });
    const res = await c.get(`/api/licences/export?format=csv&uscc=${e.uscc}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('licences-');
    expect(res.body.startsWith('\uFEFF')).toBe(true); // Excel reads the CSV as UTF-8
    expect(res.body.trim().split(/\r?\n/)).toEqual([`${HEADER},状态`, `特种设备使用登记证,${n},${e.uscc},,2021-01-01,长期,淮安市市场监督管理局,正常监管`]);

    const total = (await c.get('/api/licences?regionCode=320826&pageSize=1')).json().total;
    expect(total).toBeGreaterThan(1);
    const all = await c.get('/api/licences/export?format=csv&regionCode=320826');
    expect(all.body.trim().split(/\r?\n/)).toHaveLength(total + 1);
    expect((await upload({ file: { name: 'export.csv', content: all.rawPayload } })).json()).toEqual({ imported: 0, updated: 0, unchanged: total, rejected: [] });
    const xlsx = await c.get('/api/licences/export?format=xlsx&regionCode=320826');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await upload({ file: { name: 'export.xlsx', content: xlsx.rawPayload } })).json()).toEqual({ imported: 0, updated: 0, unchanged: total, rejected: [] });
  });

  it('exports only what the reader may see, and refuses a bad filter before the download', async () => {
    const admin = await env.loginAdmin();
    const [own, foreign] = [await makeEnterprise(env, { regionCode: '320826' }), await makeEnterprise(env, { regionCode: '320830' })];
    for (const e of [own, foreign]) await admin.post('/api/licences', { uscc: e.uscc, type: 'cma', number: number(), issuedOn: '2024-01-01', issuer: '江苏省市场监督管理局' });
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const lines = (await county.get('/api/licences/export?format=csv')).body.trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.split(',')[2]!.slice(2, 8) === '320826')).toBe(true);
    expect((await county.get(`/api/licences/export?format=csv&uscc=${foreign.uscc}`)).body.trim().split(/\r?\n/)).toHaveLength(1);
    const bad = await admin.get('/api/licences/export?format=csv&expiringBefore=2024-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_DATE');
  });
});
