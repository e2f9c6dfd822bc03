// The samples' list and detail, the sampling tasks (samplers), the 抽样单 and the sample's files.
import { createHash } from 'node:crypto';
import { type SQL, and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { countAll, escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionWithin } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { PHOTO_EXTENSIONS, checkAttachment } from '../../../platform/documents/attachments.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import { institutionOf, isInstitutionAccount, sampleScope } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import {
  type SampleFileKind,
  type SamplingRecord,
  spotcheckFollowups,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckProducts,
  spotcheckSampleFiles,
  spotcheckSamples,
} from '../spotchecks.schema.js';
import { MAX_FILES_PER_SAMPLE, MAX_SAMPLERS, MAX_SEALS, type RecordInput, SAMPLING_TODO, type SampleFilter, type Samples, type SamplingDeps, sampleParties } from './sampling.shared.js';

const TEXT_MAX = 200;
const NOTE_MAX = 1000;

const REPORT_EXTENSIONS = ['pdf'];
const chinaDay = (d: Date) => todayInChina(d);

/** The columns of a sample's list row. */
const listColumns = {
  id: spotcheckSamples.id,
  sampleNo: spotcheckSamples.sampleNo,
  lotId: spotcheckSamples.lotId,
  lotNo: spotcheckLots.lotNo,
  ...sampleParties(spotcheckInstitutions.name),
  samplerIds: spotcheckSamples.samplerIds,
  samplerNames: spotcheckSamples.samplerNames,
  dueOn: spotcheckSamples.dueOn,
  status: spotcheckSamples.status,
  conclusion: spotcheckSamples.conclusion,
  finalConclusion: spotcheckSamples.finalConclusion,
  objectionStatus: spotcheckObjections.status,
  followupStage: spotcheckFollowups.stage,
  noticeNo: spotcheckSamples.noticeNo,
  notifiedOn: spotcheckSamples.notifiedOn,
  receivedOn: spotcheckSamples.receivedOn,
  objectionDueOn: spotcheckSamples.objectionDueOn,
  createdAt: spotcheckSamples.createdAt,
  version: spotcheckSamples.version,
};

export function makeSamplingTasks(deps: SamplingDeps, { sampleFor, productOf, filesOf, finalize, finalizeIfDue, detail, bump }: Samples) {
  const { db, audit, todos, users } = deps;

  return {
    async list(actor: Actor, filter: SampleFilter, page: Page) {
      await inTransaction(db, (tx) => finalize(tx, todayInChina()));
      const conds: (SQL | undefined)[] = [await sampleScope(db, actor)];
      if (filter.lotId) conds.push(eq(spotcheckSamples.lotId, filter.lotId));
      if (filter.productId) conds.push(eq(spotcheckSamples.productId, filter.productId));
      if (filter.status) conds.push(eq(spotcheckSamples.status, filter.status));
      if (filter.conclusion) conds.push(eq(spotcheckSamples.conclusion, filter.conclusion));
      if (filter.regionCode) conds.push(sql`${spotcheckSamples.regionCode} like ${`${escapeLike(filter.regionCode.replace(/(00)+$/, ''))}%`}`);
      if (filter.mine) conds.push(actor.userId ? sql`${actor.userId}::uuid = any(${spotcheckSamples.samplerIds})` : sql`false`);
      const q = filter.q?.trim();
      if (q) {
        const p = `%${escapeLike(q)}%`;
        conds.push(or(ilike(spotcheckSamples.sampleNo, p), ilike(enterprises.name, p), ilike(spotcheckSamples.uscc, p), ilike(spotcheckProducts.name, p)));
      }
      const where = and(...conds);
      const base = () =>
        db
          .select(listColumns)
          .from(spotcheckSamples)
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckSamples.lotId))
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .innerJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckSamples.institutionId))
          .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, spotcheckSamples.id))
          .leftJoin(spotcheckFollowups, eq(spotcheckFollowups.sampleId, spotcheckSamples.id));
      const [items, [count]] = await Promise.all([
        base().where(where).orderBy(desc(spotcheckSamples.sampleNo), asc(spotcheckSamples.id)).limit(page.pageSize).offset(offsetOf(page)),
        db
          .select({ n: countAll })
          .from(spotcheckSamples)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .innerJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
          .where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    async get(actor: Actor, id: string) {
      await finalizeIfDue(id);
      return inTransaction(db, async (tx) => detail(tx, await sampleFor(tx, actor, id)));
    },

    /** Names the samplers (≥ 2 active staff holding spotcheck.sample whose region covers the enterprise) and an optional earlier deadline. */
    async assign(ctx: Ctx, id: string, input: { samplerIds: string[]; dueOn?: string | null }, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        assertVersion(expected, s.version);
        if (s.status !== 'drawn' && s.status !== 'assigned') throw new AppError('INVALID_STATUS', '已抽样的样品不能再更换抽样人员', 409);
        const ids = [...new Set(input.samplerIds)];
        if (ids.length < 2) throw invalid('samplerIds', '抽样人员不得少于 2 人');
        if (ids.length > MAX_SAMPLERS) throw invalid('samplerIds', `抽样人员至多 ${MAX_SAMPLERS} 人`);
        const samplers = [];
        for (const uid of ids) {
          const u = await users.loadActor(uid, tx);
          const problem = !u
            ? '不存在或已停用'
            : u.enterpriseUscc != null || u.dataScope === 'org' || u.dataScope === 'self' || u.dataScope === 'enterprise'
              ? '不是执法人员'
              : !u.permissions.has('spotcheck.sample')
                ? '没有抽样权限'
                : u.dataScope !== 'all' && !regionWithin(s.regionCode, u.regionCode)
                  ? '的辖区不包括被抽查企业'
                  : null;
          if (problem) throw new AppError('VALIDATION', `抽样人员${u ? `“${u.displayName}”` : ` ${uid} `}${problem}`, 400, { field: 'samplerIds', userId: uid });
          samplers.push(u!);
        }
        const [lot] = await tx.select({ dueOn: spotcheckLots.dueOn }).from(spotcheckLots).where(eq(spotcheckLots.id, s.lotId));
        let dueOn = lot!.dueOn;
        if (input.dueOn) {
          if (!parseDate(input.dueOn)) throw invalid('dueOn', '抽样期限不是有效日期');
          if (input.dueOn < todayInChina()) throw invalid('dueOn', '抽样期限不能早于今天');
          if (input.dueOn > lot!.dueOn) throw invalid('dueOn', `抽样期限不能晚于批次组的期限 ${lot!.dueOn}`);
          dueOn = input.dueOn;
        }
        const row = await bump(tx, s.id, { samplerIds: samplers.map((u) => u.userId!), samplerNames: samplers.map((u) => u.displayName), dueOn, status: 'assigned' });
        const product = await productOf(tx, s.productId);
        const [ent] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, s.enterpriseId));
        await todos.resolveSubject(tx, SAMPLING_TODO, s.id);
        const specs: TodoSpec[] = samplers.map((u) => ({
          key: `${SAMPLING_TODO}:${s.id}:${u.userId}`,
          subjectType: 'spotcheck_sample',
          subjectId: s.id,
          title: `抽样任务：${product.name}（${ent!.name}，${s.sampleNo}）`,
          params: { sampleNo: s.sampleNo, product: product.name, enterprise: ent!.name, date: dueOn },
          link: `/spotcheck-samples/${s.id}`,
          dueOn,
          orgId: u.orgId,
          sectionId: null,
          userId: u.userId,
          regionCode: s.regionCode,
        }));
        await todos.raise(tx, SAMPLING_TODO, specs);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.assigned', targetType: 'spotcheck_sample', targetId: s.id, before: { samplerIds: s.samplerIds, dueOn: s.dueOn }, after: { samplerIds: row.samplerIds, samplerNames: row.samplerNames, dueOn } });
        return detail(tx, row);
      });
    },

    /** The 抽样单, by a sampler of the sample; ≥ 1 photo and 2 signatures uploaded first (409 FILES_MISSING). */
    async record(ctx: Ctx, id: string, input: RecordInput, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        if (!ctx.actor.userId || !s.samplerIds.includes(ctx.actor.userId)) throw new AppError('NOT_SAMPLER', '只有该样品的抽样人员可以填写抽样单', 403);
        assertVersion(expected, s.version);
        if (s.status !== 'assigned' && s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'drawn' ? '尚未指派抽样人员' : '检验结果已报送，抽样单不能再修改', 409);
        const today = todayInChina();
        const drawnOn = chinaDay(s.createdAt);
        if (!parseDate(input.sampledOn)) throw invalid('sampledOn', '抽样日期不是有效日期');
        if (input.sampledOn > today) throw invalid('sampledOn', '抽样日期不能晚于今天');
        if (input.sampledOn < drawnOn) throw invalid('sampledOn', `抽样日期不能早于抽取日期 ${drawnOn}`);
        let productionDate: string | null = null;
        if (input.productionDate) {
          if (!parseDate(input.productionDate)) throw invalid('productionDate', '生产日期不是有效日期');
          if (input.productionDate > input.sampledOn) throw invalid('productionDate', '生产日期不能晚于抽样日期');
          productionDate = input.productionDate;
        }
        const place = requireText(input.place, 'place', '抽样地点', TEXT_MAX);
        const batchNo = requireText(input.batchNo, 'batchNo', '批号', 100);
        const enterpriseSigner = requireText(input.enterpriseSigner, 'enterpriseSigner', '受检企业签字人', 50);
        const specification = input.specification?.trim() || null;
        if (specification && specification.length > TEXT_MAX) throw invalid('specification', `规格型号不能超过 ${TEXT_MAX} 个字`);
        const note = input.note?.trim() || null;
        if (note && note.length > NOTE_MAX) throw invalid('note', `备注不能超过 ${NOTE_MAX} 个字`);
        if (!Number.isInteger(input.quantitySampled) || input.quantitySampled <= 0) throw invalid('quantitySampled', '抽样数量应为正整数');
        if (!Number.isInteger(input.baseCount) || input.baseCount <= 0) throw invalid('baseCount', '抽样基数应为正整数');
        if (input.quantitySampled > input.baseCount) throw invalid('quantitySampled', '抽样数量不能多于抽样基数');
        if (!Number.isFinite(input.pricePaid) || input.pricePaid < 0 || Math.abs(Math.round(input.pricePaid * 100) - input.pricePaid * 100) > 1e-6) throw invalid('pricePaid', '样品费用应为不小于 0 的金额（至多两位小数）');
        const seals = input.sealNumbers.map((n) => n.trim());
        if (seals.length < 1 || seals.length > MAX_SEALS) throw invalid('sealNumbers', `封条编号应有 1–${MAX_SEALS} 个`);
        if (seals.some((n) => !n || n.length > 50)) throw invalid('sealNumbers', '封条编号不能为空，且不超过 50 个字');
        if (new Set(seals).size !== seals.length) throw invalid('sealNumbers', '封条编号不能重复');

        const files = await filesOf(tx, s.id);
        const photos = files.filter((f) => f.kind === 'photo').length;
        const signatures = files.filter((f) => f.kind === 'signature').length;
        if (photos < 1 || signatures < 2) {
          throw new AppError('FILES_MISSING', `请先上传至少 1 张现场照片和双方签字（抽样人员、受检企业）2 份（现有照片 ${photos} 张、签字 ${signatures} 份）`, 409, { photos, signatures });
        }
        const record: SamplingRecord = {
          sampledOn: input.sampledOn,
          place,
          batchNo,
          productionDate,
          specification,
          quantitySampled: input.quantitySampled,
          baseCount: input.baseCount,
          pricePaid: input.pricePaid,
          sealNumbers: seals,
          enterpriseSigner,
          note,
        };
        const row = await bump(tx, s.id, { record, status: 'sampled', sampledAt: new Date() });
        await todos.resolveSubject(tx, SAMPLING_TODO, s.id);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.sampled', targetType: 'spotcheck_sample', targetId: s.id, before: { record: s.record }, after: { record } });
        return detail(tx, row);
      });
    },

    /**
     * Uploads a file: photos and signatures (jpg/png) by staff holding spotcheck.sample before the
     * result; the report (pdf) by the sample's institution before its result; the retest report by
     * the retest institution.
     */
    async upload(ctx: Ctx, id: string, kind: SampleFileKind, file: { fileName: string; content: Buffer }) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        const inst = await institutionOf(tx, ctx.actor);
        let allowed: readonly string[];
        if (kind === 'photo' || kind === 'signature') {
          if (isInstitutionAccount(ctx.actor) || !ctx.actor.permissions.has('spotcheck.sample')) throw new AppError('FORBIDDEN', '照片和签字由抽样人员上传', 403);
          if (s.status !== 'assigned' && s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'drawn' ? '尚未指派抽样人员' : '检验结果已报送，不能再上传抽样材料', 409);
          allowed = PHOTO_EXTENSIONS;
        } else if (kind === 'report') {
          if (!inst || inst.id !== s.institutionId) throw new AppError('FORBIDDEN', '检验报告由承检机构上传', 403);
          if (s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'reported' || s.status === 'closed' ? '检验结果已报送' : '尚未完成抽样', 409);
          allowed = REPORT_EXTENSIONS;
        } else {
          const [o] = await tx.select({ status: spotcheckObjections.status, retestInstitutionId: spotcheckObjections.retestInstitutionId }).from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, s.id));
          if (!inst || !o || o.retestInstitutionId !== inst.id) throw new AppError('FORBIDDEN', '复检报告由复检机构上传', 403);
          if (o.status !== 'accepted') throw new AppError('INVALID_STATUS', '该异议不在复检中', 409);
          allowed = REPORT_EXTENSIONS;
        }
        const checked = checkAttachment(file.fileName, file.content, allowed);
        const [{ n } = { n: 0 }] = await tx.select({ n: countAll }).from(spotcheckSampleFiles).where(eq(spotcheckSampleFiles.sampleId, s.id));
        if (n >= MAX_FILES_PER_SAMPLE) throw new AppError('TOO_MANY_FILES', `每个样品至多上传 ${MAX_FILES_PER_SAMPLE} 个文件`, 409);
        const sha256 = createHash('sha256').update(file.content).digest('hex');
        const [row] = await tx
          .insert(spotcheckSampleFiles)
          .values({ sampleId: s.id, kind, fileName: checked.fileName, contentType: checked.contentType, size: file.content.length, sha256, content: file.content, uploadedByName: ctx.actor.name })
          .returning({ id: spotcheckSampleFiles.id, kind: spotcheckSampleFiles.kind, fileName: spotcheckSampleFiles.fileName, size: spotcheckSampleFiles.size, sha256: spotcheckSampleFiles.sha256, createdAt: spotcheckSampleFiles.createdAt });
        await audit.record(tx, ctx, { action: 'spotcheck_sample.file_uploaded', targetType: 'spotcheck_sample', targetId: s.id, after: { fileId: row!.id, kind, fileName: checked.fileName, size: file.content.length, sha256 } });
        return row!;
      });
    },

    /** A sample's file (scope-checked). */
    async file(actor: Actor, id: string, fileId: string) {
      const s = await sampleFor(db, actor, id);
      const [f] = await db.select().from(spotcheckSampleFiles).where(and(eq(spotcheckSampleFiles.id, fileId), eq(spotcheckSampleFiles.sampleId, s.id)));
      if (!f) throw notFound('文件');
      return f;
    },
  };
}
