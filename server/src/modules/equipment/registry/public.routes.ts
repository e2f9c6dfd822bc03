import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../../db/client.js';
import type { ClientLimit } from '../../../platform/http/rate-limit.js';
import { DateString, ErrorSchema, Nullable, literals } from '../../../platform/http/schemas.js';
import { EQUIPMENT_STATUSES } from './registry.schema.js';
import { publicUnit } from './public-reads.js';

const PublicUnit = Type.Object({
  registrationNo: Type.String({ description: '使用登记证编号' }),
  category: Type.String({ description: '设备类别代码' }),
  categoryName: Type.String(),
  userName: Type.String({ description: '使用单位' }),
  status: literals(EQUIPMENT_STATUSES),
  nextInspectionDue: Nullable(DateString),
  overdue: Type.Boolean({ description: '在用且已过下次检验日期' }),
});

/** Anyone may check one unit by its registration number; each client is limited (ZJ_PUBLIC_RATE_LIMIT a minute). */
export const registryPublicRoutes =
  (deps: { db: Db; limit: ClientLimit }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/public/equipment/:registrationNo',
      {
        config: { access: 'public' },
        onRequest: deps.limit,
        schema: {
          tags: ['public'],
          summary: '特种设备公示查询：按使用登记证编号（无需登录，按客户端限流）',
          params: Type.Object({ registrationNo: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
          response: { 200: PublicUnit, 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => publicUnit(deps.db, request.params.registrationNo),
    );
  };
