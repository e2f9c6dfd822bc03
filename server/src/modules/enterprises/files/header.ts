import { AppError } from '../../../platform/http/errors.js';
import { FILE_COLUMNS, type FileField, REQUIRED_FILE_FIELDS } from '../enterprise-fields.js';
import type { Cell } from './read-rows.js';

/** Which cell holds which field, and the header text the file used for it (for error reports). */
export interface HeaderMap {
  index: Partial<Record<FileField, number>>;
  label: Record<FileField, string>;
}

const squash = (s: string) => s.replace(/[\s_（）()]/g, '').toLowerCase();

const FIELD_BY_NAME = new Map<string, FileField>(FILE_COLUMNS.flatMap((c) => [c.header, c.field, ...c.aliases].map((n) => [squash(n), c.field] as [string, FileField])));

/** Maps the header row (Chinese as registration systems export it, or English aliases). */
export function mapHeader(cells: Cell[]): HeaderMap {
  const index: HeaderMap['index'] = {};
  const label = Object.fromEntries(FILE_COLUMNS.map((c) => [c.field, c.header])) as Record<FileField, string>;
  cells.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const field = FIELD_BY_NAME.get(squash(cell));
    if (!field) return;
    if (index[field] !== undefined) throw new AppError('IMPORT_HEADER', `表头“${cell}”重复`, 400, { column: cell });
    index[field] = i;
    label[field] = cell.trim();
  });
  const missing = REQUIRED_FILE_FIELDS.filter((f) => index[f] === undefined);
  if (missing.length) {
    const names = missing.map((f) => FILE_COLUMNS.find((c) => c.field === f)!.header);
    throw new AppError('IMPORT_HEADER', `第 1 行表头缺少必需列：${names.join('、')}（应为 ${FILE_COLUMNS.map((c) => c.header).join('、')}）`, 400, { missing: names });
  }
  return { index, label };
}
