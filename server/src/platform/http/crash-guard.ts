import { AsyncLocalStorage } from 'node:async_hooks';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';

/** The request that caused whatever runs now (stream events, timers, promises it started). */
interface RequestScope {
  method?: string;
  url?: string;
  res: ServerResponse;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Fastify's `serverFactory`: a plain HTTP server that runs each request's handling inside its own
 * async scope, so an error that escapes it (an `'error'` event nobody listens to, a rejected
 * promise nobody awaits) can still be traced back to the request and answered.
 */
export function scopedServer(handler: (req: IncomingMessage, res: ServerResponse) => void): http.Server {
  return http.createServer((req, res) => requestScope.run({ method: req.method, url: req.url, res }, () => handler(req, res)));
}

const INTERNAL = JSON.stringify({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });

/**
 * Keeps one request's failure from ending the process. An uncaught exception or unhandled
 * rejection raised on behalf of a request is logged, the request is answered 500 (if it has not
 * been answered) and the process stays up. One raised outside any request means the process
 * itself may be broken: it is logged and the process exits with status 1, for its supervisor
 * (see deploy/) to restart it. Returns a function that removes the handlers.
 */
export function guardProcess(log: FastifyBaseLogger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const onError = (kind: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    const scope = requestScope.getStore();
    if (!scope) {
      log.fatal({ err, kind }, 'error outside any request; exiting');
      exit(1);
      return;
    }
    log.error({ err, kind, method: scope.method, url: scope.url }, 'error escaped a request; answered 500, process kept running');
    const { res } = scope;
    if (!res.headersSent && !res.writableEnded) {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(INTERNAL);
    } else if (!res.writableEnded) {
      res.destroy();
    }
  };
  const onException = onError('uncaughtException');
  const onRejection = onError('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
