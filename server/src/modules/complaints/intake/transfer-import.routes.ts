import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, sendSpreadsheet } from '../../../platform/files/export.js';
import { importDescription, importRouteSchema, receiveImport } from '../../../platform/files/upload.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, literals } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { transferFileHeader } from './transfer-import.js';

/** The import of a day's 12315 transfer list and its template (permission complaint.import). */
export const transferImportRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { transferImport } = services;

    app.post(
      '/api/complaints/import',
      {
        config: { access: 'complaint.import' },
        schema: {
          tags: ['complaints'],
          summary: '导入 12315 转办清单（.xlsx / .csv，UTF-8 或 GBK）',
          description: importDescription(
            '每行登记为一件来源为“12315 转办”的投诉举报事项（按被投诉举报对象分派、起算办理时限）；转办编号已导入过的行跳过并计入 unchanged，imported 为新登记件数。列：转办编号（必填）、类型（投诉/举报/咨询/建议，默认投诉）、登记日期、被投诉举报对象、统一社会信用代码、特种设备使用登记证编号、所属区划、地点、问题描述（必填）、紧急类别、投诉举报人姓名、联系电话、身份证号、联系地址。错误信息不含投诉举报人信息。',
          ),
          ...importRouteSchema,
        },
      },
      async (request) => receiveImport(request, (file, modeOf) => transferImport.importTransfers(ctxOf(request), file, modeOf)),
    );

    app.get(
      '/api/complaints/import/template',
      {
        config: { access: 'complaint.import' },
        schema: {
          tags: ['complaints'],
          summary: '12315 转办清单导入模板（表头行）',
          querystring: Type.Object({ format: Type.Optional(literals(EXPORT_FORMATS)) }, { additionalProperties: false }),
          produces: EXPORT_CONTENT_TYPES,
          response: { 200: Binary },
        },
      },
      async (request, reply) => {
        async function* rows() {
          yield transferFileHeader();
        }
        return sendSpreadsheet(reply, request.query.format ?? 'xlsx', rows(), { asciiName: 'complaint-transfers-template', title: '12315转办清单导入模板' });
      },
    );
  };
