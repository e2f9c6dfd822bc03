import { type SQL, and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, inTransaction } from '../../db/sql.js';
import type { Actor, RequestContext } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';
import { visibleTo } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import { todayInChina } from '../calendar/dates.js';
import { notFound } from '../http/errors.js';
import { type Page, offsetOf } from '../http/schemas.js';
import { type TodoParams, todos } from './todos.schema.js';

/** A to-do item a module wants to exist (see `sync`). */
export interface TodoSpec {
  key: string;
  subjectType: string;
  subjectId: string;
  title: string;
  params: TodoParams;
  link: string;
  dueOn: string | null;
  /** False when `dueOn` was counted in working days over a year without holiday data (the source record's certainty; default true). */
  dueCertain?: boolean;
  orgId: string | null;
  sectionId: string | null;
  /** The person responsible (an assigned inspector, an investigator): only they see it. */
  userId?: string | null;
  /** Of an item addressed to an office: only its users holding this permission see it. */
  permission?: Permission | null;
  /** An item for an enterprise (企业端): only its accounts see it. */
  enterpriseUscc?: string | null;
  regionCode: string;
}

/** Kinds that ask someone to decide; they head the list with overdue items. */
export const APPROVAL_KINDS = ['licence.approval_pending', 'complaint.reward_pending'];

const CHUNK = 1000;

const columns = {
  id: todos.id,
  kind: todos.kind,
  subjectType: todos.subjectType,
  subjectId: todos.subjectId,
  title: todos.title,
  params: todos.params,
  link: todos.link,
  dueOn: todos.dueOn,
  dueCertain: todos.dueCertain,
  regionCode: todos.regionCode,
  status: todos.status,
  createdAt: todos.createdAt,
};

/**
 * To-do items on users' home pages. A module states, per kind, the full set of items that
 * should exist now (`sync`); new ones are added, open ones whose cause went away are resolved
 * (and reopen if it comes back), and one a user marked done is not raised again for the same key.
 */
export function makeTodosService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /**
   * Items addressed to the actor in person, and those of the actor's org (a county bureau or a
   * city section) within the actor's data scope that are their job (they hold the item's permission);
   * an enterprise's account, those addressed to its enterprise.
   */
  const addressedTo = (actor: Actor): SQL | undefined => {
    if (actor.enterpriseUscc) return eq(todos.enterpriseUscc, actor.enterpriseUscc);
    const office = and(
      isNull(todos.userId),
      isNull(todos.enterpriseUscc),
      or(eq(todos.orgId, actor.orgId), eq(todos.sectionId, actor.orgId)),
      or(isNull(todos.permission), actor.permissions.size ? inArray(todos.permission, [...actor.permissions]) : undefined),
      visibleTo(actor, { regionCode: todos.regionCode }),
    );
    return actor.userId ? or(eq(todos.userId, actor.userId), office) : office;
  };

  /** Adds the items; a resolved item whose cause came back opens again, one a user marked done stays done. */
  async function raise(tx: Db, kind: string, items: TodoSpec[]) {
    let raised = 0;
    for (let i = 0; i < items.length; i += CHUNK) {
      const rows = await tx
        .insert(todos)
        .values(items.slice(i, i + CHUNK).map((t) => ({ ...t, kind })))
        .onConflictDoUpdate({ target: todos.key, set: { status: 'open', closedAt: null }, setWhere: eq(todos.status, 'resolved') })
        .returning({ id: todos.id });
      raised += rows.length;
    }
    return raised;
  }

  /**
   * Raises the wanted items chunk by chunk, then resolves the open items of `kind` not among them.
   * The keys go to the database as one array parameter, so hundreds of thousands of items stay
   * within the protocol's 65,535 parameters (PostgreSQL ≥ 15 looks a long constant list up by hash:
   * 100,000 open items against 100,000 keys in some 30 ms on PGlite).
   */
  async function syncChunks(tx: Db, kind: string, chunks: Iterable<TodoSpec[]> | AsyncIterable<TodoSpec[]>) {
    let created = 0;
    const keys: string[] = [];
    for await (const chunk of chunks) {
      created += await raise(tx, kind, chunk);
      for (const t of chunk) keys.push(t.key);
    }
    const resolved = await tx
      .update(todos)
      .set({ status: 'resolved', closedAt: new Date() })
      .where(and(eq(todos.kind, kind), eq(todos.status, 'open'), keys.length ? sql`${todos.key} <> all(${sql.param(keys)}::text[])` : undefined))
      .returning({ id: todos.id });
    return { created, resolved: resolved.length };
  }

  return {
    /** Raises items at once, for causes that need attention before the next job run (e.g. a request awaiting approval). */
    raise,

    /** The item's cause went away (the request was decided). */
    async resolve(tx: Db, key: string) {
      await tx.update(todos).set({ status: 'resolved', closedAt: new Date() }).where(and(eq(todos.key, key), eq(todos.status, 'open')));
    },

    /** The open items of `kind` about one record are done with (e.g. the investigation was recorded), whoever they were addressed to. */
    async resolveSubject(tx: Db, kind: string, subjectId: string) {
      await tx.update(todos).set({ status: 'resolved', closedAt: new Date() }).where(and(eq(todos.kind, kind), eq(todos.subjectId, subjectId), eq(todos.status, 'open')));
    },

    /** Makes the open items of `kind` exactly `wanted` (daily jobs). */
    sync: (tx: Db, kind: string, wanted: TodoSpec[]) => syncChunks(tx, kind, [wanted]),

    /**
     * `sync` for a job too large to hold in memory at once (the special equipment's due units of a
     * large city): the wanted items come in chunks, each raised as it comes; only their keys are kept.
     */
    syncChunks,

    /** The actor's open items: requests for approval, then overdue items, then by due date (a unique key last, so pages never repeat). */
    async list(actor: Actor, page: Page, today = todayInChina()) {
      const where = and(eq(todos.status, 'open'), addressedTo(actor));
      const rank = sql`case when ${inArray(todos.kind, APPROVAL_KINDS)} then 0 when ${todos.dueOn} < ${today} then 1 else 2 end`;
      const [items, [count]] = await Promise.all([
        db
          .select(columns)
          .from(todos)
          .where(where)
          .orderBy(rank, sql`${todos.dueOn} asc nulls last`, asc(todos.createdAt), asc(todos.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(todos).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** A user marks one of their open items done. */
    async complete(ctx: RequestContext & { actor: Actor }, id: string) {
      return inTransaction(db, async (tx) => {
        const [row] = await tx
          .update(todos)
          .set({ status: 'done', closedAt: new Date(), closedBy: ctx.actor.userId })
          .where(and(eq(todos.id, id), inArray(todos.status, ['open']), addressedTo(ctx.actor)))
          .returning(columns);
        if (!row) throw notFound('待办事项');
        await audit.record(tx, ctx, { action: 'todo.done', targetType: 'todo', targetId: id, after: { kind: row.kind, subjectId: row.subjectId } });
        return row;
      });
    },
  };
}

export type TodosService = ReturnType<typeof makeTodosService>;
