import { getTableName, like, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { escapeLike } from '../../db/sql.js';

/** Serializes the numbering of one column's documents until the transaction ends (lock key `<table>.<column>`). */
export async function lockDocumentNumbers(tx: Db, column: PgColumn): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${getTableName(column.table)}.${column.name}`}))`);
}

/**
 * The next number of a series such as 涟市监罚〔2026〕n号: `prefix` + (the highest n the column holds
 * after that prefix, numbers typed by hand included, + 1) + 号, under the column's lock, so no two
 * transactions hand out the same number.
 */
export async function nextDocumentNo(tx: Db, column: PgColumn, prefix: string): Promise<string> {
  await lockDocumentNumbers(tx, column);
  const rows = (await tx.select({ no: column }).from(column.table).where(like(column, `${escapeLike(prefix)}%`))) as { no: string | null }[];
  let highest = 0;
  for (const { no } of rows) {
    const n = /^(\d{1,9})号$/.exec(no?.slice(prefix.length) ?? '');
    if (n) highest = Math.max(highest, Number(n[1]));
  }
  return `${prefix}${highest + 1}号`;
}
