import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from '../complaints.schema.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { ANSWER_MAX } from './enterprise.service.js';

const NStr = Nullable(Type.String());

/** A complaint as its subject enterprise sees it: never a reporter field. */
const MyComplaint = Type.Object({
  id: Type.String(),
  trackingNo: Type.String(),
  kind: literals(COMPLAINT_KINDS),
  status: literals(COMPLAINT_STATUSES),
  topic: Type.String(),
  subjectUscc: NStr,
  subjectName: NStr,
  product: NStr,
  equipmentRegistrationNo: NStr,
  place: NStr,
  occurredOn: Nullable(DateString),
  description: Type.String(),
  receivedOn: DateString,
  mediationResult: Nullable(literals(['agreed', 'failed'] as const)),
  publicResult: NStr,
  closedAt: NullableTimestamp,
  enterpriseAnswer: NStr,
  enterpriseAnsweredAt: NullableTimestamp,
  canAnswer: Type.Boolean({ description: '调解中，可以答复' }),
  version: VersionSchema,
});
const MyComplaintDetail = Type.Composite([
  MyComplaint,
  Type.Object({
    mediationDueOn: Nullable(DateString),
    mediationDueCertain: Nullable(Type.Boolean()),
    timeline: Type.Array(Type.Object({ kind: Type.String(), at: Timestamp })),
  }),
]);

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

/**
 * 企业端: an enterprise account's complaints addressed to its enterprise for mediation (调解中 or
 * 调解后办结), and its answer. Staff get 403 (they are no enterprise).
 */
export const enterpriseComplaintsRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const my = services.handling.enterprise;
    const tags = ['complaints'];

    app.get(
      '/api/my/complaints',
      {
        config: { access: 'enterprise_self.read' },
        schema: {
          tags,
          summary: '本企业被投诉并进入调解的事项（企业账号；不含投诉人信息）',
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(MyComplaint), 403: ErrorSchema },
        },
      },
      async (request) => my.list(request.actor!, pageOf(request.query)),
    );

    app.get(
      '/api/my/complaints/:id',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '本企业被投诉事项详情（企业账号；不含投诉人信息）', params: IdParams, response: { 200: MyComplaintDetail, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => my.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/my/complaints/:id/answer',
      {
        config: { access: 'enterprise_self.report' },
        schema: {
          tags,
          summary: '企业答复调解中的投诉（If-Match 可选）',
          params: IdParams,
          body: Body({ text: Type.String({ minLength: 1, maxLength: ANSWER_MAX }) }),
          response: { 200: MyComplaintDetail, ...Errors },
        },
      },
      async (request) => my.answer(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
