import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import type { EquipmentServices } from '../equipment.services.js';
import { TIERS } from './tiers.schema.js';

const Num = Type.Number({ minimum: 0, maximum: 1000 });
const Points = (keys: string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Num])), { additionalProperties: false });

/** The configuration of a model version (tiers/README.md explains each factor). */
const Config = Type.Object(
  {
    categoryWeights: Type.Record(Type.String({ pattern: '^[0-9A-Z]{4}$' }), Num, { description: '顶级类别代码 → 风险最高类别的分值' }),
    defaultCategoryWeight: Num,
    perUnit: Points(['points', 'max']),
    aged: Points(['years', 'points', 'max']),
    overdue: Points(['points', 'max']),
    failedInUse: Points(['points', 'max']),
    openHazards: Points(['general', 'major', 'max']),
    accidents: Points(['years', 'points', 'perCasualty', 'max']),
    complaints: Points(['points', 'max']),
    selfCorrection: Type.Object({ windowDays: Type.Integer({ minimum: 1, maximum: 3660 }), threshold: Type.Number({ minimum: 0, maximum: 1 }), points: Num }, { additionalProperties: false }),
    tierBounds: Points(['B', 'C', 'D']),
  },
  { additionalProperties: false },
);

const Model = Type.Object({ version: Type.Integer(), effectiveFrom: DateString, config: Config, note: Nullable(Type.String()), createdByName: Type.String(), createdAt: Timestamp });

const Reason = Type.Object({
  factor: Type.String({ description: 'category_risk, unit_count, aged_units, overdue_units, failed_in_use, open_hazards, accidents, complaints, self_correction' }),
  points: Type.Number(),
  detail: Type.String(),
  records: Type.Array(Type.Object({ type: Type.String(), id: Type.String() }), { description: '计分依据的记录（设备、隐患、事故；每项最多 20 条）' }),
});

const UserTier = Type.Object({
  userUscc: Type.String(),
  tier: literals(TIERS),
  score: Type.Number(),
  modelVersion: Type.Integer(),
  reasons: Type.Array(Reason),
  computedAt: Timestamp,
});

const UsccParams = Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

/** The tier model of user units (分级分类监管) and each user unit's tier with its reasons. */
export const tiersRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tiers = services.tiers;
    const tags = ['equipment'];

    app.get(
      '/api/equipment-tier-models',
      {
        config: { access: 'equipment.read' },
        schema: { tags, summary: '分级分类监管模型的各版本（新版本在前）及今天生效的版本', response: { 200: Type.Object({ items: Type.Array(Model), total: Type.Integer(), currentVersion: Nullable(Type.Integer()) }) } },
      },
      async () => tiers.models(),
    );

    app.post(
      '/api/equipment-tier-models',
      {
        config: { access: 'equipment.configure' },
        schema: {
          tags,
          summary: '新增分级模型版本（自生效日期起用于计算；生效日期不早于今天；已算出的分级保留原版本）',
          body: Body({ effectiveFrom: DateString, config: Config, note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }),
          response: { 201: Model, 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await tiers.addModel(ctxOf(request), request.body)),
    );

    app.get(
      '/api/equipment-users/:uscc/tier',
      {
        config: { access: ['equipment.read', 'enterprise_self.read'] },
        schema: { tags, summary: '使用单位的监管分级（A 低风险 … D 高风险）、得分、模型版本与计分理由（企业账号仅本企业）', params: UsccParams, response: { 200: UserTier, 404: ErrorSchema } },
      },
      async (request) => tiers.tierOf(request.actor!, request.params.uscc),
    );

    app.post(
      '/api/equipment-users/:uscc/tier/recompute',
      {
        config: { access: 'equipment.write' },
        schema: { tags, summary: '按今天生效的模型重新计算使用单位的分级', params: UsccParams, response: { 200: UserTier, 403: ErrorSchema, 404: ErrorSchema } },
      },
      async (request) => tiers.recompute(ctxOf(request), request.params.uscc),
    );
  };
