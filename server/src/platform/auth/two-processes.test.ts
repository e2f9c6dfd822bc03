import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.js';
import { ADMIN_PASSWORD, USER_PASSWORD, type TestEnv, createTestEnv } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';

/**
 * Two app processes on one PostgreSQL database (two pools, two sets of services): they share the
 * lockout, the login rate limits and the sessions. PGlite is one process by nature: skipped.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const PER_IP = 5;

describe.skipIf(!onPostgres)('two processes on one database', () => {
  let scratch: Awaited<ReturnType<typeof openTestDatabase>>;
  let second: Database;
  let one: TestEnv;
  let two: TestEnv;

  beforeAll(async () => {
    scratch = await openTestDatabase();
    second = await openDatabase({ databaseUrl: scratch.url });
    const overrides = { loginRateLimit: { perIp: PER_IP, perUser: 1_000_000 } };
    one = await createTestEnv(overrides, scratch);
    two = await createTestEnv(overrides, second);
  }, 120_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await second?.close();
    await scratch?.close();
  });

  let ipSeq = 0;
  const attempt = (env: TestEnv, username: string, password: string, ip = `192.0.2.${++ipSeq % 250}`) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const count = (list: LightMyRequestResponse[], status: number) => list.filter((r) => r.statusCode === status).length;

  it('share the lockout: 30 parallel wrong passwords through both lock after the threshold, none 500', { timeout: 60_000 }, async () => {
    const user = await one.makeUser({ roles: ['inspector'] });
    const list = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i % 2 ? one : two, user.username, `Wrong#Pass${i}x`, `192.0.2.${i + 1}`)));
    expect(count(list, 500)).toBe(0);
    expect(count(list, 401)).toBeLessThanOrEqual(5);
    expect(count(list, 401) + count(list, 423)).toBe(30);
    expect((await attempt(one, user.username, USER_PASSWORD, '192.0.2.201')).statusCode).toBe(423);
    expect((await attempt(two, user.username, USER_PASSWORD, '192.0.2.202')).statusCode).toBe(423);
  });

  it('share the login rate limit per IP', async () => {
    const list: LightMyRequestResponse[] = [];
    for (let i = 0; i < PER_IP + 3; i++) list.push(await attempt(i % 2 ? one : two, `spray${i}x${Date.now().toString(36)}`, 'Summer#2026x', '203.0.113.77'));
    expect(list.map((r) => r.statusCode)).toEqual([...Array(PER_IP).fill(401), 429, 429, 429]);
  });

  it('end a disabled user’s session on the other process at once', async () => {
    const user = await one.makeUser({ roles: ['inspector'] });
    const c = await two.login(user.username);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    const admin = await one.loginAdmin();
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('end every session of a user whose password an administrator reset on the other process at once', async () => {
    // Signed in from addresses of their own: the per-IP limit of this file is small.
    const signIn = async (env: TestEnv, username: string, password: string, ip: string) => {
      const res = await attempt(env, username, password, ip);
      expect(res.statusCode, res.body).toBe(200);
      return env.client({ cookie: res.cookies.find((c) => c.name === 'zj_session')!.value, csrfToken: res.json().csrfToken as string });
    };
    const user = await one.makeUser({ roles: ['inspector'] });
    const onTwo = await signIn(two, user.username, USER_PASSWORD, '198.51.100.1');
    const onOne = await signIn(one, user.username, USER_PASSWORD, '198.51.100.2');
    expect((await onTwo.get('/api/auth/session')).statusCode).toBe(200);
    const admin = await signIn(one, 'admin', ADMIN_PASSWORD, '198.51.100.3');
    expect((await admin.post(`/api/users/${user.id}/reset-password`, { password: 'Reset#Pass2026', mustChangePassword: false })).statusCode).toBe(204);
    expect((await onTwo.get('/api/auth/session')).statusCode).toBe(401);
    expect((await onOne.get('/api/auth/session')).statusCode).toBe(401);
    await signIn(two, user.username, 'Reset#Pass2026', '198.51.100.4');
  });
});
