import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.js';
import { decodeText } from './decode.js';

/** A formula cell without a cached result: nothing a user saw, so nothing to import. */
export const FORMULA_WITHOUT_RESULT = Symbol('formula');

export type Cell = string | number | boolean | Date | null | typeof FORMULA_WITHOUT_RESULT;

/** One spreadsheet row: its number as the spreadsheet shows it (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export type FileKind = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

/** By extension, or by content (an .xlsx is a zip) when the name says nothing. */
export function kindOf(filename: string, head?: Buffer): FileKind {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (head && head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (ext && ['xls', 'et', 'ods', 'numbers'].includes(ext)) {
    throw new AppError('IMPORT_FORMAT', `不支持 .${ext} 文件，请在 Excel 中另存为 .xlsx 或 .csv`, 400);
  }
  return 'csv';
}

const unreadable = (kind: FileKind, err: unknown) =>
  new AppError('IMPORT_FORMAT', kind === 'xlsx' ? '无法读取该 .xlsx 文件，文件可能已损坏或不是 Excel 文件' : `无法解析该 CSV 文件：${err instanceof Error ? err.message.slice(0, 120) : ''}`, 400);

/** Streams the rows of a .csv (UTF-8 or GBK) or the first sheet of an .xlsx; never the whole file in memory. */
export async function* readRows(input: Readable, kind: FileKind): AsyncGenerator<SheetRow> {
  try {
    if (kind === 'csv') yield* readCsv(input);
    else yield* readXlsx(input);
  } catch (err) {
    if (err instanceof AppError || isUploadError(err)) throw err;
    throw unreadable(kind, err);
  }
}

/** Errors of the upload itself (too large, interrupted) pass through unchanged. */
const isUploadError = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && /^FST_|^ECONNRESET|^ERR_STREAM_PREMATURE_CLOSE/.test((err as { code: string }).code);

async function* readCsv(input: Readable): AsyncGenerator<SheetRow> {
  const { text } = await decodeText(input);
  // Empty lines are kept so row numbers match what a spreadsheet shows.
  const parser = text.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 64 * 1024 }));
  text.on('error', (err) => parser.destroy(err));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: record.map((v) => (v === '' ? null : v)) };
  }
}

async function* readXlsx(input: Readable): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const sheet of workbook) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1); // exceljs rows are 1-based
      yield { row: row.number, cells: Array.from(values, cellValue) };
    }
    return; // the first sheet only
  }
}

function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v as Cell;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    return result === undefined || result === null || (typeof result === 'object' && 'error' in result) ? FORMULA_WITHOUT_RESULT : cellValue(result);
  }
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}
