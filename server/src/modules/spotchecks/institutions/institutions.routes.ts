import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { orgAccountRoutes } from '../../../platform/users/org-accounts.routes.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { APPLICATION_STATUSES, LOT_STATUSES } from '../spotchecks.schema.js';

const tags = ['spotchecks'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Str = Type.String();

const RecordSchema = Type.Object({
  samples: Type.Integer({ description: '计入的样品：已出具结果的，及超过出具期限仍无结果的' }),
  tested: Type.Integer({ description: '已出具结果的样品' }),
  onTime: Type.Integer({ description: '自抽样之日起按期（ZJ_SPOTCHECK_RESULT_DAYS）出具结果的样品' }),
  onTimeRate: Nullable(Type.Number({ description: '按时率（0–1），无记录时为 null' })),
  objectionsUpheld: Type.Integer({ description: '对其结论的异议经复检成立的次数（累计）' }),
  objectionsUpheldRecent: Type.Integer({ description: '其中近三年的（评分的履约分计入）' }),
});

const Institution = Type.Object({
  id: Str,
  name: Str,
  uscc: Nullable(Str),
  local: Type.Boolean({ description: '本市机构' }),
  cmaNo: Str,
  cmaScope: Type.Array(Str, { description: 'CMA 资质认定范围内的产品代码' }),
  cmaValidUntil: DateString,
  capacity: Type.Integer({ description: '每季度检验能力（批次）' }),
  price: Type.Integer({ description: '常规检验价格（元/批次）' }),
  contact: Nullable(Str),
  active: Type.Boolean(),
  orgId: Nullable(Str),
  accountCount: Type.Integer(),
  record: RecordSchema,
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const institutionFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  uscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
  local: Type.Boolean(),
  cmaNo: Type.String({ minLength: 1, maxLength: 60 }),
  cmaScope: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 }),
  cmaValidUntil: DateString,
  capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
  price: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  contact: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  active: Type.Optional(Type.Boolean()),
};

const applicationFields = {
  id: Str,
  lotId: Str,
  institutionId: Str,
  institutionName: Str,
  local: Type.Boolean(),
  price: Type.Integer({ description: '报价（元/批次）' }),
  capacity: Type.Integer({ description: '可承担批次' }),
  note: Nullable(Str),
  status: literals(APPLICATION_STATUSES),
  createdByName: Str,
  createdAt: Timestamp,
  version: VersionSchema,
};
const Application = Type.Object(applicationFields);
const ApplicationWithLot = Type.Object({
  ...applicationFields,
  lotNo: Str,
  lotStatus: literals(LOT_STATUSES),
  year: Type.Integer(),
  quarter: Type.Integer(),
  batches: Type.Integer(),
  dueOn: DateString,
  productCode: Str,
  productName: Str,
});

const ReasonSchema = Type.Object({ code: Str, text: Str });
const Parts = Type.Object({ price: Type.Number(), capability: Type.Number(), record: Type.Number(), locality: Type.Number() });
const Weights = Type.Object({ price: Type.Number(), capability: Type.Number(), record: Type.Number(), locality: Type.Number() });
const Score = Type.Object({
  institutionId: Str,
  applicationId: Str,
  name: Str,
  local: Type.Boolean(),
  price: Type.Integer(),
  capacity: Type.Integer(),
  qualified: Type.Boolean(),
  disqualified: Type.Optional(Type.Array(ReasonSchema)),
  parts: Parts,
  total: Type.Number(),
});
const Selection = Type.Object({
  weights: Weights,
  baseWeights: Type.Optional(Weights),
  localityOverridden: Type.Optional(Type.Boolean()),
  scores: Type.Array(Score),
  chosenId: Type.String({ description: '同分摇号揭晓前为空' }),
  reasons: Type.Array(ReasonSchema),
  tieDrawId: Type.Optional(Nullable(Str)),
  decidedOn: Type.String({ description: '同分摇号揭晓前为空' }),
  byName: Str,
});
const Lot = Type.Object({
  id: Str,
  lotNo: Str,
  planId: Str,
  productId: Str,
  year: Type.Integer(),
  quarter: Type.Integer(),
  batches: Type.Integer(),
  status: literals(LOT_STATUSES),
  dueOn: DateString,
  institutionId: Nullable(Str),
  institutionName: Nullable(Str),
  selection: Nullable(Selection),
  selectionPublishedAt: NullableTimestamp,
  version: VersionSchema,
});
const SelectionAnswer = Type.Object({
  status: literals(['chosen', 'tie'] as const),
  lot: Lot,
  scores: Type.Array(Score),
  tieDrawId: Nullable(Str),
});

const PublicSelection = Type.Object({
  id: Type.String({ description: '记录标识（即批次标识）' }),
  lotId: Str,
  lotNo: Str,
  productCode: Str,
  productName: Str,
  year: Type.Integer(),
  quarter: Type.Integer(),
  batches: Type.Integer(),
  chosen: Type.Object({ institutionId: Str, name: Str }),
  weights: Weights,
  scores: Type.Array(
    Type.Object({
      institutionId: Type.String({ description: '同分摇号公开记录中揭晓的 key 即中选机构的 institutionId' }),
      name: Str,
      local: Type.Boolean(),
      price: Type.Integer({ description: '报价（元/批次）' }),
      capacity: Type.Integer(),
      qualified: Type.Boolean(),
      disqualified: Type.Array(ReasonSchema),
      parts: Parts,
      total: Type.Number(),
    }),
  ),
  reasons: Type.Array(ReasonSchema),
  tieDrawId: Nullable(Type.String({ description: '同分摇号的公开记录：GET /api/public/spotcheck-draws/:id' })),
  decidedOn: DateString,
  publishedAt: Timestamp,
});

/** 承检机构, 承检申请 and the competitive choice of a lot's institution (README.md). */
export const institutionsRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const svc = services.institutions;

    app.get(
      '/api/spotcheck/institutions',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '承检机构（启用的在前，按名称）',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), local: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Institution), 400: ErrorSchema },
        },
      },
      async (request) => svc.list(request.query, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/institutions',
      { config: { access: 'spotcheck.configure' }, schema: { tags, summary: '新增承检机构', body: Body(institutionFields), response: { 201: Institution, ...Errors } } },
      async (request, reply) => reply.status(201).send(await svc.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/spotcheck/institutions/:id',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '承检机构及其履约记录', params: IdParams, response: { 200: Institution, 404: ErrorSchema } } },
      async (request) => svc.get(request.params.id),
    );

    app.patch(
      '/api/spotcheck/institutions/:id',
      {
        config: { access: 'spotcheck.configure' },
        schema: { tags, summary: '修改承检机构（资质、能力、价格、启用；If-Match）', params: IdParams, body: Type.Partial(Body(institutionFields)), response: { 200: Institution, ...Errors } },
      },
      async (request) => svc.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    orgAccountRoutes(app, {
      path: '/api/spotcheck/institutions/:id/accounts',
      access: 'spotcheck.configure',
      tags,
      listSummary: '承检机构的账号',
      createSummary: '为承检机构开设账号（角色“承检机构”；首个账号同时建立机构的组织，类型 institution，区划 320800；初始密码须在首次登录时修改）',
      service: svc,
    });

    app.get(
      '/api/spotcheck/my-institution',
      { config: { access: 'spotcheck.result' }, schema: { tags, summary: '本账号所属的承检机构及其履约记录（承检机构账号）', response: { 200: Institution, 403: ErrorSchema } } },
      async (request) => svc.mine(request.actor!),
    );

    app.get(
      '/api/spotcheck/lots/:id/applications',
      {
        config: { access: ['spotcheck.read', 'spotcheck.result'] },
        schema: { tags, summary: '批次的承检申请（工作人员：全部；承检机构：本机构的）', params: IdParams, querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: ListOf(Application), 404: ErrorSchema } },
      },
      async (request) => svc.listForLot(request.actor!, request.params.id, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/lots/:id/applications',
      {
        config: { access: 'spotcheck.result' },
        schema: {
          tags,
          summary: '申请承检该批次（承检机构账号；每批次一次）',
          params: IdParams,
          body: Body({ price: Type.Integer({ minimum: 1, maximum: 10_000_000, description: '报价（元/批次）' }), capacity: Type.Integer({ minimum: 1, maximum: 100_000, description: '可承担批次' }), note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }),
          response: { 201: Application, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await svc.apply(ctxOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/spotcheck/applications/:id/withdraw',
      { config: { access: 'spotcheck.result' }, schema: { tags, summary: '撤回承检申请（批次尚在接受申请时；If-Match 可选）', params: IdParams, response: { 200: Application, ...Errors } } },
      async (request) => svc.withdraw(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/applications',
      {
        config: { access: ['spotcheck.read', 'spotcheck.result'] },
        schema: {
          tags,
          summary: '承检申请及其批次（承检机构：本机构的；新者在前）',
          querystring: Type.Object({ status: Type.Optional(literals(APPLICATION_STATUSES)), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(ApplicationWithLot), 400: ErrorSchema },
        },
      },
      async (request) => svc.listApplications(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/lots/:id/selection',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '竞争性选定承检机构（市局）：按计划的评分权重为合格申请评分，总分最高者中选；同分则提交摇号（status=tie，再揭晓）',
          params: IdParams,
          body: Body({ localityWeight: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: '本批次的本地化权重（0：向市外机构开放），其余权重按比例折算为合计 100' })) }),
          response: { 200: SelectionAnswer, ...Errors },
        },
      },
      async (request) => {
        const answer = await svc.select(ctxOf(request), request.params.id, request.body ?? {});
        return { ...answer, tieDrawId: answer.tieDrawId ?? null };
      },
    );

    app.post(
      '/api/spotcheck/lots/:id/selection/reveal',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '揭晓同分摇号并确定承检机构（市局）',
          params: IdParams,
          body: Body({ witnessInput: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: SelectionAnswer, ...Errors },
        },
      },
      async (request) => svc.revealTie(ctxOf(request), request.params.id, request.body?.witnessInput ?? ''),
    );

    app.get(
      '/api/public/spotcheck-selections',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-selections'),
        schema: {
          tags: ['public'],
          summary: '产品质量监督抽查承检机构的选定结果（公开：各申请机构的报价、分项得分、总分与理由，同分摇号记录），无需登录',
          querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PublicSelection), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => svc.publicSelections(request.query, pageOf(request.query)),
    );
  };
