import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../http/errors.js';
import { type ImportLimits, tooLarge, unreadableXlsx } from '../limits.js';
import type { SheetRow } from '../sheet-row.js';
import { precountSharedStrings, readSharedStrings } from './shared-strings.js';
import { precountSheet, readSheet } from './sheet.js';
import { readDateStyles } from './styles.js';
import { type XlsxPackage, openPackage } from './zip.js';
import { readXml } from './xml.js';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** Fewest bytes a sheet spends on one use of a shared string (`<c t="s"><v>0</v></c>` is 21). */
const MIN_BYTES_PER_STRING_USE = 16;
/** Small parts (relationships, workbook) hold at most this many items we keep. */
const MAX_ITEMS = 65_536;

/**
 * Streams the rows of the first sheet of an .xlsx: the upload is spooled to a private temporary
 * file (at most `limits.fileBytes`, deleted afterwards), opened as a zip with its declared sizes
 * checked, then the workbook, styles and shared strings are read and the sheet streamed row by row.
 * Characters are decoded as streams, never split; every limit answers 413 as soon as it is passed.
 */
export async function* readXlsx(input: AsyncIterable<Buffer>, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), SPOOL_PREFIX));
  try {
    const file = path.join(dir, 'upload.xlsx');
    await spool(input, file, limits.fileBytes);
    const pkg = await openPackage(file, limits);
    try {
      yield* readFirstSheet(pkg, limits);
    } finally {
      pkg.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined); // never hides the import's own outcome
  }
}

const SPOOL_PREFIX = 'zj-import-';

/**
 * Removes the spool folders of imports that a killed process left behind (older than `ageMs`, so
 * that another process's running import keeps its own); run at start. Returns how many it removed.
 */
export async function sweepStaleSpools(ageMs = 24 * 3_600_000, tmp = os.tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const dir = path.join(tmp, name);
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory() || now - stat.mtimeMs < ageMs) continue;
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** Writes the upload to `file`; refuses an old .xls or an encrypted workbook (both OLE files) by their first bytes. */
async function spool(input: AsyncIterable<Buffer>, file: string, maxBytes: number) {
  let size = 0;
  async function* counted(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      if (size === 0 && chunk.subarray(0, 4).equals(OLE_MAGIC)) {
        throw new AppError('IMPORT_FORMAT', '该文件是旧版 .xls 文件或加密的 Excel 文件，请在 Excel 中另存为未加密的 .xlsx 后再导入', 400);
      }
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(`文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`, { limit: 'fileBytes' });
      yield chunk;
    }
  }
  await pipeline(counted(input), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
}

interface Relationship {
  type: string;
  target: string;
}

/** The relationships of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`), by id; none when absent. */
async function readRelationships(pkg: XlsxPackage, part: string): Promise<Map<string, Relationship>> {
  const dir = path.posix.dirname(part);
  const name = path.posix.join(dir === '.' ? '' : dir, '_rels', `${path.posix.basename(part)}.rels`);
  const rels = new Map<string, Relationship>();
  if (!pkg.has(name)) return rels;
  const handlers = {
    open(tag: string, a: Record<string, string>) {
      if (tag !== 'Relationship' || a.TargetMode === 'External' || !a.Id || !a.Target) return;
      if (rels.size >= MAX_ITEMS) throw unreadableXlsx('关系表异常');
      rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(dir, a.Target) });
    },
  };
  for await (const _ of readXml(pkg.text(name), handlers, () => [])) {
    // the handlers collect everything
  }
  return rels;
}

/** A relationship's target as a part name: absolute (`/xl/…`) or relative to the source part's folder. */
function resolveTarget(dir: string, target: string): string {
  const joined = target.startsWith('/') ? target : path.posix.join(dir, target);
  return path.posix.normalize(joined).replace(/^\/+/, '');
}

const byType = (rels: Map<string, Relationship>, type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`));

interface Workbook {
  date1904: boolean;
  /** Relationship ids of the sheets in tab order, the visible ones first. */
  sheets: string[];
}

/** The workbook's date system and sheets; stops reading after `</sheets>`. */
async function readWorkbook(pkg: XlsxPackage, part: string): Promise<Workbook> {
  const visible: string[] = [];
  const hidden: string[] = [];
  let date1904 = false;
  let done = false;
  const handlers = {
    open(tag: string, a: Record<string, string>) {
      if (tag === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (tag !== 'sheet') return;
      if (visible.length + hidden.length >= MAX_ITEMS) throw unreadableXlsx('工作表过多');
      const id = Object.entries(a).find(([k]) => k.includes(':') && k.endsWith(':id'))?.[1];
      if (id) (a.state === 'hidden' || a.state === 'veryHidden' ? hidden : visible).push(id);
    },
    close(tag: string) {
      if (tag === 'sheets') done = true;
    },
  };
  // What follows the sheet list (defined names, pivot caches…) is not needed.
  for await (const _ of readXml(pkg.text(part), handlers, () => (done ? [done] : []))) break;
  return { date1904, sheets: [...visible, ...hidden] };
}

async function* readFirstSheet(pkg: XlsxPackage, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const root = await readRelationships(pkg, '');
  const workbookPart = byType(root, 'officeDocument')?.target ?? 'xl/workbook.xml';
  if (!pkg.has(workbookPart)) throw unreadableXlsx('缺少工作簿');
  const rels = await readRelationships(pkg, workbookPart);
  const workbook = await readWorkbook(pkg, workbookPart);
  const worksheets = new Set([...rels.values()].filter((r) => r.type.endsWith('/worksheet')).map((r) => r.target));
  const first = workbook.sheets.map((id) => rels.get(id)).find((r) => r && worksheets.has(r.target) && pkg.has(r.target));
  if (!first) throw unreadableXlsx('没有工作表');

  // Some writers leave these relationships out: their usual names are read then, as Excel does.
  const dir = path.posix.dirname(workbookPart);
  const stylesPart = byType(rels, 'styles')?.target ?? path.posix.join(dir, 'styles.xml');
  const isDate = pkg.has(stylesPart) ? await readDateStyles(pkg.text(stylesPart)) : () => false;
  const stringsPart = byType(rels, 'sharedStrings')?.target ?? path.posix.join(dir, 'sharedStrings.xml');
  // Before parsing anything large, the strings of the table, and the rows and the cells' columns of
  // the sheet, are counted (unpacked and scanned, not parsed: several times faster), so a file past
  // those limits — a zip bomb — is refused within seconds instead of after parsing millions of elements.
  const hasStrings = pkg.has(stringsPart);
  const referable = Math.ceil([...worksheets].reduce((sum, part) => sum + pkg.size(part), 0) / MIN_BYTES_PER_STRING_USE);
  if (hasStrings) await precountSharedStrings(pkg.text(stringsPart), limits, referable);
  await precountSheet(pkg.text(first.target), limits);
  const strings = hasStrings ? await readSharedStrings(pkg.text(stringsPart), limits, referable) : null;
  yield* readSheet(pkg.text(first.target), { strings, isDate, date1904: workbook.date1904, limits });
}
