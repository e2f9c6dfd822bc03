/**
 * The tables of GB/T 2828.1-2012 (identical in these tables to ISO 2859-1:1999, ANSI/ASQ Z1.4 and
 * MIL-STD-105E), written as data: Table 1 (sample size code letters) and Table 2-A (single sampling
 * plans for normal inspection, master table). Sources and cross-checks: `README.md` of this folder.
 */

/** The inspection levels, in Table 1's column order: the special levels S-1…S-4, then the general I, II, III. */
export const INSPECTION_LEVELS = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'] as const;
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];

/** The sample size code letters (no I, O, S). */
export const CODE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'] as const;
export type CodeLetter = (typeof CODE_LETTERS)[number];

/** Table 2-A's sample size of each code letter. */
export const SAMPLE_SIZES: Readonly<Record<CodeLetter, number>> = {
  A: 2, B: 3, C: 5, D: 8, E: 13, F: 20, G: 32, H: 50, J: 80, K: 125, L: 200, M: 315, N: 500, P: 800, Q: 1250, R: 2000,
};

/** The AQL series of Table 2-A's columns, written as the standard writes them (percent nonconforming, or nonconformities per 100 items). */
export const AQL_VALUES = ['0.010', '0.015', '0.025', '0.040', '0.065', '0.10', '0.15', '0.25', '0.40', '0.65', '1.0', '1.5', '2.5', '4.0', '6.5', '10', '15', '25', '40', '65', '100', '150', '250', '400', '650', '1000'] as const;
export type Aql = (typeof AQL_VALUES)[number];

/**
 * Table 1 — sample size code letters. One row per lot-size range (`to` null: "and over"), the
 * letters in the column order of INSPECTION_LEVELS: S-1, S-2, S-3, S-4, I, II, III.
 */
export const TABLE_1: readonly { from: number; to: number | null; letters: readonly CodeLetter[] }[] = [
  // lot size              letters:  S-1  S-2  S-3  S-4  I    II   III
  { from: 2, to: 8, letters: ['A', 'A', 'A', 'A', 'A', 'A', 'B'] },
  { from: 9, to: 15, letters: ['A', 'A', 'A', 'A', 'A', 'B', 'C'] },
  { from: 16, to: 25, letters: ['A', 'A', 'B', 'B', 'B', 'C', 'D'] },
  { from: 26, to: 50, letters: ['A', 'B', 'B', 'C', 'C', 'D', 'E'] },
  { from: 51, to: 90, letters: ['B', 'B', 'C', 'C', 'C', 'E', 'F'] },
  { from: 91, to: 150, letters: ['B', 'B', 'C', 'D', 'D', 'F', 'G'] },
  { from: 151, to: 280, letters: ['B', 'C', 'D', 'E', 'E', 'G', 'H'] },
  { from: 281, to: 500, letters: ['B', 'C', 'D', 'E', 'F', 'H', 'J'] },
  { from: 501, to: 1200, letters: ['C', 'C', 'E', 'F', 'G', 'J', 'K'] },
  { from: 1201, to: 3200, letters: ['C', 'D', 'E', 'G', 'H', 'K', 'L'] },
  { from: 3201, to: 10000, letters: ['C', 'D', 'F', 'G', 'J', 'L', 'M'] },
  { from: 10001, to: 35000, letters: ['C', 'D', 'F', 'H', 'K', 'M', 'N'] },
  { from: 35001, to: 150000, letters: ['D', 'E', 'G', 'J', 'L', 'N', 'P'] },
  { from: 150001, to: 500000, letters: ['D', 'E', 'G', 'J', 'M', 'P', 'Q'] },
  { from: 500001, to: null, letters: ['D', 'E', 'H', 'K', 'N', 'Q', 'R'] },
];

/** A cell of Table 2-A: a plan `[Ac, Re]`, or an arrow — `↓` use the first plan below, `↑` the first plan above. */
export type MasterCell = readonly [ac: number, re: number] | '↓' | '↑';

const D = '↓';
const U = '↑';

/**
 * Table 2-A — single sampling plans for normal inspection (master table). One row per code letter,
 * one cell per AQL of AQL_VALUES (26 columns, 0.010 … 1000).
 *
 * Two cells at the table's corners cannot point where the diagonal pattern would: A at AQL 10 has no
 * plan above it (it is `↓`, to C's 1 2), and R at AQL 0.015 has no plan below it (it is `↑`, to
 * P's 0 1) — see README.md.
 */
export const TABLE_2A: Readonly<Record<CodeLetter, readonly MasterCell[]>> = {
  // Columns: 0.010 0.015 0.025 0.040 0.065 0.10 0.15 0.25 0.40 0.65 1.0 1.5 2.5 4.0 6.5 10 15 25 40 65 100 150 250 400 650 1000
  A: [D, D, D, D, D, D, D, D, D, D, D, D, D, D, [0, 1], D, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], [30, 31]],
  B: [D, D, D, D, D, D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], [30, 31], [44, 45]],
  C: [D, D, D, D, D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], [30, 31], [44, 45], U],
  D: [D, D, D, D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], [30, 31], [44, 45], U, U],
  E: [D, D, D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], [30, 31], [44, 45], U, U, U],
  F: [D, D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U],
  G: [D, D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U],
  H: [D, D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U],
  J: [D, D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U],
  K: [D, D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U],
  L: [D, D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U],
  M: [D, D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U, U],
  N: [D, D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U, U, U],
  P: [D, [0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U, U, U, U],
  Q: [[0, 1], U, D, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U, U, U, U, U],
  R: [U, U, [1, 2], [2, 3], [3, 4], [5, 6], [7, 8], [10, 11], [14, 15], [21, 22], U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U],
};
