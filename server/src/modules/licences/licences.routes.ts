import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DOCX } from '../../platform/documents/attachments.js';
import { sendDocx } from '../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../platform/http/etag.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../platform/http/schemas.js';
import type { LicencesService } from './licences.service.js';
import { LICENCE_STATES, TRANSITION_TARGETS } from './states.js';

const State = literals(LICENCE_STATES);
const Target = literals(TRANSITION_TARGETS);

/** The list's filters (the export takes them too). */
export const LicenceFilterQuery = {
  type: Type.Optional(Type.String({ maxLength: 60 })),
  state: Type.Optional(State),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  expiringBefore: Type.Optional(DateString),
  uscc: Type.Optional(Type.String({ maxLength: 40 })),
};

/** A licence as the API answers it. */
export const Licence = Type.Object({
  id: Type.String(),
  uscc: Type.String(),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  type: Type.String(),
  typeName: Type.String(),
  number: Type.String(),
  scope: Nullable(Type.String()),
  issuedOn: Type.String(),
  expiresOn: Nullable(Type.String()),
  issuer: Type.String(),
  state: State,
  reviewOn: Nullable(Type.String()),
  changeDeadline: Nullable(Type.String()),
  version: VersionSchema,
  allowedTargets: Type.Array(Target, { description: '当前状态下可采取的监管措施（终态为空）' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Transition = Type.Object({
  id: Type.String(),
  licenceId: Type.String(),
  fromState: State,
  toState: State,
  reason: Type.String(),
  legalBasis: Type.String(),
  documentNo: Type.String(),
  reviewOn: Nullable(Type.String()),
  deadlineWorkingDays: Nullable(Type.Integer()),
  deadlineOn: Nullable(Type.String()),
  deadlineCertain: Nullable(Type.Boolean()),
  status: literals(['applied', 'pending', 'rejected'] as const),
  requestedBy: Nullable(Type.String()),
  requestedByName: Type.String(),
  requestedAt: Timestamp,
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decisionNote: Nullable(Type.String()),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };
const ApprovalRule = Type.Object({ to: Target, requiresApproval: Type.Boolean(), version: VersionSchema });
const RequestParams = Type.Object({ id: Id, requestId: Id }, { additionalProperties: false });

export const licencesRoutes =
  (service: LicencesService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/licences',
      {
        config: { access: ['licence.read', 'enterprise_self.read'] },
        schema: {
          tags: ['licences'],
          summary: '许可证列表（按到期日）',
          querystring: Type.Object({ ...LicenceFilterQuery, ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Licence), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.post(
      '/api/licences',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '登记许可证',
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 40 }),
            type: Type.String({ minLength: 1, maxLength: 60 }),
            number: Type.String({ minLength: 1, maxLength: 100 }),
            scope: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            issuedOn: DateString,
            expiresOn: Type.Optional(Nullable(DateString)),
            issuer: Type.String({ minLength: 1, maxLength: 200 }),
          }),
          response: { 201: Licence, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.get('/api/licences/:id', { config: { access: ['licence.read', 'enterprise_self.read'] }, schema: { tags: ['licences'], summary: '许可证详情', params: IdParams, response: { 200: Licence, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.id),
    );

    app.get(
      '/api/licences/:id/notice',
      {
        config: { access: ['licence.read', 'enterprise_self.read'] },
        schema: {
          tags: ['licences'],
          summary: '发证告知书（.docx，发证时生成并保存）',
          params: IdParams,
          produces: [DOCX],
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        return sendDocx(reply, `notice-${request.params.id}.docx`, await service.notice(request.actor!, request.params.id));
      },
    );

    app.get(
      '/api/licences/:id/transitions',
      { config: { access: ['licence.read', 'enterprise_self.read'] }, schema: { tags: ['licences'], summary: '监管措施时间线（最新在前，含待审批）', params: IdParams, response: { 200: ListOf(Transition), 404: ErrorSchema } } },
      async (request) => service.timeline(request.actor!, request.params.id),
    );

    app.post(
      '/api/licences/:id/transitions',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '采取监管措施（需审批时返回 202 与待审批请求；If-Match：许可证的版本）',
          params: IdParams,
          body: Body({
            to: Target,
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            legalBasis: Type.String({ minLength: 1, maxLength: 500 }),
            documentNo: Type.String({ minLength: 1, maxLength: 100 }),
            reviewOn: Type.Optional(DateString),
            deadlineWorkingDays: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: { 200: Licence, 202: Transition, ...WriteErrors },
        },
      },
      async (request, reply) => {
        const result = await service.requestTransition(ctxOf(request), request.params.id, request.body, undefined, ifMatch(request));
        return result.pending ? reply.status(202).send(result.request) : result.licence;
      },
    );

    app.post(
      '/api/licences/:id/transitions/:requestId/approve',
      { config: { access: 'licence.approve' }, schema: { tags: ['licences'], summary: '批准待审批的监管措施', params: RequestParams, body: Type.Optional(Body({ note: Type.Optional(Type.String({ maxLength: 1000 })) })), response: { 200: Licence, ...WriteErrors } } },
      async (request) => service.decide(ctxOf(request), request.params.id, request.params.requestId, { approve: true, note: request.body?.note }, ifMatch(request)),
    );

    app.post(
      '/api/licences/:id/transitions/:requestId/reject',
      { config: { access: 'licence.approve' }, schema: { tags: ['licences'], summary: '驳回待审批的监管措施（须说明理由）', params: RequestParams, body: Body({ note: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: Licence, ...WriteErrors } } },
      async (request) => service.decide(ctxOf(request), request.params.id, request.params.requestId, { approve: false, note: request.body.note }, ifMatch(request)),
    );

    app.get(
      '/api/licence-approval-rules',
      { config: { access: 'licence.read' }, schema: { tags: ['licences'], summary: '哪些监管措施需科室负责人审批', response: { 200: ListOf(ApprovalRule) } } },
      async () => service.approvalRules(),
    );

    app.put(
      '/api/licence-approval-rules/:to',
      {
        config: { access: 'licence.configure' },
        schema: { tags: ['licences'], summary: '设置是否需审批（If-Match）', params: Type.Object({ to: Target }), body: Body({ requiresApproval: Type.Boolean() }), response: { 200: ApprovalRule, ...WriteErrors } },
      },
      async (request) => service.setApprovalRule(ctxOf(request), request.params.to, request.body.requiresApproval, ifMatch(request)),
    );
  };
