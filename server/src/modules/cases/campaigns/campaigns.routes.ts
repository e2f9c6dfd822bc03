import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { sendDocx, setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { CASE_STAGES } from '../cases.schema.js';
import type { CasesServices } from '../cases.services.js';
import { CAMPAIGN_STATUSES, PRODUCT_CATEGORIES } from './campaigns.schema.js';
import { TARGET_COUNT_MAX } from './campaigns.service.js';
import { renderReportDocx, renderReportXlsx } from './report.js';

const tags = ['cases'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Status = literals(CAMPAIGN_STATUSES);
const Category = literals(PRODUCT_CATEGORIES);

const campaignFields = {
  id: Type.String(),
  name: Type.String(),
  productCategory: Category,
  startOn: DateString,
  endOn: DateString,
  status: Status,
  regionCode: Type.String(),
  targetCount: Type.Integer(),
  participatingOrgIds: Type.Array(Type.String()),
  planId: Type.String({ description: '行动的抽查计划（名称为“专项执法行动：<行动名称>”）' }),
  createdByName: Type.String(),
  version: VersionSchema,
  createdAt: Timestamp,
};

const CampaignItem = Type.Object(campaignFields);

const Counts = { total: Type.Integer(), done: Type.Integer({ description: '已完成检查' }), withFindings: Type.Integer({ description: '发现问题的任务' }), findings: Type.Integer({ description: '发现问题（项）' }) };

const Campaign = Type.Object({
  ...campaignFields,
  description: Nullable(Type.String()),
  poolId: Type.String(),
  itemId: Type.String(),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  participatingOrgs: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  updatedAt: Timestamp,
  plan: Type.Object({
    id: Type.String(),
    name: Type.String(),
    year: Type.Integer(),
    quarters: Type.Array(Type.Integer()),
    mode: Type.String(),
    fixedCount: Nullable(Type.Integer()),
    inspectorsPerTask: Type.Integer(),
    regionCode: Type.String(),
  }),
  draws: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      committedAt: Timestamp,
      committedByName: Type.String(),
      revealedAt: Nullable(Timestamp),
      tasksCreatedAt: Nullable(Timestamp),
      cancelledAt: Nullable(Timestamp),
      cancelReason: Nullable(Type.String()),
      commitment: Type.String(),
    }),
    { description: '抽取（揭晓：POST /api/draws/:id/reveal；公开记录：/api/public/draws/:id）' },
  ),
  tasks: Type.Object({ ...Counts, byRegion: Type.Array(Type.Object({ regionCode: Type.String(), orgId: Type.String(), ...Counts })) }),
  cases: Type.Object({
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        caseNo: Type.String(),
        stage: literals(CASE_STAGES),
        partyName: Type.String(),
        uscc: Nullable(Type.String()),
        regionCode: Type.String(),
        orgId: Type.String(),
        openedOn: Nullable(DateString),
        decidedOn: Nullable(DateString),
        amountDue: Nullable(Type.Number()),
        transferred: Type.Boolean(),
        transfers: Type.Integer(),
      }),
      { description: '读者可查看的案件' },
    ),
    total: Type.Integer({ description: '行动的全部案件数' }),
    byStage: Type.Record(Type.String(), Type.Integer()),
    fines: Type.Number({ description: '已作出处罚决定案件的罚没金额合计（元）' }),
    transfers: Type.Integer({ description: '移送公安机关（次）' }),
  }),
});

/** The draw as `POST /api/inspection-plans/:id/draws` answers it (described loosely: the inspections module owns its shape). */
const DrawSummary = Type.Object({ id: Type.String(), planId: Type.String(), status: Type.String(), commitment: Type.String(), commitStatement: Nullable(Type.String()) }, { additionalProperties: true });

/** 专项执法行动 (README.md). */
export const campaignsRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const campaigns = services.campaigns;

    app.post(
      '/api/campaigns',
      {
        config: { access: 'campaign.manage' },
        schema: {
          tags,
          summary: '设立专项执法行动（同时生成抽查计划“专项执法行动：<名称>”，按行动期间的季度、固定抽取数）',
          body: Body({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            productCategory: Category,
            description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            startOn: DateString,
            endOn: DateString,
            participatingOrgIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
            poolId: Id,
            itemId: Id,
            targetCount: Type.Integer({ minimum: 1, maximum: TARGET_COUNT_MAX }),
            pastPeriodReason: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '行动期间所在季度均已结束时必填（抽查计划的补录理由）' }))),
          }),
          response: { 201: Campaign, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await campaigns.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/campaigns',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '专项执法行动（开始日期新者在前）',
          querystring: Type.Object(
            { status: Type.Optional(Status), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(CampaignItem) },
        },
      },
      async (request) => campaigns.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/campaigns/:id',
      { config: { access: 'case.read' }, schema: { tags, summary: '专项执法行动：计划、抽取、检查任务汇总、案件', params: IdParams, response: { 200: Campaign, 404: ErrorSchema } } },
      async (request) => campaigns.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/campaigns/:id/draws',
      {
        config: { access: 'campaign.manage' },
        schema: { tags, summary: '摇号抽取检查对象：封存候选名单并公布承诺值（揭晓：POST /api/draws/:id/reveal）', params: IdParams, response: { 201: DrawSummary, ...Errors } },
      },
      async (request, reply) => reply.status(201).send(await campaigns.commitDraw(ctxOf(request), request.params.id)),
    );

    app.post(
      '/api/campaigns/:id/status',
      {
        config: { access: 'campaign.manage' },
        schema: {
          tags,
          summary: '开始或结束行动（只能向前：未开始 → 进行中 → 已结束；If-Match 可选）',
          params: IdParams,
          body: Body({ status: literals(['running', 'finished'] as const) }),
          response: { 200: Campaign, ...Errors },
        },
      },
      async (request) => campaigns.setStatus(ctxOf(request), request.params.id, request.body.status, ifMatch(request)),
    );

    app.get(
      '/api/campaigns/:id/report.docx',
      { config: { access: 'case.read' }, schema: { tags, summary: '行动情况报告（.docx：检查、发现问题、案件、罚没金额、移送，分单位）', params: IdParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        return sendDocx(reply, `campaign-report-${request.params.id}.docx`, await renderReportDocx(await campaigns.reportFacts(request.actor!, request.params.id), todayInChina()));
      },
    );

    app.get(
      '/api/campaigns/:id/report.xlsx',
      { config: { access: 'case.read' }, schema: { tags, summary: '行动情况报告（.xlsx：汇总、案件、办案环节）', params: IdParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const doc = await renderReportXlsx(await campaigns.reportFacts(request.actor!, request.params.id));
        setAttachment(reply, `campaign-report-${request.params.id}.xlsx`, doc.fileName);
        return reply.type(XLSX).send(doc.content);
      },
    );
  };
