import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { importLimitsOf } from '../limits.js';
import { readRows } from '../read-rows.js';
import { precountSharedStrings, readSharedStrings } from './shared-strings.js';
import { plainEntries, repeatedZip } from './testing.js';
import { precountSheet } from './sheet.js';

const DEFAULTS = importLimitsOf(loadConfig({}));

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: { status?: number; details?: { limit?: string } }) => ({ status: err.status, limit: err.details?.limit }),
  );

// Rich text, phonetic runs (not part of the string), entities, prefixes, self-closing and empty
// elements, multi-byte and astral characters, a '>' in a text.
const TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">
  <x:si><x:t>淮安市</x:t></x:si>
  <x:si><x:r><x:rPr><x:b/></x:rPr><x:t>清江</x:t></x:r><x:r><x:t xml:space="preserve">浦 区</x:t></x:r><x:rPh sb="0" eb="2"><x:t>ふりがな</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>
  <x:si><x:t>A &amp; B &lt;有限&gt; &quot;公司&quot; &#x4E2D;&#20013;</x:t></x:si>
  <x:si><x:t/></x:si>
  <x:si/>
  <x:si><x:t xml:space="preserve"/></x:si>
  <x:si><x:t>𠀀𠀁 emoji 😀 and a > sign</x:t></x:si>
  <x:si><x:t>_x000D_ stays as written</x:t></x:si>
  <x:si><x:rPh sb="0" eb="1"><x:t>よみ</x:t></x:rPh><x:t>后面</x:t></x:si>
</x:sst>`;

describe('counting before parsing', () => {
  it('counts the strings of a table exactly and their characters at most, whatever the chunks', async () => {
    const parsed = await readSharedStrings(chunksOf(TABLE, 1 << 20), DEFAULTS, Infinity);
    expect(parsed.count).toBe(9);
    for (const size of [1, 2, 3, 5, 7, 11, 16, 64, 100, 1 << 20]) {
      const at = (limits: Partial<typeof DEFAULTS>) => refusal(precountSharedStrings(chunksOf(TABLE, size), { ...DEFAULTS, ...limits }, Infinity));
      expect(await at({ sharedStrings: parsed.count, sharedStringChars: parsed.chars }), `chunks of ${size}`).toBeNull();
      expect(await at({ sharedStrings: parsed.count - 1 }), `chunks of ${size}`).toEqual({ status: 413, limit: 'sharedStrings' });
      // Characters are counted as the parser counts them (phonetic runs left out, an entity or an
      // escape one), except that a text may be counted from its last '>': short, never past it.
      const short = '𠀀𠀁 emoji 😀 and a >'.length;
      expect(await at({ sharedStringChars: parsed.chars - short - 1 }), `chunks of ${size}`).toEqual({ status: 413, limit: 'sharedStringChars' });
      expect(await refusal(precountSharedStrings(chunksOf(TABLE, size), DEFAULTS, parsed.count - 1)), `chunks of ${size}`).toEqual({ status: 413, limit: 'sharedStrings' });
    }
  });

  it('counts a sheet’s rows and its cells’ columns as the parser does, tags split between chunks or not', async () => {
    // Prefixed and plain tags; <rowBreaks>, <cols><col>, <cfRule> are neither rows nor cells; cells with and without a reference.
    const xml =
      '<worksheet><cols><col min="1" max="3"/></cols><sheetData><row r="1"/><x:row>\n<x:c r="B2" t="s"><v>0</v></x:c><c/><c r = "Z2"/></x:row>' +
      '<row\tspans="1:2"><c r="AB3"/><c/></row></sheetData><rowBreaks/><conditionalFormatting><cfRule/></conditionalFormatting></worksheet>';
    const at = (limits: Partial<typeof DEFAULTS>, size: number) => refusal(precountSheet(chunksOf(xml, size), { ...DEFAULTS, ...limits }));
    for (const size of [1, 2, 3, 4, 5, 8, 13, 200]) {
      // 3 rows; the widest cell is AB3 (column 28), after it an unreferenced one (29).
      expect(await at({ rows: 3, columns: 29 }, size), `chunks of ${size}`).toBeNull();
      expect(await at({ rows: 2 }, size), `chunks of ${size}`).toEqual({ status: 413, limit: 'rows' });
      expect(await at({ columns: 28 }, size), `chunks of ${size}`).toEqual({ status: 413, limit: 'columns' });
      expect(await at({ columns: 26 }, size), `chunks of ${size}`).toEqual({ status: 413, limit: 'columns' }); // Z2 (26) then the next
    }
  });

  it('refuses a table of millions of strings, or of too many characters, or a sheet past the columns behind a large table, in bounded memory (default limits; the time is bench/measure-bombs.ts\'s)', { timeout: 120_000 }, async () => {
    // A sheet of 1,000,000 rows of 10 shared-string cells (220 MB of XML, so it could use
    // 10 million strings), and a table of 60 million short strings or of 9 million of 11 characters.
    const sheet = { name: 'xl/worksheets/sheet1.xml', head: '<worksheet><sheetData>', block: `<row>${'<c t="s"><v>0</v></c>'.repeat(10)}</row>`.repeat(1000), times: 1000, tail: '</sheetData></worksheet>' };
    const table = (text: string, times: number) => ({ name: 'xl/sharedStrings.xml', head: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', block: `<si><t>${text}</t></si>`.repeat(10_000), times, tail: '</sst>' });
    const bombs: [Buffer, string][] = [
      [repeatedZip([...plainEntries({ sharedStrings: true }), sheet, table('a', 6000)]), 'sharedStrings'],
      [repeatedZip([...plainEntries({ sharedStrings: true }), sheet, table('abcdefghijk', 990)]), 'sharedStringChars'],
    ];
    // A table the limits allow (9.9 million strings: parsing it takes seconds) before a sheet whose first row breaks the column limit.
    const wide = { ...sheet, head: `<worksheet><sheetData><row><c r="XFD1" t="s"><v>0</v></c></row>` };
    bombs.push([repeatedZip([...plainEntries({ sharedStrings: true }), wide, table('a', 990)]), 'columns']);
    for (const [bomb, limit] of bombs) {
      const rss = process.memoryUsage().rss;
      const rows = (async () => {
        for await (const _ of readRows(Readable.from([bomb]), 'xlsx', DEFAULTS)) {
          // no row is expected
        }
      })();
      expect(await refusal(rows)).toEqual({ status: 413, limit });
      expect(process.memoryUsage().rss - rss, limit).toBeLessThan(256 * 1024 * 1024);
    }
  });
});
