// The institution's results, the 检验结果通知书 and its receipt by staff, and the daily finalizing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { institutionOf } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { type ItemResult, spotcheckLots, spotcheckPlans, spotcheckSampleFiles, spotcheckSamples } from '../spotchecks.schema.js';
import { RECEIPT_TODO, type ResultInput, type Samples, type SamplingDeps } from './sampling.shared.js';

export function makeSampleResults(deps: SamplingDeps, { sampleFor, productOf, finalize, detail, bump, noticeOf, setReceipt }: Samples) {
  const { db, audit, todos } = deps;

  return {
    /** The institution's result: every test item, a conclusion that follows them, the report uploaded first. */
    async result(ctx: Ctx, id: string, input: ResultInput, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const inst = await institutionOf(tx, ctx.actor);
        if (!inst) throw new AppError('FORBIDDEN', '只有承检机构账号可以报送检验结果', 403);
        const [s] = await tx
          .select()
          .from(spotcheckSamples)
          .where(and(eq(spotcheckSamples.id, id), eq(spotcheckSamples.institutionId, inst.id)))
          .for('update');
        if (!s) throw notFound('样品');
        assertVersion(expected, s.version);
        if (s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'reported' || s.status === 'closed' ? '检验结果已报送' : '尚未完成抽样', 409);
        const product = await productOf(tx, s.productId);
        const known = new Map(product.testItems.map((t) => [t.name, t]));
        const seen = new Set<string>();
        const items: ItemResult[] = [];
        for (const [i, it] of input.items.entries()) {
          const name = it.item.trim();
          if (!known.has(name)) throw new AppError('UNKNOWN_ITEM', `“${name}”不是该产品实施细则中的检验项目`, 400, { field: `items[${i}].item`, known: [...known.keys()] });
          if (seen.has(name)) throw invalid(`items[${i}].item`, `检验项目“${name}”重复`);
          seen.add(name);
          const measured = it.measured.trim();
          if (!measured || measured.length > 500) throw invalid(`items[${i}].measured`, `请填写“${name}”的实测结果（不超过 500 个字）`);
          const requirement = it.requirement.trim() || known.get(name)!.requirement;
          if (requirement.length > 500) throw invalid(`items[${i}].requirement`, '标准要求不能超过 500 个字');
          items.push({ item: name, requirement, measured, pass: it.pass });
        }
        const missing = [...known.keys()].filter((n) => !seen.has(n));
        if (missing.length) throw new AppError('ITEMS_MISSING', `缺少检验项目的结果：${missing.join('、')}`, 400, { field: 'items', missing });
        const failed = items.filter((i) => !i.pass).map((i) => i.item);
        if (input.conclusion === 'pass' && failed.length) throw new AppError('CONCLUSION_MISMATCH', `检验项目${failed.join('、')}不合格，结论不能为合格`, 400, { field: 'conclusion', failed });
        if (input.conclusion === 'fail' && !failed.length) throw new AppError('CONCLUSION_MISMATCH', '所有检验项目均合格，结论不能为不合格', 400, { field: 'conclusion', failed });
        const reportNo = requireText(input.reportNo, 'reportNo', '检验报告编号', 100);
        if (!parseDate(input.reportedOn)) throw invalid('reportedOn', '报告日期不是有效日期');
        if (input.reportedOn > todayInChina()) throw invalid('reportedOn', '报告日期不能晚于今天');
        if (s.record && input.reportedOn < s.record.sampledOn) throw invalid('reportedOn', `报告日期不能早于抽样日期 ${s.record.sampledOn}`);
        const [report] = await tx.select({ id: spotcheckSampleFiles.id }).from(spotcheckSampleFiles).where(and(eq(spotcheckSampleFiles.sampleId, s.id), eq(spotcheckSampleFiles.kind, 'report'))).limit(1);
        if (!report) throw new AppError('REPORT_MISSING', '请先上传检验报告（PDF）', 409);
        const row = await bump(tx, s.id, { items, conclusion: input.conclusion, reportNo, reportedOn: input.reportedOn, reportedByName: ctx.actor.name, status: 'reported', finalConclusion: null });
        await audit.record(tx, ctx, { action: 'spotcheck_sample.reported', targetType: 'spotcheck_sample', targetId: s.id, after: { items, conclusion: input.conclusion, reportNo, reportedOn: input.reportedOn, institutionId: inst.id } });
        return detail(tx, row);
      });
    },

    /** Numbers the 检验结果通知书 (`<city short>抽检通〔year〕n号`) and dates it today; the enterprise's account sees it from now on. */
    async notify(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        assertVersion(expected, s.version);
        if (s.status !== 'reported' || !s.conclusion) throw new AppError('INVALID_STATUS', s.status === 'closed' ? '该样品已结案' : '检验结果尚未报送', 409);
        if (s.noticeNo) throw new AppError('ALREADY_NOTIFIED', `已出具检验结果通知书 ${s.noticeNo}`, 409);
        const [bureau] = await tx
          .select({ name: orgs.name, shortName: orgs.shortName })
          .from(spotcheckLots)
          .innerJoin(spotcheckPlans, eq(spotcheckPlans.id, spotcheckLots.planId))
          .innerJoin(orgs, eq(orgs.id, spotcheckPlans.orgId))
          .where(eq(spotcheckLots.id, s.lotId));
        const short = bureau?.shortName?.trim() || bureau?.name || '';
        const today = todayInChina();
        const noticeNo = await nextDocumentNo(tx, spotcheckSamples.noticeNo, `${short}抽检通〔${today.slice(0, 4)}〕`);
        const row = await bump(tx, s.id, { noticeNo, notifiedOn: today });
        const product = await productOf(tx, s.productId);
        await todos.raise(tx, RECEIPT_TODO, [
          {
            key: `${RECEIPT_TODO}:${s.id}`,
            subjectType: 'spotcheck_sample',
            subjectId: s.id,
            title: `产品质量监督抽查检验结果通知书待签收：${product.name}（${noticeNo}）`,
            params: { noticeNo, product: product.name, sampleNo: s.sampleNo },
            link: `/my/spotchecks/${s.id}`,
            dueOn: null,
            orgId: null,
            sectionId: null,
            enterpriseUscc: s.uscc,
            regionCode: s.regionCode,
          },
        ]);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.notified', targetType: 'spotcheck_sample', targetId: s.id, after: { noticeNo, notifiedOn: today } });
        return detail(tx, row);
      });
    },

    /** The 检验结果通知书 (.docx) of a sample in scope. */
    async notice(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => noticeOf(tx, await sampleFor(tx, actor, id)));
    },

    /** Staff record the day the enterprise received the notice (a return receipt): the objection window starts. */
    async receipt(ctx: Ctx, id: string, receivedOn: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        const row = await setReceipt(tx, ctx, s, receivedOn, expected, 'officer');
        return detail(tx, row);
      });
    },

    /** Finalizes every sample whose objection window ended before `today` without an objection (the daily job). */
    finalizeDue: (tx: Db, today: string = todayInChina()) => finalize(tx, today),
  };
}
