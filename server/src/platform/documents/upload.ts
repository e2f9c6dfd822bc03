import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { discardBody } from '../files/drain.js';
import { AppError } from '../http/errors.js';
import { MAX_ATTACHMENT_BYTES, attachmentTooLarge } from './attachments.js';

const noFile = () => new AppError('ATTACHMENT_MISSING', '没有收到文件（以 multipart/form-data 上传，字段名为 file）', 400, { field: 'file' });

/**
 * The one file of an attachment upload (multipart field `file`, at most 20 MB), read into memory,
 * with the text fields sent before it. A file past the limit is refused as soon as it passes it
 * (413), and the rest of the body is discarded so the connection stays usable.
 */
export async function receiveAttachment(request: FastifyRequest): Promise<{ fileName: string; content: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw noFile();
  try {
    const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
    if (!part) throw noFile();
    const file = part.file;
    file.on('error', () => undefined); // toBuffer reads the errors; none may go unheard
    if (part.fieldname !== 'file') throw noFile();
    file.once('limit', () => file.destroy(attachmentTooLarge()));
    const content = await part.toBuffer();
    const fields: Record<string, string> = {};
    for (const [name, field] of Object.entries(part.fields)) {
      if (field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string') fields[name] = field.value;
    }
    return { fileName: part.filename, content, fields };
  } catch (err) {
    discardBody(request, MAX_ATTACHMENT_BYTES);
    throw (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? attachmentTooLarge() : err;
  }
}
