import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { toCsv, toXlsx } from './export.js';
import { unquoteCell } from './import.js';
import { importLimitsOf } from './limits.js';
import { readRows } from './read-rows.js';

async function* rowsOf(rows: string[][]) {
  yield* rows;
}

const text = async (stream: Readable) => Buffer.concat(await stream.toArray()).toString('utf8');

/** Cells a spreadsheet program would run as formulas, and cells that only look a little like them. */
const DANGEROUS = [`-2+3+cmd|' /C calc'!A0`, '=1+1', '=HYPERLINK("http://evil","点击")', '+86 517', '@SUM(A1)', '\t=1+1', '\r=1+1', `'=already quoted`];
const HARMLESS = ['淮安明晟餐饮有限公司', '2019-03-05', 'a=b', ' =1', "'plain", '', '苏XK06-001', '金湖𠮷祥'];

describe('CSV export', () => {
  it('puts a quote before every cell that starts with = + - @ tab or carriage return, and none before others', async () => {
    const csv = await text(toCsv(rowsOf([['列'], ...DANGEROUS.map((c) => [c]), ...HARMLESS.map((c) => [c])])));
    const cells = (parse(csv, { bom: true, relax_column_count: true }) as string[][]).map((r) => r[0] ?? '');
    expect(cells).toEqual(['列', ...DANGEROUS.map((c) => `'${c}`), ...HARMLESS]);
    expect(cells).toContain(`''=already quoted`);
    // What our importers read back is what was exported.
    expect(cells.map((c) => unquoteCell(c))).toEqual(['列', ...DANGEROUS, ...HARMLESS]);
  });
});

describe('.xlsx export', () => {
  it('writes every cell as text, formula-like or not, and what it writes reads back unchanged', async () => {
    const cells = [...DANGEROUS, ...HARMLESS.filter(Boolean), '_x0041_ stays _x005F_', '第一行\r\n第二行\n第三行', 'bell\u0007 and vertical tab\u000b'];
    const file = Buffer.concat(await toXlsx(rowsOf(cells.map((c) => [c])), '名录').toArray());
    const read: unknown[] = [];
    for await (const row of readRows(Readable.from([file]), 'xlsx', importLimitsOf(loadConfig({})))) read.push(row.cells[0]);
    expect(read).toEqual(cells);
  });
});
