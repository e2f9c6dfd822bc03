import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, literals } from '../../../platform/http/schemas.js';
import { AQL_VALUES, CODE_LETTERS, INSPECTION_LEVELS, LOT_SIZE_MAX, LOT_SIZE_MIN, samplingPlan } from './sampling-plan.js';

const Query = Type.Object(
  {
    lotSize: Type.Integer({ minimum: LOT_SIZE_MIN, maximum: LOT_SIZE_MAX, description: '批量（件），不小于 2 的整数' }),
    level: literals(INSPECTION_LEVELS),
    aql: Type.String({ maxLength: 32, description: `接收质量限 AQL，表 2-A 的优先系列值之一：${AQL_VALUES.join('、')}（“1”与“1.0”、“0.1”与“0.10”等值）` }),
  },
  { additionalProperties: false },
);

const Plan = Type.Object(
  {
    codeLetter: literals(CODE_LETTERS),
    sampleSize: Type.Integer({ description: '样本量 n；方案的样本量不小于批量时为批量（全检）' }),
    ac: Type.Integer({ description: '接收数 Ac' }),
    re: Type.Integer({ description: '拒收数 Re' }),
  },
  { additionalProperties: false },
);

/** `GET /api/spotcheck/sampling-plan`: GB/T 2828.1 normal single sampling plan (see README.md). */
export const samplingPlanRoutes = (): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/api/spotcheck/sampling-plan',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['spotchecks'],
        summary: 'GB/T 2828.1 正常检验一次抽样方案：由批量、检验水平和 AQL 得样本量字码、样本量、Ac 和 Re（按主表箭头取方案）',
        querystring: Query,
        response: { 200: Plan, 400: ErrorSchema },
      },
    },
    async (request) => {
      const { lotSize, level, aql } = request.query;
      const { codeLetter, sampleSize, ac, re } = samplingPlan(lotSize, level, aql);
      return { codeLetter, sampleSize, ac, re };
    },
  );
};
