import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { CASE_STAGES, PENALTY_TYPES } from '../cases.schema.js';
import type { CasesServices } from '../cases.services.js';
import { EXCHANGE_FIELDS } from './exchange.schema.js';

const tags = ['cases'];
const Str = Type.String();
const NStr = Nullable(Type.String());
const Field = literals(EXCHANGE_FIELDS);

const Grant = Type.Object({
  orgId: Str,
  orgName: Str,
  orgRegionCode: Str,
  fields: Type.Array(Field, { description: '可获取的案件摘要字段（id 总是提供）' }),
  includeOpen: Type.Boolean({ description: 'true：也可获取已立案未决定的案件；false：仅已作出处罚决定的案件' }),
  active: Type.Boolean(),
  updatedByName: Str,
  updatedAt: Timestamp,
  version: VersionSchema,
});

/** A case summary for a department: `id` and only the granted fields. */
const Summary = Type.Object({
  id: Str,
  caseNo: Type.Optional(Str),
  stage: Type.Optional(literals(CASE_STAGES)),
  partyName: Type.Optional(Str),
  uscc: Type.Optional(NStr),
  summary: Type.Optional(Str),
  foundOn: Type.Optional(DateString),
  openedOn: Type.Optional(Nullable(DateString)),
  violation: Type.Optional(NStr),
  legalBasis: Type.Optional(NStr),
  penaltyTypes: Type.Optional(Type.Array(literals(PENALTY_TYPES))),
  penaltyText: Type.Optional(NStr),
  documentNo: Type.Optional(NStr),
  decidedOn: Type.Optional(Nullable(DateString)),
  amountDue: Type.Optional(Nullable(Type.Number({ description: '罚没款金额（元）' }))),
  closedOn: Type.Optional(Nullable(DateString)),
  transfers: Type.Optional(Type.Array(Type.Object({ transferredOn: DateString, receivingOrgan: Str, decision: NStr, decisionOn: Nullable(DateString) }))),
  orgName: Type.Optional(Str),
});

const ExternalCase = Type.Object({
  id: Str,
  orgId: Str,
  orgName: Str,
  externalNo: Str,
  partyName: Str,
  uscc: NStr,
  summary: Str,
  status: Str,
  decidedOn: Nullable(DateString),
  penaltyText: NStr,
  regionCode: Str,
  postedAt: Timestamp,
  updatedAt: Timestamp,
});

/** Case information exchange with other departments (exchange/README.md). */
export const exchangeRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { exchange } = services;

    app.get(
      '/api/case-exchange-grants',
      {
        config: { access: 'case.configure' },
        schema: {
          tags,
          summary: '案件信息交换授权（各部门可获取的字段），按部门名称排序',
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Grant), 403: ErrorSchema },
        },
      },
      async (request) => exchange.listGrants(request.actor!, pageOf(request.query)),
    );

    app.put(
      '/api/case-exchange-grants/:orgId',
      {
        config: { access: 'case.configure' },
        schema: {
          tags,
          summary: '设置部门的案件信息交换授权（机构类型须为部门；If-Match 可带授权版本号，未授权过为 0）',
          params: Type.Object({ orgId: Id }, { additionalProperties: false }),
          body: Body({
            fields: Type.Array(Field, { minItems: 1, maxItems: EXCHANGE_FIELDS.length, uniqueItems: true }),
            includeOpen: Type.Optional(Type.Boolean()),
            active: Type.Optional(Type.Boolean({ description: 'false：暂停授权（获取与报送均为 403 EXCHANGE_NOT_GRANTED）' })),
          }),
          response: { 200: Grant, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 412: ErrorSchema },
        },
      },
      async (request) => exchange.setGrant(ctxOf(request), request.params.orgId, request.body, ifMatch(request)),
    );

    app.get(
      '/api/exchange/cases',
      {
        config: { access: 'case.exchange' },
        schema: {
          tags,
          summary: '部门获取案件摘要（API 密钥；仅授权字段；本辖区；每次获取记入审计日志），更新时间早的在前',
          description: '未获授权或授权已暂停为 403 EXCHANGE_NOT_GRANTED。默认仅已作出处罚决定的案件（decided、served、executing、closed）；授权 includeOpen 时也包括已立案未决定的案件。since：只取此时间（ISO 8601）以后更新的案件。',
          querystring: Type.Object({ since: Type.Optional(Type.String({ format: 'date-time' })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Summary), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => exchange.fetch(ctxOf(request), request.query, pageOf(request.query)),
    );

    app.post(
      '/api/exchange/cases',
      {
        config: { access: 'case.exchange' },
        schema: {
          tags,
          summary: '部门报送本部门的案件（按本部门案件编号新增或更新；记入审计日志）',
          description: '未获授权或授权已暂停为 403 EXCHANGE_NOT_GRANTED。新增 201，更新 200。',
          body: Body({
            externalNo: Type.String({ minLength: 1, maxLength: 100, description: '本部门的案件编号' }),
            partyName: Type.String({ minLength: 1, maxLength: 200 }),
            uscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
            summary: Type.String({ minLength: 1, maxLength: 2000 }),
            status: Type.String({ minLength: 1, maxLength: 100, description: '办理状态（本部门的表述）' }),
            decidedOn: Type.Optional(Nullable(DateString)),
            penaltyText: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 200: ExternalCase, 201: ExternalCase, 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { created, externalCase } = await exchange.post(ctxOf(request), request.body);
        return reply.status(created ? 201 : 200).send(externalCase);
      },
    );

    app.get(
      '/api/external-cases',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '其他部门报送的案件（数据范围内），报送时间新的在前',
          querystring: Type.Object(
            { uscc: Type.Optional(Type.String({ maxLength: 18 })), q: Type.Optional(Type.String({ maxLength: 100, description: '案件编号、当事人、摘要或报送部门' })), ...PageQuery },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(ExternalCase), 400: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (request) => exchange.listExternal(request.actor!, request.query, pageOf(request.query)),
    );
  };
