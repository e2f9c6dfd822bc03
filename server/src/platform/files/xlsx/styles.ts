import { unreadableXlsx } from '../limits.js';
import { readXml } from './xml.js';

/**
 * Built-in number formats that show a date or a time: 14–22, the East Asian ones 27–36 and 50–58
 * (年/月/日 and their Japanese and Korean siblings), and 45–47 (minutes and seconds).
 */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Excel allows 64,000 cell formats; a style sheet with more is not one Excel wrote. */
const MAX_FORMATS = 65_536;

/**
 * Whether a format code shows a date or time: a y, m, d, h, s (or b, the Buddhist year) outside
 * quoted text, brackets ([Red], [$-804]) and escaped characters — as exceljs has always decided.
 */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** The cell styles (`s` of a cell, an index into cellXfs) whose number format is a date. */
export async function readDateStyles(xml: AsyncIterable<string>): Promise<(style: number) => boolean> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (name === 'numFmts') inNumFmts = true;
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'numFmt' && inNumFmts) {
        if (custom.size >= MAX_FORMATS) throw unreadableXlsx('样式表异常');
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'xf' && inCellXfs) {
        if (xfFormats.length >= MAX_FORMATS) throw unreadableXlsx('样式表异常');
        xfFormats.push(Number(a.numFmtId ?? 0));
      }
    },
    close(name: string) {
      if (name === 'numFmts') inNumFmts = false;
      else if (name === 'cellXfs') inCellXfs = false;
    },
  };
  for await (const _ of readXml(xml, handlers, () => [])) {
    // the handlers collect everything
  }
  const dates = xfFormats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILT_IN_DATES.has(id)));
  return (style) => dates[style] === true;
}
