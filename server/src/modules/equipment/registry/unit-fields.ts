import { type Checked, checkCellText, fail, ok } from '../../../platform/validation/fields.js';
import { parseDate } from '../../../platform/calendar/dates.js';
import { regionWithin } from '../../../platform/access/scope.js';
import { EQUIPMENT_STATUSES, type EquipmentStatus, INSPECTION_CONCLUSIONS, type InspectionConclusion, KEY_UNIT_KINDS, type KeyUnitKind } from './registry.schema.js';

/**
 * The checks of a unit's fields, shared by the form (POST/PATCH, as 400s) and the import (as
 * per-row problems). Each answers the checked value or the problem, with the field it names.
 */

/** 设备代码: 1–32 characters, digits and capital letters. */
export const EQUIPMENT_CODE_PATTERN = '^[0-9A-Z]{1,32}$';
const EQUIPMENT_CODE_RE = new RegExp(EQUIPMENT_CODE_PATTERN);

export const MAX_ADDRESS = 300;

export function checkEquipmentCode(raw: string | null | undefined): Checked<string> {
  const value = raw?.trim() ?? '';
  if (!EQUIPMENT_CODE_RE.test(value)) return fail('equipmentCode', 'EQUIPMENT_CODE_FORMAT', `设备代码“${value.slice(0, 40)}”格式不正确：应为 1–32 位数字或大写字母`);
  return ok(value);
}

export const checkRegistrationNo = (raw: string | null | undefined): Checked<string | null> => checkCellText(raw, 'registrationNo', '使用登记证编号', { max: 64 });

/** A category dictionary entry as the checks need it. */
export interface CategoryEntry {
  code: string;
  parentCode: string | null;
  name: string;
}

/** The category (a top entry of the dictionary) and the subcategory (an entry under it, or none). */
export function checkCategories(category: string | null | undefined, subcategory: string | null | undefined, dictionary: ReadonlyMap<string, CategoryEntry>): Checked<{ category: string; subcategory: string | null }> {
  const top = category?.trim() ?? '';
  if (!top) return fail('category', 'REQUIRED', '设备类别不能为空');
  const entry = dictionary.get(top);
  if (!entry) return fail('category', 'CATEGORY_UNKNOWN', `设备类别“${top.slice(0, 40)}”不在特种设备目录中`);
  if (entry.parentCode !== null) return fail('category', 'CATEGORY_UNKNOWN', `设备类别应为目录的大类代码（如 3000），“${top}”是品种（属于 ${entry.parentCode}）`);
  const sub = subcategory?.trim() || null;
  if (sub === null) return ok({ category: top, subcategory: null });
  const subEntry = dictionary.get(sub);
  if (!subEntry) return fail('subcategory', 'CATEGORY_UNKNOWN', `设备品种“${sub.slice(0, 40)}”不在特种设备目录中`);
  if (subEntry.parentCode !== top) return fail('subcategory', 'SUBCATEGORY_MISMATCH', `设备品种 ${sub}（${subEntry.name}）不属于设备类别 ${top}（${entry.name}）`);
  return ok({ category: top, subcategory: sub });
}

/** 安全状况等级 1–5, for pressure vessels (2000) only. */
export function checkSafetyGrade(grade: number | null | undefined, category: string | null): Checked<number | null> {
  if (grade === null || grade === undefined) return ok(null);
  if (category !== '2000') return fail('safetyGrade', 'SAFETY_GRADE', '只有压力容器（2000）有安全状况等级');
  if (!Number.isInteger(grade) || grade < 1 || grade > 5) return fail('safetyGrade', 'SAFETY_GRADE', '安全状况等级应为 1–5 级');
  return ok(grade);
}

export function checkKeyUnitKind(raw: string | null | undefined): Checked<KeyUnitKind | null> {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  return (KEY_UNIT_KINDS as readonly string[]).includes(raw) ? ok(raw as KeyUnitKind) : fail('keyUnitKind', 'KEY_UNIT_KIND_UNKNOWN', `重点场所类型应为 ${KEY_UNIT_KINDS.join('、')} 之一`);
}

export function checkStatus(raw: string | null | undefined): Checked<EquipmentStatus> {
  if (raw === null || raw === undefined || raw === '') return ok('in_use');
  return (EQUIPMENT_STATUSES as readonly string[]).includes(raw) ? ok(raw as EquipmentStatus) : fail('status', 'STATUS_UNKNOWN', `使用状态应为在用、停用、报废或注销`);
}

export function checkConclusion(raw: string | null | undefined): Checked<InspectionConclusion | null> {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  return (INSPECTION_CONCLUSIONS as readonly string[]).includes(raw) ? ok(raw as InspectionConclusion) : fail('lastConclusion', 'CONCLUSION_UNKNOWN', '检验结论应为合格、基本符合要求或不合格');
}

/** A real date, not after `today` (a day that has not come yet cannot have happened). */
export function checkPastDate(raw: string | null | undefined, field: string, label: string, today: string, required: boolean): Checked<string | null> {
  if (raw === null || raw === undefined || raw === '') return required ? fail(field, 'REQUIRED', `${label}不能为空`) : ok(null);
  if (!parseDate(raw)) return fail(field, 'INVALID_DATE', `${label}应为 YYYY-MM-DD 格式的日期`);
  if (raw > today) return fail(field, 'INVALID_DATE', `${label}不能晚于今天`);
  return ok(raw);
}

export function checkAnyDate(raw: string | null | undefined, field: string, label: string): Checked<string | null> {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  return parseDate(raw) ? ok(raw) : fail(field, 'INVALID_DATE', `${label}应为 YYYY-MM-DD 格式的日期`);
}

/**
 * The inspection state written on the unit's certificate: a conclusion needs its date. The due date
 * may lie before the last inspection: a failed inspection leaves the due date as it was.
 */
export function checkInspectionState(s: { lastInspectedOn: string | null; lastConclusion: InspectionConclusion | null; nextInspectionDue: string | null }): Checked<true> {
  if (s.lastConclusion && !s.lastInspectedOn) return fail('lastInspectedOn', 'REQUIRED', '填写检验结论时应同时填写上次检验日期');
  return ok(true);
}

/**
 * The unit's division: a known (current or former, mapped to current) code, within the actor's
 * region when the actor's scope is a region.
 */
export function checkUnitRegion(raw: string | null | undefined, resolve: (code: string) => string | null, scope: { dataScope: string; regionCode: string }): Checked<string> {
  const value = raw?.trim() ?? '';
  if (!value) return fail('regionCode', 'REQUIRED', '所在区划不能为空');
  const code = resolve(value);
  if (!code) return fail('regionCode', 'REGION_UNKNOWN', `行政区划代码“${value.slice(0, 20)}”不属于本辖区`);
  if (scope.dataScope !== 'all' && !regionWithin(code, scope.regionCode)) return fail('regionCode', 'OUT_OF_SCOPE', `行政区划 ${code} 不在您的辖区内`);
  return ok(code);
}
