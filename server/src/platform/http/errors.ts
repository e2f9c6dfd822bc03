import type { FastifyError, FastifyInstance } from 'fastify';

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
    const pgMapped = typeof err.code === 'string' ? PG_ERRORS[err.code] : undefined;
    if (pgMapped) {
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
