import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { NOTICE_KINDS, NOTICE_STATUSES } from '../portal.schema.js';
import type { PortalServices } from '../portal.services.js';
import { BODY_MAX, REASON_MAX, SUMMARY_MAX, TITLE_MAX } from './notices.service.js';

const tags = ['portal'];
const Str = Type.String();
const NStr = Nullable(Type.String());
const Kind = Type.Union([literals(NOTICE_KINDS)], { description: 'notice 通知公告、plan 计划、result 结果、exposure 曝光' });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Q = Type.String({ minLength: 1, maxLength: 100, description: '标题、摘要或正文包含的文字' });

const Notice = Type.Object({
  id: Str,
  kind: Kind,
  title: Str,
  summary: NStr,
  body: Type.String({ description: '纯文本，空行分段（不解析 HTML）' }),
  regionCode: Str,
  orgName: Type.String({ description: '发布机构（起草人所在局）' }),
  status: Type.Union([literals(NOTICE_STATUSES)], { description: 'draft 草稿（含退回的）、pending 待审核、published 已发布、withdrawn 已撤回' }),
  createdByName: Str,
  submittedAt: NullableTimestamp,
  returnedReason: Type.Union([Type.String({ description: '退回理由（退回后再次提交时清除）' }), Type.Null()]),
  approvedByName: NStr,
  publishedAt: NullableTimestamp,
  withdrawnAt: NullableTimestamp,
  withdrawnByName: NStr,
  withdrawReason: NStr,
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const PublicNotice = Type.Object({ id: Str, kind: Kind, title: Str, summary: NStr, body: Str, orgName: Str, publishedAt: Timestamp });

const fields = {
  kind: Kind,
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  summary: Type.Optional(Nullable(Type.String({ maxLength: SUMMARY_MAX }))),
  body: Type.String({ minLength: 1, maxLength: BODY_MAX, description: '纯文本，空行分段' }),
};
const Reason = Body({ reason: Type.String({ minLength: 1, maxLength: REASON_MAX }) });

/** The portal's pages: the staff workflow (draft, submit, approve, return, withdraw) and the public reads (notices/README.md). */
export const noticesRoutes =
  (services: PortalServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { notices } = services;

    app.get(
      '/api/portal-notices',
      {
        config: { access: 'portal.write' },
        schema: {
          tags,
          summary: '门户公告列表（数据范围内），最近修改的在前',
          querystring: Type.Object({ ...PageQuery, kind: Type.Optional(Kind), status: Type.Optional(literals(NOTICE_STATUSES)), q: Type.Optional(Q) }, { additionalProperties: false }),
          response: { 200: ListOf(Notice), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => notices.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/portal-notices',
      {
        config: { access: 'portal.write' },
        schema: { tags, summary: '起草门户公告（通知公告、计划、结果、曝光），以起草人所在局的名义', body: Body(fields), response: { 201: Notice, ...Errors } },
      },
      async (request, reply) => reply.code(201).send(await notices.create(ctxOf(request), request.body)),
    );

    app.get(
      '/api/portal-notices/:id',
      { config: { access: 'portal.write' }, schema: { tags, summary: '门户公告', params: IdParams, response: { 200: Notice, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => notices.get(request.actor!, request.params.id),
    );

    app.patch(
      '/api/portal-notices/:id',
      {
        config: { access: 'portal.write' },
        schema: { tags, summary: '修改草稿（含退回的）；If-Match 可选', params: IdParams, body: Body({ kind: Type.Optional(Kind), title: Type.Optional(fields.title), summary: fields.summary, body: Type.Optional(fields.body) }), response: { 200: Notice, ...Errors } },
      },
      async (request) => notices.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/portal-notices/:id/submit',
      {
        config: { access: 'portal.write' },
        schema: { tags, summary: '提交审核（草稿 → 待审核，科室负责人收到待办）；If-Match 可选', params: IdParams, body: Type.Optional(Body({})), response: { 200: Notice, ...Errors } },
      },
      async (request) => notices.submit(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.post(
      '/api/portal-notices/:id/approve',
      {
        config: { access: 'portal.approve' },
        schema: {
          tags,
          summary: '审核通过并发布（待审核 → 已发布）；If-Match 可选',
          description: '不能审核自己起草的公告（409 SAME_PERSON）。',
          params: IdParams,
          body: Type.Optional(Body({})),
          response: { 200: Notice, ...Errors },
        },
      },
      async (request) => notices.approve(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.post(
      '/api/portal-notices/:id/return',
      {
        config: { access: 'portal.approve' },
        schema: { tags, summary: '退回修改（待审核 → 草稿，须说明理由）；If-Match 可选', params: IdParams, body: Reason, response: { 200: Notice, ...Errors } },
      },
      async (request) => notices.returnToDraft(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/portal-notices/:id/withdraw',
      {
        config: { access: 'portal.approve' },
        schema: { tags, summary: '撤回已发布的公告（须说明理由，撤回后门户不再显示）；If-Match 可选', params: IdParams, body: Reason, response: { 200: Notice, ...Errors } },
      },
      async (request) => notices.withdraw(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/public/notices',
      {
        config: { access: 'public' },
        onRequest: publicLimit('notices'),
        schema: {
          tags: ['public'],
          summary: '门户公告（无需登录）：已发布的通知公告、计划、结果、曝光，发布时间新的在前',
          querystring: Type.Object({ ...PageQuery, kind: Type.Optional(Kind), q: Type.Optional(Q) }, { additionalProperties: false }),
          response: { 200: ListOf(PublicNotice), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => notices.publicList(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/public/notices/:id',
      {
        config: { access: 'public' },
        onRequest: publicLimit('notices'),
        schema: { tags: ['public'], summary: '门户公告（无需登录）；已撤回的 410 WITHDRAWN，草稿、待审核或不存在的 404', params: IdParams, response: { 200: PublicNotice, 404: ErrorSchema, 410: ErrorSchema, 429: ErrorSchema } },
      },
      async (request) => notices.publicGet(request.params.id),
    );
  };
