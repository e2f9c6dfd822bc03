import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../platform/http/etag.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, DateString, ErrorSchema, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../platform/http/schemas.js';
import { CREDIT_CLASSES, ENTERPRISE_STATUSES } from './enterprises.schema.js';
import type { EnterprisesService } from './enterprises.service.js';
import { SORTS } from './search.js';

export const Status = literals(ENTERPRISE_STATUSES);
export const CreditClass = literals(CREDIT_CLASSES);
const Contact = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.Optional(Type.String({ maxLength: 40 })), email: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

export const Enterprise = Type.Object({
  id: Type.String(),
  uscc: Type.String(),
  name: Type.String(),
  legalRepresentative: Nullable(Type.String()),
  address: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  status: Status,
  establishedOn: Nullable(Type.String()),
  contacts: Type.Array(Contact),
  tags: Type.Array(Type.String()),
  creditClass: Type.Union([CreditClass, Type.Null()]),
  usccOverrideReason: Nullable(Type.String()),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const editable = {
  legalRepresentative: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  industryCode: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  status: Type.Optional(Status),
  establishedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 20 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
};
const Name = Type.String({ minLength: 1, maxLength: 200 });
const RegionCode = Type.String({ minLength: 1, maxLength: 12 });

/** The list filters, shared by search and export. */
export const FilterQuery = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' })),
  status: Type.Optional(Status),
  creditClass: Type.Optional(CreditClass),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  industryCode: Type.Optional(Type.String({ maxLength: 10 })),
  sort: Type.Optional(literals(SORTS)),
};

export const UsccParams = Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const WriteErrors = { ...Errors, 412: ErrorSchema };

const HistoryEntry = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actorName: Nullable(Type.String()),
  source: Type.Union([Type.Literal('form'), Type.Literal('import')]),
  action: Type.Union([Type.Literal('created'), Type.Literal('updated')]),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});

export const enterprisesRoutes =
  (service: EnterprisesService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/enterprises',
      {
        config: { access: 'enterprise.read' },
        schema: {
          tags: ['enterprises'],
          summary: '检索市场主体名录（限本人数据范围）',
          querystring: Type.Object({ ...PageQuery, ...FilterQuery }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              items: Type.Array(Enterprise),
              total: Type.Integer(),
              totalExact: Type.Boolean({ description: '超过 10000 条匹配时 total 为估计值（false）；翻页不以估计值为止' }),
            }),
          },
        },
      },
      async (request) => {
        const { page, pageSize, sort, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }), sort);
      },
    );

    app.get('/api/enterprises/:uscc', { config: { access: 'enterprise.read' }, schema: { tags: ['enterprises'], summary: '市场主体详情', params: UsccParams, response: { 200: Enterprise, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.uscc),
    );

    app.get(
      '/api/enterprises/:uscc/history',
      { config: { access: ['enterprise.read', 'enterprise_self.read'] }, schema: { tags: ['enterprises'], summary: '变更历史（最新在前）', params: UsccParams, response: { 200: ListOf(HistoryEntry), 404: ErrorSchema } } },
      async (request) => service.history(request.actor!, request.params.uscc),
    );

    app.post(
      '/api/enterprises',
      {
        config: { access: 'enterprise.write' },
        schema: {
          tags: ['enterprises'],
          summary: '登记市场主体',
          body: Body({
            uscc: Type.String({ minLength: 1, maxLength: 40 }),
            name: Name,
            regionCode: RegionCode,
            ...editable,
            usccOverride: Type.Optional(Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })),
          }),
          response: { 201: Enterprise, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/enterprises/:uscc',
      {
        config: { access: 'enterprise.write' },
        schema: {
          tags: ['enterprises'],
          summary: '修改市场主体（If-Match 带上读取时的 ETag：已被他人修改时 412）',
          params: UsccParams,
          body: Body({ name: Type.Optional(Name), regionCode: Type.Optional(RegionCode), ...editable }),
          response: { 200: Enterprise, ...WriteErrors },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.uscc, request.body, ifMatch(request)),
    );
  };
