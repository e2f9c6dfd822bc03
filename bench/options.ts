import type { BenchDb } from './report.js';

/** Which measurements run: issue 3's (import, name search, public lookup), issue 5's draw, issue 16's special equipment, issue 11's .xlsx bombs, or all. */
export type BenchPart = 'register' | 'draw' | 'equipment' | 'bombs';

/** The bench's knobs, from the environment (see bench/README.md). */
export interface BenchOptions {
  rows: number;
  dbs: BenchDb[];
  pgUrl: string;
  seconds: number;
  parts: BenchPart[];
  draw: { rows: number; repeats: number; inspectors: number; conflictsPerInspector: number };
  /** Issue 16: units loaded for the due list, units in the import file, enterprises of their register. */
  equipment: { units: number; importRows: number; enterprises: number };
  /** Issue 11: how many times each .xlsx bomb is refused (the table shows medians). */
  bombRepeats: number;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Reads BENCH_ROWS, BENCH_DB, BENCH_PG_URL, BENCH_SECONDS, BENCH_ONLY, BENCH_DRAW_* BENCH_EQUIPMENT_* and BENCH_BOMB_REPEATS. */
export function readOptions(): BenchOptions {
  const db = (process.env.BENCH_DB ?? 'both').trim().toLowerCase();
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error(`BENCH_DB must be pglite, postgres or both, got "${db}"`);
  const only = (process.env.BENCH_ONLY ?? '').trim().toLowerCase();
  if (!['', 'all', 'register', 'draw', 'equipment', 'bombs'].includes(only)) throw new Error(`BENCH_ONLY must be register, draw, equipment, bombs or all, got "${only}"`);
  return {
    rows: positiveInt('BENCH_ROWS', 1_000_000),
    dbs: db === 'both' ? ['postgres', 'pglite'] : [db as BenchDb],
    pgUrl: process.env.BENCH_PG_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
    seconds: positiveInt('BENCH_SECONDS', 10),
    parts: only === 'register' || only === 'draw' || only === 'equipment' || only === 'bombs' ? [only] : ['bombs', 'register', 'draw', 'equipment'],
    draw: {
      rows: positiveInt('BENCH_DRAW_ROWS', 1_000_000),
      repeats: positiveInt('BENCH_DRAW_REPEATS', 3),
      inspectors: positiveInt('BENCH_DRAW_INSPECTORS', 50),
      conflictsPerInspector: positiveInt('BENCH_DRAW_CONFLICTS', 20),
    },
    equipment: {
      units: positiveInt('BENCH_EQUIPMENT_UNITS', 2_000_000),
      importRows: positiveInt('BENCH_EQUIPMENT_IMPORT_ROWS', 1_000_000),
      enterprises: positiveInt('BENCH_EQUIPMENT_ENTERPRISES', 200_000),
    },
    bombRepeats: positiveInt('BENCH_BOMB_REPEATS', 3),
  };
}

/** The command line that reproduces this run. */
export function commandOf(o: BenchOptions): string {
  const db = o.dbs.length === 2 ? 'both' : o.dbs[0];
  const env = [`BENCH_DB=${db}`];
  if (o.parts.length === 1) env.push(`BENCH_ONLY=${o.parts[0]}`);
  if (o.parts.includes('register') || o.parts.includes('equipment')) env.push(...(o.parts.includes('register') ? [`BENCH_ROWS=${o.rows}`] : []), `BENCH_SECONDS=${o.seconds}`);
  if (o.parts.includes('draw')) env.push(`BENCH_DRAW_ROWS=${o.draw.rows}`, `BENCH_DRAW_REPEATS=${o.draw.repeats}`, `BENCH_DRAW_INSPECTORS=${o.draw.inspectors}`, `BENCH_DRAW_CONFLICTS=${o.draw.conflictsPerInspector}`);
  if (o.parts.includes('equipment')) env.push(`BENCH_EQUIPMENT_UNITS=${o.equipment.units}`, `BENCH_EQUIPMENT_IMPORT_ROWS=${o.equipment.importRows}`, `BENCH_EQUIPMENT_ENTERPRISES=${o.equipment.enterprises}`);
  if (o.parts.includes('bombs')) env.push(`BENCH_BOMB_REPEATS=${o.bombRepeats}`);
  return `${env.join(' ')} npm run bench`;
}
