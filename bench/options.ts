import type { BenchDb } from './report.js';

/** The bench's knobs, from the environment (see bench/README.md). */
export interface BenchOptions {
  rows: number;
  dbs: BenchDb[];
  pgUrl: string;
  seconds: number;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Reads BENCH_ROWS, BENCH_DB, BENCH_PG_URL and BENCH_SECONDS. */
export function readOptions(): BenchOptions {
  const db = (process.env.BENCH_DB ?? 'both').trim().toLowerCase();
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error(`BENCH_DB must be pglite, postgres or both, got "${db}"`);
  return {
    rows: positiveInt('BENCH_ROWS', 1_000_000),
    dbs: db === 'both' ? ['postgres', 'pglite'] : [db as BenchDb],
    pgUrl: process.env.BENCH_PG_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
    seconds: positiveInt('BENCH_SECONDS', 10),
  };
}

/** The command line that reproduces this run. */
export function commandOf(o: BenchOptions): string {
  const db = o.dbs.length === 2 ? 'both' : o.dbs[0];
  return `BENCH_ROWS=${o.rows} BENCH_DB=${db} BENCH_SECONDS=${o.seconds} npm run bench`;
}
