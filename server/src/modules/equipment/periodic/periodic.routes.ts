import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, NoContent, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { INSPECTION_CONCLUSIONS } from '../registry/registry.schema.js';
import { Equipment } from '../registry/registry.routes.js';
import { DEFAULT_DUE_WITHIN } from './due-list.js';
import { MAX_INTERVAL_MONTHS } from './due-rules.js';
import { PERIODIC_KINDS } from './periodic.schema.js';

const Kind = literals(PERIODIC_KINDS);
const Conclusion = literals(INSPECTION_CONCLUSIONS);
const CategoryCode = Type.String({ pattern: '^[0-9A-Z]{4}$' });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const READ = ['equipment.read', 'enterprise_self.read'] as const;
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };

const Inspection = Type.Object({
  id: Type.String(),
  equipmentId: Type.String(),
  kind: Kind,
  institution: Type.String({ description: '检验机构' }),
  inspectedOn: DateString,
  reportNo: Type.String({ description: '检验报告编号' }),
  conclusion: Conclusion,
  nextDue: Nullable(DateString),
  dueAnswered: Nullable(DateString),
  ruleId: Nullable(Type.String()),
  recordedByName: Type.String(),
  createdAt: Timestamp,
});

const Recorded = Type.Composite([
  Inspection,
  Type.Object({
    nextInspectionDue: Nullable(DateString),
    lastConclusion: Nullable(Conclusion),
    overdue: Type.Boolean(),
    failedInUse: Type.Boolean(),
  }),
]);

const RuleFields = {
  category: CategoryCode,
  subcategory: Type.Optional(Nullable(CategoryCode)),
  kind: Type.Optional(Nullable(Kind)),
  safetyGrade: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  basis: Type.Optional(literals(['periodic', 'first'] as const)),
  intervalMonths: Type.Integer({ minimum: 0, maximum: MAX_INTERVAL_MONTHS, description: '检验周期（月）；0 表示不计下次检验日期' }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};

const DueRule = Type.Object({
  id: Type.String(),
  category: Type.String(),
  subcategory: Nullable(Type.String()),
  kind: Nullable(Kind),
  safetyGrade: Nullable(Type.Integer()),
  basis: literals(['periodic', 'first'] as const),
  intervalMonths: Type.Integer(),
  note: Nullable(Type.String()),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Overview = Type.Object({
  year: Type.Integer(),
  regionCode: Nullable(Type.String()),
  today: DateString,
  units: Type.Object({
    total: Count,
    byCategory: Type.Record(Type.String(), Count, { description: '在用和停用设备数，按目录大类' }),
    byRegion: Type.Record(Type.String(), Count, { description: '在用和停用设备数，按设备所在区县' }),
  }),
  inspections: Type.Object({ total: Count, onTime: Count, onTimeRate: Rate }),
  overdue: Count,
  failedInUse: Count,
  hazards: Type.Object({ open: Count, closed: Count }),
  certifiedOperatorRate: Rate,
  selfCorrectionRate: Rate,
  selfCorrectionTarget: Type.Number(),
});

/** Periodic inspection's routes (README.md). */
export const periodicRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { periodic } = services;

    app.get(
      '/api/equipment-due-rules',
      { config: { access: 'equipment.read' }, schema: { tags: ['equipment'], summary: '定期检验周期规则', response: { 200: ListOf(DueRule), 403: ErrorSchema } } },
      async () => periodic.rules.list(),
    );

    app.post(
      '/api/equipment-due-rules',
      { config: { access: 'equipment.configure' }, schema: { tags: ['equipment'], summary: '新增检验周期规则', body: Body(RuleFields), response: { 201: DueRule, ...Errors } } },
      async (request, reply) => reply.status(201).send(await periodic.rules.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/equipment-due-rules/:id',
      {
        config: { access: 'equipment.configure' },
        schema: { tags: ['equipment'], summary: '修改检验周期规则（If-Match）', params: IdParams, body: Body({ ...RuleFields, category: Type.Optional(CategoryCode), intervalMonths: Type.Optional(RuleFields.intervalMonths) }), response: { 200: DueRule, ...WriteErrors } },
      },
      async (request) => periodic.rules.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.delete(
      '/api/equipment-due-rules/:id',
      { config: { access: 'equipment.configure' }, schema: { tags: ['equipment'], summary: '删除检验周期规则（If-Match）', params: IdParams, response: { 204: NoContent, ...WriteErrors } } },
      async (request, reply) => {
        await periodic.rules.remove(ctxOf(request), request.params.id, ifMatch(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/equipment/:id/inspections',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: ['equipment'],
          summary: '登记定期检验（特种设备安全法第四十条）',
          params: IdParams,
          body: Body({
            inspectedOn: DateString,
            kind: Type.Optional(Kind),
            institution: Type.String({ minLength: 1, maxLength: 200 }),
            reportNo: Type.String({ minLength: 1, maxLength: 100 }),
            conclusion: Conclusion,
          }),
          response: { 201: Recorded, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await periodic.inspections.record(ctxOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/equipment/:id/inspections',
      { config: { access: READ }, schema: { tags: ['equipment'], summary: '设备的定期检验记录（最新在前）', params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: ListOf(Inspection), 404: ErrorSchema } } },
      async (request) => periodic.inspections.list(request.actor!, request.params.id, pageOf(request.query)),
    );

    app.get(
      '/api/equipment/due',
      {
        config: { access: READ },
        schema: {
          tags: ['equipment'],
          summary: '待检设备：在用且下次检验日期不晚于今天 + within 天（超期在前）',
          querystring: Type.Object({ within: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: DEFAULT_DUE_WITHIN })), regionCode: Type.Optional(RegionCode), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Equipment), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...query } = request.query;
        return periodic.due.list(request.actor!, query, pageOf({ page, pageSize }));
      },
    );

    app.get(
      '/api/equipment-stats/overview',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags: ['equipment'],
          summary: '特种设备监管看板数据',
          querystring: Type.Object({ regionCode: Type.Optional(RegionCode), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
          response: { 200: Overview, 400: ErrorSchema },
        },
      },
      async (request) => periodic.stats.overview(request.actor!, request.query),
    );
  };
