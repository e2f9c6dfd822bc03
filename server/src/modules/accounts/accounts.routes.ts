import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { enterpriseOf } from '../../platform/access/enterprise-self.js';
import { VersionSchema, ifMatch } from '../../platform/http/etag.js';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../platform/http/schemas.js';
import { ACCOUNT_REQUEST_STATUSES } from './accounts.schema.js';
import { EnterpriseSchema, type EnterprisesService } from '../enterprises/index.js';
import type { AccountsService } from './accounts.service.js';

const Uscc = Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码' });
const Username = Type.String({ minLength: 1, maxLength: 64 });
const Phone = Type.String({ minLength: 1, maxLength: 20 });

const Account = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: NullableTimestamp,
  version: VersionSchema,
  uscc: Type.String(),
  enterpriseName: Nullable(Type.String()),
  regionCode: Type.String(),
  phone: Nullable(Type.String({ description: '联系电话（脱敏）' })),
  requestId: Nullable(Type.String()),
  createdByName: Type.String(),
  createdAt: Timestamp,
});

const InitialPassword = Type.String({ description: '初始密码：仅此一次显示，由工作人员交给企业；首次登录须修改' });

const AccountRequest = Type.Object({
  id: Type.String(),
  requestNo: Type.String(),
  uscc: Type.String(),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  orgId: Type.String(),
  applicantName: Type.String({ description: '申请人姓名（脱敏）' }),
  phone: Type.String({ description: '申请人电话（脱敏）' }),
  username: Type.String(),
  status: literals(ACCOUNT_REQUEST_STATUSES),
  note: Nullable(Type.String()),
  decidedAt: NullableTimestamp,
  decidedByName: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  version: VersionSchema,
  createdAt: Timestamp,
});

const UserIdParams = Type.Object({ userId: Id }, { additionalProperties: false });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Enterprises' accounts (企业端): officers' administration, the public application and its status. */
export const accountsRoutes =
  (deps: { accounts: AccountsService; enterprises: EnterprisesService; publicLimit: PerClientLimit }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { accounts } = deps;
    const tags = ['enterprise-accounts'];

    app.post(
      '/api/enterprise-accounts',
      {
        config: { access: 'enterprise_account.write' },
        schema: {
          tags,
          summary: '为本人数据范围内的企业开设企业账号（初始密码仅显示一次）',
          body: Body({ uscc: Uscc, username: Username, displayName: Type.String({ minLength: 1, maxLength: 64 }), phone: Type.Optional(Nullable(Phone)) }),
          response: { 201: Type.Object({ user: Account, initialPassword: InitialPassword }), ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await accounts.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/enterprise-accounts',
      {
        config: { access: 'enterprise_account.read' },
        schema: { tags, summary: '企业账号列表（限本人数据范围，电话脱敏）', querystring: Type.Object({ ...PageQuery, uscc: Type.Optional(Uscc) }, { additionalProperties: false }), response: { 200: ListOf(Account) } },
      },
      async (request) => accounts.list(request.actor!, request.query, pageOf(request.query)),
    );

    for (const [action, active] of [
      ['disable', false],
      ['enable', true],
    ] as const) {
      app.post(
        `/api/enterprise-accounts/:userId/${action}`,
        {
          config: { access: 'enterprise_account.write' },
          schema: { tags, summary: active ? '启用企业账号（If-Match）' : '停用企业账号（其会话立即结束；If-Match）', params: UserIdParams, response: { 200: Account, ...Errors, 412: ErrorSchema } },
        },
        async (request) => accounts.setActive(ctxOf(request), request.params.userId, active, ifMatch(request)),
      );
    }

    app.post(
      '/api/enterprise-accounts/:userId/reset-password',
      {
        config: { access: 'enterprise_account.write' },
        schema: { tags, summary: '重置企业账号密码：新的初始密码仅显示一次，会话立即结束（If-Match）', params: UserIdParams, response: { 200: Type.Object({ initialPassword: InitialPassword }), ...Errors, 412: ErrorSchema } },
      },
      async (request) => accounts.resetPassword(ctxOf(request), request.params.userId, ifMatch(request)),
    );

    app.post(
      '/api/public/enterprise-account-requests',
      {
        config: { access: 'public' },
        onRequest: deps.publicLimit('account-request'),
        schema: {
          tags: ['public'],
          summary: '企业申请企业账号（无需登录，按客户端限流）：由企业所在地的县区局审核',
          body: Body({ uscc: Uscc, enterpriseName: Type.String({ minLength: 1, maxLength: 200 }), applicantName: Type.String({ minLength: 1, maxLength: 50 }), phone: Phone, username: Username }),
          response: { 202: Type.Object({ requestNo: Type.String({ description: '申请编号：凭此查询审核结果' }) }), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(202).send(await accounts.apply({ actor: null, ip: request.ip, requestId: request.id }, request.body)),
    );

    app.get(
      '/api/public/enterprise-account-requests/:requestNo',
      {
        config: { access: 'public' },
        onRequest: deps.publicLimit('account-request-status'),
        schema: {
          tags: ['public'],
          summary: '按申请编号查询企业账号申请的审核结果',
          params: Type.Object({ requestNo: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ status: literals(ACCOUNT_REQUEST_STATUSES), note: Type.Optional(Type.String()) }), 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => accounts.requestStatus(request.params.requestNo),
    );

    app.get(
      '/api/enterprise-account-requests',
      {
        config: { access: 'enterprise_account.read' },
        schema: {
          tags,
          summary: '企业账号申请（限本人数据范围，最新的在前；申请人信息脱敏）',
          querystring: Type.Object({ ...PageQuery, status: Type.Optional(literals(ACCOUNT_REQUEST_STATUSES)) }, { additionalProperties: false }),
          response: { 200: ListOf(AccountRequest) },
        },
      },
      async (request) => accounts.listRequests(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/enterprise-account-requests/:id',
      { config: { access: 'enterprise_account.read' }, schema: { tags, summary: '企业账号申请详情', params: IdParams, response: { 200: AccountRequest, 404: ErrorSchema } } },
      async (request) => accounts.getRequest(request.actor!, request.params.id),
    );

    app.post(
      '/api/enterprise-account-requests/:id/reveal',
      {
        config: { access: 'enterprise_account.write' },
        schema: { tags, summary: '查看申请人完整姓名与电话（记入审计日志）', params: IdParams, response: { 200: Type.Object({ applicantName: Type.String(), phone: Type.String() }), 403: ErrorSchema, 404: ErrorSchema } },
      },
      async (request) => accounts.revealApplicant(ctxOf(request), request.params.id),
    );

    app.get(
      '/api/my/enterprise',
      { config: { access: 'enterprise_self.read' }, schema: { tags: ['enterprise-self'], summary: '企业账号：本企业的登记信息（工作人员 403）', response: { 200: EnterpriseSchema, 403: ErrorSchema } } },
      async (request) => deps.enterprises.get(request.actor!, enterpriseOf(request.actor!)),
    );

    app.post(
      '/api/enterprise-account-requests/:id/decision',
      {
        config: { access: 'enterprise_account.write' },
        schema: {
          tags,
          summary: '审核企业账号申请：批准（开设账号，初始密码仅显示一次）或不予批准（须说明理由）；If-Match 可选',
          params: IdParams,
          body: Body({ approve: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), username: Type.Optional(Nullable(Username)) }),
          response: { 200: Type.Intersect([AccountRequest, Type.Object({ initialPassword: Type.Optional(InitialPassword) })]), ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => accounts.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
