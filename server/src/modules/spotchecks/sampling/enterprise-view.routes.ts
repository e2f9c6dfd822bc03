import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DOCX } from '../../../platform/documents/attachments.js';
import { sendDocx } from '../../../platform/http/download.js';
import { ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, ErrorSchema, IdParams, ListOf, PageQuery, pageOf } from '../../../platform/http/schemas.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { Errors, MySample, MySampleItem, tags } from './routes.shared.js';

/** The enterprise's side (企业端, `/api/my/spotchecks`): its notified samples, the notice, the correction order, its receipt. */
export const enterpriseViewRoutes =
  ({ sampling, objections }: SpotchecksServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/my/spotchecks',
      {
        config: { access: 'enterprise_self.read' },
        schema: { tags, summary: '本企业的监督抽查结果（已出具通知书的）', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: ListOf(MySampleItem), 403: ErrorSchema } },
      },
      async (request) => sampling.my.list(request.actor!, pageOf(request.query)),
    );

    app.get(
      '/api/my/spotchecks/:id',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '本企业的监督抽查结果详情', params: IdParams, response: { 200: MySample, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => sampling.my.get(request.actor!, request.params.id),
    );

    app.get(
      '/api/my/spotchecks/:id/notice',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '下载检验结果通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request, reply) => sendDocx(reply, `spotcheck-notice-${request.params.id}.docx`, await sampling.my.notice(request.actor!, request.params.id)),
    );

    app.get(
      '/api/my/spotchecks/:id/followup/order',
      { config: { access: 'enterprise_self.read' }, schema: { tags, summary: '下载本企业的责令整改通知书（.docx）', params: IdParams, produces: [DOCX], response: { 200: Binary, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request, reply) => sendDocx(reply, `correction-order-${request.params.id}.docx`, await objections.followups.orderDocument(request.actor!, request.params.id)),
    );

    app.post(
      '/api/my/spotchecks/:id/receipt',
      { config: { access: 'enterprise_self.report' }, schema: { tags, summary: '签收检验结果通知书（今天；异议期自次日起算）', params: IdParams, response: { 200: MySample, ...Errors } } },
      async (request) => sampling.my.receipt(ctxOf(request), request.params.id, ifMatch(request)),
    );
  };
