import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';

/** One HTTP response, body as text. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/**
 * A plain HTTP request without any client-side timeout (an import of a million rows answers only
 * when it is done, which may take longer than fetch's default five minutes).
 */
export function request(url: string, opts: { method?: string; headers?: Record<string, string | number>; body?: string | Readable } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body instanceof Readable) opts.body.pipe(req);
    else req.end(opts.body);
  });
}

/** Parses a JSON reply, or fails with its status and body when it is not the expected status. */
export function json<T>(reply: Reply, expected = 200): T {
  if (reply.status !== expected) throw new Error(`HTTP ${reply.status} (expected ${expected}): ${reply.body.slice(0, 500)}`);
  return JSON.parse(reply.body) as T;
}

/** Calls a bench-only route with a JSON body. */
export async function benchPost<T>(baseUrl: string, path: string, body: unknown = {}): Promise<T> {
  const text = JSON.stringify(body);
  return json<T>(await request(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }, body: text }));
}

/** A logged-in session: the cookie and CSRF header to send. */
export interface Session {
  headers: Record<string, string>;
}

/** Logs in through the API as a user would. */
export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  const text = JSON.stringify({ username, password });
  const reply = await request(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }, body: text });
  const { csrfToken } = json<{ csrfToken: string }>(reply);
  const cookie = (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('zj_session='));
  if (!cookie) throw new Error('login: no session cookie');
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * Posts a file as multipart/form-data (fields first, then the file), streamed from disk with a
 * known length — the file is never read into memory.
 */
export function postMultipart(url: string, session: Session, fields: Record<string, string>, file: { path: string; filename: string; type: string }): Promise<Reply> {
  const boundary = `----zjbench${randomBytes(12).toString('hex')}`;
  const head =
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + fs.statSync(file.path).size + Buffer.byteLength(tail);
  async function* body() {
    yield Buffer.from(head);
    yield* fs.createReadStream(file.path, { highWaterMark: 256 * 1024 });
    yield Buffer.from(tail);
  }
  return request(url, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
    body: Readable.from(body()),
  });
}
