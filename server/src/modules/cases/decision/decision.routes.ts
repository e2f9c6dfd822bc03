import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, ErrorSchema, Id, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { CasesServices } from '../cases.services.js';
import { PENALTY_TYPES } from '../cases.schema.js';
import { DISCRETION_LEVELS, VIOLATION_AREAS } from './discretion.schema.js';
import { DISCRETION_KEY_PATTERN } from './discretion.service.js';
import { CASE_DOCUMENT_KINDS, DOCX_TYPE } from './documents.js';

const Money = Type.Number({ minimum: 0, maximum: 1e11 });

const Level = Type.Object(
  {
    level: literals(DISCRETION_LEVELS),
    circumstances: Type.String({ minLength: 1, maxLength: 1000, description: '适用情形' }),
    penaltyTypes: Type.Array(literals(PENALTY_TYPES), { maxItems: PENALTY_TYPES.length, uniqueItems: true, description: '该阶次允许的处罚种类（不予处罚为空）' }),
    fineMin: Nullable(Money),
    fineMax: Nullable(Money),
    fineRule: Nullable(Type.String({ maxLength: 200, description: '法定罚款幅度的表述，如 货值金额等值以上三倍以下' })),
  },
  { additionalProperties: false },
);

const Rule = Type.Object({
  key: Type.String(),
  area: literals(VIOLATION_AREAS),
  violation: Type.String(),
  violatedProvision: Type.String({ description: '违法条款' }),
  penaltyProvision: Type.String({ description: '处罚依据' }),
  levels: Type.Array(Level),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  version: VersionSchema,
  updatedByName: Nullable(Type.String()),
  updatedAt: Timestamp,
});

const Text500 = Type.String({ minLength: 1, maxLength: 500 });
const Levels = Type.Array(Level, { minItems: 1, maxItems: DISCRETION_LEVELS.length });
const SortOrder = Type.Integer({ minimum: 0, maximum: 100_000 });
const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/**
 * The discretion table (`case.read` to read, `case.configure` by city-wide users to change, If-Match)
 * and the case's documents (.docx, `case.read`, the case in the reader's scope).
 */
export const decisionRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['cases'];
    const discretion = services.discretion;

    app.get(
      '/api/case-discretion-rules',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '行政处罚裁量基准（按排序、代码）',
          querystring: Type.Object({ area: Type.Optional(literals(VIOLATION_AREAS)), active: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Rule), 400: ErrorSchema },
        },
      },
      async (request) => discretion.list({ area: request.query.area, active: request.query.active }, pageOf(request.query)),
    );

    app.get(
      '/api/case-discretion-rules/:key',
      { config: { access: 'case.read' }, schema: { tags, summary: '裁量基准详情', params: KeyParams, response: { 200: Rule, 404: ErrorSchema } } },
      async (request) => discretion.get(request.params.key),
    );

    app.post(
      '/api/case-discretion-rules',
      {
        config: { access: 'case.configure' },
        schema: {
          tags,
          summary: '新增裁量基准（市局）',
          body: Body({
            key: Type.String({ pattern: DISCRETION_KEY_PATTERN, description: '小写字母开头，只含小写字母、数字和下划线' }),
            area: literals(VIOLATION_AREAS),
            violation: Text500,
            violatedProvision: Text500,
            penaltyProvision: Text500,
            levels: Levels,
            active: Type.Optional(Type.Boolean()),
            sortOrder: Type.Optional(SortOrder),
          }),
          response: { 201: Rule, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await discretion.create(ctxOf(request), request.body)),
    );

    app.put(
      '/api/case-discretion-rules/:key',
      {
        config: { access: 'case.configure' },
        schema: {
          tags,
          summary: '修改裁量基准（市局；If-Match；已作出的决定不变）',
          params: KeyParams,
          body: Body({
            area: Type.Optional(literals(VIOLATION_AREAS)),
            violation: Type.Optional(Text500),
            violatedProvision: Type.Optional(Text500),
            penaltyProvision: Type.Optional(Text500),
            levels: Type.Optional(Levels),
            active: Type.Optional(Type.Boolean()),
            sortOrder: Type.Optional(SortOrder),
          }),
          response: { 200: Rule, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => discretion.update(ctxOf(request), request.params.key, request.body, ifMatch(request)),
    );

    app.get(
      '/api/cases/:id/documents/:kind',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: '案件文书（.docx）：立案审批表、询问笔录（evidenceId）、行政处罚告知书、行政处罚决定书、结案报告；未到相应阶段时 409',
          params: Type.Object({ id: Id, kind: literals(CASE_DOCUMENT_KINDS) }, { additionalProperties: false }),
          querystring: Type.Object({ evidenceId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 200: Binary, ...Errors },
        },
      },
      async (request, reply) => {
        const { id, kind } = request.params;
        const doc = await services.documents.forActor(ctxOf(request), (tx, actor, caseId) => services.cases.find(tx, actor, caseId), id, kind, { evidenceId: request.query.evidenceId });
        setAttachment(reply, `${kind}-${id}.docx`, doc.fileName);
        return reply.type(DOCX_TYPE).send(doc.content);
      },
    );
  };
