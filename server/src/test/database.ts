import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, openPglite } from '../db/client.js';
import { loadConfig } from '../config.js';

/**
 * A freshly migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server named by TEST_DATABASE_URL (dropped again by `close`).
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const { migrationsDir } = loadConfig({});
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openPglite();
    await database.migrate(migrationsDir);
    return database;
  }
  const name = `zj_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  await database.migrate(migrationsDir);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

function withDatabase(url: string, name: string): string {
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
