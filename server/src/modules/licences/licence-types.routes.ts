import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../platform/http/etag.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, ErrorSchema, Id, ListOf, Nullable } from '../../platform/http/schemas.js';
import { LICENCE_TYPE_KEY_PATTERN, type LicenceTypesService, MAX_VALIDITY_YEARS } from './licence-types.service.js';

const LicenceType = Type.Object({
  key: Type.String(),
  name: Type.String(),
  sectionId: Nullable(Type.String()),
  sectionName: Nullable(Type.String()),
  legalBasis: Type.String(),
  validityYears: Nullable(Type.Integer()),
  historic: Type.Boolean({ description: '已取消的证照类型：只能查阅，不能新发' }),
  sort: Type.Integer(),
  version: VersionSchema,
});

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  sectionId: Nullable(Id),
  legalBasis: Type.String({ minLength: 1, maxLength: 500 }),
  // Not Nullable(Integer): with type coercion on, the null branch of a union would take 0 as null.
  validityYears: Type.Unsafe<number | null>({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_VALIDITY_YEARS, description: '默认有效期（年）；null 表示长期有效' }),
  historic: Type.Boolean(),
};

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const KeyParams = Type.Object({ key: Type.String({ maxLength: 60 }) }, { additionalProperties: false });

export const licenceTypesRoutes =
  (service: LicenceTypesService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/licence-types', { config: { access: 'licence.read' }, schema: { tags: ['licences'], summary: '许可证类型', response: { 200: ListOf(LicenceType) } } }, async () => service.list());

    app.get('/api/licence-types/:key', { config: { access: 'licence.read' }, schema: { tags: ['licences'], summary: '许可证类型详情', params: KeyParams, response: { 200: LicenceType, 404: ErrorSchema } } }, async (request) =>
      service.get(request.params.key),
    );

    app.post(
      '/api/licence-types',
      {
        config: { access: 'licence.configure' },
        schema: {
          tags: ['licences'],
          summary: '新增许可证类型',
          body: Body({
            key: Type.String({ pattern: LICENCE_TYPE_KEY_PATTERN, description: '小写字母开头，只含小写字母、数字和下划线' }),
            name: Fields.name,
            sectionId: Type.Optional(Fields.sectionId),
            legalBasis: Fields.legalBasis,
            validityYears: Fields.validityYears,
            historic: Type.Optional(Fields.historic),
          }),
          response: { 201: LicenceType, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/licence-types/:key',
      {
        config: { access: 'licence.configure' },
        schema: {
          tags: ['licences'],
          summary: '修改许可证类型（默认有效期的修改不影响已登记的许可证；If-Match）',
          params: KeyParams,
          body: Body({
            name: Type.Optional(Fields.name),
            sectionId: Type.Optional(Fields.sectionId),
            legalBasis: Type.Optional(Fields.legalBasis),
            validityYears: Type.Optional(Fields.validityYears),
            historic: Type.Optional(Fields.historic),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
          }),
          response: { 200: LicenceType, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.key, request.body, ifMatch(request)),
    );
  };
