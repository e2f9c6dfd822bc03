import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { sendDocx, setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { PRODUCT_CATEGORIES } from '../../cases/index.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { BULLETIN_STATUSES, CONCLUSIONS } from '../spotchecks.schema.js';
import { renderBulletinCsv, renderBulletinDocx, renderBulletinXlsx } from './document.js';
import { BULLETIN_SAMPLES_MAX, STATS_YEARS_MAX } from './publication.service.js';

const tags = ['spotchecks'];
const Str = Type.String();
const NStr = Nullable(Type.String());
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Quarter = Type.Integer({ minimum: 1, maximum: 4 });
const Category = literals(PRODUCT_CATEGORIES);
const Conclusion = literals(CONCLUSIONS);
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1, description: '批次合格率 = passed ÷ batches（0–1）；没有批次时为 null（不是 0 或 1）' }));
const ProductCode = Type.String({ minLength: 1, maxLength: 40, description: '产品代码' });
const Uscc = Type.String({ minLength: 1, maxLength: 18, description: '统一社会信用代码' });

/** A published result: exactly the contract's fields (no samplers, prices or other personal data). */
const resultFields = {
  sampleNo: Type.String({ description: '样品编号' }),
  productCode: Str,
  productName: Str,
  category: Category,
  enterpriseName: Type.String({ description: '被抽样企业名称' }),
  uscc: Str,
  regionCode: Str,
  regionName: Type.String({ description: '企业所在县区' }),
  batchNo: NStr,
  productionDate: NStr,
  specification: Type.Union([Type.String({ description: '规格型号' }), Type.Null()]),
  conclusion: Type.Union([Conclusion], { description: '最终结论（复检的以复检结论为准）：pass 合格、fail 不合格' }),
  failingItems: Type.Array(Str, { description: '不合格项目（复检的以复检结果为准）' }),
  institutionName: Type.String({ description: '承检机构（复检的为复检机构）' }),
  bulletinNo: Type.String({ description: '质量公告编号（草稿为空）' }),
  publishedOn: Type.String({ description: '公告日期 YYYY-MM-DD（草稿为空）' }),
  followup: Type.Union([Type.Literal('not_corrected_notice'), Type.Null()], { description: 'not_corrected_notice：不合格后逾期未整改，已公告' }),
};
const PublicResult = Type.Object(resultFields);

const Summary = Type.Object({ productCode: Str, productName: Str, batches: Type.Integer(), passed: Type.Integer(), failed: Type.Integer(), passRate: Rate });

const bulletinFields = {
  id: Str,
  bulletinNo: Type.Union([Type.String({ description: '如 淮市监抽公〔2026〕3号；发布时编号' }), Type.Null()]),
  title: Str,
  year: Type.Integer(),
  quarter: Nullable(Type.Integer()),
  planId: NStr,
  planName: NStr,
  status: literals(BULLETIN_STATUSES),
  sampleIds: Type.Array(Str),
  sampleCount: Type.Integer(),
  passed: Type.Integer(),
  passRate: Rate,
  publishedOn: Nullable(DateString),
  withdrawnReason: NStr,
  withdrawnOn: Nullable(DateString),
  withdrawnByName: NStr,
  createdByName: Str,
  publishedByName: NStr,
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
const BulletinListItem = Type.Object(bulletinFields);
const Bulletin = Type.Object({
  ...bulletinFields,
  summary: Type.Array(Type.Object({ ...Summary.properties, category: Category })),
  samples: Type.Array(Type.Object({ id: Str, lotNo: Str, year: Type.Integer(), quarter: Type.Integer(), ...resultFields })),
});

const PublicBulletinFields = { id: Str, bulletinNo: Str, title: Str, year: Type.Integer(), quarter: Nullable(Type.Integer()), publishedOn: Str, batches: Type.Integer(), passed: Type.Integer(), passRate: Rate };
const PublicBulletin = Type.Object(PublicBulletinFields);
const PublicBulletinDetail = Type.Object({ ...PublicBulletinFields, summary: Type.Array(Summary), items: Type.Array(PublicResult) });

const FinalSample = Type.Object({
  id: Str,
  lotNo: Str,
  planId: Str,
  year: Type.Integer(),
  quarter: Type.Integer(),
  ...Type.Omit(PublicResult, ['bulletinNo', 'publishedOn', 'followup']).properties,
  bulletinId: NStr,
  bulletinNo: NStr,
});

const Tally = { year: Type.Integer(), batches: Type.Integer(), passed: Type.Integer(), passRate: Rate };
const Stats = Type.Object({
  fromYear: Type.Integer(),
  toYear: Type.Integer(),
  includesHistory: Type.Boolean({ description: '是否计入系统上线前录入的历史数据（仅全市范围的用户；历史数据无县区，不计入 byRegion）' }),
  byYear: Type.Array(Type.Object(Tally)),
  byProduct: Type.Array(Type.Object({ productCode: Str, productName: Str, category: Category, ...Tally })),
  byCategory: Type.Array(Type.Object({ category: Category, ...Tally })),
  byRegion: Type.Array(Type.Object({ regionCode: Str, regionName: Str, ...Tally })),
});

const SampleIds = Type.Array(Id, { maxItems: BULLETIN_SAMPLES_MAX, description: '公告的样品（须已有最终结论，且未在其他已发布公告中）' });

/** Bulletins (质量公告), their documents, the candidates, the public results and bulletins, the statistics (publication/README.md). */
export const publicationRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { publication } = services;

    app.get(
      '/api/spotcheck/bulletins',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '质量公告列表（县区用户看不到草稿），年份新的在前',
          querystring: Type.Object({ ...PageQuery, year: Type.Optional(Year), status: Type.Optional(literals(BULLETIN_STATUSES)) }, { additionalProperties: false }),
          response: { 200: ListOf(BulletinListItem), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => publication.listBulletins(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/bulletins',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '起草质量公告（市局）',
          description: '样品须已有最终结论（否则 409 NOT_FINAL，details.sampleNos 列出样品编号），且不在其他已发布的公告中（409 ALREADY_PUBLISHED）。',
          body: Body({ title: Type.String({ minLength: 1, maxLength: 200 }), year: Year, quarter: Type.Optional(Nullable(Quarter)), planId: Type.Optional(Nullable(Id)), sampleIds: SampleIds }),
          response: { 201: Bulletin, ...Errors },
        },
      },
      async (request, reply) => reply.code(201).send(await publication.createBulletin(ctxOf(request), request.body)),
    );

    app.get(
      '/api/spotcheck/bulletins/:id',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '质量公告：汇总与全部样品结果', params: IdParams, response: { 200: Bulletin, 404: ErrorSchema } } },
      async (request) => publication.getBulletin(request.actor!, request.params.id),
    );

    app.patch(
      '/api/spotcheck/bulletins/:id',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '修改草稿质量公告（If-Match 可选；sampleIds 为全部样品）',
          params: IdParams,
          body: Body({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), year: Type.Optional(Year), quarter: Type.Optional(Nullable(Quarter)), planId: Type.Optional(Nullable(Id)), sampleIds: Type.Optional(SampleIds) }),
          response: { 200: Bulletin, ...Errors },
        },
      },
      async (request) => publication.updateBulletin(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/bulletins/:id/publish',
      {
        config: { access: 'spotcheck.approve' },
        schema: {
          tags,
          summary: '发布质量公告（编号 <市局简称>抽公〔年〕n号，公告日期今天；If-Match 可选）',
          description: '再次检查全部样品已有最终结论且未在其他已发布公告中；发布后在公众网站公开。',
          params: IdParams,
          body: Type.Optional(Body({})),
          response: { 200: Bulletin, ...Errors },
        },
      },
      async (request) => publication.publish(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/bulletins/:id/withdraw',
      {
        config: { access: 'spotcheck.approve' },
        schema: {
          tags,
          summary: '撤回已发布的质量公告（须说明理由；撤回后从公众网站消失，样品可再公告；If-Match 可选）',
          params: IdParams,
          body: Body({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 200: Bulletin, ...Errors },
        },
      },
      async (request) => publication.withdraw(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/bulletins/:id/document',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '质量公告文件：docx（公告正文：汇总、不合格产品）、xlsx 或 csv（全部批次）',
          params: IdParams,
          querystring: Type.Object({ format: literals(['docx', 'xlsx', 'csv'] as const) }, { additionalProperties: false }),
          response: { 200: Binary, 400: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const facts = await publication.documentFacts(request.actor!, request.params.id);
        const ascii = `spotcheck-bulletin-${request.params.id}`;
        const title = facts.bulletin.title;
        switch (request.query.format) {
          case 'docx': {
            return sendDocx(reply, `${ascii}.docx`, await renderBulletinDocx(facts, todayInChina()));
          }
          case 'xlsx':
            setAttachment(reply, `${ascii}.xlsx`, `${title}.xlsx`);
            return reply.type(XLSX).send(renderBulletinXlsx(facts));
          case 'csv':
            setAttachment(reply, `${ascii}.csv`, `${title}.csv`);
            return reply.type('text/csv; charset=utf-8').send(renderBulletinCsv(facts));
        }
      },
    );

    app.get(
      '/api/spotcheck/final-samples',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '可公告的样品（已有最终结论，数据范围内），样品编号顺序',
          description: 'year、quarter、planId：样品所属批次组的年度、季度、计划；unpublished=true：不在任何已发布公告中。',
          querystring: Type.Object(
            { ...PageQuery, year: Type.Optional(Year), quarter: Type.Optional(Quarter), planId: Type.Optional(Id), productCode: Type.Optional(ProductCode), unpublished: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(FinalSample), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => publication.finalSamples(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/spotcheck/stats',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '抽查合格率统计：按年度、产品×年度、类别×年度、县区×年度',
          description: `来自已有最终结论的样品（按批次组年度；县区用户仅本县区），全市范围的用户另计入录入的历史数据（无县区，不计入 byRegion）。默认最近五年，跨度不超过 ${STATS_YEARS_MAX} 年；没有批次的年份合格率为 null。`,
          querystring: Type.Object({ fromYear: Type.Optional(Year), toYear: Type.Optional(Year) }, { additionalProperties: false }),
          response: { 200: Stats, 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => publication.stats(request.actor!, request.query),
    );

    app.get(
      '/api/public/spotcheck-results',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-results'),
        schema: {
          tags: ['public'],
          summary: '产品质量监督抽查结果（无需登录）：已发布质量公告中的样品，公告日期新的在前',
          description: 'year：抽查年度。不含抽样人员、样品价格等信息；followup=not_corrected_notice 表示不合格后逾期未整改已公告。',
          querystring: Type.Object({ uscc: Type.Optional(Uscc), productCode: Type.Optional(ProductCode), year: Type.Optional(Year), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PublicResult), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => publication.publicResults(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/public/spotcheck-bulletins',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-bulletins'),
        schema: {
          tags: ['public'],
          summary: '质量公告（无需登录）：已发布的，公告日期新的在前；撤回的不再列出',
          querystring: Type.Object({ year: Type.Optional(Year), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(PublicBulletin), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => publication.publicBulletins(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/public/spotcheck-bulletins/:id',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-bulletins'),
        schema: { tags: ['public'], summary: '质量公告（无需登录）：汇总与全部结果；草稿或已撤回的 404', params: IdParams, response: { 200: PublicBulletinDetail, 404: ErrorSchema, 429: ErrorSchema } },
      },
      async (request) => publication.publicBulletin(request.params.id),
    );
  };
