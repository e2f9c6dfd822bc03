import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/** The columns of a credit event source (credit/README.md § Event sources), in order, with their types. */
export const CREDIT_EVENT_COLUMNS = [
  ['uscc', 'text'],
  ['kind', 'text'],
  ['occurred_on', 'date'],
  ['recorded_at', 'timestamp with time zone'],
  ['ref_type', 'text'],
  ['ref_id', 'text'],
  ['title', 'text'],
  ['magnitude', 'numeric'],
] as const;

/** One event as the tests compare it: the date and the amount as text, the same on PGlite and PostgreSQL. */
export interface CreditEventRow {
  uscc: string;
  kind: string;
  occurredOn: string;
  recordedAt: Date;
  refType: string;
  refId: string;
  title: string;
  magnitude: string | null;
}

/** The events a source (its SQL) yields about one enterprise, by kind and reference. */
export async function creditEventsOf(db: Db, source: string, uscc: string): Promise<CreditEventRow[]> {
  const { rows } = (await db.execute(sql`
    select e.uscc, e.kind, e.occurred_on::text as "occurredOn", e.recorded_at as "recordedAt", e.ref_type as "refType", e.ref_id as "refId",
           e.title, e.magnitude::text as magnitude
      from (${sql.raw(source)}) e where e.uscc = ${uscc} order by e.kind, e.ref_id`)) as unknown as { rows: (Omit<CreditEventRow, 'recordedAt'> & { recordedAt: Date | string })[] };
  return rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt) }));
}

/** The names and types of the columns of a source's first row about `uscc`, in order. */
export async function creditEventColumnsOf(db: Db, source: string, uscc: string): Promise<[string, string][]> {
  const types = CREDIT_EVENT_COLUMNS.map(([name]) => `pg_typeof(e.${name})::text as ${name}`).join(', ');
  type Rows = { rows: Record<string, string>[] };
  const all = (await db.execute(sql`select * from (${sql.raw(source)}) e where e.uscc = ${uscc} limit 1`)) as unknown as Rows;
  const typed = (await db.execute(sql`select ${sql.raw(types)} from (${sql.raw(source)}) e where e.uscc = ${uscc} limit 1`)) as unknown as Rows;
  return Object.keys(all.rows[0] ?? {}).map((name) => [name, typed.rows[0]?.[name] ?? '']);
}
