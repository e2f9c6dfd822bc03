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
  checked: Type.Integer({ description: '第一个断点之前完好的事件数（完整时为全部）' }),
  firstBroken: Type.Union([
    Type.Object({
      id: Type.String(),
      reason: Type.String({ description: 'hash_mismatch（内容或哈希被改）、chain_broken（链接断开）或 anchor_missing（锚点记录的事件已不在：日志被截断）' }),
    }),
    Type.Null(),
  ]),
  keyedFrom: Type.Union([Type.String(), Type.Null()], { description: '密钥链的第一个事件（链首，或旧的无密钥链之后的 audit.rekeyed 事件）' }),
  anchors: Type.Object({
    checked: Type.Integer({ description: '与日志相符的锚点数' }),
    unreadable: Type.Integer({ description: '锚点文件中无法识别的行数' }),
    latest: Type.Union([Type.Object({ lastId: Type.String(), at: Timestamp }), Type.Null()], { description: '最近写入的锚点' }),
  }),
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
      { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: '用密钥和锚点校验审计日志哈希链，报告第一个断点（篡改或截断）', response: { 200: VerifyReply } } },
      async () => deps.audit.verify(deps.db),
    );
  };
