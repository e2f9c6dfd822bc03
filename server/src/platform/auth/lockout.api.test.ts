import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, useTestEnv } from '../../test/app.js';
import { AppError } from '../http/errors.js';
import { loginDevices, loginGuards, sessions } from './auth.schema.js';
import { makeAuthService } from './auth.service.js';
import { DEVICE_COOKIE } from './devices.js';
import { verifyPassword } from './password.js';

/** Issue 11 item 3: the lockout holds under parallel attempts; unknown names look like known ones; trusted devices. */
const env = useTestEnv();
const THRESHOLD = 5;

const attempt = (username: string, password: string, opts: { device?: string; ip?: string } = {}) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, cookies: opts.device ? { [DEVICE_COOKIE]: opts.device } : undefined, remoteAddress: opts.ip });

const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

async function auditOf(userId: string) {
  const { items } = await env.services.audit.list(env.db, env.admin, { target: userId, action: 'auth.' }, { page: 1, pageSize: 500 });
  return items.reverse(); // oldest first
}

describe('lockout under parallel attempts', () => {
  it('50 parallel wrong passwords: at most the threshold answer 401, every other 423, none 500', { timeout: 60_000 }, async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const list = statuses(await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(user.username, `Wrong#Pass${i}x`))));
    expect(count(list, 500)).toBe(0);
    expect(count(list, 401)).toBeLessThanOrEqual(THRESHOLD);
    expect(count(list, 401) + count(list, 423)).toBe(50);
    expect(count(list, 423)).toBeGreaterThanOrEqual(50 - THRESHOLD);
    // Locked now, also against the right password.
    expect((await attempt(user.username, USER_PASSWORD)).statusCode).toBe(423);
    const events = (await auditOf(user.id)).map((e) => e.action);
    expect(events.filter((a) => a === 'auth.locked')).toHaveLength(1);
    expect(events.filter((a) => a === 'auth.login_failed')).toHaveLength(count(list, 401));
  });

  it('40 parallel attempts with the right password at #30: no session once the threshold was crossed', { timeout: 60_000 }, async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const list = statuses(await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(user.username, i === 29 ? USER_PASSWORD : `Wrong#Pass${i}x`))));
    expect(count(list, 500)).toBe(0);
    expect(list.every((s) => [200, 401, 423].includes(s))).toBe(true);
    const successes = count(list, 200);
    expect(successes).toBeLessThanOrEqual(1);
    // A success resets the count: at most THRESHOLD failures before it and THRESHOLD after it.
    expect(count(list, 401)).toBeLessThanOrEqual(THRESHOLD * (1 + successes));

    // In the order the attempts were decided: the sign-in, if any, came before the lock.
    const events = (await auditOf(user.id)).map((e) => e.action);
    const lockedAt = events.indexOf('auth.locked');
    const loginAt = events.indexOf('auth.login');
    expect(lockedAt).toBeGreaterThanOrEqual(0);
    if (successes) expect(loginAt).toBeLessThan(lockedAt);
    else expect(loginAt).toBe(-1);
    expect(events.slice(0, Math.max(loginAt, 0)).filter((a) => a === 'auth.login_failed').length).toBeLessThan(THRESHOLD);
    const rows = await env.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(successes);
  });

  it('the attempt after the threshold is refused even with the right password, sequentially too', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    for (let i = 0; i < THRESHOLD; i++) expect((await attempt(user.username, 'Wrong#Pass1x')).statusCode).toBe(401);
    const res = await attempt(user.username, USER_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect((await env.db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(0);
  });
});

describe('unknown usernames', () => {
  it('are answered like known ones: same status, code and message, and they lock alike', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const unknown = `nobody-${Date.now().toString(36)}`;
    for (let i = 1; i <= THRESHOLD; i++) {
      const [known, missing] = [await attempt(user.username, 'Wrong#Pass1x'), await attempt(unknown, 'Wrong#Pass1x')];
      expect(known.statusCode, `attempt ${i}`).toBe(401);
      expect(missing.statusCode).toBe(401);
      expect(missing.json()).toEqual(known.json());
    }
    const [known, missing] = [await attempt(user.username, 'Wrong#Pass1x'), await attempt(unknown, 'Wrong#Pass1x')];
    expect(known.statusCode).toBe(423);
    expect(missing.statusCode).toBe(423);
    expect(Object.keys(missing.json().error.details)).toEqual(Object.keys(known.json().error.details));
    expect(missing.json().error.code).toBe(known.json().error.code);
  });

  it('go through the same steps: one password check against a hash, a guard, the same audit events', async () => {
    const verified: string[] = [];
    const auth = makeAuthService({
      db: env.db,
      audit: env.services.audit,
      users: env.services.users,
      rateLimiter: env.services.rateLimiter,
      settings: env.config,
      verify: async (hash, password) => {
        verified.push(hash);
        return verifyPassword(hash, password);
      },
    });
    const user = await env.makeUser({ roles: ['inspector'] });
    const unknown = `nobody-${Date.now().toString(36)}`;
    const outcome = async (name: string) => {
      verified.length = 0;
      const err = await auth.login(name, 'Wrong#Pass1x', { ip: '10.7.7.7' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      const [guard] = await env.db.select().from(loginGuards).where(eq(loginGuards.key, `user:${name}`));
      const { items } = await env.services.audit.list(env.db, env.admin, { action: 'auth.login_failed' }, { page: 1, pageSize: 1 });
      return { code: (err as AppError).code, status: (err as AppError).status, checks: verified.length, argon2: verified.every((h) => h.startsWith('$argon2id$')), failures: guard?.failures.length, audit: Object.keys(items[0]!.after as object).sort(), auditedName: (items[0]!.after as { username: string }).username };
    };
    const known = await outcome(user.username);
    const missing = await outcome(unknown);
    expect(known).toEqual({ code: 'INVALID_CREDENTIALS', status: 401, checks: 1, argon2: true, failures: 1, audit: ['failures', 'trustedDevice', 'username'], auditedName: user.username });
    expect(missing).toEqual({ ...known, auditedName: unknown });
  });
});

describe('trusted devices', () => {
  /** Signs in and returns the device cookie the server set. */
  async function signIn(username: string, device?: string) {
    const res = await attempt(username, USER_PASSWORD, { device });
    expect(res.statusCode).toBe(200);
    return res.cookies.find((c) => c.name === DEVICE_COOKIE)!;
  }

  it('a successful sign-in sets an HttpOnly, SameSite device cookie for the login route; only its hash is stored', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const cookie = await signIn(user.username);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/login' });
    expect(cookie.maxAge).toBe(180 * 86_400);
    const rows = await env.db.select().from(loginDevices).where(eq(loginDevices.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(cookie.value);
    // Signing in again from the same browser keeps the same device.
    expect((await signIn(user.username, cookie.value)).value).toBe(cookie.value);
    expect(await env.db.select().from(loginDevices).where(eq(loginDevices.userId, user.id))).toHaveLength(1);
  });

  it('lets its owner in while others locked the account; a client without it stays locked', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const other = await env.makeUser({ roles: ['inspector'] });
    const device = (await signIn(user.username)).value;
    const othersDevice = (await signIn(other.username)).value;
    const attacks = statuses(await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.username, `Wrong#Pass${i}x`, { ip: '203.0.113.9' }))));
    expect(count(attacks, 401)).toBeLessThanOrEqual(THRESHOLD);
    expect(count(attacks, 423)).toBeGreaterThanOrEqual(12 - THRESHOLD);

    expect((await attempt(user.username, USER_PASSWORD)).statusCode).toBe(423);
    expect((await attempt(user.username, USER_PASSWORD, { device: othersDevice })).statusCode).toBe(423); // another user's device
    expect((await attempt(user.username, USER_PASSWORD, { device: 'x'.repeat(43) })).statusCode).toBe(423); // a forged one
    const owner = await attempt(user.username, USER_PASSWORD, { device });
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.username).toBe(user.username);
    // The owner's success does not lift the lock the others caused.
    expect((await attempt(user.username, USER_PASSWORD)).statusCode).toBe(423);
  });

  it('has its own threshold: failures from the device lock the device, not the account', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const device = (await signIn(user.username)).value;
    for (let i = 0; i < THRESHOLD; i++) expect((await attempt(user.username, 'Wrong#Pass1x', { device })).statusCode).toBe(401);
    expect((await attempt(user.username, USER_PASSWORD, { device })).statusCode).toBe(423);
    expect((await attempt(user.username, USER_PASSWORD)).statusCode).toBe(200); // the username itself was not locked
  });

  it('an unlock by an administrator lifts the locks of the username and of the devices', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const device = (await signIn(user.username)).value;
    for (let i = 0; i < THRESHOLD; i++) {
      await attempt(user.username, 'Wrong#Pass1x');
      await attempt(user.username, 'Wrong#Pass1x', { device });
    }
    const admin = await env.loginAdmin();
    expect((await admin.get(`/api/users/${user.id}`)).json().lockedUntil).toEqual(expect.any(String));
    expect((await admin.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(204);
    expect((await admin.get(`/api/users/${user.id}`)).json().lockedUntil).toBeNull();
    expect((await attempt(user.username, USER_PASSWORD, { device })).statusCode).toBe(200);
    expect((await attempt(user.username, USER_PASSWORD)).statusCode).toBe(200);
  });
});
