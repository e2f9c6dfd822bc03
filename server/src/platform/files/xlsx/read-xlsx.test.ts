import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { type ImportLimits, importLimitsOf } from '../limits.js';
import { FORMULA_WITHOUT_RESULT, type SheetRow, readRows } from '../read-rows.js';
import { readSheet } from './sheet.js';
import { ALL_SPLITS, inlineCell, plainEntries, ref, repeatedZip, sharedStringsXml, sheetXml, splitsCovered, xlsxOf } from './testing.js';
import { textOf } from './zip.js';

const DEFAULTS = importLimitsOf(loadConfig({}));

async function rowsOf(file: Buffer, limits: Partial<ImportLimits> = {}): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(Readable.from([file]), 'xlsx', { ...DEFAULTS, ...limits })) rows.push(row);
  return rows;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the file to be refused');
    },
    (err: { code?: string; status?: number; details?: { limit?: string } }) => ({ code: err.code, status: err.status, limit: err.details?.limit }),
  );

// Each test's temporary files go to a folder of this file's own, checked empty at the end.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-xlsx-test-'));
const previousTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = tmp;
});
afterAll(() => {
  process.env.TMPDIR = previousTmp;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('.xlsx reader', () => {
  it('reads every kind of cell as the import expects it', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/><numFmt numFmtId="177" formatCode="0.00&quot;元&quot;"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs>
      <dxfs count="1"><dxf><numFmt numFmtId="178" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;
    const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>淮安</t></si><si><r><rPr><b/></rPr><t>清江</t></r><r><t xml:space="preserve">浦 区</t></r><rPh sb="0" eb="2"><t>ふりがな</t></rPh></si><si><t>第一行_x000D_
第二行 _x005F_x0041_</t></si></sst>`;
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3"><x:v>43529</x:v></x:c><x:c r="B3" s="1"><x:v>43529</x:v></x:c><x:c r="C3" s="2"><x:v>43529.5</x:v></x:c><x:c r="D3" s="3"><x:v>12.5</x:v></x:c><x:c r="E3" t="d"><x:v>2019-03-05T00:00:00</x:v></x:c></x:row>
      <x:row r="4"><x:c r="A4" t="b"><x:v>1</x:v></x:c><x:c r="B4" t="b"><x:v>0</x:v></x:c><x:c r="C4" t="e"><x:v>#N/A</x:v></x:c><x:c r="D4"><x:f>SUM(A1:A2)</x:f></x:c><x:c r="E4" t="str"><x:f>A1&amp;"x"</x:f><x:v>淮安x &amp; &lt;y&gt;</x:v></x:c><x:c r="F4" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="G4"><x:f t="shared" si="0"/></x:c><x:c r="H4"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>
      <x:row r="5"><x:c t="inlineStr"><x:is><x:r><x:t>富文本</x:t></x:r><x:r><x:t>内联</x:t></x:r></x:is></x:c><x:c s="1"/><x:c t="inlineStr"><x:is><x:t>第三列</x:t></x:is></x:c></x:row>
      <x:row r="6" spans="1:8" s="3" customFormat="1"/>
      <x:row><x:c r="B7" t="inlineStr"><x:is><x:t>  前后空格  </x:t></x:is></x:c></x:row>
    </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const rows = await rowsOf(await xlsxOf({ sheet, sharedStrings: strings, styles }));
    const day = new Date(Date.UTC(2019, 2, 5));
    expect(rows).toEqual([
      { row: 1, cells: ['淮安', null, '清江浦 区', '第一行\r\n第二行 _x0041_'] },
      { row: 3, cells: [43529, day, new Date(Date.UTC(2019, 2, 5, 12)), 12.5, day] },
      { row: 4, cells: [true, false, null, FORMULA_WITHOUT_RESULT, '淮安x & <y>', FORMULA_WITHOUT_RESULT, FORMULA_WITHOUT_RESULT, 2] },
      { row: 5, cells: ['富文本内联', null, '第三列'] },
      { row: 6, cells: [] },
      { row: 7, cells: [null, '  前后空格  '] },
    ]);
  });

  it('honours the 1904 date system and reads the first visible sheet', async () => {
    const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const rows = await rowsOf(await xlsxOf({ sheet: sheetXml([['<c r="A1" s="1"><v>42067</v></c>']]), styles, workbookPr: '<workbookPr date1904="1"/>' }));
    expect(rows).toEqual([{ row: 1, cells: [new Date(Date.UTC(2019, 2, 5))] }]);
  });

  it('finds the shared strings and styles by their usual names when the workbook does not list them', async () => {
    const file = repeatedZip([
      ...plainEntries({ sharedStrings: false }),
      { name: 'xl/worksheets/sheet1.xml', content: sheetXml([['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" s="1"><v>43529</v></c>']]) },
      { name: 'xl/sharedStrings.xml', content: sharedStringsXml(['无关系也能读到']) },
      { name: 'xl/styles.xml', content: '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' },
    ]);
    expect(await rowsOf(file)).toEqual([{ row: 1, cells: ['无关系也能读到', new Date(Date.UTC(2019, 2, 5))] }]);
  });

  it('reads what exceljs writes, as the tests and our exports make .xlsx files', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['名称', '日期', '数', '公式']);
    ws.addRow(['金湖𠮷祥食品有限公司', new Date(Date.UTC(2018, 4, 20)), 320812, { formula: 'CONCAT("a","b")', result: 'ab' }]);
    const rows = await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 1, cells: ['名称', '日期', '数', '公式'] },
      { row: 2, cells: ['金湖𠮷祥食品有限公司', new Date(Date.UTC(2018, 4, 20)), 320812, 'ab'] },
    ]);
  });

  it('refuses what is no .xlsx: random bytes, an old .xls, a zip without a workbook, a dangling shared string', async () => {
    const random = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    expect(await failure(rowsOf(Buffer.concat([Buffer.from('PK\u0003\u0004'), random])))).toMatchObject({ code: 'IMPORT_FORMAT', status: 400 });
    expect(await failure(rowsOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toMatchObject({ code: 'IMPORT_FORMAT' });
    expect(await failure(rowsOf(repeatedZip([{ name: 'hello.txt', content: 'hi' }])))).toMatchObject({ code: 'IMPORT_FORMAT' });
    expect(await failure(rowsOf(await xlsxOf({ sheet: sheetXml([['<c r="A1" t="s"><v>5</v></c>']]), sharedStrings: sharedStringsXml(['a']) })))).toMatchObject({ code: 'IMPORT_FORMAT' });
    expect(await failure(rowsOf(await xlsxOf({ sheet: '<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>' })))).toMatchObject({ code: 'IMPORT_FORMAT' });
  });
});

/** 中 (3 bytes in UTF-8) and 𠮷 (4 bytes, two UTF-16 units) with ASCII between them. */
const MIXED = ['中', '𠮷', 'a', '华', '𠮷', '𠀋', 'b', '国'];

/** Cell texts whose characters fall on every byte offset: each one a different length of ASCII before a multi-byte run. */
function multiByteTexts(count: number): string[] {
  return Array.from({ length: count }, (_v, i) => 'x'.repeat(i % 11) + Array.from({ length: 40 + (i % 17) }, (_w, j) => MIXED[(i + j) % MIXED.length]).join(''));
}


async function* chunked(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('multi-byte characters', () => {
  const texts = multiByteTexts(6000);
  const rows = Array.from({ length: texts.length / 3 }, (_v, r) => [0, 1, 2].map((c) => texts[r * 3 + c]!));
  const expected = rows.map((cells, i) => ({ row: i + 1, cells }));

  it('read back exactly whatever byte a chunk of the unzipped part ends on (inline and shared strings, deflated and stored)', async () => {
    const inline = sheetXml(rows.map((cells, r) => cells.map((t, c) => inlineCell(c, r + 1, t))));
    const shared = sheetXml(rows.map((cells, r) => cells.map((_t, c) => `<c r="${ref(c, r + 1)}" t="s"><v>${r * 3 + c}</v></c>`)));
    const strings = sharedStringsXml(texts);
    // The fixture really splits every kind of character at yauzl's 16 KB chunks.
    expect(splitsCovered(Buffer.from(inline), 16384)).toEqual(ALL_SPLITS);
    expect(splitsCovered(Buffer.from(strings), 16384)).toEqual(ALL_SPLITS);
    for (const compression of ['DEFLATE', 'STORE'] as const) {
      expect(await rowsOf(await xlsxOf({ sheet: inline }, compression))).toEqual(expected);
      expect(await rowsOf(await xlsxOf({ sheet: shared, sharedStrings: strings }, compression))).toEqual(expected);
    }
  });

  it('read back exactly when the bytes come in chunks of any size', async () => {
    const inline = Buffer.from(sheetXml(rows.map((cells, r) => cells.map((t, c) => inlineCell(c, r + 1, t)))));
    const sample = Buffer.from(sheetXml(rows.slice(0, 120).map((cells, r) => cells.map((t, c) => inlineCell(c, r + 1, t)))));
    const cases: [Buffer, number, SheetRow[]][] = [
      ...[1, 2, 3, 4, 5, 7].map((size): [Buffer, number, SheetRow[]] => [sample, size, expected.slice(0, 120)]),
      ...[1000, 1024, 4096, 8192, 16384, 65536].map((size): [Buffer, number, SheetRow[]] => [inline, size, expected]),
    ];
    for (const [bytes, size, want] of cases) {
      if (size >= 1000 && size <= 16384) expect(splitsCovered(bytes, size), `chunks of ${size}`).toEqual(ALL_SPLITS);
      const got: SheetRow[] = [];
      for await (const row of readSheet(textOf(chunked(bytes, size)), { strings: null, isDate: () => false, date1904: false, limits: DEFAULTS })) got.push(row);
      expect(got, `chunks of ${size}`).toEqual(want);
    }
  });
});

describe('limits', () => {
  const cells = (n: number, row = 1) => Array.from({ length: n }, (_v, c) => inlineCell(c, row, `v${c}`));

  it('stop at the rows and columns allowed', async () => {
    const file = await xlsxOf({ sheet: sheetXml(Array.from({ length: 11 }, (_v, r) => cells(3, r + 1))) });
    expect(await rowsOf(file, { rows: 11 })).toHaveLength(11);
    expect(await failure(rowsOf(file, { rows: 10 }))).toEqual({ code: 'IMPORT_TOO_LARGE', status: 413, limit: 'rows' });
    expect(await failure(rowsOf(file, { columns: 2 }))).toEqual({ code: 'IMPORT_TOO_LARGE', status: 413, limit: 'columns' });
    // A far column counts by its position, not by the cells before it.
    const far = await xlsxOf({ sheet: sheetXml([[inlineCell(5000, 1, '远')]]) });
    expect(await failure(rowsOf(far))).toMatchObject({ limit: 'columns' });
  });

  it('stop at the zip entries and the unzipped size the package declares, before unpacking anything', async () => {
    const file = await xlsxOf({ sheet: sheetXml([cells(3)]) });
    expect(await failure(rowsOf(file, { zipEntries: 5 }))).toMatchObject({ status: 413, limit: 'zipEntries' });
    expect(await failure(rowsOf(file, { unzippedBytes: 1000 }))).toMatchObject({ status: 413, limit: 'unzippedBytes' });
  });

  it('stop at the shared strings allowed: their number, their characters, and more than the sheets could use', async () => {
    const strings = Array.from({ length: 50 }, (_v, i) => `字符串${i}`);
    const uses = sheetXml([strings.map((_s, i) => `<c r="${ref(i, 1)}" t="s"><v>${i}</v></c>`)]);
    const file = await xlsxOf({ sheet: uses, sharedStrings: sharedStringsXml(strings) });
    expect(await rowsOf(file)).toEqual([{ row: 1, cells: strings }]);
    expect(await failure(rowsOf(file, { sharedStrings: 49 }))).toMatchObject({ status: 413, limit: 'sharedStrings' });
    expect(await failure(rowsOf(file, { sharedStringChars: 100 }))).toMatchObject({ status: 413, limit: 'sharedStringChars' });
    // 5,000 strings and a sheet of one cell: no sheet that small uses them.
    const unused = await xlsxOf({ sheet: sheetXml([['<c r="A1" t="s"><v>0</v></c>']]), sharedStrings: sharedStringsXml(Array.from({ length: 5000 }, (_v, i) => `${i}`)) });
    expect(await failure(rowsOf(unused))).toMatchObject({ status: 413, limit: 'sharedStrings' });
  });

  it('stop at a cell text longer than Excel allows, an endless text or tag, and endless nesting', async () => {
    const long = await xlsxOf({ sheet: sheetXml([[inlineCell(0, 1, '长'.repeat(32_768))]]) });
    expect(await failure(rowsOf(long))).toMatchObject({ status: 413, limit: 'cellChars' });
    const endless = await xlsxOf({ sheet: sheetXml([[`<c r="A1" t="inlineStr"><is><t>${'a'.repeat(2 * 1024 * 1024)}</t></is></c>`]]) });
    expect(await failure(rowsOf(endless))).toMatchObject({ status: 413, limit: 'xmlNode' });
    const comment = await xlsxOf({ sheet: sheetXml([[`<c r="A1"><v>1</v></c><!-- ${'<>'.repeat(1024 * 1024)} -->`]]) });
    expect(await failure(rowsOf(comment))).toMatchObject({ status: 413, limit: 'xmlNode' });
    const deep = await xlsxOf({ sheet: sheetXml([['<c>'.repeat(100)]]) });
    expect(await failure(rowsOf(deep))).toMatchObject({ code: 'IMPORT_FORMAT' });
  });

  it('stop a zip bomb of millions of shared strings at once, and a sheet of millions of rows at the row limit', async () => {
    // Like the reported bomb: 60 million strings, 2 GB of XML, a file of a few MB.
    const block = '<si><t>abcdefghijklmnopq</t></si>'.repeat(30_000);
    const bomb = repeatedZip([
      ...plainEntries({ sharedStrings: true }),
      { name: 'xl/worksheets/sheet1.xml', content: sheetXml([['<c r="A1" t="s"><v>0</v></c>']]) },
      { name: 'xl/sharedStrings.xml', head: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', block, times: 2000, tail: '</sst>' },
    ]);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    expect(await failure(rowsOf(bomb))).toMatchObject({ status: 413, limit: 'sharedStrings' });

    const rows = repeatedZip([
      ...plainEntries({ sharedStrings: false }),
      { name: 'xl/worksheets/sheet1.xml', head: '<worksheet><sheetData>', block: '<row><c t="inlineStr"><is><t>a</t></is></c></row>'.repeat(20_000), times: 100, tail: '</sheetData></worksheet>' },
    ]);
    expect(await failure(rowsOf(rows))).toMatchObject({ status: 413, limit: 'rows' });
  });

  it('leave no temporary file behind', () => {
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
