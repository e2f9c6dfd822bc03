import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { type MultipartParts, multipart, uploadTo } from '../../../test/multipart.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../testing.js';
import { inTransaction } from '../../../db/sql.js';
import { pgClientOf } from './copy-rows.js';
import { equipmentImports, equipmentUnits } from './registry.schema.js';

const env = useTestEnv();

const HEADER = '设备代码,使用登记证编号,设备类别,设备品种,使用单位统一社会信用代码,所在区划,设备地址,制造单位,型号,出厂编号,投入使用日期,使用状态,重点场所类型,安全状况等级,上次检验日期,检验结论,下次检验日期';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const upload = (parts: MultipartParts, as?: Awaited<ReturnType<typeof env.login>>) => uploadTo(env, '/api/equipment/import', parts, as);
let seq = 0;
const code = () => `I${Date.now().toString(36).toUpperCase()}${(seq++).toString().padStart(3, '0')}`;
const unitsOf = (codes: string[]) => env.db.select().from(equipmentUnits).where(inArray(equipmentUnits.equipmentCode, codes));

describe('POST /api/equipment/import', () => {
  it('imports a UTF-8 CSV (codes or names, labels, dates as spreadsheets write them) with an import record and audit; the history shows the import', async () => {
    const e = await makeEnterprise(env);
    const [a, b] = [code(), code()];
    const file = `\uFEFF${csv(
      `${a},梯11${a},3000,3100,${e.uscc},320826,涟水县安东路1号,某电梯有限公司,TKJ,F1,2019/3/5,在用,学校,,2025-06-01,合格,2026-06-01`,
      `${b},容${b},压力容器,固定式压力容器,${e.uscc},320826,涟水县工业园区,,,,43529,停用,,3级,,,`,
    )}`;
    const res = await upload({ mode: 'all-or-nothing', file: { name: '设备.csv', content: file } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: [] });
    const units = await unitsOf([a, b]);
    const byCode = new Map(units.map((u) => [u.equipmentCode, u]));
    expect(byCode.get(a)).toMatchObject({ category: '3000', subcategory: '3100', putIntoServiceOn: '2019-03-05', status: 'in_use', keyUnitKind: 'school', lastConclusion: 'pass', nextInspectionDue: '2026-06-01', manufacturer: '某电梯有限公司', createdByName: env.admin.name });
    expect(byCode.get(b)).toMatchObject({ category: '2000', subcategory: '2100', putIntoServiceOn: '2019-03-05', status: 'suspended', safetyGrade: 3, registrationNo: `容${b}` });
    const [record] = await env.db.select().from(equipmentImports).where(eq(equipmentImports.id, byCode.get(a)!.importId!));
    expect(record).toMatchObject({ fileName: '设备.csv', mode: 'all-or-nothing', rows: 2, created: 2, rejected: 0 });
    const audit = await env.services.audit.list(env.db, env.admin, { action: 'equipment.imported', target: record!.id }, { page: 1, pageSize: 5 });
    expect(audit.total).toBe(1);
    const history = (await (await env.loginAdmin()).get(`/api/equipment/${byCode.get(a)!.id}/history`)).json();
    expect(history.items).toEqual([expect.objectContaining({ kind: 'imported', actorName: env.admin.name, reason: '设备.csv' })]);
  });

  it('reads a GBK CSV as saved by Excel on Chinese Windows', async () => {
    const e = await makeEnterprise(env);
    const a = code();
    const gbk = iconv.encode(csv(`${a},,起重机械,桥式起重机,${e.uscc},320826,涟水县某厂房,,,,2020-01-01,,,,,,`), 'gbk');
    const res = (await upload({ mode: 'valid-rows', file: { name: 'gbk.csv', content: gbk } })).json();
    expect(res).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    expect((await unitsOf([a]))[0]).toMatchObject({ category: '4000', subcategory: '4100', address: '涟水县某厂房', status: 'in_use' });
  });

  it('imports .xlsx with date cells and numbers', async () => {
    const e = await makeEnterprise(env);
    const a = code();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HEADER.split(','));
    ws.addRow([a, null, 2000, 2100, e.uscc, 320826, '涟水县化工园区', null, null, null, new Date(Date.UTC(2018, 4, 20)), '在用', null, 2, null, null, null]);
    const res = (await upload({ mode: 'all-or-nothing', file: { name: 'units.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) } })).json();
    expect(res).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    expect((await unitsOf([a]))[0]).toMatchObject({ category: '2000', subcategory: '2100', putIntoServiceOn: '2018-05-20', safetyGrade: 2, regionCode: '320826' });
  });

  it('lists every rejected row with row, column and code; all-or-nothing writes nothing, valid-rows only the valid rows', async () => {
    const e = await makeEnterprise(env);
    const existing = await makeUnit(env, { userUscc: e.uscc });
    const [ok1, ok2, dupInFile, regDup] = [code(), code(), code(), code()];
    const future = addDays(todayInChina(), 3);
    const rows = [
      `${ok1},R${ok1},3000,,${e.uscc},320826,地址1,,,,2020-01-01,,,,,,`, // row 2: ok
      `abc,,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 3: code format
      `${existing.equipmentCode},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 4: code already registered
      `${code()},${existing.registrationNo},3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 5: registration number taken
      `${dupInFile},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 6: ok (first of the repeat)
      `${dupInFile},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 7: repeats row 6
      `${code()},,9999,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 8: category
      `${code()},,3000,4100,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 9: subcategory of another category
      `${code()},,3000,,91320826MA1XXXXX0X,320826,地址,,,,2020-01-01,,,,,,`, // row 10: user unknown
      `${code()},,3000,,${e.uscc},110101,地址,,,,${future},报废了,机场,2,2020-01-01,良好,`, // row 11: region, date, status, kind, grade, conclusion
      `${code()},,3000,,${e.uscc},320826,=HYPERLINK("x"),,,,2020-01-01,,,,,,`, // row 12: formula text
      `${regDup},R${ok1},3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 13: registration number repeats row 2
      `${ok2},,锅炉,承压蒸汽锅炉,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 14: ok
    ];
    const before = (await env.db.select().from(equipmentUnits)).length;
    const res = (await upload({ mode: 'all-or-nothing', file: { name: 'bad.csv', content: csv(...rows) } })).json();
    expect(res.imported).toBe(0);
    expect((await env.db.select().from(equipmentUnits)).length).toBe(before);
    const got = res.rejected.map((r: { row: number; column: string; code: string }) => `${r.row}:${r.column}:${r.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        '3:设备代码:EQUIPMENT_CODE_FORMAT',
        '4:设备代码:DUPLICATE',
        '5:使用登记证编号:DUPLICATE',
        '7:设备代码:DUPLICATE_IN_FILE',
        '8:设备类别:CATEGORY_UNKNOWN',
        '9:设备品种:SUBCATEGORY_MISMATCH',
        '10:使用单位统一社会信用代码:USER_UNKNOWN',
        '11:所在区划:REGION_UNKNOWN',
        '11:投入使用日期:DATE_FUTURE',
        '11:使用状态:STATUS_UNKNOWN',
        '11:重点场所类型:KEY_UNIT_KIND_UNKNOWN',
        '11:安全状况等级:SAFETY_GRADE',
        '11:检验结论:CONCLUSION_UNKNOWN',
        '12:设备地址:CELL_FORMULA',
        '13:使用登记证编号:DUPLICATE_IN_FILE',
      ]),
    );
    expect(got).toHaveLength(15);
    expect(res.rejected.every((r: { message: string }) => r.message.length > 0)).toBe(true);
    expect(await env.db.select().from(equipmentImports).where(eq(equipmentImports.fileName, 'bad.csv'))).toEqual([]);

    const partial = (await upload({ mode: 'valid-rows', file: { name: 'bad.csv', content: csv(...rows) } })).json();
    expect(partial.imported).toBe(3); // rows 2, 6 and 14
    expect((await unitsOf([ok1, ok2, dupInFile, regDup])).map((u) => u.equipmentCode).sort()).toEqual([ok1, ok2, dupInFile].sort());
    const [record] = await env.db.select().from(equipmentImports).where(eq(equipmentImports.fileName, 'bad.csv'));
    expect(record).toMatchObject({ mode: 'valid-rows', created: 3, rejected: 15 });
  });

  it('keeps the first written occurrence: a repeat behind a row refused for another reason is imported instead', async () => {
    const e = await makeEnterprise(env);
    const existing = await makeUnit(env, { userUscc: e.uscc });
    const [x, y] = [code(), code()];
    const rows = [
      `${x},,3000,,91320826MA1XXXXX0X,320826,地址,,,,2020-01-01,,,,,,`, // row 2: unknown user
      `${x},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 3: same code, written
      `${y},${existing.registrationNo},3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 4: registration number taken
      `${y},R${y},3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 5: same code, written
      `${y},R${y},3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, // row 6: repeats row 5
    ];
    const res = (await upload({ mode: 'valid-rows', file: { name: 'order.csv', content: csv(...rows) } })).json();
    expect(res.imported).toBe(2);
    expect(res.rejected.map((r: { row: number; column: string; code: string }) => `${r.row}:${r.column}:${r.code}`)).toEqual([
      '2:使用单位统一社会信用代码:USER_UNKNOWN',
      '4:使用登记证编号:DUPLICATE',
      '6:设备代码:DUPLICATE_IN_FILE',
      '6:使用登记证编号:DUPLICATE_IN_FILE',
    ]);
    expect((await unitsOf([x, y])).map((u) => `${u.equipmentCode}:${u.userUscc}:${u.registrationNo}`).sort()).toEqual([`${x}:${e.uscc}:null`, `${y}:${e.uscc}:R${y}`].sort());
  });

  it('writes cells with tabs, line breaks, backslashes and Chinese text as they were (COPY on PostgreSQL, INSERT on PGlite)', async () => {
    await inTransaction(env.db, async (tx) => expect(pgClientOf(tx) !== null).toBe(env.database.kind === 'postgres'));
    const e = await makeEnterprise(env);
    const a = code();
    const address = '涟水县\t安东路\\1号\n二楼\r\n后门';
    const row = `${a},,3000,,${e.uscc},320826,"${address}",\\N,\\.,"某\t型\\号",2020-01-01,,,,,,`;
    const res = (await upload({ mode: 'all-or-nothing', file: { name: 'chars.csv', content: csv(row) } })).json();
    expect(res).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    expect((await unitsOf([a]))[0]).toMatchObject({ address: '涟水县\t安东路\\1号\n二楼\r\n后门', manufacturer: '\\N', model: '\\.', factoryNo: '某\t型\\号', registrationNo: null, keyUnitKind: null, safetyGrade: null });
  });

  it('diagnoses a batch whose values an earlier batch took, and writes nothing in all-or-nothing', async () => {
    const e = await makeEnterprise(env);
    const first = code();
    const codes = Array.from({ length: 5001 }, (_, i) => (i === 0 ? first : `${first}X${i}`));
    const rows = [...codes.map((c) => `${c},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`), `${first},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`];
    const all = (await upload({ mode: 'all-or-nothing', file: { name: 'batches.csv', content: csv(...rows) } })).json();
    expect(all.imported).toBe(0);
    expect(all.rejected).toEqual([expect.objectContaining({ row: 5003, column: '设备代码', code: 'DUPLICATE_IN_FILE' })]);
    expect(await unitsOf([first, codes.at(-1)!])).toEqual([]);
    const some = (await upload({ mode: 'valid-rows', file: { name: 'batches.csv', content: csv(...rows) } })).json();
    expect(some.imported).toBe(5001);
    expect(some.rejected).toEqual([expect.objectContaining({ row: 5003, code: 'DUPLICATE_IN_FILE' })]);
    const again = (await upload({ mode: 'valid-rows', file: { name: 'again.csv', content: csv(rows[5000]!, `${code()},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`) } })).json();
    expect(again.imported).toBe(1);
    expect(again.rejected).toEqual([expect.objectContaining({ row: 2, code: 'DUPLICATE' })]);
  });

  it('writes nothing when the upload is cut off; refuses empty files and wrong headers', async () => {
    const e = await makeEnterprise(env);
    const a = code();
    const { payload, headers } = multipart({ mode: 'valid-rows', file: { name: 'cut.csv', content: csv(`${a},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`) } });
    const c = await env.loginAdmin();
    const res = await env.app.inject({ method: 'POST', url: '/api/equipment/import', payload: payload.subarray(0, payload.length - 60), headers: { ...headers, 'x-csrf-token': c.csrfToken! }, cookies: { zj_session: c.cookie! } });
    expect(res.statusCode).toBe(400);
    expect(await unitsOf([a])).toEqual([]);
    expect((await upload({ file: { name: 'h.csv', content: `${HEADER}\r\n` } })).json().error.code).toBe('IMPORT_EMPTY');
    expect((await upload({ file: { name: 'w.csv', content: 'a,b\r\n1,2\r\n' } })).json().error.code).toBe('IMPORT_HEADER');
  });

  it('keeps a county officer to its county; an inspector may not import', async () => {
    const e = await makeEnterprise(env);
    const [mine, theirs] = [code(), code()];
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const res = (await upload({ mode: 'valid-rows', file: { name: 'x.csv', content: csv(`${mine},,3000,,${e.uscc},320826,地址,,,,2020-01-01,,,,,,`, `${theirs},,3000,,${e.uscc},320830,地址,,,,2020-01-01,,,,,,`) } }, await env.login(officer.username))).json();
    expect(res.imported).toBe(1);
    expect(res.rejected).toEqual([expect.objectContaining({ row: 3, code: 'OUT_OF_SCOPE', column: '所在区划' })]);
    const inspector = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    expect((await upload({ file: { name: 'x.csv', content: csv() } }, await env.login(inspector.username))).statusCode).toBe(403);
  });
});

describe('GET /api/equipment/export and the template', () => {
  it('exports the filtered list with the user’s name, cells that would start a formula neutralised (CSV) or kept as text (xlsx)', async () => {
    const e = await makeEnterprise(env, { name: '-出口测试有限公司' });
    await makeUnit(env, { userUscc: e.uscc, address: '=HYPERLINK("http://x")', manufacturer: '+制造', model: '-1', factoryNo: '@SUM(A1)', keyUnitKind: 'mall', nextInspectionDue: '2026-01-01', lastInspectedOn: '2025-01-01', lastConclusion: 'pass_with_remarks' });
    const c = await env.loginAdmin();
    const res = await c.get(`/api/equipment/export?format=csv&userUscc=${e.uscc}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe(HEADER.replace('使用单位统一社会信用代码,', '使用单位统一社会信用代码,使用单位名称,'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'-出口测试有限公司`);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain(`'+制造,'-1,'@SUM(A1)`);
    expect(lines[1]).toContain('商场');
    expect(lines[1]).toContain('基本符合要求');
    const xlsx = await c.get(`/api/equipment/export?format=xlsx&userUscc=${e.uscc}`);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(cells).toContain('=HYPERLINK("http://x")'); // text, not a formula
    expect(wb.worksheets[0]!.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.String);

  });

  it('exports a list that re-imports as the same units (elsewhere; here its codes are taken)', async () => {
    const e = await makeEnterprise(env);
    const unit = await makeUnit(env, { userUscc: e.uscc, model: '-1', manufacturer: '某制造厂', keyUnitKind: 'mall', nextInspectionDue: '2026-01-01', lastInspectedOn: '2025-01-01', lastConclusion: 'pass_with_remarks', category: '2000', subcategory: '2100', safetyGrade: 4 });
    const c = await env.loginAdmin();
    const res = await c.get(`/api/equipment/export?format=csv&userUscc=${e.uscc}`);
    const again = (await upload({ mode: 'all-or-nothing', file: { name: 'export.csv', content: res.rawPayload } })).json();
    expect(again.rejected.map((r: { code: string; column: string }) => `${r.column}:${r.code}`)).toEqual(['设备代码:DUPLICATE', '使用登记证编号:DUPLICATE']);
    await env.db.delete(equipmentUnits).where(eq(equipmentUnits.id, unit.id));
    const back = (await upload({ mode: 'all-or-nothing', file: { name: 'export.csv', content: res.rawPayload } })).json();
    expect(back).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    const xlsx = await c.get(`/api/equipment/export?format=xlsx&userUscc=${e.uscc}`);
    await env.db.delete(equipmentUnits).where(eq(equipmentUnits.equipmentCode, unit.equipmentCode));
    expect((await upload({ mode: 'all-or-nothing', file: { name: 'export.xlsx', content: xlsx.rawPayload } })).json()).toMatchObject({ imported: 1, rejected: [] });
    const [restored] = await unitsOf([unit.equipmentCode]);
    const { id: _a, importId: _b, createdAt: _c, updatedAt: _d, createdByName: _e, ...same } = unit;
    expect(restored).toMatchObject(same);
  });

  it('exports only what the reader may see', async () => {
    await makeUnit(env, { regionCode: '320830' });
    await makeUnit(env, { regionCode: '320826' });
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    const body = (await (await env.login(officer.username)).get('/api/equipment/export?format=csv')).body.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((line: string) => line.split(',')[6] === '320830')).toBe(true);
  });

  it('offers the template: the header row', async () => {
    const c = await env.loginAdmin();
    const res = await c.get('/api/equipment/import/template?format=csv');
    expect(res.body.replace(/^\uFEFF/, '').trim()).toBe(HEADER);
    const xlsx = await c.get('/api/equipment/import/template');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
