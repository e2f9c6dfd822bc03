import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, type TObject, Type } from '@sinclair/typebox';
import { receiveImport } from '../../../platform/files/upload.js';
import { VersionSchema, ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Body, DateString, ErrorSchema, Id, IdParams, ListOf, NoContent, Nullable, PageQuery, Timestamp, literals, pageOf } from '../../../platform/http/schemas.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { PRODUCT_CATEGORIES } from '../../cases/index.js';
import { ENTERPRISE_STATUSES } from '../../enterprises/index.js';
import { PRODUCT_LINK_KINDS } from '../spotchecks.schema.js';
import type { Ctx } from '../spotchecks.deps.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { HISTORY_FIRST_YEAR } from './catalogue.service.js';
import { PRODUCERS_PER_REQUEST } from './producers.js';
import { AQL_VALUES, INSPECTION_LEVELS } from '../sampling-plan/sampling-plan.js';
import { BATCH_COST_MAX, NAME_MAX, SAMPLE_SIZE_MAX, STANDARDS_MAX, TEST_ITEMS_MAX } from './product-fields.js';

const tags = ['spotchecks'];
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const EditErrors = { ...Errors, 412: ErrorSchema, 428: ErrorSchema };

const TestItem = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: '检验项目' }),
    requirement: Type.String({ minLength: 1, maxLength: 500, description: '技术要求' }),
    method: Type.String({ minLength: 1, maxLength: 200, description: '检验方法' }),
    critical: Type.Optional(Type.Boolean({ description: '关键项目（A 类）：不合格即判该批次不合格' })),
  },
  { additionalProperties: false },
);
const Aql = Type.Union([Type.String({ maxLength: 10 }), Type.Number()], { description: `AQL（GB/T 2828.1 优先系列：${AQL_VALUES.join('、')}）` });
const Level = literals(INSPECTION_LEVELS);
const PassRate = Type.Number({ minimum: 0, maximum: 1, description: '合格率（0–1）：合格批次 / 有最终结论的批次' });
const LastPassRate = Nullable(Type.Object({ year: Type.Integer(), rate: PassRate }, { description: '有抽查批次的最近一年及其合格率；从未抽查为 null' }));

const ProductFields = {
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  category: literals(PRODUCT_CATEGORIES),
  impact: Type.Integer({ minimum: 1, maximum: 5, description: '国计民生影响程度 1–5' }),
  batchCost: Type.Integer({ description: '每批次检验费用（元）' }),
  sampleSize: Nullable(Type.Integer({ description: '每批次抽样数量（按实施细则）；按 GB/T 2828.1 时为 null' })),
  sampleUnit: Nullable(Type.String()),
  inspectionLevel: Nullable(Type.String({ description: `GB/T 2828.1 检验水平（${INSPECTION_LEVELS.join('、')}）；按实施细则抽样时为 null` })),
  aql: Nullable(Type.String()),
  active: Type.Boolean(),
  producerCount: Type.Integer({ description: '全市生产企业数' }),
  lastPassRate: LastPassRate,
  version: VersionSchema,
};
const ProductItem = Type.Object(ProductFields);
const Product = Type.Object({
  ...ProductFields,
  testItems: Type.Array(Type.Object({ name: Type.String(), requirement: Type.String(), method: Type.String(), critical: Type.Optional(Type.Boolean()) })),
  standards: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const ProductBody = {
  name: Type.String({ minLength: 1, maxLength: NAME_MAX }),
  category: literals(PRODUCT_CATEGORIES),
  impact: Type.Integer({ minimum: 1, maximum: 5 }),
  batchCost: Type.Integer({ minimum: 1, maximum: BATCH_COST_MAX }),
  testItems: Type.Array(TestItem, { minItems: 1, maxItems: TEST_ITEMS_MAX }),
  standards: Type.Array(Type.String({ maxLength: 100 }), { maxItems: STANDARDS_MAX }),
  sampleSize: Nullable(Type.Integer({ minimum: 1, maximum: SAMPLE_SIZE_MAX })),
  sampleUnit: Nullable(Type.String({ maxLength: 20 })),
  inspectionLevel: Nullable(Level),
  aql: Nullable(Aql),
  note: Nullable(Type.String({ maxLength: 2000 })),
};
const P = ProductBody;
const CreateBody = Body({
  code: Type.String({ minLength: 1, maxLength: 40, description: '产品编号（去除首尾空格后转为大写，唯一）' }),
  name: P.name,
  category: P.category,
  impact: P.impact,
  batchCost: P.batchCost,
  testItems: P.testItems,
  standards: Type.Optional(P.standards),
  sampleSize: Type.Optional(P.sampleSize),
  sampleUnit: Type.Optional(P.sampleUnit),
  inspectionLevel: Type.Optional(P.inspectionLevel),
  aql: Type.Optional(P.aql),
  note: Type.Optional(P.note),
});
const PatchBody = Body({
  name: Type.Optional(P.name),
  category: Type.Optional(P.category),
  impact: Type.Optional(P.impact),
  batchCost: Type.Optional(P.batchCost),
  testItems: Type.Optional(P.testItems),
  standards: Type.Optional(P.standards),
  sampleSize: Type.Optional(P.sampleSize),
  sampleUnit: Type.Optional(P.sampleUnit),
  inspectionLevel: Type.Optional(P.inspectionLevel),
  aql: Type.Optional(P.aql),
  note: Type.Optional(P.note),
  active: Type.Optional(Type.Boolean()),
});

const YearRow = Type.Object({
  year: Type.Integer(),
  batches: Type.Integer(),
  passed: Type.Integer(),
  passRate: Nullable(PassRate),
  failingItems: Type.Array(Type.Object({ item: Type.String(), count: Type.Integer() })),
  source: literals(['system', 'history', 'both'] as const),
});
const LinkRow = Type.Object({ id: Type.String(), refId: Type.String(), refNo: Type.String(), refOn: DateString, linkedByName: Type.String(), createdAt: Timestamp });
const History = Type.Object({
  years: Type.Array(YearRow, { description: '按年度（新者在前）：系统内的最终结论与录入的历史结果合计' }),
  complaints: Type.Array(LinkRow),
  cases: Type.Array(LinkRow),
  suggestions: Type.Array(
    Type.Object({ id: Type.String(), year: Type.Integer(), orgName: Type.String(), reason: Type.String(), enterpriseName: Nullable(Type.String()), createdByName: Type.String(), createdAt: Timestamp }),
  ),
});
const HistoryYear = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  year: Type.Integer(),
  batches: Type.Integer(),
  passed: Type.Integer(),
  failingItems: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  enteredByName: Type.String(),
  createdAt: Timestamp,
});
const YearParams = Type.Object({ id: Id, year: Type.Integer({ minimum: 1900, maximum: 9999 }) }, { additionalProperties: false });

const Producer = Type.Object({
  enterpriseId: Type.String(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  status: literals(ENTERPRISE_STATUSES),
  source: literals(['register', 'import'] as const),
  addedByName: Type.String(),
  addedAt: Timestamp,
  lastSampledOn: Nullable(DateString),
});
const ProducersAdded = Type.Object({ added: Type.Integer({ description: '新加入的企业数' }), alreadyListed: Type.Integer({ description: '已在名单中的企业数' }) });
const Link = Type.Object({ id: Type.String(), productId: Type.String(), kind: literals(PRODUCT_LINK_KINDS), refId: Type.String(), refNo: Type.String(), refOn: DateString, linkedByName: Type.String(), createdAt: Timestamp });
const EnterpriseProduct = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  category: literals(PRODUCT_CATEGORIES),
  impact: Type.Integer(),
  active: Type.Boolean(),
  source: literals(['register', 'import'] as const),
  addedAt: Timestamp,
  lastSampledOn: Nullable(DateString),
});

/** 产品目录 (README.md): reads `spotcheck.read`; writes `spotcheck.plan` and the city bureau (403 NOT_CITY). */
export const catalogueRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit;
    const catalogue = services.catalogue;

    /** `DELETE path`, something under a product (市局): `remove` with the path's params, then 204 without a body. */
    const removal = <P extends TObject>(path: string, summary: string, params: P, remove: (ctx: Ctx, params: Static<P>) => Promise<unknown>) =>
      app.delete(path, { config: { access: 'spotcheck.plan' }, schema: { tags, summary, params, response: { 204: NoContent, ...Errors } } }, async (request, reply) => {
        await remove(ctxOf(request), request.params as Static<P>);
        return reply.status(204).send(null);
      });

    app.get(
      '/api/spotcheck/products',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '产品目录（按产品编号）',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(literals(PRODUCT_CATEGORIES)), active: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(ProductItem) },
        },
      },
      async (request) => catalogue.list(request.actor!, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/products',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '新增产品（含实施细则；市局）',
          description: '样本量二选一：每批次抽样数量 sampleSize，或 GB/T 2828.1 的检验水平 inspectionLevel 与 AQL。产品编号重复 409 PRODUCT_CODE_TAKEN。',
          body: CreateBody,
          response: { 201: Product, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await catalogue.create(ctxOf(request), request.body)),
    );

    app.get('/api/spotcheck/products/:id', { config: { access: 'spotcheck.read' }, schema: { tags, summary: '产品（含实施细则；ETag）', params: IdParams, response: { 200: Product, 404: ErrorSchema } } }, async (request) =>
      catalogue.get(request.actor!, request.params.id),
    );

    app.patch(
      '/api/spotcheck/products/:id',
      {
        config: { access: 'spotcheck.plan' },
        schema: { tags, summary: '修改产品（须带 If-Match；产品编号不可修改；市局）', params: IdParams, body: PatchBody, response: { 200: Product, ...EditErrors } },
      },
      async (request) => catalogue.update(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.get(
      '/api/spotcheck/products/:id/history',
      { config: { access: 'spotcheck.read' }, schema: { tags, summary: '产品历年抽查情况、关联的投诉举报与案件、县局建议', params: IdParams, response: { 200: History, 404: ErrorSchema } } },
      async (request) => catalogue.history(request.actor!, request.params.id),
    );

    app.put(
      '/api/spotcheck/products/:id/history/:year',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: `录入系统使用前某年度的抽查结果（${HISTORY_FIRST_YEAR} 年至去年；市局）`,
          params: YearParams,
          body: Body({
            batches: Type.Integer({ minimum: 0, maximum: 100_000 }),
            passed: Type.Integer({ minimum: 0, maximum: 100_000 }),
            failingItems: Type.Array(Type.String({ maxLength: 100 }), { maxItems: TEST_ITEMS_MAX }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          }),
          response: { 200: HistoryYear, ...Errors },
        },
      },
      async (request) => catalogue.saveHistory(ctxOf(request), request.params.id, request.params.year, request.body),
    );

    removal('/api/spotcheck/products/:id/history/:year', '删除录入的某年度抽查结果（市局）', YearParams, (ctx, p) => catalogue.deleteHistory(ctx, p.id, p.year));

    app.get(
      '/api/spotcheck/products/:id/producers',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '产品的生产企业（本辖区内的；按企业名称）',
          params: IdParams,
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(Producer), 404: ErrorSchema },
        },
      },
      async (request) => catalogue.producers(request.actor!, request.params.id, request.query, pageOf(request.query)),
    );

    app.post(
      '/api/spotcheck/products/:id/producers',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: `按统一社会信用代码从企业名录添加生产企业（至多 ${PRODUCERS_PER_REQUEST} 个；市局）`,
          description: '名录中没有的代码：400 UNKNOWN_USCC（details.unknown 列出全部），不添加任何企业。',
          params: IdParams,
          body: Body({ usccs: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: PRODUCERS_PER_REQUEST }) }),
          response: { 200: ProducersAdded, ...Errors },
        },
      },
      async (request) => catalogue.addProducers(ctxOf(request), request.params.id, request.body.usccs),
    );

    app.post(
      '/api/spotcheck/products/:id/producers/import',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '导入生产企业名单（.xlsx / .csv，UTF-8 或 GBK；市局）',
          description:
            'multipart/form-data：字段 file（.xlsx 或 .csv），列 统一社会信用代码（必需；企业名称 列可有，不读取）。整体导入：任何一行代码有误或企业名录中没有，即 400 IMPORT_REJECTED（details.rejected 列出行号与原因），不写入任何数据；文件中重复的代码只计一次。',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: ProducersAdded, ...Errors, 413: ErrorSchema },
        },
      },
      async (request) => receiveImport(request, (file) => catalogue.importProducers(ctxOf(request), request.params.id, file)),
    );

    removal('/api/spotcheck/products/:id/producers/:enterpriseId', '移出生产企业（市局）', Type.Object({ id: Id, enterpriseId: Id }, { additionalProperties: false }), (ctx, p) =>
      catalogue.removeProducer(ctx, p.id, p.enterpriseId),
    );

    app.post(
      '/api/spotcheck/products/:id/links',
      {
        config: { access: 'spotcheck.plan' },
        schema: {
          tags,
          summary: '关联投诉举报或案件（本辖区可查看的；市局）',
          description: '投诉举报只能关联投诉或举报类；不存在或不在辖区 400 LINK_TARGET_NOT_FOUND；已关联 409 ALREADY_LINKED。',
          params: IdParams,
          body: Body({ kind: literals(PRODUCT_LINK_KINDS), refId: Id }),
          response: { 201: Link, ...Errors },
        },
      },
      async (request, reply) => reply.status(201).send(await catalogue.addLink(ctxOf(request), request.params.id, request.body)),
    );

    removal('/api/spotcheck/products/:id/links/:linkId', '取消关联（市局）', Type.Object({ id: Id, linkId: Id }, { additionalProperties: false }), (ctx, p) => catalogue.removeLink(ctx, p.id, p.linkId));

    app.get(
      '/api/spotcheck/enterprises/:enterpriseId/products',
      {
        config: { access: 'spotcheck.read' },
        schema: {
          tags,
          summary: '企业作为生产企业列入的产品（企业页面；按产品编号）',
          params: Type.Object({ enterpriseId: Id }, { additionalProperties: false }),
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: { 200: ListOf(EnterpriseProduct), 404: ErrorSchema },
        },
      },
      async (request) => catalogue.productsOf(request.actor!, request.params.enterpriseId, pageOf(request.query)),
    );
  };
