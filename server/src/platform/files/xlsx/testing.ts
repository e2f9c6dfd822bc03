import zlib from 'node:zlib';
import JSZip from 'jszip';

/** Test helpers: .xlsx packages written part by part, and zip bombs. */

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** XML text with `& < > "` escaped. */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `A1`-style reference of a zero-based column and a row. */
export const ref = (col: number, row: number) => {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row}`;
};

/** A worksheet part from rows of XML cells (`<c …>…</c>`), numbered from 1. */
export const sheetXml = (rows: string[][]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${rows.map((cells, i) => `<row r="${i + 1}">${cells.join('')}</row>`).join('')}</sheetData></worksheet>`;

/** An inline-string cell, as exceljs and our exports write text. */
export const inlineCell = (col: number, row: number, text: string) => `<c r="${ref(col, row)}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;

/** A shared-strings part. */
export const sharedStringsXml = (strings: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;

export interface Parts {
  sheet: string | Buffer;
  sharedStrings?: string | Buffer;
  /** A styles part; by default none. */
  styles?: string;
  workbookPr?: string;
}

/** The zip entries of a workbook of one sheet (and a second, empty one), minus the data parts. */
export function packageParts(p: { sharedStrings: boolean; styles: boolean; workbookPr?: string }): Record<string, string> {
  const rels = [
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>`,
    p.sharedStrings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '',
    p.styles ? `<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/>` : '',
  ].join('');
  return {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    // The second tab comes first in the file but is hidden: the first visible one is read.
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${p.workbookPr ?? ''}<sheets><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/worksheets/sheet2.xml': sheetXml([[inlineCell(0, 1, '不应读到这里')]]),
  };
}

/**
 * An .xlsx of the given parts, zipped by jszip (DEFLATE by default). Parts are handed over as
 * UTF-8 bytes: jszip's own encoder replaces a surrogate pair its 16K-character chunks split.
 */
export async function xlsxOf(parts: Parts, compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Buffer> {
  const zip = new JSZip();
  const add = (name: string, content: string | Buffer) => zip.file(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
  for (const [name, content] of Object.entries(packageParts({ sharedStrings: parts.sharedStrings !== undefined, styles: parts.styles !== undefined, workbookPr: parts.workbookPr }))) add(name, content);
  add('xl/worksheets/sheet1.xml', parts.sheet);
  if (parts.sharedStrings !== undefined) add('xl/sharedStrings.xml', parts.sharedStrings);
  if (parts.styles !== undefined) add('xl/styles.xml', parts.styles);
  return zip.generateAsync({ type: 'nodebuffer', compression, compressionOptions: { level: 9 } });
}

/** A zip entry made of `head`, `block` repeated `times`, then `tail` — deflated once per distinct piece. */
export interface RepeatedEntry {
  name: string;
  head: string;
  block: string;
  times: number;
  tail: string;
}

/**
 * A zip whose entries may unpack to gigabytes while the file stays small: each distinct piece is
 * deflated once with a full flush (byte-aligned, no back-references) and the repeated piece's
 * bytes are written `times` times — one valid deflate stream, as a zip bomb is built. Sizes are
 * declared truthfully; the CRC is computed over the whole content.
 */
export function repeatedZip(entries: (RepeatedEntry | { name: string; content: string })[]): Buffer {
  const files: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const pieces = 'content' in e ? [{ text: e.content, times: 1 }] : [{ text: e.head, times: 1 }, { text: e.block, times: e.times }, { text: e.tail, times: 1 }];
    const data: Buffer[] = [];
    let size = 0;
    let crc = 0;
    for (const piece of pieces) {
      const raw = Buffer.from(piece.text);
      const deflated = zlib.deflateRawSync(raw, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
      for (let i = 0; i < piece.times; i++) {
        data.push(deflated);
        crc = zlib.crc32(raw, crc);
      }
      size += raw.length * piece.times;
    }
    data.push(zlib.deflateRawSync(Buffer.alloc(0))); // the final, empty block
    const compressed = Buffer.concat(data);
    if (size > 0xffffffff) throw new Error('entry too large for a zip without zip64');
    const name = Buffer.from(e.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(compressed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    files.push(header, name, compressed);
    central.push(dir, name);
    offset += header.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...files, directory, end]);
}

/** The package parts of a one-sheet workbook as plain entries for `repeatedZip`. */
export const plainEntries = (p: { sharedStrings: boolean }) => Object.entries(packageParts({ sharedStrings: p.sharedStrings, styles: false })).map(([name, content]) => ({ name, content }));

/** Every way a chunk boundary can split a 3- or 4-byte UTF-8 character (`<width>:<bytes before the boundary>`). */
export const ALL_SPLITS = ['3:1', '3:2', '4:1', '4:2', '4:3'];

/** For a chunk size, which split positions of 3- and 4-byte characters the chunk boundaries fall on (sorted). */
export function splitsCovered(bytes: Buffer, chunk: number): string[] {
  const seen = new Set<string>();
  for (let boundary = chunk; boundary < bytes.length; boundary += chunk) {
    // walk back to the start of the character the boundary falls in
    let start = boundary;
    while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
    const lead = bytes[start]!;
    const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (width > 1 && boundary > start) seen.add(`${width}:${boundary - start}`);
  }
  return [...seen].sort();
}
