import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, literals, pageOf } from '../../../platform/http/schemas.js';
import { PENALTY_TYPES } from '../cases.schema.js';
import type { CasesServices } from '../cases.services.js';
import { PUBLICATION_STATUSES } from './publication.schema.js';
import { PUBLICATION_STATES } from './publication.service.js';

const tags = ['cases'];
const Str = Type.String();
const NStr = Nullable(Type.String());
const PenaltyTypes = Type.Array(literals(PENALTY_TYPES), { description: '处罚种类：warning 警告、criticism 通报批评、fine 罚款、confiscation_gains 没收违法所得、confiscation 没收非法财物、suspension 责令停产停业、revocation 吊销许可证' });

/** A publication as staff see it. */
const Publication = Type.Object({
  caseId: Str,
  caseNo: Str,
  documentNo: NStr,
  partyName: Str,
  uscc: NStr,
  regionCode: Str,
  orgId: Str,
  orgName: Str,
  decidedOn: Nullable(DateString),
  penaltyTypes: PenaltyTypes,
  penaltyText: NStr,
  status: literals(PUBLICATION_STATUSES),
  state: literals(PUBLICATION_STATES),
  exemptReason: Type.Union([Type.String({ description: '不予公示的原因（如 仅警告）' }), Type.Null()]),
  dueOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '应公示日期：处罚决定之日起 20 个工作日（可配置）' }),
  dueCertain: Type.Boolean({ description: 'false：期间跨越尚无节假日数据的年份，到期日可能变化' }),
  overdue: Type.Boolean({ description: '待公示且已过应公示日期' }),
  publishedOn: Nullable(DateString),
  publishedByName: NStr,
  period: Nullable(literals(['short', 'long'] as const)),
  publicUntil: Nullable(DateString),
  earlyRemovalFrom: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '公示期为三年的，可申请提前停止公示的最早日期' }), Type.Null()]),
  removedOn: Nullable(DateString),
  removalReason: NStr,
  removedByName: NStr,
  version: VersionSchema,
});

/** One decision on the public site: exactly the contract's fields. */
const PublicPenalty = Type.Object({
  documentNo: Type.String({ description: '行政处罚决定书文号' }),
  partyName: Type.String({ description: '当事人名称' }),
  uscc: Type.Union([Type.String({ description: '统一社会信用代码' }), Type.Null()]),
  violation: Type.String({ description: '违法行为类型' }),
  penaltyTypes: PenaltyTypes,
  penalty: Type.String({ description: '处罚内容（决定书的表述，如 罚款人民币5000元）' }),
  legalBasis: Type.String({ description: '处罚依据' }),
  decidedOn: DateString,
  publishedOn: DateString,
  publicUntil: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '公示截止日期（含当日）' }),
});

const WriteErrors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

/** Publication of penalty decisions (publication/README.md): the public list, the staff list, publish, early removal. */
export const publicationRoutes =
  (services: CasesServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { publication } = services;

    app.get(
      '/api/public/penalties',
      {
        config: { access: 'public' },
        onRequest: publicLimit('penalties'),
        schema: {
          tags: ['public'],
          summary: '行政处罚信息公示：公示期内的处罚决定（无需登录），公示日期新的在前',
          description: '只列出已公示且在公示期内（公示日期 ≤ 今天 ≤ 公示截止日期）的处罚决定；期满或提前停止公示的不再列出。year：处罚决定的年份。',
          querystring: Type.Object(
            { uscc: Type.Optional(Type.String({ minLength: 1, maxLength: 18, description: '统一社会信用代码' })), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(PublicPenalty), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => publication.publicList(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/penalty-publications',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '处罚决定公示台账（数据范围内），应公示日期新的在前',
          description: 'status：pending 待公示、published 公示中、expired 公示期满、not_published 不予公示、removed 提前停止公示；overdue=true：待公示且已过应公示日期。',
          querystring: Type.Object(
            {
              ...PageQuery,
              status: Type.Optional(literals(PUBLICATION_STATES)),
              overdue: Type.Optional(Type.Boolean()),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
              q: Type.Optional(Type.String({ maxLength: 100, description: '案件编号、文书号、当事人或统一社会信用代码' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Publication), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => publication.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/cases/:id/publication/publish',
      {
        config: { access: 'case.write' },
        schema: {
          tags,
          summary: '公示处罚决定（仅待公示的；公示期三个月或三年，自公示日期起算；If-Match 可选）',
          description: '公示期：仅通报批评、警告或罚款不超过较低数额（可配置）的为三个月，其他为三年。publishedOn 默认今天，不得早于决定日期、晚于今天。',
          params: IdParams,
          body: Body({ publishedOn: Type.Optional(Nullable(DateString)) }),
          response: { 200: Publication, ...WriteErrors },
        },
      },
      async (request) => publication.publish(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/cases/:id/publication/remove',
      {
        config: { access: 'case.approve' },
        schema: {
          tags,
          summary: '依当事人申请提前停止公示（If-Match 可选）',
          description: '仅公示期为三年、公示已满规定月数（默认 12 个月，以申请日期计）且案件已结案（处罚已履行）的可以提前停止公示；否则 409 EARLY_REMOVAL_NOT_ALLOWED，details.reasons 列出全部原因。',
          params: IdParams,
          body: Body({ reason: Type.String({ minLength: 1, maxLength: 2000 }), applicationDate: Type.Optional(Nullable(DateString)) }),
          response: { 200: Publication, ...WriteErrors },
        },
      },
      async (request) => publication.remove(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
