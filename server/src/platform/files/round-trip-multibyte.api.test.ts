import { describe, expect, it } from 'vitest';
import { randomUscc } from '../../modules/enterprises/testing.js';
import { useTestEnv } from '../../test/app.js';
import { uploadTo } from '../../test/multipart.js';
import { ALL_SPLITS, inlineCell, ref, sharedStringsXml, sheetXml, splitsCovered, xlsxOf } from './xlsx/testing.js';

/**
 * Issue 12 item 1, through the import itself: a generated .xlsx whose cells put 3- and 4-byte
 * characters across every byte offset of several buffer sizes is imported intact, and the same
 * file, or its export, re-imported reports every row unchanged. (read-xlsx.test.ts proves the
 * reader alone over chunks of any size; this proves what reaches the register.)
 */
const env = useTestEnv();

const REGION = '320826'; // 涟水县
const HEADER = ['统一社会信用代码', '企业名称', '法定代表人', '住所', '行政区划代码', '登记状态', '成立日期', '行业代码'];
/** 3-byte (中华国龘) and 4-byte (𠮷𠀋𪚥) characters with 1-byte ones between them. */
const MIXED = ['中', '𠮷', 'a', '华', '𠮷', '𠀋', 'b', '国', '龘', '𪚥'];
const ROWS = 2000;
/** Buffer sizes whose boundaries the sheet part must split characters at, at every byte offset (yauzl inflates in 16 KB). */
const BUFFER_SIZES = [1000, 1024, 4096, 8192, 16384];

const mixed = (i: number, n: number) => Array.from({ length: n }, (_w, j) => MIXED[(i + j) % MIXED.length]).join('');


describe('a generated .xlsx with multi-byte characters across every byte offset of several buffer sizes', () => {
  it('is imported intact, and re-imported (the same file, shared strings, its .xlsx and CSV export) reports every row unchanged', async () => {
    const rows = Array.from({ length: ROWS }, (_v, i) => [
      randomUscc(REGION),
      `${'x'.repeat(i % 11)}${mixed(i, 30 + (i % 17))}有限公司${i}`,
      mixed(i + 3, 2 + (i % 3)),
      `涟水县${'y'.repeat(i % 7)}${mixed(i + 5, 20 + (i % 13))}路${i}号`,
      REGION,
      '存续',
      '',
      'C1391',
    ]);
    const table = [HEADER, ...rows];
    const inline = Buffer.from(sheetXml(table.map((cells, r) => cells.map((t, c) => inlineCell(c, r + 1, t)))));
    const strings = table.flat();
    const shared = Buffer.from(sheetXml(table.map((cells, r) => cells.map((_t, c) => `<c r="${ref(c, r + 1)}" t="s"><v>${r * HEADER.length + c}</v></c>`))));
    const sst = Buffer.from(sharedStringsXml(strings));
    // The fixture really puts a boundary of each buffer size inside every kind of character at every offset.
    for (const size of BUFFER_SIZES) {
      expect(splitsCovered(inline, size), `inline sheet, buffers of ${size}`).toEqual(ALL_SPLITS);
      expect(splitsCovered(sst, size), `shared strings, buffers of ${size}`).toEqual(ALL_SPLITS);
    }

    const upload = async (name: string, content: Buffer | string) => (await uploadTo(env, '/api/enterprises/import', { mode: 'valid-rows', file: { name, content } })).json();
    expect(await upload('名录.xlsx', await xlsxOf({ sheet: inline }))).toEqual({ imported: ROWS, updated: 0, unchanged: 0, rejected: [] });
    for (const [name, file] of [
      ['deflated, inline strings', await xlsxOf({ sheet: inline })],
      ['stored, inline strings', await xlsxOf({ sheet: inline }, 'STORE')],
      ['deflated, shared strings', await xlsxOf({ sheet: shared, sharedStrings: sst })],
      ['stored, shared strings', await xlsxOf({ sheet: shared, sharedStrings: sst }, 'STORE')],
    ] as const) {
      expect(await upload('名录.xlsx', file), name).toEqual({ imported: 0, updated: 0, unchanged: ROWS, rejected: [] });
    }

    // What was stored is the text sent, character for character (no U+FFFD, nothing guessed).
    const admin = await env.loginAdmin();
    const csv = await admin.get(`/api/enterprises/export?format=csv&regionCode=${REGION}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('\uFFFD');
    const stored = new Map(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(','))
        .map((cells) => [cells[0]!, cells.slice(1, 4)]),
    );
    expect(stored.size).toBe(ROWS);
    for (const row of rows) expect(stored.get(row[0]!), row[0]).toEqual(row.slice(1, 4));

    const xlsx = await admin.get(`/api/enterprises/export?format=xlsx&regionCode=${REGION}`);
    expect(await upload('export.xlsx', xlsx.rawPayload)).toEqual({ imported: 0, updated: 0, unchanged: ROWS, rejected: [] });
    expect(await upload('export.csv', csv.rawPayload)).toEqual({ imported: 0, updated: 0, unchanged: ROWS, rejected: [] });
  }, 300_000);
});

describe('an .xlsx cell holding U+FFFD', () => {
  it('is refused as a row error TEXT_ENCODING, and the row is not stored', async () => {
    const [bad, good] = [randomUscc(REGION), randomUscc(REGION)];
    const table = [HEADER, [bad, '涟水\uFFFD\uFFFD食品有限公司', '王强', '', REGION, '存续', '', 'C1391'], [good, '涟水瑞祥食品有限公司', '王强', '', REGION, '存续', '', 'C1391']];
    const file = await xlsxOf({ sheet: sheetXml(table.map((cells, r) => cells.map((t, c) => inlineCell(c, r + 1, t)))) });
    const res = (await uploadTo(env, '/api/enterprises/import', { mode: 'valid-rows', file: { name: 'x.xlsx', content: file } })).json();
    expect({ imported: res.imported, rejected: res.rejected.map((r: { row: number; column: string; code: string }) => `${r.row}:${r.column}:${r.code}`) }).toEqual({ imported: 1, rejected: ['2:企业名称:TEXT_ENCODING'] });
    const admin = await env.loginAdmin();
    expect((await admin.get(`/api/enterprises/${bad}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/enterprises/${good}`)).statusCode).toBe(200);
  });
});
