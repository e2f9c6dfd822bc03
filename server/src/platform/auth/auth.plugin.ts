import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import type { ApiKeysService } from './api-keys.service.js';
import type { AuthService } from './auth.service.js';
import { DEVICE_COOKIE } from './devices.js';
import { permits } from '../http/request.js';

export const SESSION_COOKIE = 'zj_session';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The API's routes, which must declare their access: /api (but the API browser) and the Open311 API. */
const isApiRoute = (url: string) => (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/open311/');

/**
 * Authentication, CSRF and access control for every request, deny by default:
 * an /api route that declares no `access` cannot be registered, and is refused if it somehow is.
 */
export function registerAccessControl(app: FastifyInstance, deps: { auth: AuthService; apiKeys: ApiKeysService; cookieSecure: boolean }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRoute', (route) => {
    if (isApiRoute(route.url) && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    const access = config.access;
    if (!access && !isApiRoute(request.routeOptions.url ?? request.url)) return; // static files and API docs
    if (!access) throw new AppError('FORBIDDEN', '无权访问', 403);

    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.actor = await deps.apiKeys.resolve(bearer);
      if (!request.actor) throw new AppError('UNAUTHENTICATED', 'API 密钥无效或已吊销', 401);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await deps.auth.resolveSession(token);
        if (session) {
          request.actor = session.actor;
          request.sessionToken = token;
          request.csrfToken = session.csrfToken;
        } else if (access !== 'public') {
          clearSessionCookie(reply, deps.cookieSecure);
        }
        // Every mutating request that carries a session cookie must prove it came from our page.
        if (MUTATING.has(request.method) && access !== 'public') {
          const header = request.headers['x-csrf-token'];
          if (session && (typeof header !== 'string' || !safeEqual(header, session.csrfToken))) {
            throw new AppError('CSRF', '缺少或错误的 CSRF 令牌，请刷新页面后重试', 403);
          }
        }
      }
    }

    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录', 401);
    if (actor.mustChangePassword && !config.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码', 403);
    }
    if (access !== 'authenticated' && !permits(actor.permissions, access)) {
      throw new AppError('FORBIDDEN', '无权执行此操作', 403);
    }
  });
}

/**
 * `Secure` whenever the request came over HTTPS (directly or through a trusted proxy's
 * X-Forwarded-Proto); `forceSecure` (ZJ_COOKIE_SECURE) sets it on every response.
 */
export function setSessionCookie(reply: FastifyReply, token: string, forceSecure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: forceSecure || reply.request.protocol === 'https' });
}

export function clearSessionCookie(reply: FastifyReply, forceSecure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: forceSecure || reply.request.protocol === 'https' });
}

/** The trusted-device cookie (see devices.ts): sent only to the login route, kept across sign-outs; `Secure` like the session cookie. */
export function setDeviceCookie(reply: FastifyReply, value: string, maxAgeSeconds: number, forceSecure: boolean) {
  reply.setCookie(DEVICE_COOKIE, value, { path: '/api/auth/login', httpOnly: true, sameSite: 'lax', secure: forceSecure || reply.request.protocol === 'https', maxAge: maxAgeSeconds });
}
