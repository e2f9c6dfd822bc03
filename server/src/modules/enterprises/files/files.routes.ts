import type { Readable } from 'node:stream';
import '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../platform/http/errors.js';
import { ctxOf } from '../../../platform/http/request.js';
import { ErrorSchema } from '../../../platform/http/schemas.js';
import { FilterQuery } from '../enterprises.routes.js';
import { exportRows, toCsv, toXlsx } from './export-enterprises.js';
import type { ImportMode, makeEnterpriseImport } from './import-enterprises.js';
import { kindOf } from './read-rows.js';
import { setAttachment } from '../../../platform/http/download.js';

const MODES: ImportMode[] = ['all-or-nothing', 'valid-rows'];

const ImportResult = Type.Object({
  imported: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() })),
});

/** Upload errors of @fastify/multipart, in our error shape. */
function uploadError(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('IMPORT_TOO_LARGE', '文件超过允许的大小', 413);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('IMPORT_FORMAT', '请以 multipart/form-data 上传，文件字段名为 file', 400);
  if (code?.startsWith('FST_') || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).message === 'Unexpected end of form') {
    return new AppError('IMPORT_INTERRUPTED', '上传未完成或格式错误，未写入任何数据', 400);
  }
  return err;
}

export const enterpriseFilesRoutes =
  (deps: { db: Db; importEnterprises: ReturnType<typeof makeEnterpriseImport> }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/enterprises/import',
      {
        config: { access: 'enterprise.import' },
        schema: {
          tags: ['enterprises'],
          summary: '批量导入市场主体（.xlsx / .csv，UTF-8 或 GBK）',
          description: 'multipart/form-data：字段 file（文件），字段 mode = all-or-nothing（默认，有任何错误行则不写入）| valid-rows（仅导入有效行）。按统一社会信用代码新增或更新。',
          consumes: ['multipart/form-data'],
          response: { 200: ImportResult, 400: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (request) => {
        // The mode field may come before or after the file: the import asks for it once the file is read.
        let setMode!: (m: ImportMode) => void;
        const mode = new Promise<ImportMode>((resolve) => (setMode = resolve));
        let job: ReturnType<typeof deps.importEnterprises> | undefined;
        let upload: Readable | undefined;
        let jobFailed!: (err: unknown) => void;
        const failure = new Promise<never>((_resolve, reject) => (jobFailed = reject));
        const readParts = async () => {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (part.fieldname !== 'mode') continue;
              if (!MODES.includes(part.value as ImportMode)) throw new AppError('VALIDATION', 'mode 应为 all-or-nothing 或 valid-rows', 400, { field: 'mode' });
              setMode(part.value as ImportMode);
            } else if (part.fieldname === 'file' && !job) {
              const stream = (upload = part.file);
              job = deps.importEnterprises(ctxOf(request), { stream, filename: part.filename, kind: kindOf(part.filename) }, () => mode);
              job.catch((err: unknown) => {
                stream.resume(); // drain the rest of the upload
                jobFailed(err);
              });
            } else {
              part.file.resume();
            }
          }
        };
        try {
          // A failed import ends the wait: a cut-off body may never let the multipart reader finish.
          await Promise.race([readParts(), failure]);
          setMode('all-or-nothing');
          if (!job) throw new AppError('IMPORT_EMPTY', '没有收到文件（字段名应为 file）', 400, { field: 'file' });
          return await job;
        } catch (err) {
          // A broken upload: end the file stream so the import's transaction rolls back.
          upload?.destroy(err as Error);
          setMode('all-or-nothing');
          await job?.catch(() => undefined);
          throw uploadError(err);
        }
      },
    );

    app.get(
      '/api/enterprises/export',
      {
        config: { access: 'enterprise.read' },
        schema: {
          tags: ['enterprises'],
          summary: '导出检索结果（与导入相同的列，按信用代码排序）',
          querystring: Type.Object({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]), ...FilterQuery }, { additionalProperties: false }),
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) },
        },
      },
      async (request, reply) => {
        const { format, sort: _sort, ...filter } = request.query;
        const rows = exportRows(deps.db, request.actor!, filter);
        const filename = `enterprises-${new Date().toISOString().slice(0, 10)}.${format}`;
        setAttachment(reply, filename, `企业名录-${filename}`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(toXlsx(rows));
      },
    );
  };
