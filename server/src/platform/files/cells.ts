import { parseDate } from '../calendar/dates.js';
import { type Cell, FORMULA_WITHOUT_RESULT } from './read-rows.js';

/** A cell as text (a date cell as YYYY-MM-DD); null when empty or a formula without a result. */
export const cellText = (cell: Cell | undefined): string | null =>
  cell === null || cell === undefined || cell === FORMULA_WITHOUT_RESULT ? null : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);

/** A row with nothing in it (spreadsheets keep such rows; imports skip them). */
export const isEmptyRow = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date as spreadsheets and registration exports write it — 2019-03-05, 2019/3/5, 2019.3.5,
 * 2019年3月5日, an Excel serial number (43529), or a Date from a date cell — as YYYY-MM-DD;
 * null when it is none of these or no real day.
 */
export function cellDate(raw: unknown): string | null {
  let iso: string | null = null;
  if (raw instanceof Date) {
    iso = Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  } else {
    const text = String(raw).trim();
    const serial = /^\d{1,5}(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (serial >= 1 && serial < 2958466) {
      iso = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
    } else {
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
      if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    }
  }
  return iso && parseDate(iso) ? iso : null;
}
