import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ifMatch } from '../../platform/http/etag.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, Timestamp } from '../../platform/http/schemas.js';
import type { LicenceCorrections } from './corrections.js';
import { Licence } from './licences.routes.js';

const Values = Type.Record(Type.String(), Nullable(Type.String()), { description: '被更正的字段及其值（number、scope、issuer、issuedOn、expiresOn）' });

const Correction = Type.Object({
  id: Type.String(),
  licenceId: Type.String(),
  before: Values,
  after: Values,
  reason: Type.String(),
  correctedBy: Nullable(Type.String()),
  correctedByName: Type.String(),
  createdAt: Timestamp,
});

/** Corrections of a licence's recorded details after issue (If-Match required) and their history. */
export const licenceCorrectionsRoutes =
  (service: LicenceCorrections): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.patch(
      '/api/licences/:id',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '更正许可证信息（证书编号、许可范围、发证机关；有效的许可证还可更正发证日期、有效期至）。须带 If-Match 与更正理由，记入审计与时间线',
          params: IdParams,
          body: Body({
            number: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            scope: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            issuer: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            issuedOn: Type.Optional(DateString),
            expiresOn: Type.Optional(Nullable(DateString)),
            reason: Type.String({ minLength: 1, maxLength: 1000 }),
          }),
          response: { 200: Licence, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema, 428: ErrorSchema },
        },
      },
      async (request) => service.correct(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/licences/:id/corrections',
      { config: { access: ['licence.read', 'enterprise_self.read'] }, schema: { tags: ['licences'], summary: '许可证信息更正记录（最新在前）', params: IdParams, response: { 200: ListOf(Correction), 404: ErrorSchema } } },
      async (request) => service.list(request.actor!, request.params.id),
    );
  };
