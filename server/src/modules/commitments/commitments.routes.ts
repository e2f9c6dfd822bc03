import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../platform/http/etag.js';
import { ctxOf } from '../../platform/http/request.js';
import { Body, DateString, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../platform/http/schemas.js';
import { COMMITMENT_KINDS } from './commitments.schema.js';
import type { CommitmentsService } from './commitments.service.js';

const Kind = literals(COMMITMENT_KINDS);

// Lengths here are loose caps; the service checks the real limits (text 2000, signatory 50,
// template title 100) and names the field in its 400.
const Commitment = Type.Object({
  id: Type.String(),
  uscc: Type.String(),
  enterpriseName: Nullable(Type.String()),
  regionCode: Type.String(),
  kind: Kind,
  text: Type.String(),
  signedBy: Type.String({ description: '签署人（法定代表人）' }),
  signedOn: DateString,
  withdrawnOn: Nullable(DateString),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Template = Type.Object({
  kind: Kind,
  title: Type.String(),
  text: Type.String(),
  version: VersionSchema,
  updatedAt: Timestamp,
});

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/**
 * Quality commitments (质量安全公开承诺): enterprises' accounts make and withdraw theirs, officers
 * read those in their scope, administrators edit the templates. Templates are edited with
 * `licence.configure` (section heads and administrators: they set what licence holders are held to).
 */
export const commitmentsRoutes =
  (commitments: CommitmentsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['commitments'];

    app.post(
      '/api/commitments',
      {
        config: { access: 'enterprise_self.commit' },
        schema: {
          tags,
          summary: '企业账号：作出质量安全公开承诺（签署日期不能晚于今天；工作人员 403）',
          body: Body({ kind: Kind, text: Type.String({ maxLength: 10_000 }), signedBy: Type.String({ maxLength: 200 }), signedOn: DateString }),
          response: { 201: Commitment, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await commitments.create(ctxOf(request), request.body)),
    );

    app.post(
      '/api/commitments/:id/withdraw',
      {
        config: { access: 'enterprise_self.commit' },
        schema: { tags, summary: '企业账号：撤回本企业的承诺（保留在历史中，撤回日期为今天；If-Match 可选）', params: IdParams, response: { 200: Commitment, ...Errors, 412: ErrorSchema } },
      },
      async (request) => commitments.withdraw(ctxOf(request), request.params.id, ifMatch(request)),
    );

    app.get(
      '/api/commitments',
      {
        config: { access: ['enterprise.read', 'enterprise_self.read'] },
        schema: {
          tags,
          summary: '质量安全公开承诺（含已撤回的；工作人员限本人数据范围，企业账号仅本企业），最新签署的在前',
          querystring: Type.Object({ ...PageQuery, uscc: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), active: Type.Optional(Type.Boolean({ description: 'true：仅未撤回的；false：仅已撤回的' })) }, { additionalProperties: false }),
          response: { 200: ListOf(Commitment) },
        },
      },
      async (request) => commitments.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.get(
      '/api/commitment-templates',
      {
        config: { access: ['enterprise_self.commit', 'licence.configure'] },
        schema: { tags, summary: '各类承诺书模板（企业作出承诺时以此为起点）', response: { 200: ListOf(Template) } },
      },
      async () => commitments.templates(),
    );

    app.put(
      '/api/commitment-templates/:kind',
      {
        config: { access: 'licence.configure' },
        schema: {
          tags,
          summary: '修改承诺书模板（If-Match 可选）',
          params: Type.Object({ kind: Kind }, { additionalProperties: false }),
          body: Body({ title: Type.String({ maxLength: 500 }), text: Type.String({ maxLength: 10_000 }) }),
          response: { 200: Template, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => commitments.updateTemplate(ctxOf(request), request.params.kind, request.body, ifMatch(request)),
    );
  };
