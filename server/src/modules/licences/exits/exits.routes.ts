import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { LicenceDocument } from '../documents/documents.routes.js';
import { LICENCE_STATES } from '../states.js';
import { MAX_INVESTIGATION_WORKING_DAYS } from './exit-rules.js';
import { EXIT_KINDS, EXIT_OUTCOMES, EXIT_STAGES, EXIT_TRIGGER_SOURCES, LAW_AREAS } from './exits.schema.js';
import type { LicenceExits } from './exits.service.js';

const Kind = literals(EXIT_KINDS);
const Stage = literals(EXIT_STAGES);
const Outcome = literals(EXIT_OUTCOMES);

const Exit = Type.Object({
  id: Type.String(),
  licenceId: Type.String(),
  kind: Kind,
  triggerSource: literals(EXIT_TRIGGER_SOURCES),
  feedbackId: Nullable(Type.String()),
  triggerParty: Type.String(),
  triggerSummary: Type.String(),
  triggerDocumentNo: Nullable(Type.String()),
  triggerOn: Type.String(),
  lawArea: Nullable(literals(LAW_AREAS)),
  stage: Stage,
  investigatorId: Nullable(Type.String()),
  investigatorName: Nullable(Type.String()),
  investigationDueOn: Nullable(Type.String()),
  investigationDueCertain: Nullable(Type.Boolean({ description: '核查期限跨越无节假日数据的年份时为 false' })),
  findings: Nullable(Type.String()),
  justifiedReason: Nullable(Type.Boolean()),
  investigatedAt: Nullable(Timestamp),
  outcome: Nullable(Outcome),
  decisionReason: Nullable(Type.String()),
  legalBasis: Nullable(Type.String()),
  documentNo: Nullable(Type.String()),
  transitionId: Nullable(Type.String()),
  transitionStatus: Nullable(literals(['applied', 'pending', 'rejected'] as const)),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  regionCode: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  createdByName: Type.String(),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  licence: Type.Object({ id: Type.String(), number: Type.String(), typeName: Type.String(), state: literals(LICENCE_STATES), uscc: Type.String(), enterpriseName: Type.String() }),
  allowedOutcomes: Type.Array(Outcome, { description: '当前可作出的决定（不在决定阶段或等待审批时为空）' }),
  awaitingApproval: Type.Boolean({ description: '吊销或注销决定正等待科室负责人审批' }),
});

const ExitDetail = Type.Composite([Exit, Type.Object({ documents: Type.Array(LicenceDocument, { description: '本程序生成的文书（核查通知书、决定书）' }) })]);

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const licenceExitsRoutes =
  (service: LicenceExits): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/licence-exits',
      {
        config: { access: 'licence.read' },
        schema: {
          tags: ['licence-exits'],
          summary: '退出程序列表（最新在前）',
          querystring: Type.Object(
            { stage: Type.Optional(Stage), kind: Type.Optional(Kind), regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), licenceId: Type.Optional(Id), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Exit), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.post(
      '/api/licence-exits',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licence-exits'],
          summary: '启动退出程序（不再具备许可条件的，生成核查通知书并进入调查核实）',
          body: Body({
            licenceId: Id,
            kind: Kind,
            // A department's notice opens one through the feedback queue, not here.
            triggerSource: literals(['complaint', 'department', 'government'] as const),
            triggerParty: Type.String({ minLength: 1, maxLength: 200 }),
            triggerSummary: Type.String({ minLength: 1, maxLength: 2000 }),
            triggerDocumentNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            triggerOn: DateString,
            lawArea: Type.Optional(Nullable(literals(LAW_AREAS))),
            investigatorId: Type.Optional(Nullable(Id)),
            investigationWorkingDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MAX_INVESTIGATION_WORKING_DAYS }))),
          }),
          response: { 201: Exit, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.open(ctxOf(request), request.body)),
    );

    app.get('/api/licence-exits/:id', { config: { access: 'licence.read' }, schema: { tags: ['licence-exits'], summary: '退出程序详情（含文书）', params: IdParams, response: { 200: ExitDetail, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/licence-exits/:id/investigation',
      {
        // The assigned investigator records it whatever their role; anyone else needs licence.write (checked by the service).
        config: { access: 'authenticated' },
        schema: {
          tags: ['licence-exits'],
          summary: '记录调查核实结果（指定的核查人员或具有许可办理权限者；进入决定阶段；If-Match）',
          params: IdParams,
          body: Body({ findings: Type.String({ minLength: 1, maxLength: 2000 }), justifiedReason: Type.Boolean({ description: '企业是否有正当理由' }) }),
          response: { 200: Exit, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.recordInvestigation(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/licence-exits/:id/decision',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licence-exits'],
          summary: '作出决定：吊销、注销（生成决定书，需审批时等待审批）或不予吊销/注销（If-Match）',
          params: IdParams,
          body: Body({
            outcome: Outcome,
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            legalBasis: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            documentNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          }),
          response: { 200: Exit, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
