/**
 * Thin fetch wrapper for the platform API: JSON in and out, same-origin cookies,
 * the CSRF token on mutating requests, and one error type parsed from the API's error shape.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  query?: object;
  body?: unknown;
  signal?: AbortSignal;
  /** The version of the record the user edits, sent as If-Match (the server answers 412 when it changed meanwhile). */
  version?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<(err: ApiError) => void>();

/** Keep the CSRF token returned by login / GET session; sent on every mutating request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Be told when any call answers 401 (the session expired or was ended elsewhere). */
export function onUnauthorized(listener: (err: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const changeListeners = new Set<() => void>();

/** Be told after every successful change (POST, PUT, PATCH, DELETE), e.g. to refresh a count that a step may have changed. */
export function onChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Build `path?query`, leaving out empty values. */
export function buildUrl(path: string, query?: object): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The ApiError of a failed answer, from the API's error shape (or the HTTP status when the body is not JSON). */
export async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page etc.)
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    res.status,
    err?.code ?? `HTTP_${res.status}`,
    err?.message ?? res.statusText ?? `HTTP ${res.status}`,
    err?.details,
  );
}

async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const isForm = opts.body instanceof FormData;
  // multipart: the browser sets Content-Type with the boundary
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }

  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401) unauthorizedListeners.forEach((l) => l(err));
    throw err;
  }
  if (method !== 'GET') changeListeners.forEach((l) => l());
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Fields and files as multipart: empty fields left out, objects as JSON, plain values as text,
 * then each file in the field `files` (for routes that take the same fields as JSON without files).
 */
export function multipartOf(fields: object, files: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

/**
 * The record changed since it was loaded (412 PRECONDITION_FAILED on a write sent with its
 * version): show `errors.stale` and load it again.
 */
export const isStale = (err: unknown): err is ApiError => err instanceof ApiError && err.code === 'PRECONDITION_FAILED';

/**
 * Writes to an editable record take the `version` it was loaded with (every such record carries
 * one; responses also answer it as the ETag header, which same-origin fetch can read).
 */
export const api = {
  get: <T>(path: string, query?: object, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, version?: number) => request<T>('POST', path, { body: body ?? {}, version }),
  put: <T>(path: string, body?: unknown, version?: number) => request<T>('PUT', path, { body: body ?? {}, version }),
  patch: <T>(path: string, body?: unknown, version?: number) => request<T>('PATCH', path, { body: body ?? {}, version }),
  /** A DELETE may carry a body (e.g. the reason for ending something early). */
  del: <T = void>(path: string, version?: number, body?: unknown) => request<T>('DELETE', path, { version, body }),
  /** multipart/form-data POST (file uploads); fields go in the order they were appended. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
  /** One file as multipart, in the field `file` (the upload routes that take a single attachment). */
  postFile: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { body: form });
  },
};
