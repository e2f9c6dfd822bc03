import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pglitePrepared } from './pglite-prepared.js';
/**
 * A Drizzle database or transaction handle; every repository function accepts either. Queries use
 * the query builder over the table objects each module owns; no relational schema (`db.query.*`)
 * is registered, so `db/` needs no module's tables (drizzle-kit reads the `*.schema.ts` files by
 * glob, see drizzle.config.ts).
 */
export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Raw SQL for libraries that bring their own queries (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * A named prepared statement for a hot path, run on the driver directly: no query building and
   * no per-query type-parser setup (which costs PGlite more than the lookup itself). Rows are
   * objects keyed by the statement's column names.
   */
  prepare<Row>(name: string, text: string): (values: unknown[]) => Promise<Row[]>;
  /** The PostgreSQL connection string when on a server (pg-boss then opens its own pool). */
  connectionString?: string;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/** Serializes start-up work (migrations, first-start data) across app processes. */
const STARTUP_LOCK = 720_800_001;

/**
 * Opens PGlite under `dataDir/pglite`, or a PostgreSQL pool when `databaseUrl` is given. With
 * `migrationsDir`, a PGlite directory is created and migrated before it is opened (see preparePgliteDir).
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; migrationsDir?: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined, opts.migrationsDir);
}

/** The extensions every PGlite client of the app loads. */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Embedded PostgreSQL; in memory when no directory is given (tests). */
export async function openPglite(dir?: string, migrationsDir?: string): Promise<Database> {
  if (dir) await preparePgliteDir(dir, migrationsDir);
  return pgliteDatabase(await PGlite.create(dir ? { dataDir: dir, extensions: PGLITE_EXTENSIONS } : { extensions: PGLITE_EXTENSIONS }));
}

/** A Database over an open PGlite client (tests create theirs from a data-directory snapshot). */
export function pgliteDatabase(client: PGlite): Database {
  const db = drizzlePglite({ client, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
    prepare: <Row>(name: string, text: string) => pglitePrepared<Row>(client, name, text),
    async migrate(migrationsFolder) {
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * Creating a PGlite cluster (initdb) grows the WebAssembly heap to about 850 MB and migrating it
 * adds more, and the heap never shrinks: a server that did this work itself would keep that
 * memory until it restarts. So a short-lived child process creates the directory if needed and
 * applies the migrations; the server then opens it at about 350 MB (its own migrate finds nothing
 * to do).
 */
async function preparePgliteDir(dir: string, migrationsDir?: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const resolve = createRequire(import.meta.url).resolve;
  const modules = ['@electric-sql/pglite', '@electric-sql/pglite/contrib/pg_trgm', 'drizzle-orm/pglite', 'drizzle-orm/pglite/migrator'].map((m) => JSON.stringify(resolve(m)));
  const script = `
    const [dir, migrationsFolder] = process.argv.slice(1);
    const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = [${modules.join(', ')}].map((m) => require(m));
    PGlite.create({ dataDir: dir, extensions: { pg_trgm } }).then(async (client) => {
      if (migrationsFolder) await migrate(drizzle({ client }), { migrationsFolder });
      await client.close();
    });`;
  await promisify(execFile)(process.execPath, ['-e', script, dir, ...(migrationsDir ? [migrationsDir] : [])]);
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => {
    /* idle client errors are retried by the pool on next use */
  });
  const db = drizzlePg({ client: pool, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    connectionString,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[]);
      return { rows: result.rows };
    },
    prepare: <Row>(name: string, text: string) => async (values: unknown[]) => (await pool.query({ name, text, values })).rows as Row[],
    async migrate(migrationsFolder) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ server_encoding: string }>('show server_encoding');
        if (rows[0]?.server_encoding !== 'UTF8') {
          throw new Error(`The database must use UTF8 encoding (found ${rows[0]?.server_encoding}); create it with: createdb -E UTF8 --locale=C.UTF-8 -T template0 <name>`);
        }
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        await migratePg(drizzlePg({ client, casing: 'snake_case' }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

