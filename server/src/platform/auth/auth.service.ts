import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, inTransaction } from '../../db/sql.js';
import type { Actor, RequestContext, UserActor } from '../access/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { users } from '../users/users.schema.js';
import type { UsersService } from '../users/users.service.js';
import { loginFailures, sessions } from './auth.schema.js';
import { assertStrongPassword, dummyHashPromise, hashPassword, verifyPassword } from './password.js';

export interface AuthSettings {
  session: { idleMinutes: number; absoluteHours: number };
  password: { minLength: number };
  lockout: { threshold: number; windowMinutes: number; lockMinutes: number };
}


export interface ClientInfo {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** The cookie holds a random token; the database keeps only its SHA-256, so a leaked table grants nothing. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

const invalid = () => new AppError('INVALID_CREDENTIALS', '用户名或密码错误', 401);
const minutes = (n: number) => n * 60_000;
/** Writing last_seen_at on every request would make each read a write; a minute's slack is enough for idle timeout. */
const TOUCH_INTERVAL_MS = 60_000;

export function makeAuthService(deps: { db: Db; audit: AuditService; users: UsersService; settings: AuthSettings }) {
  const { db, audit, settings } = deps;
  const dummyHash = dummyHashPromise();

  return {
    /**
     * Checks the password, applies the lockout rule and opens a new session (a fresh token:
     * the session id is rotated on every login; `previousToken`'s session is ended).
     */
    async login(username: string, password: string, client: ClientInfo, previousToken?: string) {
      const user = await deps.users.byUsername(username);
      const now = new Date();
      if (!user) {
        await verifyPassword(await dummyHash, password);
        throw invalid();
      }
      const ctx: RequestContext = { actor: null, ip: client.ip, requestId: client.requestId };
      if (user.lockedUntil && user.lockedUntil > now) {
        await inTransaction(db, (tx) => audit.record(tx, ctx, { action: 'auth.login_locked', targetType: 'user', targetId: user.id, after: { username: user.username } }));
        throw new AppError('LOCKED', `账户已锁定，请于 ${user.lockedUntil.toISOString()} 后再试或联系管理员`, 423, { lockedUntil: user.lockedUntil.toISOString() });
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        await inTransaction(db, async (tx) => {
          await tx.insert(loginFailures).values({ userId: user.id, at: now, ip: client.ip });
          const since = new Date(now.getTime() - minutes(settings.lockout.windowMinutes));
          const [count] = await tx.select({ n: countAll }).from(loginFailures).where(and(eq(loginFailures.userId, user.id), gte(loginFailures.at, since)));
          await audit.record(tx, ctx, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, after: { username: user.username, failures: count?.n } });
          if ((count?.n ?? 0) >= settings.lockout.threshold) {
            const lockedUntil = new Date(now.getTime() + minutes(settings.lockout.lockMinutes));
            await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
            await tx.delete(loginFailures).where(eq(loginFailures.userId, user.id));
            await audit.record(tx, ctx, { action: 'auth.locked', targetType: 'user', targetId: user.id, after: { username: user.username, lockedUntil } });
          }
        });
        throw invalid();
      }
      if (!user.active) throw new AppError('USER_DISABLED', '账户已停用，请联系管理员', 403);

      const token = newToken();
      const csrfToken = newToken();
      await inTransaction(db, async (tx) => {
        if (previousToken) await tx.delete(sessions).where(eq(sessions.id, sha256(previousToken)));
        await tx.delete(loginFailures).where(eq(loginFailures.userId, user.id));
        await tx.update(users).set({ lastLoginAt: now, lockedUntil: null }).where(eq(users.id, user.id));
        await tx.insert(sessions).values({
          id: sha256(token),
          userId: user.id,
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + settings.session.absoluteHours * 3_600_000),
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, 400),
        });
        const actor = await deps.users.loadActor(user.id, tx);
        await audit.record(tx, { ...ctx, actor }, { action: 'auth.login', targetType: 'user', targetId: user.id });
      });
      const actor = await deps.users.loadActor(user.id);
      return { token, csrfToken, actor: actor! };
    },

    /** The session's actor, or null when missing, idle too long, past its absolute lifetime or the user is disabled. */
    async resolveSession(token: string): Promise<{ actor: UserActor; csrfToken: string } | null> {
      const id = sha256(token);
      const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
      const now = Date.now();
      if (!session) return null;
      if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + minutes(settings.session.idleMinutes) <= now) {
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }
      const actor = await deps.users.loadActor(session.userId);
      if (!actor) return null;
      if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
        await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
      }
      return { actor, csrfToken: session.csrfToken };
    },

    async logout(token: string, ctx: RequestContext) {
      await inTransaction(db, async (tx) => {
        const deleted = await tx.delete(sessions).where(eq(sessions.id, sha256(token))).returning({ userId: sessions.userId });
        if (deleted[0]) await audit.record(tx, ctx, { action: 'auth.logout', targetType: 'user', targetId: deleted[0].userId });
      });
    },

    /** Changes the actor's own password; other sessions of the user are ended. */
    async changePassword(ctx: RequestContext & { actor: Actor }, currentToken: string, currentPassword: string, newPassword: string) {
      const userId = ctx.actor.userId!;
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('WRONG_PASSWORD', '当前密码不正确', 400, { field: 'currentPassword' });
      }
      assertStrongPassword(newPassword, settings.password.minLength);
      if (await verifyPassword(user.passwordHash, newPassword)) {
        throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同', 400, { field: 'newPassword' });
      }
      const passwordHash = await hashPassword(newPassword);
      await inTransaction(db, async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, userId));
        await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${sha256(currentToken)}`));
        await audit.record(tx, ctx, { action: 'auth.password_changed', targetType: 'user', targetId: userId });
      });
    },

    /** Deletes expired sessions and stale login failures (run by a scheduled job). */
    async purgeExpired(now = new Date()) {
      const idleCutoff = new Date(now.getTime() - minutes(settings.session.idleMinutes));
      const failCutoff = new Date(now.getTime() - minutes(settings.lockout.windowMinutes));
      const gone = await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff))).returning({ id: sessions.id });
      await db.delete(loginFailures).where(lt(loginFailures.at, failCutoff));
      return gone.length;
    },
  };
}

export type AuthService = ReturnType<typeof makeAuthService>;
