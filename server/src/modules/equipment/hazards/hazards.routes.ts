import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { receiveAttachment } from '../../../platform/documents/upload.js';
import { setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { HAZARD_LEVELS, HAZARD_SOURCES } from './hazards.schema.js';
import { HAZARD_FILE_EXTENSIONS } from './hazards.service.js';

const Source = literals(HAZARD_SOURCES);
const Level = literals(HAZARD_LEVELS);
const Uscc = Type.String({ minLength: 1, maxLength: 40 });
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

const Hazard = Type.Object({
  id: Type.String(),
  equipmentId: Nullable(Type.String()),
  equipmentCode: Nullable(Type.String()),
  userUscc: Type.String(),
  userName: Nullable(Type.String()),
  regionCode: Type.String(),
  source: Source,
  selfInspectionId: Nullable(Type.String()),
  foundOn: DateString,
  description: Type.String(),
  level: Level,
  correctionDueOn: DateString,
  correctedOn: Nullable(DateString),
  correctionNote: Nullable(Type.String()),
  correctedByKind: Nullable(literals(['enterprise', 'staff'] as const)),
  status: literals(['open', 'closed'] as const),
  overdue: Type.Boolean({ description: '未整改且今天（北京时间）已过整改期限' }),
  correctedOnTime: Nullable(Type.Boolean({ description: '在整改期限当天或之前整改完成；未整改为 null' })),
  taskId: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  noticeId: Nullable(Type.String()),
  countyClosedOn: Nullable(DateString),
  countyClosedNote: Nullable(Type.String()),
  createdByName: Type.String(),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const HazardFile = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), uploadedByName: Type.String(), createdAt: Timestamp });
const HazardDetail = Type.Composite([Hazard, Type.Object({ files: Type.Array(HazardFile) })]);

const SelfInspection = Type.Object({
  id: Type.String(),
  userUscc: Type.String(),
  userName: Nullable(Type.String()),
  regionCode: Type.String(),
  inspectedOn: DateString,
  note: Nullable(Type.String()),
  reportedByKind: literals(['enterprise', 'staff'] as const),
  reportedByName: Type.String(),
  hazardCount: Type.Integer(),
  openHazards: Type.Integer(),
  createdAt: Timestamp,
});

const Accident = Type.Object({
  id: Type.String(),
  equipmentId: Nullable(Type.String()),
  equipmentCode: Nullable(Type.String()),
  userUscc: Type.String(),
  userName: Nullable(Type.String()),
  regionCode: Type.String(),
  occurredOn: DateString,
  description: Type.String(),
  casualties: Type.Integer(),
  createdByName: Type.String(),
  createdAt: Timestamp,
});

const Figures = {
  found: Type.Integer({ description: '当年自查发现的隐患数' }),
  due: Type.Integer({ description: '其中整改期限已过（今天晚于期限）的' }),
  correctedOnTime: Type.Integer({ description: '到期的隐患中在期限当天或之前整改完成的' }),
  rate: Nullable(Type.Number({ description: 'correctedOnTime ÷ due；没有到期的隐患时为 null' })),
  target: Type.Number({ description: '目标：不低于 0.9' }),
};
const SelfCorrection = Type.Object({ year: Type.Integer(), ...Figures });
const SelfCorrectionQuery = Type.Object(
  { regionCode: Type.Optional(RegionCode), year: Type.Optional(Year), userUscc: Type.Optional(Uscc) },
  { additionalProperties: false },
);

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };
const WRITE = ['equipment.write', 'enterprise_self.report'] as const;
const READ = ['equipment.read', 'enterprise_self.read'] as const;
const FileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });

/**
 * Hazards (隐患) and their correction with evidence, enterprise self-inspections (企业自查), the
 * self-correction rate and accidents. Enterprise accounts use the hazard and self-inspection routes
 * for their own enterprise (writes: `enterprise_self.report`; reads: `enterprise_self.read`).
 */
export const hazardsRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const hazards = services.hazards;
    const tags = ['equipment'];

    app.post(
      '/api/equipment-hazards',
      {
        config: { access: WRITE },
        schema: {
          tags,
          summary: '登记隐患（设备或使用单位；企业账号仅可报告本企业设备的自查隐患）',
          body: Body({
            equipmentId: Type.Optional(Nullable(Id)),
            userUscc: Type.Optional(Nullable(Uscc)),
            source: Source,
            foundOn: DateString,
            description: Type.String({ maxLength: 5000 }),
            level: Level,
            correctionDueOn: DateString,
            selfInspectionId: Type.Optional(Nullable(Id)),
          }),
          response: { 201: Hazard, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await hazards.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/equipment-hazards',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: '隐患列表（数据范围内；企业账号仅本企业），发现日期新的在前',
          querystring: Type.Object(
            {
              ...PageQuery,
              userUscc: Type.Optional(Uscc),
              regionCode: Type.Optional(RegionCode),
              equipmentId: Type.Optional(Id),
              source: Type.Optional(Source),
              level: Type.Optional(Level),
              status: Type.Optional(literals(['open', 'closed'] as const)),
              overdue: Type.Optional(Type.Boolean({ description: 'true：未整改且已过整改期限' })),
              year: Type.Optional(Year),
              selfInspectionId: Type.Optional(Id),
              noticeId: Type.Optional(Id),
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Hazard) },
        },
      },
      async (request) => hazards.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/equipment-hazards/:id',
      { config: { access: READ }, schema: { tags, summary: '隐患详情（含整改证明材料）', params: IdParams, response: { 200: HazardDetail, 404: ErrorSchema } } },
      async (request) => hazards.get(request.actor!, request.params.id),
    );

    app.patch(
      '/api/equipment-hazards/:id',
      {
        config: { access: WRITE },
        schema: {
          tags,
          summary: '修改未整改隐患的描述、级别或整改期限（If-Match 可选；企业账号仅本企业的自查隐患）',
          params: IdParams,
          body: Body({ description: Type.Optional(Type.String({ maxLength: 5000 })), level: Type.Optional(Level), correctionDueOn: Type.Optional(DateString) }),
          response: { 200: Hazard, ...WriteErrors },
        },
      },
      async (request) => hazards.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/equipment-hazards/:id/correct',
      {
        config: { access: WRITE },
        schema: {
          tags,
          summary: '报告隐患整改完成（日期不晚于今天、不早于发现日期；企业账号须先上传整改证明材料；If-Match 可选）',
          params: IdParams,
          body: Body({ correctedOn: DateString, note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }),
          response: { 200: Hazard, ...WriteErrors },
        },
      },
      async (request) => hazards.correct(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/equipment-hazards/:id/files',
      {
        config: { access: WRITE },
        schema: {
          tags,
          summary: '上传整改证明材料',
          description: `multipart/form-data，字段 file；${HAZARD_FILE_EXTENSIONS.join('、')}（按文件内容校验），不超过 20 MB，每个隐患最多 10 个；仅未整改的隐患。`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: HazardFile, ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content } = await receiveAttachment(request);
        return reply.status(201).send(await hazards.addFile(ctxOf(request), request.params.id, { fileName, content }));
      },
    );

    app.get(
      '/api/equipment-hazards/:id/files/:fileId',
      { config: { access: READ }, schema: { tags, summary: '下载整改证明材料', params: FileParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const file = await hazards.file(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `hazard-file-${request.params.fileId}${ext}`, file.fileName);
        return reply.type(file.contentType).send(file.content);
      },
    );

    app.delete(
      '/api/equipment-hazards/:id/files/:fileId',
      { config: { access: WRITE }, schema: { tags, summary: '删除误传的整改证明材料（仅未整改的隐患）', params: FileParams, response: { 204: Type.Null(), ...Errors } } },
      async (request, reply) => {
        await hazards.removeFile(ctxOf(request), request.params.id, request.params.fileId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/equipment-self-inspections',
      {
        config: { access: WRITE },
        schema: {
          tags,
          summary: '报告企业自查（企业账号：本企业；工作人员须填 userUscc）及发现的隐患',
          body: Body({
            userUscc: Type.Optional(Uscc),
            inspectedOn: DateString,
            note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
            hazards: Type.Array(
              Body({ equipmentId: Type.Optional(Nullable(Id)), description: Type.String({ maxLength: 5000 }), level: Level, correctionDueOn: DateString }),
              { maxItems: 100 },
            ),
          }),
          response: { 201: Type.Composite([SelfInspection, Type.Object({ hazards: Type.Array(Hazard) })]), ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await hazards.selfInspections.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/equipment-self-inspections',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: '企业自查记录（数据范围内；企业账号仅本企业），自查日期新的在前',
          querystring: Type.Object({ ...PageQuery, userUscc: Type.Optional(Uscc), regionCode: Type.Optional(RegionCode), year: Type.Optional(Year) }, { additionalProperties: false }),
          response: { 200: ListOf(SelfInspection) },
        },
      },
      async (request) => hazards.selfInspections.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/equipment-self-inspections/:id',
      { config: { access: READ }, schema: { tags, summary: '企业自查记录详情（其隐患见 /api/equipment-hazards?selfInspectionId=）', params: IdParams, response: { 200: SelfInspection, 404: ErrorSchema } } },
      async (request) => hazards.selfInspections.get(request.actor!, request.params.id),
    );

    app.get(
      '/api/equipment-stats/self-correction',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: '企业隐患自查自纠率（按发现年份；企业、县区或全市，数据范围内；目标不低于 90%）',
          querystring: SelfCorrectionQuery,
          response: { 200: SelfCorrection, 400: ErrorSchema },
        },
      },
      async (request) => hazards.selfCorrection.rate(request.actor!, request.query),
    );

    app.get(
      '/api/equipment-stats/self-correction/by-county',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags,
          summary: '各县区的企业隐患自查自纠率（数据范围内，按区划代码排序）',
          querystring: SelfCorrectionQuery,
          response: { 200: Type.Object({ year: Type.Integer(), items: Type.Array(Type.Object({ regionCode: Type.String(), ...Figures })) }) },
        },
      },
      async (request) => hazards.selfCorrection.byCounty(request.actor!, request.query),
    );

    app.post(
      '/api/equipment-accidents',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags,
          summary: '登记特种设备事故（设备或使用单位；计入使用单位分级）',
          body: Body({
            equipmentId: Type.Optional(Nullable(Id)),
            userUscc: Type.Optional(Nullable(Uscc)),
            occurredOn: DateString,
            description: Type.String({ maxLength: 5000 }),
            casualties: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
          }),
          response: { 201: Accident, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await hazards.accidents.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/equipment-accidents',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags,
          summary: '特种设备事故（数据范围内），发生日期新的在前',
          querystring: Type.Object({ ...PageQuery, userUscc: Type.Optional(Uscc), regionCode: Type.Optional(RegionCode), equipmentId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false }),
          response: { 200: ListOf(Accident) },
        },
      },
      async (request) => hazards.accidents.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/equipment-accidents/:id',
      { config: { access: 'equipment.read' }, schema: { tags, summary: '特种设备事故详情', params: IdParams, response: { 200: Accident, 404: ErrorSchema } } },
      async (request) => hazards.accidents.get(request.actor!, request.params.id),
    );
  };
