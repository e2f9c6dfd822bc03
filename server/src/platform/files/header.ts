import { AppError } from '../http/errors.js';
import type { Cell } from './read-rows.js';

/** A column of an import/export file: its field, the Chinese header it is exported under, accepted aliases. */
export interface FileColumn<F extends string = string> {
  field: F;
  header: string;
  aliases: readonly string[];
}

/** Which cell holds which field, and the header text the file used for it (for error reports). */
export interface HeaderMap<F extends string = string> {
  index: Partial<Record<F, number>>;
  label: Record<F, string>;
}

const squash = (s: string) => s.replace(/[\s_（）()]/g, '').toLowerCase();

/**
 * Maps a header row to the columns' fields (Chinese headers or any alias, ignoring case, spaces,
 * underscores and brackets). Unknown headers are ignored; a repeated or a missing required one is refused.
 */
export function mapHeader<F extends string>(cells: Cell[], columns: readonly FileColumn<F>[], required: readonly F[]): HeaderMap<F> {
  const byName = new Map<string, F>(columns.flatMap((c) => [c.header, c.field, ...c.aliases].map((n) => [squash(n), c.field] as [string, F])));
  const index: HeaderMap<F>['index'] = {};
  const label = Object.fromEntries(columns.map((c) => [c.field, c.header])) as Record<F, string>;
  cells.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const field = byName.get(squash(cell));
    if (!field) return;
    if (index[field] !== undefined) throw new AppError('IMPORT_HEADER', `表头“${cell}”重复`, 400, { column: cell });
    index[field] = i;
    label[field] = cell.trim();
  });
  const missing = required.filter((f) => index[f] === undefined);
  if (missing.length) {
    const names = missing.map((f) => label[f]);
    throw new AppError('IMPORT_HEADER', `第 1 行表头缺少必需列：${names.join('、')}（应为 ${columns.map((c) => c.header).join('、')}）`, 400, { missing: names });
  }
  return { index, label };
}
