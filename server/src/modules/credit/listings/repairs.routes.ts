import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, IdParams, ListOf, Nullable, PageQuery, literals, pageOf } from '../../../platform/http/schemas.js';
import { REPAIR_STATUSES } from '../credit.schema.js';
import type { CreditServices } from '../credit.services.js';
import { MyCredit, MyListing, Repair } from './schemas.js';

const tags = ['credit'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
const Text = (description: string) => Type.String({ minLength: 1, maxLength: 2000, description });

/** Credit repair for staff, and the enterprise's own routes (企业端): its listings, its answer, its repair applications. */
export const repairsRoutes =
  (services: CreditServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const listings = services.listings;
    const repairs = listings.repairs;

    app.get(
      '/api/my/credit',
      { config: { access: 'enterprise_self.credit' }, schema: { tags, summary: '本企业的失信名单告知、列入记录与信用修复申请', response: { 200: MyCredit, 403: ErrorSchema } } },
      async (request) => listings.my(request.actor!),
    );

    app.post(
      '/api/my/credit-listings/:id/answer',
      {
        config: { access: 'enterprise_self.credit' },
        schema: { tags, summary: '企业对列入告知陈述申辩（告知期限内，一次；If-Match）', params: IdParams, body: Body({ statement: Text('陈述申辩意见') }), response: { 200: MyListing, ...Errors } },
      },
      async (request) => listings.answer(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/my/credit-listings/:id/repairs',
      {
        config: { access: 'enterprise_self.credit' },
        schema: {
          tags,
          summary: '企业申请信用修复（提前移出）：系统核查修复条件并显示；同时只能有一份待处理申请',
          params: IdParams,
          body: Body({ statement: Text('申请说明'), commitment: Type.String({ maxLength: 2000, description: '信用承诺（不少于 20 字）' }) }),
          response: { 201: Repair, ...Errors },
        },
      },
      async (request, reply) => reply.code(201).send(await repairs.apply(ctxOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/credit-repairs',
      {
        config: { access: 'credit.read' },
        schema: {
          tags,
          summary: '信用修复申请（数据范围内），新申请在前',
          querystring: Type.Object({ status: Type.Optional(literals(REPAIR_STATUSES)), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Repair), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => repairs.list(request.actor!, { status: request.query.status }, pageOf(request.query)),
    );

    app.get(
      '/api/credit-repairs/:id',
      { config: { access: 'credit.read' }, schema: { tags, summary: '信用修复申请详情（修复条件）', params: IdParams, response: { 200: Repair, 403: ErrorSchema, 404: ErrorSchema } } },
      async (request) => repairs.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/credit-repairs/:id/decide',
      {
        config: { access: 'credit.decide' },
        schema: {
          tags,
          summary: '准予修复（重新核查条件，全部符合方可；移出名单）或不予修复（须说明理由；If-Match）',
          params: IdParams,
          body: Body({ grant: Type.Boolean(), reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
          response: { 200: Repair, ...Errors },
        },
      },
      async (request) => repairs.decide(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
