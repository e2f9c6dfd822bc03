import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { CLASS_CHANGE_CAUSES, CREDIT_CLASS_VALUES, EVALUATOR_GRADES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';
import { CREDIT_EVENT_KINDS } from '../events/event-kinds.js';

const Class = literals(CREDIT_CLASS_VALUES);
const Points = Type.Number({ minimum: -100, maximum: 100 });

/** A factor of the model (model/README.md § The model). */
const Factor = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    label: Type.String({ minLength: 1, maxLength: 30 }),
    kinds: Type.Array(literals(CREDIT_EVENT_KINDS), { minItems: 1, maxItems: CREDIT_EVENT_KINDS.length }),
    points: Points,
    perMagnitude: Type.Optional(Type.Object({ points: Points, per: Type.Number({ minimum: 0.01, maximum: 1e9 }) }, { additionalProperties: false, description: '每 per 单位数额（如罚没款元）另计 points 分' })),
    windowMonths: Type.Integer({ minimum: 1, maximum: 120 }),
    decay: Type.Union([Type.Literal('none'), Type.Literal('linear'), Type.Object({ halfLifeMonths: Type.Number({ minimum: 1, maximum: 120 }) }, { additionalProperties: false })]),
    cap: Type.Number({ minimum: 0.01, maximum: 1000 }),
  },
  { additionalProperties: false },
);

const Config = Type.Object(
  {
    base: Type.Number({ minimum: 0, maximum: 1000 }),
    classBounds: Type.Object({ A: Type.Number(), B: Type.Number(), C: Type.Number() }, { additionalProperties: false, description: '各等级最低分（A > B > C；低于 C 为 D）' }),
    factors: Type.Array(Factor, { minItems: 1, maxItems: 50 }),
    evaluatorGrades: Type.Object(Object.fromEntries(EVALUATOR_GRADES.map((g) => [g, Points])), { additionalProperties: false, description: '第三方评价等级 → 分值' }),
  },
  { additionalProperties: false },
);

const Model = Type.Object({ version: Type.Integer(), effectiveFrom: DateString, config: Config, note: Nullable(Type.String()), createdByName: Type.String(), createdAt: Timestamp });

const Credit = Type.Object({
  uscc: Type.String(),
  class: Class,
  score: Type.Number(),
  modelVersion: Type.Integer(),
  computedAt: Timestamp,
  override: Nullable(Type.Object({ class: Class, reason: Type.String(), until: DateString })),
  reasons: Type.Array(
    Type.Object({
      factor: Type.String({ description: '模型因素代码；listed 为列入失信名单，override 为人工调整' }),
      points: Type.Number(),
      detail: Type.String(),
      ref: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
    }),
  ),
  listed: Type.Boolean(),
});

const HistoryItem = Type.Object({
  id: Type.String(),
  fromClass: Nullable(Class),
  toClass: Class,
  score: Nullable(Type.Number()),
  modelVersion: Nullable(Type.Integer()),
  cause: literals(CLASS_CHANGE_CAUSES),
  at: Timestamp,
});

const UsccParams = Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Routes of the model part: versions, an enterprise's credit, its history, recomputation and overrides. */
export const modelRoutes =
  (services: CreditServices, _publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const model = services.model;
    const tags = ['credit'];

    app.get(
      '/api/credit-models',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '信用评价模型的各版本（新版本在前）及今天生效的版本',
          querystring: Type.Object(PageQuery, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(Model), total: Type.Integer(), currentVersion: Nullable(Type.Integer()) }) },
        },
      },
      async (request) => model.models(pageOf(request.query)),
    );

    app.post(
      '/api/credit-models',
      {
        config: { access: 'credit.configure' },
        schema: {
          tags,
          summary: '新增信用评价模型版本（自生效日期起用于计算；生效日期不早于今天；已算出的评分保留原版本）',
          body: Body({ effectiveFrom: DateString, config: Config, note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }),
          response: { 201: Model, 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await model.addModel(ctxOf(request), request.body)),
    );

    app.get(
      '/api/credit/:uscc',
      {
        config: { access: 'credit.read' },
        schema: { tags, summary: '企业的信用等级、得分、模型版本与计分理由（限数据范围）', params: UsccParams, response: { 200: Credit, 404: ErrorSchema } },
      },
      async (request) => model.creditOf(request.actor!, request.params.uscc),
    );

    app.get(
      '/api/credit/:uscc/history',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '企业信用等级的变化（最新在前）',
          params: UsccParams,
          querystring: Type.Object(PageQuery, { additionalProperties: false }),
          response: { 200: ListOf(HistoryItem), 404: ErrorSchema },
        },
      },
      async (request) => model.history(request.actor!, request.params.uscc, pageOf(request.query)),
    );

    app.post(
      '/api/credit/:uscc/recompute',
      {
        config: { access: 'credit.override' },
        schema: { tags, summary: '按今天生效的模型重新计算企业的信用等级', params: UsccParams, response: { 200: Credit, ...Errors } },
      },
      async (request) => model.recompute(ctxOf(request), request.params.uscc),
    );

    app.post(
      '/api/credit/:uscc/override',
      {
        config: { access: 'credit.override' },
        schema: {
          tags,
          summary: '人工调整信用等级（须说明理由，到期自动失效；列入失信名单的企业不能调整）',
          params: UsccParams,
          body: Body({ class: Class, reason: Type.String({ minLength: 1, maxLength: 500 }), until: DateString }),
          response: { 200: Credit, ...Errors },
        },
      },
      async (request) => model.setOverride(ctxOf(request), request.params.uscc, request.body),
    );

    app.delete(
      '/api/credit/:uscc/override',
      {
        config: { access: 'credit.override' },
        schema: { tags, summary: '提前结束人工调整（须说明理由）', params: UsccParams, body: Body({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: Credit, ...Errors } },
      },
      async (request) => model.endOverride(ctxOf(request), request.params.uscc, request.body),
    );
  };
