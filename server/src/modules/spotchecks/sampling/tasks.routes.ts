import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { receiveAttachment } from '../../../platform/documents/upload.js';
import { setAttachment } from '../../../platform/http/download.js';
import { ifMatch } from '../../../platform/http/etag.js';
import { ctxOf } from '../../../platform/http/request.js';
import { Binary, Body, DateString, ErrorSchema, Id, IdParams, ListOf, Nullable, PageQuery, literals, pageOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import { CONCLUSIONS, SAMPLE_FILE_KINDS, SAMPLE_STATUSES, type SampleFileKind } from '../spotchecks.schema.js';
import { MAX_SAMPLERS, MAX_SEALS, type SamplingService } from './sampling.service.js';
import { Errors, FileRow, READ, Sample, SampleItem, tags } from './routes.shared.js';

const FileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });

/** The samples' list and detail, the samplers, the 抽样单 and the sample's files (README.md § Sampling tasks, § The 抽样单). */
export const taskRoutes =
  (sampling: SamplingService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/spotcheck/samples',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: '样品（抽样任务）列表',
          description: '县局用户只见本辖区企业的样品；承检机构账号只见其承检的样品。mine=true：我是抽样人员的样品（手机端任务）。',
          querystring: Type.Object(
            {
              lotId: Type.Optional(Id),
              productId: Type.Optional(Id),
              status: Type.Optional(literals(SAMPLE_STATUSES)),
              conclusion: Type.Optional(literals(CONCLUSIONS)),
              regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
              mine: Type.Optional(Type.Boolean()),
              q: Type.Optional(Type.String({ maxLength: 100 })),
              ...PageQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: ListOf(SampleItem), 400: ErrorSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return sampling.list(request.actor!, filter, pageOf({ page, pageSize }));
      },
    );

    app.get(
      '/api/spotcheck/samples/:id',
      { config: { access: READ }, schema: { tags, summary: '样品详情（抽样单、附件、检验结果、通知与签收、异议期）', params: IdParams, response: { 200: Sample, 404: ErrorSchema } } },
      async (request) => sampling.get(request.actor!, request.params.id),
    );

    app.post(
      '/api/spotcheck/samples/:id/assign',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '指派抽样人员（不少于 2 人）和抽样期限',
          description: '抽样人员须为在职、具有抽样权限且辖区包括被抽查企业的执法人员；期限不晚于批次组的期限。每名抽样人员收到一项待办。',
          params: IdParams,
          body: Body({ samplerIds: Type.Array(Id, { minItems: 2, maxItems: MAX_SAMPLERS }), dueOn: Type.Optional(Nullable(DateString)) }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.assign(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.put(
      '/api/spotcheck/samples/:id/record',
      {
        config: { access: 'spotcheck.sample' },
        schema: {
          tags,
          summary: '填写抽样单（该样品的抽样人员）',
          description: '须先上传至少 1 张现场照片和 2 份签字（抽样人员、受检企业），否则 409 FILES_MISSING；非抽样人员 403 NOT_SAMPLER。',
          params: IdParams,
          body: Body({
            sampledOn: DateString,
            place: Type.String({ minLength: 1, maxLength: 200 }),
            batchNo: Type.String({ minLength: 1, maxLength: 100 }),
            productionDate: Type.Optional(Nullable(DateString)),
            specification: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            quantitySampled: Type.Integer({ minimum: 1 }),
            baseCount: Type.Integer({ minimum: 1 }),
            pricePaid: Type.Number({ minimum: 0, maximum: 10_000_000 }),
            sealNumbers: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: MAX_SEALS }),
            enterpriseSigner: Type.String({ minLength: 1, maxLength: 50 }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          }),
          response: { 200: Sample, ...Errors },
        },
      },
      async (request) => sampling.record(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );

    app.post(
      '/api/spotcheck/samples/:id/files',
      {
        config: { access: ['spotcheck.sample', 'spotcheck.result'] },
        schema: {
          tags,
          summary: '上传样品文件（现场照片、签字、检验报告、复检报告）',
          description: 'multipart/form-data：先字段 kind（photo|signature|report|retest_report），再文件字段 file（不超过 20 MB）。照片和签字为 jpg/png，由抽样人员上传；报告为 pdf，由承检（复检）机构上传。',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: FileRow, ...Errors, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content, fields } = await receiveAttachment(request);
        const kind = fields.kind;
        if (!kind || !(SAMPLE_FILE_KINDS as readonly string[]).includes(kind)) throw invalid('kind', '请在文件之前给出 kind：photo、signature、report 或 retest_report');
        return reply.status(201).send(await sampling.upload(ctxOf(request), request.params.id, kind as SampleFileKind, { fileName, content }));
      },
    );

    app.get(
      '/api/spotcheck/samples/:id/files/:fileId',
      { config: { access: READ }, schema: { tags, summary: '下载样品文件（响应头 X-Content-SHA256）', params: FileParams, response: { 200: Binary, 404: ErrorSchema } } },
      async (request, reply) => {
        const file = await sampling.file(request.actor!, request.params.id, request.params.fileId);
        const ext = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `spotcheck-file-${file.id}${ext}`, file.fileName);
        reply.header('x-content-sha256', file.sha256);
        return reply.type(file.contentType).send(file.content);
      },
    );
  };
