import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { uploadTo } from '../../../test/multipart.js';
import { completeUscc } from '../../enterprises/index.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { complaintDeadlines, complaints } from '../complaints.schema.js';
import { transferFileHeader } from './transfer-import.js';

/**
 * Issue 17: the import of a day's 12315 transfer list — GBK CSV and .xlsx with Chinese, every row
 * checked first (row, column, reason; never the reporter's data), all-or-nothing and valid-rows,
 * 转办编号 already imported skipped and counted, routing and clocks through intake, bad files.
 */
const env = useTestEnv({ importMaxBytes: 200_000 });

const HEADER = transferFileHeader();
const URL = '/api/complaints/import';
let seq = 0;
const ref = () => `ZB${Date.now()}${String(seq++).padStart(3, '0')}`;

/** A row by column header (missing ones empty). */
const line = (cells: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((h) => cells[h as keyof typeof cells] ?? '');
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
async function xlsx(rows: string[][]) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('转办清单').addRows([HEADER, ...rows]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const byRefs = (refs: string[]) => env.db.select().from(complaints).where(and(eq(complaints.channel, 'transfer_12315'), inArray(complaints.channelRef, refs)));

const PHONE = '13987654321';
const ID_NUMBER = '320826199001011231';

describe('POST /api/complaints/import', () => {
  it('imports a GBK CSV with Chinese: routed by the subject, the 12315 channel and reference, the clocks from the 登记日期, the reporter sealed', async () => {
    const e = await makeEnterprise(env, { regionCode: '320830', name: '盱眙某某食品有限公司' });
    const [a, b, c] = [ref(), ref(), ref()];
    const file = iconv.encode(
      csv([
        line({ 转办编号: a, 类型: '投诉', 登记日期: '2026/11/30', 被投诉举报对象: e.name, 统一社会信用代码: e.uscc, 问题描述: '购买的月饼过期，商家拒绝退货，"要求赔偿"', 投诉举报人姓名: '李四', 联系电话: PHONE, 身份证号: ID_NUMBER, 联系地址: '淮安市淮阴区某小区' }),
        line({ 转办编号: b, 类型: '举报', 所属区划: '320826', 地点: '涟水县某小区 3 号楼', 问题描述: '电梯困人超过半小时无人处置', 紧急类别: '电梯困人' }),
        line({ 转办编号: c, 类型: '咨询', 问题描述: '如何办理小作坊登记？' }),
      ]),
      'gbk',
    );
    const res = await uploadTo(env, URL, { file: { name: '12315转办清单.csv', content: file } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: [] });

    const rows = await byRefs([a, b, c]);
    const item = (r: string) => rows.find((x) => x.channelRef === r)!;
    expect(item(a)).toMatchObject({ kind: 'complaint', channel: 'transfer_12315', regionCode: '320830', subjectEnterpriseId: e.id, receivedOn: '2026-11-30', anonymous: false, reporterNameMasked: '李*', reporterPhoneMasked: '139****4321', description: '购买的月饼过期，商家拒绝退货，"要求赔偿"' });
    expect(JSON.stringify(item(a))).not.toContain(PHONE);
    expect(JSON.stringify(item(a))).not.toContain(ID_NUMBER);
    expect(item(b)).toMatchObject({ kind: 'report', regionCode: '320826', category: 'elevator_trapping', urgent: true, topic: 'special_equipment', anonymous: true, place: '涟水县某小区 3 号楼' });
    expect(item(c)).toMatchObject({ kind: 'enquiry', anonymous: true });
    // The complaint's 7-day acceptance clock counts from the 登记日期.
    const [clock] = await env.db.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, item(a).id));
    expect(clock).toMatchObject({ kind: 'accept', startedOn: '2026-11-30' });
    const [audit] = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'complaint.imported')).limit(1);
    expect(JSON.stringify(audit)).not.toContain(PHONE);
  });

  it('imports an .xlsx; the same list again skips every 转办编号 already imported and counts it', async () => {
    const [a, b] = [ref(), ref()];
    const file = await xlsx([
      line({ 转办编号: a, 类型: '举报', 问题描述: '加油站加油机计量作弊', 紧急类别: 'measuring_short', 所属区划: '320804' }),
      line({ 转办编号: b, 问题描述: '网购的电热毯起火', 投诉举报人姓名: '王五', 联系电话: '0517-83601234' }),
    ]);
    const first = await uploadTo(env, URL, { file: { name: 'list.xlsx', content: file } });
    expect(first.json()).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: [] });
    const again = await uploadTo(env, URL, { file: { name: 'list.xlsx', content: file } });
    expect(again.json()).toEqual({ imported: 0, updated: 0, unchanged: 2, rejected: [] });
    expect(await byRefs([a, b])).toHaveLength(2);
    expect((await byRefs([a]))[0]).toMatchObject({ topic: 'metrology', regionCode: '320804' });
    // A list with one new row among imported ones: only that one is new.
    const c = ref();
    const more = await uploadTo(env, URL, { file: { name: 'list.xlsx', content: await xlsx([line({ 转办编号: a, 类型: '举报', 问题描述: '重复' }), line({ 转办编号: c, 类型: '建议', 问题描述: '建议延长窗口办公时间' })]) } });
    expect(more.json()).toEqual({ imported: 1, updated: 0, unchanged: 1, rejected: [] });
  });

  it('checks every row first: row, column and reason — and in all-or-nothing mode writes nothing', async () => {
    const good = ref();
    const bad = [ref(), ref(), ref(), ref(), ref(), ref()];
    const rows = [
      line({ 转办编号: good, 类型: '举报', 问题描述: '无证生产电线电缆' }),
      line({ 转办编号: bad[0], 类型: '投诉', 问题描述: '投诉人没留电话' }),
      line({ 转办编号: bad[1], 类型: '举报', 问题描述: '电话不对', 投诉举报人姓名: '赵六', 联系电话: '1398765432x' }),
      line({ 转办编号: bad[2], 类型: '举报', 问题描述: '身份证号不对', 投诉举报人姓名: '赵六', 联系电话: PHONE, 身份证号: '320826199001011230' }),
      line({ 转办编号: bad[3], 类型: '表扬', 登记日期: '2099-01-01', 所属区划: '110101', 紧急类别: '不存在的类别', 问题描述: '' }),
      line({ 转办编号: bad[4], 类型: '举报', 问题描述: '只有电话', 联系电话: PHONE }),
      line({ 转办编号: good, 类型: '举报', 问题描述: '同一编号又出现' }),
      line({ 转办编号: bad[5], 类型: '举报', 问题描述: 'x'.repeat(5001) }),
    ];
    const res = await uploadTo(env, URL, { file: { name: 'bad.csv', content: csv(rows) } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { imported: number; rejected: { row: number; column: string; code: string; message: string }[] };
    expect(body.imported).toBe(0);
    const problems = body.rejected.map((r) => `${r.row} ${r.column} ${r.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '3 投诉举报人姓名 REPORTER_REQUIRED',
        '4 联系电话 PHONE_FORMAT',
        '5 身份证号 ID_NUMBER_CHECK_DIGIT',
        '6 类型 KIND_UNKNOWN',
        '6 登记日期 DATE_FUTURE',
        '6 所属区划 REGION_UNKNOWN',
        '6 紧急类别 CATEGORY_UNKNOWN',
        '6 问题描述 REQUIRED',
        '7 投诉举报人姓名 REQUIRED',
        '8 转办编号 DUPLICATE_IN_FILE',
        '9 问题描述 TOO_LONG',
      ]),
    );
    expect(body.rejected.find((r) => r.code === 'PHONE_FORMAT')!.message).toContain('联系电话格式不正确');
    // The reporter's data is in no message.
    for (const secret of [PHONE, '1398765432', '320826199001011230', '赵六']) expect(res.body).not.toContain(secret);
    expect(await byRefs([good, ...bad])).toEqual([]);
  });

  it('in valid-rows mode writes the valid rows and reports the others, also those intake refuses', async () => {
    const [good, bad, refused, after] = [ref(), ref(), ref(), ref()];
    // A USCC failing its check digit that the register does not hold: refused by intake, inside the row's savepoint.
    const valid = completeUscc('9132082600000000');
    const wrongCheck = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const rows = [
      line({ 转办编号: good, 类型: '举报', 问题描述: '超市销售假冒商品' }),
      line({ 转办编号: bad, 类型: '投诉', 问题描述: '没有投诉人' }),
      line({ 转办编号: refused, 类型: '举报', 统一社会信用代码: wrongCheck, 问题描述: '信用代码校验位错误' }),
      line({ 转办编号: after, 类型: '举报', 问题描述: '其后的行照常导入' }),
    ];
    const res = await uploadTo(env, URL, { mode: 'valid-rows', file: { name: 'mixed.csv', content: csv(rows) } });
    expect(res.json()).toEqual({
      imported: 2,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 3, column: '投诉举报人姓名', code: 'REPORTER_REQUIRED', message: expect.any(String) },
        { row: 4, column: '统一社会信用代码', code: 'USCC_CHECK_DIGIT', message: expect.any(String) },
      ],
    });
    expect((await byRefs([good, bad, refused, after])).map((r) => r.channelRef).sort()).toEqual([good, after].sort());
  });

  it('refuses a file without the required columns, garbage, an .xls and an oversized file (400 / 413), writing nothing', async () => {
    const code = async (name: string, content: Buffer | string) => {
      const res = await uploadTo(env, URL, { file: { name, content } });
      return [res.statusCode, res.json().error?.code];
    };
    expect(await code('x.csv', '转办编号,类型\r\nZB1,投诉')).toEqual([400, 'IMPORT_HEADER']);
    expect(await code('x.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]))).toEqual([400, 'IMPORT_FORMAT']);
    expect(await code('x.xls', Buffer.alloc(100, 1))).toEqual([400, 'IMPORT_FORMAT']);
    expect(await code('x.csv', `${HEADER.join(',')}\r\n`)).toEqual([400, 'IMPORT_EMPTY']);
    const big = csv(Array.from({ length: 3000 }, (_, i) => line({ 转办编号: `BIG${i}`, 类型: '举报', 问题描述: '很长的清单'.repeat(10) })));
    expect(await code('big.csv', big)).toEqual([413, 'IMPORT_TOO_LARGE']);
    expect(await byRefs(['ZB1', 'BIG0'])).toEqual([]);
  });

  it('needs complaint.import (a county officer has it; an inspector has not)', async () => {
    const inspector = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const client = await env.login(inspector.username);
    const res = await uploadTo(env, URL, { file: { name: 'x.csv', content: csv([line({ 转办编号: ref(), 类型: '举报', 问题描述: '无权' })]) } }, client);
    expect(res.statusCode).toBe(403);
    expect((await client.get(`${URL}/template`)).statusCode).toBe(403);
  });
});

describe('GET /api/complaints/import/template', () => {
  it('is an .xlsx (or .csv) with the Chinese headers, which imports as it is', async () => {
    const admin = await env.loginAdmin();
    const res = await admin.get(`${URL}/template`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const csvRes = await admin.get(`${URL}/template?format=csv`);
    expect(csvRes.body.replace(/^\uFEFF/, '').trim()).toBe(HEADER.join(','));
  });
});
