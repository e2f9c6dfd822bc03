import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DATA_SCOPES } from '../access/scope.js';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, NoContent } from '../http/schemas.js';
import type { UserActor } from '../access/actor.js';
import type { AuthService } from './auth.service.js';
import { retryAfterOf } from '../ratelimit/ratelimit.service.js';
import { clearSessionCookie, setDeviceCookie, setSessionCookie } from './auth.plugin.js';
import { DEVICE_COOKIE } from './devices.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES } from './password.js';

export const SessionUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  regionCode: Type.String(),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  dataScope: Type.Union(DATA_SCOPES.map((s) => Type.Literal(s))),
  enterpriseUscc: Type.Union([Type.String(), Type.Null()], { description: '企业账号所属企业的统一社会信用代码；工作人员为 null' }),
  mustChangePassword: Type.Boolean(),
  passwordPolicy: Type.Object(
    { minLength: Type.Integer(), maxLength: Type.Integer(), minClasses: Type.Integer({ description: '大写字母、小写字母、数字、符号四类中至少几类' }) },
    { description: '新密码须满足的规则（修改密码、新建用户、重置密码的表单在输入前即显示）' },
  ),
});

const SessionReply = Type.Object({ user: SessionUser, csrfToken: Type.String() });

const toSessionUser = (a: UserActor, passwordMinLength: number) => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  orgId: a.orgId,
  orgName: a.orgName,
  regionCode: a.regionCode,
  roles: a.roles,
  permissions: [...a.permissions].sort(),
  dataScope: a.dataScope,
  enterpriseUscc: a.enterpriseUscc ?? null,
  mustChangePassword: a.mustChangePassword,
  passwordPolicy: { minLength: passwordMinLength, maxLength: PASSWORD_MAX_LENGTH, minClasses: PASSWORD_MIN_CLASSES },
});

export const authRoutes =
  (deps: { auth: AuthService; cookieSecure: boolean; passwordMinLength: number }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { auth } = deps;

    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: '登录',
          body: Body({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
          response: { 200: SessionReply, 401: ErrorSchema, 403: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const client = { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id, previousToken: request.cookies.zj_session, deviceCookie: request.cookies[DEVICE_COOKIE] };
        const result = await auth.login(username, password, client).catch((err: unknown) => {
          const retryAfter = retryAfterOf(err);
          if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
          throw err;
        });
        setSessionCookie(reply, result.token, deps.cookieSecure);
        setDeviceCookie(reply, result.deviceCookie.value, result.deviceCookie.maxAgeSeconds, deps.cookieSecure);
        return { user: toSessionUser(result.actor, deps.passwordMinLength), csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { access: 'authenticated', allowPendingPasswordChange: true }, schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent } } },
      async (request, reply) => {
        if (request.sessionToken) await auth.logout(request.sessionToken, ctxOf(request));
        clearSessionCookie(reply, deps.cookieSecure);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/session',
      { config: { access: 'authenticated', allowPendingPasswordChange: true }, schema: { tags: ['auth'], summary: '当前会话', security: [{ session: [] }], response: { 200: SessionReply, 401: ErrorSchema } } },
      async (request, reply) => {
        if (!request.sessionToken) return reply.status(401).send({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
        return { user: toSessionUser(request.actor as UserActor, deps.passwordMinLength), csrfToken: request.csrfToken! };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated', allowPendingPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: '修改本人密码',
          security: [{ session: [] }],
          body: Body({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }),
          response: { 204: NoContent, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        if (!request.sessionToken) return reply.status(400).send({ error: { code: 'NOT_A_USER', message: '仅登录用户可修改密码' } });
        await auth.changePassword(ctxOf(request), request.sessionToken, request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );
  };
