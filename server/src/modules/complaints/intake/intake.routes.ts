import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../platform/http/errors.js';
import { ctxOf } from '../../../platform/http/request.js';
import { DateString, ErrorSchema, Nullable, literals } from '../../../platform/http/schemas.js';
import type { ComplaintsServices } from '../complaints.services.js';
import { type EntryInput, STAFF_CHANNELS } from './intake.service.js';
import { SubmissionAnswer, formDescription, submissionProps } from './schemas.js';
import { SUBMISSION_FIELDS, receiveForm, submissionOf } from './upload.js';

const EntryBody = Type.Object(
  {
    ...submissionProps,
    channel: literals(STAFF_CHANNELS),
    channelRef: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '12315 转办编号或其他部门的文号（同一渠道内唯一）' }))),
    receivedOn: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);

/** Hotline entry (热线录入): calls, letters, visits and transfers, with the channel recorded. */
export const intakeRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { intake } = services;
    app.post(
      '/api/complaints',
      {
        config: { access: 'complaint.intake' },
        schema: {
          tags: ['complaints'],
          summary: '录入来电、来信、来访或转办的投诉举报（记录来源渠道），返回受理编号和查询码',
          description: `${formDescription} 另有 channel（phone 来电、letter 来信、visit 来访、transfer_12315 12315 转办、transfer_agency 其他部门转办）、channelRef（同一渠道内重复为 409 DUPLICATE_TRANSFER）、receivedOn（收到日期，不晚于今天，法定期限自该日起算；默认今天）。`,
          consumes: ['application/json', 'multipart/form-data'],
          // Multipart bodies are read by the handler (the JSON schema sees none).
          body: Type.Union([EntryBody, Type.Null()]),
          response: { 201: Type.Composite([Type.Object({ id: Type.String() }), SubmissionAnswer]), 400: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        let input: EntryInput;
        let files: { fileName: string; content: Buffer }[] = [];
        if (request.isMultipart()) {
          const form = await receiveForm(request, new Set([...SUBMISSION_FIELDS, 'channel', 'channelRef', 'receivedOn']));
          input = submissionOf(form.fields) as unknown as EntryInput;
          files = form.files;
        } else {
          if (!request.body) throw new AppError('VALIDATION', '请填写投诉举报内容', 400, { field: 'description' });
          input = request.body as EntryInput;
        }
        const created = await intake.enter(ctxOf(request), input, files);
        return reply.status(201).send(created);
      },
    );
  };
