import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CopyBaseline } from './bench-routes.js';
import { type Session, benchPost, json, postMultipart } from './http-client.js';
import type { BenchServer } from './server-process.js';
import type { StatementTime } from './sql-trace.js';

/** The import through the API against a raw COPY of the same file, and where the import's time went. */
export interface ImportMeasurement {
  rows: number;
  fileMb: number;
  importMs: number;
  result: { imported: number; updated: number; unchanged: number; rejected: number };
  peakRssMb: number;
  /** The server's RSS just before the upload (the peak includes it). */
  rssBeforeMb: number;
  rssSource: string;
  /** The raw COPY baseline: time inside the server and as seen by the bench (one HTTP call). */
  copy: CopyBaseline & { clientMs: number };
  /** importMs ÷ copy.ms. */
  ratio: number;
  /** Time the import spent waiting on SQL statements, by statement (largest first, top 12). */
  sql: { totalMs: number; statements: StatementTime[] };
  /**
   * importMs − SQL time: while no statement was running (statements on the import's connection do
   * not overlap). Node work that overlaps a statement (the next batch is read while the previous
   * one is staged) is hidden in that statement's time; on PGlite, which runs in Node's thread, SQL
   * and Node work cannot overlap, so this is the Node side exactly.
   */
  outsideSqlMs: number;
  /** Decoding and parsing the same file alone in the bench process (no checks, no SQL), for comparison. */
  csvReadOnlyMs?: number;
}

/** Imports the file through POST /api/enterprises/import (all-or-nothing), then runs the COPY baseline. */
export async function measureImport(server: BenchServer, session: Session, file: string, rows: number): Promise<ImportMeasurement> {
  await benchPost(server.baseUrl, '/bench/checkpoint');
  await benchPost(server.baseUrl, '/bench/trace/start');
  const memory = server.watchMemory();
  const startedAt = performance.now();
  const reply = await postMultipart(`${server.baseUrl}/api/enterprises/import`, session, { mode: 'all-or-nothing' }, { path: file, filename: 'enterprises.csv', type: 'text/csv' });
  const importMs = Math.round(performance.now() - startedAt);
  const { peakRssMb, source } = memory.stop();
  const { statements } = await benchPost<{ statements: StatementTime[] }>(server.baseUrl, '/bench/trace/stop');
  const result = json<{ imported: number; updated: number; unchanged: number; rejected: unknown[] }>(reply);
  if (result.imported !== rows || result.rejected.length > 0) {
    throw new Error(`import: expected ${rows} new rows, got ${result.imported} imported, ${result.rejected.length} rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  }
  const sqlMs = statements.reduce((sum, s) => sum + s.ms, 0);

  const copyStartedAt = performance.now();
  const copy = await benchPost<CopyBaseline>(server.baseUrl, '/bench/copy-baseline', { file });
  const clientMs = Math.round(performance.now() - copyStartedAt);
  if (copy.rows !== rows) throw new Error(`COPY baseline loaded ${copy.rows} rows, expected ${rows}`);

  return {
    rows,
    fileMb: Math.round(fs.statSync(file).size / 1e5) / 10,
    importMs,
    result: { ...result, rejected: result.rejected.length },
    peakRssMb,
    rssBeforeMb: memory.startRssMb,
    rssSource: source,
    copy: { ...copy, clientMs },
    ratio: Math.round((importMs / copy.ms) * 100) / 100,
    sql: { totalMs: sqlMs, statements: statements.slice(0, 12) },
    outsideSqlMs: importMs - sqlMs,
  };
}
