// The enterprise's side (企业端): its notified samples, the notice and its receipt, without samplers or files.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { Ctx } from '../spotchecks.deps.js';
import { spotcheckInstitutions, spotcheckObjections, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';
import type { SampleRow, Samples, SamplingDeps } from './sampling.shared.js';

export function makeEnterpriseSamples(deps: SamplingDeps, { mySample, finalize, finalizeIfDue, detail, noticeOf, setReceipt }: Samples) {
  const { db } = deps;

  /** What the enterprise's account sees of its sample: no samplers' ids, no files. */
  async function myView(tx: Db, s: SampleRow) {
    const d = await detail(tx, s);
    return {
      id: d.id,
      sampleNo: d.sampleNo,
      productCode: d.productCode,
      productName: d.productName,
      enterpriseName: d.enterpriseName,
      uscc: d.uscc,
      institutionName: d.institutionName,
      record: d.record,
      items: d.items,
      testItems: d.testItems,
      conclusion: d.conclusion,
      reportNo: d.reportNo,
      reportedOn: d.reportedOn,
      noticeNo: d.noticeNo,
      notifiedOn: d.notifiedOn,
      receivedOn: d.receivedOn,
      objectionDueOn: d.objectionDueOn,
      objectionDueCertain: d.objectionDueCertain,
      objectionOpen: d.receivedOn != null && d.objection == null && d.objectionDueOn != null && todayInChina() <= d.objectionDueOn,
      finalConclusion: d.finalConclusion,
      objection: d.objection ? { status: d.objection.status, filedOn: d.objection.filedOn, reason: d.objection.reason, items: d.objection.items, decidedOn: d.objection.decidedOn, decisionReason: d.objection.decisionReason, retestConclusion: d.objection.retestConclusion } : null,
      followup: d.followup ? { stage: d.followup.stage, orderNo: d.followup.orderNo, dueOn: d.followup.dueOn } : null,
      version: d.version,
    };
  }

  return {
    async list(actor: Actor, page: Page) {
      if (!actor.enterpriseUscc) throw new AppError('FORBIDDEN', '仅限企业账号', 403);
      await inTransaction(db, (tx) => finalize(tx, todayInChina()));
      const where = and(eq(spotcheckSamples.uscc, actor.enterpriseUscc), isNotNull(spotcheckSamples.notifiedOn));
      const [items, [count]] = await Promise.all([
        db
          .select({
            id: spotcheckSamples.id,
            sampleNo: spotcheckSamples.sampleNo,
            uscc: spotcheckSamples.uscc,
            productCode: spotcheckProducts.code,
            productName: spotcheckProducts.name,
            institutionName: spotcheckInstitutions.name,
            conclusion: spotcheckSamples.conclusion,
            finalConclusion: spotcheckSamples.finalConclusion,
            noticeNo: spotcheckSamples.noticeNo,
            notifiedOn: spotcheckSamples.notifiedOn,
            receivedOn: spotcheckSamples.receivedOn,
            objectionDueOn: spotcheckSamples.objectionDueOn,
            objectionStatus: spotcheckObjections.status,
            version: spotcheckSamples.version,
          })
          .from(spotcheckSamples)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckSamples.institutionId))
          .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, spotcheckSamples.id))
          .where(where)
          .orderBy(desc(spotcheckSamples.notifiedOn), desc(spotcheckSamples.sampleNo), asc(spotcheckSamples.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckSamples).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    async get(actor: Actor, id: string) {
      await finalizeIfDue(id);
      return inTransaction(db, async (tx) => myView(tx, await mySample(tx, actor, id)));
    },

    async notice(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => noticeOf(tx, await mySample(tx, actor, id)));
    },

    /** The enterprise's account acknowledges receipt today. */
    async receipt(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await mySample(tx, ctx.actor, id, true);
        return myView(tx, await setReceipt(tx, ctx, s, todayInChina(), expected, 'enterprise'));
      });
    },
  };
}
