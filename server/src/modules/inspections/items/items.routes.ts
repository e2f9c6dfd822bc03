import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import { ANSWER_TYPES, SEVERITIES, TARGET_KINDS } from '../inspections.schema.js';
import { type InspectionItemsService, MAX_QUESTIONS, MAX_RESULT_CATEGORIES } from './items.service.js';

const TargetKind = literals(TARGET_KINDS);

const Finding = Type.Object({ text: Type.String({ maxLength: 500 }), severity: literals(SEVERITIES) }, { additionalProperties: false });

const Question = Type.Object(
  {
    key: Type.String({ maxLength: 40, description: '问题标识：小写字母开头，小写字母、数字、下划线' }),
    text: Type.String({ maxLength: 500 }),
    answerType: literals(ANSWER_TYPES),
    required: Type.Optional(Type.Boolean({ description: '必答（默认是）' })),
    finding: Type.Optional(Nullable(Finding)),
  },
  { additionalProperties: false },
);

const Item = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sectionId: Nullable(Type.String()),
  sectionName: Nullable(Type.String()),
  legalBasis: Type.String(),
  targetKind: TargetKind,
  checklist: Type.Array(
    Type.Object({
      key: Type.String(),
      text: Type.String(),
      answerType: literals(ANSWER_TYPES),
      required: Type.Boolean(),
      finding: Type.Optional(Nullable(Type.Object({ text: Type.String(), severity: literals(SEVERITIES) }))),
    }),
  ),
  resultCategories: Type.Array(Type.String()),
  specialty: Nullable(Type.String()),
  active: Type.Boolean(),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Fields = {
  name: Type.String({ maxLength: 200 }),
  sectionId: Id,
  legalBasis: Type.String({ maxLength: 2000 }),
  targetKind: TargetKind,
  // Limits a little above the service's so that its specific codes (CHECKLIST_SIZE…) answer.
  checklist: Type.Array(Question, { maxItems: MAX_QUESTIONS + 1, description: `1–${MAX_QUESTIONS} 个问题` }),
  resultCategories: Type.Array(Type.String({ maxLength: 50 }), { maxItems: MAX_RESULT_CATEGORIES + 1, description: `1–${MAX_RESULT_CATEGORIES} 项，互不相同` }),
  // Not Nullable(String): with type coercion on, the string branch of a union would take null as "".
  specialty: Type.Unsafe<string | null>({ type: 'string', nullable: true, maxLength: 50, description: '检查人员须具备的专业领域（可不填）' }),
  active: Type.Boolean(),
};

const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The list of inspection items (抽查事项清单): read with inspection.read, maintained with inspection.configure. */
export const inspectionItemsRoutes =
  (service: InspectionItemsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/inspection-items',
      {
        config: { access: 'inspection.read' },
        schema: {
          tags: ['inspections'],
          summary: '抽查事项清单（按名称）',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 100, description: '名称或检查依据的片段' })),
              targetKind: Type.Optional(TargetKind),
              active: Type.Optional(Type.Boolean()),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(Item), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return service.list(filter, pageOf({ page, pageSize }));
      },
    );

    app.get('/api/inspection-items/:id', { config: { access: 'inspection.read' }, schema: { tags: ['inspections'], summary: '抽查事项详情（含检查表与结果分类）', params: IdParams, response: { 200: Item, 404: ErrorSchema } } }, async (request) =>
      service.get(request.params.id),
    );

    app.post(
      '/api/inspection-items',
      {
        config: { access: 'inspection.configure' },
        schema: {
          tags: ['inspections'],
          summary: '新增抽查事项',
          body: Body({ ...Fields, specialty: Type.Optional(Fields.specialty), active: Type.Optional(Fields.active) }),
          response: { 201: Item, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/inspection-items/:id',
      {
        config: { access: 'inspection.configure' },
        schema: {
          tags: ['inspections'],
          summary: '修改抽查事项（检查表、结果分类整体替换；If-Match）',
          params: IdParams,
          body: Body({
            name: Type.Optional(Fields.name),
            sectionId: Type.Optional(Fields.sectionId),
            legalBasis: Type.Optional(Fields.legalBasis),
            targetKind: Type.Optional(Fields.targetKind),
            checklist: Type.Optional(Fields.checklist),
            resultCategories: Type.Optional(Fields.resultCategories),
            specialty: Type.Optional(Fields.specialty),
            active: Type.Optional(Fields.active),
          }),
          response: { 200: Item, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => service.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
