import type { FastifyError, FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';

/** A failure the client can act on: a stable English code, a Chinese message, the HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`, 404);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message, 403);

/** PostgreSQL error codes that are the client's fault, mapped to our shape. */
const PG_ERRORS: Record<string, { code: string; message: string; status: number }> = {
  '23505': { code: 'CONFLICT', message: '数据已存在，与现有记录重复', status: 409 },
  '23503': { code: 'REFERENCE_NOT_FOUND', message: '引用的记录不存在', status: 400 },
  '22P02': { code: 'VALIDATION', message: '请求参数格式不正确', status: 400 },
  /** A value too large for its column (an integer, a date). */
  '22003': { code: 'VALIDATION', message: '请求参数超出允许范围', status: 400 },
  '22008': { code: 'VALIDATION', message: '日期时间超出允许范围', status: 400 },
  /** Characters the database cannot store (NUL in text, `\u0000` in JSON). */
  '22021': { code: 'VALIDATION', message: '请求参数含有不允许的字符', status: 400 },
  '22P05': { code: 'VALIDATION', message: '请求参数含有不允许的字符', status: 400 },
};

/**
 * The PostgreSQL error behind `err`, if any. Drizzle wraps the driver's error (the SQLSTATE is on
 * `err.cause`), and our own code may wrap again: the cause chain is walked a few levels deep.
 */
export function pgErrorOf(err: unknown): { code: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    // SQLSTATEs are five digits or capitals with at least one digit (unlike Node's EPIPE).
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code)) return { code };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Errors the router raises before any handler (a path segment over 100 characters, a malformed
 * percent-encoding) in our shape instead of Fastify's own: 414 URI_TOO_LONG, else 400 BAD_REQUEST.
 */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (err, _request, reply) => {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void (reply as FastifyReply)
    .status(tooLong ? 414 : 400)
    .send({ error: tooLong ? { code: 'URI_TOO_LONG', message: '请求地址过长' } : { code: 'BAD_REQUEST', message: '请求地址不合法' } });
};

/** Maps AppError, schema errors and unknown errors to `{ error: { code, message, details } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { code?: string }, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (err.validation) {
      const details = err.validation.map((v) => ({
        field: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty || (v.params as { additionalProperty?: string })?.additionalProperty || err.validationContext,
        rule: v.keyword,
        message: v.message,
      }));
      return reply.status(400).send({ error: { code: 'VALIDATION', message: '请求参数不合法', details } });
    }
    const pgCode = pgErrorOf(err)?.code;
    const pgMapped = pgCode ? PG_ERRORS[pgCode] : undefined;
    if (pgMapped) {
      request.log.info({ err }, 'database refused the request');
      return reply.status(pgMapped.status).send({ error: { code: pgMapped.code, message: pgMapped.message } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: '请求体不是合法的 JSON' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.status(err.statusCode).send({ error: { code, message: '请求无法处理' } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });
}
