import { parseDate } from '../calendar/dates.js';
import { AppError } from '../http/errors.js';

/**
 * Field checks every module shares. One argument order everywhere:
 * `check…(value, field, label, opts)` — the value first, then the input field it came from (named
 * in the error's `details.field`), then the Chinese label the message uses.
 */

/** What is wrong with one input field; `details` go into the error next to `field` (e.g. a position). */
export interface FieldProblem<F extends string = string> {
  field: F;
  code: string;
  message: string;
  details?: unknown;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (field: string, code: string, message: string, details?: unknown): Checked<never> => ({ ok: false, problem: details === undefined ? { field, code, message } : { field, code, message, details } });

/** A 400 naming the field at fault (`details.field`), with the problem's details. */
export const fieldError = (p: FieldProblem) => new AppError(p.code, p.message, 400, { field: p.field, ...(p.details as object) });

/** The value, or the problem as a 400. */
export function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw fieldError(checked.problem);
  return checked.value;
}

/** A 400 naming the input field at fault (`details.field`). */
export const invalid = (field: string, message: string, code = 'VALIDATION') => new AppError(code, message, 400, { field });

/** Trimmed text of at most `max` characters; empty is null unless required (VALIDATION). */
export function checkText(value: string | null | undefined, field: string, label: string, opts: { max: number; required: boolean }): Checked<string | null> {
  const text = value?.trim() ?? '';
  if (!text) return opts.required ? fail(field, 'VALIDATION', `请填写${label}`) : ok(null);
  if (text.length > opts.max) return fail(field, 'VALIDATION', `${label}不能超过 ${opts.max} 个字`);
  return ok(text);
}

/** Text that a spreadsheet would run as a formula. */
const FORMULA_RE = /^[=+@]/;

/**
 * Text as a spreadsheet cell or a register form gives it: trimmed, REQUIRED when empty and
 * required, TOO_LONG over `max` characters, CELL_FORMULA when it starts with = + @.
 */
export function checkCellText(value: string | null | undefined, field: string, label: string, opts: { required?: boolean; max: number }): Checked<string | null> {
  const text = value?.trim() ?? '';
  if (!text) return opts.required ? fail(field, 'REQUIRED', `${label}不能为空`) : ok(null);
  if (text.length > opts.max) return fail(field, 'TOO_LONG', `${label}不能超过 ${opts.max} 个字符`);
  if (FORMULA_RE.test(text)) return fail(field, 'CELL_FORMULA', `${label}不能以 = + @ 开头（疑似公式）`);
  return ok(text);
}

/** A real YYYY-MM-DD date (INVALID_DATE otherwise). */
export function checkDate(value: string | null | undefined, field: string, label: string): Checked<string> {
  return value && parseDate(value) ? ok(value) : fail(field, 'INVALID_DATE', `${label}应为 YYYY-MM-DD 格式的日期`);
}

/** Trimmed text, required and at most `max` characters (400 VALIDATION otherwise). */
export function requireText(value: string | null | undefined, field: string, label: string, max = 500): string {
  return orThrow(checkText(value, field, label, { max, required: true }))!;
}

/** A real YYYY-MM-DD date (400 INVALID_DATE otherwise). */
export function requireDate(value: string | null | undefined, field: string, label: string): string {
  return orThrow(checkDate(value, field, label));
}
