import { type Hash, createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import { AppError } from '../http/errors.js';
import { isEmptyRow } from './cells.js';
import { type FileColumn, type HeaderMap, mapHeader } from './header.js';
import { type ImportLimits, tooLarge } from './limits.js';
import { type Cell, FORMULA_WITHOUT_RESULT, type FileKind, readRows } from './read-rows.js';

export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
/** `all-or-nothing`: any rejected row and nothing is written; `valid-rows`: the valid rows are written. */
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A rejected row: its spreadsheet row number (header = 1), the header text of the bad column, why. */
export interface Rejection {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult extends ImportCounts {
  rejected: Rejection[];
}

export interface ImportFile {
  stream: Readable;
  filename: string;
  kind: FileKind;
  limits: ImportLimits;
}

/** What is wrong with one cell of a row. */
export interface CellProblem<F extends string = string> {
  field: F;
  code: string;
  message: string;
}

/** What an import knows about itself when it writes: for its record and audit event. */
export interface ImportRun {
  fileName: string;
  sha256: string;
  mode: ImportMode;
  rejected: number;
}

/**
 * One kind of import: its columns, the check of a row, and how rows are staged, checked as a set
 * and written. Everything runs in the import's one transaction.
 */
export interface ImportPlan<F extends string, R extends { row: number }> {
  columns: readonly FileColumn<F>[];
  required: readonly F[];
  /** Creates the staging table (a temporary table dropped on commit). */
  begin(tx: Db): Promise<void>;
  /** The row's staged values, or its problems (one per bad cell). */
  check(row: number, cells: Cell[], header: HeaderMap<F>): R | CellProblem<F>[];
  stage(tx: Db, batch: R[], header: HeaderMap<F>): Promise<void>;
  /** Checks over the staged rows (repeats, existence, scope): deletes the rejected rows and tells why. */
  reject(tx: Db, header: HeaderMap<F>): Promise<Rejection[]>;
  /** Writes what is left; called only when the mode allows writing. */
  commit(tx: Db, header: HeaderMap<F>, run: ImportRun): Promise<ImportCounts>;
}

const BATCH_ROWS = 5000;

const interrupted = () => new AppError('IMPORT_INTERRUPTED', '上传未完成，未写入任何数据', 400);

/** The upload's own failures as client errors: too large (413), otherwise cut off or malformed (400). */
export function uploadFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if ((err as { code?: unknown })?.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge('文件超过允许的大小', { limit: 'fileBytes' });
  return interrupted();
}

/**
 * The upload's bytes, hashed as they pass. Reads the stream through its async iterator — which
 * listens for its errors — without destroying it when the reader stops early (the receiver drains
 * the request). A stream that ends truncated (past the multipart size limit) is too large.
 */
async function* hashed(stream: Readable, hash: Hash): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      yield chunk;
    }
  } catch (err) {
    throw uploadFailure(err);
  }
  if ((stream as { truncated?: boolean }).truncated) throw tooLarge('文件超过允许的大小', { limit: 'fileBytes' });
}

/** Thrown to roll the transaction back on purpose (all-or-nothing with rejections). */
class RollBack extends Error {}

/**
 * Runs an import: rows are checked while the file streams in and staged in batches (one batch is
 * written while the next is read), then checked as a set and written in the same transaction. In
 * all-or-nothing mode any rejection rolls everything back; an upload that fails or stops early
 * fails the import. `modeOf` is asked only once the file is read (the field may follow the file).
 */
/** How many rows an import checks between two turns of the event loop. */
const YIELD_EVERY_ROWS = 200;

export async function runImport<F extends string, R extends { row: number }>(db: Db, file: ImportFile, modeOf: () => Promise<ImportMode>, plan: ImportPlan<F, R>): Promise<ImportResult> {
  const hash = createHash('sha256');
  // Errors of the upload reach whoever is reading it; once nobody is, they must not go unheard.
  file.stream.on('error', () => undefined);
  if (file.stream.destroyed && !file.stream.readableEnded) throw interrupted();
  const rejected: Rejection[] = [];
  const outcome: ImportCounts = { imported: 0, updated: 0, unchanged: 0 };
  const headerOf = (f: F) => plan.columns.find((c) => c.field === f)!.header;

  await inTransaction(db, async (tx) => {
    await plan.begin(tx);
    let header: HeaderMap<F> | null = null;
    let batch: R[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    let rows = 0;
    for await (const { row, cells } of readRows(hashed(file.stream, hash), file.kind, file.limits)) {
      if (!header) {
        if (row !== 1 || isEmptyRow(cells)) throw new AppError('IMPORT_HEADER', `第 1 行应为表头（${plan.required.map(headerOf).join('、')}……）`, 400);
        header = mapHeader(cells.map(unquoteCell), plan.columns, plan.required);
        continue;
      }
      if (isEmptyRow(cells)) continue;
      rows++;
      // Rows already buffered come through `for await` as microtasks, which never let the event loop
      // read the database's replies: give it a turn now and then, so the batch in flight is written
      // while the next one is checked instead of after it.
      if (rows % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
      const checked = checkCells(row, cells, header, plan);
      if (Array.isArray(checked)) {
        for (const p of checked) rejected.push({ row, column: header.label[p.field] ?? p.field, code: p.code, message: p.message });
        continue;
      }
      batch.push(checked);
      if (batch.length >= BATCH_ROWS) {
        await inFlight;
        inFlight = plan.stage(tx, batch, header);
        inFlight.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        batch = [];
      }
    }
    if (!header) throw new AppError('IMPORT_EMPTY', '文件是空的', 400);
    if (rows === 0) throw new AppError('IMPORT_EMPTY', '文件只有表头，没有数据行', 400);
    await inFlight;
    await plan.stage(tx, batch, header);

    rejected.push(...(await plan.reject(tx, header)));
    const mode = await modeOf();
    if (rejected.length && mode === 'all-or-nothing') throw new RollBack();
    Object.assign(outcome, await plan.commit(tx, header, { fileName: file.filename.slice(0, 200), sha256: hash.digest('hex'), mode, rejected: rejected.length }));
  }).catch((err: unknown) => {
    if (!(err instanceof RollBack)) throw err;
  });
  rejected.sort((a, b) => a.row - b.row);
  return { ...outcome, rejected };
}

/**
 * A cell our CSV export neutralised (a `'` before a leading `=`, `+`, `-`, `@`, tab or carriage
 * return — or before quotes followed by one — so that spreadsheet programs do not run it as a
 * formula) back as it was stored: that one `'` comes off.
 */
export const unquoteCell = (cell: Cell): Cell => (typeof cell === 'string' && cell.charCodeAt(0) === 0x27 && /^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/**
 * Cells refused before the row's own checks, whatever the import: a formula without a result, and
 * text holding U+FFFD — the mark of bytes that were not valid text (a file saved in another
 * encoding, or damaged), never stored.
 */
function checkCells<F extends string, R extends { row: number }>(row: number, cells: Cell[], header: HeaderMap<F>, plan: ImportPlan<F, R>): R | CellProblem<F>[] {
  const problems: CellProblem<F>[] = [];
  for (const field of Object.keys(header.index) as F[]) {
    const cell = cells[header.index[field]!];
    if (cell === FORMULA_WITHOUT_RESULT) problems.push({ field, code: 'CELL_FORMULA', message: '单元格是没有计算结果的公式，请粘贴为数值后再导入' });
    else if (typeof cell === 'string' && cell.includes('\uFFFD')) {
      problems.push({ field, code: 'TEXT_ENCODING', message: '单元格含有无法识别的字符（�），文件的编码可能有误或已损坏：请另存为 .xlsx 或 UTF-8 编码的 CSV 后再导入' });
    }
  }
  return problems.length ? problems : plan.check(row, cells.map(unquoteCell), header);
}
