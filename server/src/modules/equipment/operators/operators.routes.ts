import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ATTACHMENT_EXTENSIONS } from '../../../platform/documents/attachments.js';
import { receiveAttachment } from '../../../platform/documents/upload.js';
import { EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { EMERGENCY_KINDS } from './emergency.js';

const TAG = ['equipment'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };
const Uscc = Type.String({ minLength: 1, maxLength: 40 });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const WorkItemCode = Type.String({ pattern: '^[A-Z][A-Z0-9]{0,7}$', description: 'TSG Z6001 作业项目代号，如 G1、Q2、N1' });
const Score = Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.1 });

const WorkItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Nullable(Type.String()),
  builtin: Type.Boolean(),
  sort: Type.Integer(),
  validityYears: Type.Integer({ description: '证书有效期（年），默认 4' }),
  theoryPassMark: Type.Integer({ description: '理论考试合格分数线，默认 60' }),
  practicalPassMark: Type.Integer({ description: '实际操作考试合格分数线，默认 60' }),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Certificate = Type.Object({
  id: Type.String(),
  workItem: Type.String(),
  workItemName: Type.String(),
  certificateNo: Type.String(),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
  reviewDates: Type.Array(Type.String()),
  examSessionId: Nullable(Type.String()),
  revokedOn: Nullable(Type.String()),
  valid: Type.Boolean({ description: '今天有效：未撤销、已发证、未过期' }),
  version: Type.Integer(),
});

const Operator = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumber: Type.String({ description: '身份证号码：脱敏（320802********1234），经授权查看完整号码时为原文（记入审计日志）' }),
  idNumberRevealed: Type.Boolean(),
  employerUscc: Type.String(),
  employerName: Nullable(Type.String()),
  regionCode: Type.String(),
  certificates: Type.Array(Certificate),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const CertificateBody = {
  workItem: WorkItemCode,
  certificateNo: Type.String({ minLength: 1, maxLength: 64 }),
  issuedOn: DateString,
  expiresOn: Type.Optional(Nullable(DateString)),
};

const ExpiringCertificate = Type.Object({
  id: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.String(),
  idNumber: Type.String({ description: '脱敏的身份证号码' }),
  employerUscc: Type.String(),
  employerName: Nullable(Type.String()),
  regionCode: Type.String(),
  workItem: Type.String(),
  workItemName: Type.String(),
  certificateNo: Type.String(),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
  daysLeft: Type.Integer(),
});

const OperatorFilterQuery = {
  employerUscc: Type.Optional(Uscc),
  q: Type.Optional(Type.String({ maxLength: 100, description: '姓名或证书编号（部分匹配）' })),
  workItem: Type.Optional(WorkItemCode),
  expiringWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '持有未撤销且在今后 N 天内到期的证书' })),
  regionCode: Type.Optional(RegionCode),
};

const CoverageUnit = Type.Object({
  id: Type.String(),
  equipmentCode: Type.String(),
  registrationNo: Nullable(Type.String()),
  category: Type.String(),
  categoryName: Type.String(),
  workItems: Type.Array(Type.String(), { description: '可持证操作的作业项目' }),
  covered: Type.Boolean({ description: '使用单位有持该类有效证书的作业人员' }),
});

const UserUnitOperators = Type.Object({
  uscc: Type.String(),
  name: Type.String(),
  needing: Type.Integer({ description: '需持证作业人员的在用设备数' }),
  covered: Type.Integer({ description: '其中有持证作业人员的设备数' }),
  rate: Nullable(Type.Number({ description: '持证上岗率 = covered ÷ needing；无需持证设备时为 null' })),
  units: Type.Array(CoverageUnit),
  expiring: Type.Array(ExpiringCertificate, { description: '90 天内到期的证书' }),
});

const Session = Type.Object({
  id: Type.String(),
  heldOn: Type.String(),
  place: Type.String(),
  institutionUscc: Type.String(),
  institutionName: Nullable(Type.String()),
  workItems: Type.Array(Type.String()),
  trainingHours: Nullable(Type.Integer()),
  regionCode: Type.String(),
  createdByName: Type.String(),
  candidates: Type.Integer(),
  decided: Type.Integer({ description: '理论与实操成绩均已登记的考生数' }),
  passed: Type.Integer(),
  passRate: Nullable(Type.Number({ description: 'passed ÷ decided；无已定成绩时为 null' })),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Candidate = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.String(),
  idNumber: Type.String({ description: '脱敏的身份证号码' }),
  employerUscc: Type.String(),
  workItem: Type.String(),
  theoryScore: Nullable(Type.Number()),
  practicalScore: Nullable(Type.Number()),
  passed: Nullable(Type.Boolean({ description: '两项成绩齐全前为 null' })),
  certificateId: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Rates = { candidates: Type.Integer(), decided: Type.Integer(), passed: Type.Integer(), passRate: Nullable(Type.Number()) };
const ExamStats = Type.Object({
  year: Type.Integer(),
  sessions: Type.Array(Type.Object({ sessionId: Type.String(), heldOn: Type.String(), place: Type.String(), institutionUscc: Type.String(), institutionName: Nullable(Type.String()), ...Rates })),
  institutions: Type.Array(Type.Object({ institutionUscc: Type.String(), institutionName: Nullable(Type.String()), sessions: Type.Integer(), ...Rates })),
  total: Type.Object(Rates),
});

const Attachment = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), uploadedByName: Type.String(), createdAt: Timestamp });
const EmergencyFields = {
  id: Type.String(),
  userUscc: Type.String(),
  userName: Nullable(Type.String()),
  regionCode: Type.String(),
  kind: literals(EMERGENCY_KINDS),
  title: Type.String(),
  on: Type.String({ description: '预案：批准日期；演练：演练日期' }),
  participants: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  createdByName: Type.String(),
  createdAt: Timestamp,
  files: Type.Integer({ description: '附件数' }),
};
const EmergencyRecord = Type.Object(EmergencyFields);
const EmergencyDetail = Type.Object({ ...EmergencyFields, attachments: Type.Array(Attachment) });

const CertParams = Type.Object({ id: Id, certificateId: Id }, { additionalProperties: false });
const CandidateParams = Type.Object({ id: Id, candidateId: Id }, { additionalProperties: false });

/** Operators (作业人员), certificates, work items, exams and emergency records of special equipment. */
export const operatorsRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = services.operators;

    // ------------------------------------------------------------ work items
    app.get(
      '/api/operator-work-items',
      { config: { access: ['equipment.read', 'enterprise_self.read'] }, schema: { tags: TAG, summary: '作业项目（TSG Z6001）字典', response: { 200: ListOf(WorkItem) } } },
      async () => service.workItems(),
    );
    app.post(
      '/api/operator-work-items',
      {
        config: { access: 'equipment.configure' },
        schema: {
          tags: TAG,
          summary: '新增作业项目',
          body: Body({
            code: WorkItemCode,
            name: Type.String({ minLength: 1, maxLength: 60 }),
            category: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            validityYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
            theoryPassMark: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            practicalPassMark: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          }),
          response: { 201: WorkItem, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.createWorkItem(ctxOf(request), request.body)),
    );
    app.patch(
      '/api/operator-work-items/:code',
      {
        config: { access: 'equipment.configure' },
        schema: {
          tags: TAG,
          summary: '修改作业项目（名称、所属类别、证书有效期、合格分数线；If-Match）',
          params: Type.Object({ code: WorkItemCode }, { additionalProperties: false }),
          body: Body({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            category: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            validityYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
            theoryPassMark: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            practicalPassMark: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          }),
          response: { 200: WorkItem, ...WriteErrors },
        },
      },
      async (request) => service.updateWorkItem(ctxOf(request), request.params.code, request.body, ifMatch(request)),
    );

    // ------------------------------------------------------------ operators
    app.get(
      '/api/equipment-operators',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: { tags: TAG, summary: '作业人员列表（身份证号码脱敏；按姓名）', querystring: Type.Object({ ...OperatorFilterQuery, ...PageQuery }, { additionalProperties: false }), response: { 200: ListOf(Operator), 400: ErrorSchema } },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );
    app.get(
      '/api/equipment-operators/export',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags: TAG,
          summary: '导出作业人员及证书（身份证号码脱敏）',
          querystring: Type.Object({ format: Type.Optional(literals(EXPORT_FORMATS)), ...OperatorFilterQuery }, { additionalProperties: false }),
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          response: { 200: Binary, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { format = 'xlsx', ...filter } = request.query;
        return sendSpreadsheet(reply, format, service.exportRows(request.actor!, filter), { asciiName: 'equipment-operators', title: '特种设备作业人员' });
      },
    );
    app.post(
      '/api/equipment-operators',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '登记作业人员（身份证号码加密保存；证书有效期默认为发证日期起 4 年）',
          body: Body({
            name: Type.String({ minLength: 1, maxLength: 50 }),
            idNumber: Type.String({ minLength: 1, maxLength: 32, description: '18 位公民身份号码（GB 11643，含校验位）' }),
            employerUscc: Uscc,
            certificates: Type.Optional(Type.Array(Body(CertificateBody), { maxItems: 30 })),
          }),
          response: { 201: Operator, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );
    app.get(
      '/api/equipment-operators/:id',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: {
          tags: TAG,
          summary: '作业人员详情（reveal=true 查看完整身份证号码：需 equipment.operator_pii，记入审计日志）',
          params: IdParams,
          querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: Operator, 403: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request) => service.get(ctxOf(request), request.params.id, { reveal: request.query.reveal }),
    );
    app.patch(
      '/api/equipment-operators/:id',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '修改作业人员（姓名、身份证号码更正、用人单位；If-Match）',
          params: IdParams,
          body: Body({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })), employerUscc: Type.Optional(Uscc) }),
          response: { 200: Operator, ...WriteErrors },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    // ------------------------------------------------------------ certificates
    app.post(
      '/api/equipment-operators/:id/certificates',
      {
        config: { access: 'equipment.write' },
        schema: { tags: TAG, summary: '添加证书（有效期默认按作业项目的年限；If-Match：作业人员的版本）', params: IdParams, body: Body(CertificateBody), response: { 201: Operator, ...WriteErrors } },
      },
      async (request, reply) => reply.status(201).send(await service.addCertificate(ctxOf(request), request.params.id, request.body, ifMatch(request))),
    );
    app.post(
      '/api/equipment-operators/:id/certificates/:certificateId/renew',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '换证（新发证日期默认今天，有效期默认按作业项目的年限；If-Match）',
          params: CertParams,
          body: Body({ issuedOn: Type.Optional(DateString), expiresOn: Type.Optional(Nullable(DateString)), certificateNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
          response: { 200: Operator, ...WriteErrors },
        },
      },
      async (request) => service.renewCertificate(ctxOf(request), request.params.id, request.params.certificateId, request.body, ifMatch(request)),
    );
    app.post(
      '/api/equipment-operators/:id/certificates/:certificateId/reviews',
      {
        config: { access: 'equipment.write' },
        schema: { tags: TAG, summary: '登记复审日期（If-Match）', params: CertParams, body: Body({ reviewedOn: DateString }), response: { 200: Operator, ...WriteErrors } },
      },
      async (request) => service.addReviewDate(ctxOf(request), request.params.id, request.params.certificateId, request.body.reviewedOn, ifMatch(request)),
    );
    app.post(
      '/api/equipment-operators/:id/certificates/:certificateId/revoke',
      {
        config: { access: 'equipment.write' },
        schema: { tags: TAG, summary: '撤销证书（If-Match）', params: CertParams, body: Body({ revokedOn: DateString, reason: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: Operator, ...WriteErrors } },
      },
      async (request) => service.revokeCertificate(ctxOf(request), request.params.id, request.params.certificateId, request.body, ifMatch(request)),
    );
    app.get(
      '/api/equipment-operator-certificates/expiring',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: {
          tags: TAG,
          summary: '即将到期的证书（默认 90 天内，未撤销；按到期日）',
          querystring: Type.Object({ within: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 90 })), regionCode: Type.Optional(RegionCode), employerUscc: Type.Optional(Uscc), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(ExpiringCertificate), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.expiring(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );
    app.get(
      '/api/equipment-users/:uscc/operators',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: { tags: TAG, summary: '使用单位的持证上岗情况（需持证设备、是否有持证人员、持证上岗率、90 天内到期证书）', params: Type.Object({ uscc: Uscc }, { additionalProperties: false }), response: { 200: UserUnitOperators, 404: ErrorSchema } },
      },
      async (request) => service.userUnit(request.actor!, request.params.uscc),
    );

    // ------------------------------------------------------------ exams and training
    const exams = service.exams;
    app.get(
      '/api/operator-exam-sessions',
      {
        config: { access: 'equipment.read' },
        schema: {
          tags: TAG,
          summary: '作业人员考试（培训）场次（最新在前）',
          querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), institutionUscc: Type.Optional(Uscc), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Session), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return exams.listSessions(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );
    app.post(
      '/api/operator-exam-sessions',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '登记考试（培训）场次',
          body: Body({
            heldOn: DateString,
            place: Type.String({ minLength: 1, maxLength: 200 }),
            institutionUscc: Uscc,
            workItems: Type.Array(WorkItemCode, { minItems: 1, maxItems: 30 }),
            trainingHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000 }))),
          }),
          response: { 201: Session, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await exams.createSession(ctxOf(request), request.body)),
    );
    app.get(
      '/api/operator-exam-sessions/:id',
      { config: { access: 'equipment.read' }, schema: { tags: TAG, summary: '考试场次详情（含合格率）', params: IdParams, response: { 200: Session, 404: ErrorSchema } } },
      async (request) => exams.getSession(request.actor!, request.params.id),
    );
    app.patch(
      '/api/operator-exam-sessions/:id',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '修改考试场次（If-Match）',
          params: IdParams,
          body: Body({
            heldOn: Type.Optional(DateString),
            place: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            workItems: Type.Optional(Type.Array(WorkItemCode, { minItems: 1, maxItems: 30 })),
            trainingHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000 }))),
          }),
          response: { 200: Session, ...WriteErrors },
        },
      },
      async (request) => exams.updateSession(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
    app.get(
      '/api/operator-exam-sessions/:id/candidates',
      { config: { access: 'equipment.read' }, schema: { tags: TAG, summary: '考生及成绩（身份证号码脱敏）', params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: ListOf(Candidate), 404: ErrorSchema } } },
      async (request) => exams.listCandidates(request.actor!, request.params.id, pageOf(request.query)),
    );
    app.post(
      '/api/operator-exam-sessions/:id/candidates',
      { config: { access: 'equipment.write' }, schema: { tags: TAG, summary: '添加考生（作业人员与报考项目）', params: IdParams, body: Body({ operatorId: Id, workItem: WorkItemCode }), response: { 201: Candidate, ...Errors } } },
      async (request, reply) => reply.status(201).send(await exams.addCandidate(ctxOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/operator-exam-sessions/:id/candidates/:candidateId/result',
      {
        config: { access: 'equipment.write' },
        schema: {
          tags: TAG,
          summary: '登记成绩（理论、实操；两项均合格即发证或换证）',
          params: CandidateParams,
          body: Body({ theoryScore: Type.Optional(Nullable(Score)), practicalScore: Type.Optional(Nullable(Score)), certificateNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), issuedOn: Type.Optional(DateString) }),
          response: { 200: Candidate, ...Errors },
        },
      },
      async (request) => exams.recordResult(ctxOf(request), request.params.id, request.params.candidateId, request.body),
    );
    app.get(
      '/api/operator-exam-stats',
      {
        config: { access: 'equipment.read' },
        schema: { tags: TAG, summary: '考试合格率（按场次、按考试机构）', querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: ExamStats, 400: ErrorSchema } },
      },
      async (request) => exams.stats(request.actor!, request.query.year),
    );

    // ------------------------------------------------------------ emergency plans and drills
    const emergency = service.emergency;
    app.get(
      '/api/equipment-emergency-records',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: {
          tags: TAG,
          summary: '应急预案与演练记录（最新在前）',
          querystring: Type.Object({ userUscc: Type.Optional(Uscc), kind: Type.Optional(literals(EMERGENCY_KINDS)), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(EmergencyRecord), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return emergency.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );
    app.post(
      '/api/equipment-emergency-records',
      {
        config: { access: ['equipment.write', 'enterprise_self.report'] },
        schema: {
          tags: TAG,
          summary: '登记应急预案或演练记录（企业账号登记本企业的）',
          body: Body({
            userUscc: Type.Optional(Uscc),
            kind: literals(EMERGENCY_KINDS),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            on: DateString,
            participants: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 201: EmergencyDetail, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await emergency.create(ctxOf(request), request.body)),
    );
    app.get(
      '/api/equipment-emergency-records/:id',
      { config: { access: ['equipment.read', 'enterprise_self.read'] }, schema: { tags: TAG, summary: '应急记录详情（含附件列表）', params: IdParams, response: { 200: EmergencyDetail, 404: ErrorSchema } } },
      async (request) => emergency.get(request.actor!, request.params.id),
    );
    app.post(
      '/api/equipment-emergency-records/:id/files',
      {
        config: { access: ['equipment.write', 'enterprise_self.report'] },
        schema: {
          tags: TAG,
          summary: '上传应急记录附件',
          description: `multipart/form-data，字段 file；不超过 20 MB；格式 ${ATTACHMENT_EXTENSIONS.join('、')}（按扩展名和文件内容检查）。`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: Attachment, ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content } = await receiveAttachment(request);
        return reply.status(201).send(await emergency.attach(ctxOf(request), request.params.id, { fileName, content }));
      },
    );
    app.get(
      '/api/equipment-emergency-records/:id/files/:fileId',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: { tags: TAG, summary: '下载应急记录附件', params: Type.Object({ id: Id, fileId: Id }, { additionalProperties: false }), response: { 200: Binary, 404: ErrorSchema } },
      },
      async (request, reply) => {
        const file = await emergency.download(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `emergency-${request.params.fileId}${ext}`, file.fileName);
        return reply.type(file.contentType).send(file.content);
      },
    );
  };
