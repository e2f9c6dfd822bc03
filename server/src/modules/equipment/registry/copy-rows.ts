import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../../db/client.js';

/**
 * The node-postgres client a Drizzle transaction runs on, or null on PGlite (whose driver has no
 * `COPY … FROM STDIN`). Drizzle keeps it as its session's client; inside a transaction that is the
 * pool's checked-out client.
 */
export function pgClientOf(tx: Db): pg.ClientBase | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** A value as a field of COPY's text format: `\N` for null; backslash, tab, newline and CR escaped. */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** Rows (arrays of values in `columns` order) as COPY text format, one line each. */
export function copyText(rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(copyField).join('\t')}\n`;
  return out;
}

/**
 * Writes rows into `table` by `COPY table (columns) FROM STDIN` (text format) on the given
 * node-postgres client — PostgreSQL's bulk path, as a `COPY … FROM '<file>'` would load them. A
 * violated constraint rejects with the server's error (its SQLSTATE in `code`); as any failed
 * statement, it leaves the transaction aborted until rolled back (to a savepoint).
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], text: string): Promise<void> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), stream);
}
