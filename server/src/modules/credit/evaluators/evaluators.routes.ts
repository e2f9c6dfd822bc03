import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { orgAccountRoutes } from '../../../platform/users/org-accounts.routes.js';
import { EVALUATOR_GRADES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';
import { RATING_STATES } from './ratings.js';

const tags = ['credit'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Str = Type.String();
const NStr = Nullable(Type.String());

const Evaluator = Type.Object({
  id: Str,
  orgId: NStr,
  name: Str,
  uscc: Str,
  accreditation: Nullable(Type.String({ description: '资质（备案、认可）说明' })),
  validUntil: Nullable({ ...DateString, description: '资质有效期' }),
  active: Type.Boolean(),
  qualified: Type.Boolean({ description: '今天可以录入评价结果：启用且资质在有效期内' }),
  accountCount: Type.Integer(),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const evaluatorFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  uscc: Type.String({ minLength: 1, maxLength: 64 }),
  accreditation: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  validUntil: Type.Optional(Nullable(DateString)),
  active: Type.Optional(Type.Boolean()),
};

const Rating = Type.Object({
  id: Str,
  evaluatorId: Str,
  evaluatorName: Str,
  enterpriseId: Str,
  uscc: Str,
  enterpriseName: Str,
  regionCode: Str,
  grade: literals(EVALUATOR_GRADES),
  ratedOn: DateString,
  validUntil: DateString,
  reportNo: Str,
  note: NStr,
  enteredByName: Str,
  createdAt: Timestamp,
  withdrawnAt: NullableTimestamp,
  withdrawnReason: NStr,
  state: Type.Union(RATING_STATES.map((s) => Type.Literal(s)), { description: 'in_force 有效；expired 已过有效期（或评价日期在后）；withdrawn 已撤回' }),
});

/** Routes of the evaluators part (evaluators/README.md). */
export const evaluatorsRoutes =
  (services: CreditServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit;
    const svc = services.evaluators;

    app.get(
      '/api/credit-evaluators',
      {
        config: { access: 'credit.configure' },
        schema: {
          tags,
          summary: '第三方信用评价机构（启用的在前，按名称）',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: '名称或统一社会信用代码' })), active: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Evaluator), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => svc.list(request.query, pageOf(request.query)),
    );

    app.post(
      '/api/credit-evaluators',
      { config: { access: 'credit.configure' }, schema: { tags, summary: '登记第三方信用评价机构', body: Body(evaluatorFields), response: { 201: Evaluator, ...Errors } } },
      async (request, reply) => reply.status(201).send(await svc.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/credit-evaluators/mine',
      { config: { access: 'credit.rate' }, schema: { tags, summary: '本账号所属的信用评价机构（评价机构账号）', response: { 200: Evaluator, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => svc.mine(request.actor!),
    );

    app.get(
      '/api/credit-evaluators/:id',
      { config: { access: 'credit.configure' }, schema: { tags, summary: '信用评价机构', params: IdParams, response: { 200: Evaluator, 404: ErrorSchema } } },
      async (request) => svc.get(request.params.id),
    );

    app.patch(
      '/api/credit-evaluators/:id',
      {
        config: { access: 'credit.configure' },
        schema: { tags, summary: '修改信用评价机构（If-Match：版本号；改名不改其组织名称）', params: IdParams, body: Body({ ...evaluatorFields, name: Type.Optional(evaluatorFields.name), uscc: Type.Optional(evaluatorFields.uscc) }), response: { 200: Evaluator, ...Errors } },
      },
      async (request) => svc.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    orgAccountRoutes(app, {
      path: '/api/credit-evaluators/:id/accounts',
      access: 'credit.configure',
      tags,
      listSummary: '信用评价机构的账号',
      createSummary: '为信用评价机构开设账号（角色“信用评价机构”；首个账号同时建立机构的组织，类型 evaluator，区划 320800；初始密码须在首次登录时修改）',
      service: svc,
    });

    app.post(
      '/api/credit-ratings',
      {
        config: { access: 'credit.rate' },
        schema: {
          tags,
          summary: '录入信用评价结果（评价机构账号；机构须启用且资质在有效期内；计入信用评分的第三方评价因素）',
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 64 }),
            grade: literals(EVALUATOR_GRADES),
            ratedOn: DateString,
            validUntil: DateString,
            reportNo: Type.String({ minLength: 1, maxLength: 100, description: '评价报告编号（本机构内唯一）' }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          }),
          response: { 201: Rating, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await svc.ratings.enter(ctxOf(request), request.body)),
    );

    app.get(
      '/api/credit-ratings',
      {
        config: { access: ['credit.read', 'credit.rate'] },
        schema: {
          tags,
          summary: '信用评价结果（评价机构账号：本机构的；工作人员：数据范围内，按企业所在地），录入时间新的在前',
          querystring: Type.Object(
            { uscc: Type.Optional(Type.String({ maxLength: 64 })), evaluatorId: Type.Optional(Type.String({ format: 'uuid' })), state: Type.Optional(literals(RATING_STATES)), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Rating), 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request) => svc.ratings.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/credit-ratings/:id/withdraw',
      {
        config: { access: 'credit.rate' },
        schema: { tags, summary: '撤回本机构的信用评价结果（说明原因；重新计算该企业的信用评分）', params: IdParams, body: Body({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: Rating, ...Errors } },
      },
      async (request) => svc.ratings.withdraw(ctxOf(request), request.params.id, request.body.reason),
    );
  };
