import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { discardBody } from '../../../platform/files/drain.js';
import { MAX_ATTACHMENT_BYTES, attachmentTooLarge } from '../../../platform/documents/attachments.js';
import { AppError } from '../../../platform/http/errors.js';
import { MAX_REPORT_FILES, type ReportFile } from './rectification.service.js';

/** All attachments of one report together: at most this many bytes (each one at most 20 MB). */
export const MAX_REPORT_BYTES = 2 * MAX_ATTACHMENT_BYTES;

const tooMany = () => new AppError('ATTACHMENTS_TOO_MANY', `整改报告至多附 ${MAX_REPORT_FILES} 个文件`, 400, { field: 'files', max: MAX_REPORT_FILES });
const tooLargeTogether = () => new AppError('ATTACHMENT_TOO_LARGE', `整改报告的附件合计不能超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB`, 413, { field: 'files', maxBytes: MAX_REPORT_BYTES });

/**
 * A rectification report sent as multipart/form-data: text fields `reportText` and `reportedOn`,
 * and files in fields named `files` (each at most 20 MB, at most MAX_REPORT_FILES, together at
 * most MAX_REPORT_BYTES), read into memory; the formats are checked by the service. A body past a
 * limit is refused at once (its rest discarded, so the connection stays usable).
 */
export async function receiveReport(request: FastifyRequest): Promise<{ reportText: string; reportedOn: string; files: ReportFile[] }> {
  const fields: Record<string, string> = {};
  const files: ReportFile[] = [];
  let total = 0;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_REPORT_FILES + 1, fields: 20, fieldSize: 64 * 1024, parts: MAX_REPORT_FILES + 21 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'files' && part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      if (files.length >= MAX_REPORT_FILES) throw tooMany();
      const stream = part.file;
      stream.on('error', () => undefined);
      stream.once('limit', () => stream.destroy(attachmentTooLarge()));
      const content = await part.toBuffer();
      total += content.length;
      if (total > MAX_REPORT_BYTES) throw tooLargeTogether();
      files.push({ fileName: part.filename, content });
    }
  } catch (err) {
    discardBody(request, MAX_REPORT_BYTES);
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentTooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    if (err instanceof AppError) throw err;
    if (code?.startsWith('FST_')) throw new AppError('VALIDATION', '上传未完成或格式错误', 400, { field: 'files' });
    throw err;
  }
  return { reportText: fields.reportText ?? '', reportedOn: fields.reportedOn ?? '', files };
}
