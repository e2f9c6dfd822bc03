import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListOf, PageQuery, Timestamp, pageOf } from '../http/schemas.js';
import type { AuditService } from './audit.service.js';
import type { Db } from '../../db/client.js';

const AuditEvent = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
  prevHash: Type.String(),
});

const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Union([Type.Object({ id: Type.String(), reason: Type.String() }), Type.Null()]),
});

export const auditRoutes =
  (deps: { db: Db; audit: AuditService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（最新在前）',
          querystring: Type.Object(
            {
              ...PageQuery,
              actor: Type.Optional(Type.String({ maxLength: 64, description: '用户名或用户 ID' })),
              action: Type.Optional(Type.String({ maxLength: 100, description: '完整动作，或以“.”结尾的前缀' })),
              target: Type.Optional(Type.String({ maxLength: 100 })),
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(AuditEvent) },
        },
      },
      async (request) => {
        const q = request.query;
        const filter = { actor: q.actor, action: q.action, target: q.target, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
        return deps.audit.list(deps.db, request.actor!, filter, pageOf(q));
      },
    );

    app.get(
      '/api/audit/verify',
      { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: '校验审计日志哈希链，报告第一个断点', response: { 200: VerifyReply } } },
      async () => deps.audit.verify(deps.db),
    );
  };
