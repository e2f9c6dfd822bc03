import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { CASE_FINE_MAX, REWARD_AMOUNT_MAX } from './reward-rules.js';
import { REWARD_STATUSES } from './rewards.schema.js';

const Mode = literals(['fine_percent', 'scale'] as const);
const Amount = Type.Number({ minimum: 0, maximum: REWARD_AMOUNT_MAX, description: '金额（元，两位小数）' });
const ScaleLevel = Type.Object(
  { level: Type.String({ minLength: 1, maxLength: 20 }), name: Type.String({ minLength: 1, maxLength: 100 }), amount: Amount },
  { additionalProperties: false },
);
const RulesFields = {
  mode: Mode,
  percent: Type.Number({ minimum: 0, maximum: 100, description: '按罚没款比例计奖时的比例（%）' }),
  min: Type.Number({ minimum: 0, maximum: REWARD_AMOUNT_MAX, description: '按比例计奖的最低金额（元）' }),
  max: Type.Number({ minimum: 0, maximum: REWARD_AMOUNT_MAX, description: '按比例计奖的最高金额（元），不低于最低金额' }),
  scale: Type.Array(ScaleLevel, { maxItems: 50, description: '按等级定额计奖的等级' }),
};
const Rules = Type.Object({ version: Type.Integer(), ...RulesFields, createdAt: Timestamp });

const Reward = Type.Object({
  id: Type.String(),
  complaintId: Type.String(),
  trackingNo: Type.String(),
  regionCode: Type.String(),
  subjectName: Nullable(Type.String()),
  rulesVersion: Type.Integer({ description: '计算金额所依据的奖励规则版本' }),
  basis: Mode,
  caseFine: Nullable(Type.Number({ description: '案件罚没款（元）' })),
  level: Nullable(Type.String()),
  amount: Type.Number({ description: '奖励金额（元，按规则计算，两位小数）' }),
  reason: Type.String(),
  status: literals(REWARD_STATUSES),
  proposedByName: Type.String(),
  proposedAt: Timestamp,
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decisionNote: Nullable(Type.String()),
  paidOn: Nullable(DateString),
  paymentRef: Nullable(Type.String()),
  version: VersionSchema,
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

/** Reward rules and rewards for reports (举报奖励): see README.md. */
export const rewardsRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const rewards = services.rewards;
    const tags = ['complaints'];

    app.get(
      '/api/complaint-reward-rules',
      { config: { access: 'complaint.read' }, schema: { tags, summary: '现行举报奖励规则（最新版本）', response: { 200: Rules, 409: ErrorSchema } } },
      async () => rewards.currentRules(),
    );

    app.post(
      '/api/complaint-reward-rules',
      {
        config: { access: 'complaint.configure' },
        schema: {
          tags,
          summary: '发布新版举报奖励规则（If-Match 可带现行版本号；已提出的奖励保留原版本）',
          body: Body(RulesFields),
          response: { 201: Rules, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await rewards.addRules(ctxOf(request), request.body, ifMatch(request))),
    );

    app.post(
      '/api/complaints/:id/rewards',
      {
        config: { access: 'complaint.write' },
        schema: {
          tags,
          summary: '为核查属实的举报申请举报奖励（金额按现行规则计算，不可手填）',
          params: IdParams,
          body: Body({
            caseFine: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: CASE_FINE_MAX, description: '案件罚没款（元）：按比例计奖时必填' }))),
            level: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '奖励等级：按等级定额计奖时必填' }))),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
          }),
          response: { 201: Reward, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await rewards.propose(ctxOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/complaint-rewards/:id/decision',
      {
        config: { access: 'complaint.approve' },
        schema: {
          tags,
          summary: '审批举报奖励（不能审批本人的申请；不予奖励须写明理由；If-Match 可选）',
          params: IdParams,
          body: Body({ approve: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
          response: { 200: Reward, ...Errors },
        },
      },
      async (request) => rewards.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/complaint-rewards/:id/payment',
      {
        config: { access: 'complaint.write' },
        schema: {
          tags,
          summary: '登记举报奖励发放（仅已批准的奖励；If-Match 可选）',
          params: IdParams,
          body: Body({ paidOn: DateString, paymentRef: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: { 200: Reward, ...Errors },
        },
      },
      async (request) => rewards.pay(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/complaint-rewards',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '举报奖励列表（数据范围内），申请时间新的在前',
          querystring: Type.Object({ ...PageQuery, status: Type.Optional(literals(REWARD_STATUSES)), complaintId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 200: ListOf(Reward) },
        },
      },
      async (request) => rewards.list(request.actor!, request.query, pageOf(request.query)),
    );
  };
