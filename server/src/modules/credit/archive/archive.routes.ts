import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendDocx, setAttachment } from '../../../platform/http/download.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, DateString, ErrorSchema, MAX_PAGE, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import { ENTERPRISE_STATUSES } from '../../enterprises/index.js';
import { CREDIT_CLASS_VALUES, EVALUATOR_GRADES, LISTING_STATUSES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';
import { REPORT_MAX_ENTRIES, TIMELINE_PAGE_SIZE } from './archive.service.js';
import { renderArchiveDocx } from './report-docx.js';
import { renderArchivePdf } from './report-pdf.js';
import { TIMELINE_AREAS } from './timeline.js';

const tags = ['credit'];
const Str = Type.String();
const NStr = Nullable(Type.String());
const Int = Type.Integer();
const UsccParams = Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const Area = literals(TIMELINE_AREAS);

const Summary = Type.Object({
  licences: Type.Object({ valid: Int, revoked: Type.Integer({ description: '被吊销或撤销的许可证' }) }),
  inspections: Type.Object({ passed: Int, problems: Int, notFound: Int }),
  spotchecks: Type.Object({ passed: Int, failed: Int }),
  equipment: Type.Object({ units: Type.Integer({ description: '在用及停用的设备（未报废、未注销）' }), overdue: Type.Integer({ description: '在用且超期未检' }), openHazards: Type.Integer({ description: '未整改的隐患' }) }),
  complaints: Type.Object({ substantiated: Int, other: Type.Integer({ description: '其他办结结果' }) }),
  cases: Type.Object({
    penalties: Type.Integer({ description: '行政处罚决定数' }),
    finesTotal: Type.Number({ description: '罚没金额合计（元）' }),
    transferred: Type.Integer({ description: '移送公安' }),
    publishedRecently: Type.Integer({ description: '近36个月内公示的处罚决定（公示期最长3年）' }),
  }),
  commitments: Type.Object({ inForce: Int }),
  listing: Nullable(Type.Object({ listingNo: Str, status: literals(LISTING_STATUSES), listedOn: Nullable(DateString), until: Nullable(DateString), reason: Str }, { description: '最近一次列入程序' })),
  rating: Nullable(Type.Object({ grade: literals(EVALUATOR_GRADES), evaluatorName: Str, ratedOn: DateString, validUntil: DateString }, { description: '有效的第三方信用评价' })),
  feedback: Type.Integer({ description: '部门联合惩戒反馈数' }),
});

const TimelineItem = Type.Object({
  on: DateString,
  kind: Type.String({ description: '事件类型，如 case.penalty、credit.class_changed、credit.listing.listed' }),
  area: Area,
  title: Str,
  ref: Type.Object({ type: Str, id: Str }),
});

const Archive = Type.Object({
  enterprise: Type.Object({ uscc: Str, name: Str, regionCode: Str, regionName: NStr, status: literals(ENTERPRISE_STATUSES), address: NStr, legalRepresentative: NStr, industryCode: NStr }),
  credit: Type.Object({
    class: literals(CREDIT_CLASS_VALUES),
    score: Type.Number(),
    modelVersion: Int,
    computedAt: Timestamp,
    overrideUntil: Nullable(DateString),
    listed: Type.Boolean(),
    reasons: Type.Array(Type.Object({ factor: Str, points: Type.Number(), detail: Str, ref: Nullable(Type.Object({ type: Str, id: Str })) })),
  }),
  summary: Summary,
  timeline: Type.Array(TimelineItem),
  paging: Type.Object({ page: Int, pageSize: Int, total: Int, next: Nullable(Type.String({ description: '下一页的 before 游标；没有更多时为 null' })) }),
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const ReportQuery = Type.Object({ all: Type.Optional(Type.Boolean({ default: false, description: 'true：全部信用记录；默认近3年' })) }, { additionalProperties: false });

/** Routes of the archive part: the archive and its report (.docx, .pdf). */
export const archiveRoutes =
  (services: CreditServices, _publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const archive = services.archive;

    app.get(
      '/api/credit/:uscc/archive',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '企业信用档案：基本信息、信用等级与评分、各领域汇总、信用记录时间轴（按日期由近及远）',
          description:
            '时间轴按 日期 desc、kind、ref.id 排序；分页用 page/pageSize（默认50条）或上一页返回的 paging.next 作为 before。筛选：area（领域）、from、to（日期，含当天）。数据范围以企业所在地区为准，范围外的企业为 404。投诉举报只有数量和结果，不含举报人信息。',
          params: UsccParams,
          querystring: Type.Object(
            {
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: REPORT_MAX_ENTRIES, default: TIMELINE_PAGE_SIZE })),
              before: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
              area: Type.Optional(Area),
              from: Type.Optional(DateString),
              to: Type.Optional(DateString),
            },
            { additionalProperties: false },
          ),
          response: { 200: Archive, ...Errors },
        },
      },
      async (request) => archive.archive(request.actor!, request.params.uscc, request.query),
    );

    app.get(
      '/api/credit/:uscc/archive.docx',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '企业质量信用档案报告（.docx，内部资料）：信用等级与评分依据、汇总、失信名单状态、近3年（或全部）信用记录，最多500条',
          params: UsccParams,
          querystring: ReportQuery,
          response: { 200: Binary, ...Errors },
        },
      },
      async (request, reply) => {
        const doc = await renderArchiveDocx(await archive.report(ctxOf(request), request.params.uscc, 'docx', request.query));
        return sendDocx(reply, doc.ascii, { fileName: doc.name, content: doc.content });
      },
    );

    app.get(
      '/api/credit/:uscc/archive.pdf',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '企业质量信用档案报告（.pdf，内部资料）：内容同 .docx',
          description: '服务器没有中文字体时为 503 PDF_FONT_MISSING（安装 fonts-noto-cjk 或设置 ZJ_PDF_FONT；.docx 不受影响）。',
          params: UsccParams,
          querystring: ReportQuery,
          response: { 200: Binary, ...Errors, 503: ErrorSchema },
        },
      },
      async (request, reply) => {
        const pdf = renderArchivePdf(await archive.report(ctxOf(request), request.params.uscc, 'pdf', request.query));
        setAttachment(reply, pdf.ascii, pdf.name);
        return reply.type('application/pdf').send(pdf.stream);
      },
    );
  };
