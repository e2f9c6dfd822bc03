import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendDocx } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, NoContent, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { SPOTCHECK_CONCLUSIONS, SPOTCHECK_FOLLOWUP_STAGES } from '../../spotchecks/index.js';
import { CASE_STAGES } from '../cases.schema.js';
import type { CasesServices } from '../cases.services.js';
import { CLUSTER_MEASURE_KINDS, CLUSTER_MEMBER_MODES, RISK_NOTICE_STATUSES } from './clusters.schema.js';
import { EVIDENCE_MAX, EVIDENCE_TYPES, PROBLEMS_MAX } from './clusters.service.js';

const tags = ['cases'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const Uscc = Type.String({ minLength: 18, maxLength: 18 });

const ClusterFields = {
  id: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  memberMode: literals(CLUSTER_MEMBER_MODES),
  tag: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  demonstrationZone: Type.Boolean({ description: '优质产品生产示范区' }),
  demonstrationOn: Nullable(DateString),
  version: VersionSchema,
  createdAt: Timestamp,
};
const ClusterItem = Type.Object({ ...ClusterFields, regionName: Nullable(Type.String()), awaitingReply: Type.Integer({ description: '待回复的质量风险提示函' }) });
const Cluster = Type.Object({
  ...ClusterFields,
  orgId: Type.String(),
  description: Nullable(Type.String()),
  demonstrationNote: Nullable(Type.String()),
  createdByName: Type.String(),
  updatedAt: Timestamp,
  memberCount: Type.Integer(),
});

const Evidence = Type.Object(
  { type: literals(EVIDENCE_TYPES), ref: Type.String({ maxLength: 100, description: '记录编号（任务、案件编号、投诉举报编号等；text 类可空）' }), label: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);
const Problem = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), detail: Type.String({ minLength: 1, maxLength: 2000 }), evidence: Type.Array(Evidence, { maxItems: EVIDENCE_MAX }) },
  { additionalProperties: false },
);
const Notice = Type.Object({
  id: Type.String(),
  clusterId: Type.String(),
  documentNo: Type.String({ description: '<简称>质险〔年〕n号' }),
  government: Type.String(),
  issuedOn: DateString,
  problems: Type.Array(Problem),
  recommendations: Type.String(),
  replyDueOn: DateString,
  status: literals(RISK_NOTICE_STATUSES),
  overdue: Type.Boolean({ description: '逾期未回复' }),
  repliedOn: Nullable(DateString),
  reply: Nullable(Type.String()),
  followUps: Type.Array(Type.Object({ on: DateString, note: Type.String(), byName: Type.String() })),
  closedOn: Nullable(DateString),
  createdByName: Type.String(),
  version: VersionSchema,
  createdAt: Timestamp,
});
const Measure = Type.Object({ id: Type.String(), clusterId: Type.String(), kind: literals(CLUSTER_MEASURE_KINDS), takenOn: DateString, description: Type.String(), createdByName: Type.String(), createdAt: Timestamp });
const Member = Type.Object({ enterpriseId: Type.String(), uscc: Type.String(), name: Type.String(), regionCode: Type.String(), status: Type.String(), creditClass: Nullable(Type.String()) });

const Overview = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  inspections: Type.Object({
    total: Type.Integer({ description: '已完成的检查' }),
    withFindings: Type.Integer(),
    enterprisesChecked: Type.Integer(),
    items: Type.Array(
      Type.Object({ uscc: Type.String(), name: Type.String(), taskId: Type.String(), itemName: Type.String(), inspectedOn: Nullable(DateString), completedOn: DateString, resultCategory: Nullable(Type.String()), findings: Type.Array(Type.String()) }),
    ),
  }),
  complaints: Type.Object({
    since: DateString,
    total: Type.Integer({ description: '近 12 个月核查属实的投诉举报' }),
    byEnterprise: Type.Array(Type.Object({ uscc: Type.String(), name: Type.String(), count: Type.Integer() })),
  }),
  cases: Type.Object({
    total: Type.Integer({ description: '读者可查看的案件' }),
    byStage: Type.Record(Type.String(), Type.Integer()),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        caseNo: Type.String(),
        stage: literals(CASE_STAGES),
        partyName: Type.String(),
        uscc: Nullable(Type.String()),
        summary: Type.String(),
        foundOn: DateString,
        decidedOn: Nullable(DateString),
        penaltyText: Nullable(Type.String()),
      }),
    ),
  }),
  spotChecks: Type.Object(
    {
      fromYear: Type.Integer({ description: '自该抽查年度起（近三年）' }),
      total: Type.Integer({ description: '已有最终结论的抽查批次' }),
      failed: Type.Integer({ description: '其中最终结论不合格' }),
      items: Type.Array(
        Type.Object({
          sampleId: Type.String(),
          sampleNo: Type.String(),
          year: Type.Integer({ description: '抽查年度（批次所属年度）' }),
          productCode: Type.String(),
          productName: Type.String(),
          uscc: Type.String(),
          name: Type.String({ description: '企业名称' }),
          sampledOn: Nullable(DateString),
          finalConclusion: literals(SPOTCHECK_CONCLUSIONS),
          failingItems: Type.Array(Type.String()),
          institutionName: Type.String({ description: '结论所依据的承检机构（复检的以复检机构为准）' }),
          followupStage: Nullable(literals(SPOTCHECK_FOLLOWUP_STAGES)),
          followupNoticed: Type.Boolean({ description: '不合格后处理已到逾期未改正公告' }),
        }),
      ),
    },
    { description: '成员企业近三年监督抽查的最终结果（年度倒序、抽样日期倒序、样品编号）' },
  ),
  notices: Type.Array(Notice),
  measures: Type.Array(Measure),
});

const NoticeParams = IdParams;
const Paged = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** 产业集聚区 (README.md). */
export const clustersRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const clusters = services.clusters;

    app.post(
      '/api/clusters',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '设立产业集聚区（按企业标签或名单确定成员）',
          body: Body({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
            memberMode: literals(CLUSTER_MEMBER_MODES),
            tag: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
            industry: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 201: Cluster, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await clusters.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/clusters',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '产业集聚区（按名称）',
          querystring: Type.Object(
            { q: Type.Optional(Type.String({ maxLength: 100 })), regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), demonstrationZone: Type.Optional(Type.Boolean()), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(ClusterItem) },
        },
      },
      async (request) => clusters.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get('/api/clusters/:id', { config: { access: 'case.read' }, schema: { tags, summary: '产业集聚区', params: IdParams, response: { 200: Cluster, 404: ErrorSchema } } }, async (request) =>
      clusters.get(request.actor!, request.params.id),
    );

    app.patch(
      '/api/clusters/:id',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '修改产业集聚区（If-Match 可选）',
          params: IdParams,
          body: Body({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            tag: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
            industry: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 200: Cluster, ...Errors },
        },
      },
      async (request) => clusters.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.delete(
      '/api/clusters/:id',
      { config: { access: 'cluster.manage' }, schema: { tags, summary: '删除产业集聚区（已发出提示函的不能删除；If-Match 可选）', params: IdParams, response: { 204: NoContent, ...Errors } } },
      async (request, reply) => {
        await clusters.remove(ctxOf(request), request.params.id, ifMatch(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/clusters/:id/members',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '成员企业（按名称）', params: IdParams, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }, { additionalProperties: false }), response: { 200: ListOf(Member), 404: ErrorSchema } },
      },
      async (request) => clusters.members(request.actor!, request.params.id, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/clusters/:id/members',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '加入成员企业（仅按名单确定成员的集聚区；企业须在集聚区区划内）',
          params: IdParams,
          body: Body({ uscc: Uscc }),
          response: { 201: Type.Object({ enterpriseId: Type.String(), uscc: Type.String(), name: Type.String(), regionCode: Type.String(), addedAt: Timestamp }), ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await clusters.addMember(ctxOf(request), request.params.id, request.body.uscc)),
    );

    app.delete(
      '/api/clusters/:id/members/:uscc',
      {
        config: { access: 'cluster.manage' },
        schema: { tags, summary: '移出成员企业', params: Type.Object({ id: Type.String({ format: 'uuid' }), uscc: Uscc }, { additionalProperties: false }), response: { 204: NoContent, ...Errors } },
      },
      async (request, reply) => {
        await clusters.removeMember(ctxOf(request), request.params.id, request.params.uscc);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/clusters/:id/overview',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '集聚区概况：成员、检查结果、投诉举报、案件、抽查、提示函与措施', params: IdParams, response: { 200: Overview, 404: ErrorSchema } },
      },
      async (request) => clusters.overview(request.actor!, request.params.id),
    );

    app.post(
      '/api/clusters/:id/risk-notices',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '发出质量风险提示函（致地方人民政府：问题及证据、建议、回复期限）',
          params: IdParams,
          body: Body({
            government: Type.String({ minLength: 1, maxLength: 100 }),
            issuedOn: Type.Optional(DateString),
            problems: Type.Array(Problem, { minItems: 1, maxItems: PROBLEMS_MAX }),
            recommendations: Type.String({ minLength: 1, maxLength: 5000 }),
            replyDueOn: DateString,
          }),
          response: { 201: Notice, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await clusters.issueNotice(ctxOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/clusters/:id/risk-notices',
      { config: { access: 'case.read' }, schema: { tags, summary: '集聚区的质量风险提示函（新者在前）', params: IdParams, querystring: Paged, response: { 200: ListOf(Notice), 404: ErrorSchema } } },
      async (request) => clusters.notices(request.actor!, request.params.id, pageOf(request.query)),
    );

    app.get(
      '/api/cluster-risk-notices/:id',
      { config: { access: 'case.read' }, schema: { tags, summary: '质量风险提示函', params: NoticeParams, response: { 200: Notice, 404: ErrorSchema } } },
      async (request) => clusters.getNotice(request.actor!, request.params.id),
    );

    app.get(
      '/api/cluster-risk-notices/:id/document',
      { config: { access: 'case.read' }, schema: { tags, summary: '下载质量风险提示函（.docx）', params: NoticeParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        return sendDocx(reply, `risk-notice-${request.params.id}.docx`, await clusters.noticeDocument(request.actor!, request.params.id));
      },
    );

    app.post(
      '/api/cluster-risk-notices/:id/reply',
      {
        config: { access: 'cluster.manage' },
        schema: { tags, summary: '登记地方政府的回复（If-Match 可选）', params: NoticeParams, body: Body({ repliedOn: DateString, reply: Type.String({ minLength: 1, maxLength: 5000 }) }), response: { 200: Notice, ...Errors } },
      },
      async (request) => clusters.reply(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/cluster-risk-notices/:id/follow-ups',
      {
        config: { access: 'cluster.manage' },
        schema: { tags, summary: '登记跟踪情况（If-Match 可选）', params: NoticeParams, body: Body({ on: DateString, note: Type.String({ minLength: 1, maxLength: 2000 }) }), response: { 200: Notice, ...Errors } },
      },
      async (request) => clusters.followUp(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/cluster-risk-notices/:id/close',
      {
        config: { access: 'cluster.manage' },
        schema: { tags, summary: '办结提示函（须已回复；If-Match 可选）', params: NoticeParams, body: Body({ closedOn: Type.Optional(DateString) }), response: { 200: Notice, ...Errors } },
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => clusters.close(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/clusters/:id/measures',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '登记采取的措施（稽查建议、技术指导、舆论引导、其他）',
          params: IdParams,
          body: Body({ kind: literals(CLUSTER_MEASURE_KINDS), takenOn: DateString, description: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 201: Measure, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await clusters.addMeasure(ctxOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/clusters/:id/measures',
      { config: { access: 'case.read' }, schema: { tags, summary: '采取的措施（新者在前）', params: IdParams, querystring: Paged, response: { 200: ListOf(Measure), 404: ErrorSchema } } },
      async (request) => clusters.measures(request.actor!, request.params.id, pageOf(request.query)),
    );

    app.put(
      '/api/clusters/:id/demonstration',
      {
        config: { access: 'cluster.manage' },
        schema: {
          tags,
          summary: '认定或取消优质产品生产示范区（If-Match 可选）',
          params: IdParams,
          body: Body({ demonstrationZone: Type.Boolean(), demonstrationOn: Type.Optional(Nullable(DateString)), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
          response: { 200: Cluster, ...Errors },
        },
      },
      async (request) => clusters.setDemonstration(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
