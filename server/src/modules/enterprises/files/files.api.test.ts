import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { type MultipartParts, multipart, uploadTo } from '../../../test/multipart.js';
import { enterpriseImports } from '../enterprises.schema.js';
import { randomUscc } from '../testing.js';

const env = useTestEnv();

const HEADER = '统一社会信用代码,企业名称,法定代表人,住所,行政区划代码,登记状态,成立日期,行业代码';

const upload = (parts: MultipartParts, as?: Awaited<ReturnType<typeof env.login>>) => uploadTo(env, '/api/enterprises/import', parts, as);

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const count = async () => (await (await env.loginAdmin()).get('/api/enterprises?pageSize=1')).json().total as number;

describe('import', () => {
  it('imports a UTF-8 CSV with BOM, then re-importing the same file changes nothing', async () => {
    const [a, b] = [randomUscc('320826'), randomUscc('320830')];
    const file = { name: '名录.csv', content: `\uFEFF${csv(`${a},涟水瑞祥食品有限公司,王强,涟水县安东路1号,320826,存续,2019/3/5,C1391`, `${b},盱眙恒通机械有限公司,李明,盱眙县,320830,在业,43529,C3435`)}` };
    const first = (await upload({ mode: 'all-or-nothing', file })).json();
    expect(first).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: [] });
    const again = (await upload({ mode: 'all-or-nothing', file })).json();
    expect(again).toEqual({ imported: 0, updated: 0, unchanged: 2, rejected: [] });
    const c = await env.loginAdmin();
    expect((await c.get(`/api/enterprises/${a}`)).json()).toMatchObject({ establishedOn: '2019-03-05', status: 'active', industryCode: 'C1391' });
    expect((await c.get(`/api/enterprises/${b}`)).json().establishedOn).toBe('2019-03-05'); // Excel serial 43529
    const history = (await c.get(`/api/enterprises/${a}/history`)).json().items;
    expect(history).toHaveLength(1);
    const created = history[0];
    expect(created).toMatchObject({ source: 'import', action: 'created', actorName: env.admin.name, changes: [] });
    // The creation entry is the import's record (one per import, not one row per enterprise).
    const [record] = await env.db.select().from(enterpriseImports).where(eq(enterpriseImports.id, created.id));
    expect(record).toMatchObject({ fileName: '名录.csv', mode: 'all-or-nothing', imported: 2, updated: 0, unchanged: 0, rejected: 0 });
    const audit = await env.services.audit.list(env.db, env.admin, { action: 'enterprise.imported', target: created.id }, { page: 1, pageSize: 5 });
    expect(audit.total).toBe(1);
  });

  it('reads a GBK CSV as saved by Excel on Chinese Windows, and updates by USCC', async () => {
    const a = randomUscc('320831');
    await upload({ file: { name: 'a.csv', content: csv(`${a},金湖石油机械有限公司,赵六,金湖县,320831,存续,2010-01-01,C3512`) } });
    const gbk = iconv.encode(csv(`${a},金湖石油机械股份有限公司,赵六,金湖县工业园区,320831,停业,2010-01-01,C3512`), 'gbk');
    const res = (await upload({ mode: 'valid-rows', file: { name: 'gbk.csv', content: gbk } })).json();
    expect(res).toEqual({ imported: 0, updated: 1, unchanged: 0, rejected: [] });
    const e = (await (await env.loginAdmin()).get(`/api/enterprises/${a}`)).json();
    expect(e).toMatchObject({ name: '金湖石油机械股份有限公司', address: '金湖县工业园区', status: 'suspended' });
    const items = (await (await env.loginAdmin()).get(`/api/enterprises/${a}/history`)).json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['updated', 'created']); // newest first
    const history = items[0];
    expect(history).toMatchObject({ source: 'import', action: 'updated' });
    expect(history.changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'active', after: 'suspended' }]));
  });

  it('lists every rejected row with row number, column, code and message; all-or-nothing writes nothing', async () => {
    const ok = randomUscc('320826');
    const dup = randomUscc('320826');
    const good = randomUscc('320826');
    const rows = [
      `${ok},甲公司,,,320826,存续,,`, // row 2
      `${good.slice(0, 16)}O${good[17]},乙公司,,,320826,,,`, // row 3: O for 0
      `９${good.slice(1)},丙公司,,,320826,,,`, // row 4: full-width
      `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'},丁公司,,,320826,,,`, // row 5: check digit
      `${dup},戊公司,,,110101,倒闭,2019-13-45,XYZ`, // row 6: region, status, date, industry
      `${dup},己公司,,,320826,,,`, // row 7
      `${dup},庚公司,,,320826,,,`, // row 8: repeats row 7
      `,=HYPERLINK("x"),,,320826,,,`, // row 9: empty USCC, formula text
    ];
    const before = await count();
    const res = (await upload({ mode: 'all-or-nothing', file: { name: 'bad.csv', content: csv(...rows) } })).json();
    expect(res.imported).toBe(0);
    expect(res.updated).toBe(0);
    expect(await count()).toBe(before);
    const got = res.rejected.map((r: { row: number; column: string; code: string }) => `${r.row}:${r.column}:${r.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        '3:统一社会信用代码:USCC_FORMAT',
        '4:统一社会信用代码:USCC_FORMAT',
        '5:统一社会信用代码:USCC_CHECK_DIGIT',
        '6:行政区划代码:REGION_UNKNOWN',
        '6:登记状态:STATUS_UNKNOWN',
        '6:成立日期:DATE_FORMAT',
        '6:行业代码:INDUSTRY_FORMAT',
        '8:统一社会信用代码:DUPLICATE_IN_FILE',
        '9:统一社会信用代码:USCC_FORMAT',
        '9:企业名称:CELL_FORMULA',
      ]),
    );
    expect(res.rejected.every((r: { message: string }) => r.message.length > 0)).toBe(true);

    const partial = (await upload({ mode: 'valid-rows', file: { name: 'bad.csv', content: csv(...rows) } })).json();
    expect(partial.imported).toBe(2); // rows 2 and 7
    expect(await count()).toBe(before + 2);
  });

  it('takes the mode field after the file too, and defaults to all-or-nothing', async () => {
    const res = (await upload({ fileFirst: true, mode: 'valid-rows', file: { name: 'x.csv', content: csv(`${randomUscc()},后置模式公司,,,320826,,,`, 'bad,bad,,,320826,,,') } })).json();
    expect(res.imported).toBe(1);
    const none = (await upload({ file: { name: 'x.csv', content: csv(`${randomUscc()},默认模式公司,,,320826,,,`, 'bad,bad,,,320826,,,') } })).json();
    expect(none.imported).toBe(0);
  });

  it('imports .xlsx with dates, serial numbers and formula cells', async () => {
    const [a, b] = [randomUscc('320812'), randomUscc('320812')];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['uscc', 'name', 'legalRepresentative', 'address', 'regionCode', 'status', 'establishedOn', 'industryCode']);
    ws.addRow([a, '清江浦瑞祥电梯工程有限公司', '周杰', { formula: 'CONCAT("清江浦区","健康西路")', result: '清江浦区健康西路' }, 320812, '存续', new Date(Date.UTC(2018, 4, 20)), 'E4910']);
    ws.addRow([b, { formula: 'A1&"x"' }, '', '', '320812', '', 43529, '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = (await upload({ mode: 'valid-rows', file: { name: 'list.xlsx', content } })).json();
    expect(res.imported).toBe(1);
    expect(res.rejected).toEqual([expect.objectContaining({ row: 3, column: 'name', code: 'CELL_FORMULA' })]);
    expect((await (await env.loginAdmin()).get(`/api/enterprises/${a}`)).json()).toMatchObject({ address: '清江浦区健康西路', establishedOn: '2018-05-20', regionCode: '320812' });
  });

  it('answers an empty file, a header only, wrong headers and garbage with a clear error, writing nothing', async () => {
    const before = await count();
    const cases: [string, Buffer | string, string][] = [
      ['empty.csv', '', 'IMPORT_EMPTY'],
      ['header.csv', `${HEADER}\r\n`, 'IMPORT_EMPTY'],
      ['wrong.csv', 'a,b,c\r\n1,2,3\r\n', 'IMPORT_HEADER'],
      ['garbage.xlsx', Buffer.from('this is not a zip file at all'), 'IMPORT_FORMAT'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'IMPORT_FORMAT'],
    ];
    for (const [name, content, code] of cases) {
      const res = await upload({ mode: 'valid-rows', file: { name, content } });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code, name).toBe(code);
    }
    const noise = Buffer.alloc(50 * 1024 * 1024); // the issue's 50 MB of garbage
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const garbage = await upload({ mode: 'valid-rows', file: { name: 'noise.csv', content: noise } });
    expect(garbage.statusCode).toBe(400);
    expect(['IMPORT_HEADER', 'IMPORT_FORMAT']).toContain(garbage.json().error.code);
    expect((await upload({ mode: 'valid-rows' })).json().error.code).toBe('IMPORT_EMPTY');
    expect((await upload({ mode: 'everything', file: { name: 'a.csv', content: csv() } })).json().error.code).toBe('VALIDATION');
    expect(await count()).toBe(before);
  });

  it('writes nothing when the upload is cut off', async () => {
    const before = await count();
    const { payload, headers } = multipart({ mode: 'valid-rows', file: { name: 'cut.csv', content: csv(`${randomUscc()},截断公司,,,320826,,,`) } });
    const c = await env.loginAdmin();
    const res = await env.app.inject({ method: 'POST', url: '/api/enterprises/import', payload: payload.subarray(0, payload.length - 60), headers: { ...headers, 'x-csrf-token': c.csrfToken! }, cookies: { zj_session: c.cookie! } });
    expect(res.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('keeps a county user to its county', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(officer.username);
    const res = (await upload({ mode: 'valid-rows', file: { name: 'x.csv', content: csv(`${randomUscc('320826')},本县公司,,,320826,,,`, `${randomUscc('320830')},外县公司,,,320830,,,`) } }, c)).json();
    expect(res.imported).toBe(1);
    expect(res.rejected).toEqual([expect.objectContaining({ row: 3, code: 'OUT_OF_SCOPE', column: '行政区划代码' })]);
    const inspector = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    expect((await upload({ file: { name: 'x.csv', content: csv() } }, await env.login(inspector.username))).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('exports the search result as CSV and xlsx that re-import unchanged', async () => {
    const c = await env.loginAdmin();
    const res = await c.get('/api/enterprises/export?format=csv&regionCode=320826');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.startsWith('\uFEFF统一社会信用代码,企业名称')).toBe(true);
    const lines = res.body.trim().split(/\r?\n/);
    const total = (await c.get('/api/enterprises?regionCode=320826&pageSize=1')).json().total;
    expect(lines.length - 1).toBe(total);
    const again = (await upload({ mode: 'all-or-nothing', file: { name: 'export.csv', content: res.rawPayload } })).json();
    expect(again).toEqual({ imported: 0, updated: 0, unchanged: total, rejected: [] });

    const xlsx = await c.get('/api/enterprises/export?format=xlsx&regionCode=320826');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const back = (await upload({ mode: 'all-or-nothing', file: { name: 'export.xlsx', content: xlsx.rawPayload } })).json();
    expect(back).toEqual({ imported: 0, updated: 0, unchanged: total, rejected: [] });
  });

  it('exports only what the reader may see', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    const c = await env.login(officer.username);
    const body = (await c.get('/api/enterprises/export?format=csv')).body.trim().split(/\r?\n/).slice(1);
    expect(body.every((line: string) => line.split(',')[4] === '320830')).toBe(true);
  });
});
