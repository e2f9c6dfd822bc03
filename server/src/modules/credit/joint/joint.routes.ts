import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { retryAfterOf } from '../../../platform/ratelimit/ratelimit.service.js';
import { CREDIT_CLASS_VALUES, FEEDBACK_ACTIONS, RESTRICTION_CODES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';

const tags = ['credit'];
const Str = Type.String();
const Code = literals(RESTRICTION_CODES);
/** Departments' keys hold `credit.check` (the whole city); staff with `credit.read` check within their data scope. */
const CHECKERS = ['credit.check', 'credit.read'] as const;

const CheckItem = Type.Object({
  uscc: Type.String({ description: '规范化后的统一社会信用代码（去空格、转大写）' }),
  error: Type.Optional(literals(['USCC_FORMAT', 'USCC_CHECK_DIGIT'] as const)),
  found: Type.Boolean({ description: '企业名录中有该企业（且在调用方可查范围内）' }),
  class: Nullable(literals(CREDIT_CLASS_VALUES)),
  listed: Type.Boolean({ description: '列入严重违法失信名单且在列入期内' }),
  restrictions: Type.Array(
    Type.Object({
      code: Code,
      legalBasis: Str,
      meaning: Str,
      until: Nullable({ ...DateString, description: '限制截止日（失信名单列入期满日）；信用等级 D 引起的限制为 null' }),
    }),
  ),
});

const Restriction = Type.Object({ code: Code, name: Str, legalBasis: Str, meaning: Str });

const Feedback = Type.Object({
  id: Str,
  orgId: Str,
  orgName: Str,
  uscc: Str,
  enterpriseName: Str,
  restriction: Code,
  action: literals(FEEDBACK_ACTIONS),
  matter: Str,
  note: Nullable(Str),
  actedOn: DateString,
  createdAt: Timestamp,
});

/** Routes of the joint part (joint/README.md). */
export const jointRoutes =
  (services: CreditServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit;
    const { joint } = services;

    app.post(
      '/api/credit/check',
      {
        config: { access: CHECKERS },
        schema: {
          tags,
          summary: '联合惩戒批量核查：信用等级、失信名单状态、惩戒措施（按请求顺序逐项作答；每次调用记入审计日志）',
          description: `每次最多 1000 个（超过为 400 BATCH_TOO_LARGE）；格式错误的代码逐项标注 error，不影响其他项。持有 credit.check 的部门密钥可查全市企业；仅有 credit.read 的工作人员只查数据范围内的企业（范围外为 found=false）。每个调用方每分钟限 ZJ_CREDIT_CHECK_RATE_LIMIT 次，超过为 429（Retry-After）。`,
          body: Body({ usccs: Type.Array(Type.String({ maxLength: 64 }), { description: '统一社会信用代码，1–1000 个' }) }),
          response: { 200: Type.Object({ items: Type.Array(CheckItem) }), 400: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) =>
        joint.check(ctxOf(request), request.body.usccs).catch((err: unknown) => {
          const retryAfter = retryAfterOf(err);
          if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
          throw err;
        }),
    );

    app.get(
      '/api/credit/restrictions',
      {
        config: { access: CHECKERS },
        schema: { tags, summary: '联合惩戒措施代码及其法律依据、含义（供对接系统使用）', response: { 200: ListOf(Restriction), 403: ErrorSchema } },
      },
      async () => joint.restrictions(),
    );

    app.post(
      '/api/credit/feedback',
      {
        config: { access: 'credit.check' },
        schema: {
          tags,
          summary: '部门反馈惩戒措施的执行情况（按本部门、企业、措施、事项新增或更新；记入审计日志）',
          description: '新增 201，更新 200。企业须在企业名录中（否则 400 ENTERPRISE_NOT_FOUND）。',
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 64 }),
            restriction: Code,
            action: literals(FEEDBACK_ACTIONS),
            matter: Type.String({ minLength: 1, maxLength: 200, description: '本部门的事项编号或名称（许可申请、招标项目、采购项目等）' }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            actedOn: DateString,
          }),
          response: { 200: Feedback, 201: Feedback, 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { created, feedback } = await joint.report(ctxOf(request), request.body);
        return reply.status(created ? 201 : 200).send(feedback);
      },
    );

    app.get(
      '/api/credit/feedback',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '各部门的联合惩戒反馈（数据范围内，按企业所在地），新的在前',
          querystring: Type.Object({ uscc: Type.Optional(Type.String({ maxLength: 64 })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Feedback), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => joint.listFeedback(request.actor!, request.query, pageOf(request.query)),
    );
  };
