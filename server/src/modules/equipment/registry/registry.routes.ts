import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { importDescription, importRouteSchema, receiveImport } from '../../../platform/files/upload.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { EQUIPMENT_STATUSES, INSPECTION_CONCLUSIONS, KEY_UNIT_KINDS } from './registry.schema.js';
import { CATEGORY_CODE_PATTERN } from './registry.service.js';
import { EQUIPMENT_CODE_PATTERN } from './unit-fields.js';
import { SORTS } from './unit-reads.js';
import { unitFileHeader } from './export-equipment.js';

const Status = literals(EQUIPMENT_STATUSES);
const Conclusion = literals(INSPECTION_CONCLUSIONS);
const KeyUnitKind = literals(KEY_UNIT_KINDS);
const CategoryCode = Type.String({ minLength: 1, maxLength: 8 });
const Uscc = Type.String({ minLength: 1, maxLength: 40 });
const RegionCode = Type.String({ minLength: 1, maxLength: 12 });

/** A unit as the API answers it (issue 16's Equipment JSON, plus manufacturer, model, factory number, version and times). */
export const Equipment = Type.Object({
  id: Type.String(),
  category: Type.String({ description: '设备类别（目录大类代码，如 3000 电梯）' }),
  subcategory: Nullable(Type.String({ description: '设备品种（如 3100）' })),
  equipmentCode: Type.String({ description: '设备代码' }),
  registrationNo: Nullable(Type.String({ description: '使用登记证编号' })),
  userUscc: Type.String({ description: '使用单位统一社会信用代码' }),
  userName: Type.String({ description: '使用单位名称（取自市场主体名录）' }),
  regionCode: Type.String(),
  address: Type.String(),
  keyUnitKind: Nullable(KeyUnitKind),
  safetyGrade: Nullable(Type.Integer({ minimum: 1, maximum: 5, description: '压力容器安全状况等级' })),
  putIntoServiceOn: DateString,
  status: Status,
  lastInspectedOn: Nullable(DateString),
  lastConclusion: Nullable(Conclusion),
  nextInspectionDue: Nullable(DateString),
  overdue: Type.Boolean({ description: '在用且今天（北京时间）已过下次检验日期；到期当天不算超期' }),
  failedInUse: Type.Boolean({ description: '上次检验不合格且仍在用' }),
  manufacturer: Nullable(Type.String()),
  model: Nullable(Type.String()),
  factoryNo: Nullable(Type.String()),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const EquipmentEvent = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'registered 登记 | imported 导入 | changed 变更 | transition 状态变更 | inspected 检验 …' }),
  fromStatus: Nullable(Status),
  toStatus: Nullable(Status),
  reason: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  actorName: Type.String(),
  at: Timestamp,
});

const Category = Type.Object({
  code: Type.String(),
  parentCode: Nullable(Type.String()),
  name: Type.String(),
  needsOperator: Type.Boolean({ description: '须持证作业人员操作（计入持证上岗率）' }),
  operatorWorkItems: Type.Array(Type.String(), { description: '可操作此类设备的作业项目代码（TSG Z6001）' }),
  builtin: Type.Boolean(),
  sort: Type.Integer(),
  version: VersionSchema,
});

/** The list's filters (the export takes them too). */
export const EquipmentFilterQuery = {
  category: Type.Optional(CategoryCode),
  status: Type.Optional(Status),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' })),
  userUscc: Type.Optional(Uscc),
  overdue: Type.Optional(Type.Boolean()),
  dueWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '今后 N 天内到期（含已超期）的在用设备' })),
  keyUnitKind: Type.Optional(KeyUnitKind),
  q: Type.Optional(Type.String({ maxLength: 100, description: '设备代码、使用登记证编号（前缀），设备地址、使用单位名称（包含）' })),
  sort: Type.Optional(literals(SORTS)),
};

const Text = (max: number) => Type.String({ maxLength: max });
const UnitFields = {
  category: CategoryCode,
  subcategory: Nullable(CategoryCode),
  registrationNo: Nullable(Text(64)),
  userUscc: Uscc,
  regionCode: RegionCode,
  address: Type.String({ minLength: 1, maxLength: 300 }),
  manufacturer: Nullable(Text(200)),
  model: Nullable(Text(100)),
  factoryNo: Nullable(Text(100)),
  putIntoServiceOn: DateString,
  keyUnitKind: Nullable(KeyUnitKind),
  // Not Nullable(Integer): with type coercion on, the null branch of a union would take 0 as null.
  safetyGrade: Type.Unsafe<number | null>({ type: 'integer', nullable: true, description: '安全状况等级 1–5（仅压力容器）' }),
};

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };
const READ = ['equipment.read', 'enterprise_self.read'] as const;
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 8 }) }, { additionalProperties: false });

export const registryRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = services.registry;

    app.get(
      '/api/equipment-categories',
      { config: { access: [...READ] }, schema: { tags: ['equipment'], summary: '特种设备目录（大类与品种）', response: { 200: ListOf(Category) } } },
      async () => service.categories.list(),
    );

    app.post(
      '/api/equipment-categories',
      {
        config: { access: 'equipment.configure' },
        schema: {
          tags: ['equipment'],
          summary: '新增设备类别或品种',
          body: Body({
            code: Type.String({ pattern: CATEGORY_CODE_PATTERN, description: '4 位数字或大写字母' }),
            parentCode: Type.Optional(Nullable(CategoryCode)),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            needsOperator: Type.Optional(Type.Boolean()),
            operatorWorkItems: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { maxItems: 30 })),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          }),
          response: { 201: Category, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.categories.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/equipment-categories/:code',
      {
        config: { access: 'equipment.configure' },
        schema: {
          tags: ['equipment'],
          summary: '修改设备类别（名称、持证作业要求；If-Match）',
          params: CodeParams,
          body: Body({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            needsOperator: Type.Optional(Type.Boolean()),
            operatorWorkItems: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { maxItems: 30 })),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          }),
          response: { 200: Category, ...WriteErrors },
        },
      },
      async (request) => service.categories.update(ctxOf(request), request.params.code, request.body, ifMatch(request)),
    );

    app.get(
      '/api/equipment',
      {
        config: { access: [...READ] },
        schema: {
          tags: ['equipment'],
          summary: '特种设备列表（企业账号只见本企业的设备）',
          querystring: Type.Object({ ...EquipmentFilterQuery, ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Equipment), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, sort, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }), sort);
      },
    );

    app.post(
      '/api/equipment',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: ['equipment'],
          summary: '登记特种设备（可带使用登记时的检验状态）',
          body: Body({
            ...UnitFields,
            subcategory: Type.Optional(UnitFields.subcategory),
            registrationNo: Type.Optional(UnitFields.registrationNo),
            manufacturer: Type.Optional(UnitFields.manufacturer),
            model: Type.Optional(UnitFields.model),
            factoryNo: Type.Optional(UnitFields.factoryNo),
            keyUnitKind: Type.Optional(UnitFields.keyUnitKind),
            safetyGrade: Type.Optional(UnitFields.safetyGrade),
            equipmentCode: Type.String({ maxLength: 64, description: `设备代码：${EQUIPMENT_CODE_PATTERN}` }),
            status: Type.Optional(Status),
            lastInspectedOn: Type.Optional(Nullable(DateString)),
            lastConclusion: Type.Optional(Nullable(Conclusion)),
            nextInspectionDue: Type.Optional(Nullable(DateString)),
          }),
          response: { 201: Equipment, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/equipment/:id',
      { config: { access: [...READ] }, schema: { tags: ['equipment'], summary: '特种设备详情', params: IdParams, response: { 200: Equipment, 404: ErrorSchema } } },
      async (request) => service.get(request.actor!, request.params.id),
    );

    app.patch(
      '/api/equipment/:id',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: ['equipment'],
          summary: '变更设备信息（设备代码、使用状态、检验状态另有接口；If-Match）',
          params: IdParams,
          body: Type.Partial(Body(UnitFields), { additionalProperties: false }),
          response: { 200: Equipment, ...WriteErrors },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/equipment/:id/transitions',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: ['equipment'],
          summary: '变更使用状态：在用⇄停用，在用/停用→报废，停用/报废→注销（If-Match）',
          params: IdParams,
          body: Body({ to: Status, reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
          response: { 200: Equipment, ...WriteErrors },
        },
      },
      async (request) => service.transition(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/equipment/:id/history',
      { config: { access: [...READ] }, schema: { tags: ['equipment'], summary: '设备履历（最新在前）：登记、变更、状态变更、检验', params: IdParams, response: { 200: ListOf(EquipmentEvent), 404: ErrorSchema } } },
      async (request) => service.history(request.actor!, request.params.id),
    );

    app.post(
      '/api/equipment/import',
      {
        config: { access: 'equipment.import' },
        schema: {
          tags: ['equipment'],
          summary: '批量导入特种设备（.xlsx / .csv，UTF-8 或 GBK）',
          description: importDescription(
            '只新增设备：设备代码或使用登记证编号已登记的行、使用单位不在名录中的行被拒绝。列：设备代码、使用登记证编号、设备类别（代码或名称）、设备品种、使用单位统一社会信用代码、所在区划、设备地址、制造单位、型号、出厂编号、投入使用日期、使用状态、重点场所类型、安全状况等级、上次检验日期、检验结论、下次检验日期。',
          ),
          ...importRouteSchema,
        },
      },
      async (request) => receiveImport(request, (file, modeOf) => service.importUnits(ctxOf(request), file, modeOf)),
    );

    app.get(
      '/api/equipment/import/template',
      {
        config: { access: 'equipment.import' },
        schema: {
          tags: ['equipment'],
          summary: '特种设备导入模板（表头行）',
          querystring: Type.Object({ format: Type.Optional(literals(EXPORT_FORMATS)) }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary },
        },
      },
      async (request, reply) => {
        async function* rows() {
          yield unitFileHeader();
        }
        return sendSpreadsheet(reply, request.query.format ?? 'xlsx', rows(), { asciiName: 'equipment-template', title: '特种设备导入模板' });
      },
    );

    app.get(
      '/api/equipment/export',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags: ['equipment'],
          summary: '导出特种设备列表（与导入相同的列，另加使用单位名称）',
          querystring: Type.Object({ format: literals(EXPORT_FORMATS), ...EquipmentFilterQuery }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary },
        },
      },
      async (request, reply) => {
        const { format, sort: _sort, ...filter } = request.query;
        return sendSpreadsheet(reply, format, service.exportRows(request.actor!, filter), { asciiName: 'equipment', title: '特种设备' });
      },
    );
  };
