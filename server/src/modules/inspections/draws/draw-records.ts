import { and, count, desc, eq, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { notFound } from '../../../platform/http/errors.js';
import type { DrawSecrets } from '../../../platform/secrets/draw-secrets.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { sortUtf8 } from '../draw/algorithm.js';
import { openingsOf } from '../draw/blinded.js';
import { blindSorted } from '../draw/blinding.js';
import { type BuiltDocument, type RecordParts, buildDocument } from '../draw/document.js';
import type { FrozenInspector } from '../draw/pool.js';
import { isBlinded, unpackAssignments, unpackStrata } from '../draw/storage.js';
import { type DrawStatus, drawDocuments, draws, inspectionItems, inspectionPlans } from '../inspections.schema.js';
import type { PlansService } from '../plans/plans.service.js';
import { inspectorPeople } from '../inspectors/inspectors.service.js';
import { commitStatementFor } from './draw-summary.js';

export interface PublicDrawFilter {
  status?: DrawStatus;
  year?: number;
}

/** A draw's public record as served: gzip, validator, and whether it can change again. */
export interface PublicDocument extends BuiltDocument {
  status: DrawStatus;
  /** Revealed or cancelled: the record never changes again. */
  final: boolean;
}

/** How many built public records this process keeps at hand (each up to ~60 MB for a million candidates). */
const CACHED = 4;

/**
 * The records of draws (docs/DRAW.md): the public one — built once per state of the draw, stored
 * compressed and served as stored, so a large draw costs its building once rather than per request
 * — and the auditors' record, with the class behind each label, every key, the blind secret and the
 * evidence of each exclusion. The blind secret is stored sealed and opened here to rebuild the
 * blinded ids and the openings.
 */
export function makeDrawRecords(deps: { db: Db; audit: AuditService; plans: PlansService; secrets: DrawSecrets }) {
  const { db } = deps;
  const cache = new Map<string, PublicDocument>();
  const building = new Map<string, Promise<PublicDocument>>();

  const names = async (tx: Db, draw: { planId: string }) => {
    const [row] = await tx
      .select({ planName: inspectionPlans.name, bureauName: orgs.name, itemName: inspectionItems.name, planInspectorsPerTask: inspectionPlans.inspectorsPerTask })
      .from(inspectionPlans)
      .innerJoin(orgs, eq(orgs.id, inspectionPlans.orgId))
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPlans.itemId))
      .where(eq(inspectionPlans.id, draw.planId));
    return row!;
  };

  /** Display names of objects (not part of the verification); inspectors' come from `inspectorPeople`. */
  async function objectsNamed(tx: Db, planId: string, keys: readonly string[]) {
    // A unit of an equipment pool is named by its pool kind's provider (its user unit and code).
    const provider = await deps.plans.providerOf(tx, { poolId: (await tx.select({ poolId: inspectionPlans.poolId }).from(inspectionPlans).where(eq(inspectionPlans.id, planId)))[0]!.poolId });
    const query = provider ? sql`select o.key, o.name from (${provider.objects(sql`${param([...keys])}::text[]`)}) o` : sql`select uscc as "key", name from enterprises where uscc = any(${param([...keys])}::text[])`;
    const { rows } = (await tx.execute(query)) as unknown as { rows: { key: string; name: string }[] };
    const nameOf = new Map(rows.map((r) => [r.key, r.name]));
    return keys.map((key) => ({ key, name: nameOf.get(key) ?? null }));
  }

  /** The record of a draw in its current state: public, or the auditors' (`audit`). */
  async function partsOf(tx: Db, id: string, audit: boolean): Promise<{ parts: RecordParts; status: DrawStatus }> {
    const [draw] = await tx.select().from(draws).where(eq(draws.id, id));
    if (!draw) throw notFound('抽取记录');
    const plan = await names(tx, draw);
    const blindSecret = draw.blindSecret === null ? null : deps.secrets.open(draw.blindSecret);
    const blinded = blindSecret !== null;
    const revealed = draw.status === 'revealed' && draw.record !== null;
    const frozen = unpackStrata(draw.strata);
    // `/2`: the blinded ids are recomputed from the keys (kept in their order), not stored.
    const strata = await Promise.all(
      frozen.map(async (s) => {
        if (!isBlinded(s)) return { name: s.name, k: s.k, candidates: s.candidates, keys: undefined, className: undefined };
        const blinded = await blindSorted(blindSecret!, s.keys);
        if (blinded.keys.some((key, i) => key !== s.keys[i])) throw new Error(`draw ${draw.id}, stratum ${s.name}: the stored keys are not in blinded order`);
        return { name: s.name, k: s.k, candidates: blinded.candidates, keys: s.keys, className: s.className };
      }),
    );
    const stored = revealed ? draw.record! : null;
    const assignments = stored ? unpackAssignments(stored) : undefined;
    const pool = blinded ? (draw.inspectorPool as FrozenInspector[]).map((i) => i.userId) : undefined;
    const inspectorsPerTask = draw.inspectorsPerTask ?? plan.planInspectorsPerTask;
    const openings = stored && assignments && blinded ? await openingsOf({ strata: stored.strata, assignments }, blindSecret!) : undefined;
    const selectedKeys = openings ? openings.map((o) => o.key) : stored ? stored.strata.flatMap((s) => s.selected) : [];
    const inspectorIds = pool ?? [...new Set((assignments ?? []).flatMap((a) => [...a.candidates, ...a.excluded.map((x) => x.inspector)]))];
    const head: Record<string, unknown> = {
      id: draw.id,
      planName: plan.planName,
      bureauName: plan.bureauName,
      itemName: plan.itemName,
      status: draw.status,
      committedAt: draw.committedAt.toISOString(),
      revealedAt: draw.revealedAt?.toISOString() ?? null,
      cancelledAt: draw.cancelledAt?.toISOString() ?? null,
      cancelReason: draw.cancelReason,
      version: draw.version,
      candidatesHash: draw.candidatesHash,
      commitment: draw.commitment,
      commitStatement: commitStatementFor({ ...draw, inspectorsPerTask }) ?? undefined,
      ...(stored ? { secret: stored.secret, witnessInput: stored.witnessInput, seed: stored.seed } : {}),
      ...(audit && blinded ? { blindSecret: blindSecret!.toString('hex'), labels: Object.fromEntries(strata.map((s) => [s.name, s.className])) } : {}),
    };
    const parts: RecordParts = {
      head,
      strata: strata.map((s, i) => ({
        name: s.name,
        n: s.candidates.length,
        k: s.k,
        candidates: s.candidates,
        selected: stored ? stored.strata[i]!.selected : undefined,
        keys: audit && s.keys ? sortUtf8(s.keys) : undefined,
      })),
      openings,
      inspectorPool: pool,
      poolFields: blinded ? { inspectorPoolHash: draw.inspectorPoolHash, inspectorsPerTask } : undefined,
      assignments,
      evidence: audit,
      inspectors: (await inspectorPeople(tx, inspectorIds)).map((p) => ({ id: p.userId, name: p.name, certificateNo: p.certificateNo })),
      objects: stored ? await objectsNamed(tx, draw.planId, selectedKeys) : undefined,
    };
    return { parts, status: draw.status };
  }

  async function build(id: string, status: DrawStatus): Promise<PublicDocument> {
    const [stored] = await db.select().from(drawDocuments).where(eq(drawDocuments.drawId, id));
    // A record stored for another state (built while the draw was revealed or cancelled) is built again.
    if (stored?.status === status) return { status, final: status !== 'committed', body: stored.body, etag: stored.etag, bytes: stored.bytes };
    const { parts, status: builtIn } = await partsOf(db, id, false);
    const doc = await buildDocument(parts);
    const row = { drawId: id, status: builtIn, etag: doc.etag, body: doc.body, bytes: doc.bytes };
    await db.insert(drawDocuments).values(row).onConflictDoUpdate({ target: drawDocuments.drawId, set: { status: row.status, etag: row.etag, body: row.body, bytes: row.bytes, createdAt: new Date() } });
    return { ...doc, status: builtIn, final: builtIn !== 'committed' };
  }

  return {
    /** Public: every draw — committed, revealed, cancelled — newest first. */
    async publicList(filter: PublicDrawFilter, page: Page) {
      const where = and(filter.status ? eq(draws.status, filter.status) : undefined, filter.year ? eq(inspectionPlans.year, filter.year) : undefined);
      const from = () => db.select({ n: count() }).from(draws).innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId));
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: draws.id,
            planName: inspectionPlans.name,
            bureauName: orgs.name,
            itemName: inspectionItems.name,
            status: draws.status,
            committedAt: draws.committedAt,
            revealedAt: draws.revealedAt,
            cancelledAt: draws.cancelledAt,
            commitment: draws.commitment,
            candidatesHash: draws.candidatesHash,
            inspectorPoolHash: draws.inspectorPoolHash,
            inspectorsPerTask: sql<number>`coalesce(${draws.inspectorsPerTask}, ${inspectionPlans.inspectorsPerTask})`,
          })
          .from(draws)
          .innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId))
          .innerJoin(orgs, eq(orgs.id, inspectionPlans.orgId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPlans.itemId))
          .where(where)
          .orderBy(desc(draws.committedAt), desc(draws.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        from().where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    },

    /**
     * Public: the record of one draw as served. Built once per state and stored; this process keeps
     * the last few at hand, and concurrent requests for one record share one build.
     */
    async publicDocument(id: string): Promise<PublicDocument> {
      const [draw] = await db.select({ status: draws.status }).from(draws).where(eq(draws.id, id));
      if (!draw) throw notFound('抽取记录');
      const cached = cache.get(id);
      if (cached?.status === draw.status) return cached;
      const key = `${id}/${draw.status}`;
      let pending = building.get(key);
      if (!pending) {
        building.set(key, (pending = build(id, draw.status).finally(() => building.delete(key))));
      }
      const doc = await pending;
      cache.delete(id);
      cache.set(id, doc);
      while (cache.size > CACHED) cache.delete(cache.keys().next().value!);
      return doc;
    },

    /** The auditors' record (permission `draw.audit`, the plan's data scope); each read is audited. */
    async auditDocument(ctx: RequestContext & { actor: Actor }, id: string): Promise<BuiltDocument> {
      const [draw] = await db.select({ planId: draws.planId }).from(draws).where(eq(draws.id, id));
      if (!draw) throw notFound('抽取记录');
      await deps.plans.find(db, ctx.actor, draw.planId);
      const { parts } = await partsOf(db, id, true);
      await deps.audit.record(db, ctx, { action: 'draw.audit_record_read', targetType: 'draw', targetId: id });
      return buildDocument(parts);
    },
  };
}

export type DrawRecords = ReturnType<typeof makeDrawRecords>;
