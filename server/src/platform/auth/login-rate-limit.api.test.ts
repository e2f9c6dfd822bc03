import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, useTestEnv } from '../../test/app.js';
import { loginGuards } from './auth.schema.js';
import { DEVICE_COOKIE } from './devices.js';

/** Issue 11 item 3: POST /api/auth/login is rate-limited per client IP and per username (or trusted device). */
const PER_IP = 6;
const PER_USER = 3;
const env = useTestEnv({ loginRateLimit: { perIp: PER_IP, perUser: PER_USER } });

const attempt = (username: string, password: string, ip: string, device?: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, cookies: device ? { [DEVICE_COOKIE]: device } : undefined });

let ipSeq = 0;
/** A client address no other test used. */
const freshIp = () => `198.51.100.${++ipSeq}`;

describe('login rate limits', () => {
  it('per username: the attempt over the limit answers 429 RATE_LIMITED with Retry-After, whatever the IP', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    for (let i = 0; i < PER_USER; i++) expect((await attempt(user.username, 'Wrong#Pass1x', freshIp())).statusCode).toBe(401);
    const limited = await attempt(user.username, USER_PASSWORD, freshIp());
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A refused attempt is not a failure: the guard holds only the three counted ones.
    const [guard] = await env.db.select().from(loginGuards).where(eq(loginGuards.key, `user:${user.username}`));
    expect(guard!.failures).toHaveLength(PER_USER);
    // Other usernames are not affected.
    const other = await env.makeUser({ roles: ['inspector'] });
    expect((await attempt(other.username, USER_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('per username also for unknown names, and the username is compared lower-case', async () => {
    const name = `ghost${Date.now().toString(36)}`;
    for (let i = 0; i < PER_USER; i++) expect((await attempt(i % 2 ? name.toUpperCase() : name, 'Wrong#Pass1x', freshIp())).statusCode).toBe(401);
    expect((await attempt(` ${name.toUpperCase()}`, 'Wrong#Pass1x', freshIp())).statusCode).toBe(429);
  });

  it('per IP: one client trying many usernames is refused after the limit; another client is not', async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_IP; i++) expect((await attempt(`spray${i}${Date.now().toString(36)}`, 'Summer#2026x', ip)).statusCode).toBe(401);
    const limited = await attempt(`spray-last${Date.now().toString(36)}`, 'Summer#2026x', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const user = await env.makeUser({ roles: ['inspector'] });
    expect((await attempt(user.username, USER_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('a trusted device has its own count: others exhausting the username’s limit do not shut its owner out', async () => {
    const user = await env.makeUser({ roles: ['inspector'] });
    const signedIn = await attempt(user.username, USER_PASSWORD, freshIp());
    const device = signedIn.cookies.find((c) => c.name === DEVICE_COOKIE)!.value;
    for (let i = 0; i < PER_USER + 2; i++) await attempt(user.username, 'Wrong#Pass1x', freshIp());
    expect((await attempt(user.username, USER_PASSWORD, freshIp())).statusCode).toBe(429);
    expect((await attempt(user.username, USER_PASSWORD, freshIp(), device)).statusCode).toBe(200);
  });
});
