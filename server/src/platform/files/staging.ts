import { type SQL, param, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** Runs a query answering one row with a count `n`. */
export const countOf = async (tx: Db, query: SQL): Promise<number> => ((await tx.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

/** A column of an import's staging table: the staged value's key, its SQL column and type. */
export interface StagedColumn<K extends string> {
  key: K;
  column: string;
  type: string;
}

/**
 * The staging table of an import: a temporary table (`row` plus the columns) dropped when the
 * import's transaction ends; `derived`: definitions of further columns that set-based steps fill
 * (`enterprise_id uuid`). Table and column names are code constants, never input.
 */
export function stagingTable<K extends string>(table: string, columns: readonly StagedColumn<K>[], derived: readonly string[] = []) {
  const names = sql.raw(columns.map((c) => c.column).join(', '));
  return {
    create: async (tx: Db) => {
      await tx.execute(sql.raw(`create temp table ${table} (row int not null, ${[...columns.map((c) => `${c.column} ${c.type}`), ...derived].join(', ')}) on commit drop`));
    },

    /**
     * Inserts a batch as one statement with one array parameter per column (unnest), whatever the
     * batch size: no per-value placeholders to build or parse.
     */
    insert: async (tx: Db, batch: readonly ({ row: number } & Record<K, unknown>)[]) => {
      if (batch.length === 0) return;
      const arrays = [sql`${param(batch.map((r) => r.row))}::int[]`, ...columns.map((c) => sql`${param(batch.map((r) => r[c.key]))}::${sql.raw(c.type)}[]`)];
      await tx.execute(sql`insert into ${sql.raw(table)} (row, ${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
    },

    /** Deletes every row repeating the `key` columns of an earlier row; returns the deleted rows. */
    deleteRepeats: async <T extends object>(tx: Db, key: readonly string[]): Promise<({ row: number } & T)[]> => {
      const { rows } = (await tx.execute(
        sql.raw(`
        delete from ${table} where row in (
          select row from (select row, row_number() over (partition by ${key.join(', ')} order by row) as n from ${table}) d where n > 1
        ) returning *`),
      )) as unknown as { rows: ({ row: number } & T)[] };
      return rows;
    },
  };
}
