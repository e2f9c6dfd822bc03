import { AppError } from '../../../platform/http/errors.js';
import { AQL_VALUES, type Aql, CODE_LETTERS, type CodeLetter, INSPECTION_LEVELS, type InspectionLevel, SAMPLE_SIZES, TABLE_1, TABLE_2A } from './tables.js';

export { AQL_VALUES, CODE_LETTERS, INSPECTION_LEVELS, SAMPLE_SIZES } from './tables.js';
export type { Aql, CodeLetter, InspectionLevel } from './tables.js';

/** The smallest lot Table 1 covers (its first range is 2–8). */
export const LOT_SIZE_MIN = 2;
/** The largest lot accepted: any lot past 500 000 takes the last range's letters; this only bounds the input. */
export const LOT_SIZE_MAX = 1_000_000_000;

/** A plan after following the master table's arrows; `sampleSize` is the lot size when the plan's n ≥ the lot (100 % inspection). */
export interface SamplingPlan {
  codeLetter: CodeLetter;
  sampleSize: number;
  ac: number;
  re: number;
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', message, 400, [{ field, rule: field, message }]);

/** A plain decimal numeral: digits, optionally a point and digits (no sign, exponent, spaces inside). */
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `0010.500` → `10.5`, `1.0` → `1`, `0.10` → `0.1`: the numeral's value written without superfluous zeros. */
function canonical(numeral: string): string | null {
  const m = DECIMAL.exec(numeral);
  if (!m) return null;
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

const BY_CANONICAL = new Map<string, Aql>(AQL_VALUES.map((a) => [canonical(a)!, a]));

/**
 * The AQL series entry a value stands for, or null. Text is read as a decimal numeral, compared by
 * its exact value: `1`, `1.0` and `1.00` are 1.0; `0.1` and `0.10` are 0.10; `.1`, `1e0`, `+1` and
 * `1,0` are not numerals here. Surrounding spaces are ignored. A number is compared by its value
 * (`0.1` is 0.10).
 */
export function aqlOf(value: string | number): Aql | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? (BY_CANONICAL.get(canonical(String(value)) ?? '') ?? null) : null;
  if (typeof value !== 'string') return null;
  const key = canonical(value.trim());
  return key === null ? null : (BY_CANONICAL.get(key) ?? null);
}

export const isInspectionLevel = (value: unknown): value is InspectionLevel => typeof value === 'string' && (INSPECTION_LEVELS as readonly string[]).includes(value);

/** Table 1: the code letter of a lot size (an integer ≥ 2) at an inspection level. */
export function codeLetterFor(lotSize: number, level: InspectionLevel): CodeLetter {
  const row = TABLE_1.find((r) => lotSize >= r.from && (r.to === null || lotSize <= r.to));
  if (!row) throw invalid('lotSize', `批量应为不小于 ${LOT_SIZE_MIN} 的整数`);
  return row.letters[INSPECTION_LEVELS.indexOf(level)]!;
}

/**
 * Table 2-A: the plan of a code letter at an AQL, following the arrows (↓ the first plan below, ↑
 * the first plan above) — the letter, n, Ac and Re are the plan's, not the starting letter's.
 */
export function masterPlan(letter: CodeLetter, aql: Aql): { codeLetter: CodeLetter; sampleSize: number; ac: number; re: number } {
  const column = AQL_VALUES.indexOf(aql);
  let row = CODE_LETTERS.indexOf(letter);
  // Every arrow leads to a plan within the table (see the tests), so this ends in at most 15 steps.
  for (let steps = 0; steps < CODE_LETTERS.length; steps++) {
    const at = CODE_LETTERS[row]!;
    const cell = TABLE_2A[at][column]!;
    if (cell === '↓') row++;
    else if (cell === '↑') row--;
    else return { codeLetter: at, sampleSize: SAMPLE_SIZES[at], ac: cell[0], re: cell[1] };
  }
  throw new Error(`Table 2-A: no plan from ${letter} at AQL ${aql}`);
}

/**
 * GB/T 2828.1 (ISO 2859-1), normal inspection, single sampling: the plan for a lot of `lotSize`
 * items at an inspection level and an AQL. The code letter comes from Table 1, the plan from
 * Table 2-A following its arrows; when the plan's sample size is at least the lot size, the whole
 * lot is inspected (`sampleSize` = `lotSize`) with that plan's Ac and Re.
 * Throws 400 VALIDATION for a lot size that is not an integer in [2, 1 000 000 000], an unknown
 * level or an AQL outside the series.
 */
export function samplingPlan(lotSize: number, level: InspectionLevel | string, aql: string | number): SamplingPlan {
  if (typeof lotSize !== 'number' || !Number.isInteger(lotSize) || lotSize < LOT_SIZE_MIN || lotSize > LOT_SIZE_MAX) {
    throw invalid('lotSize', `批量应为 ${LOT_SIZE_MIN}–${LOT_SIZE_MAX} 之间的整数`);
  }
  if (!isInspectionLevel(level)) throw invalid('level', `检验水平应为 ${INSPECTION_LEVELS.join('、')} 之一`);
  const entry = aqlOf(aql);
  if (!entry) throw invalid('aql', `AQL 应为 GB/T 2828.1 表 2-A 的优先系列值之一（${AQL_VALUES.join('、')}）`);
  const plan = masterPlan(codeLetterFor(lotSize, level), entry);
  return { ...plan, sampleSize: Math.min(plan.sampleSize, lotSize) };
}
