import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, IdParams, literals } from '../../../platform/http/schemas.js';
import { SPOTCHECK_DRAW_PURPOSES } from '../spotchecks.schema.js';
import type { SamplingService } from './sampling.service.js';
import { DrawRecord, Errors, NStr, Str, tags } from './routes.shared.js';

const Excluded = Type.Object({ uscc: Str, name: Str, rule: Str, evidence: Type.Record(Str, Type.Unknown()) });

/** The draw of a lot's enterprises, its reveal into samples, and the staff's view of a draw (README.md § The lot's draw). */
export const lotDrawRoutes =
  (sampling: SamplingService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/spotcheck/lots/:id/draws',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '抽取批次组的被抽查企业（提交抽取：生产企业名录中在业的企业，排除 6 个月内抽查过同一产品的）',
          description: '市局。批次组须已确定承检机构（409 LOT_NOT_ASSIGNED）；已有待揭晓的抽取 409 DRAW_PENDING；已抽取 409 LOT_DRAWN；没有可抽取的企业 409 NOT_ENOUGH_PRODUCERS。可抽取的企业少于批次数时全部抽取，note 说明。',
          params: IdParams,
          response: {
            201: Type.Object({ drawId: Str, record: DrawRecord, excluded: Type.Array(Excluded), candidates: Type.Integer(), batches: Type.Integer(), k: Type.Integer(), note: NStr }),
            ...Errors,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await sampling.commitDraw(ctxOf(request), request.params.id)),
    );

    app.post(
      '/api/spotcheck/draws/:id/reveal',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '揭晓抽取结果，为抽中的企业生成样品（抽样任务）',
          description: '市局。仅批次组的企业抽取（承检机构同分摇号在承检机构选定处揭晓：409 NOT_SAMPLING_DRAW）。',
          params: IdParams,
          body: Body({ witnessInput: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Type.Object({ record: DrawRecord, samples: Type.Array(Type.Object({ id: Str, sampleNo: Str, enterpriseId: Str, enterpriseName: Str, uscc: Str, regionCode: Str })) }), ...Errors },
        },
      },
      async (request) => sampling.revealDraw(ctxOf(request), request.params.id, request.body.witnessInput ?? ''),
    );

    app.get(
      '/api/spotcheck/draws/:id',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '抽取记录（工作人员视图：含被排除的企业及依据）',
          params: IdParams,
          response: {
            200: Type.Object({ id: Str, purpose: literals(SPOTCHECK_DRAW_PURPOSES), lotId: Str, status: literals(['committed', 'revealed', 'cancelled'] as const), cancelReason: NStr, committedByName: Str, excluded: Type.Array(Type.Object({ key: Str, rule: Str, evidence: Type.Record(Str, Type.Unknown()) })), record: DrawRecord }),
            404: ErrorSchema,
          },
        },
      },
      async (request) => sampling.drawView(request.params.id),
    );
  };
