import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../../db/client.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { importDescription, importRouteSchema, receiveImport } from '../../../platform/files/upload.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, literals } from '../../../platform/http/schemas.js';
import { FilterQuery } from '../enterprises.routes.js';
import { exportRows } from './export-enterprises.js';
import type { makeEnterpriseImport } from './import-enterprises.js';

export const enterpriseFilesRoutes =
  (deps: { db: Db; importEnterprises: ReturnType<typeof makeEnterpriseImport> }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/enterprises/import',
      {
        config: { access: 'enterprise.import' },
        schema: {
          tags: ['enterprises'],
          summary: '批量导入市场主体（.xlsx / .csv，UTF-8 或 GBK）',
          description: importDescription('按统一社会信用代码新增或更新。'),
          ...importRouteSchema,
        },
      },
      async (request) => receiveImport(request, (file, modeOf) => deps.importEnterprises(ctxOf(request), file, modeOf)),
    );

    app.get(
      '/api/enterprises/export',
      {
        config: { access: 'enterprise.export' },
        schema: {
          tags: ['enterprises'],
          summary: '导出检索结果（与导入相同的列，按信用代码排序）',
          querystring: Type.Object({ format: literals(EXPORT_FORMATS), ...FilterQuery }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary },
        },
      },
      async (request, reply) => {
        const { format, sort: _sort, ...filter } = request.query;
        return sendSpreadsheet(reply, format, exportRows(deps.db, request.actor!, filter), { asciiName: 'enterprises', title: '企业名录' });
      },
    );
  };
