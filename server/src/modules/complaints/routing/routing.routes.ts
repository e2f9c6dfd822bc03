import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, ErrorSchema, Id, ListOf, Nullable, Timestamp } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { CATEGORY_KEY_PATTERN } from './topics.js';

const Topic = Type.Object({
  key: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  sectionId: Nullable(Type.String({ description: '承办的市局业务科室（未指定时按预置的科室名称找到的科室）；null 表示不分派科室' })),
  sectionName: Nullable(Type.String()),
  sort: Type.Integer(),
  version: VersionSchema,
  updatedAt: Timestamp,
});

const Category = Type.Object({
  key: Type.String(),
  topic: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  urgent: Type.Boolean({ description: '紧急分类（特种设备在用险情）：当日派发，2 小时内未签收即提请科室负责人督办' }),
  active: Type.Boolean(),
  sort: Type.Integer(),
  version: VersionSchema,
  updatedAt: Timestamp,
});

const PublicTopic = Type.Object({
  key: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  categories: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), nameEn: Type.String(), urgent: Type.Boolean() })),
});

const TopicKey = Type.String({ minLength: 1, maxLength: 40 });
const KeyParams = Type.Object({ key: TopicKey }, { additionalProperties: false });
const Name = Type.String({ minLength: 1, maxLength: 50 });
const NameEn = Type.String({ minLength: 1, maxLength: 100 });
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/**
 * Routing's configuration: topics (专业 → city section) and categories (urgent ones), read with
 * `complaint.read`, changed with `complaint.configure` by city-wide users (If-Match); the public
 * form's list of topics and active categories (public, limited per client).
 */
export const routingRoutes =
  (services: ComplaintsServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const topics = services.routing.topics;
    const tags = ['complaints'];

    app.get(
      '/api/complaint-topics',
      { config: { access: 'complaint.read' }, schema: { tags, summary: '投诉举报专业（及承办科室）', response: { 200: ListOf(Topic) } } },
      async () => topics.listTopics(),
    );

    app.get(
      '/api/complaint-topics/:key',
      { config: { access: 'complaint.read' }, schema: { tags, summary: '投诉举报专业详情', params: KeyParams, response: { 200: Topic, 404: ErrorSchema } } },
      async (request) => topics.getTopic(request.params.key),
    );

    app.patch(
      '/api/complaint-topics/:key',
      {
        config: { access: 'complaint.configure' },
        schema: {
          tags,
          summary: '修改投诉举报专业的名称或承办科室（市局；If-Match）',
          params: KeyParams,
          body: Body({ name: Type.Optional(Name), nameEn: Type.Optional(NameEn), sectionId: Type.Optional(Nullable(Id)) }),
          response: { 200: Topic, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => topics.updateTopic(ctxOf(request), request.params.key, request.body, ifMatch(request)),
    );

    app.get(
      '/api/complaint-categories',
      {
        config: { access: 'complaint.read' },
        schema: {
          tags,
          summary: '投诉举报分类（按专业、排序）',
          querystring: Type.Object({ topic: Type.Optional(TopicKey), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: ListOf(Category), 400: ErrorSchema },
        },
      },
      async (request) => topics.listCategories(request.query),
    );

    app.get(
      '/api/complaint-categories/:key',
      { config: { access: 'complaint.read' }, schema: { tags, summary: '投诉举报分类详情', params: KeyParams, response: { 200: Category, 404: ErrorSchema } } },
      async (request) => topics.getCategory(request.params.key),
    );

    app.post(
      '/api/complaint-categories',
      {
        config: { access: 'complaint.configure' },
        schema: {
          tags,
          summary: '新增投诉举报分类（市局）',
          body: Body({
            key: Type.String({ pattern: CATEGORY_KEY_PATTERN, description: '小写字母开头，只含小写字母、数字和下划线' }),
            topic: TopicKey,
            name: Name,
            nameEn: NameEn,
            urgent: Type.Optional(Type.Boolean()),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
          }),
          response: { 201: Category, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await topics.createCategory(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/complaint-categories/:key',
      {
        config: { access: 'complaint.configure' },
        schema: {
          tags,
          summary: '修改投诉举报分类：名称、专业、是否紧急、是否启用（市局；If-Match；已受理的事项不变）',
          params: KeyParams,
          body: Body({ name: Type.Optional(Name), nameEn: Type.Optional(NameEn), topic: Type.Optional(TopicKey), urgent: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()) }),
          response: { 200: Category, ...Errors, 412: ErrorSchema },
        },
      },
      async (request) => topics.updateCategory(ctxOf(request), request.params.key, request.body, ifMatch(request)),
    );

    app.get(
      '/api/public/complaint-categories',
      {
        config: { access: 'public' },
        onRequest: publicLimit('complaints'),
        schema: {
          tags: ['public'],
          summary: '投诉举报表单的专业、分类和可选县区（无需登录，按客户端限流）',
          response: {
            200: Type.Object({
              items: Type.Array(PublicTopic),
              total: Type.Integer(),
              regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), { description: '可选的县区（各县区局的辖区）' }),
            }),
            429: ErrorSchema,
          },
        },
      },
      async () => topics.publicCategories(),
    );
  };
