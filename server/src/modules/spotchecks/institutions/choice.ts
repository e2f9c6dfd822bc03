// The competitive choice of a lot's institution (scores, the highest total), the tie draw and the published choices.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import { assertCity } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { type Reason, type ScoreWeights, spotcheckApplications, spotcheckInstitutions, spotcheckLots, spotcheckProducts } from '../spotchecks.schema.js';
import { EMPTY_RECORD, type InstitutionCore, type InstitutionsDeps, type Lot, type Selection } from './institutions.shared.js';
import { type Applicant, type ScoredApplicant, choiceReasons, effectiveWeights, scoreApplicants, topTied } from './scoring.js';

export function makeInstitutionChoice(deps: InstitutionsDeps, { recordsOf, lotFor, pendingTieDraw, planOf, productOf }: InstitutionCore) {
  const { db, audit, draws } = deps;

  async function lotView(tx: Db, id: string) {
    const [row] = await tx
      .select({
        id: spotcheckLots.id,
        lotNo: spotcheckLots.lotNo,
        planId: spotcheckLots.planId,
        productId: spotcheckLots.productId,
        year: spotcheckLots.year,
        quarter: spotcheckLots.quarter,
        batches: spotcheckLots.batches,
        status: spotcheckLots.status,
        dueOn: spotcheckLots.dueOn,
        institutionId: spotcheckLots.institutionId,
        institutionName: spotcheckInstitutions.name,
        selection: spotcheckLots.selection,
        selectionPublishedAt: spotcheckLots.selectionPublishedAt,
        version: spotcheckLots.version,
      })
      .from(spotcheckLots)
      .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckLots.institutionId))
      .where(eq(spotcheckLots.id, id));
    return { ...row!, selection: row!.selection as Selection | null };
  }

  /** The lot's applicants as the score sees them, with their institutions' records and capacity left in the lot's quarter. */
  async function applicantsOf(tx: Db, lot: Lot): Promise<Applicant[]> {
    const rows = await tx
      .select({ app: spotcheckApplications, inst: spotcheckInstitutions })
      .from(spotcheckApplications)
      .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
      .where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.status, 'submitted')));
    const ids = rows.map((r) => r.inst.id);
    const records = await recordsOf(tx, ids);
    const used = ids.length
      ? await tx
          .select({ id: spotcheckLots.institutionId, batches: sql<number>`coalesce(sum(${spotcheckLots.batches}), 0)`.mapWith(Number) })
          .from(spotcheckLots)
          .where(and(inArray(spotcheckLots.institutionId, ids), eq(spotcheckLots.year, lot.year), eq(spotcheckLots.quarter, lot.quarter), ne(spotcheckLots.id, lot.id)))
          .groupBy(spotcheckLots.institutionId)
      : [];
    const usedOf = new Map(used.map((u) => [u.id!, u.batches]));
    return rows.map(({ app, inst }) => {
      const rec = records.get(inst.id) ?? EMPTY_RECORD;
      return {
        applicationId: app.id,
        institutionId: inst.id,
        name: inst.name,
        local: inst.local,
        active: inst.active,
        cmaScope: inst.cmaScope,
        cmaValidUntil: inst.cmaValidUntil,
        price: app.price,
        capacity: app.capacity,
        quarterCapacityLeft: inst.capacity - (usedOf.get(inst.id) ?? 0),
        onTimeRate: rec.onTimeRate,
        recentUpheld: rec.objectionsUpheldRecent,
      };
    });
  }

  /** Records the choice: the lot assigned to the institution, the selection published, the applications chosen / not chosen. */
  async function decide(tx: Db, ctx: Ctx, lot: Lot, pending: { weights: ScoreWeights; baseWeights: ScoreWeights; localityOverridden: boolean; scores: ScoredApplicant[]; tieDrawId: string | null }, chosenId: string) {
    const tied = pending.tieDrawId ? topTied(pending.scores) : [pending.scores.find((s) => s.institutionId === chosenId)!];
    const reasons: Reason[] = choiceReasons({ weights: pending.weights, localityOverridden: pending.localityOverridden, scores: pending.scores, chosenId, tied, tieDrawId: pending.tieDrawId });
    const selection: Selection = { weights: pending.weights, baseWeights: pending.baseWeights, localityOverridden: pending.localityOverridden, scores: pending.scores, chosenId, reasons, tieDrawId: pending.tieDrawId, decidedOn: todayInChina(), byName: ctx.actor.name };
    await tx
      .update(spotcheckLots)
      .set({ institutionId: chosenId, status: 'assigned', selection, selectionPublishedAt: new Date(), version: nextVersion(spotcheckLots.version), updatedAt: new Date() })
      .where(eq(spotcheckLots.id, lot.id));
    const chosen = pending.scores.find((s) => s.institutionId === chosenId)!;
    await tx.update(spotcheckApplications).set({ status: 'chosen', version: nextVersion(spotcheckApplications.version) }).where(eq(spotcheckApplications.id, chosen.applicationId));
    await tx
      .update(spotcheckApplications)
      .set({ status: 'not_chosen', version: nextVersion(spotcheckApplications.version) })
      .where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.status, 'submitted')));
    await audit.record(tx, ctx, { action: 'spotcheck_lot.institution_chosen', targetType: 'spotcheck_lot', targetId: lot.id, before: { status: lot.status, institutionId: lot.institutionId }, after: { status: 'assigned', institutionId: chosenId, selection } });
    return { status: 'chosen' as const, lot: await lotView(tx, lot.id), scores: pending.scores, tieDrawId: pending.tieDrawId };
  }

  return {
    /**
     * The competitive choice (§三(二)2(5)) of an open lot of an approved plan, by the city bureau:
     * scores every submitted application (README.md § The score); the highest total wins; equal
     * totals commit a verifiable draw among the tied (`tie`, revealed by `revealTie`).
     */
    async select(ctx: Ctx, lotId: string, input: { localityWeight?: number } = {}) {
      assertCity(ctx.actor, '选定承检机构');
      if (input.localityWeight !== undefined && (!Number.isFinite(input.localityWeight) || input.localityWeight < 0 || input.localityWeight > 100)) throw invalid('localityWeight', '本地化权重应在 0 到 100 之间');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        if (lot.status !== 'open') throw new AppError('LOT_NOT_OPEN', '该批次已确定承检机构或已结束', 409);
        if (await pendingTieDraw(tx, lot.id)) throw new AppError('SELECTION_PENDING', '该批次的同分摇号尚未揭晓', 409);
        const plan = await planOf(tx, lot.planId);
        if (plan.status !== 'approved') throw new AppError('PLAN_NOT_APPROVED', '计划批准后才能选定承检机构', 409);
        const base = plan.scoreWeights;
        if (input.localityWeight !== undefined && input.localityWeight < 100 && base.price + base.capability + base.record <= 0) throw invalid('localityWeight', '计划的其余权重均为 0，无法折算');
        const { exact, shown } = effectiveWeights(base, input.localityWeight);
        const product = await productOf(tx, lot.productId);
        const scores = scoreApplicants(await applicantsOf(tx, lot), { productCode: product.code, batches: lot.batches, dueOn: lot.dueOn }, exact);
        const tied = topTied(scores);
        if (!tied.length) throw new AppError('NO_QUALIFIED_APPLICANT', scores.length ? '没有符合条件的申请机构' : '该批次尚无承检申请', 409, { scores });
        const localityOverridden = input.localityWeight !== undefined && input.localityWeight !== base.locality;
        if (tied.length === 1) return decide(tx, ctx, lot, { weights: shown, baseWeights: base, localityOverridden, scores, tieDrawId: null }, tied[0]!.institutionId);
        const draw = await draws.commit(tx, ctx, { purpose: 'tie_break', lotId: lot.id, strata: [{ className: '同分机构', keys: tied.map((t) => t.institutionId), k: 1 }] });
        // Pending: the scores are kept with the lot (chosenId empty, not published) until the reveal.
        const selection: Selection = { weights: shown, baseWeights: base, localityOverridden, scores, chosenId: '', reasons: [], tieDrawId: draw.id, decidedOn: '', byName: ctx.actor.name };
        await tx.update(spotcheckLots).set({ selection, version: nextVersion(spotcheckLots.version), updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.selection_tied', targetType: 'spotcheck_lot', targetId: lot.id, after: { tied: tied.map((t) => t.institutionId), total: tied[0]!.total, tieDrawId: draw.id } });
        return { status: 'tie' as const, lot: await lotView(tx, lot.id), scores, tieDrawId: draw.id };
      });
    },

    /** Reveals the lot's pending tie draw with the witnesses' input and chooses the drawn institution. */
    async revealTie(ctx: Ctx, lotId: string, witnessInput = '') {
      assertCity(ctx.actor, '选定承检机构');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        const drawId = lot.status === 'open' ? await pendingTieDraw(tx, lot.id) : null;
        const pending = lot.selection as Selection | null;
        if (!drawId || !pending || pending.tieDrawId !== drawId) throw new AppError('NO_PENDING_DRAW', '该批次没有待揭晓的同分摇号', 409);
        const revealed = await draws.reveal(tx, ctx, drawId, witnessInput);
        const chosenId = revealed.chosen[0]!.keys[0]!;
        return decide(tx, ctx, lot, { weights: pending.weights, baseWeights: pending.baseWeights ?? pending.weights, localityOverridden: pending.localityOverridden ?? false, scores: pending.scores, tieDrawId: drawId }, chosenId);
      });
    },

    /** The published choices (public): lot, product, the chosen institution, every applicant's score and price, the reasons, the tie draw. */
    async publicSelections(filter: { year?: number }, page: Page) {
      const where = and(sql`${spotcheckLots.selectionPublishedAt} is not null`, filter.year ? eq(spotcheckLots.year, filter.year) : undefined);
      const [rows, [count]] = await Promise.all([
        db
          .select({ lot: spotcheckLots, productCode: spotcheckProducts.code, productName: spotcheckProducts.name })
          .from(spotcheckLots)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
          .where(where)
          .orderBy(desc(spotcheckLots.selectionPublishedAt), asc(spotcheckLots.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckLots).where(where),
      ]);
      const items = rows.map(({ lot, productCode, productName }) => {
        const s = lot.selection as Selection;
        const chosen = s.scores.find((x) => x.institutionId === s.chosenId);
        return {
          id: lot.id,
          lotId: lot.id,
          lotNo: lot.lotNo,
          productCode,
          productName,
          year: lot.year,
          quarter: lot.quarter,
          batches: lot.batches,
          chosen: { institutionId: s.chosenId, name: chosen?.name ?? '' },
          weights: s.weights,
          scores: s.scores.map((x) => ({ institutionId: x.institutionId, name: x.name, local: x.local, price: x.price, capacity: x.capacity, qualified: x.qualified, disqualified: x.disqualified ?? [], parts: x.parts, total: x.total })),
          reasons: s.reasons,
          tieDrawId: s.tieDrawId ?? null,
          decidedOn: s.decidedOn,
          publishedAt: lot.selectionPublishedAt!,
        };
      });
      return { items, total: count?.n ?? 0 };
    },
  };
}
