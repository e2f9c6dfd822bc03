import type { FastifyReply, FastifyRequest } from 'fastify';
import { type RateLimiter, rateLimited } from '../ratelimit/ratelimit.service.js';

/** An onRequest hook that counts the request against its client's budget (429 RATE_LIMITED past it). */
export type ClientLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const MINUTE_MS = 60_000;

/**
 * Per-client limits for public routes: `limitFor('lookup')` allows each client address `perMinute`
 * requests a minute on that route. The counters live in the database (platform/ratelimit), so
 * every process on one PostgreSQL shares them. The client is `request.ip`: the peer, or the
 * address a trusted proxy (ZJ_TRUST_PROXY) forwarded, never a header another client chose.
 * `share` gives a stricter budget of its own (e.g. `limitFor('complaint-submissions', 1 / 6)`:
 * a sixth of the public limit, at least one a minute), counted apart from the route's own.
 */
export function perClientLimit(limiter: RateLimiter, perMinute: number) {
  return (name: string, share = 1): ClientLimit =>
    async (request, reply) => {
      const result = await limiter.hit(`public:${name}:ip:${request.ip}`, Math.max(1, Math.floor(perMinute * share)), MINUTE_MS);
      if (!result.allowed) {
        reply.header('Retry-After', String(result.retryAfterSeconds));
        throw rateLimited(result, `查询过于频繁，请 ${result.retryAfterSeconds} 秒后再试`);
      }
    };
}

export type PerClientLimit = ReturnType<typeof perClientLimit>;
