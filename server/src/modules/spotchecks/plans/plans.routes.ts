import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { PRODUCT_CATEGORIES } from '../../cases/index.js';
import { LOT_STATUSES, PLAN_KINDS, PLAN_STATUSES } from '../spotchecks.schema.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { MAX_BUDGET, MAX_LINE_BATCHES, MAX_SPECIAL_LINES } from './plans.service.js';

const tags = ['spotchecks'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Quarter = Type.Integer({ minimum: 1, maximum: 4 });
const Budget = Type.Integer({ minimum: 0, maximum: MAX_BUDGET, description: '预算（元）' });
const Batches = Type.Integer({ minimum: 1, maximum: MAX_LINE_BATCHES });
const Reason = Type.Object({ code: Type.String(), text: Type.String() });
const PassRateRule = Type.Object(
  { mode: literals(['skip', 'reduce'] as const), reducePercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'reduce：批次减少的百分比' })) },
  { additionalProperties: false, description: '上年度合格率高于 95% 的产品：skip 不列入，reduce 按百分比减少批次' },
);
const Weight = Type.Integer({ minimum: 0, maximum: 100 });
const ScoreWeights = Type.Object(
  { price: Weight, capability: Weight, record: Weight, locality: Weight },
  { additionalProperties: false, description: '承检机构择优评分权重（百分比，合计 100；locality 为 0 时向市外机构开放）' },
);
const Excluded = Type.Object({ productCode: Type.String(), reason: Reason });

const PlanLine = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  productCode: Type.String(),
  productName: Type.String(),
  category: literals(PRODUCT_CATEGORIES),
  impact: Type.Integer(),
  batches: Type.Integer(),
  quarter: Type.Integer(),
  cost: Type.Integer({ description: '批次 × 每批费用（元）' }),
  reasons: Type.Array(Reason, { description: '生成或调整的理由' }),
  edited: Type.Boolean({ description: '生成后经人工调整' }),
});

const Plan = Type.Object({
  id: Type.String(),
  kind: literals(PLAN_KINDS),
  year: Type.Integer(),
  name: Type.String(),
  status: literals(PLAN_STATUSES),
  budget: Type.Integer(),
  passRateRule: PassRateRule,
  scoreWeights: ScoreWeights,
  windowEndsOn: Nullable(DateString),
  windowOpen: Type.Boolean({ description: '仍接受县区建议（草稿且未过截止日期）' }),
  totalCost: Type.Integer(),
  totalBatches: Type.Integer(),
  lines: Type.Array(PlanLine),
  excluded: Type.Array(Excluded, { description: '未列入的产品及理由（PASS_RATE_ABOVE_95、BUDGET）' }),
  lotCount: Type.Integer(),
  createdByName: Type.String(),
  approvedByName: Nullable(Type.String()),
  approvedAt: NullableTimestamp,
  closedAt: NullableTimestamp,
  createdAt: Timestamp,
  version: VersionSchema,
});

const PlanItem = Type.Object({
  id: Type.String(),
  kind: literals(PLAN_KINDS),
  year: Type.Integer(),
  name: Type.String(),
  status: literals(PLAN_STATUSES),
  budget: Type.Integer(),
  totalCost: Type.Integer(),
  totalBatches: Type.Integer(),
  lineCount: Type.Integer(),
  lotCount: Type.Integer(),
  windowEndsOn: Nullable(DateString),
  approvedAt: NullableTimestamp,
  createdAt: Timestamp,
  version: VersionSchema,
});

const lotFields = {
  id: Type.String(),
  lotNo: Type.String(),
  planId: Type.String(),
  planName: Type.String(),
  productId: Type.String(),
  productCode: Type.String(),
  productName: Type.String(),
  year: Type.Integer(),
  quarter: Type.Integer(),
  batches: Type.Integer(),
  status: literals(LOT_STATUSES),
  dueOn: DateString,
  institutionId: Nullable(Type.String()),
  institutionName: Nullable(Type.String()),
  applicationCount: Type.Integer({ description: '承检申请数（机构账号：仅本机构的）' }),
  sampleCount: Type.Integer(),
  version: VersionSchema,
};
const LotItem = Type.Object(lotFields);
const Lot = Type.Object({
  ...lotFields,
  product: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    category: literals(PRODUCT_CATEGORIES),
    impact: Type.Integer(),
    batchCost: Type.Integer(),
    testItems: Type.Array(Type.Object({ name: Type.String(), requirement: Type.String(), method: Type.String(), critical: Type.Optional(Type.Boolean()) })),
    standards: Type.Array(Type.String()),
    sampleSize: Nullable(Type.Integer()),
    sampleUnit: Nullable(Type.String()),
    inspectionLevel: Nullable(Type.String()),
    aql: Nullable(Type.String()),
  }),
  plan: Type.Object({ id: Type.String(), name: Type.String(), kind: literals(PLAN_KINDS), year: Type.Integer(), status: literals(PLAN_STATUSES), scoreWeights: ScoreWeights, windowEndsOn: Nullable(DateString) }),
  institution: Nullable(Type.Object({ id: Type.String(), name: Type.String(), local: Type.Boolean() })),
  selection: Nullable(Type.Unknown({ description: '择优结果：权重、各申请机构得分与理由、平局抽取' })),
  drawId: Nullable(Type.String()),
});

const Suggestion = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  productId: Nullable(Type.String()),
  productCode: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String()),
  enterpriseName: Nullable(Type.String()),
  uscc: Nullable(Type.String()),
  reason: Type.String(),
  orgName: Type.String(),
  regionCode: Type.String(),
  createdByName: Type.String(),
  createdAt: Timestamp,
});

const LineParams = Type.Object({ id: Id, productId: Id }, { additionalProperties: false });

/** 抽查计划、批次任务、县区建议 (README.md). */
export const plansRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit;
    const plans = services.plans;

    app.post(
      '/api/spotcheck/plans/generate',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '生成年度抽查计划（市局；该年度计划为草稿时重新生成并替换；已批准 409 PLAN_APPROVED）',
          body: Body({
            year: Year,
            budget: Budget,
            passRateRule: Type.Optional(PassRateRule),
            scoreWeights: Type.Optional(ScoreWeights),
            windowEndsOn: Type.Optional(Nullable(DateString)),
          }),
          response: { 201: Plan, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await plans.generate(ctxOf(request), request.body, ifMatch(request))),
    );

    app.post(
      '/api/spotcheck/plans',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '制定专项抽查计划（市局；草稿，批准后即分为批次任务）',
          body: Body({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            year: Year,
            budget: Budget,
            lines: Type.Array(Type.Object({ productId: Id, batches: Batches, quarter: Quarter }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_SPECIAL_LINES }),
            scoreWeights: Type.Optional(ScoreWeights),
            windowEndsOn: Type.Optional(Nullable(DateString)),
          }),
          response: { 201: Plan, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await plans.createSpecial(ctxOf(request), request.body)),
    );

    app.get(
      '/api/spotcheck/plans',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '抽查计划（年度新者在前）',
          querystring: Type.Object({ year: Type.Optional(Year), kind: Type.Optional(literals(PLAN_KINDS)), status: Type.Optional(literals(PLAN_STATUSES)), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PlanItem) },
        },
      },
      async (request) => plans.list(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/spotcheck/plans/:id',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '抽查计划：各产品批次、季度、费用与理由，未列入的产品', params: IdParams, response: { 200: Plan, 404: ErrorSchema } } },
      async (request) => plans.get(request.params.id),
    );

    app.patch(
      '/api/spotcheck/plans/:id',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '修改草稿计划（名称、预算、建议截止日期、评分权重；If-Match）',
          params: IdParams,
          body: Body({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), budget: Type.Optional(Budget), windowEndsOn: Type.Optional(Nullable(DateString)), scoreWeights: Type.Optional(ScoreWeights) }),
          response: { 200: Plan, ...Errors },
        },
      },
      async (request) => plans.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.put(
      '/api/spotcheck/plans/:id/lines/:productId',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '设置草稿计划中某产品的批次与季度（没有则添加；超出预算 409 OVER_BUDGET；If-Match 为计划的）',
          params: LineParams,
          body: Body({ batches: Batches, quarter: Quarter }),
          response: { 200: Plan, ...Errors },
        },
      },
      async (request) => plans.putLine(ctxOf(request), request.params.id, request.params.productId, request.body, ifMatch(request)),
    );

    app.delete(
      '/api/spotcheck/plans/:id/lines/:productId',
      { config: { access: 'spotcheck.plan' }, schema: { tags, summary: '从草稿计划中删除某产品（If-Match 为计划的）', params: LineParams, response: { 200: Plan, ...Errors } } },
      async (request) => plans.deleteLine(ctxOf(request), request.params.id, request.params.productId, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/plans/:id/approve',
      { config: { access: 'spotcheck.approve' }, schema: { tags, summary: '批准计划：按行生成季度批次任务（编号 CJ<年>-Q<季>-<序号>，季末为完成期限；If-Match）', params: IdParams, response: { 200: Plan, ...Errors } } },
      async (request) => plans.approve(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/plans/:id/close',
      { config: { access: 'spotcheck.approve' }, schema: { tags, summary: '结束已批准的计划（If-Match）', params: IdParams, response: { 200: Plan, ...Errors } } },
      async (request) => plans.close(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/lots',
      {
        config: { access: ['spotcheck.read', 'spotcheck.result'] },
        schema: {
          tags,
          summary: '抽查批次任务（承检机构账号：可申请的与本机构承检的）',
          querystring: Type.Object(
            { planId: Type.Optional(Id), year: Type.Optional(Year), quarter: Type.Optional(Quarter), status: Type.Optional(literals(LOT_STATUSES)), productId: Type.Optional(Id), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(LotItem) },
        },
      },
      async (request) => plans.listLots(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/spotcheck/lots/:id',
      { config: { access: ['spotcheck.read', 'spotcheck.result'] }, schema: { tags, summary: '抽查批次任务：产品实施细则、计划、承检机构、择优结果、抽取', params: IdParams, response: { 200: Lot, 404: ErrorSchema } } },
      async (request) => plans.getLot(request.actor!, request.params.id),
    );

    app.post(
      '/api/spotcheck/suggestions',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '提出抽查建议（产品或企业，附理由；年度计划批准后或截止日期后 409 WINDOW_CLOSED）',
          body: Body({ year: Year, productId: Type.Optional(Nullable(Id)), uscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))), reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
          response: { 201: Suggestion, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await plans.suggest(ctxOf(request), request.body)),
    );

    app.get(
      '/api/spotcheck/suggestions',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '抽查建议（新者在前）',
          querystring: Type.Object({ year: Type.Optional(Year), productId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Suggestion) },
        },
      },
      async (request) => plans.listSuggestions(request.query, pageOf(request.query)),
    );
  };
