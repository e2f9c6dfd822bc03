import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { HAZARD_LEVELS } from '../hazards/hazards.schema.js';
import { NOTICE_HAZARDS_MAX } from './supervision.service.js';

const tags = ['equipment'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const counts = {
  hazards: Type.Integer({ description: '通报的隐患数' }),
  closed: Type.Integer({ description: '县局已报告闭环的隐患数' }),
  open: Type.Integer({ description: '尚未闭环的隐患数' }),
  overdue: Type.Integer({ description: '已过报告期限仍未闭环的隐患数' }),
};

const NoticeItem = Type.Object({
  id: Type.String(),
  documentNo: Type.String(),
  title: Type.String(),
  toOrgId: Type.String(),
  toOrgName: Type.String(),
  regionCode: Type.String(),
  issuedOn: DateString,
  replyDueOn: DateString,
  summary: Nullable(Type.String()),
  fileName: Type.String(),
  issuedByName: Type.String(),
  createdAt: Timestamp,
  ...counts,
});

const NoticeHazard = Type.Object({
  id: Type.String(),
  equipmentId: Nullable(Type.String()),
  equipmentCode: Nullable(Type.String()),
  userUscc: Type.String(),
  userName: Nullable(Type.String()),
  regionCode: Type.String(),
  foundOn: DateString,
  description: Type.String(),
  level: literals(HAZARD_LEVELS),
  correctionDueOn: DateString,
  correctedOn: Nullable(DateString),
  countyClosedOn: Nullable(DateString),
  countyClosedNote: Nullable(Type.String()),
  version: Type.Integer(),
  status: literals(['open', 'closed'] as const),
  overdue: Type.Boolean({ description: '未闭环且今天（北京时间）已过通报的报告期限' }),
});

const Notice = Type.Object({ ...NoticeItem.properties, hazards: Type.Array(NoticeHazard) });

/** The 暗访通报 (city → county) and the county's report of each hazard closed. */
export const supervisionRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const supervision = services.supervision;
    app.post(
      '/api/equipment-notices',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags,
          summary: '市局向县区局发出特种设备暗访通报（生成 .docx；县区局收到待办）',
          body: Body({
            toOrgId: Type.String({ format: 'uuid', description: '县区市场监管局' }),
            hazardIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: NOTICE_HAZARDS_MAX, description: '暗访（监督检查）发现的该县区隐患' }),
            replyDueOn: Type.Optional(Nullable(DateString)),
            summary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 201: Notice, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await supervision.issue(ctxOf(request), request.body)),
    );
    app.get(
      '/api/equipment-notices',
      {
        config: { access: 'equipment.read' },
        schema: { tags, summary: '暗访通报列表（市局：全部；县区局：发给本局的），含各通报隐患的闭环、未闭环、逾期数', querystring: Type.Object({ ...PageQuery, toOrgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }), response: { 200: ListOf(NoticeItem) } },
      },
      async (request) => supervision.list(request.actor!, { toOrgId: request.query.toOrgId }, pageOf(request.query)),
    );
    app.get('/api/equipment-notices/:id', { config: { access: 'equipment.read' }, schema: { tags, summary: '暗访通报详情（逐项隐患及其闭环情况）', params: IdParams, response: { 200: Notice, 404: ErrorSchema } } }, async (request) =>
      supervision.get(request.actor!, request.params.id),
    );
    app.get(
      '/api/equipment-notices/:id/document',
      { config: { access: 'equipment.read' }, schema: { tags, summary: '下载暗访通报（.docx）', params: IdParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const doc = await supervision.document(request.actor!, request.params.id);
        setAttachment(reply, `equipment-notice-${request.params.id}.docx`, doc.fileName);
        return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(doc.content);
      },
    );
    app.post(
      '/api/equipment-hazards/:id/county-close',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags,
          summary: '县区局报告通报隐患已整改闭环（未整改的隐患同时记为当日整改完成）',
          params: IdParams,
          body: Body({ closedOn: DateString, note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
          response: { 200: Notice, ...Errors },
        },
      },
      async (request) => supervision.countyClose(ctxOf(request), request.params.id, request.body),
    );
  };
