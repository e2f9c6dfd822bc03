// The draw of a lot's enterprises (with the repeat rule) and its reveal into samples.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { enterprises } from '../../enterprises/index.js';
import { assertCity } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { spotcheckDraws, spotcheckLots, spotcheckProducers, spotcheckSamples } from '../spotchecks.schema.js';
import { STRATUM, type Samples, type SamplingDeps } from './sampling.shared.js';
import { withinRepeatWindow } from './window.js';

export function makeLotDraws(deps: SamplingDeps, { lotFor }: Samples) {
  const { db, audit, rules, draws } = deps;

  return {
    /**
     * Commits the draw of a lot's enterprises (city only): the product's active producers minus those
     * sampled for the same product within `repeatMonths` months; k = min(batches, candidates).
     */
    async commitDraw(ctx: Ctx, lotId: string) {
      assertCity(ctx.actor, '抽取被抽查企业');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, lotId, true);
        if (lot.status === 'drawn' || lot.status === 'closed') throw new AppError('LOT_DRAWN', '该批次组已抽取企业', 409);
        if (lot.status !== 'assigned' || !lot.institutionId) throw new AppError('LOT_NOT_ASSIGNED', '该批次组尚未确定承检机构，不能抽取企业', 409);
        const [pending] = await tx
          .select({ id: spotcheckDraws.id })
          .from(spotcheckDraws)
          .where(and(eq(spotcheckDraws.lotId, lot.id), eq(spotcheckDraws.purpose, 'sampling'), eq(spotcheckDraws.status, 'committed')));
        if (pending) throw new AppError('DRAW_PENDING', '该批次组已有待揭晓的抽取', 409, { drawId: pending.id });

        const producers = await tx
          .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
          .from(spotcheckProducers)
          .innerJoin(enterprises, eq(enterprises.id, spotcheckProducers.enterpriseId))
          .where(and(eq(spotcheckProducers.productId, lot.productId), eq(enterprises.status, 'active')))
          .orderBy(asc(enterprises.uscc));
        const today = todayInChina();
        // Each producer's last sample of this product: its sampling day, or the day it was drawn.
        const last = producers.length
          ? await tx
              .selectDistinctOn([spotcheckSamples.enterpriseId], {
                enterpriseId: spotcheckSamples.enterpriseId,
                id: spotcheckSamples.id,
                sampleNo: spotcheckSamples.sampleNo,
                on: sql<string>`coalesce(${spotcheckSamples.record}->>'sampledOn', to_char(${spotcheckSamples.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))`,
              })
              .from(spotcheckSamples)
              .where(and(eq(spotcheckSamples.productId, lot.productId), inArray(spotcheckSamples.enterpriseId, producers.map((p) => p.id))))
              .orderBy(spotcheckSamples.enterpriseId, sql`4 desc`, desc(spotcheckSamples.id))
          : [];
        const lastOf = new Map(last.map((l) => [l.enterpriseId, l]));
        const excluded: { uscc: string; name: string; rule: string; evidence: Record<string, unknown> }[] = [];
        const candidates: string[] = [];
        for (const p of producers) {
          const l = lastOf.get(p.id);
          if (l && withinRepeatWindow(l.on, rules.repeatMonths, today)) {
            excluded.push({ uscc: p.uscc, name: p.name, rule: 'repeat_within_months', evidence: { sampleId: l.id, sampleNo: l.sampleNo, on: l.on, months: rules.repeatMonths } });
          } else candidates.push(p.uscc);
        }
        if (!candidates.length) {
          throw new AppError('NOT_ENOUGH_PRODUCERS', producers.length ? `该产品的生产企业均在 ${rules.repeatMonths} 个月内被抽查过，没有可抽取的企业` : '该产品没有在业的生产企业，请先在产品目录中添加', 409, { producers: producers.length, excluded: excluded.length });
        }
        const k = Math.min(lot.batches, candidates.length);
        const { id, record } = await draws.commit(tx, ctx, {
          purpose: 'sampling',
          lotId: lot.id,
          strata: [{ className: STRATUM, keys: candidates, k }],
          excluded: excluded.map((e) => ({ key: e.uscc, rule: e.rule, evidence: { ...e.evidence, name: e.name } })),
        });
        await tx.update(spotcheckLots).set({ drawId: id, version: sql`${spotcheckLots.version} + 1`, updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.draw_committed', targetType: 'spotcheck_lot', targetId: lot.id, after: { drawId: id, candidates: candidates.length, excluded: excluded.length, k, batches: lot.batches } });
        const note = k < lot.batches ? `可抽取的生产企业只有 ${candidates.length} 家，少于计划批次 ${lot.batches}，本次抽取 ${k} 家` : null;
        return { drawId: id, record, excluded, candidates: candidates.length, batches: lot.batches, k, note };
      });
    },

    /** Reveals a lot's sampling draw and creates one sample per chosen enterprise (status drawn); the lot becomes drawn. */
    async revealDraw(ctx: Ctx, drawId: string, witnessInput = '') {
      assertCity(ctx.actor, '揭晓抽取结果');
      return inTransaction(db, async (tx) => {
        const [draw] = await tx.select({ purpose: spotcheckDraws.purpose, lotId: spotcheckDraws.lotId }).from(spotcheckDraws).where(eq(spotcheckDraws.id, drawId));
        if (!draw) throw notFound('抽取记录');
        if (draw.purpose !== 'sampling') throw new AppError('NOT_SAMPLING_DRAW', '这是承检机构同分摇号，请在承检机构选定处揭晓', 409);
        const lot = await lotFor(tx, draw.lotId, true);
        const { record, chosen } = await draws.reveal(tx, ctx, drawId, witnessInput);
        const usccs = chosen.flatMap((c) => c.keys);
        const found = await tx
          .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode })
          .from(enterprises)
          .where(inArray(enterprises.uscc, usccs.length ? usccs : ['']));
        const byUscc = new Map(found.map((e) => [e.uscc, e]));
        const year = todayInChina().slice(0, 4);
        const samples = [];
        for (const uscc of usccs) {
          const e = byUscc.get(uscc)!;
          const { rows } = (await tx.execute(sql`select nextval('spotcheck_sample_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
          const [s] = await tx
            .insert(spotcheckSamples)
            .values({
              sampleNo: `CY${year}${String(rows[0]!.n).padStart(5, '0')}`,
              lotId: lot.id,
              productId: lot.productId,
              enterpriseId: e.id,
              uscc: e.uscc,
              regionCode: e.regionCode,
              institutionId: lot.institutionId!,
              samplerIds: [],
              samplerNames: [],
              dueOn: lot.dueOn,
              status: 'drawn',
            })
            .returning();
          await audit.record(tx, ctx, { action: 'spotcheck_sample.created', targetType: 'spotcheck_sample', targetId: s!.id, after: { sampleNo: s!.sampleNo, lotId: lot.id, uscc, drawId } });
          samples.push({ id: s!.id, sampleNo: s!.sampleNo, enterpriseId: e.id, enterpriseName: e.name, uscc, regionCode: e.regionCode });
        }
        await tx.update(spotcheckLots).set({ status: 'drawn', version: sql`${spotcheckLots.version} + 1`, updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.drawn', targetType: 'spotcheck_lot', targetId: lot.id, after: { drawId, samples: samples.map((s) => s.sampleNo) } });
        return { record, samples };
      });
    },

    /** The staff's view of a draw (the public record and the exclusions with their evidence). */
    async drawView(drawId: string) {
      return draws.staffView(drawId);
    },
  };
}
