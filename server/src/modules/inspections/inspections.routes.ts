import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../platform/http/schemas.js';
import type { DrawRecords } from './draws/draw-records.js';
import type { DrawsService } from './draws/draws.service.js';
import { sendRecord } from './draws/send-record.js';
import { DRAW_STATUSES, PLAN_MODES, POOL_KINDS } from './inspections.schema.js';
import type { PlansService } from './plans/plans.service.js';
import type { PlanTemplates } from './plans/templates.js';
import type { PoolsService } from './pools/pools.service.js';

const Filter = Type.Object(
  {
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
    creditClass: Type.Optional(Type.String({ maxLength: 2 })),
    tag: Type.Optional(Type.String({ maxLength: 50 })),
    industryPrefix: Type.Optional(Type.String({ maxLength: 5 })),
    licenceType: Type.Optional(Type.String({ maxLength: 60 })),
    licenceIssuedYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: '与 licenceType 同用：该年度新取得（含复查换证）许可证的企业' })),
    category: Type.Optional(Type.String({ maxLength: 10, description: 'equipment：设备类别或品种代码' })),
    keyUnitKind: Type.Optional(Type.String({ maxLength: 20, description: 'equipment、equipment_user：重点单位场所类别' })),
    overdue: Type.Optional(Type.Boolean({ description: 'equipment：仅超期未检（true）或仅未超期（false）的在用设备' })),
    tier: Type.Optional(Type.String({ maxLength: 1, description: 'equipment、equipment_user：使用单位的分级（A–D）' })),
  },
  { additionalProperties: false, description: '筛选条件：enterprise 名录库可用 regionCode、status、creditClass、tag、industryPrefix、licenceType、licenceIssuedYear；equipment 可用 category、regionCode、status、keyUnitKind、overdue、tier；equipment_user 可用 regionCode、keyUnitKind、tier' },
);
const PoolKindSchema = literals(POOL_KINDS);

const Pool = Type.Object({ id: Type.String(), name: Type.String(), targetKind: PoolKindSchema, filter: Filter, regionCode: Type.String(), size: Type.Integer(), createdByName: Type.String(), createdAt: Timestamp });

const Ratios = Type.Object(
  { A: Type.Number(), B: Type.Number(), C: Type.Number(), D: Type.Number(), key: Type.Optional(Type.Number({ description: '特种设备名录库中重点单位（学校、医院、车站、商场、景区、住宅小区）一层的抽查比例，默认 30' })) },
  { additionalProperties: false },
);
const Plan = Type.Object({
  id: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  itemId: Type.String(),
  poolId: Type.String(),
  quarters: Type.Array(Type.Integer()),
  mode: literals(PLAN_MODES),
  ratios: Nullable(Ratios),
  minimum: Nullable(Type.Integer()),
  fixedCount: Nullable(Type.Integer()),
  inspectorsPerTask: Type.Integer(),
  pastPeriodReason: Nullable(Type.String({ description: '所选季度均已结束时仍制定计划的理由' })),
  regionCode: Type.String(),
  createdByName: Type.String(),
  createdAt: Timestamp,
});

/** What every view of a draw says about it: which plan, whose, in which state since when. */
const drawHeading = {
  id: Type.String(),
  planName: Type.String(),
  bureauName: Type.String(),
  itemName: Type.String(),
  status: literals(DRAW_STATUSES),
  committedAt: Timestamp,
  revealedAt: Nullable(Timestamp),
  cancelledAt: Nullable(Timestamp),
};

/** A draw as its staff pages show it, without candidate lists (a draw may have a million): the record is `GET /api/public/draws/:id`. */
const DrawSummary = Type.Object({
  ...drawHeading,
  planId: Type.String(),
  version: Type.String({ description: 'zhijian-draw/2（此前的抽取为 zhijian-draw/1）' }),
  committedByName: Type.String(),
  revealedByName: Nullable(Type.String()),
  tasksCreatedAt: Type.Union([Timestamp, Type.Null()], { description: '检查任务生成时间：大批量抽取的任务在揭晓后随即生成，此前为 null' }),
  cancelReason: Nullable(Type.String()),
  commitment: Type.String(),
  candidatesHash: Type.String(),
  inspectorPoolHash: Nullable(Type.String({ description: '封存时冻结的执法检查人员名单的哈希（/1 无）' })),
  inspectorsPerTask: Type.Integer(),
  commitStatement: Nullable(Type.String({ description: '封存声明（一行，供打印与二维码；/1 无）' })),
  witnessInput: Nullable(Type.String()),
  seed: Nullable(Type.String()),
  selectedCount: Nullable(Type.Integer()),
  strata: Type.Array(Type.Object({ name: Type.String(), n: Type.Integer(), k: Type.Integer(), className: Nullable(Type.String({ description: '标签对应的信用风险分类，仅 draw.audit 权限可见' })) })),
});

const PublicDrawItem = Type.Object({
  ...drawHeading,
  commitment: Type.String(),
  candidatesHash: Type.String(),
  inspectorPoolHash: Nullable(Type.String()),
  inspectorsPerTask: Type.Integer(),
});

/** The record of docs/DRAW.md as served (gzip when accepted); described for the API documentation, sent as stored. */
const RecordStratum = Type.Object({ name: Type.String(), n: Type.Optional(Type.Integer()), k: Type.Integer(), candidates: Type.Array(Type.String()), selected: Type.Optional(Type.Array(Type.String())), keys: Type.Optional(Type.Array(Type.String())) });
const DrawRecordSchema = Type.Object({
  ...drawHeading,
  cancelReason: Nullable(Type.String()),
  version: Type.String(),
  candidatesHash: Type.String(),
  commitment: Type.String(),
  commitStatement: Type.Optional(Type.String()),
  secret: Type.Optional(Type.String({ description: '揭晓后公开' })),
  witnessInput: Type.Optional(Type.String()),
  seed: Type.Optional(Type.String()),
  blindSecret: Type.Optional(Type.String({ description: '仅审计记录' })),
  labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '仅审计记录：标签 → 分类' })),
  strata: Type.Array(RecordStratum),
  openings: Type.Optional(Type.Array(Type.Object({ blindedId: Type.String(), key: Type.String(), nonce: Type.String() }))),
  inspectorPool: Type.Optional(Type.Array(Type.String())),
  inspectorPoolHash: Type.Optional(Type.String()),
  inspectorsPerTask: Type.Optional(Type.Integer()),
  assignments: Type.Optional(
    Type.Array(
      Type.Object({
        objectKey: Type.String(),
        candidates: Type.Array(Type.String()),
        excluded: Type.Array(Type.Object({ inspector: Type.String(), rule: Type.String(), evidence: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
        selected: Type.Array(Type.String()),
      }),
    ),
  ),
  inspectors: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), certificateNo: Nullable(Type.String()) })),
  objects: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Nullable(Type.String()) }))),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Object pools, plans and the draw ceremony; the draw records are public. */
export const inspectionsRoutes =
  (deps: { pools: PoolsService; plans: PlansService; templates: PlanTemplates; draws: DrawsService; drawRecords: DrawRecords; publicLimit: PerClientLimit }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/object-pools', { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '检查对象名录库（含当前对象数）', response: { 200: ListOf(Pool) } } }, async (request) =>
      deps.pools.list(request.actor!),
    );
    app.post(
      '/api/object-pools',
      { config: { access: 'inspection.plan' }, schema: { tags: ['inspections'], summary: '新建检查对象名录库（按条件筛选市场主体、特种设备或其使用单位）', body: Body({ name: Type.String({ minLength: 1, maxLength: 100 }), targetKind: Type.Optional(PoolKindSchema), filter: Filter, regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }), response: { 201: Pool, ...Errors } } },
      async (request, reply) => reply.status(201).send(await deps.pools.create(ctxOf(request), request.body)),
    );
    app.get('/api/object-pools/:id', { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '检查对象名录库详情', params: IdParams, response: { 200: Pool, 404: ErrorSchema } } }, async (request) =>
      deps.pools.get(request.actor!, request.params.id),
    );

    app.get(
      '/api/inspection-plans',
      { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '抽查计划列表（可按年度）', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }), response: { 200: ListOf(Plan) } } },
      async (request) => deps.plans.list(request.actor!, request.query.year),
    );
    app.post(
      '/api/inspection-plans',
      {
        config: { access: 'inspection.plan' },
        schema: {
          tags: ['inspections'],
          summary: '制定抽查计划（按信用等级分层：比例、最少数、固定数或全部）',
          body: Body({
            name: Type.String({ minLength: 1, maxLength: 200 }),
            year: Type.Integer(),
            itemId: Type.String({ format: 'uuid' }),
            poolId: Type.String({ format: 'uuid' }),
            quarters: Type.Array(Type.Integer({ minimum: 1, maximum: 4 }), { minItems: 1, maxItems: 4 }),
            mode: literals(PLAN_MODES),
            ratios: Type.Optional(Nullable(Ratios)),
            minimum: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
            fixedCount: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            inspectorsPerTask: Type.Optional(Type.Integer({ minimum: 2, maximum: 10 })),
            pastPeriodReason: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '所选季度均已结束时必填（否则 409 PLAN_IN_PAST）' }))),
          }),
          response: { 201: Plan, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.plans.create(ctxOf(request), request.body)),
    );
    app.get(
      '/api/inspection-plan-templates',
      {
        config: { access: 'inspection.read' },
        schema: {
          tags: ['inspections'],
          summary: '计划模板（计量：年度定期检查、上年度新取得证企业抽查 10%）',
          response: {
            200: ListOf(Type.Object({ key: Type.String(), name: Type.String(), basis: Type.String(), mode: literals(PLAN_MODES), ratio: Nullable(Type.Number()), previousYearCertificates: Type.Boolean(), licenceTypes: Type.Array(Type.String()) })),
          },
        },
      },
      async () => deps.templates.list(),
    );
    app.post(
      '/api/inspection-plan-templates/:key/apply',
      {
        config: { access: 'inspection.plan' },
        schema: {
          tags: ['inspections'],
          summary: '按模板建立检查对象名录库和抽查计划',
          params: Type.Object({ key: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
          body: Body({
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            itemId: Type.String({ format: 'uuid' }),
            licenceType: Type.Optional(Type.String({ maxLength: 60 })),
            regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
            quarters: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 4 }), { minItems: 1, maxItems: 4 })),
            pastPeriodReason: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '所选季度均已结束时必填（否则 409 PLAN_IN_PAST）' }))),
          }),
          response: { 201: Type.Object({ pool: Pool, plan: Plan }), ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.templates.apply(ctxOf(request), request.params.key, request.body)),
    );
    app.get('/api/inspection-plans/:id', { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '抽查计划详情', params: IdParams, response: { 200: Plan, 404: ErrorSchema } } }, async (request) =>
      deps.plans.get(request.actor!, request.params.id),
    );
    app.get(
      '/api/inspection-plans/:id/preview',
      {
        config: { access: 'inspection.read' },
        schema: { tags: ['inspections'], summary: '抽取前预览各层数量', params: IdParams, response: { 200: Type.Object({ planId: Type.String(), items: Type.Array(Type.Object({ name: Type.String(), n: Type.Integer(), k: Type.Integer() })), total: Type.Integer() }), 404: ErrorSchema } },
      },
      async (request) => deps.plans.preview(request.actor!, request.params.id),
    );

    app.post(
      '/api/inspection-plans/:id/draws',
      { config: { access: 'inspection.plan' }, schema: { tags: ['inspections'], summary: '抽取：封存候选名单并公布承诺值', params: IdParams, response: { 201: DrawSummary, ...Errors } } },
      async (request, reply) => reply.status(201).send(await deps.draws.commit(ctxOf(request), request.params.id)),
    );
    app.get(
      '/api/inspection-plans/:id/draws',
      {
        config: { access: 'inspection.read' },
        schema: {
          tags: ['inspections'],
          summary: '计划的抽取（含待揭晓与已作废）',
          params: IdParams,
          response: {
            200: ListOf(
              Type.Object({
                id: Type.String(),
                status: literals(DRAW_STATUSES),
                committedAt: Timestamp,
                committedByName: Type.String(),
                revealedAt: Nullable(Timestamp),
                tasksCreatedAt: Nullable(Timestamp),
                cancelledAt: Nullable(Timestamp),
                cancelReason: Nullable(Type.String()),
                commitment: Type.String(),
              }),
            ),
            404: ErrorSchema,
          },
        },
      },
      async (request) => deps.draws.listForPlan(request.actor!, request.params.id),
    );
    app.post(
      '/api/draws/:id/reveal',
      {
        config: { access: 'inspection.plan' },
        schema: { tags: ['inspections'], summary: '揭晓：见证人输入（可省略请求体）、计算结果并公开记录（不可重抽或修改）', params: IdParams, body: Body({ witnessInput: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 200: DrawSummary, ...Errors } },
        // No body at all means no witness input: validate it as an empty object.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const revealed = await deps.draws.reveal(ctxOf(request), request.params.id, request.body.witnessInput ?? '');
        // A large draw's tasks are created just after the answer; the jobs pick them up if this fails.
        if (!revealed.tasksCreatedAt) void deps.draws.createPendingTasks(revealed.id).catch((err: unknown) => request.log.error({ err, drawId: revealed.id }, 'creating the tasks of a revealed draw failed'));
        return revealed;
      },
    );
    app.post(
      '/api/draws/:id/cancel',
      { config: { access: 'inspection.plan' }, schema: { tags: ['inspections'], summary: '作废未揭晓的抽取（保留记录与理由）', params: IdParams, body: Body({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: DrawSummary, ...Errors } } },
      async (request) => deps.draws.cancel(ctxOf(request), request.params.id, request.body.reason),
    );

    app.get(
      '/api/draws/:id',
      { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '一次抽取（不含候选名单；记录见 /api/public/draws/:id）', params: IdParams, response: { 200: DrawSummary, 404: ErrorSchema } } },
      async (request) => deps.draws.get(request.actor!, request.params.id),
    );
    app.get(
      '/api/draws/:id/audit-record',
      {
        config: { access: 'draw.audit' },
        schema: { tags: ['inspections'], summary: '审计记录：公开记录加盲化密钥、标签对应的分类、各层全部候选对象与排除依据（每次读取记入审计日志）', params: IdParams, response: { 200: DrawRecordSchema, 404: ErrorSchema } },
      },
      async (request, reply) => sendRecord(request, reply, await deps.drawRecords.auditDocument(ctxOf(request), request.params.id), 'private, no-store'),
    );

    app.get(
      '/api/public/draws',
      {
        config: { access: 'public' },
        onRequest: deps.publicLimit('draws'),
        schema: {
          tags: ['public'],
          summary: '抽取（封存即公开；最新在前）',
          querystring: Type.Object({ status: Type.Optional(literals(DRAW_STATUSES)), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PublicDrawItem) },
        },
      },
      async (request) => deps.drawRecords.publicList({ status: request.query.status, year: request.query.year }, pageOf(request.query)),
    );
    app.get(
      '/api/public/draws/:id',
      {
        config: { access: 'public' },
        onRequest: deps.publicLimit('draws'),
        schema: {
          tags: ['public'],
          summary: '抽取记录 zhijian-draw/2：封存后公开承诺值与盲化候选名单，揭晓后公开全部（可在本站页面或用 /verify/zhijian-verify.mjs 核验）',
          params: IdParams,
          response: { 200: DrawRecordSchema, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const doc = await deps.drawRecords.publicDocument(request.params.id);
        return sendRecord(request, reply, doc, doc.final ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    );
  };
