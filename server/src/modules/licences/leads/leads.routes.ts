import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, Nullable, NullableTimestamp, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { LEAD_OUTCOMES, LEAD_STATUSES } from './leads.schema.js';
import type { LeadsService } from './leads.service.js';

const Status = literals(LEAD_STATUSES);
const Outcome = literals(LEAD_OUTCOMES);

const Lead = Type.Object({
  id: Type.String(),
  operatorName: Type.String(),
  uscc: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String({ description: '信用代码在企业名录中时所关联的企业' })),
  enterpriseName: Nullable(Type.String()),
  address: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  licenceType: Nullable(Type.String()),
  licenceTypeName: Nullable(Type.String()),
  source: Type.String(),
  description: Type.String(),
  orgId: Type.String({ description: '主管局（线索所在地的县区局，否则市局）' }),
  orgName: Type.String(),
  status: Status,
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  outcome: Nullable(Outcome),
  caseId: Nullable(Type.String({ description: '由本线索立案的案件（办结结果 case_filed 时）' })),
  result: Nullable(Type.String()),
  closedByName: Nullable(Type.String()),
  closedAt: NullableTimestamp,
  version: VersionSchema,
  createdByName: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };

/** Unlicensed-operation leads (无证无照经营线索): file, list, assign, close. */
export const leadsRoutes =
  (service: LeadsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/unlicensed-leads',
      {
        config: { access: 'licence.read' },
        schema: {
          tags: ['licences'],
          summary: '无证无照经营线索列表（最新在前）',
          querystring: Type.Object(
            {
              status: Type.Optional(Status),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' })),
              q: Type.Optional(Type.String({ maxLength: 100, description: '经营者名称、地址或信用代码的片段' })),
              assigneeId: Type.Optional(Id),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Lead), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.post(
      '/api/unlicensed-leads',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '登记无证无照经营线索',
          body: Body({
            operatorName: Type.String({ minLength: 1, maxLength: 200 }),
            uscc: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            address: Type.String({ minLength: 1, maxLength: 300 }),
            regionCode: Type.String({ minLength: 1, maxLength: 12 }),
            licenceType: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            source: Type.String({ minLength: 1, maxLength: 100 }),
            description: Type.String({ minLength: 1, maxLength: 2000 }),
          }),
          response: { 201: Lead, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.get('/api/unlicensed-leads/:id', { config: { access: 'licence.read' }, schema: { tags: ['licences'], summary: '无证线索详情', params: IdParams, response: { 200: Lead, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/unlicensed-leads/:id/assign',
      { config: { access: 'licence.write' }, schema: { tags: ['licences'], summary: '指派（或改派）承办人（If-Match）', params: IdParams, body: Body({ assigneeId: Id }), response: { 200: Lead, ...WriteErrors } } },
      async (request) => service.assign(ctxOf(request), request.params.id, request.body.assigneeId, ifMatch(request)),
    );

    app.post(
      '/api/unlicensed-leads/:id/close',
      {
        config: { access: 'licence.write' },
        schema: { tags: ['licences'], summary: '办结线索（办结后不能再变更；If-Match）', params: IdParams, body: Body({ outcome: Outcome, result: Type.String({ minLength: 1, maxLength: 2000 }) }), response: { 200: Lead, ...WriteErrors } },
      },
      async (request) => service.close(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
