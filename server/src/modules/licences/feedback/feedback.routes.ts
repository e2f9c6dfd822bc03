import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { EXIT_KINDS, LAW_AREAS } from '../exits/exits.schema.js';
import { LICENCE_STATES, TRANSITION_TARGETS } from '../states.js';
import { FEEDBACK_DECISIONS, FEEDBACK_KINDS, FEEDBACK_SOURCES } from './feedback.schema.js';
import type { FeedbackService } from './feedback.service.js';

const Kind = literals(FEEDBACK_KINDS);
const Target = literals(TRANSITION_TARGETS);

const Feedback = Type.Object({
  id: Type.String(),
  uscc: Type.String(),
  enterpriseId: Nullable(Type.String({ description: '不在企业名录中的代码为 null（通报仍受理，转市局）' })),
  enterpriseName: Nullable(Type.String()),
  department: Type.String(),
  kind: Kind,
  summary: Type.String(),
  occurredOn: Type.String(),
  documentNo: Nullable(Type.String()),
  source: literals(FEEDBACK_SOURCES),
  createdByName: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  orgId: Type.String(),
  orgName: Type.String({ description: '受理（分诊）机构：企业所在地的主管局' }),
  receivedOn: Type.String(),
  dueOn: Type.String({ description: '处理期限（按工作日历计算）' }),
  dueCertain: Type.Boolean({ description: '期限跨越无节假日数据的年份时为 false' }),
  overdue: Type.Boolean({ description: '未处理且已过处理期限' }),
  decision: Nullable(literals(FEEDBACK_DECISIONS)),
  decisionReason: Nullable(Type.String()),
  licenceId: Nullable(Type.String()),
  transitionId: Nullable(Type.String()),
  exitId: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  version: VersionSchema,
  createdAt: Timestamp,
});

const FeedbackDetail = Type.Composite([
  Feedback,
  Type.Object({
    licences: Type.Array(
      Type.Object({ id: Type.String(), typeName: Type.String(), number: Type.String(), state: literals(LICENCE_STATES), allowedTargets: Type.Array(Target) }),
      { description: '被通报企业的许可证（当前用户辖区内）' },
    ),
    exitKind: Type.Union([literals(EXIT_KINDS), Type.Null()], { description: '按通报类型应启动的退出程序（处理为 exit 时的默认值）' }),
  }),
]);

const Reason = Type.String({ minLength: 1, maxLength: 2000 });

const Decision = Type.Union([
  Body({ decision: Type.Literal('none'), reason: Reason }),
  Body({
    decision: Type.Literal('measure'),
    licenceId: Id,
    to: Target,
    reason: Reason,
    legalBasis: Type.String({ minLength: 1, maxLength: 500 }),
    documentNo: Type.String({ minLength: 1, maxLength: 100 }),
    reviewOn: Type.Optional(DateString),
    deadlineWorkingDays: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  Body({
    decision: Type.Literal('exit'),
    licenceId: Id,
    reason: Reason,
    exitKind: Type.Optional(literals(EXIT_KINDS)),
    lawArea: Type.Optional(Nullable(literals(LAW_AREAS))),
    investigatorId: Type.Optional(Nullable(Id)),
    investigationWorkingDays: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  }),
]);

const Errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const feedbackRoutes =
  (service: FeedbackService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/feedback',
      {
        config: { access: 'feedback.submit' },
        schema: {
          tags: ['licences'],
          summary: '其他许可审批部门通报企业情况（部门系统用 API 密钥；工作人员手工登记）',
          description: '按统一社会信用代码进入企业所在地主管局的分诊队列；名录中没有的代码也受理，转市局。',
          security: [{ apiKey: [] }, { session: [] }],
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 40 }),
            department: Type.String({ minLength: 1, maxLength: 200 }),
            kind: Kind,
            summary: Type.String({ minLength: 1, maxLength: 2000 }),
            occurredOn: DateString,
            documentNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          }),
          response: { 201: Feedback, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const created = await service.receive(ctx, request.body, ctx.actor.kind === 'apiKey' ? 'api' : 'manual');
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/feedback',
      {
        config: { access: 'licence.read' },
        schema: {
          tags: ['licences'],
          summary: '通报分诊队列（未处理在前，按处理期限）',
          querystring: Type.Object(
            {
              status: Type.Optional(literals(['open', 'decided'] as const)),
              overdue: Type.Optional(Type.Boolean({ description: 'true：仅显示已超期未处理的' })),
              kind: Type.Optional(Kind),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
              mine: Type.Optional(Type.Boolean({ description: 'true：仅本机构受理的' })),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Feedback), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.get(
      '/api/feedback/:id',
      { config: { access: 'licence.read' }, schema: { tags: ['licences'], summary: '通报详情（含企业的许可证）', params: IdParams, response: { 200: FeedbackDetail, 404: ErrorSchema } } },
      async (request) => service.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/feedback/:id/decision',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '处理通报：不采取措施（说明理由）、对企业的许可证采取监管措施或启动退出程序；处理后不可更改',
          description: 'exit 的 exitKind 不填时按通报类型：conditions_changed → conditions_lost，closure_decision → closure，serious_violation → serious_violation。',
          params: IdParams,
          body: Decision,
          response: { 200: FeedbackDetail, ...Errors, 403: ErrorSchema, 412: ErrorSchema },
        },
      },
      async (request) => service.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
