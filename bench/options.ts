import type { BenchDb } from './report.js';

/** Which measurements run: issue 3's (import, name search, public lookup), issue 5's draw, or both. */
export type BenchPart = 'register' | 'draw';

/** The bench's knobs, from the environment (see bench/README.md). */
export interface BenchOptions {
  rows: number;
  dbs: BenchDb[];
  pgUrl: string;
  seconds: number;
  parts: BenchPart[];
  draw: { rows: number; repeats: number; inspectors: number; conflictsPerInspector: number };
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Reads BENCH_ROWS, BENCH_DB, BENCH_PG_URL, BENCH_SECONDS, BENCH_ONLY and BENCH_DRAW_*. */
export function readOptions(): BenchOptions {
  const db = (process.env.BENCH_DB ?? 'both').trim().toLowerCase();
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error(`BENCH_DB must be pglite, postgres or both, got "${db}"`);
  const only = (process.env.BENCH_ONLY ?? '').trim().toLowerCase();
  if (!['', 'all', 'register', 'draw'].includes(only)) throw new Error(`BENCH_ONLY must be register, draw or all, got "${only}"`);
  return {
    rows: positiveInt('BENCH_ROWS', 1_000_000),
    dbs: db === 'both' ? ['postgres', 'pglite'] : [db as BenchDb],
    pgUrl: process.env.BENCH_PG_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
    seconds: positiveInt('BENCH_SECONDS', 10),
    parts: only === 'register' || only === 'draw' ? [only] : ['register', 'draw'],
    draw: {
      rows: positiveInt('BENCH_DRAW_ROWS', 1_000_000),
      repeats: positiveInt('BENCH_DRAW_REPEATS', 3),
      inspectors: positiveInt('BENCH_DRAW_INSPECTORS', 50),
      conflictsPerInspector: positiveInt('BENCH_DRAW_CONFLICTS', 20),
    },
  };
}

/** The command line that reproduces this run. */
export function commandOf(o: BenchOptions): string {
  const db = o.dbs.length === 2 ? 'both' : o.dbs[0];
  const env = [`BENCH_DB=${db}`];
  if (o.parts.length === 1) env.push(`BENCH_ONLY=${o.parts[0]}`);
  if (o.parts.includes('register')) env.push(`BENCH_ROWS=${o.rows}`, `BENCH_SECONDS=${o.seconds}`);
  if (o.parts.includes('draw')) env.push(`BENCH_DRAW_ROWS=${o.draw.rows}`, `BENCH_DRAW_REPEATS=${o.draw.repeats}`, `BENCH_DRAW_INSPECTORS=${o.draw.inspectors}`, `BENCH_DRAW_CONFLICTS=${o.draw.conflictsPerInspector}`);
  return `${env.join(' ')} npm run bench`;
}
