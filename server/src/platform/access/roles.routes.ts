import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../http/etag.js';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, ListOf } from '../http/schemas.js';
import { PERMISSIONS } from './permissions.js';
import type { RolesService } from './roles.service.js';
import { DATA_SCOPES } from './scope.js';

const DataScope = Type.Union(DATA_SCOPES.map((s) => Type.Literal(s)));
const Role = Type.Object({ key: Type.String(), name: Type.String(), permissions: Type.Array(Type.String()), dataScope: DataScope, builtin: Type.Boolean(), version: VersionSchema });
const KeyParams = Type.Object({ key: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const Permissions = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 200 });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const rolesRoutes =
  (service: RolesService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/roles', { config: { access: 'role.read' }, schema: { tags: ['access'], summary: '角色列表', response: { 200: ListOf(Role) } } }, async () => {
      const items = await service.list();
      return { items, total: items.length };
    });

    app.get('/api/roles/:key', { config: { access: 'role.read' }, schema: { tags: ['access'], summary: '角色详情', params: KeyParams, response: { 200: Role, 404: ErrorSchema } } }, async (request) => service.get(request.params.key));

    app.get(
      '/api/permissions',
      { config: { access: 'role.read' }, schema: { tags: ['access'], summary: '权限键', response: { 200: ListOf(Type.Object({ key: Type.String(), group: Type.String() })) } } },
      async () => {
        const items = Object.entries(PERMISSIONS).map(([key, group]) => ({ key, group }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/roles',
      {
        config: { access: 'role.write' },
        schema: { tags: ['access'], summary: '新建角色', body: Body({ key: Type.String({ minLength: 1, maxLength: 40 }), name: Name, permissions: Permissions, dataScope: DataScope }), response: { 201: Role, ...Errors } },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/roles/:key',
      {
        config: { access: 'role.write' },
        schema: {
          tags: ['access'],
          summary: '修改角色（If-Match）',
          params: KeyParams,
          body: Body({ name: Type.Optional(Name), permissions: Type.Optional(Permissions), dataScope: Type.Optional(DataScope) }),
          response: { 200: Role, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.key, request.body, ifMatch(request)),
    );
  };
