import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../server/src/db/client.js';
import { makePublicLookup } from '../server/src/modules/enterprises/public-lookup.js';
import { type SqlTrace, pgliteOf } from './sql-trace.js';

/** The columns of the import file, in its order, as columns of `enterprises`. */
export const CSV_COLUMNS = ['uscc', 'name', 'legal_representative', 'address', 'region_code', 'status', 'established_on', 'industry_code'];

const BASELINE_TABLE = 'enterprises_copy_baseline';

/** What the COPY baseline did: its time inside the server and the indexes it maintained. */
export interface CopyBaseline {
  ms: number;
  rows: number;
  /** Its index definitions (names left out) — checked equal to those of `enterprises`. */
  indexes: string[];
}

/**
 * Bench-only routes, outside /api (the access-control hook lets them through unauthenticated,
 * as it does static files): the two references of the public lookup, the raw COPY baseline of
 * the import, the SQL trace switch, and database housekeeping between measurements.
 */
export function registerBenchRoutes(app: FastifyInstance, deps: { database: Database; trace: SqlTrace }) {
  const { database } = deps;
  const run = (text: string, values?: unknown[]) => database.executeSql(text, values);
  /** A table's index definitions without index and table names, sorted: comparable across tables. */
  const indexShapes = async (table: string) =>
    (await run(`select indexdef from pg_indexes where schemaname = 'public' and tablename = $1`, [table])).rows
      .map((r) => (r as { indexdef: string }).indexdef.replace(/^(CREATE (?:UNIQUE )?INDEX) \S+ ON \S+ /, '$1 ON t '))
      .sort();

  app.get('/bench/hello', async () => ({ hello: 'world' }));

  // The same prepared query as /api/public/enterprises/:uscc, and nothing else: one query per
  // request (the public lookup coalesces concurrent requests), no schema, no rate limit, default serializer.
  const lookup = makePublicLookup(database, { coalesce: false });
  app.get('/bench/bare/:uscc', async (request) => lookup((request.params as { uscc: string }).uscc));

  app.post('/bench/trace/start', async () => {
    deps.trace.start();
    return { ok: true };
  });
  app.post('/bench/trace/stop', async () => ({ statements: deps.trace.stop() }));

  /** Flushes dirty pages so a measurement does not pay for the previous one's writes. */
  app.post('/bench/checkpoint', async () => {
    await run('checkpoint');
    return { ok: true };
  });

  /** Whether the planner has statistics for `enterprises` (PGlite runs no autovacuum). */
  app.get('/bench/stats', async () => {
    const { rows } = await run(`select n_live_tup::int as "liveRows", n_mod_since_analyze::int as "modifiedSinceAnalyze", last_analyze as "lastAnalyze", last_autoanalyze as "lastAutoanalyze" from pg_stat_user_tables where relname = 'enterprises'`);
    return rows[0] ?? {};
  });

  app.post('/bench/analyze', async () => {
    const startedAt = performance.now();
    await run('analyze enterprises');
    return { ms: Math.round(performance.now() - startedAt) };
  });

  app.post('/bench/copy-baseline', async (request): Promise<CopyBaseline> => {
    const { file } = request.body as { file: string };
    await run(`drop table if exists ${BASELINE_TABLE}`);
    await run(`create table ${BASELINE_TABLE} (like enterprises including all)`);
    try {
      const indexes = await indexShapes(BASELINE_TABLE);
      const source = await indexShapes('enterprises');
      if (indexes.join('\n') !== source.join('\n')) throw new Error(`the baseline table's indexes differ from enterprises': ${indexes.join('; ')} vs ${source.join('; ')}`);
      if (!indexes.some((d) => d.includes('bigrams'))) throw new Error(`no bigram index on enterprises: ${indexes.join('; ')}`);
      await run('checkpoint');

      const copy = `copy ${BASELINE_TABLE} (${CSV_COLUMNS.join(', ')}) from `;
      const startedAt = performance.now();
      if (database.kind === 'postgres') {
        // Server-side COPY from the file: the fastest way PostgreSQL has to load it.
        await run(`${copy}'${file.replace(/'/g, "''")}' with (format csv, header)`);
      } else {
        // PGlite reads COPY input from the virtual /dev/blob; the blob is backed by the file.
        const blob = await fs.openAsBlob(file);
        await pgliteOf(database).query(`${copy}'/dev/blob' with (format csv, header)`, [], { blob });
      }
      const ms = Math.round(performance.now() - startedAt);
      const { n: rows } = (await run(`select count(*)::int as n from ${BASELINE_TABLE}`, [])).rows[0] as { n: number };
      return { ms, rows, indexes };
    } finally {
      await run(`drop table if exists ${BASELINE_TABLE}`);
    }
  });
}
