import { type ImportLimits, MAX_CELL_CHARS, tooLarge, unreadableXlsx } from '../limits.js';
import { type Cell, FORMULA_WITHOUT_RESULT, type SheetRow } from '../sheet-row.js';
import { type SharedStrings, decodeEscapes } from './shared-strings.js';
import { readXml } from './xml.js';

/** What the cells of a sheet refer to elsewhere in the workbook. */
export interface SheetContext {
  strings: SharedStrings | null;
  isDate: (style: number) => boolean;
  date1904: boolean;
  limits: ImportLimits;
}

interface OpenCell {
  col: number;
  type: string;
  style: number;
  formula: boolean;
  value: string | null; // <v>
  inline: string | null; // <is>
}

/** Excel's day 0 is 1899-12-30 (1900 date system) or 1904-01-01; serial numbers count days from it. */
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** Zero-based column of a cell reference (`C7` → 2); -1 when it has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return i === 0 ? -1 : col - 1;
}

/** A row's or a cell's start tag (`<row …>`, `<x:c …/>`) with its attributes; not `<rowBreaks>`, `<col>` or `<cfRule>`. */
const ROW_OR_CELL = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^<>]*)>/g;
const CELL_REF = /\sr\s*=\s*["']([A-Za-z]{1,4})/;

/**
 * Counts a sheet's rows and finds its cells' columns by scanning the unpacked text instead of
 * parsing it (several times faster), and refuses a sheet past the rows or columns allowed as soon as
 * the scan reaches the row or cell at fault — before a large shared-strings table is parsed. It
 * counts as the parser does, or less: a tag split between chunks further than the text carried over
 * is skipped, never counted twice.
 */
export async function precountSheet(chunks: AsyncIterable<string>, limits: ImportLimits): Promise<void> {
  let rows = 0;
  let lastCol = -1;
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    ROW_OR_CELL.lastIndex = 0;
    let end = 0;
    for (let m = ROW_OR_CELL.exec(text); m; m = ROW_OR_CELL.exec(text)) {
      end = ROW_OR_CELL.lastIndex;
      if (m[1] === 'row') {
        if (++rows > limits.rows) throw tooLarge(`超过 ${limits.rows} 行`, { limit: 'rows' });
        lastCol = -1;
        continue;
      }
      const ref = CELL_REF.exec(m[2]!);
      const col = ref ? columnOf(ref[1]!) : lastCol + 1;
      if (col >= limits.columns) throw tooLarge(`超过 ${limits.columns} 列`, { limit: 'columns' });
      lastCol = col;
    }
    carry = text.slice(Math.max(end, text.length - 4096));
  }
}

/**
 * The value of a finished cell, as the import expects it: shared, inline and formula strings;
 * numbers, or dates when the cell's number format is a date; booleans; an ISO date (t="d"); an
 * error → null; a formula without a cached result (or whose result is an error) →
 * FORMULA_WITHOUT_RESULT.
 */
function valueOf(c: OpenCell, ctx: SheetContext): Cell {
  if (c.formula && (c.value === null || c.type === 'e')) return FORMULA_WITHOUT_RESULT;
  switch (c.type) {
    case 's': {
      if (c.value === null) return null;
      const text = ctx.strings?.get(Number(c.value));
      if (text === undefined) throw unreadableXlsx(`引用了不存在的共享字符串 ${c.value.slice(0, 12)}`);
      return text;
    }
    case 'inlineStr':
      return c.inline ?? (c.value === null ? null : decodeEscapes(c.value));
    case 'str':
      return c.value === null ? null : decodeEscapes(c.value);
    case 'b':
      return c.value === null ? null : c.value.trim() === '1' || c.value.trim() === 'true';
    case 'e':
      return null;
    case 'd': {
      if (!c.value?.trim()) return null;
      const iso = c.value.trim();
      const date = new Date(/T/.test(iso) && !/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? `${iso}Z` : iso);
      return Number.isNaN(date.getTime()) ? null : date;
    }
    default: {
      if (!c.value?.trim()) return null;
      const n = Number(c.value);
      if (!Number.isFinite(n)) return null;
      return ctx.isDate(c.style) ? excelDate(n, ctx.date1904) : n;
    }
  }
}

/**
 * Streams the rows of a worksheet part as they are parsed: each row's number (its `r`, else the
 * one after the previous) and its cells by column, holes as null. Stops with 413 at the first row
 * past `limits.rows` or cell past `limits.columns`, or a cell text longer than Excel allows.
 */
export function readSheet(xml: AsyncIterable<string>, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const { limits } = ctx;
  const ready: SheetRow[] = [];
  let inData = false;
  let rows = 0;
  let lastRow = 0;
  let lastCol = -1;
  let row: Cell[] | null = null;
  let cell: OpenCell | null = null;
  let capture: 'value' | 'inline' | null = null;
  let inInline = false;
  let phonetic = 0;

  const handlers = {
    open(name: string, a: Record<string, string>) {
      switch (name) {
        case 'sheetData':
          inData = true;
          break;
        case 'row': {
          if (!inData) break;
          if (++rows > limits.rows) throw tooLarge(`超过 ${limits.rows} 行`, { limit: 'rows' });
          const r = Number(a.r);
          lastRow = Number.isInteger(r) && r > lastRow ? r : lastRow + 1;
          lastCol = -1;
          row = [];
          break;
        }
        case 'c': {
          if (!row) break;
          const ref = a.r ? columnOf(a.r) : -1;
          const col = ref >= 0 ? ref : lastCol + 1;
          if (col >= limits.columns) throw tooLarge(`超过 ${limits.columns} 列`, { limit: 'columns' });
          lastCol = col;
          cell = { col, type: a.t ?? 'n', style: Number(a.s ?? 0), formula: false, value: null, inline: null };
          break;
        }
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 'v':
          if (cell) {
            cell.value ??= '';
            capture = 'value';
          }
          break;
        case 'is':
          if (cell) {
            inInline = true;
            cell.inline ??= '';
          }
          break;
        case 't':
          if (cell && inInline && phonetic === 0) capture = 'inline';
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'is':
          inInline = false;
          if (cell?.inline) cell.inline = decodeEscapes(cell.inline);
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (row && cell) row[cell.col] = valueOf(cell, ctx);
          cell = null;
          break;
        case 'row':
          if (!row) break;
          for (let i = 0; i < row.length; i++) row[i] ??= null;
          ready.push({ row: lastRow, cells: row });
          row = null;
          break;
        case 'sheetData':
          inData = false;
          break;
      }
    },
    text(text: string) {
      if (!capture || !cell) return;
      const sofar = capture === 'value' ? cell.value! : cell.inline!;
      if (sofar.length + text.length > MAX_CELL_CHARS) throw tooLarge(`单元格文本超过 ${MAX_CELL_CHARS} 个字符`, { limit: 'cellChars' });
      if (capture === 'value') cell.value = sofar + text;
      else cell.inline = sofar + text;
    },
  };

  return readXml(xml, handlers, () => ready.splice(0));
}
