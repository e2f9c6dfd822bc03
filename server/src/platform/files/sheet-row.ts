/** A formula cell without a cached result: nothing a user saw, so nothing to import. */
export const FORMULA_WITHOUT_RESULT = Symbol('formula');

export type Cell = string | number | boolean | Date | null | typeof FORMULA_WITHOUT_RESULT;

/** One spreadsheet row: its number as the spreadsheet shows it (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}
