import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendDocx } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { CONCLUSIONS, FOLLOWUP_STAGES, OBJECTION_STATUSES } from '../spotchecks.schema.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { FOLLOWUP_ACTIONS } from './views.js';

const tags = ['spotchecks'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const NStr = Nullable(Type.String());
const Conclusion = literals(CONCLUSIONS);
const ItemResult = Type.Object(
  { item: Type.String({ minLength: 1, maxLength: 200 }), requirement: Type.String({ maxLength: 500 }), measured: Type.String({ maxLength: 200 }), pass: Type.Boolean() },
  { additionalProperties: false },
);

/** The sample's facts shown beside an objection or a follow-up. */
const SampleFacts = {
  sampleId: Type.String(),
  sampleNo: Type.String(),
  productId: Type.String(),
  productCode: Type.String(),
  productName: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  institutionId: Type.String({ description: '原检验机构' }),
  institutionName: Type.String(),
  conclusion: Nullable(Conclusion),
  finalConclusion: Nullable(Conclusion),
};

const Objection = Type.Object({
  id: Type.String(),
  ...SampleFacts,
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
  filedOn: DateString,
  filedBy: literals(['enterprise', 'officer'] as const),
  filedByName: Type.String(),
  reason: Type.String(),
  items: Type.Array(Type.String(), { description: '提出异议的检验项目' }),
  status: literals(OBJECTION_STATUSES),
  decidedOn: Nullable(DateString),
  decisionReason: NStr,
  decidedByName: NStr,
  retestInstitutionId: NStr,
  retestInstitutionName: NStr,
  retestItems: Nullable(Type.Array(ItemResult)),
  retestConclusion: Nullable(Conclusion),
  retestedOn: Nullable(DateString),
  upheld: Nullable(Type.Boolean({ description: '复检推翻了原结论：计入原检验机构的记录' })),
  retestReportNo: Type.Union([Type.String({ description: '复检报告编号' }), Type.Null()]),
  version: VersionSchema,
  createdAt: Timestamp,
});

const Step = Type.Object({
  action: Type.String({ description: 'order, recheck_passed, recheck_failed, notice, suspend, refer, refer_declined, close' }),
  on: DateString,
  byName: Type.String(),
  note: NStr,
  documentNo: Type.Optional(NStr),
  dueOn: Type.Optional(Nullable(DateString)),
  caseId: Type.Optional(NStr),
});

const Followup = Type.Object({
  id: Type.String(),
  ...SampleFacts,
  failingItems: Type.Array(Type.String()),
  stage: literals(FOLLOWUP_STAGES),
  dueOn: Nullable(DateString),
  overdue: Type.Boolean({ description: '整改期限已过尚未复查' }),
  orderNo: NStr,
  caseId: NStr,
  caseNo: NStr,
  steps: Type.Array(Step),
  allowedActions: Type.Array(Type.String(), { description: '可进行的下一步（refer：经案件模块立案）' }),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const ObjectionBody = { reason: Type.String({ minLength: 1, maxLength: 2000 }), items: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })) };

/**
 * Objections and retests, the follow-up of failures (README.md): the enterprise's objection, an
 * officer's from a letter, the decision, the retest, the follow-up's actions and its order.
 */
export const objectionsRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit;
    const objections = services.objections;
    const followups = objections.followups;

    app.post(
      '/api/my/spotchecks/:id/objection',
      {
        config: { access: 'enterprise_self.report' },
        schema: { tags, summary: '企业对本企业的抽查检验结果提出异议（收到结果之日起 15 日内）', params: IdParams, body: Body(ObjectionBody), response: { 201: Objection, ...Errors } },
      },
      async (request, reply) => reply.code(201).send(await objections.fileByEnterprise(ctxOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/spotcheck/samples/:id/objection',
      {
        config: { access: 'spotcheck.sample' },
        schema: { tags, summary: '录入企业书面提出的异议（异议书的日期）', params: IdParams, body: Body({ filedOn: DateString, ...ObjectionBody }), response: { 201: Objection, ...Errors } },
      },
      async (request, reply) => reply.code(201).send(await objections.fileByOfficer(ctxOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/spotcheck/objections',
      {
        config: { access: ['spotcheck.read', 'spotcheck.result'] },
        schema: {
          tags,
          summary: '异议（复检机构账号：其样品的及其承担复检的）',
          querystring: Type.Object({ status: Type.Optional(literals(OBJECTION_STATUSES)), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Objection), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => objections.list(request.actor!, { status: request.query.status }, pageOf(request.query)),
    );

    app.get(
      '/api/spotcheck/objections/:id',
      { config: { access: ['spotcheck.read', 'spotcheck.result'] }, schema: { tags, summary: '异议详情', params: IdParams, response: { 200: Objection, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => objections.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/spotcheck/objections/:id/decide',
      {
        config: { access: 'spotcheck.approve' },
        schema: {
          tags,
          summary: '受理（指定复检机构）或不予受理异议（If-Match）',
          params: IdParams,
          body: Body({ accept: Type.Boolean(), reason: Type.String({ minLength: 1, maxLength: 2000 }), retestInstitutionId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) }),
          response: { 200: Objection, ...Errors },
        },
      },
      async (request) => objections.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/objections/:id/retest',
      {
        config: { access: 'spotcheck.result' },
        schema: {
          tags,
          summary: '复检机构录入复检结果（先上传 retest_report；If-Match）：复检结论取代原结论',
          params: IdParams,
          body: Body({ items: Type.Array(ItemResult, { minItems: 1, maxItems: 200 }), conclusion: Conclusion, reportNo: Type.String({ minLength: 1, maxLength: 100 }), retestedOn: DateString }),
          response: { 200: Objection, ...Errors },
        },
      },
      async (request) => objections.retest(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/followups',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '不合格样品的后处理（overdue：整改期限已过尚未复查）',
          querystring: Type.Object({ stage: Type.Optional(literals(FOLLOWUP_STAGES)), overdue: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Followup), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => followups.list(request.actor!, { stage: request.query.stage, overdue: request.query.overdue }, pageOf(request.query)),
    );

    app.get(
      '/api/spotcheck/samples/:id/followup',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '样品的后处理', params: IdParams, response: { 200: Followup, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => followups.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/spotcheck/samples/:id/followup',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '后处理的一步：责令整改、复查、公告、责令停业整顿、结束（已有后处理时 If-Match）',
          params: IdParams,
          body: Body({
            action: literals(FOLLOWUP_ACTIONS),
            on: Type.Optional(DateString),
            dueOn: Type.Optional(DateString),
            passed: Type.Optional(Type.Boolean()),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 200: Followup, ...Errors },
        },
      },
      async (request) => followups.act(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/samples/:id/followup/order',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '下载责令整改通知书（.docx）', params: IdParams, response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request, reply) => {
        return sendDocx(reply, `correction-order-${request.params.id}.docx`, await followups.orderDocument(request.actor!, request.params.id));
      },
    );
  };
