import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../../db/client.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { importDescription, importRouteSchema, receiveImport } from '../../../platform/files/upload.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, ErrorSchema, literals } from '../../../platform/http/schemas.js';
import { LicenceFilterQuery } from '../licences.routes.js';
import { exportLicenceRows } from './export-licences.js';
import type { makeFeedbackImport } from '../feedback/feedback-import.js';
import type { makeLicenceImport } from './import-licences.js';

export const licenceFilesRoutes =
  (deps: { db: Db; importLicences: ReturnType<typeof makeLicenceImport>; importFeedback: ReturnType<typeof makeFeedbackImport> }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/licences/import',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '批量导入许可证（.xlsx / .csv，UTF-8 或 GBK；不生成告知书）',
          description: importDescription(
            '列：许可证类型（名称或标识）、证书编号、统一社会信用代码、许可范围（可选）、发证日期、有效期至（可选，默认按类型有效期）、发证机关。按（类型，编号）新增或更新同一企业的许可证（不改变状态）。',
          ),
          ...importRouteSchema,
        },
      },
      async (request) => receiveImport(request, (file, modeOf) => deps.importLicences(ctxOf(request), file, modeOf)),
    );

    app.post(
      '/api/feedback/import',
      {
        config: { access: 'feedback.submit' },
        schema: {
          tags: ['licences'],
          summary: '批量导入其他许可部门的通报（.xlsx / .csv）',
          description: importDescription(
            '列：统一社会信用代码、通报部门、通报类型（中文名称或 licence_revoked 等标识）、摘要、发生日期、文号（可选）。每行与手工登记的规则相同，进入主管局的分诊队列；已登记过的相同通报计为未变化。',
          ),
          ...importRouteSchema,
        },
      },
      async (request) => receiveImport(request, (file, modeOf) => deps.importFeedback(ctxOf(request), file, modeOf)),
    );

    app.get(
      '/api/licences/export',
      {
        config: { access: 'licence.export' },
        schema: {
          tags: ['licences'],
          summary: '导出许可证列表（与导入相同的列，另加状态列；按类型、编号排序）',
          querystring: Type.Object({ format: literals(EXPORT_FORMATS), ...LicenceFilterQuery }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        return sendSpreadsheet(reply, format, exportLicenceRows(deps.db, request.actor!, filter), { asciiName: 'licences', title: '许可证' });
      },
    );
  };
