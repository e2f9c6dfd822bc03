import type { Readable } from 'node:stream';
import '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { ErrorSchema } from '../http/schemas.js';
import { discardBody } from './drain.js';
import { IMPORT_MODES, type ImportFile, type ImportMode, uploadFailure } from './import.js';
import { type ImportLimits, tooLarge } from './limits.js';
import { kindOf } from './read-rows.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The bounds of an import file (app.ts decorates the app with them from the configuration). */
    importLimits: ImportLimits;
  }
}

const ImportResultSchema = Type.Object({
  imported: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() })),
});

/** The schema parts every import route shares: multipart in, the import result or an error out. */
export const importRouteSchema = {
  consumes: ['multipart/form-data'],
  response: { 200: ImportResultSchema, 400: ErrorSchema, 413: ErrorSchema },
};

/** The `description` of an import route: the multipart fields, then what the import does. */
export const importDescription = (what: string) =>
  `multipart/form-data：字段 file（.xlsx 或 .csv，UTF-8 或 GBK），字段 mode = all-or-nothing（默认，有任何错误行则不写入）| valid-rows（仅导入有效行）。${what}`;

/** Upload errors of @fastify/multipart, in our error shape. */
function uploadError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return uploadFailure(err);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('IMPORT_FORMAT', '请以 multipart/form-data 上传，文件字段名为 file', 400);
  if (code?.startsWith('FST_') || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).message === 'Unexpected end of form') {
    return new AppError('IMPORT_INTERRUPTED', '上传未完成或格式错误，未写入任何数据', 400);
  }
  return err;
}

/**
 * Reads an import request (multipart: field `file`, field `mode` before or after it) and runs
 * `start` on the file as it streams in; `start` asks for the mode once it has read the file.
 * A broken upload ends the file stream, so the import fails and its transaction rolls back; an
 * import that fails before the upload ends is answered at once, the rest of the body discarded.
 */
export async function receiveImport<T>(request: FastifyRequest, start: (file: ImportFile, modeOf: () => Promise<ImportMode>) => Promise<T>): Promise<T> {
  const limits = request.server.importLimits;
  let setMode!: (m: ImportMode) => void;
  const mode = new Promise<ImportMode>((resolve) => (setMode = resolve));
  let job: Promise<T> | undefined;
  let upload: Readable | undefined;
  let jobFailed!: (err: unknown) => void;
  const failure = new Promise<never>((_resolve, reject) => (jobFailed = reject));
  const readParts = async () => {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== 'mode') continue;
        if (!IMPORT_MODES.includes(part.value as ImportMode)) throw new AppError('VALIDATION', 'mode 应为 all-or-nothing 或 valid-rows', 400, { field: 'mode' });
        setMode(part.value as ImportMode);
      } else if (part.fieldname === 'file' && !job) {
        const stream = (upload = part.file);
        stream.on('error', () => undefined); // the import reads the errors; none may go unheard
        // Past the size limit busboy skips the rest of the file: stop at once instead.
        stream.once('limit', () => stream.destroy(tooLarge('文件超过允许的大小', { limit: 'fileBytes' })));
        job = start({ stream, filename: part.filename, kind: kindOf(part.filename), limits }, () => mode);
        job.catch(jobFailed);
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
    discardBody(request, limits.fileBytes);
    upload?.destroy(err as Error);
    setMode('all-or-nothing');
    await job?.catch(() => undefined);
    throw uploadError(err);
  }
}
