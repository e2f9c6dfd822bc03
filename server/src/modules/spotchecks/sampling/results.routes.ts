import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DOCX } from '../../../platform/documents/attachments.js';
import { sendDocx } from '../../../platform/http/download.js';
import { ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, IdParams, literals } from '../../../platform/http/schemas.js';
import { CONCLUSIONS } from '../spotchecks.schema.js';
import type { SamplingService } from './sampling.service.js';
import { Errors, READ, Sample, tags } from './routes.shared.js';

/** The institution's results, the 检验结果通知书 and the staff's record of its receipt (README.md § Results, § Notice and receipt). */
export const resultRoutes =
  (sampling: SamplingService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/spotcheck/samples/:id/result',
      {
        config: { access: 'spotcheck.result' },
        schema: {
          tags,
          summary: '报送检验结果（承检机构）',
          description: '逐项给出实测结果和单项判定，须覆盖实施细则的全部检验项目；任一项不合格则结论为不合格，全部合格则为合格（否则 400 CONCLUSION_MISMATCH）；须先上传检验报告（409 REPORT_MISSING）。',
          params: IdParams,
          body: Body({
            items: Type.Array(
              Type.Object({ item: Type.String({ minLength: 1, maxLength: 200 }), requirement: Type.String({ maxLength: 500 }), measured: Type.String({ minLength: 1, maxLength: 500 }), pass: Type.Boolean() }, { additionalProperties: false }),
              { minItems: 1, maxItems: 200 },
            ),
            conclusion: literals(CONCLUSIONS),
            reportNo: Type.String({ minLength: 1, maxLength: 100 }),
            reportedOn: DateString,
          }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.result(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/samples/:id/notify',
      {
        config: { access: 'spotcheck.sample' },
        schema: { tags, summary: '出具检验结果通知书（编号、通知日期；企业账号此后可见）', params: IdParams, response: { 200: Sample, ...Errors } },
      },
      async (request) => sampling.notify(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/samples/:id/notice',
      { config: { access: READ }, schema: { tags, summary: '下载检验结果通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 404: ErrorSchema, 409: ErrorSchema } } },
      async (request, reply) => sendDocx(reply, `spotcheck-notice-${request.params.id}.docx`, await sampling.notice(request.actor!, request.params.id)),
    );

    app.post(
      '/api/spotcheck/samples/:id/receipt',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '登记企业签收通知书的日期（异议期自次日起算）',
          params: IdParams,
          body: Body({ receivedOn: DateString }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.receipt(ctxOf(request), request.params.id, request.body.receivedOn, ifMatch(request)),
    );
  };
