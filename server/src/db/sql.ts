import { type AnyColumn, sql } from 'drizzle-orm';
import type { Db } from './client.js';

/** Escapes LIKE wildcards in user input (backslash is PostgreSQL's default LIKE escape). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `count(*)` of a query's rows as a number. */
export const countAll = sql<number>`count(*)::int`;

/** Runs `fn` in a transaction; every write and its audit event commit or roll back together. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** `version + 1` for an UPDATE's SET: every change of a versioned row bumps its version (platform/http/etag.ts). */
export const nextVersion = (column: AnyColumn) => sql<number>`${column} + 1`;
