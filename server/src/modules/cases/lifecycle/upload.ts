import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES, attachmentTooLarge } from '../../../platform/documents/attachments.js';
import { discardBody } from '../../../platform/files/drain.js';
import { AppError } from '../../../platform/http/errors.js';
import { invalid } from '../../../platform/validation/fields.js';
import { type IncomingFile, MAX_FILES } from './cases.service.js';

const tooMany = () => new AppError('ATTACHMENTS_TOO_MANY', `至多上传 ${MAX_FILES} 个附件`, 400, { field: 'files', max: MAX_FILES });
const noFile = () => new AppError('ATTACHMENT_MISSING', '没有收到文件（以 multipart/form-data 上传，字段名为 files）', 400, { field: 'files' });

/**
 * The files of an evidence upload: multipart/form-data, files in fields named `files` (or `file`),
 * each at most 20 MB, at most 5; no other field. A body past a limit is refused at once (the rest
 * discarded, so the connection stays usable); formats are checked by the service.
 */
export async function receiveFiles(request: FastifyRequest): Promise<IncomingFile[]> {
  if (!request.isMultipart()) throw noFile();
  const files: IncomingFile[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_FILES + 1, fields: 5, fieldSize: 1024, parts: MAX_FILES + 6 } })) {
      if (part.type === 'field') throw invalid(part.fieldname.slice(0, 100), `不支持的字段 ${part.fieldname.slice(0, 100)}`);
      if (part.fieldname !== 'files' && part.fieldname !== 'file') throw invalid(part.fieldname.slice(0, 100), '附件的字段名应为 files');
      if (files.length >= MAX_FILES) throw tooMany();
      const stream = part.file;
      stream.on('error', () => undefined);
      stream.once('limit', () => stream.destroy(attachmentTooLarge()));
      files.push({ fileName: part.filename, content: await part.toBuffer() });
    }
  } catch (err) {
    discardBody(request, MAX_FILES * MAX_ATTACHMENT_BYTES);
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentTooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    if (err instanceof AppError) throw err;
    if (code?.startsWith('FST_') || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).message === 'Unexpected end of form') {
      throw new AppError('VALIDATION', '上传未完成或格式错误', 400, { field: 'files' });
    }
    throw err;
  }
  if (!files.length) throw noFile();
  return files;
}
