import { invalid, requireText } from '../../../platform/validation/fields.js';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../../cases/index.js';
import { AQL_VALUES, INSPECTION_LEVELS, type InspectionLevel, aqlOf } from '../sampling-plan/sampling-plan.js';
import type { TestItem } from '../spotchecks.schema.js';

/*
 * The checks of a product's fields (README.md § Products): pure, so that create and update share
 * them and a test can drive each rule without a database.
 */

export const CODE_MAX = 30;
export const NAME_MAX = 100;
export const TEST_ITEMS_MAX = 100;
export const STANDARDS_MAX = 50;
export const BATCH_COST_MAX = 10_000_000;
export const SAMPLE_SIZE_MAX = 100_000;

/** Codes: trimmed and upper-cased; letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
const CODE_RE = new RegExp(`^[A-Z0-9][A-Z0-9._-]{0,${CODE_MAX - 1}}$`);

/** A product code as stored: trimmed, upper case (400 VALIDATION on `code` otherwise). */
export function checkCode(raw: string | null | undefined): string {
  const code = (raw ?? '').trim().toUpperCase();
  if (!code) throw invalid('code', '请填写产品编号');
  if (!CODE_RE.test(code)) throw invalid('code', `产品编号应为 1–${CODE_MAX} 位字母、数字或 - _ .（如 RY-001），以字母或数字开头`);
  return code;
}

export function checkCategory(raw: string): ProductCategory {
  if (!(PRODUCT_CATEGORIES as readonly string[]).includes(raw)) throw invalid('category', `未知的产品类别：${String(raw).slice(0, 30)}`);
  return raw as ProductCategory;
}

export function checkImpact(raw: number): number {
  if (!Number.isInteger(raw) || raw < 1 || raw > 5) throw invalid('impact', '国计民生影响程度应为 1–5 的整数');
  return raw;
}

export function checkBatchCost(raw: number): number {
  if (!Number.isInteger(raw) || raw < 1 || raw > BATCH_COST_MAX) throw invalid('batchCost', `每批次检验费用应为 1–${BATCH_COST_MAX} 元的整数`);
  return raw;
}

const optionalText = (v: string | null | undefined, field: string, label: string, max: number): string | null => {
  const t = v?.trim() || null;
  if (t && [...t].length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return t;
};

/** Test items: at least one, names unique (failing items are counted by name), each with its requirement and method. */
export function checkTestItems(raw: TestItem[]): TestItem[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('testItems', '实施细则应至少列明一个检验项目');
  if (raw.length > TEST_ITEMS_MAX) throw invalid('testItems', `检验项目不能超过 ${TEST_ITEMS_MAX} 个`);
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const name = requireText(item?.name, `testItems.${i}.name`, '检验项目名称', 100);
    if (seen.has(name)) throw invalid(`testItems.${i}.name`, `检验项目“${name}”重复`, 'DUPLICATE_ITEM');
    seen.add(name);
    const requirement = requireText(item.requirement, `testItems.${i}.requirement`, '技术要求', 500);
    const method = requireText(item.method, `testItems.${i}.method`, '检验方法', 200);
    return { name, requirement, method, critical: item.critical === true };
  });
}

/** Standards cited: trimmed, empty ones dropped, repeats once, at most 50 of 100 characters each. */
export function checkStandards(raw: string[] | undefined): string[] {
  const list = raw ?? [];
  if (!Array.isArray(list)) throw invalid('standards', '引用标准应为列表');
  const out: string[] = [];
  list.forEach((s, i) => {
    const t = optionalText(s, `standards.${i}`, '引用标准', 100);
    if (t && !out.includes(t)) out.push(t);
  });
  if (out.length > STANDARDS_MAX) throw invalid('standards', `引用标准不能超过 ${STANDARDS_MAX} 项`);
  return out;
}

/** An AQL as its series entry (`1` → `1.0`, `0.1` → `0.10`; the sampling-plan part's reading), or a 400 when not in the series. */
export function checkAql(raw: string | number): string {
  const found = aqlOf(raw);
  if (!found) throw invalid('aql', `AQL 应为 GB/T 2828.1 优先系列中的值（${AQL_VALUES.join('、')}）`);
  return found;
}

export interface SamplingRule {
  sampleSize: number | null;
  sampleUnit: string | null;
  inspectionLevel: InspectionLevel | null;
  aql: string | null;
}

/**
 * The sample size of a batch: either a fixed number per batch (`sampleSize`) or a GB/T 2828.1
 * plan (`inspectionLevel` and `aql` together) — exactly one of the two.
 */
export function checkSamplingRule(input: { sampleSize?: number | null; sampleUnit?: string | null; inspectionLevel?: string | null; aql?: string | number | null }): SamplingRule {
  const sampleSize = input.sampleSize ?? null;
  if (sampleSize !== null && (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > SAMPLE_SIZE_MAX)) throw invalid('sampleSize', `每批次抽样数量应为 1–${SAMPLE_SIZE_MAX} 的整数`);
  const level = input.inspectionLevel?.trim() || null;
  if (level !== null && !(INSPECTION_LEVELS as readonly string[]).includes(level)) throw invalid('inspectionLevel', `检验水平应为 ${INSPECTION_LEVELS.join('、')} 之一`);
  const aql = input.aql === null || input.aql === undefined || input.aql === '' ? null : checkAql(input.aql);
  if ((level === null) !== (aql === null)) throw invalid(level === null ? 'inspectionLevel' : 'aql', '按 GB/T 2828.1 确定样本量时，检验水平和 AQL 须同时填写');
  if (sampleSize !== null && level !== null) throw invalid('sampleSize', '每批次抽样数量与 GB/T 2828.1 抽样方案只能选其一');
  if (sampleSize === null && level === null) throw invalid('sampleSize', '请填写每批次抽样数量，或选择 GB/T 2828.1 的检验水平和 AQL');
  const sampleUnit = optionalText(input.sampleUnit, 'sampleUnit', '样品单位', 20);
  return { sampleSize, sampleUnit, inspectionLevel: level as InspectionLevel | null, aql };
}

export const checkNote = (v: string | null | undefined) => optionalText(v, 'note', '备注', 2000);
export const checkName = (v: string) => requireText(v, 'name', '产品名称', NAME_MAX);

/** A history year's failing items: trimmed, repeats once, at most 100 of 100 characters. */
export function checkFailingItems(raw: string[]): string[] {
  if (!Array.isArray(raw)) throw invalid('failingItems', '不合格项目应为列表');
  const out: string[] = [];
  raw.forEach((s, i) => {
    const t = optionalText(s, `failingItems.${i}`, '不合格项目', 100);
    if (t && !out.includes(t)) out.push(t);
  });
  if (out.length > TEST_ITEMS_MAX) throw invalid('failingItems', `不合格项目不能超过 ${TEST_ITEMS_MAX} 项`);
  return out;
}
