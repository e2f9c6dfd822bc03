import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, Id, ListOf, NoContent, PageQuery, Timestamp, pageOf } from '../../../platform/http/schemas.js';
import { type InspectorsService, MAX_CONFLICTS, MAX_PERIODS, MAX_SPECIALTIES } from './inspectors.service.js';

const Period = Type.Object(
  {
  from: Type.String({ maxLength: 10, description: 'YYYY-MM-DD（含）' }),
  // Not Nullable(String): with type coercion on, the string branch of a union would take null as "".
  to: Type.Optional(Type.Unsafe<string | null>({ type: 'string', nullable: true, maxLength: 10, description: 'YYYY-MM-DD（含）；null 表示至今' })),
  },
  { additionalProperties: false },
);

const Inspector = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  userActive: Type.Boolean({ description: '用户账号是否启用（停用的不参加抽取）' }),
  orgId: Type.String(),
  orgName: Type.String(),
  certificateNo: Type.String(),
  specialties: Type.Array(Type.String()),
  activePeriods: Type.Array(Type.Object({ from: Type.String(), to: Type.Union([Type.String(), Type.Null()]) })),
  conflicts: Type.Array(Type.String(), { description: '声明回避的企业（统一社会信用代码）' }),
  regionCode: Type.String(),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const UserParams = Type.Object({ userId: Id }, { additionalProperties: false });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The inspector pool (执法检查人员名录库): read with inspection.read, maintained with inspection.configure. */
export const inspectorsRoutes =
  (service: InspectorsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/inspectors',
      {
        config: { access: 'inspection.read' },
        schema: {
          tags: ['inspections'],
          summary: '执法检查人员名录库（本辖区）',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 100, description: '姓名、用户名或执法证号的片段' })),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' })),
              specialty: Type.Optional(Type.String({ maxLength: 50 })),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Inspector), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.get('/api/inspectors/:userId', { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '执法检查人员详情', params: UserParams, response: { 200: Inspector, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.userId),
    );

    app.put(
      '/api/inspectors/:userId',
      {
        config: { access: 'inspection.configure' },
        schema: {
          tags: ['inspections'],
          summary: '将用户列入执法检查人员名录库，或修改其信息（新列入 201，修改 200；If-Match）',
          params: UserParams,
          body: Body({
            certificateNo: Type.String({ maxLength: 50, description: '执法证号，唯一' }),
            specialties: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: MAX_SPECIALTIES })),
            activePeriods: Type.Optional(Type.Array(Period, { maxItems: MAX_PERIODS, description: '可参加抽取的期间；不填表示一直可以' })),
            conflicts: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: MAX_CONFLICTS, description: '声明回避的企业（统一社会信用代码）' })),
          }),
          response: { 200: Inspector, 201: Inspector, ...Errors, 412: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { inspector, created } = await service.put(ctxOf(request), request.params.userId, request.body, ifMatch(request));
        return reply.status(created ? 201 : 200).send(inspector);
      },
    );

    app.delete(
      '/api/inspectors/:userId',
      { config: { access: 'inspection.configure' }, schema: { tags: ['inspections'], summary: '移出执法检查人员名录库（用户账号保留）', params: UserParams, response: { 204: NoContent, 403: ErrorSchema, 404: ErrorSchema, 412: ErrorSchema } } },
      async (request, reply) => {
        await service.remove(ctxOf(request), request.params.userId, ifMatch(request));
        return reply.status(204).send(null);
      },
    );
  };
