import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, DEADLINE_KINDS, LINK_TARGETS } from '../complaints.schema.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { FINDINGS_MAX, NOTE_MAX, NOTIFY_CHANNELS, PUBLIC_RESULT_MAX, REASON_MAX } from './actions.js';
import { COMPLAINT_ACTIONS } from './states.js';

const Kind = literals(COMPLAINT_KINDS);
const Status = literals(COMPLAINT_STATUSES);
const Channel = literals(COMPLAINT_CHANNELS);
const DeadlineKind = literals(DEADLINE_KINDS);
const Target = literals(LINK_TARGETS);
const Action = literals(COMPLAINT_ACTIONS);
const ClockState = literals(['open', 'overdue', 'met', 'missed', 'cancelled'] as const);
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$' });
const Str = Type.String();
const NStr = Nullable(Type.String());

/** The reporter masked (张*, 138****5678), or in full after a reveal; null when anonymous. */
const Reporter = Nullable(
  Type.Object({
    name: Type.String({ description: '姓名（默认脱敏，如 张*）' }),
    phone: Type.String({ description: '电话（默认脱敏，如 138****5678）' }),
    idNumber: Type.Optional(NStr),
    address: Type.Optional(NStr),
    email: Type.Optional(NStr),
  }),
);

const NextClock = Nullable(Type.Object({ kind: DeadlineKind, dueOn: DateString, certain: Type.Boolean(), state: ClockState }));

const ComplaintItem = Type.Object({
  id: Str,
  trackingNo: Str,
  kind: Kind,
  channel: Channel,
  status: Status,
  topic: Str,
  category: NStr,
  urgent: Type.Boolean(),
  subjectName: NStr,
  subjectUscc: NStr,
  regionCode: Str,
  regionName: NStr,
  orgId: Str,
  orgName: Str,
  handlerId: NStr,
  handlerName: NStr,
  receivedAt: Timestamp,
  acknowledgedAt: NullableTimestamp,
  closedAt: NullableTimestamp,
  reporter: Reporter,
  nextClock: NextClock,
});

const Deadline = Type.Object({
  kind: DeadlineKind,
  startedOn: DateString,
  workingDays: Type.Integer(),
  dueOn: DateString,
  certain: Type.Boolean({ description: 'false：期间跨越尚无节假日数据的年份，到期日可能变化' }),
  extended: Type.Boolean(),
  metOn: Nullable(DateString),
  cancelledOn: Nullable(DateString),
  state: ClockState,
});
const Event = Type.Object({
  id: Str,
  kind: Str,
  at: Timestamp,
  actorKind: literals(['public', 'staff', 'enterprise', 'system'] as const),
  actorName: NStr,
  fromOrgName: NStr,
  toOrgName: NStr,
  note: NStr,
  public: Type.Boolean(),
});
const FileRow = Type.Object({ id: Str, fileName: Str, contentType: Str, size: Type.Integer(), source: literals(['reporter', 'staff', 'enterprise'] as const), createdAt: Timestamp });
const Link = Type.Object({ id: Str, targetType: Target, targetId: Str, label: Str, createdByName: Str, createdAt: Timestamp });

/** The complaint as staff see it (handling/complaint-json.ts). */
export const ComplaintSchema = Type.Object({
  id: Str,
  trackingNo: Str,
  kind: Kind,
  channel: Channel,
  channelRef: NStr,
  topic: Str,
  category: NStr,
  urgent: Type.Boolean(),
  subjectUscc: NStr,
  subjectName: NStr,
  subjectEnterpriseId: NStr,
  equipmentRegistrationNo: NStr,
  equipmentId: NStr,
  product: NStr,
  regionCode: Str,
  regionName: NStr,
  orgId: Str,
  orgName: Str,
  sectionId: NStr,
  sectionName: NStr,
  handlerId: NStr,
  handlerName: NStr,
  place: NStr,
  occurredOn: Nullable(DateString),
  description: Str,
  anonymous: Type.Boolean(),
  reporter: Reporter,
  reporterRevealed: Type.Boolean({ description: 'true：reveal=true，举报人信息为全文（已记入审计日志）' }),
  status: Status,
  receivedAt: Timestamp,
  receivedOn: DateString,
  acknowledgedAt: NullableTimestamp,
  escalatedAt: NullableTimestamp,
  decidedOn: Nullable(DateString),
  refusalReason: NStr,
  mediationResult: Nullable(literals(['agreed', 'failed'] as const)),
  substantiated: Nullable(Type.Boolean()),
  caseOpened: Nullable(Type.Boolean()),
  result: NStr,
  publicResult: NStr,
  publicResultApprovedBy: NStr,
  closedAt: NullableTimestamp,
  enterpriseAnswer: NStr,
  enterpriseAnsweredAt: NullableTimestamp,
  satisfied: Nullable(Type.Boolean()),
  satisfactionComment: NStr,
  satisfactionAt: NullableTimestamp,
  createdById: NStr,
  tooOld: Type.Boolean({ description: '投诉事项发生超过三年（不予受理）' }),
  reporterNotified: Type.Boolean(),
  deadlines: Type.Array(Deadline),
  timeline: Type.Array(Event),
  files: Type.Array(FileRow),
  links: Type.Array(Link),
  allowedActions: Type.Array(Action, { description: '当前用户现在可执行的办理操作' }),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** The fields of `create` for a link (each target takes its own; see handling/README.md). */
const LinkCreate = Body({
  itemId: Type.Optional(Id),
  inspectorIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
  dueOn: Type.Optional(Nullable(DateString)),
  level: Type.Optional(Type.String({ maxLength: 40 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  correctionDueOn: Type.Optional(DateString),
  operatorName: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  licenceType: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  licenceId: Type.Optional(Id),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  triggerSummary: Type.Optional(Type.String({ maxLength: 2000 })),
  lawArea: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  investigatorId: Type.Optional(Nullable(Id)),
  investigationWorkingDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 60 }))),
});

const ActionBodySchema = Body({
  action: Action,
  note: Type.Optional(Nullable(Type.String({ maxLength: NOTE_MAX }))),
  reason: Type.Optional(Type.String({ maxLength: REASON_MAX })),
  orgId: Type.Optional(Nullable(Id)),
  topic: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  substantiated: Type.Optional(Nullable(Type.Boolean())),
  caseOpened: Type.Optional(Type.Boolean()),
  findings: Type.Optional(Type.String({ maxLength: FINDINGS_MAX })),
  channel: Type.Optional(literals(NOTIFY_CHANNELS)),
  publicResult: Type.Optional(Type.String({ maxLength: PUBLIC_RESULT_MAX })),
  result: Type.Optional(Nullable(Type.String({ maxLength: FINDINGS_MAX }))),
  mediationResult: Type.Optional(Nullable(literals(['agreed', 'failed'] as const))),
  target: Type.Optional(Target),
  targetId: Type.Optional(Id),
  label: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  create: Type.Optional(LinkCreate),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const FileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });

/**
 * Staff handling of complaints and reports (办理): list, detail (reporter masked; `reveal=true` with
 * `complaint.reporter_pii`, audited), actions, acknowledgement, files, and the links of another
 * module's record (a web slot).
 */
export const handlingRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const handling = services.handling;
    const tags = ['complaints'];

    app.get(
      '/api/complaints',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '投诉举报列表（数据范围内，举报人脱敏），受理时间新的在前',
          querystring: Type.Object(
            {
              ...PageQuery,
              kind: Type.Optional(Kind),
              status: Type.Optional(Status),
              regionCode: Type.Optional(RegionCode),
              topic: Type.Optional(Type.String({ maxLength: 60 })),
              overdue: Type.Optional(Type.Boolean({ description: 'true：有未完成且已过期的办理时限' })),
              urgent: Type.Optional(Type.Boolean()),
              q: Type.Optional(Type.String({ maxLength: 100, description: '编号、被投诉举报对象名称或信用代码、内容' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(ComplaintItem) },
        },
      },
      async (request) => handling.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/complaints/links',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '关联到某检查任务、隐患、线索、退出程序或案件的投诉举报（数据范围内）',
          querystring: Type.Object({ targetType: Target, targetId: Id }, { additionalProperties: false }),
          response: { 200: ListOf(Type.Object({ id: Str, trackingNo: Str, kind: Kind, status: Status, label: Str, linkedAt: Timestamp })) },
        },
      },
      async (request) => handling.linksOf(request.actor!, request.query.targetType, request.query.targetId),
    );

    app.get(
      '/api/complaints/:id',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '投诉举报详情（举报人脱敏；reveal=true 查看完整身份信息：需 complaint.reporter_pii，记入审计日志）',
          params: IdParams,
          querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: ComplaintSchema, 403: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request) => handling.get(request.actor!, request.params.id, { reveal: request.query.reveal, ctx: ctxOf(request) }),
    );

    app.post(
      '/api/complaints/:id/actions',
      {
        config: { access: ['complaint.write', 'complaint.approve'] },
        schema: {
          tags,
          summary: '办理操作：受理、不予受理、转办、调解、核查结论、延期（需 complaint.approve）、告知举报人、办结、关联（If-Match 可选）',
          params: IdParams,
          body: ActionBodySchema,
          response: { 200: ComplaintSchema, ...Errors },
        },
      },
      async (request) => handling.act(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/complaints/:id/acknowledge',
      {
        config: { access: 'complaint.write' },
        schema: { tags, summary: '签收投诉举报（成为承办人；紧急事项不再升级）', params: IdParams, response: { 200: ComplaintSchema, ...Errors } },
      },
      async (request) => handling.acknowledge(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/complaints/:id/files/:fileId',
      { config: { access: 'complaint.read' }, schema: { tags, summary: '下载投诉举报的材料', params: FileParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const file = await handling.file(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `complaint-file-${request.params.fileId}${ext}`, file.fileName);
        return reply.type(file.contentType).send(file.content);
      },
    );
  };
