import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, NoContent, NullableTimestamp, Timestamp } from '../http/schemas.js';
import type { ApiKeysService } from './api-keys.service.js';

const ApiKey = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});

export const apiKeysRoutes =
  (service: ApiKeysService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/api-keys', { config: { access: 'apikey.read' }, schema: { tags: ['access'], summary: 'API 密钥列表', response: { 200: ListOf(ApiKey) } } }, async (request) =>
      service.list(request.actor!),
    );

    app.post(
      '/api/api-keys',
      {
        config: { access: 'apikey.write' },
        schema: {
          tags: ['access'],
          summary: '为其他部门系统签发 API 密钥（密钥仅显示一次）',
          body: Body({ orgId: Id, name: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: { 201: Type.Object({ id: Type.String(), key: Type.String() }), 400: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.delete(
      '/api/api-keys/:id',
      { config: { access: 'apikey.write' }, schema: { tags: ['access'], summary: '吊销 API 密钥', params: IdParams, response: { 204: NoContent, 404: ErrorSchema } } },
      async (request, reply) => {
        await service.revoke(ctxOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
