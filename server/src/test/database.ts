import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, PGLITE_EXTENSIONS, openDatabase, openPglite, pgliteDatabase } from '../db/client.js';
import { loadConfig } from '../config.js';

/**
 * What the suite's global setup (server/src/test/global-setup.ts) made once per run: a migrated
 * database and a migrated one with the first-start data of every test environment (jurisdiction,
 * built-in roles, licence types, the `admin` account with ADMIN_PASSWORD), as PGlite data-directory
 * tarballs or as PostgreSQL template databases.
 */
export interface TestSnapshots {
  pglite?: { migrated: string; bootstrapped: string };
  postgres?: { migrated: string; bootstrapped: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    zjTestSnapshots: TestSnapshots;
  }
}

/** The snapshots of this run, or none (a config without the global setup): then each database is migrated. */
function snapshots(): TestSnapshots {
  try {
    return inject('zjTestSnapshots') ?? {};
  } catch {
    return {};
  }
}

export type TestDatabase = Database & { url?: string };

/**
 * A freshly migrated database of its own for one test file: in-memory PGlite by default, or a new
 * database on the server named by TEST_DATABASE_URL (dropped again by `close`). It starts as a copy
 * of the run's migrated snapshot (a PGlite data directory, or `create database … template`);
 * `bootstrapped` starts it from the copy that also holds the first-start data of a test environment.
 * No other file sees its rows.
 */
export async function openTestDatabase(opts: { bootstrapped?: boolean } = {}): Promise<TestDatabase> {
  const { migrationsDir } = loadConfig({});
  const which = opts.bootstrapped ? 'bootstrapped' : 'migrated';
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const tarball = snapshots().pglite?.[which];
    if (tarball) return pgliteDatabase(await PGlite.create({ extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(tarball)]) }));
    if (opts.bootstrapped) throw new Error('openTestDatabase: no bootstrapped snapshot (run through the vitest config with its global setup)');
    const database = await openPglite();
    await database.migrate(migrationsDir);
    return database;
  }
  const template = snapshots().postgres?.[which];
  if (!template && opts.bootstrapped) throw new Error('openTestDatabase: no bootstrapped template (run through the vitest config with its global setup)');
  const name = `zj_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name, template);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  if (!template) await database.migrate(migrationsDir);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** Creates database `name` on the server of `serverUrl`: a copy of `template`, or an empty UTF-8 one. */
export async function createDatabase(serverUrl: string, name: string, template?: string) {
  await adminQuery(
    serverUrl,
    template ? `create database ${name} template ${template}` : `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
}

export async function dropDatabase(serverUrl: string, name: string) {
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
