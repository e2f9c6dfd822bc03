import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../../platform/access/actor.js';
import { AppError } from '../../../platform/http/errors.js';
import { Nullable } from '../../../platform/http/schemas.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { CREATED_NOTICE, type GeoError, MAX_ADDRESS, MAX_IDS, coordinate, placeOf, toServices } from './mapping.js';

/** Longest form body accepted (a 5,000-character Chinese description is ≈ 45 KB percent-encoded). */
const FORM_BODY_LIMIT = 128 * 1024;

const GeoErrors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), { description: 'GeoReport v2 错误：[{ code（HTTP 状态码）, description }]' });
const ErrorAnswers = { 400: GeoErrors, 404: GeoErrors, 429: GeoErrors };

const Service = Type.Object({
  service_code: Type.String({ description: '投诉举报类别代码' }),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Literal(false),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String({ description: '专业（特种设备、计量、产品质量、标准化、其他）' }),
});

const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String({ description: '经审核向举报人公开的处理结果' })),
  service_name: Type.String(),
  service_code: Type.String(),
  agency_responsible: Type.String(),
  service_notice: Type.String(),
  requested_datetime: Type.String({ description: 'ISO 8601，北京时间（+08:00）' }),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Type.Null(),
});

const Created = Type.Object({ service_request_id: Type.String({ description: '查询凭证（≥ 128 位随机令牌，不是受理编号）' }), service_notice: Type.String(), account_id: Type.Null() });

/** Ignored by us, accepted because GeoReport clients send them. */
const Ignored = (max = 200) => Type.Optional(Type.String({ maxLength: max }));

const FilingBody = Type.Object(
  {
    service_code: Type.String({ minLength: 1, maxLength: 64 }),
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    lat: Type.Optional(Type.String({ maxLength: 40 })),
    long: Type.Optional(Type.String({ maxLength: 40 })),
    address_string: Type.Optional(Type.String({ maxLength: MAX_ADDRESS })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    first_name: Type.Optional(Type.String({ maxLength: 50 })),
    last_name: Type.Optional(Type.String({ maxLength: 50 })),
    jurisdiction_id: Ignored(),
    address_id: Ignored(),
    device_id: Ignored(),
    account_id: Ignored(),
    api_key: Ignored(),
    media_url: Ignored(2000),
  },
  // `attribute[code]` fields of a service definition: none of ours has one (metadata false), so they are ignored.
  { additionalProperties: false, patternProperties: { '^attribute\\[[^\\]]{1,100}\\](\\[\\])?$': Type.String({ maxLength: 1000 }) } },
);

const Jurisdiction = { jurisdiction_id: Ignored() };

/** The 400 of a field: its GeoReport name and what is wrong, in Chinese. */
function validationMessage(err: FastifyError): string {
  const v = err.validation?.[0];
  if (!v) return '请求参数不合法';
  const params = v.params as { missingProperty?: string; additionalProperty?: string; limit?: number };
  const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = path || err.validationContext || '';
  if (!path && v.keyword === 'type' && err.validationContext === 'body') return '请求体应为表单编码（application/x-www-form-urlencoded）的 GeoReport v2 字段';
  switch (v.keyword) {
    case 'required':
      return `缺少必填参数 ${params.missingProperty}`;
    case 'additionalProperties':
      return `不支持的参数 ${params.additionalProperty}`;
    case 'maxLength':
      return `参数 ${field} 过长（最多 ${params.limit} 个字符）`;
    case 'minLength':
      return `参数 ${field} 不能为空`;
    default:
      return `参数 ${field} 格式不正确`;
  }
}

/** Errors of the Open311 routes in the GeoReport v2 shape, `[{ code, description }]` (code = HTTP status). */
function geoErrors(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const send = (code: number, description: string) => reply.status(code).send([{ code, description }] satisfies GeoError[]);
    if (err instanceof AppError) return send(err.status, err.message);
    if (err.validation) return send(400, validationMessage(err));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, err.statusCode === 413 ? '请求体过大' : err.statusCode === 415 ? '不支持的请求格式：请以 application/x-www-form-urlencoded 提交' : '请求无法处理');
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, '服务器内部错误，请稍后重试');
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send([{ code: 404, description: '请求的资源不存在（仅支持 GeoReport v2 的 JSON 格式）' }] satisfies GeoError[]));
}

/** A form body (application/x-www-form-urlencoded) as an object: a repeated key becomes a list (and fails the schema). */
function formParser(app: FastifyInstance) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    const fields = new Map<string, string | string[]>();
    for (const [key, value] of new URLSearchParams(body as string)) {
      const seen = fields.get(key);
      fields.set(key, seen === undefined ? value : [...[seen].flat(), value]);
    }
    // fromEntries defines own properties: a `__proto__` key is a plain (and refused) field.
    done(null, Object.fromEntries(fields));
  });
}

/** A person's name from the form: family name first for Chinese names, "first last" for Latin ones. */
function nameOf(first?: string, last?: string): string {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (f && l && /^[A-Za-z .'-]+$/.test(f + l)) return `${f} ${l}`;
  return `${l}${f}`;
}

/** A filing is the public's, whoever may be signed in on the browser. */
const publicCtx = (request: FastifyRequest): RequestContext => ({ actor: null, ip: request.ip, requestId: request.id });

/**
 * Filings share the public submissions' stricter budget (intake/public.routes.ts: a sixth of the
 * public limit), so a client gets no more submissions through Open311 than through the web form.
 */
const WRITES = 'complaint-writes';
const WRITE_SHARE = 1 / 6;

/**
 * Open311 GeoReport v2 (JSON) under /open311/v2: the services, filing a report, reading items by
 * their `service_request_id`. Public, limited per client like the other public routes; errors and
 * unknown paths under /open311 answer in the GeoReport shape. See README.md.
 */
export const open311Routes =
  (services: ComplaintsServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (parent) => {
    const limit = publicLimit('open311');
    const writeLimit = publicLimit(WRITES, WRITE_SHARE);
    const { intake, open311: reads } = services;
    const categories = () => services.routing.topics.publicCategories();

    const routes: FastifyPluginAsyncTypebox = async (app) => {
        geoErrors(app);
        formParser(app);

        app.get(
          '/v2/services.json',
          {
            config: { access: 'public' },
            onRequest: limit,
            schema: {
              tags: ['public'],
              summary: 'Open311 GeoReport v2：可举报的类别（每个启用的投诉举报类别一项）',
              querystring: Type.Object(Jurisdiction, { additionalProperties: false }),
              response: { 200: Type.Array(Service), ...ErrorAnswers },
            },
          },
          async () => toServices(await categories()),
        );

        app.post(
          '/v2/requests.json',
          {
            config: { access: 'public' },
            onRequest: [limit, writeLimit],
            bodyLimit: FORM_BODY_LIMIT,
            schema: {
              tags: ['public'],
              summary: 'Open311 GeoReport v2：提交举报（表单编码；可匿名；答复 service_request_id 查询凭证）',
              description:
                'application/x-www-form-urlencoded：service_code（必填，见 services.json）、description（必填，≤ 5000 字）、lat 与 long 或 address_string（至少其一）、first_name/last_name 与 phone（同时提供时为实名举报，否则匿名）、email（仅随实名举报保存）。jurisdiction_id、address_id、device_id、account_id、api_key、media_url、attribute[…] 被忽略。可带 Idempotency-Key 请求头。',
              consumes: ['application/x-www-form-urlencoded'],
              headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
              body: FilingBody,
              response: { 200: Type.Array(Created), ...ErrorAnswers, 422: GeoErrors },
            },
          },
          async (request) => {
            const body = request.body;
            const code = body.service_code.trim();
            const known = (await categories()).items.some((t) => t.categories.some((c) => c.key === code));
            if (!known) throw new AppError('VALIDATION', `未知的 service_code：${code.slice(0, 64)}（见 services.json）`, 400);
            const description = body.description.trim();
            if (!description) throw new AppError('VALIDATION', '参数 description 不能为空', 400);

            const lat = coordinate(body.lat, 90);
            const long = coordinate(body.long, 180);
            if (lat === null) throw new AppError('VALIDATION', '参数 lat 应为 -90 到 90 之间的纬度（WGS84）', 400);
            if (long === null) throw new AppError('VALIDATION', '参数 long 应为 -180 到 180 之间的经度（WGS84）', 400);
            if ((lat === undefined) !== (long === undefined)) throw new AppError('VALIDATION', '参数 lat 和 long 须同时提供', 400);
            const address = body.address_string?.trim() || null;
            const point = lat === undefined ? null : { lat, long: long! };
            if (!address && !point) throw new AppError('VALIDATION', '须提供 lat 和 long，或 address_string', 400);

            // A name and a phone make a named report; anything less is anonymous (the e-mail goes with a named one only).
            const name = nameOf(body.first_name, body.last_name);
            const phone = body.phone?.trim();
            const email = body.email?.trim();
            const reporter = name && phone ? { name, phone, ...(email ? { email } : {}) } : undefined;

            const key = request.headers['idempotency-key'];
            const result = await intake.submitPublic(
              publicCtx(request),
              { kind: 'report', category: code, place: placeOf(address, point), description, ...(reporter ? { reporter } : {}) },
              [],
              { channel: 'open311', ...(typeof key === 'string' ? { idempotency: { client: request.ip, key } } : {}) },
            );
            if (!result.open311Token) throw new Error('intake gave an Open311 filing no token');
            return [{ service_request_id: result.open311Token, service_notice: CREATED_NOTICE, account_id: null }];
          },
        );

        app.get(
          '/v2/requests/:id.json',
          {
            config: { access: 'public' },
            onRequest: limit,
            schema: {
              tags: ['public'],
              summary: 'Open311 GeoReport v2：按 service_request_id 查询一件举报的办理状态（不含任何个人信息）',
              params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
              querystring: Type.Object(Jurisdiction, { additionalProperties: false }),
              response: { 200: Type.Array(ServiceRequest), ...ErrorAnswers },
            },
          },
          async (request) => {
            const found = await reads.requests([request.params.id]);
            if (!found.length) throw new AppError('NOT_FOUND', '没有该 service_request_id 的诉求', 404);
            return found;
          },
        );

        app.get(
          '/v2/requests.json',
          {
            config: { access: 'public' },
            onRequest: limit,
            schema: {
              tags: ['public'],
              summary: `Open311 GeoReport v2：按 service_request_id 查询多件（逗号分隔，最多 ${MAX_IDS} 个；不提供则 400，不公开列出全部诉求）`,
              querystring: Type.Object(
                {
                  service_request_id: Type.Optional(Type.String({ maxLength: MAX_IDS * 201 })),
                  ...Jurisdiction,
                  // GeoReport's filters: ignored, as the spec says, when service_request_id is given.
                  service_code: Ignored(),
                  start_date: Ignored(),
                  end_date: Ignored(),
                  status: Ignored(),
                },
                { additionalProperties: false },
              ),
              response: { 200: Type.Array(ServiceRequest), ...ErrorAnswers },
            },
          },
          async (request) => {
            const ids = (request.query.service_request_id ?? '').split(',').map((s) => s.trim()).filter(Boolean);
            if (!ids.length) throw new AppError('VALIDATION', '请提供 service_request_id（逗号分隔）：本接口不公开列出全部诉求', 400);
            if (ids.length > MAX_IDS) throw new AppError('VALIDATION', `service_request_id 最多 ${MAX_IDS} 个`, 400);
            return reads.requests(ids);
          },
        );
    };
    await parent.register(routes, { prefix: '/open311' });
  };
