import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DOCX } from '../../../platform/documents/attachments.js';
import { receiveAttachment } from '../../../platform/documents/upload.js';
import { setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { ChoiceRecord } from '../../inspections/index.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { CONCLUSIONS, FOLLOWUP_STAGES, OBJECTION_STATUSES, SAMPLE_FILE_KINDS, SAMPLE_STATUSES, SPOTCHECK_DRAW_PURPOSES, type SampleFileKind } from '../spotchecks.schema.js';
import { MAX_SAMPLERS, MAX_SEALS } from './sampling.service.js';

const tags = ['spotchecks'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Str = Type.String();
const NStr = Nullable(Str);
const READ = ['spotcheck.read', 'spotcheck.result'] as const;

const Excluded = Type.Object({ uscc: Str, name: Str, rule: Str, evidence: Type.Record(Str, Type.Unknown()) });
/** The public record as the draw engine writes it (docs/DRAW.md; its full schema: GET /api/public/spotcheck-draws/:id). */
const DrawRecord = Type.Unsafe<ChoiceRecord>({ type: 'object', additionalProperties: true, description: '公开抽取记录（docs/DRAW.md，zhijian-draw/2）' });

const SampleItem = Type.Object({
  id: Str,
  sampleNo: Str,
  lotId: Str,
  lotNo: Str,
  productId: Str,
  productCode: Str,
  productName: Str,
  enterpriseId: Str,
  enterpriseName: Str,
  uscc: Str,
  regionCode: Str,
  institutionId: Str,
  institutionName: Str,
  samplerIds: Type.Array(Str),
  samplerNames: Type.Array(Str),
  dueOn: DateString,
  status: literals(SAMPLE_STATUSES),
  conclusion: Nullable(literals(CONCLUSIONS)),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  objectionStatus: Nullable(literals(OBJECTION_STATUSES)),
  followupStage: Nullable(literals(FOLLOWUP_STAGES)),
  noticeNo: NStr,
  notifiedOn: Nullable(DateString),
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
  createdAt: Timestamp,
  version: VersionSchema,
});

const SamplingRecord = Type.Object({
  sampledOn: DateString,
  place: Str,
  batchNo: Str,
  productionDate: Nullable(DateString),
  specification: NStr,
  quantitySampled: Type.Integer(),
  baseCount: Type.Integer(),
  pricePaid: Type.Number(),
  sealNumbers: Type.Array(Str),
  enterpriseSigner: Str,
  note: NStr,
});
const ItemResult = Type.Object({ item: Str, requirement: Str, measured: Str, pass: Type.Boolean() });
const FileRow = Type.Object({ id: Str, kind: literals(SAMPLE_FILE_KINDS), fileName: Str, size: Type.Integer(), sha256: Str, createdAt: Timestamp });
const TestItem = Type.Object({ name: Str, requirement: Str, method: Str, critical: Type.Boolean() });

const Sample = Type.Object({
  id: Str,
  sampleNo: Str,
  lotId: Str,
  lotNo: Str,
  drawId: NStr,
  productId: Str,
  productCode: Str,
  productName: Str,
  enterpriseId: Str,
  enterpriseName: Str,
  uscc: Str,
  regionCode: Str,
  institutionId: Str,
  institutionName: Str,
  samplerIds: Type.Array(Str),
  samplerNames: Type.Array(Str),
  dueOn: DateString,
  status: literals(SAMPLE_STATUSES),
  record: Nullable(SamplingRecord),
  sampledAt: Nullable(Timestamp),
  files: Type.Array(FileRow),
  items: Nullable(Type.Array(ItemResult)),
  conclusion: Nullable(literals(CONCLUSIONS)),
  reportNo: NStr,
  reportedOn: Nullable(DateString),
  reportedByName: NStr,
  noticeNo: NStr,
  notifiedOn: Nullable(DateString),
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
  objectionDueCertain: Nullable(Type.Boolean({ description: 'false：期限按未载入节假日数据的年份推算' })),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  samplingPlan: Nullable(
    Type.Object(
      { sampleSize: Type.Integer(), unit: NStr, source: literals(['rule', 'gbt2828'] as const), codeLetter: NStr, ac: Nullable(Type.Integer()), re: Nullable(Type.Integer()) },
      { description: '样品数量：实施细则规定的，或按 GB/T 2828.1 由抽样基数求得；null：未规定或尚不能计算' },
    ),
  ),
  testItems: Type.Array(TestItem),
  objection: Nullable(
    Type.Object({
      id: Str,
      status: literals(OBJECTION_STATUSES),
      filedOn: DateString,
      filedBy: literals(['enterprise', 'officer'] as const),
      reason: Str,
      items: Type.Array(Str),
      decidedOn: Nullable(DateString),
      decisionReason: NStr,
      retestInstitutionId: NStr,
      retestConclusion: Nullable(literals(CONCLUSIONS)),
      retestedOn: Nullable(DateString),
      upheld: Nullable(Type.Boolean()),
      version: Type.Integer(),
    }),
  ),
  followup: Nullable(Type.Object({ id: Str, stage: literals(FOLLOWUP_STAGES), dueOn: Nullable(DateString), orderNo: NStr, caseId: NStr, version: Type.Integer() })),
  createdAt: Timestamp,
  version: VersionSchema,
});

const MySampleItem = Type.Object({
  id: Str,
  sampleNo: Str,
  uscc: Str,
  productCode: Str,
  productName: Str,
  institutionName: Str,
  conclusion: Nullable(literals(CONCLUSIONS)),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  noticeNo: NStr,
  notifiedOn: Nullable(DateString),
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
  objectionStatus: Nullable(literals(OBJECTION_STATUSES)),
  version: VersionSchema,
});
const MySample = Type.Object({
  id: Str,
  sampleNo: Str,
  productCode: Str,
  productName: Str,
  enterpriseName: Str,
  uscc: Str,
  institutionName: Str,
  record: Nullable(SamplingRecord),
  items: Nullable(Type.Array(ItemResult)),
  testItems: Type.Array(TestItem),
  conclusion: Nullable(literals(CONCLUSIONS)),
  reportNo: NStr,
  reportedOn: Nullable(DateString),
  noticeNo: NStr,
  notifiedOn: Nullable(DateString),
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
  objectionDueCertain: Nullable(Type.Boolean()),
  objectionOpen: Type.Boolean({ description: '已签收、未提出异议且在异议期内' }),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  objection: Nullable(
    Type.Object({ status: literals(OBJECTION_STATUSES), filedOn: DateString, reason: Str, items: Type.Array(Str), decidedOn: Nullable(DateString), decisionReason: NStr, retestConclusion: Nullable(literals(CONCLUSIONS)) }),
  ),
  followup: Nullable(
    Type.Object(
      { stage: literals(FOLLOWUP_STAGES), orderNo: Type.Union([Type.String({ description: '责令整改通知书文号（下载：/api/my/spotchecks/:id/followup/order）' }), Type.Null()]), dueOn: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '整改期限' }), Type.Null()]) },
      { description: '不合格的后处理：责令整改及其期限、复查、公告' },
    ),
  ),
  version: VersionSchema,
});

const FileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });

/** Sampling (README.md of this folder): the lot's draw, sampling tasks, the 抽样单, results, the notice and its receipt, the enterprise's view. */
export const samplingRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit; // no public route in this part (the draws' public record: draws.routes.ts)
    const sampling = services.sampling;

    app.post(
      '/api/spotcheck/lots/:id/draws',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '抽取批次组的被抽查企业（提交抽取：生产企业名录中在业的企业，排除 6 个月内抽查过同一产品的）',
          description: '市局。批次组须已确定承检机构（409 LOT_NOT_ASSIGNED）；已有待揭晓的抽取 409 DRAW_PENDING；已抽取 409 LOT_DRAWN；没有可抽取的企业 409 NOT_ENOUGH_PRODUCERS。可抽取的企业少于批次数时全部抽取，note 说明。',
          params: IdParams,
          response: {
            201: Type.Object({ drawId: Str, record: DrawRecord, excluded: Type.Array(Excluded), candidates: Type.Integer(), batches: Type.Integer(), k: Type.Integer(), note: NStr }),
            ...Errors,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await sampling.commitDraw(ctxOf(request), request.params.id)),
    );

    app.post(
      '/api/spotcheck/draws/:id/reveal',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '揭晓抽取结果，为抽中的企业生成样品（抽样任务）',
          description: '市局。仅批次组的企业抽取（承检机构同分摇号在承检机构选定处揭晓：409 NOT_SAMPLING_DRAW）。',
          params: IdParams,
          body: Body({ witnessInput: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Type.Object({ record: DrawRecord, samples: Type.Array(Type.Object({ id: Str, sampleNo: Str, enterpriseId: Str, enterpriseName: Str, uscc: Str, regionCode: Str })) }), ...Errors },
        },
      },
      async (request) => sampling.revealDraw(ctxOf(request), request.params.id, request.body.witnessInput ?? ''),
    );

    app.get(
      '/api/spotcheck/draws/:id',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '抽取记录（工作人员视图：含被排除的企业及依据）',
          params: IdParams,
          response: {
            200: Type.Object({ id: Str, purpose: literals(SPOTCHECK_DRAW_PURPOSES), lotId: Str, status: literals(['committed', 'revealed', 'cancelled'] as const), cancelReason: NStr, committedByName: Str, excluded: Type.Array(Type.Object({ key: Str, rule: Str, evidence: Type.Record(Str, Type.Unknown()) })), record: DrawRecord }),
            404: ErrorSchema,
          },
        },
      },
      async (request) => sampling.drawView(request.params.id),
    );

    app.get(
      '/api/spotcheck/samples',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: '样品（抽样任务）列表',
          description: '县局用户只见本辖区企业的样品；承检机构账号只见其承检的样品。mine=true：我是抽样人员的样品（手机端任务）。',
          querystring: Type.Object(
            {
              lotId: Type.Optional(Id),
              productId: Type.Optional(Id),
              status: Type.Optional(literals(SAMPLE_STATUSES)),
              conclusion: Type.Optional(literals(CONCLUSIONS)),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
              mine: Type.Optional(Type.Boolean()),
              q: Type.Optional(Type.String({ maxLength: 100 })),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(SampleItem), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return sampling.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.get(
      '/api/spotcheck/samples/:id',
      { config: { access: READ }, schema: { tags, summary: '样品详情（抽样单、附件、检验结果、通知与签收、异议期）', params: IdParams, response: { 200: Sample, 404: ErrorSchema } } },
      async (request) => sampling.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/spotcheck/samples/:id/assign',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '指派抽样人员（不少于 2 人）和抽样期限',
          description: '抽样人员须为在职、具有抽样权限且辖区包括被抽查企业的执法人员；期限不晚于批次组的期限。每名抽样人员收到一项待办。',
          params: IdParams,
          body: Body({ samplerIds: Type.Array(Id, { minItems: 2, maxItems: MAX_SAMPLERS }), dueOn: Type.Optional(Nullable(DateString)) }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.assign(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.put(
      '/api/spotcheck/samples/:id/record',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '填写抽样单（该样品的抽样人员）',
          description: '须先上传至少 1 张现场照片和 2 份签字（抽样人员、受检企业），否则 409 FILES_MISSING；非抽样人员 403 NOT_SAMPLER。',
          params: IdParams,
          body: Body({
            sampledOn: DateString,
            place: Type.String({ minLength: 1, maxLength: 200 }),
            batchNo: Type.String({ minLength: 1, maxLength: 100 }),
            productionDate: Type.Optional(Nullable(DateString)),
            specification: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            quantitySampled: Type.Integer({ minimum: 1 }),
            baseCount: Type.Integer({ minimum: 1 }),
            pricePaid: Type.Number({ minimum: 0, maximum: 10_000_000 }),
            sealNumbers: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: MAX_SEALS }),
            enterpriseSigner: Type.String({ minLength: 1, maxLength: 50 }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.record(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/samples/:id/files',
      {
        config: { access: ['spotcheck.sample', 'spotcheck.result'] },
        schema: {
          tags,
          summary: '上传样品文件（现场照片、签字、检验报告、复检报告）',
          description: 'multipart/form-data：先字段 kind（photo|signature|report|retest_report），再文件字段 file（不超过 20 MB）。照片和签字为 jpg/png，由抽样人员上传；报告为 pdf，由承检（复检）机构上传。',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: FileRow, ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content, fields } = await receiveAttachment(request);
        const kind = fields.kind;
        if (!kind || !(SAMPLE_FILE_KINDS as readonly string[]).includes(kind)) throw invalid('kind', '请在文件之前给出 kind：photo、signature、report 或 retest_report');
        return reply.status(201).send(await sampling.upload(ctxOf(request), request.params.id, kind as SampleFileKind, { fileName, content }));
      },
    );

    app.get(
      '/api/spotcheck/samples/:id/files/:fileId',
      { config: { access: READ }, schema: { tags, summary: '下载样品文件（响应头 X-Content-SHA256）', params: FileParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const file = await sampling.file(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `spotcheck-file-${file.id}${ext}`, file.fileName);
        reply.header('x-content-sha256', file.sha256);
        return reply.type(file.contentType).send(file.content);
      },
    );

    app.post(
      '/api/spotcheck/samples/:id/result',
      {
        config: { access: 'spotcheck.result' },
        schema: {
          tags,
          summary: '报送检验结果（承检机构）',
          description: '逐项给出实测结果和单项判定，须覆盖实施细则的全部检验项目；任一项不合格则结论为不合格，全部合格则为合格（否则 400 CONCLUSION_MISMATCH）；须先上传检验报告（409 REPORT_MISSING）。',
          params: IdParams,
          body: Body({
            items: Type.Array(
              Type.Object({ item: Type.String({ minLength: 1, maxLength: 200 }), requirement: Type.String({ maxLength: 500 }), measured: Type.String({ minLength: 1, maxLength: 500 }), pass: Type.Boolean() }, { additionalProperties: false }),
              { minItems: 1, maxItems: 200 },
            ),
            conclusion: literals(CONCLUSIONS),
            reportNo: Type.String({ minLength: 1, maxLength: 100 }),
            reportedOn: DateString,
          }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.result(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/samples/:id/notify',
      {
        config: { access: 'spotcheck.sample' },
        schema: { tags, summary: '出具检验结果通知书（编号、通知日期；企业账号此后可见）', params: IdParams, response: { 200: Sample, ...Errors } },
      },
      async (request) => sampling.notify(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/samples/:id/notice',
      { config: { access: READ }, schema: { tags, summary: '下载检验结果通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 404: ErrorSchema, 409: ErrorSchema } } },
      async (request, reply) => {
        const doc = await sampling.notice(request.actor!, request.params.id);
        setAttachment(reply, `spotcheck-notice-${request.params.id}.docx`, doc.fileName);
        return reply.type(DOCX).send(doc.content);
      },
    );

    app.post(
      '/api/spotcheck/samples/:id/receipt',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '登记企业签收通知书的日期（异议期自次日起算）',
          params: IdParams,
          body: Body({ receivedOn: DateString }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.receipt(ctxOf(request), request.params.id, request.body.receivedOn, ifMatch(request)),
    );

    // 企业端
    app.get(
      '/api/my/spotchecks',
      {
        config: { access: 'enterprise_self.read' },
        schema: { tags, summary: '本企业的监督抽查结果（已出具通知书的）', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: ListOf(MySampleItem), 403: ErrorSchema } },
      },
      async (request) => sampling.my.list(request.actor!, pageOf(request.query)),
    );

    app.get(
      '/api/my/spotchecks/:id',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '本企业的监督抽查结果详情', params: IdParams, response: { 200: MySample, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => sampling.my.get(request.actor!, request.params.id),
    );

    app.get(
      '/api/my/spotchecks/:id/notice',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '下载检验结果通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request, reply) => {
        const doc = await sampling.my.notice(request.actor!, request.params.id);
        setAttachment(reply, `spotcheck-notice-${request.params.id}.docx`, doc.fileName);
        return reply.type(DOCX).send(doc.content);
      },
    );

    app.get(
      '/api/my/spotchecks/:id/followup/order',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '下载本企业的责令整改通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request, reply) => {
        const doc = await services.objections.followups.orderDocument(request.actor!, request.params.id);
        setAttachment(reply, `correction-order-${request.params.id}.docx`, doc.fileName);
        return reply.type(DOCX).send(doc.content);
      },
    );

    app.post(
      '/api/my/spotchecks/:id/receipt',
      { config: { access: 'enterprise_self.report' }, schema: { tags, summary: '签收检验结果通知书（今天；异议期自次日起算）', params: IdParams, response: { 200: MySample, ...Errors } } },
      async (request) => sampling.my.receipt(ctxOf(request), request.params.id, ifMatch(request)),
    );
  };
