import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, pageOf } from '../../../platform/http/schemas.js';
import { CASE_ACTIONS, type LeadSource } from '../cases.schema.js';
import type { CasesServices } from '../cases.services.js';
import { ACTION_LABELS } from './labels.js';
import { CaseEventSchema, CaseFileSchema, CaseItemSchema, CaseOfLeadSchema, CaseSchema, EvidenceSchema, LeadSourceSchema, RegionCode, Stage } from './schemas.js';
import { receiveFiles } from './upload.js';

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

const CreateBody = Body({
  leadSource: LeadSourceSchema,
  leadId: Type.Optional(Nullable(Id)),
  leadRef: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '线索编号（如其他部门的移送函号）' }))),
  uscc: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  partyName: Type.Optional(Type.String({ maxLength: 200, description: '当事人；来自线索时可省略' })),
  partyAddress: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  summary: Type.Optional(Type.String({ maxLength: 2000, description: '案情摘要；来自线索时可省略' })),
  foundOn: Type.Optional(DateString),
  regionCode: Type.Optional(Nullable(RegionCode)),
  campaignId: Type.Optional(Nullable(Id)),
});

/**
 * The lifecycle's routes: create, list, detail (ETag), the actions (If-Match), timeline, evidence
 * and its files, the cases of a lead. The actions' body is the union of every part's handler input
 * (`services.cases.handlers`), each branch strict.
 */
export const lifecycleRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const cases = services.cases;
    const tags = ['cases'];
    const present = CASE_ACTIONS.filter((a) => cases.handlers[a]);
    const branches: TSchema[] = present.map((a) => Type.Object({ action: Type.Literal(a, { description: ACTION_LABELS[a] }), ...cases.handlers[a]!.input }, { additionalProperties: false, title: `CaseAction_${a}` }));
    const ActionBody = branches.length ? Type.Union(branches) : Type.Object({ action: Type.String() }, { additionalProperties: false });

    app.post(
      '/api/cases',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '登记案件线索（阶段：线索）；来自无证经营线索、检查发现、投诉举报、特种设备隐患时须填 leadId',
          body: CreateBody,
          response: { 201: CaseSchema, 400: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await cases.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/cases',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '案件列表（本辖区及本局参与联办的案件），登记时间新的在前',
          querystring: Type.Object(
            {
              ...PageQuery,
              stage: Type.Optional(Stage),
              regionCode: Type.Optional(RegionCode),
              supervised: Type.Optional(Type.Boolean()),
              joint: Type.Optional(Type.Boolean()),
              overdue: Type.Optional(Type.Boolean({ description: 'true：立案决定或处罚决定期限已过而未决定' })),
              q: Type.Optional(Type.String({ maxLength: 100, description: '案件编号、当事人、统一社会信用代码' })),
              leadSource: Type.Optional(LeadSourceSchema),
              campaignId: Type.Optional(Id),
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(CaseItemSchema) },
        },
      },
      async (request) => cases.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/cases/by-lead',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '某条线索形成的案件（数据范围内）',
          querystring: Type.Object({ source: LeadSourceSchema, leadId: Id }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(CaseOfLeadSchema) }) },
        },
      },
      async (request) => cases.byLead(request.actor!, request.query.source as LeadSource, request.query.leadId),
    );

    app.get(
      '/api/cases/:id',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '案件详情（含当前用户可执行的操作与各项期限；响应头 ETag）', params: IdParams, response: { 200: CaseSchema, 404: ErrorSchema } },
      },
      async (request) => cases.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/cases/:id/actions',
      {
        // Each action has its own permission, checked by the service (403).
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '案件办理操作：立案、不予立案、延期、登记证据、提交审核、法制审核、告知、陈述申辩、听证、处罚决定、送达、缴款、强制执行、结案、移送、督办、进展报告、联办（If-Match 可选）',
          params: IdParams,
          body: ActionBody,
          response: { 200: CaseSchema, ...Errors },
        },
      },
      async (request) => {
        const { action, ...input } = request.body as { action: string } & Record<string, unknown>;
        return cases.act(ctxOf(request), request.params.id, action, input, ifMatch(request));
      },
    );

    app.get(
      '/api/cases/:id/events',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '案件办理时间线（先发生的在前）', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CaseEventSchema) }), 404: ErrorSchema } },
      },
      async (request) => cases.events(request.actor!, request.params.id),
    );

    app.get(
      '/api/cases/:id/evidence',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '案件证据清单（各联办单位均可查看；被询问人脱敏）', params: IdParams, response: { 200: Type.Object({ items: Type.Array(EvidenceSchema) }), 404: ErrorSchema } },
      },
      async (request) => cases.evidence(request.actor!, request.params.id),
    );

    app.post(
      '/api/cases/:id/evidence/:evidenceId/files',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '上传证据附件',
          description: 'multipart/form-data：附件放在字段 files（可多个，至多 5 个，每个不超过 20 MB；按文件内容检查格式）。已结案或不予立案的案件为 409。',
          consumes: ['multipart/form-data'],
          params: Type.Object({ id: Id, evidenceId: Id }, { additionalProperties: false }),
          response: { 201: ListOf(CaseFileSchema), ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const files = await receiveFiles(request);
        return reply.status(201).send(await cases.attach(ctxOf(request), request.params.id, request.params.evidenceId, files));
      },
    );

    app.get(
      '/api/cases/:id/files/:fileId',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '下载案件材料（响应头 X-Content-SHA256）', params: Type.Object({ id: Id, fileId: Id }, { additionalProperties: false }), response: { 200: Binary, 404: ErrorSchema } },
      },
      async (request, reply) => {
        const file = await cases.file(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `case-file-${request.params.fileId}${ext}`, file.fileName);
        reply.header('x-content-sha256', file.sha256);
        return reply.type(file.contentType).send(file.content);
      },
    );
  };
