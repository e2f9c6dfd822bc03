import { type SQL, and, desc, eq, getTableColumns, gte, like, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../db/sql.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { visibleTo } from '../access/scope.js';
import { type Page, offsetOf } from '../http/schemas.js';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import { type AuditAnchor, appendAnchor, appendStatement, readAnchors } from './audit.anchors.js';
import { GENESIS_HASH, type HashedFields, eventHash, keyedEventHash } from './audit.hash.js';
import { auditEvents } from './audit.schema.js';
import { REKEYED_ACTION, type VerifyResult, verifyChain } from './audit.verify.js';

export type { VerifyResult } from './audit.verify.js';

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

/** Plain JSON (dates as ISO strings), as jsonb will give it back when the chain is verified. */
const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/** The fields of an event the system writes on its own. */
const systemFields = (action: string): HashedFields => ({
  at: new Date(),
  actorId: null,
  actorName: 'system',
  orgId: null,
  regionCode: null,
  action,
  targetType: null,
  targetId: null,
  before: null,
  after: null,
  ip: null,
  requestId: null,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit log. `key` is the audit-chain key (`loadSecretKey(config).derive('audit-chain')`);
 * anchors are written to and read from `anchorDir`.
 */
export function makeAuditService(deps: { key: Buffer; anchorDir: string }) {
  const { key, anchorDir } = deps;
  /** Set once this process has committed or seen a keyed newest event: from then on no tail needs closing. */
  let keyedTail = false;

  const insert = async (tx: Db, prevHash: string, fields: HashedFields) => {
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...fields, prevHash, hash: keyedEventHash(key, prevHash, fields) })
      .returning({ hash: auditEvents.hash });
    return row!.hash;
  };

  /**
   * The hash a new event links to; call it holding the chain lock. When the newest event is one
   * of a database written before the chain was keyed (its unkeyed hash is right), appends the
   * `audit.rekeyed` event first, which records that hash; the keyed chain continues from it. The
   * unkeyed events are never rewritten.
   */
  async function linkTarget(tx: Db): Promise<string> {
    if (keyedTail) {
      const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      return last?.hash ?? GENESIS_HASH;
    }
    const [last] = await tx.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    if (!last) return GENESIS_HASH;
    if (keyedEventHash(key, last.prevHash, last) === last.hash || eventHash(last.prevHash, last) !== last.hash) {
      // Keyed already, or neither form matches (altered, or another key): verification reports it.
      return last.hash;
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: countAll }).from(auditEvents);
    return insert(tx, last.hash, {
      ...systemFields(REKEYED_ACTION),
      targetType: 'audit_event',
      targetId: String(last.id),
      after: { lastId: last.id, lastHash: last.hash, count: n },
    });
  }

  return {
    /** Appends an event; call it with the transaction that makes the change it records. */
    async record(tx: Db, ctx: RequestContext, input: AuditInput): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const prevHash = await linkTarget(tx);
      const actor = ctx.actor;
      await insert(tx, prevHash, {
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
      });
    },

    /**
     * Closes an unkeyed chain (a database written before keying) with its `audit.rekeyed` event
     * now rather than at the next change; the server calls it at start, before its anchor.
     */
    async ensureKeyed(db: Db): Promise<void> {
      await inTransaction(db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
        await linkTarget(tx);
      });
      keyedTail = true;
    },

    /**
     * Takes an anchor of the chain as it is committed now (one statement: one snapshot) and
     * appends it to the day's file in the anchor directory. Null when the chain is empty.
     */
    async anchor(db: Db): Promise<{ anchor: AuditAnchor; file: string } | null> {
      const [last] = await db
        .select({ id: auditEvents.id, hash: auditEvents.hash, count: sql<number>`cast(count(*) over () as int)` })
        .from(auditEvents)
        .orderBy(desc(auditEvents.id))
        .limit(1);
      if (!last) return null;
      const anchor: AuditAnchor = { lastId: last.id, lastHash: last.hash, count: Number(last.count), at: new Date().toISOString() };
      return { anchor, file: appendAnchor(anchorDir, anchor) };
    },

    /** Writes a statement to the day's anchor file (a draw's commit statement): outside the database from the moment it is made. */
    anchorStatement(kind: string, statement: string): void {
      appendStatement(anchorDir, { kind, statement, at: new Date().toISOString() });
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

    /**
     * Walks the whole chain in id order and reports the first event whose hash or link is wrong,
     * or that an anchor vouches for and is gone (see audit.verify.ts).
     */
    verify(db: Db, batchSize = 1000): Promise<VerifyResult> {
      return verifyChain(db, key, readAnchors(anchorDir), batchSize);
    },
  };
}

export type AuditService = ReturnType<typeof makeAuditService>;
