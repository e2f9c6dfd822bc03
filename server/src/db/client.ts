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
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A Drizzle database or transaction handle; every repository function accepts either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Raw SQL for libraries that bring their own queries (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The PostgreSQL connection string when on a server (pg-boss then opens its own pool). */
  connectionString?: string;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/** Serializes start-up work (migrations, first-start data) across app processes. */
const STARTUP_LOCK = 720_800_001;

/** Opens PGlite under `dataDir/pglite`, or a PostgreSQL pool when `databaseUrl` is given. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined);
}

/** Embedded PostgreSQL; in memory when no directory is given (tests). */
export async function openPglite(dir?: string): Promise<Database> {
  if (dir) await initPgliteDir(dir);
  const client = await PGlite.create(dir ? { dataDir: dir, extensions: { pg_trgm } } : { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
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
    async migrate(migrationsFolder) {
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * Creating a PGlite cluster (initdb) grows the WebAssembly heap to about 850 MB, and a heap never
 * shrinks: a server that created its data directory would keep that memory until it restarts.
 * So a new directory is created by a short-lived child process; the server then opens it at
 * about 350 MB.
 */
async function initPgliteDir(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `require(${JSON.stringify(entry)}).PGlite.create({ dataDir: process.argv[1] }).then((db) => db.close())`;
  await promisify(execFile)(process.execPath, ['-e', script, dir]);
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => {
    /* idle client errors are retried by the pool on next use */
  });
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    connectionString,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[]);
      return { rows: result.rows };
    },
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

