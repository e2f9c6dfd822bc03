import { type SQL, sql } from 'drizzle-orm';

/**
 * The write of the effective credit class (set only by the credit module's model, never by hand):
 * an `UPDATE enterprises` from `source` — an SQL `select` of `(enterprise_id uuid, credit_class
 * text)` — touching only the rows whose class differs. Returned as SQL for the caller to run as a
 * statement or as a data-modifying CTE inside its own statement (it returns `id`); the version and
 * the history of the entry stay as they are (the class's history is the credit module's).
 */
export function creditClassUpdate(source: SQL): SQL {
  return sql`update enterprises as e set credit_class = s.credit_class
    from (${source}) as s(enterprise_id, credit_class)
    where e.id = s.enterprise_id and e.credit_class is distinct from s.credit_class
    returning e.id`;
}
