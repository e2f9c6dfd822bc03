import { randomUUID } from 'node:crypto';
import { type SQL, and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type Page, offsetOf } from '../../platform/http/schemas.js';
import { invalid } from '../../platform/validation/fields.js';
import { resealPlainDrawSecrets } from '../../platform/secrets/reseal-draw-secrets.js';
import { type ChoiceRecord, type ChoiceStratum, type StoredChoice, commitChoice, revealChoice } from '../inspections/index.js';
import type { Ctx, SpotchecksDeps } from './spotchecks.deps.js';
import { enterprises } from '../enterprises/index.js';
import { type SpotcheckDrawPurpose, spotcheckDraws, spotcheckInstitutions, spotcheckLots, spotcheckProducts } from './spotchecks.schema.js';

export type Exclusion = { key: string; rule: string; evidence: Record<string, unknown> };

/**
 * The module's verifiable draws (`zhijian-draw/2` choices, docs/DRAW.md): a lot's enterprises
 * among the product's producers, or a lot's institution among those with equal scores. Commit
 * and reveal run in the caller's transaction; the public record is served by
 * `GET /api/public/spotcheck-draws/:id` and checked by the site's verifier. The secrets are stored
 * sealed (`drawSecrets`, platform/secrets/draw-secrets.ts) and opened only to reveal.
 */
export function makeSpotcheckDraws(deps: Pick<SpotchecksDeps, 'db' | 'audit' | 'drawSecrets'>) {
  const { audit, drawSecrets: secrets } = deps;

  async function load(tx: Db, id: string) {
    const [row] = await tx.select().from(spotcheckDraws).where(eq(spotcheckDraws.id, id));
    if (!row) throw notFound('抽取记录');
    return row;
  }

  return {
    /** Start-up: seals the secrets of draws committed before sealing (platform/secrets/reseal-draw-secrets.ts); the rows sealed. */
    resealLegacySecrets: () => resealPlainDrawSecrets(deps.db, secrets, 'spotcheck_draws'),

    /** Commits a draw of `k` keys per stratum; `excluded` records the candidates left out and why (shown to auditors and staff). */
    async commit(tx: Db, ctx: Ctx, input: { purpose: SpotcheckDrawPurpose; lotId: string; strata: readonly ChoiceStratum[]; excluded?: Exclusion[] }) {
      const id = randomUUID();
      const committedAt = new Date();
      const c = await commitChoice({ id, committedAt, strata: input.strata });
      await tx.insert(spotcheckDraws).values({
        id,
        purpose: input.purpose,
        lotId: input.lotId,
        status: 'committed',
        secret: secrets.seal(c.secret),
        blindSecret: secrets.seal(c.blindSecret),
        committed: c.stored,
        record: c.record,
        excluded: input.excluded ?? [],
        committedByName: ctx.actor.name,
        committedAt,
      });
      await audit.record(tx, ctx, { action: 'spotcheck_draw.committed', targetType: 'spotcheck_draw', targetId: id, after: { purpose: input.purpose, lotId: input.lotId, statement: c.stored.commitStatement } });
      audit.anchorStatement('spotcheck_draw.committed', c.stored.commitStatement);
      return { id, record: c.record };
    },

    /** Reveals a committed draw with the witnesses' input (≤ 200 characters): the record and the chosen keys per stratum (the caller's class names). */
    async reveal(tx: Db, ctx: Ctx, id: string, witnessInput = '') {
      if (witnessInput.length > 200) throw invalid('witnessInput', '见证人输入不能超过 200 个字');
      const row = await load(tx, id);
      if (row.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', '该抽取已揭晓或已作废', 409);
      const revealedAt = new Date();
      const { record, chosen } = await revealChoice(row.committed as StoredChoice, row.record as ChoiceRecord, { secret: secrets.open(row.secret), blindSecret: secrets.open(row.blindSecret) }, witnessInput, revealedAt);
      await tx.update(spotcheckDraws).set({ status: 'revealed', record, revealedAt }).where(and(eq(spotcheckDraws.id, id), eq(spotcheckDraws.status, 'committed')));
      await audit.record(tx, ctx, { action: 'spotcheck_draw.revealed', targetType: 'spotcheck_draw', targetId: id, after: { witnessInput: record.witnessInput, seed: record.seed, chosen } });
      return { record, chosen, purpose: row.purpose, lotId: row.lotId };
    },

    /** Cancels a committed draw with a reason (it stays public, never revealed). */
    async cancel(tx: Db, ctx: Ctx, id: string, reason: string) {
      const row = await load(tx, id);
      if (row.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', '该抽取已揭晓或已作废', 409);
      await tx.update(spotcheckDraws).set({ status: 'cancelled', cancelReason: reason }).where(eq(spotcheckDraws.id, id));
      await audit.record(tx, ctx, { action: 'spotcheck_draw.cancelled', targetType: 'spotcheck_draw', targetId: id, after: { reason } });
    },

    /** The public record (no secrets before the reveal), with what a reader needs around it. */
    async publicRecord(id: string, tx: Db = deps.db) {
      const row = await load(tx, id);
      const record = row.record as ChoiceRecord;
      const [lot] = await tx.select({ lotNo: spotcheckLots.lotNo, productName: spotcheckProducts.name }).from(spotcheckLots).innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId)).where(eq(spotcheckLots.id, row.lotId));
      // Names for people to read (not part of the verification): the drawn enterprises, or the institution chosen.
      const keys = (record.openings ?? []).map((o) => o.key);
      const named = keys.length === 0 ? [] : row.purpose === 'sampling' ? await tx.select({ key: enterprises.uscc, name: enterprises.name }).from(enterprises).where(inArray(enterprises.uscc, keys)) : await tx.select({ key: sql<string>`${spotcheckInstitutions.id}::text`, name: spotcheckInstitutions.name }).from(spotcheckInstitutions).where(inArray(spotcheckInstitutions.id, keys));
      const nameOf = new Map(named.map((n) => [n.key, n.name]));
      return {
        ...record,
        id: row.id,
        purpose: row.purpose,
        lotId: row.lotId,
        lotNo: lot?.lotNo ?? '',
        productName: lot?.productName ?? '',
        status: row.status,
        cancelReason: row.cancelReason,
        cancelledAt: null,
        revealedAt: row.revealedAt?.toISOString() ?? null,
        ...(record.openings ? { objects: keys.map((key) => ({ key, name: nameOf.get(key) ?? '' })) } : {}),
      };
    },

    /** The public list of draws, newest first: what each drew (a lot's enterprises, a tie between institutions) and its state. */
    async publicList(filter: { year?: number; purpose?: SpotcheckDrawPurpose }, page: Page) {
      const conds: (SQL | undefined)[] = [filter.year ? eq(spotcheckLots.year, filter.year) : undefined, filter.purpose ? eq(spotcheckDraws.purpose, filter.purpose) : undefined];
      const where = and(...conds);
      const [items, [total]] = await Promise.all([
        deps.db
          .select({
            id: spotcheckDraws.id,
            purpose: spotcheckDraws.purpose,
            status: spotcheckDraws.status,
            lotNo: spotcheckLots.lotNo,
            year: spotcheckLots.year,
            quarter: spotcheckLots.quarter,
            productName: spotcheckProducts.name,
            candidates: sql<number>`(select coalesce(sum(jsonb_array_length(s->'candidates')), 0)::int from jsonb_array_elements(${spotcheckDraws.record}->'strata') s)`,
            chosen: sql<number>`(select coalesce(sum((s->>'k')::int), 0)::int from jsonb_array_elements(${spotcheckDraws.record}->'strata') s)`,
            committedAt: spotcheckDraws.committedAt,
            revealedAt: spotcheckDraws.revealedAt,
          })
          .from(spotcheckDraws)
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckDraws.lotId))
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
          .where(where)
          .orderBy(desc(spotcheckDraws.committedAt), desc(spotcheckDraws.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        deps.db.select({ n: count() }).from(spotcheckDraws).innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckDraws.lotId)).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** The staff's view: the public record and the exclusions with their evidence. */
    async staffView(id: string, tx: Db = deps.db) {
      const row = await load(tx, id);
      return { id: row.id, purpose: row.purpose, lotId: row.lotId, status: row.status, cancelReason: row.cancelReason, committedByName: row.committedByName, excluded: row.excluded, record: row.record as ChoiceRecord };
    },
  };
}

export type SpotcheckDraws = ReturnType<typeof makeSpotcheckDraws>;
