import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../../platform/access/actor.js';
import { AppError } from '../../../platform/http/errors.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ErrorSchema } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { IDEMPOTENCY_KEY_MAX } from './idempotency.js';
import type { SubmissionInput } from './intake.service.js';
import { AdditionBody, PublicComplaintSchema, SatisfactionBody, SubmissionAnswer, filesDescription, formDescription, submissionProps } from './schemas.js';
import { SUBMISSION_FIELDS, receiveForm, submissionOf } from './upload.js';

const tags = ['public'];
/** Submissions and additions a minute per client, apart from the public limit: a sixth of it (10 of the default 60). */
const WRITE_SHARE = 1 / 6;

const TrackingParams = Type.Object({ trackingNo: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const CodeQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 40, description: '查询码' })) }, { additionalProperties: false });
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX })) });

const publicCtx = (request: FastifyRequest): RequestContext => ({ actor: null, ip: request.ip, requestId: request.id });

/**
 * The public side of complaints (intake/README.md): submit, follow an item with its tracking number
 * and access code, add information while it is open, say whether one is satisfied after it closed.
 * Every route is limited per client; writes also by a stricter budget of their own.
 */
export const publicComplaintsRoutes =
  (services: ComplaintsServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { intake } = services;
    const limit = publicLimit('complaints');
    const writeLimit = publicLimit('complaint-writes', WRITE_SHARE);

    app.post(
      '/api/public/complaints',
      {
        config: { access: 'public' },
        onRequest: [limit, writeLimit],
        schema: {
          tags,
          summary: '提交投诉、举报、咨询或建议（无需登录；投诉须留姓名和电话，举报可匿名），返回受理编号和查询码',
          description: `${formDescription} 请求头 Idempotency-Key（可选，1–${IDEMPOTENCY_KEY_MAX} 字符）：24 小时内同一客户端以同一键重复提交相同内容，返回第一次的结果而不重复登记；内容不同为 422 IDEMPOTENCY_MISMATCH。`,
          consumes: ['application/json', 'multipart/form-data'],
          headers: IdempotencyHeaders,
          // Multipart bodies are read by the handler (the JSON schema sees none).
          body: Type.Union([Type.Object(submissionProps, { additionalProperties: false }), Type.Null()]),
          response: { 201: SubmissionAnswer, 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        let input: SubmissionInput;
        let files: { fileName: string; content: Buffer }[] = [];
        if (request.isMultipart()) {
          const form = await receiveForm(request, new Set(SUBMISSION_FIELDS));
          input = submissionOf(form.fields);
          files = form.files;
        } else {
          if (!request.body) throw new AppError('VALIDATION', '请填写投诉举报内容', 400, { field: 'description' });
          input = request.body as SubmissionInput;
        }
        const key = request.headers['idempotency-key'];
        const answer = await intake.submitPublic(publicCtx(request), input, files, { channel: 'web', ...(typeof key === 'string' ? { idempotency: { client: request.ip, key } } : {}) });
        return reply.status(201).send({ trackingNo: answer.trackingNo, accessCode: answer.accessCode });
      },
    );

    app.get(
      '/api/public/complaints/:trackingNo',
      {
        config: { access: 'public' },
        onRequest: limit,
        schema: {
          tags,
          summary: '凭受理编号和查询码查看办理情况（状态、期限、处理结果、满意度、奖励）',
          description: '查询码错误、缺少或编号不存在，一律 404 NOT_FOUND。',
          params: TrackingParams,
          querystring: CodeQuery,
          response: { 200: PublicComplaintSchema, 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => intake.publicView(request.params.trackingNo, request.query.code),
    );

    app.post(
      '/api/public/complaints/:trackingNo/additions',
      {
        config: { access: 'public' },
        onRequest: [limit, writeLimit],
        schema: {
          tags,
          summary: '办结前补充材料（文字和/或附件）',
          description: `JSON { text }，或 multipart/form-data：字段 text 与${filesDescription}。事项已办结为 409 INVALID_TRANSITION。`,
          consumes: ['application/json', 'multipart/form-data'],
          params: TrackingParams,
          querystring: CodeQuery,
          body: Type.Union([AdditionBody, Type.Null()]),
          response: { 201: PublicComplaintSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        let text: string | null = null;
        let files: { fileName: string; content: Buffer }[] = [];
        if (request.isMultipart()) {
          const form = await receiveForm(request, new Set(['text']));
          text = form.fields.text ?? null;
          files = form.files;
        } else {
          text = request.body?.text ?? null;
        }
        const view = await intake.addAddition(publicCtx(request), request.params.trackingNo, request.query.code, { text }, files);
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/api/public/complaints/:trackingNo/satisfaction',
      {
        config: { access: 'public' },
        onRequest: limit,
        schema: {
          tags,
          summary: '办结后评价是否满意（仅一次）',
          description: '事项未办结为 409 INVALID_TRANSITION，已评价为 409 ALREADY_RATED。',
          params: TrackingParams,
          querystring: CodeQuery,
          body: SatisfactionBody,
          response: { 200: PublicComplaintSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => intake.rateSatisfaction(publicCtx(request), request.params.trackingNo, request.query.code, request.body),
    );
  };
