import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../http/etag.js';
import { ctxOf } from '../http/request.js';
import { Body, DateString, ErrorSchema, ListOf, NoContent } from '../http/schemas.js';
import { type CalendarService, MAX_WORKING_DAYS } from './calendar.service.js';

const Year = Type.Integer({ minimum: 1990, maximum: 2100 });
const Source = Type.Union([Type.Literal('package'), Type.Literal('manual')]);
const Day = Type.Object({ date: Type.String(), workingDay: Type.Boolean(), name: Type.Union([Type.String(), Type.Null()]), source: Source, version: VersionSchema });
const DateParams = Type.Object({ date: DateString }, { additionalProperties: false });

export const calendarRoutes =
  (service: CalendarService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/calendar/add-working-days',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['calendar'],
          summary: '自 from 起第 N 个工作日（from 当日不计）',
          querystring: Type.Object({ from: DateString, days: Type.Integer({ minimum: 0, maximum: MAX_WORKING_DAYS }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ date: Type.String(), certain: Type.Boolean() }), 400: ErrorSchema },
        },
      },
      async (request) => service.addWorkingDays(request.query.from, request.query.days),
    );

    app.get(
      '/api/calendar/is-working-day',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['calendar'],
          summary: '某日是否为工作日（certain=false：该年节假日安排尚未录入）',
          querystring: Type.Object({ date: DateString }, { additionalProperties: false }),
          response: { 200: Type.Object({ workingDay: Type.Boolean(), certain: Type.Boolean() }), 400: ErrorSchema },
        },
      },
      async (request) => service.isWorkingDay(request.query.date),
    );

    app.get('/api/calendar/years', { config: { access: 'authenticated' }, schema: { tags: ['calendar'], summary: '已有节假日安排的年份及其来源', response: { 200: ListOf(Type.Object({ year: Type.Integer(), source: Source })) } } }, async () =>
      service.years(),
    );

    app.get(
      '/api/calendar/days',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['calendar'],
          summary: '某年的节假日、调休工作日与人工调整',
          querystring: Type.Object({ year: Year }, { additionalProperties: false }),
          response: { 200: Type.Object({ year: Type.Integer(), covered: Type.Boolean(), coveredVersion: Type.Integer({ description: '该年“数据完整”声明的版本（0：未声明）' }), items: Type.Array(Day), total: Type.Integer() }) },
        },
      },
      async (request) => service.days(request.query.year),
    );

    app.put(
      '/api/calendar/days/:date',
      {
        config: { access: 'calendar.write' },
        schema: {
          tags: ['calendar'],
          summary: '人工调整某日（If-Match：该日调整的版本，未调整过为 0）',
          params: DateParams,
          body: Body({ workingDay: Type.Boolean(), name: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])) }),
          response: { 200: Day, 400: ErrorSchema, 412: ErrorSchema },
        },
      },
      async (request) => service.setDay(ctxOf(request), request.params.date, request.body, ifMatch(request)),
    );

    app.delete(
      '/api/calendar/days/:date',
      { config: { access: 'calendar.write' }, schema: { tags: ['calendar'], summary: '撤销某日的人工调整（If-Match）', params: DateParams, response: { 204: NoContent, 404: ErrorSchema, 412: ErrorSchema } } },
      async (request, reply) => {
        await service.deleteDay(ctxOf(request), request.params.date, ifMatch(request));
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/calendar/years/:year',
      {
        config: { access: 'calendar.write' },
        schema: {
          tags: ['calendar'],
          summary: '声明人工录入的年份数据完整（If-Match：声明的版本，未声明过为 0）',
          params: Type.Object({ year: Year }, { additionalProperties: false }),
          body: Body({ covered: Type.Boolean() }),
          response: { 200: Type.Object({ year: Type.Integer(), covered: Type.Boolean(), version: VersionSchema }), 409: ErrorSchema, 412: ErrorSchema },
        },
      },
      async (request) => service.setYear(ctxOf(request), request.params.year, request.body.covered, ifMatch(request)),
    );
  };
