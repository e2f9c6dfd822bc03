import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.js';
import { AQL_VALUES, type Aql, CODE_LETTERS, type CodeLetter, INSPECTION_LEVELS, type InspectionLevel, SAMPLE_SIZES, aqlOf, codeLetterFor, masterPlan, samplingPlan } from './sampling-plan.js';
import { TABLE_2A } from './tables.js';

/**
 * GB/T 2828.1-2012 / ISO 2859-1:1999, normal inspection, single sampling, checked against the
 * published tables. The expectations below are written independently of `tables.ts`: Table 1 by
 * column (one string of letters per inspection level), Table 2-A from the table's published
 * structure and from a list of cells read off the printed table.
 */

describe('Table 1: sample size code letters', () => {
  const RANGES: [number, number][] = [
    [2, 8], [9, 15], [16, 25], [26, 50], [51, 90], [91, 150], [151, 280], [281, 500], [501, 1200], [1201, 3200],
    [3201, 10000], [10001, 35000], [35001, 150000], [150001, 500000], [500001, 1_000_000_000],
  ];
  /** Each level's letters down the 15 lot-size ranges, as the printed table's columns read. */
  const COLUMNS: Record<InspectionLevel, string> = {
    'S-1': 'AAAABBBBCCCCDDD',
    'S-2': 'AAABBBCCCDDDEEE',
    'S-3': 'AABBCCDDEEFFGGH',
    'S-4': 'AABCCDEEFGGHJJK',
    I: 'AABCCDEFGHJKLMN',
    II: 'ABCDEFGHJKLMNPQ',
    III: 'BCDEFGHJKLMNPQR',
  };

  it('lists the seven levels and the 26 AQLs of the series', () => {
    expect([...INSPECTION_LEVELS].sort()).toEqual(['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4']);
    expect(AQL_VALUES).toHaveLength(26);
    expect(AQL_VALUES[0]).toBe('0.010');
    expect(AQL_VALUES[25]).toBe('1000');
    expect(CODE_LETTERS.map((l) => SAMPLE_SIZES[l])).toEqual([2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000]);
  });

  for (const level of INSPECTION_LEVELS) {
    it(`level ${level}: every lot-size range, at both of its ends`, () => {
      RANGES.forEach(([from, to], i) => {
        const expected = COLUMNS[level][i];
        expect(codeLetterFor(from, level), `${level}, lot ${from}`).toBe(expected);
        expect(codeLetterFor(to, level), `${level}, lot ${to}`).toBe(expected);
        // A lot in the middle of the range too.
        expect(codeLetterFor(Math.floor((from + to) / 2), level), `${level}, lot ${Math.floor((from + to) / 2)}`).toBe(expected);
      });
    });
  }

  it('the special levels stay small at the largest lots: S-1 at most D, S-2 E, S-3 H, S-4 K', () => {
    expect(codeLetterFor(10_000_000, 'S-1')).toBe('D');
    expect(codeLetterFor(10_000_000, 'S-2')).toBe('E');
    expect(codeLetterFor(10_000_000, 'S-3')).toBe('H');
    expect(codeLetterFor(10_000_000, 'S-4')).toBe('K');
    expect(codeLetterFor(10_000_000, 'I')).toBe('N');
    expect(codeLetterFor(10_000_000, 'II')).toBe('Q');
    expect(codeLetterFor(10_000_000, 'III')).toBe('R');
  });
});

/**
 * Table 2-A as published, described rather than copied: the plans run in diagonals (the same
 * Ac along letter + column), Ac 0 1 of letter A at AQL 6.5 and one column further left for each
 * letter down; right after Ac 0 comes an ↑ cell and a ↓ cell, then Ac 1, 2, 3, 5, 7, 10, 14, 21
 * (and 30, 44 on rows A–E only, for the large AQLs); left of the plans ↓, right of them ↑; Re is
 * Ac + 1. Two corner cells: A at AQL 10 (no plan above it) points down, R at AQL 0.015 (no plan
 * below it) points up.
 */
function publishedCell(letter: CodeLetter, aql: Aql): [number, number] | '↓' | '↑' {
  const row = CODE_LETTERS.indexOf(letter);
  const column = AQL_VALUES.indexOf(aql);
  const step = row + column - 14; // 0 on the diagonal of Ac 0
  const ladder = [1, 2, 3, 5, 7, 10, 14, 21, 30, 44];
  if (step < 0) return '↓';
  if (step === 0) return [0, 1];
  if (step === 1) return letter === 'A' ? '↓' : '↑';
  if (step === 2) return letter === 'R' ? '↑' : '↓';
  const ac = ladder[step - 3];
  if (ac === undefined || (ac > 21 && row > CODE_LETTERS.indexOf('E'))) return '↑';
  return [ac, ac + 1];
}

/** The printed table followed by hand: the plan a (letter, AQL) cell leads to. */
function follow(letter: CodeLetter, aql: Aql): { codeLetter: CodeLetter; sampleSize: number; ac: number; re: number } {
  let row = CODE_LETTERS.indexOf(letter);
  for (;;) {
    const cell = publishedCell(CODE_LETTERS[row]!, aql);
    if (cell === '↓') row++;
    else if (cell === '↑') row--;
    else return { codeLetter: CODE_LETTERS[row]!, sampleSize: SAMPLE_SIZES[CODE_LETTERS[row]!], ac: cell[0], re: cell[1] };
  }
}

describe('Table 2-A: single sampling plans for normal inspection (master table)', () => {
  it('every one of the 416 cells is the published one (plan or arrow)', () => {
    for (const letter of CODE_LETTERS) {
      expect(TABLE_2A[letter], letter).toHaveLength(26);
      AQL_VALUES.forEach((aql, j) => expect(TABLE_2A[letter][j], `${letter} at AQL ${aql}`).toEqual(publishedCell(letter, aql)));
    }
  });

  it('every cell leads to a plan of the table, and the plan is the one the printed table gives', () => {
    for (const letter of CODE_LETTERS) for (const aql of AQL_VALUES) expect(masterPlan(letter, aql), `${letter} at AQL ${aql}`).toEqual(follow(letter, aql));
  });

  it('has the table\'s known features: Re = Ac + 1; the Ac diagonals 0 1 2 3 5 7 10 14 21 30 44; 30 and 44 only on rows A–E', () => {
    const acs = new Set<number>();
    for (const letter of CODE_LETTERS) {
      for (const cell of TABLE_2A[letter]) {
        if (typeof cell === 'string') continue;
        expect(cell[1]).toBe(cell[0] + 1);
        acs.add(cell[0]);
        if (cell[0] > 21) expect(['A', 'B', 'C', 'D', 'E']).toContain(letter);
      }
      // Along a row, the plans' Ac only grow, on consecutive steps of the ladder (after the 0 1 plan's two arrows).
      const plans = TABLE_2A[letter].filter((c) => typeof c !== 'string').map((c) => (c as readonly number[])[0]);
      const ladder = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44];
      const start = ladder.indexOf(plans[0]!);
      expect(plans, letter).toEqual(ladder.slice(start, start + plans.length));
    }
    expect([...acs].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44]);
    // The ↓ arrows fill the upper left, the ↑ arrows the lower right: no ↓ right of a row's last plan, no ↑ left of its first.
    for (const letter of CODE_LETTERS) {
      const row = TABLE_2A[letter];
      const first = row.findIndex((c) => typeof c !== 'string');
      const last = row.length - 1 - [...row].reverse().findIndex((c) => typeof c !== 'string');
      row.forEach((c, j) => {
        if (j < first) expect(c, `${letter} column ${j}`).toBe(letter === 'R' ? '↑' : '↓');
        if (j > last) expect(c, `${letter} column ${j}`).toBe('↑');
      });
    }
  });

  /**
   * Cells read off the printed table and followed by hand: (letter, AQL) → letter used, n, Ac, Re.
   * ↓ and ↑ cells, the top and bottom rows, the 0.010 and 1000 columns, the corners.
   */
  const READ: [CodeLetter, Aql, CodeLetter, number, number, number][] = [
    // Plans in place.
    ['J', '1.0', 'J', 80, 2, 3],
    ['J', '0.15', 'J', 80, 0, 1],
    ['K', '2.5', 'K', 125, 7, 8],
    ['L', '2.5', 'L', 200, 10, 11],
    ['N', '2.5', 'N', 500, 21, 22],
    ['H', '4.0', 'H', 50, 5, 6],
    ['G', '6.5', 'G', 32, 5, 6],
    ['E', '4.0', 'E', 13, 1, 2],
    ['F', '0.65', 'F', 20, 0, 1],
    ['M', '0.040', 'M', 315, 0, 1],
    ['Q', '0.010', 'Q', 1250, 0, 1],
    ['Q', '1.0', 'Q', 1250, 21, 22],
    ['R', '0.025', 'R', 2000, 1, 2],
    ['R', '0.65', 'R', 2000, 21, 22],
    ['P', '0.10', 'P', 800, 2, 3],
    ['P', '0.40', 'P', 800, 7, 8],
    ['A', '6.5', 'A', 2, 0, 1],
    ['A', '25', 'A', 2, 1, 2],
    ['A', '1000', 'A', 2, 30, 31],
    ['B', '1000', 'B', 3, 44, 45],
    ['C', '650', 'C', 5, 44, 45],
    ['D', '400', 'D', 8, 44, 45],
    ['E', '250', 'E', 13, 44, 45],
    ['E', '150', 'E', 13, 30, 31],
    ['F', '65', 'F', 20, 21, 22],
    ['K', '10', 'K', 125, 21, 22],
    // ↓ cells: the first plan below.
    ['D', '1.0', 'E', 13, 0, 1],
    ['A', '0.010', 'Q', 1250, 0, 1],
    ['A', '0.65', 'F', 20, 0, 1],
    ['A', '4.0', 'B', 3, 0, 1],
    ['A', '10', 'C', 5, 1, 2],
    ['A', '15', 'B', 3, 1, 2],
    ['B', '10', 'C', 5, 1, 2],
    ['C', '6.5', 'D', 8, 1, 2],
    ['E', '2.5', 'F', 20, 1, 2],
    ['H', '0.65', 'J', 80, 1, 2],
    ['J', '0.40', 'K', 125, 1, 2],
    ['P', '0.010', 'Q', 1250, 0, 1],
    ['P', '0.040', 'Q', 1250, 1, 2],
    ['Q', '0.025', 'R', 2000, 1, 2],
    ['K', '0.010', 'Q', 1250, 0, 1],
    ['J', '0.015', 'P', 800, 0, 1],
    // ↑ cells: the first plan above.
    ['B', '6.5', 'A', 2, 0, 1],
    ['C', '4.0', 'B', 3, 0, 1],
    ['D', '2.5', 'C', 5, 0, 1],
    ['G', '0.65', 'F', 20, 0, 1],
    ['Q', '0.015', 'P', 800, 0, 1],
    ['R', '0.010', 'Q', 1250, 0, 1],
    ['R', '0.015', 'P', 800, 0, 1],
    ['R', '1.0', 'Q', 1250, 21, 22],
    ['R', '1000', 'B', 3, 44, 45],
    ['R', '10', 'K', 125, 21, 22],
    ['P', '2.5', 'N', 500, 21, 22],
    ['L', '10', 'K', 125, 21, 22],
    ['G', '65', 'F', 20, 21, 22],
    ['F', '100', 'E', 13, 21, 22],
    ['G', '150', 'E', 13, 30, 31],
    ['H', '250', 'E', 13, 44, 45],
    ['E', '400', 'D', 8, 44, 45],
    ['D', '650', 'C', 5, 44, 45],
    ['C', '1000', 'B', 3, 44, 45],
    ['D', '1000', 'B', 3, 44, 45],
    ['K', '1000', 'B', 3, 44, 45],
    ['Q', '15', 'J', 80, 21, 22],
  ];

  it.each(READ)('%s at AQL %s → %s, n %i, Ac %i, Re %i', (letter, aql, used, n, ac, re) => {
    expect(masterPlan(letter, aql)).toEqual({ codeLetter: used, sampleSize: n, ac, re });
  });
});

describe('samplingPlan(lotSize, level, aql)', () => {
  it('worked examples: lot 1000 at II is J (80), Ac 2 Re 3 at AQL 1.0; lot 50 at II is D, whose AQL 1.0 cell points down to E (13) 0 1', () => {
    expect(samplingPlan(1000, 'II', '1.0')).toEqual({ codeLetter: 'J', sampleSize: 80, ac: 2, re: 3 });
    expect(codeLetterFor(50, 'II')).toBe('D');
    expect(samplingPlan(50, 'II', '1.0')).toEqual({ codeLetter: 'E', sampleSize: 13, ac: 0, re: 1 });
    expect(samplingPlan(500, 'II', '2.5')).toEqual({ codeLetter: 'H', sampleSize: 50, ac: 3, re: 4 });
    expect(samplingPlan(3000, 'I', '0.65')).toEqual({ codeLetter: 'J', sampleSize: 80, ac: 1, re: 2 });
    expect(samplingPlan(800_000, 'III', '0.010')).toEqual({ codeLetter: 'Q', sampleSize: 1250, ac: 0, re: 1 });
    expect(samplingPlan(100_000, 'S-4', '4.0')).toEqual({ codeLetter: 'J', sampleSize: 80, ac: 7, re: 8 });
  });

  it('inspects the whole lot when the plan used has n ≥ the lot size, with that plan\'s Ac and Re', () => {
    // Lot 10 at II is B; B at 0.65 points down to F (n 20 > 10): all 10 items, F's 0 1.
    expect(samplingPlan(10, 'II', '0.65')).toEqual({ codeLetter: 'F', sampleSize: 10, ac: 0, re: 1 });
    // Lot 2 at S-1 is A; A at 0.010 leads to Q (1250): both items.
    expect(samplingPlan(2, 'S-1', '0.010')).toEqual({ codeLetter: 'Q', sampleSize: 2, ac: 0, re: 1 });
    // Lot 8 at III is B (3 items) at AQL 1000: B's 44 45 on a sample of 3 (3 < 8).
    expect(samplingPlan(8, 'III', '1000')).toEqual({ codeLetter: 'B', sampleSize: 3, ac: 44, re: 45 });
    // Exactly n = lot: lot 13 at II is B → ↓ to E (13) at AQL 1.0.
    expect(samplingPlan(13, 'II', '1.0')).toEqual({ codeLetter: 'E', sampleSize: 13, ac: 0, re: 1 });
    // One more item than n: a sample.
    expect(samplingPlan(14, 'II', '1.0')).toEqual({ codeLetter: 'E', sampleSize: 13, ac: 0, re: 1 });
    // Lot 1999 at III (L, 200) at 0.010 → Q (1250) < 1999: sampled; lot 1000 at III (K) at 0.010 → Q 1250 ≥ 1000: all.
    expect(samplingPlan(1999, 'III', '0.010')).toEqual({ codeLetter: 'Q', sampleSize: 1250, ac: 0, re: 1 });
    expect(samplingPlan(1000, 'III', '0.010')).toEqual({ codeLetter: 'Q', sampleSize: 1000, ac: 0, re: 1 });
  });

  it('reads an AQL by its value: "1", "1.0", "1.00" and 1 are 1.0; "0.1", "0.10" and 0.1 are 0.10', () => {
    for (const aql of ['1', '1.0', '1.00', ' 1.0 ', 1, 1.0]) expect(aqlOf(aql), String(aql)).toBe('1.0');
    for (const aql of ['0.1', '0.10', '0.100', 0.1]) expect(aqlOf(aql), String(aql)).toBe('0.10');
    for (const aql of ['0.01', '0.010', 0.01]) expect(aqlOf(aql), String(aql)).toBe('0.010');
    for (const aql of ['4', '4.0', 4]) expect(aqlOf(aql), String(aql)).toBe('4.0');
    for (const aql of ['1000', '1000.0', '01000', 1000]) expect(aqlOf(aql), String(aql)).toBe('1000');
    for (const aql of AQL_VALUES) expect(aqlOf(aql)).toBe(aql);
    for (const aql of ['0.2', '2', '0.001', '2000', '0', '', ' ', '.1', '1.', '+1', '-1', '1e0', '1E3', '1,0', '0x10', 'abc', 'Infinity', 'NaN', '1.0.0', '１.０']) expect(aqlOf(aql), JSON.stringify(aql)).toBeNull();
    for (const aql of [0, -1, 0.2, 2000, Number.NaN, Number.POSITIVE_INFINITY, 1e-7]) expect(aqlOf(aql), String(aql)).toBeNull();
    expect(samplingPlan(1000, 'II', '1')).toEqual(samplingPlan(1000, 'II', '1.0'));
    expect(samplingPlan(1000, 'II', 0.1)).toEqual(samplingPlan(1000, 'II', '0.10'));
  });

  const refused = (fn: () => unknown, field: string) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'VALIDATION', status: 400, details: [{ field }] });
      return;
    }
    throw new Error(`not refused (${field})`);
  };

  it('refuses a lot size that is not an integer from 2 to 1 000 000 000, an unknown level, an AQL outside the series (400 VALIDATION)', () => {
    for (const lot of [1, 0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_000_001]) refused(() => samplingPlan(lot, 'II', '1.0'), 'lotSize');
    expect(samplingPlan(2, 'II', '1.0').codeLetter).toBe('E');
    expect(samplingPlan(1_000_000_000, 'II', '1.0')).toEqual({ codeLetter: 'Q', sampleSize: 1250, ac: 21, re: 22 });
    for (const level of ['IV', 's-1', 'S1', 'ii', '', 'S-5']) refused(() => samplingPlan(100, level, '1.0'), 'level');
    for (const aql of ['0.2', '3', '1e0', '', 2000]) refused(() => samplingPlan(100, 'II', aql), 'aql');
  });
});
