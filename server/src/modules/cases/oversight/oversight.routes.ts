import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, NullableTimestamp, Timestamp, literals } from '../../../platform/http/schemas.js';
import type { CasesServices } from '../cases.services.js';
import { CONTENT_MAX, NAME_MAX, REASON_MAX } from './handlers.js';
import { PARTY_ROLES, POLICE_DECISIONS } from './oversight.schema.js';

const Str = Type.String();
const NStr = Nullable(Type.String());
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$' });

const ManifestEntry = Type.Object({ path: Str, sha256: Str, size: Type.Integer(), description: Str });
const FollowUp = Type.Object({ on: DateString, note: Str, byName: Str });

const TransferSchema = Type.Object({
  id: Str,
  caseId: Str,
  transferredOn: DateString,
  receivingOrgan: Str,
  documentNo: NStr,
  reason: Str,
  suspectedCrime: NStr,
  manifest: Type.Array(ManifestEntry, { description: '证据包清单：每个文件的路径、SHA-256、大小、说明（与包内 manifest.json 一致）' }),
  packageSha256: Type.String({ description: '证据包（zip）的 SHA-256；下载时响应头 X-Package-SHA256 与之相同' }),
  receiptNo: NStr,
  receiptOn: Nullable(DateString),
  decision: Nullable(literals(POLICE_DECISIONS)),
  decisionOn: Nullable(DateString),
  decisionReason: NStr,
  followUps: Type.Array(FollowUp),
  createdByName: Str,
  createdAt: Timestamp,
});

const Counts = { total: Type.Integer(), accepted: Type.Integer(), notAccepted: Type.Integer(), pending: Type.Integer({ description: '尚未作出是否立案决定' }) };
const StatsSchema = Type.Object({
  ...Counts,
  byOrgan: Type.Array(Type.Object({ receivingOrgan: Str, ...Counts })),
  byRegion: Type.Array(Type.Object({ regionCode: Str, regionName: NStr, ...Counts })),
});

const TaskSchema = Type.Object({ id: Str, partyId: Str, title: Str, dueOn: Nullable(DateString), doneOn: Nullable(DateString), doneNote: NStr, createdByName: Str, createdAt: Timestamp });
const PartySchema = Type.Object({
  id: Str,
  role: literals(PARTY_ROLES),
  orgId: NStr,
  name: Type.String({ description: '机构名称，或市外协办单位名称' }),
  external: Type.Boolean({ description: 'true：市外协办单位（无系统账号）' }),
  regionCode: NStr,
  externalRegion: NStr,
  contact: NStr,
  addedOn: DateString,
  addedByName: Str,
  own: Type.Boolean({ description: 'true：当前用户所在单位' }),
  tasksVisible: Type.Boolean({ description: 'false：协办单位看不到其他单位的任务' }),
  tasks: Type.Array(TaskSchema),
});

const SupervisionSchema = Type.Object({
  supervision: Nullable(
    Type.Object({
      supervisingOrgId: Str,
      supervisingOrgName: Str,
      reason: Str,
      documentNo: NStr,
      startedOn: DateString,
      startedByName: Str,
      endedOn: Nullable(DateString),
      nextReportDueOn: Nullable(DateString),
      overdueReports: Type.Integer(),
    }),
  ),
  reports: Type.Array(
    Type.Object({ id: Str, dueOn: DateString, reportedOn: Nullable(DateString), content: NStr, reportedByName: NStr, flaggedAt: NullableTimestamp, overdue: Type.Boolean({ description: '已过报告日期仍未报告' }) }),
  ),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const PartyParams = Type.Object({ id: Id, partyId: Id }, { additionalProperties: false });

/**
 * 督办, 联办 and 行刑衔接 (README.md) beyond the case's actions (`transfer`, `supervise`,
 * `report_progress`, `add_party` go through `POST /api/cases/:id/actions`). Every route finds the
 * case in the actor's scope first: joint parties see the case, anyone else gets 404.
 */
export const oversightRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const oversight = services.oversight;
    const tags = ['cases'];

    app.get(
      '/api/cases/:id/transfers',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '案件的移送公安记录（不分页，移送日期新的在前）', params: IdParams, response: { 200: ListOf(TransferSchema), 404: ErrorSchema } },
      },
      async (request) => oversight.transfers(request.actor!, request.params.id),
    );

    app.get(
      '/api/case-transfers/stats',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '移送公安统计（数据范围内的案件）：总数、立案、不予立案、待决定，按接收机关和区划',
          querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }),
          response: { 200: StatsSchema },
        },
      },
      async (request) => oversight.stats(request.actor!, request.query),
    );

    app.post(
      '/api/case-transfers/:id/receipt',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '登记接收机关的回执（一次）',
          params: IdParams,
          body: Body({ receiptNo: Type.String({ minLength: 1, maxLength: 100 }), receiptOn: DateString }),
          response: { 200: TransferSchema, ...Errors },
        },
      },
      async (request) => oversight.recordReceipt(ctxOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/case-transfers/:id/decision',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '登记接收机关是否立案的决定（一次）；不予立案须填理由，案件回到移送前的阶段',
          params: IdParams,
          body: Body({ decision: literals(POLICE_DECISIONS), decisionOn: DateString, reason: Type.Optional(Nullable(Type.String({ maxLength: REASON_MAX }))) }),
          response: { 200: TransferSchema, ...Errors },
        },
      },
      async (request) => oversight.recordDecision(ctxOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/case-transfers/:id/follow-ups',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '登记移送案件的跟踪情况',
          params: IdParams,
          body: Body({ on: DateString, note: Type.String({ minLength: 1, maxLength: REASON_MAX }) }),
          response: { 200: TransferSchema, ...Errors },
        },
      },
      async (request) => oversight.addFollowUp(ctxOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/case-transfers/:id/package',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '下载移送证据包（zip，含 manifest.json：每个文件的 SHA-256）；响应头 X-Package-SHA256 为整个包的 SHA-256',
          params: IdParams,
          response: { 200: Binary, 404: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (request, reply) => {
        const pkg = await oversight.package(request.actor!, request.params.id);
        setAttachment(reply, `transfer-package-${request.params.id}.zip`, pkg.fileName);
        reply.header('x-package-sha256', pkg.sha256);
        return reply.type('application/zip').send(pkg.content);
      },
    );

    app.get(
      '/api/cases/:id/parties',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '联办单位及其任务（主办单位看全部任务，协办单位看本单位的任务；不分页）', params: IdParams, response: { 200: ListOf(PartySchema), 404: ErrorSchema } },
      },
      async (request) => oversight.parties(request.actor!, request.params.id),
    );

    app.post(
      '/api/cases/:id/parties/:partyId/tasks',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '给联办单位分派任务（仅主办单位）',
          params: PartyParams,
          body: Body({ title: Type.String({ minLength: 1, maxLength: NAME_MAX }), dueOn: Type.Optional(Nullable(DateString)) }),
          response: { 201: TaskSchema, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await oversight.addTask(ctxOf(request), request.params.id, request.params.partyId, request.body)),
    );

    app.post(
      '/api/case-party-tasks/:id/done',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '办结联办任务（承担任务的单位；市外协办单位的任务由主办单位办结）',
          params: IdParams,
          body: Type.Optional(Body({ note: Type.Optional(Nullable(Type.String({ maxLength: CONTENT_MAX }))) })),
          response: { 200: TaskSchema, ...Errors },
        },
      },
      async (request) => oversight.completeTask(ctxOf(request), request.params.id, request.body ?? {}),
    );

    app.get(
      '/api/cases/:id/supervision',
      {
        config: { access: 'case.read' },
        schema: { tags, summary: '督办情况及进展报告（按报告日期）', params: IdParams, response: { 200: SupervisionSchema, 404: ErrorSchema } },
      },
      async (request) => oversight.supervision(request.actor!, request.params.id),
    );
  };
