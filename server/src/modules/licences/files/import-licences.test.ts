import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { ImportMode } from '../../../platform/files/import.js';
import { importLimitsOf } from '../../../platform/files/limits.js';
import { kindOf } from '../../../platform/files/read-rows.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';
import { licences } from '../licences.schema.js';

const env = useServiceEnv();

const HEADER = '许可证类型,证书编号,统一社会信用代码,许可范围,发证日期,有效期至,发证机关';
const ISSUER = '江苏省市场监督管理局';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

let seq = 0;
const number = (prefix = 'XK') => `${prefix}-${Date.now().toString(36)}-${++seq}`;
const wrongCheckDigit = (uscc: string) => uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');

function importFile(content: string | Buffer, opts: { mode?: ImportMode; actor?: Actor; name?: string } = {}) {
  const name = opts.name ?? 'licences.csv';
  const stream = Readable.from([Buffer.isBuffer(content) ? content : Buffer.from(content)]);
  return env.services.importLicences({ actor: opts.actor ?? env.admin }, { stream, filename: name, kind: kindOf(name), limits: importLimitsOf(env.config) }, async () => opts.mode ?? 'all-or-nothing');
}

const licencesOf = async (uscc: string) => (await env.services.licences.list(env.admin, { uscc }, { page: 1, pageSize: 100 })).items;
const importEvents = async () => (await env.services.audit.list(env.db, env.admin, { action: 'licence.imported' }, { page: 1, pageSize: 1 })).total;

describe('licence import', () => {
  it('imports by type name or key with the form’s rules (default validity, spreadsheet dates), without a notice; re-importing changes nothing', async () => {
    const e = await makeEnterprise(env);
    const [a, b, c] = [number(), number(), number()];
    const file = csv(
      `工业产品生产许可证,${a},${e.uscc.toLowerCase()},电线电缆,2024/3/1,,${ISSUER}`, // no expiry: the type's 5 years
      `cma,${b},${e.uscc},,45292,2030-01-01,${ISSUER}`, // Excel serial 45292 = 2024-01-01
      `特种设备使用登记证,${c},${e.uscc},,2020年5月6日,长期,淮安市市场监督管理局`,
    );
    const events = await importEvents();
    expect(await importFile(file)).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: [] });
    const held = await licencesOf(e.uscc);
    expect(held.find((l) => l.number === a)).toMatchObject({ type: 'industrial_product', scope: '电线电缆', issuedOn: '2024-03-01', expiresOn: '2029-02-28', state: 'normal' });
    expect(held.find((l) => l.number === b)).toMatchObject({ type: 'cma', scope: null, issuedOn: '2024-01-01', expiresOn: '2030-01-01' });
    expect(held.find((l) => l.number === c)).toMatchObject({ type: 'se_use_registration', issuedOn: '2020-05-06', expiresOn: null });
    await expect(env.services.licences.notice(env.admin, held[0]!.id)).rejects.toMatchObject({ status: 404 });

    expect(await importFile(file, { mode: 'valid-rows' })).toEqual({ imported: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await importEvents()).toBe(events + 2); // one event per import
  });

  it('updates the fields of the holder’s licence, never its state; a column the file lacks is left as it is', async () => {
    const e = await makeEnterprise(env);
    const l = await env.services.licences.create(env.ctx, { uscc: e.uscc, type: 'cma', number: number('CMA'), scope: '水质检测', issuedOn: '2024-01-01', issuer: ISSUER });
    await env.services.licences.requestTransition(env.ctx, l.id, { to: 'warning', reason: '复查', legalBasis: '《检验检测机构资质认定管理办法》', documentNo: `淮市监警〔2026〕${++seq}号`, reviewOn: addDays(todayInChina(), 30) });
    const file = ['许可证类型,证书编号,统一社会信用代码,发证日期,发证机关', `cma,${l.number},${e.uscc},2024-01-02,淮安市市场监督管理局`].join('\r\n');
    expect(await importFile(file)).toEqual({ imported: 0, updated: 1, unchanged: 0, rejected: [] });
    expect(await env.services.licences.get(env.admin, l.id)).toMatchObject({ state: 'warning', scope: '水质检测', issuedOn: '2024-01-02', issuer: '淮安市市场监督管理局', expiresOn: l.expiresOn });
    expect(await importFile(file)).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('lists every rejected row with its column and code; all-or-nothing writes nothing, valid-rows the valid rows', async () => {
    const e = await makeEnterprise(env);
    const other = await makeEnterprise(env);
    const taken = await env.services.licences.create(env.ctx, { uscc: other.uscc, type: 'industrial_product', number: number(), issuedOn: '2024-01-01', issuer: ISSUER });
    const good = number();
    const rows = [
      `工业产品生产许可证,${good},${e.uscc},,2024-01-01,,${ISSUER}`, // 2
      `无此类型,${number()},${e.uscc},,2024-01-01,,${ISSUER}`, // 3
      `制造计量器具许可证（已取消）,${number()},${e.uscc},,2016-01-01,,${ISSUER}`, // 4: historic, new
      `cma,${number()},91320826,,2024-01-01,,${ISSUER}`, // 5
      `cma,${number()},${wrongCheckDigit(randomUscc())},,2024-01-01,,${ISSUER}`, // 6
      `cma,${number()},${randomUscc()},,2024-01-01,,${ISSUER}`, // 7: not registered
      `cma,${number()},${e.uscc},,2024-02-30,不久,${ISSUER}`, // 8
      `cma,${number()},${e.uscc},,2024-01-01,2023-12-31,${ISSUER}`, // 9
      `industrial_product,${good},${e.uscc},,2024-01-01,,${ISSUER}`, // 10: repeats row 2
      `industrial_product,${taken.number},${e.uscc},,2024-01-01,,${ISSUER}`, // 11: another holder's
      `cma,${number()},${e.uscc},,${addDays(todayInChina(), 1)},,${ISSUER}`, // 12
      `cma,${number()},${e.uscc},,2024-01-01,,`, // 13
    ];
    const all = await importFile(csv(...rows));
    expect(all).toMatchObject({ imported: 0, updated: 0, unchanged: 0 });
    expect(all.rejected.map((r) => `${r.row}:${r.column}:${r.code}`)).toEqual([
      '3:许可证类型:LICENCE_TYPE_UNKNOWN',
      '4:许可证类型:LICENCE_TYPE_HISTORIC',
      '5:统一社会信用代码:USCC_FORMAT',
      '6:统一社会信用代码:USCC_CHECK_DIGIT',
      '7:统一社会信用代码:ENTERPRISE_UNKNOWN',
      '8:发证日期:INVALID_DATE',
      '8:有效期至:INVALID_DATE',
      '9:有效期至:EXPIRY_BEFORE_ISSUE',
      '10:证书编号:DUPLICATE_IN_FILE',
      '11:证书编号:NUMBER_TAKEN',
      '12:发证日期:DATE_FUTURE',
      '13:发证机关:VALIDATION',
    ]);
    expect(all.rejected.every((r) => r.message.length > 0)).toBe(true);
    expect(await licencesOf(e.uscc)).toEqual([]);
    expect((await env.services.licences.get(env.admin, taken.id)).uscc).toBe(other.uscc);

    const valid = await importFile(csv(...rows), { mode: 'valid-rows' });
    expect(valid).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect(valid.rejected).toHaveLength(all.rejected.length);
    expect((await licencesOf(e.uscc)).map((l) => l.number)).toEqual([good]);
  });

  it('keeps a licence of a historic type readable: the same row is unchanged, a change is refused', async () => {
    const e = await makeEnterprise(env);
    const n = number('JL');
    await env.db.insert(licences).values({ enterpriseId: e.id, typeKey: 'metrology_manufacture_historic', number: n, issuedOn: '2015-06-01', expiresOn: '2018-05-31', issuer: ISSUER, state: 'expired' });
    const row = (issuer: string) => csv(`制造计量器具许可证（已取消）,${n},${e.uscc},,2015-06-01,2018-05-31,${issuer}`);
    expect(await importFile(row(ISSUER))).toEqual({ imported: 0, updated: 0, unchanged: 1, rejected: [] });
    const changed = await importFile(row('淮安市质量技术监督局'));
    expect(changed.rejected).toEqual([expect.objectContaining({ row: 2, column: '许可证类型', code: 'LICENCE_TYPE_HISTORIC' })]);
  });

  it('keeps a county officer to the holders of its county', async () => {
    const county = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).id))!;
    const own = await makeEnterprise(env, { regionCode: '320826' });
    const foreign = await makeEnterprise(env, { regionCode: '320830' });
    const file = csv(`cma,${number()},${own.uscc},,2024-01-01,,${ISSUER}`, `cma,${number()},${foreign.uscc},,2024-01-01,,${ISSUER}`);
    const res = await importFile(file, { actor: county, mode: 'valid-rows' });
    expect(res).toMatchObject({ imported: 1 });
    expect(res.rejected).toEqual([expect.objectContaining({ row: 3, column: '统一社会信用代码', code: 'ENTERPRISE_UNKNOWN' })]);
    expect(await licencesOf(foreign.uscc)).toEqual([]);
  });

  it('reads .xlsx with English headers and date cells, and refuses a file without the required columns', async () => {
    const e = await makeEnterprise(env);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['type', 'number', 'uscc', 'issuedOn', 'expiresOn', 'issuer']);
    ws.addRow(['metrology_standard', number('JB'), e.uscc, new Date(Date.UTC(2023, 6, 1)), null, ISSUER]);
    const res = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), { name: 'licences.xlsx' });
    expect(res).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    expect((await licencesOf(e.uscc))[0]).toMatchObject({ issuedOn: '2023-07-01', expiresOn: '2028-06-30' });

    await expect(importFile('许可证类型,证书编号,统一社会信用代码\r\ncma,1,x\r\n')).rejects.toMatchObject({ code: 'IMPORT_HEADER' });
    await expect(importFile(`${HEADER}\r\n`)).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
  });
});
