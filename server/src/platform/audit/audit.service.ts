import { type SQL, and, asc, desc, eq, getTableColumns, gt, gte, like, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike } from '../../db/sql.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { visibleTo } from '../access/scope.js';
import { type Page, offsetOf } from '../http/schemas.js';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import { auditEvents } from './audit.schema.js';
import { GENESIS_HASH, eventHash } from './audit.hash.js';

/** Serializes appends so each event links to the one before it. */
const CHAIN_LOCK = 720_800_002;

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Ids are strings in the API, like every id. */
  firstBroken: { id: string; reason: 'hash_mismatch' | 'chain_broken' } | null;
}

/** Plain JSON (dates as ISO strings), as jsonb will give it back when the chain is verified. */
const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function makeAuditService() {
  return {
    /** Appends an event; call it with the transaction that makes the change it records. */
    async record(tx: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      const actor = ctx.actor;
      const fields = {
        at: new Date(),
        actorId: actor?.userId ?? null,
        actorName: actor ? actor.name : 'system',
        orgId: actor?.orgId ?? null,
        regionCode: actor?.regionCode ?? null,
        action: input.action,
        targetType: input.targetType ?? null,
        targetId: input.targetId ?? null,
        before: toJson(input.before),
        after: toJson(input.after),
        ip: ctx.ip ?? null,
        requestId: ctx.requestId ?? null,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await tx.insert(auditEvents).values({ ...fields, prevHash, hash: eventHash(prevHash, fields) });
    },

    /** Newest first, restricted to the reader's data scope. */
    async list(db: Db, reader: Actor, filter: AuditFilter, page: Page) {
      const conds: (SQL | undefined)[] = [visibleTo(reader, { regionCode: auditEvents.regionCode, orgId: auditEvents.orgId, ownerId: auditEvents.actorId })];
      if (filter.actor) {
        conds.push(
          UUID_RE.test(filter.actor)
            ? eq(auditEvents.actorId, filter.actor)
            : eq(auditEvents.actorName, filter.actor.trim().toLowerCase()),
        );
      }
      if (filter.action) {
        conds.push(filter.action.endsWith('.') ? like(auditEvents.action, `${escapeLike(filter.action)}%`) : eq(auditEvents.action, filter.action));
      }
      if (filter.target) conds.push(eq(auditEvents.targetId, filter.target));
      if (filter.from) conds.push(gte(auditEvents.at, filter.from));
      if (filter.to) conds.push(lte(auditEvents.at, filter.to));
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        db
          .select({ ...getTableColumns(auditEvents), orgName: orgs.name })
          .from(auditEvents)
          .leftJoin(orgs, eq(orgs.id, auditEvents.orgId))
          .where(where)
          .orderBy(desc(auditEvents.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(auditEvents).where(where),
      ]);
      return { items: items.map((e) => ({ ...e, id: String(e.id) })), total: count?.n ?? 0 };
    },

    /** Walks the whole chain in id order and reports the first event whose hash or link is wrong. */
    async verify(db: Db, batchSize = 1000): Promise<VerifyResult> {
      let prevHash = GENESIS_HASH;
      let lastId = 0;
      let checked = 0;
      for (;;) {
        const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
        if (rows.length === 0) return { ok: true, checked, firstBroken: null };
        for (const row of rows) {
          if (row.prevHash !== prevHash) return { ok: false, checked, firstBroken: { id: String(row.id), reason: 'chain_broken' } };
          if (eventHash(prevHash, row) !== row.hash) return { ok: false, checked, firstBroken: { id: String(row.id), reason: 'hash_mismatch' } };
          prevHash = row.hash;
          lastId = row.id;
          checked++;
        }
      }
    },
  };
}

export type AuditService = ReturnType<typeof makeAuditService>;
