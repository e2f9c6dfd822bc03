import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../http/etag.js';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, NoContent, NullableTimestamp, PageQuery, Timestamp, pageOf } from '../http/schemas.js';
import type { UsersService } from './users.service.js';

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  regionCode: Type.String(),
  roles: Type.Array(Type.String()),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: NullableTimestamp,
  lastLoginAt: NullableTimestamp,
  version: VersionSchema,
  createdAt: Timestamp,
});

const Roles = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 20 });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const usersRoutes =
  (service: UsersService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags: ['users'],
          summary: '用户列表（限本人数据范围）',
          querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 64 })), orgId: Type.Optional(Id), role: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
          response: { 200: ListOf(User) },
        },
      },
      async (request) => service.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get('/api/users/:id', { config: { access: 'user.read' }, schema: { tags: ['users'], summary: '用户详情', params: IdParams, response: { 200: User, 404: ErrorSchema } } }, async (request) =>
      service.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/users',
      {
        config: { access: 'user.write' },
        schema: {
          tags: ['users'],
          summary: '新建用户',
          body: Body({
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Password,
            displayName: Type.String({ minLength: 1, maxLength: 64 }),
            orgId: Id,
            roles: Roles,
            mustChangePassword: Type.Optional(Type.Boolean()),
          }),
          response: { 201: User, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: 'user.write' },
        schema: {
          tags: ['users'],
          summary: '修改用户（If-Match）',
          params: IdParams,
          body: Body({ displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), orgId: Type.Optional(Id), roles: Type.Optional(Roles), active: Type.Optional(Type.Boolean()) }),
          response: { 200: User, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        config: { access: 'user.write' },
        schema: { tags: ['users'], summary: '重置密码（If-Match）', params: IdParams, body: Body({ password: Password, mustChangePassword: Type.Optional(Type.Boolean()) }), response: { 204: NoContent, ...Errors, 412: ErrorSchema } },
      },
      async (request, reply) => {
        await service.resetPassword(ctxOf(request), request.params.id, request.body.password, request.body.mustChangePassword, ifMatch(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/users/:id/unlock',
      { config: { access: 'user.write' }, schema: { tags: ['users'], summary: '解除锁定（If-Match）', params: IdParams, response: { 204: NoContent, ...Errors, 412: ErrorSchema } } },
      async (request, reply) => {
        await service.unlock(ctxOf(request), request.params.id, ifMatch(request));
        return reply.status(204).send(null);
      },
    );
  };
