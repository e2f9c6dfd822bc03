import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PHOTO_EXTENSIONS } from '../../../platform/documents/attachments.js';
import { receiveAttachment } from '../../../platform/documents/upload.js';
import { setAttachment } from '../../../platform/http/download.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { ANSWER_TYPES, SEVERITIES } from '../inspections.schema.js';
import type { InspectionPublication } from './publication.js';
import { MAX_REPORT_FILES, REPORT_FILE_EXTENSIONS, type RectificationService } from './rectification.service.js';
import { MAX_REPORT_BYTES, receiveReport } from './report-upload.js';
import { AppError } from '../../../platform/http/errors.js';
import type { TaskPhotos } from './photos.service.js';
import { TASK_ORIGINS, TASK_STATES } from './tasks.schema.js';
import type { TasksService } from './tasks.service.js';

const Answer = Type.Object(
  { value: Type.Union([Type.Boolean(), Type.Number(), Type.String({ maxLength: 2000 }), Type.Array(Type.String(), { maxItems: 100 }), Type.Null()]), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
const Answers = Type.Record(Type.String({ maxLength: 40 }), Answer);
const Finding = Type.Object({ questionKey: Nullable(Type.String()), text: Type.String(), severity: literals(SEVERITIES) });

const TaskSummary = {
  id: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  planId: Nullable(Type.String()),
  planName: Nullable(Type.String()),
  drawId: Nullable(Type.String()),
  origin: literals(TASK_ORIGINS),
  originNote: Nullable(Type.String()),
  objectKey: Type.String({ description: '检查对象：企业的统一社会信用代码，或特种设备的设备代码（其使用单位见 enterpriseName）' }),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  inspectorIds: Type.Array(Type.String()),
  state: literals(TASK_STATES),
  dueOn: Nullable(DateString),
  inspectedOn: Nullable(DateString),
  resultCategory: Nullable(Type.String()),
  completedOn: Nullable(DateString),
  publishDueOn: Nullable(DateString),
  publishDueCertain: Nullable(Type.Boolean({ description: '公示期限跨越无节假日数据的年份时为 false' })),
  publishedAt: Nullable(Timestamp),
  version: VersionSchema,
  createdAt: Timestamp,
  deadline: Nullable(DateString),
  deadlineCertain: Type.Boolean({ description: '当前环节的期限按工作日推算且跨越无节假日数据的年份时为 false' }),
  overdue: Type.Boolean({ description: '当前环节（检查、整改报告、复查、公示）已超过期限' }),
};

const Photo = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), caption: Nullable(Type.String()), uploadedByName: Type.String(), createdAt: Timestamp });
/** An uploaded photo: the question it answers (if any) and the task's version after the upload. */
const UploadedPhoto = Type.Composite([Photo, Type.Object({ questionKey: Nullable(Type.String()), taskVersion: Type.Integer() })]);

const TaskDetail = Type.Object({
  ...TaskSummary,
  answers: Answers,
  findings: Type.Array(Finding),
  resultNote: Nullable(Type.String()),
  checklist: Type.Array(
    Type.Object({ key: Type.String(), text: Type.String(), answerType: literals(ANSWER_TYPES), required: Type.Boolean(), finding: Type.Optional(Nullable(Type.Object({ text: Type.String(), severity: literals(SEVERITIES) }))) }),
  ),
  resultCategories: Type.Array(Type.String()),
  inspectors: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), certificateNo: Nullable(Type.String({ description: '执法证号' })) })),
  assignedToMe: Type.Boolean(),
  photos: Type.Array(Photo),
  rectificationOrders: Type.Array(
    Type.Object({
      id: Type.String(),
      taskId: Type.String(),
      documentNo: Type.String(),
      requirements: Type.String(),
      workingDays: Type.Integer(),
      issuedOn: DateString,
      dueOn: DateString,
      dueCertain: Nullable(Type.Boolean({ description: '整改期限跨越无节假日数据的年份时为 false' })),
      fileName: Type.String(),
      issuedByName: Type.String(),
      reportedOn: Nullable(DateString),
      reportText: Nullable(Type.String()),
      reportedByName: Nullable(Type.String()),
      recheckDueOn: Nullable(DateString),
      recheckDueCertain: Nullable(Type.Boolean({ description: '复查期限跨越无节假日数据的年份时为 false' })),
      recheckedOn: Nullable(DateString),
      recheckPassed: Nullable(Type.Boolean()),
      recheckNote: Nullable(Type.String()),
      recheckedByName: Nullable(Type.String()),
      createdAt: Timestamp,
      reportedBy: Nullable(Type.Object({ kind: literals(['enterprise', 'staff'] as const), name: Type.String() }, { description: '整改报告人：企业账号（enterprise）或代企业录入的工作人员（staff）' })),
      reportAttachments: Type.Array(Photo, { description: '整改报告的附件（照片、PDF），经 /api/inspection-tasks/:id/photos/:photoId 下载' }),
    }),
  ),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** Writes on a task take If-Match: the task's version (412 when stale). */
const WriteErrors = { ...Errors, 412: ErrorSchema };
const EXTENSION_OF: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'application/pdf': '.pdf' };
const tags = ['inspection-tasks'];

/** Inspection tasks, their photos and rectification orders, and the published results. */
export const tasksRoutes =
  (deps: { publication: InspectionPublication; tasks: TasksService; rectification: RectificationService; photos: TaskPhotos; publicLimit: PerClientLimit }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/inspection-tasks',
      {
        config: { access: ['inspection.read', 'enterprise_self.read'] },
        schema: {
          tags,
          summary: '检查任务（mine=true 只看分派给自己的；overdue=true 只看当前环节已逾期的）',
          querystring: Type.Object(
            {
              mine: Type.Optional(Type.Boolean()),
              state: Type.Optional(literals(TASK_STATES)),
              drawId: Type.Optional(Id),
              uscc: Type.Optional(Type.String({ maxLength: 18 })),
              origin: Type.Optional(literals(TASK_ORIGINS)),
              overdue: Type.Optional(Type.Boolean()),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Type.Object(TaskSummary)) },
        },
      },
      async (request) => deps.tasks.list(request.actor!, request.query, pageOf(request.query)),
    );
    app.post(
      '/api/inspection-tasks',
      {
        config: { access: 'inspection.plan' },
        schema: {
          tags,
          summary: '不经抽取下达检查任务（投诉举报或专项检查）',
          body: Body({
            itemId: Id,
            uscc: Type.String({ minLength: 1, maxLength: 30 }),
            origin: literals(['complaint', 'targeted'] as const),
            originNote: Type.String({ minLength: 1, maxLength: 500 }),
            inspectorIds: Type.Array(Id, { minItems: 1, maxItems: 10 }),
            dueOn: Type.Optional(Nullable(DateString)),
          }),
          response: { 201: TaskDetail, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.tasks.create(ctxOf(request), request.body)),
    );
    app.get(
      '/api/inspection-tasks/eligible-inspectors',
      {
        config: { access: 'inspection.plan' },
        schema: {
          tags,
          summary: '不经抽取的任务可安排的检查人员（不符合条件的附排除规则）',
          querystring: Type.Object({ itemId: Id, uscc: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false }),
          response: { 200: ListOf(Type.Object({ userId: Type.String(), name: Type.String(), certificateNo: Nullable(Type.String()), rule: Nullable(literals(['inactive', 'region', 'specialty', 'conflict', 'last_time'] as const)) })), 400: ErrorSchema },
        },
      },
      async (request) => deps.tasks.eligibleInspectors(request.actor!, request.query.itemId, request.query.uscc),
    );
    app.post(
      '/api/inspection-tasks/publish',
      { config: { access: 'inspection.plan' }, schema: { tags, summary: '公示已办结任务的检查结果', body: Body({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }), response: { 200: Type.Object({ published: Type.Integer() }), ...Errors } } },
      async (request) => deps.tasks.publish(ctxOf(request), request.body.ids),
    );
    app.get('/api/inspection-tasks/:id', { config: { access: ['inspection.read', 'enterprise_self.read'] }, schema: { tags, summary: '检查任务详情（企业账号：本企业已办结、已公示或整改中的任务）', params: IdParams, response: { 200: TaskDetail, 404: ErrorSchema } } }, async (request) => deps.tasks.get(request.actor!, request.params.id));
    app.put(
      '/api/inspection-tasks/:id/answers',
      { config: { access: 'inspection.perform' }, schema: { tags, summary: '暂存检查表回答（If-Match）', params: IdParams, body: Body({ answers: Answers }), response: { 200: TaskDetail, ...WriteErrors } } },
      async (request) => deps.tasks.saveAnswers(ctxOf(request), request.params.id, request.body.answers, ifMatch(request)),
    );
    app.post(
      '/api/inspection-tasks/:id/submit',
      {
        config: { access: 'inspection.perform' },
        schema: {
          tags,
          summary: '提交检查结果（必答题须已回答；“否”的回答按检查表生成问题）',
          params: IdParams,
          body: Body({ answers: Type.Optional(Answers), findings: Type.Optional(Type.Array(Body({ text: Type.String({ maxLength: 1000 }), severity: literals(SEVERITIES) }), { maxItems: 100 })), inspectedOn: DateString }),
          response: { 200: TaskDetail, ...WriteErrors },
        },
      },
      async (request) => deps.tasks.submit(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
    app.post(
      '/api/inspection-tasks/:id/complete',
      { config: { access: 'inspection.perform' }, schema: { tags, summary: '办结：选定检查结果（20 个工作日内公示）', params: IdParams, body: Body({ resultCategory: Type.String({ minLength: 1, maxLength: 100 }), resultNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }), response: { 200: TaskDetail, ...WriteErrors } } },
      async (request) => deps.tasks.complete(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/inspection-tasks/:id/photos',
      {
        config: { access: 'inspection.perform' },
        schema: {
          tags,
          summary: '上传现场照片',
          description: `multipart/form-data：可选字段 caption 与 questionKey（检查表中的拍照问题：照片随即记入该问题的回答，任务版本随之递增，见 taskVersion），然后字段 file；${PHOTO_EXTENSIONS.join('、')}，不超过 20 MB。`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: UploadedPhoto, ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content, fields } = await receiveAttachment(request);
        return reply.status(201).send(await deps.photos.upload(ctxOf(request), request.params.id, { fileName, content, caption: fields.caption, questionKey: fields.questionKey }));
      },
    );
    app.get(
      '/api/inspection-tasks/:id/photos/:photoId',
      { config: { access: ['inspection.read', 'enterprise_self.read'] }, schema: { tags, summary: '下载现场照片', params: Type.Object({ id: Id, photoId: Id }, { additionalProperties: false }), response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const photo = await deps.photos.download(request.actor!, request.params.id, request.params.photoId);
        setAttachment(reply, `photo-${request.params.photoId}${EXTENSION_OF[photo.contentType] ?? '.jpg'}`, photo.fileName);
        return reply.type(photo.contentType).send(photo.content);
      },
    );

    app.delete(
      '/api/inspection-tasks/:id/photos/:photoId',
      { config: { access: 'inspection.perform' }, schema: { tags, summary: '删除误拍的照片（提交检查结果前）', params: Type.Object({ id: Id, photoId: Id }, { additionalProperties: false }), response: { 204: Type.Null(), ...WriteErrors } } },
      async (request, reply) => {
        await deps.photos.remove(ctxOf(request), request.params.id, request.params.photoId, ifMatch(request));
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/inspection-tasks/:id/rectification-orders',
      {
        config: { access: 'inspection.perform' },
        schema: { tags, summary: '下达责令整改通知书（期限按工作日计算）', params: IdParams, body: Body({ requirements: Type.String({ minLength: 1, maxLength: 2000 }), workingDays: Type.Integer({ minimum: 1, maximum: 120 }) }), response: { 201: TaskDetail, ...WriteErrors } },
      },
      async (request, reply) => reply.status(201).send(await deps.rectification.issue(ctxOf(request), request.params.id, request.body, ifMatch(request))),
    );
    app.get(
      '/api/rectification-orders/:id/document',
      { config: { access: ['inspection.read', 'enterprise_self.read'] }, schema: { tags, summary: '下载责令整改通知书（.docx）', params: IdParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const order = await deps.rectification.document(request.actor!, request.params.id);
        setAttachment(reply, `rectification-order-${request.params.id}.docx`, order.fileName);
        return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(order.content);
      },
    );
    app.post(
      '/api/rectification-orders/:id/report',
      {
        config: { access: ['inspection.read', 'enterprise_self.report'] },
        schema: {
          tags,
          summary: '报告整改情况（企业账号报告本企业的整改，或工作人员代企业录入；复查期限为 10 个工作日）',
          description: `JSON（reportText、reportedOn），或 multipart/form-data：字段 reportText、reportedOn 与附件 files（可多个，${REPORT_FILE_EXTENSIONS.join('、')}，按文件内容检查；每个不超过 20 MB，至多 ${MAX_REPORT_FILES} 个，合计不超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB）。整改通知已复查办结时为 409。`,
          consumes: ['application/json', 'multipart/form-data'],
          params: IdParams,
          // Multipart bodies are read by the handler (the JSON schema sees none).
          body: Type.Union([Body({ reportText: Type.String({ minLength: 1, maxLength: 4000 }), reportedOn: DateString }), Type.Null()]),
          response: { 200: TaskDetail, ...WriteErrors, 413: ErrorSchema },
        },
      },
      async (request) => {
        const input = request.isMultipart() ? await receiveReport(request) : request.body;
        if (!input) throw new AppError('VALIDATION', '请填写整改情况与报告日期', 400, { field: 'reportText' });
        return deps.rectification.report(ctxOf(request), request.params.id, input, ifMatch(request));
      },
    );
    app.post(
      '/api/rectification-orders/:id/recheck',
      { config: { access: 'inspection.perform' }, schema: { tags, summary: '复查整改情况', params: IdParams, body: Body({ passed: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 2000 }), recheckedOn: DateString }), response: { 200: TaskDetail, ...WriteErrors } } },
      async (request) => deps.rectification.recheck(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/public/inspection-results',
      {
        config: { access: 'public' },
        onRequest: deps.publicLimit('inspection-results'),
        schema: {
          tags: ['public'],
          summary: '已公示的抽查检查结果（对象、事项、日期、结果），最新在前',
          querystring: Type.Object({ uscc: Type.Optional(Type.String({ maxLength: 18 })), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery }, { additionalProperties: false }),
          response: {
            200: ListOf(
              Type.Object({
                id: Type.String(),
                uscc: Type.String(),
                enterpriseName: Type.String(),
                itemName: Type.String(),
                planName: Nullable(Type.String()),
                drawId: Nullable(Type.String()),
                origin: literals(TASK_ORIGINS),
                inspectedOn: Nullable(DateString),
                completedOn: Nullable(DateString),
                result: Nullable(Type.String()),
                publishedAt: Nullable(Timestamp),
              }),
            ),
            400: ErrorSchema,
            429: ErrorSchema,
          },
        },
      },
      async (request) => deps.publication.results(request.query, pageOf(request.query)),
    );
  };
