import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendSpreadsheet } from '../../../platform/files/export.js';
import { sendDocx } from '../../../platform/http/download.js';
import { ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, literals, pageOf } from '../../../platform/http/schemas.js';
import { LISTING_SOURCES, LISTING_STATUSES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';
import { repairsRoutes } from './repairs.routes.js';
import { LISTING_RULE_KEYS } from './rules.js';
import { Candidate, ListingDetail, Listing, PublicListing } from './schemas.js';

const tags = ['credit'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Text = (description: string) => Type.String({ minLength: 1, maxLength: 2000, description });
const Q = Type.Optional(Type.String({ maxLength: 100, description: '企业名称（部分）或统一社会信用代码前缀' }));

/**
 * The dishonest list (README.md): staff's proposals, notices, decisions and revocations with
 * If-Match; the public list; the repair and enterprise routes (repairs.routes.ts).
 */
export const listingsRoutes =
  (services: CreditServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const listings = services.listings;

    app.get(
      '/api/public/dishonest-list',
      {
        config: { access: 'public' },
        onRequest: publicLimit('credit'),
        schema: {
          tags: ['public'],
          summary: '严重违法失信名单：列入期内的企业（无需登录），列入日期新的在前',
          querystring: Type.Object({ q: Q, ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PublicListing), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => listings.publicList({ q: request.query.q }, pageOf(request.query)),
    );

    app.get(
      '/api/public/dishonest-list.csv',
      {
        config: { access: 'public' },
        onRequest: publicLimit('credit'),
        schema: {
          tags: ['public'],
          summary: '严重违法失信名单（CSV，UTF-8 带 BOM；公式单元格已中和）',
          querystring: Type.Object({ q: Q }, { additionalProperties: false }),
          produces: ['text/csv'],
          response: { 200: Binary, 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => sendSpreadsheet(reply, 'csv', listings.publicCsv({ q: request.query.q }), { asciiName: 'dishonest-list', title: '严重违法失信名单' }),
    );

    app.get(
      '/api/credit-listings',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '失信名单记录（数据范围内），最近变更的在前',
          querystring: Type.Object({ status: Type.Optional(literals(LISTING_STATUSES)), q: Q, ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Listing), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => listings.list(request.actor!, { status: request.query.status, q: request.query.q }, pageOf(request.query)),
    );

    app.get(
      '/api/credit-listings/candidates',
      {
        config: { access: 'credit.list' },
        schema: {
          tags,
          summary: '符合列入规则且无未办结记录的企业（serious_penalty：较重行政处罚；repeat_failure：两年内抽查两次不合格）',
          querystring: Type.Object({ ruleKey: Type.Optional(literals(LISTING_RULE_KEYS)), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Candidate), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => listings.candidates(request.actor!, { ruleKey: request.query.ruleKey }, pageOf(request.query)),
    );

    app.get(
      '/api/credit-listings/:id',
      { config: { access: 'credit.read' }, schema: { tags, summary: '失信名单记录详情（步骤、企业陈述申辩、信用修复申请）', params: IdParams, response: { 200: ListingDetail, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => listings.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/credit-listings',
      {
        config: { access: 'credit.list' },
        schema: {
          tags,
          summary: '提出列入严重违法失信名单的建议（来源：案件、规则或人工）；每个企业同时只有一条未办结记录',
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 40 }),
            source: literals(LISTING_SOURCES),
            caseId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
            ruleKey: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            reason: Text('列入事由'),
            legalBasis: Text('法律依据'),
          }),
          response: { 201: ListingDetail, ...Errors },
        },
      },
      async (request, reply) => reply.code(201).send(await listings.propose(ctxOf(request), request.body)),
    );

    app.post(
      '/api/credit-listings/:id/notice',
      { config: { access: 'credit.list' }, schema: { tags, summary: '告知企业（陈述申辩期限：今天起 ZJ_CREDIT_NOTICE_DAYS 日；If-Match）', params: IdParams, response: { 200: ListingDetail, ...Errors } } },
      async (request) => listings.notice(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/credit-listings/:id/notice.docx',
      { config: { access: 'credit.read' }, schema: { tags, summary: '下载列入严重违法失信名单告知书（.docx）', params: IdParams, response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema } } },
      async (request, reply) => {
        return sendDocx(reply, `listing-notice-${request.params.id}.docx`, await listings.noticeDocument(request.actor!, request.params.id));
      },
    );

    app.post(
      '/api/credit-listings/:id/decide',
      {
        config: { access: 'credit.decide' },
        schema: {
          tags,
          summary: '作出决定：列入（列入期 ZJ_CREDIT_LIST_YEARS 年，即时公示）或不予列入；告知期满或企业陈述申辩后，非提议人（If-Match）',
          params: IdParams,
          body: Body({ list: Type.Boolean(), note: Text('决定意见') }),
          response: { 200: ListingDetail, ...Errors },
        },
      },
      async (request) => listings.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/credit-listings/:id/revoke',
      {
        config: { access: 'credit.decide' },
        schema: { tags, summary: '撤销错误的列入或建议（If-Match）', params: IdParams, body: Body({ reason: Text('撤销理由') }), response: { 200: ListingDetail, ...Errors } },
      },
      async (request) => listings.revoke(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    await app.register(repairsRoutes(services));
  };
