import { type ImportLimits, MAX_CELL_CHARS, tooLarge } from '../limits.js';
import { readXml } from './xml.js';

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The shared strings of a workbook, stored compactly: UTF-8 in 4 MB chunks and one 32-bit
 * position per string (no JavaScript string per entry), so millions of strings cost their bytes
 * and 4 bytes each.
 */
export class SharedStrings {
  private chunks: Buffer[] = [];
  private used = 0; // bytes used in the last chunk
  private starts = new Uint32Array(1024); // position of each string: chunk × CHUNK_BYTES + offset
  private ends: number[] = []; // bytes used of each finished chunk
  count = 0;
  chars = 0;

  add(text: string) {
    const bytes = Buffer.byteLength(text);
    if (!this.chunks.length || this.used + bytes >= CHUNK_BYTES) {
      // positions are 32-bit: at most 1,024 chunks (4 GB), far beyond any limit that makes sense
      if (this.chunks.length === 1024) throw tooLarge('共享字符串超过 4 GB', { limit: 'sharedStringChars' });
      if (this.chunks.length) this.ends.push(this.used);
      this.chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.write(text, this.used);
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = chunk * CHUNK_BYTES + this.used;
    this.used += bytes;
    this.chars += text.length;
  }

  /** The string at `index`, or undefined when there is none. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const start = this.starts[index]!;
    const chunk = Math.floor(start / CHUNK_BYTES);
    const next = index + 1 < this.count ? this.starts[index + 1]! : Infinity;
    const end = Math.floor(next / CHUNK_BYTES) === chunk ? next - chunk * CHUNK_BYTES : (this.ends[chunk] ?? this.used);
    return this.chunks[chunk]!.toString('utf8', start - chunk * CHUNK_BYTES, end);
  }
}

/**
 * Reads sharedStrings.xml: each `<si>` is its `<t>` or its rich-text runs' `<t>` joined (phonetic
 * guides, `<rPh>`, left out). Stops with 413 as soon as the count or the characters pass the
 * limits, or the count passes `referable` — the most strings the workbook's sheets could use
 * (every use costs a sheet at least 16 bytes) — so a table of millions of strings no cell uses is
 * refused at once.
 */
export async function readSharedStrings(xml: AsyncIterable<string>, limits: ImportLimits, referable: number): Promise<SharedStrings> {
  const strings = new SharedStrings();
  const most = Math.min(limits.sharedStrings, referable);
  let current: string | null = null; // text of the open <si>
  let inText = false;
  let phonetic = 0;
  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (name === 'sst') {
        const declared = Number(a.uniqueCount);
        if (declared > most) throw tooManyStrings(declared, limits);
      } else if (name === 'si') current = '';
      else if (name === 't') inText = current !== null && phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name: string) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current !== null) {
        if (strings.count >= most) throw tooManyStrings(strings.count + 1, limits);
        if (strings.chars + current.length > limits.sharedStringChars) throw tooLarge(`共享字符串超过 ${limits.sharedStringChars} 个字符`, { limit: 'sharedStringChars' });
        strings.add(decodeEscapes(current));
        current = null;
      }
    },
    text(text: string) {
      if (!inText || current === null) return;
      if (current.length + text.length > MAX_CELL_CHARS) throw tooLarge(`单元格文本超过 ${MAX_CELL_CHARS} 个字符`, { limit: 'cellChars' });
      current += text;
    },
  };
  for await (const _ of readXml(xml, handlers, () => [])) {
    // the handlers collect everything
  }
  return strings;
}

const tooManyStrings = (count: number, limits: ImportLimits) =>
  count > limits.sharedStrings
    ? tooLarge(`共享字符串超过 ${limits.sharedStrings} 个`, { limit: 'sharedStrings' })
    : tooLarge(`共享字符串（${count} 个以上）多于工作表可能用到的数量`, { limit: 'sharedStrings' });

/**
 * Excel writes characters XML cannot carry as `_xHHHH_` (ST_Xstring), and a literal `_x` as
 * `_x005F_x`: decoded as Excel and exceljs read them.
 */
export const decodeEscapes = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);
