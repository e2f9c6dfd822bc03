import { parse } from 'csv-parse';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.js';
import { decodeText } from './decode.js';
import { type ImportLimits, tooLarge } from './limits.js';
import type { SheetRow } from './sheet-row.js';
import { readXlsx } from './xlsx/read-xlsx.js';

export { type Cell, FORMULA_WITHOUT_RESULT, type SheetRow } from './sheet-row.js';

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

const unreadableCsv = (err: unknown) => new AppError('IMPORT_FORMAT', `无法解析该 CSV 文件：${err instanceof Error ? err.message.slice(0, 120) : ''}`, 400);

/**
 * Streams the rows of a .csv (UTF-8 or GBK) or the first sheet of an .xlsx, within `limits`;
 * never the whole file in memory. What is wrong with the file is an AppError (400 or 413; the
 * upload's own errors are made AppErrors by whoever reads the upload). The .xlsx reader names
 * every fault of a file itself: any other error of it is the server's (a full disk…) and passes on.
 */
export async function* readRows(input: AsyncIterable<Buffer>, kind: FileKind, limits: ImportLimits): AsyncGenerator<SheetRow> {
  if (kind === 'xlsx') return yield* readXlsx(input, limits);
  try {
    yield* readCsv(input, limits);
  } catch (err) {
    throw err instanceof AppError ? err : unreadableCsv(err);
  }
}

/** Longest CSV record (all its fields), in characters. */
const MAX_CSV_RECORD = 64 * 1024;

async function* readCsv(input: AsyncIterable<Buffer>, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const { source, decoder } = await decodeText(input);
  // Empty lines are kept so row numbers match what a spreadsheet shows.
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CSV_RECORD });
  // Every stream of the chain has its error handled here; the first error fails the parser's iteration.
  const chain = pipeline(source, decoder, parser);
  chain.catch(() => undefined);
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (++row > limits.rows) throw tooLarge(`超过 ${limits.rows} 行`, { limit: 'rows' });
    if (record.length > limits.columns) throw tooLarge(`超过 ${limits.columns} 列`, { limit: 'columns' });
    yield { row, cells: record.map((v) => (v === '' ? null : v)) };
  }
  await chain;
}
