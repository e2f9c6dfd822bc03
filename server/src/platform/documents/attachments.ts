import path from 'node:path';
import { AppError } from '../http/errors.js';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The largest attachment accepted, in bytes (20 MB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// .docx, .xlsx and .ofd (GB/T 33190) are ZIP packages.
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Allowed extensions: the content type served on download and the bytes the file must start with. */
const FORMATS: Record<string, { contentType: string; magic: number[] }> = {
  pdf: { contentType: 'application/pdf', magic: PDF },
  jpg: { contentType: 'image/jpeg', magic: JPEG },
  jpeg: { contentType: 'image/jpeg', magic: JPEG },
  png: { contentType: 'image/png', magic: PNG },
  docx: { contentType: DOCX, magic: ZIP },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  ofd: { contentType: 'application/ofd', magic: ZIP },
};

export const ATTACHMENT_EXTENSIONS = Object.keys(FORMATS);

/** The formats a photo may have. */
export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png'];

export const attachmentTooLarge = () => new AppError('ATTACHMENT_TOO_LARGE', '附件不能超过 20 MB', 413, { field: 'file', maxBytes: MAX_ATTACHMENT_BYTES });

/** The name as shown and offered on download: no folders, no control characters, at most 200 characters. */
function cleanName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.win32.basename(fileName).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base.length <= 200) return base;
  const ext = path.extname(base);
  return base.slice(0, 200 - ext.length) + ext;
}

/**
 * Checks an uploaded attachment: an allowed extension (any known one unless `allowed` narrows it), content that really is of that format
 * (its first bytes), not empty and not over 20 MB. Returns the cleaned name and the content type.
 */
export function checkAttachment(fileName: string, content: Buffer, allowed: readonly string[] = ATTACHMENT_EXTENSIONS): { fileName: string; contentType: string } {
  const name = cleanName(fileName);
  const extension = path.extname(name).slice(1).toLowerCase();
  const format = allowed.includes(extension) ? FORMATS[extension] : undefined;
  if (!format) {
    throw new AppError('ATTACHMENT_TYPE', `不支持的附件格式，仅可上传 ${allowed.join('、')} 文件`, 400, { field: 'file', allowed });
  }
  if (content.length === 0) throw new AppError('ATTACHMENT_EMPTY', '附件是空文件', 400, { field: 'file' });
  if (content.length > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
  if (!format.magic.every((byte, i) => content[i] === byte)) {
    throw new AppError('ATTACHMENT_CONTENT', `文件内容与扩展名不符：${name} 不是有效的 ${path.extname(name).slice(1).toUpperCase()} 文件`, 400, { field: 'file' });
  }
  return { fileName: name, contentType: format.contentType };
}
