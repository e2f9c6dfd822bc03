import { cellDate } from '../../platform/files/cells.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { type Checked, type FieldProblem, fail, ok } from '../../platform/validation/fields.js';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from './enterprises.schema.js';
import { normalizeUscc, usccProblem } from './uscc.js';

/** The columns of an import/export file, in order: field, Chinese header, accepted aliases. */
export const FILE_COLUMNS = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码', '社会信用代码', '统一代码'] },
  { field: 'name', header: '企业名称', aliases: ['name', '名称', '主体名称', '市场主体名称'] },
  { field: 'legalRepresentative', header: '法定代表人', aliases: ['legalrepresentative', 'legal_representative', '法定代表人（负责人）', '负责人', '经营者'] },
  { field: 'address', header: '住所', aliases: ['address', '地址', '住所（经营场所）', '经营场所'] },
  { field: 'regionCode', header: '行政区划代码', aliases: ['regioncode', 'region_code', '区划代码'] },
  { field: 'status', header: '登记状态', aliases: ['status', '状态', '经营状态'] },
  { field: 'establishedOn', header: '成立日期', aliases: ['establishedon', 'established_on', '成立时间'] },
  { field: 'industryCode', header: '行业代码', aliases: ['industrycode', 'industry_code', '国民经济行业代码'] },
] as const;

export type FileField = (typeof FILE_COLUMNS)[number]['field'];
export const REQUIRED_FILE_FIELDS: FileField[] = ['uscc', 'name', 'regionCode'];

export const STATUS_LABELS: Record<EnterpriseStatus, string> = {
  active: '存续',
  suspended: '停业',
  cancelled: '注销',
  revoked: '吊销',
  moved_out: '迁出',
};

/** Labels used by registration systems, mapped to our status keys. */
const STATUS_ALIASES: Record<string, EnterpriseStatus> = {
  存续: 'active',
  在业: 'active',
  在营: 'active',
  开业: 'active',
  在册: 'active',
  '存续（在营、开业、在册）': 'active',
  停业: 'suspended',
  歇业: 'suspended',
  注销: 'cancelled',
  已注销: 'cancelled',
  吊销: 'revoked',
  '吊销，未注销': 'revoked',
  '吊销，已注销': 'cancelled',
  迁出: 'moved_out',
};

export function checkUscc(raw: string): Checked<{ uscc: string; checkDigitFailed: boolean }> {
  const uscc = normalizeUscc(raw);
  const problem = usccProblem(uscc);
  if (!problem) return ok({ uscc, checkDigitFailed: false });
  if (problem.code === 'USCC_CHECK_DIGIT') return { ok: true, value: { uscc, checkDigitFailed: true } };
  return fail('uscc', problem.code, problem.message, { position: problem.position });
}

/** The check-digit problem of a code, for the error when no override is given. */
export function checkDigitProblem(uscc: string): FieldProblem {
  const p = usccProblem(uscc)!;
  return { field: 'uscc', code: p.code, message: p.message, details: 'expected' in p ? { position: p.position, expected: p.expected } : { position: p.position } };
}

export function checkStatus(raw: string | null | undefined): Checked<EnterpriseStatus | null> {
  const value = raw?.trim() ?? '';
  if (!value) return ok(null);
  if ((ENTERPRISE_STATUSES as readonly string[]).includes(value)) return ok(value as EnterpriseStatus);
  const mapped = STATUS_ALIASES[value.replace(/\s/g, '')];
  return mapped ? ok(mapped) : fail('status', 'STATUS_UNKNOWN', `无法识别的登记状态“${value}”（应为 存续/在业、停业、注销、吊销、迁出）`);
}

/** GB/T 4754 codes as registration systems write them: section letter and/or 2–4 digits (C1391, 1391, C). */
export function checkIndustry(raw: string | null | undefined): Checked<string | null> {
  const value = raw?.trim().toUpperCase() ?? '';
  if (!value) return ok(null);
  return /^([A-T](\d{2,4})?|\d{2,4})$/.test(value) ? ok(value) : fail('industryCode', 'INDUSTRY_FORMAT', `行业代码“${value}”不符合 GB/T 4754 格式（如 C1391）`);
}

/**
 * A date as registration exports write it (see `cellDate`: 2019-03-05, 2019/3/5, an Excel serial
 * number, a date cell). Not in the future, not before 1949-10-01.
 */
export function checkDate(raw: unknown, today = new Date()): Checked<string | null> {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  const iso = cellDate(raw);
  if (!iso) return fail('establishedOn', 'DATE_FORMAT', `无法识别的日期“${String(raw)}”（如 2019-03-05、2019/3/5）`);
  if (iso > todayInChina(today)) return fail('establishedOn', 'DATE_FUTURE', `成立日期 ${iso} 晚于今天`);
  if (iso < '1949-10-01') return fail('establishedOn', 'DATE_FORMAT', `成立日期 ${iso} 早于 1949-10-01`);
  return ok(iso);
}

/** Maps current and historic division codes to a current region code of the jurisdiction. */
export type RegionResolver = (code: string) => string | null;

export function checkRegion(raw: string | null | undefined, resolve: RegionResolver): Checked<string> {
  const value = raw?.trim() ?? '';
  if (!value) return fail('regionCode', 'REQUIRED', '行政区划代码不能为空');
  const code = resolve(value);
  return code ? ok(code) : fail('regionCode', 'REGION_UNKNOWN', `行政区划代码“${value}”不属于本辖区`);
}
