import type { TestEnv } from './app.js';

export interface MultipartParts {
  mode?: string;
  file?: { name: string; content: Buffer | string };
  /** Send the file before the mode field. */
  fileFirst?: boolean;
}

/** A multipart/form-data body as browsers send an import: field `mode` and field `file`. */
export function multipart(parts: MultipartParts) {
  const boundary = `----zj${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  const field = () => parts.mode !== undefined && chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${parts.mode}\r\n`));
  const file = () => {
    if (!parts.file) return;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${parts.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.isBuffer(parts.file.content) ? parts.file.content : Buffer.from(parts.file.content));
    chunks.push(Buffer.from('\r\n'));
  };
  if (parts.fileFirst) {
    file();
    field();
  } else {
    field();
    file();
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Client = Awaited<ReturnType<TestEnv['login']>>;

/** Posts an import to `url` as `as` (the admin by default). */
export async function uploadTo(env: TestEnv, url: string, parts: MultipartParts, as?: Client) {
  const c = as ?? (await env.loginAdmin());
  const { payload, headers } = multipart(parts);
  return env.app.inject({ method: 'POST', url, payload, headers: { ...headers, 'x-csrf-token': c.csrfToken! }, cookies: { zj_session: c.cookie! } });
}
