import { createHmac } from 'node:crypto';
import { parseDate } from '../calendar/dates.js';
import { type Checked, fail, ok } from './fields.js';

/** GB 11643-1999 weights of the 17 body digits and the check characters by sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits of a citizen ID number. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * A citizen ID number (公民身份号码, GB 11643): 18 characters, 17 digits of which 7–14 are a real
 * birth date, then the check character (a digit or X). Lower-case x is taken as X. The problem's
 * message never repeats the number (it must not reach logs or error reports).
 */
export function checkIdNumber(value: string, field = 'idNumber'): Checked<string> {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return fail(field, 'ID_NUMBER_FORMAT', '身份证号码应为 18 位（前 17 位数字，末位为数字或 X）');
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!parseDate(birth) || id.slice(6, 10) < '1900') return fail(field, 'ID_NUMBER_FORMAT', '身份证号码中的出生日期无效');
  if (idCheckChar(id) !== id[17]) return fail(field, 'ID_NUMBER_CHECK_DIGIT', '身份证号码校验位不正确，请核对');
  return ok(id);
}

/** `320802199001011234` → `320802********1234`: the region (6) and the last four characters. */
export const maskIdNumber = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** The masked form as it must look everywhere outside an audited reveal. */
export const MASKED_ID_RE = /^\d{6}\*{8}\d{3}[\dX]$/;

/** The keyed hash that finds a person by ID number (HMAC-SHA256 under the operators' own sub-key). */
export const idNumberHash = (key: Buffer, id: string) => createHmac('sha256', key).update(id).digest('hex');
