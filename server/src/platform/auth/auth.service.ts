import { eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import type { Actor, RequestContext, UserActor } from '../access/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { type RateLimiter, rateLimited } from '../ratelimit/ratelimit.service.js';
import { users } from '../users/users.schema.js';
import { type UsersService, normalizeUsername } from '../users/users.service.js';
import { endSessions } from './account.js';
import { loginDevices, sessions } from './auth.schema.js';
import { deviceTokens, makeDevices } from './devices.js';
import { deviceGuardKey, isLocked, makeLockout, userGuardKey } from './lockout.js';
import { assertStrongPassword, dummyHashPromise, hashPassword, verifyPassword } from './password.js';
import { newToken, sha256 } from './tokens.js';

export { newToken, sha256 };

export interface AuthSettings {
  session: { idleMinutes: number; absoluteHours: number };
  password: { minLength: number };
  lockout: { threshold: number; windowMinutes: number; lockMinutes: number };
  /** Log-in attempts per minute and client IP, and per minute and username (or trusted device). */
  loginRateLimit: { perIp: number; perUser: number };
  /** How long a browser that signed in stays a trusted device of its user (days since its last sign-in). */
  deviceTrustDays: number;
}

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface LoginClient extends ClientInfo {
  /** The session cookie the browser still sends: that session is ended (the id is rotated). */
  previousToken?: string;
  /** The device cookie (`zj_device`), if any. */
  deviceCookie?: string;
}

const invalid = () => new AppError('INVALID_CREDENTIALS', '用户名或密码错误', 401);
const minutes = (n: number) => n * 60_000;
/** Writing last_seen_at on every request would make each read a write; a minute's slack is enough for idle timeout. */
const TOUCH_INTERVAL_MS = 60_000;
const RATE_WINDOW_MS = 60_000;
/** Looked up in place of a user id when the username is unknown, so both cases run the same queries. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

type Outcome =
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'invalid' }
  | { kind: 'unverified' }
  | { kind: 'disabled' }
  | { kind: 'ok'; token: string; csrfToken: string; actor: UserActor; deviceCookie: { value: string; maxAgeSeconds: number } };

export function makeAuthService(deps: {
  db: Db;
  audit: AuditService;
  users: UsersService;
  rateLimiter: RateLimiter;
  settings: AuthSettings;
  /** The password check; tests pass a counting wrapper of the real one. */
  verify?: (hash: string, password: string) => Promise<boolean>;
}) {
  const { db, audit, settings } = deps;
  const verify = deps.verify ?? verifyPassword;
  const dummyHash = dummyHashPromise();
  const lockout = makeLockout(settings.lockout);
  const devices = makeDevices({ trustDays: settings.deviceTrustDays });

  async function limit(key: string, max: number) {
    const result = await deps.rateLimiter.hit(key, max, RATE_WINDOW_MS);
    if (!result.allowed) throw rateLimited(result, `登录尝试过于频繁，请 ${result.retryAfterSeconds} 秒后再试`);
  }

  return {
    /**
     * Checks the password, applies rate limits and the lockout rule, and opens a new session (a
     * fresh token: the session id is rotated on every login). An unknown username goes through
     * the same steps as a known one: a password check against a dummy hash, the same guard (so
     * it locks alike), the same queries and audit events. A browser holding a device token of
     * the user is counted on its own guard and is not refused by a lock that others caused.
     */
    async login(rawUsername: string, password: string, client: LoginClient) {
      const username = normalizeUsername(rawUsername);
      await limit(`login:ip:${client.ip ?? '-'}`, settings.loginRateLimit.perIp);
      const user = await deps.users.byUsername(username);
      const tokens = deviceTokens(client.deviceCookie);
      const device = await devices.find(db, tokens, user?.id ?? NO_USER, new Date());
      await limit(device ? `login:device:${device.id}` : `login:user:${username}`, settings.loginRateLimit.perUser);
      const guardKey = device ? deviceGuardKey(device.id) : userGuardKey(username);
      const check = async () => verify(user?.passwordHash ?? (await dummyHash), password);
      // A subject already locked is refused without spending a password check; the decision is
      // taken again under the guard's lock, after the check, so a parallel attempt cannot slip past.
      let verified = isLocked(await lockout.peek(db, guardKey), new Date()) ? null : await check();
      const ctx: RequestContext = { actor: null, ip: client.ip, requestId: client.requestId };
      const target = { targetType: 'user', targetId: user?.id };

      const attempt = () =>
        inTransaction(db, async (tx): Promise<Outcome> => {
          // Lock order, the same wherever sign-in state changes: the user's row (none for an unknown
          // name, the same query), then the guard, then the audit chain (audit.record's advisory lock).
          await tx.select({ id: users.id }).from(users).where(eq(users.username, username)).for('update');
          const state = await lockout.lock(tx, guardKey);
          const now = new Date();
          if (isLocked(state, now)) {
            await audit.record(tx, ctx, { action: 'auth.login_locked', ...target, after: { username, trustedDevice: !!device } });
            return { kind: 'locked', lockedUntil: state.lockedUntil! };
          }
          if (verified === null) return { kind: 'unverified' };
          if (!verified || !user) {
            const result = await lockout.fail(tx, guardKey, state, now);
            await audit.record(tx, ctx, { action: 'auth.login_failed', ...target, after: { username, failures: result.failures, trustedDevice: !!device } });
            if (result.lockedUntil) {
              await audit.record(tx, ctx, { action: 'auth.locked', ...target, after: { username, lockedUntil: result.lockedUntil, trustedDevice: !!device } });
            }
            return { kind: 'invalid' };
          }
          if (!user.active) return { kind: 'disabled' };

          const token = newToken();
          const csrfToken = newToken();
          await lockout.clear(tx, [guardKey]);
          if (client.previousToken) await tx.delete(sessions).where(eq(sessions.id, sha256(client.previousToken)));
          await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
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
          const deviceCookie = await devices.remember(tx, user.id, tokens, device, now);
          const actor = await deps.users.loadActor(user.id, tx);
          await audit.record(tx, { ...ctx, actor }, { action: 'auth.login', ...target, after: { trustedDevice: !!device } });
          return { kind: 'ok', token, csrfToken, actor: actor!, deviceCookie };
        });

      let outcome = await attempt();
      if (outcome.kind === 'unverified') {
        // The lock ended between the early look and the guard's lock: check the password now.
        verified = await check();
        outcome = await attempt();
      }
      switch (outcome.kind) {
        case 'ok':
          return { token: outcome.token, csrfToken: outcome.csrfToken, actor: outcome.actor, deviceCookie: outcome.deviceCookie };
        case 'locked': {
          const until = outcome.lockedUntil.toISOString();
          throw new AppError('LOCKED', `账户已锁定，请于 ${until} 后再试或联系管理员`, 423, { lockedUntil: until });
        }
        case 'disabled':
          throw new AppError('USER_DISABLED', '账户已停用，请联系管理员', 403);
        default:
          throw invalid();
      }
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
      if (!actor) {
        // Disabled: the session is ended for good, it must not come back if the account is re-enabled.
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }
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
        await endSessions(tx, userId, currentToken);
        await audit.record(tx, ctx, { action: 'auth.password_changed', targetType: 'user', targetId: userId });
      });
    },

    /**
     * Deletes expired sessions and trusted devices, guards without a running lock or recent
     * failure, and rate-limit counters of past windows (the `auth.purge-expired` job).
     */
    async purgeExpired(now = new Date()) {
      const idleCutoff = new Date(now.getTime() - minutes(settings.session.idleMinutes));
      const gone = await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff))).returning({ id: sessions.id });
      await db.delete(loginDevices).where(lt(loginDevices.expiresAt, now));
      await lockout.purge(db, now);
      await deps.rateLimiter.purge();
      return gone.length;
    },
  };
}

export type AuthService = ReturnType<typeof makeAuthService>;
