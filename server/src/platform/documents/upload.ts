import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { MAX_ATTACHMENT_BYTES, attachmentTooLarge } from './attachments.js';

const noFile = () => new AppError('ATTACHMENT_MISSING', '没有收到文件（以 multipart/form-data 上传，字段名为 file）', 400, { field: 'file' });

/**
 * The one file of an attachment upload (multipart field `file`, at most 20 MB), read into memory,
 * with the text fields sent before it.
 */
export async function receiveAttachment(request: FastifyRequest): Promise<{ fileName: string; content: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw noFile();
  const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
  if (!part) throw noFile();
  if (part.fieldname !== 'file') {
    part.file.resume(); // drain it: the answer is already known
    throw noFile();
  }
  const content = await part.toBuffer().catch((err: unknown) => {
    throw (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? attachmentTooLarge() : err;
  });
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    if (field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string') fields[name] = field.value;
  }
  return { fileName: part.filename, content, fields };
}
