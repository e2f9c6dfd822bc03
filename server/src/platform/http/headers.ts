import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The web app's Content-Security-Policy. Scripts come only from our own files (the built
 * index.html has no inline script); antd's CSS-in-JS writes <style> elements at run time, so
 * styles also allow 'unsafe-inline' (styles cannot run code). Images may be data: (antd's icons)
 * or blob: (files made in the page). The API browser at /api/docs (Swagger UI: its own script
 * files, inline style attributes) works under the same policy.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** One year; browsers then refuse plain HTTP to this host. Sent only on HTTPS, as RFC 6797 requires. */
export const HSTS = 'max-age=31536000';

/** True when the client reached us over HTTPS: directly, or through a trusted proxy saying so (X-Forwarded-Proto). */
export const cameOverHttps = (request: FastifyRequest) => request.protocol === 'https';

/** Security headers on every response: CSP, HSTS over HTTPS, no MIME sniffing, no framing, same-origin referrers. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('Content-Security-Policy', APP_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (cameOverHttps(request)) reply.header('Strict-Transport-Security', HSTS);
  });
}
