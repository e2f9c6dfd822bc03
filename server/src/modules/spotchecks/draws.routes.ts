import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, NullableTimestamp, literals, pageOf } from '../../platform/http/schemas.js';
import type { SpotchecksServices } from './spotchecks.services.js';
import { SPOTCHECK_DRAW_PURPOSES } from './spotchecks.schema.js';

const Str = Type.String();
const Stratum = Type.Object({ name: Str, n: Type.Integer(), k: Type.Integer(), candidates: Type.Array(Str), selected: Type.Optional(Type.Array(Str)) });
const Assignment = Type.Object({ objectKey: Str, candidates: Type.Array(Str), excluded: Type.Array(Type.Object({ inspector: Str, rule: Str })), selected: Type.Array(Str) });

/** The public record of a spot-check draw (docs/DRAW.md § Records, with an empty inspector pool). */
const PublicDraw = Type.Object({
  id: Str,
  purpose: literals(SPOTCHECK_DRAW_PURPOSES),
  lotId: Str,
  lotNo: Type.String({ description: '批次组编号' }),
  productName: Type.String({ description: '抽查产品' }),
  status: literals(['committed', 'revealed', 'cancelled'] as const),
  cancelReason: Nullable(Str),
  cancelledAt: Nullable(Str),
  version: Type.Literal('zhijian-draw/2'),
  commitment: Str,
  candidatesHash: Str,
  inspectorPoolHash: Str,
  inspectorsPerTask: Type.Integer(),
  commitStatement: Str,
  committedAt: Str,
  revealedAt: Nullable(Str),
  strata: Type.Array(Stratum),
  inspectorPool: Type.Array(Str),
  secret: Type.Optional(Str),
  witnessInput: Type.Optional(Str),
  seed: Type.Optional(Str),
  openings: Type.Optional(Type.Array(Type.Object({ blindedId: Str, key: Str, nonce: Str }))),
  assignments: Type.Optional(Type.Array(Assignment)),
  objects: Type.Optional(Type.Array(Type.Object({ key: Str, name: Str }), { description: '抽中对象的名称（企业，或同分摇号选定的机构），供阅读，不参与核验' })),
});

/** The public record of the module's draws (lots' enterprises, tie-breaks), and the staff's view with the exclusions. */
export const drawsRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { draws } = services;

    app.get(
      '/api/public/spotcheck-draws',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-draws'),
        schema: {
          tags: ['public'],
          summary: '产品质量监督抽查的抽取记录列表（无需登录），新的在前',
          description: 'purpose：sampling 抽取被抽样企业、tie_break 同分承检机构摇号；year：批次的年度。每条记录可在 /public/spotcheck-draws/:id 查看并核验。',
          querystring: Type.Object({ ...PageQuery, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), purpose: Type.Optional(literals(SPOTCHECK_DRAW_PURPOSES)) }, { additionalProperties: false }),
          response: {
            200: ListOf(
              Type.Object({
                id: Str,
                purpose: literals(SPOTCHECK_DRAW_PURPOSES),
                status: literals(['committed', 'revealed', 'cancelled'] as const),
                lotNo: Str,
                year: Type.Integer(),
                quarter: Type.Integer(),
                productName: Str,
                candidates: Type.Integer({ description: '候选数' }),
                chosen: Type.Integer({ description: '抽取数' }),
                committedAt: Timestamp,
                revealedAt: NullableTimestamp,
              }),
            ),
            400: ErrorSchema,
            429: ErrorSchema,
          },
        },
      },
      async (request) => draws.publicList(request.query, pageOf(request.query)),
    );

    app.get(
      '/api/public/spotcheck-draws/:id',
      {
        config: { access: 'public' },
        onRequest: publicLimit('spotcheck-draws'),
        schema: {
          tags: ['public'],
          summary: '产品质量监督抽查的抽取记录（抽取企业、同分机构的摇号），无需登录',
          description: '格式同双随机抽取的公开记录（docs/DRAW.md，zhijian-draw/2），检查人员名录为空；可用本站的核验程序核验。揭晓前不含 secret、seed、selected、openings、assignments。',
          params: IdParams,
          response: { 200: PublicDraw, 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => draws.publicRecord(request.params.id),
    );
  };
