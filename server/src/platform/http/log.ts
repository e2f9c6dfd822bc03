import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a secret (a complaint's access code, a token): never written to a log line. */
const SECRET_PARAMS = /([?&](?:code|token|access_code|api_key)=)[^&#]*/gi;

/** The URL as logged: the values of secret query parameters replaced by `***`. */
export const redactUrl = (url: string): string => url.replace(SECRET_PARAMS, '$1***');

/**
 * The server's logger: Fastify's request fields, with the URL redacted. Bodies are never logged
 * (Fastify does not log them), so reporters' data only reaches a log through a URL, which holds none
 * but the access code.
 */
export const loggerOptions = (level: string) => ({
  level,
  serializers: {
    req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
  },
});
