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

/** Longest stretch after a chunk's last `<` carried to the next chunk; a longer text is counted in part (the count stays a lower bound). */
const MAX_CARRY = 64 * 1024;
const SLASH = 0x2f;
const GT = 0x3e;
const COLON = 0x3a;
/** A `<si>` start tag (any prefix). */
const SI_TAG = /<(?:[A-Za-z_][\w.-]*:)?si[\s/>]/g;
/** A `<t>` start tag that is not self-closing, and its text up to the next `<`. */
// (Attributes hold no '<': so each attempt stops at the next tag, and the scan stays linear.)
const T_TEXT = /<(?:[A-Za-z_][\w.-]*:)?t(?:\s[^<>]*[^/<>])?>[^<]*/g;

/** Ends a tag's name: white space, `/`, `>` (or a `<`: no tag). */
const endsName = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH || c === GT || c === 0x3c;

const isUpperHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46);

/**
 * Characters of XML text between positions as the table keeps it: its entities decoded (`&amp;`
 * is one) and Excel's escapes too (`_x000D_` is one, see `decodeEscapes`). For texts taken in
 * order from one string: it remembers where the next '&' and the next '_x' are.
 */
function decodedLengths(text: string) {
  let amp = text.indexOf('&');
  let esc = text.indexOf('_x');
  return (start: number, end: number): number => {
    let length = end - start;
    if (amp >= 0 && amp < end) {
      if (amp < start) amp = text.indexOf('&', start);
      while (amp >= 0 && amp < end) {
        const semi = text.indexOf(';', amp);
        if (semi > amp && semi < end && semi - amp <= 32) {
          length -= semi - amp;
          amp = text.indexOf('&', semi);
        } else amp = text.indexOf('&', amp + 1);
      }
    }
    if (esc >= 0 && esc < end) {
      if (esc < start) esc = text.indexOf('_x', start);
      while (esc >= 0 && esc < end) {
        if (esc + 7 <= end && text.charCodeAt(esc + 6) === 0x5f && isUpperHex(text.charCodeAt(esc + 2)) && isUpperHex(text.charCodeAt(esc + 3)) && isUpperHex(text.charCodeAt(esc + 4)) && isUpperHex(text.charCodeAt(esc + 5))) {
          length -= 6;
          esc = text.indexOf('_x', esc + 7);
        } else esc = text.indexOf('_x', esc + 1);
      }
    }
    return length;
  };
}

/**
 * Counts the strings of sharedStrings.xml (its `<si>` start tags) and a lower bound of their
 * characters (the texts of `<t>` elements outside phonetic runs, counted from their last '>';
 * only an escape split between runs or written with an entity is counted longer than the parser
 * counts it), scanning the text without parsing it, and stops with 413 as soon as either passes
 * the limits — several times faster than parsing, so a table past the limits (a zip bomb) is
 * refused within seconds. What it lets through, the parser still checks exactly.
 */
export async function precountSharedStrings(xml: AsyncIterable<string>, limits: ImportLimits, referable: number): Promise<void> {
  const most = Math.min(limits.sharedStrings, referable);
  let count = 0;
  let chars = 0;
  let phonetic = 0;
  const addString = () => {
    if (++count > most) throw tooManyStrings(count, limits);
  };
  const addChars = (length: number) => {
    chars += length;
    if (chars > limits.sharedStringChars) throw tooLarge(`共享字符串超过 ${limits.sharedStringChars} 个字符`, { limit: 'sharedStringChars' });
  };
  /** Text without phonetic runs: two regular expressions, no match arrays; the limits checked once a chunk. */
  const scanPlain = (text: string) => {
    SI_TAG.lastIndex = 0;
    while (SI_TAG.test(text)) count++;
    if (count > most) throw tooManyStrings(count, limits);
    T_TEXT.lastIndex = 0;
    let length = 0;
    if (text.includes('&') || text.includes('_x')) {
      const decoded = decodedLengths(text);
      while (T_TEXT.test(text)) length += decoded(text.lastIndexOf('>', T_TEXT.lastIndex - 1) + 1, T_TEXT.lastIndex);
    } else {
      while (T_TEXT.test(text)) length += T_TEXT.lastIndex - text.lastIndexOf('>', T_TEXT.lastIndex - 1) - 1;
    }
    addChars(length);
  };
  /** Text with phonetic runs (`<rPh>`, whose `<t>` texts are not part of the string): tag by tag. */
  const scanPhonetic = (text: string) => {
    const length = text.length;
    const decoded = decodedLengths(text);
    let gt = -1; // the first '>' at or after the current name's end: only moves forward
    for (let lt = text.indexOf('<'); lt >= 0; ) {
      let name = lt + 1;
      const closing = text.charCodeAt(name) === SLASH;
      if (closing) name++;
      let end = name;
      let local = name;
      while (end < length && !endsName(text.charCodeAt(end))) if (text.charCodeAt(end++) === COLON) local = end;
      if (gt < end) gt = text.indexOf('>', end);
      if (gt < 0) return;
      const next = text.indexOf('<', end);
      if (next >= 0 && next < gt) {
        lt = next; // a '<' before this tag's end: no tag
        continue;
      }
      const name0 = text.charCodeAt(local);
      const selfClosing = text.charCodeAt(gt - 1) === SLASH;
      if (end - local === 2 && name0 === 0x73 && text.charCodeAt(local + 1) === 0x69) {
        if (!closing) addString();
      } else if (end - local === 3 && name0 === 0x72 && text.charCodeAt(local + 1) === 0x50 && text.charCodeAt(local + 2) === 0x68) {
        if (!selfClosing) phonetic += closing ? -1 : 1;
      } else if (end - local === 1 && name0 === 0x74 && !closing && !selfClosing && phonetic <= 0) {
        const after = text.indexOf('<', gt + 1);
        addChars(decoded(gt + 1, after < 0 ? length : after));
      }
      lt = text.indexOf('<', gt + 1);
    }
  };
  const scan = (text: string) => (phonetic === 0 && !text.includes('rPh') ? scanPlain(text) : scanPhonetic(text));
  // Each chunk is scanned up to its last '<', the rest goes with the next one: no tag or text is cut.
  let carry = '';
  for await (const chunk of xml) {
    const text = carry + chunk;
    const cut = text.lastIndexOf('<');
    if (cut < 0 || cut < text.length - MAX_CARRY) {
      scan(text);
      carry = '';
    } else {
      scan(text.slice(0, cut));
      carry = text.slice(cut);
    }
  }
  scan(carry);
}

/** 413 for a table of `count` strings (or more): past the limit, or more than the sheets could use. */
export const tooManyStrings = (count: number, limits: ImportLimits) =>
  count > limits.sharedStrings
    ? tooLarge(`共享字符串超过 ${limits.sharedStrings} 个`, { limit: 'sharedStrings' })
    : tooLarge(`共享字符串（${count} 个以上）多于工作表可能用到的数量`, { limit: 'sharedStrings' });

/**
 * Excel writes characters XML cannot carry as `_xHHHH_` (ST_Xstring), and a literal `_x` as
 * `_x005F_x`: decoded as Excel and exceljs read them.
 */
export const decodeEscapes = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);
