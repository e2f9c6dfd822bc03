import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../../platform/documents/attachments.js';
import { discardBody } from '../../../platform/files/drain.js';
import { AppError } from '../../../platform/http/errors.js';
import { invalid } from '../../../platform/validation/fields.js';
import { type IncomingFile, MAX_FILES, type SubmissionInput, fileTooLarge } from './intake.service.js';

/** All files of one request together: at most this many bytes (5 × 20 MB). */
const MAX_TOTAL_BYTES = MAX_FILES * MAX_ATTACHMENT_BYTES;

const tooMany = () => new AppError('ATTACHMENTS_TOO_MANY', `至多上传 ${MAX_FILES} 个附件`, 400, { field: 'files', max: MAX_FILES });

/** The reporter's fields as form fields. */
const REPORTER_FIELDS = ['name', 'phone', 'idNumber', 'address', 'email'] as const;

/**
 * A multipart/form-data body: text fields (each once) and files in fields named `files` (each at
 * most 20 MB, at most 5), read into memory. A field not in `allowed` is 400 VALIDATION naming it.
 * A body past a limit is refused at once (the rest discarded, so the connection stays usable);
 * the files' formats are checked by the service.
 */
export async function receiveForm(request: FastifyRequest, allowed: ReadonlySet<string>): Promise<{ fields: Record<string, string>; files: IncomingFile[] }> {
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_FILES + 1, fields: 30, fieldSize: 64 * 1024, parts: MAX_FILES + 31 } })) {
      if (part.type === 'field') {
        if (!allowed.has(part.fieldname)) throw invalid(part.fieldname.slice(0, 100), `不支持的字段 ${part.fieldname.slice(0, 100)}`);
        if (part.fieldname in fields) throw invalid(part.fieldname, `字段 ${part.fieldname} 重复`);
        if (typeof part.value !== 'string') throw invalid(part.fieldname, `字段 ${part.fieldname} 应为文本`);
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'files') throw invalid(part.fieldname.slice(0, 100), '附件的字段名应为 files');
      if (files.length >= MAX_FILES) throw tooMany();
      const stream = part.file;
      stream.on('error', () => undefined);
      stream.once('limit', () => stream.destroy(fileTooLarge()));
      files.push({ fileName: part.filename, content: await part.toBuffer() });
    }
  } catch (err) {
    discardBody(request, MAX_TOTAL_BYTES);
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    if (err instanceof AppError) throw err;
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('VALIDATION', '表单字段过多', 400, { field: 'form' });
    if (code?.startsWith('FST_') || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).message === 'Unexpected end of form') {
      throw new AppError('VALIDATION', '上传未完成或格式错误', 400, { field: 'files' });
    }
    throw err;
  }
  return { fields, files };
}

/** The form fields of a submission: the body's fields, `reporter` as a JSON text or as `reporter.name`, `reporter.phone`, …. */
export const SUBMISSION_FIELDS = ['kind', 'subjectUscc', 'subjectName', 'equipmentRegistrationNo', 'product', 'topic', 'category', 'regionCode', 'place', 'occurredOn', 'description', 'reporter', ...REPORTER_FIELDS.map((f) => `reporter.${f}`)];

/** A submission from form fields (empty fields left out). Messages never repeat a value. */
export function submissionOf(fields: Record<string, string>): SubmissionInput & Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'reporter' || name.startsWith('reporter.') || value === '') continue;
    input[name] = value;
  }
  const dotted = REPORTER_FIELDS.filter((f) => fields[`reporter.${f}`] !== undefined && fields[`reporter.${f}`] !== '');
  if (fields.reporter !== undefined && fields.reporter !== '') {
    if (dotted.length) throw invalid('reporter', '投诉举报人信息请只用 reporter（JSON）或 reporter.name 等字段中的一种');
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.reporter);
    } catch {
      throw invalid('reporter', 'reporter 应为 JSON 对象');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('reporter', 'reporter 应为 JSON 对象');
    const unknown = Object.keys(parsed).find((k) => !(REPORTER_FIELDS as readonly string[]).includes(k));
    if (unknown !== undefined) throw invalid('reporter', 'reporter 含有不支持的字段');
    input.reporter = parsed;
  } else if (dotted.length) {
    input.reporter = Object.fromEntries(dotted.map((f) => [f, fields[`reporter.${f}`]]));
  }
  return input as SubmissionInput & Record<string, unknown>;
}
