import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { Binary, DateString, ErrorSchema, Nullable, literals } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, DEADLINE_KINDS } from '../complaints.schema.js';

const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$' });
const StatsQuery = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  regionCode: Type.Optional(RegionCode),
};
const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ description: '比率（0–1，四位小数）；分母为 0 时为 null' }));

const Stats = Type.Object({
  from: Nullable(DateString),
  to: Nullable(DateString),
  regionCode: Nullable(Type.String()),
  total: Count,
  byKind: Type.Array(Type.Object({ kind: literals(COMPLAINT_KINDS), count: Count })),
  byTopic: Type.Array(Type.Object({ topic: Type.String(), name: Type.String(), count: Count })),
  byCounty: Type.Array(Type.Object({ orgId: Type.String(), regionCode: Type.String(), name: Type.String({ description: '承办局（县区局或市局）' }), count: Count })),
  byChannel: Type.Array(Type.Object({ channel: literals(COMPLAINT_CHANNELS), count: Count })),
  byMonth: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM（收到日期，北京时间）' }),
      count: Count,
      byKind: Type.Object({ complaint: Count, report: Count, enquiry: Count, suggestion: Count }, { description: '按类型' }),
    }),
  ),
  onTime: Type.Array(
    Type.Object({
      kind: literals(DEADLINE_KINDS),
      due: Type.Integer({ description: '已到期的时限：按期完成 + 逾期' }),
      metOnTime: Count,
      late: Type.Integer({ description: '逾期完成，或未完成且已过期限' }),
      open: Type.Integer({ description: '未完成且未到期' }),
      rate: Rate,
    }),
  ),
  substantiated: Type.Object({ decided: Type.Integer({ description: '已得出是否属实结论的投诉和举报' }), substantiated: Count, rate: Rate }),
  satisfaction: Type.Object({ rated: Count, satisfied: Count, rate: Rate }),
  urgent: Type.Object({ count: Count, acknowledged: Count, meanAckMinutes: Nullable(Type.Number({ description: '从收到到响应的平均分钟数（一位小数）' })) }),
  repeatSubjects: Type.Array(
    Type.Object({ uscc: Type.String(), name: Type.String(), regionCode: Type.String(), count: Count, marked: Type.Literal(true, { description: '已列为重点检查对象' }) }),
  ),
  repeatSubjectThreshold: Type.Integer(),
  repeatSubjectsSince: DateString,
});

/** The staff list's filters (`GET /api/complaints`), taken by its export. */
const ListFilterQuery = {
  kind: Type.Optional(literals(COMPLAINT_KINDS)),
  status: Type.Optional(literals(COMPLAINT_STATUSES)),
  regionCode: Type.Optional(RegionCode),
  topic: Type.Optional(Type.String({ maxLength: 40 })),
  overdue: Type.Optional(Type.Boolean()),
  urgent: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};

/** Statistics, their export and the export of the staff list: see README.md. */
export const statsRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const stats = services.stats;
    const tags = ['complaints'];

    app.get(
      '/api/complaint-stats',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '投诉举报统计（数据范围内）：分类计数、按期办结率、属实率、满意度、紧急件、重复被投诉举报对象',
          querystring: Type.Object(StatsQuery, { additionalProperties: false }),
          response: { 200: Stats, 400: ErrorSchema },
        },
      },
      async (request) => stats.stats(request.actor!, request.query),
    );

    app.get(
      '/api/complaint-stats/export',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '导出投诉举报统计',
          querystring: Type.Object({ format: literals(EXPORT_FORMATS), ...StatsQuery }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const figures = await stats.stats(request.actor!, filter);
        return sendSpreadsheet(reply, format, stats.statsRows(figures), { asciiName: 'complaint-stats', title: '投诉举报统计' });
      },
    );

    app.get(
      '/api/complaints/export',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '导出投诉举报列表（与列表相同的筛选条件；投诉举报人已脱敏）',
          querystring: Type.Object({ format: literals(EXPORT_FORMATS), ...ListFilterQuery }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        return sendSpreadsheet(reply, format, stats.listRows(request.actor!, filter), { asciiName: 'complaints', title: '投诉举报' });
      },
    );
  };
