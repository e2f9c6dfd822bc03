import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { openTestDatabase } from '../../test/database.js';
import { rateLimits } from './ratelimit.schema.js';
import { type RateLimiter, makeRateLimiter } from './ratelimit.service.js';

let database: Database;
let limiter: RateLimiter;
beforeAll(async () => {
  database = await openTestDatabase();
  limiter = makeRateLimiter(database);
});
afterAll(() => database?.close());

describe('rate limiter', () => {
  it('allows `limit` hits per window, then refuses with the seconds left in the window', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('test:a', 3, 60_000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.hits)).toEqual([1, 2, 3, 4]);
    expect(results[0]!.retryAfterSeconds).toBe(0);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.hit('test:b', 3, 60_000)).allowed).toBe(true); // keys are independent
  });

  it('counts parallel hits exactly (one atomic statement)', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => limiter.hit('test:parallel', 10, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('starts afresh once the window that opened with the first hit has ended; purge removes the counters of ended windows', async () => {
    for (let i = 0; i < 3; i++) await limiter.hit('test:window', 2, 60_000);
    expect((await limiter.hit('test:window', 2, 60_000)).allowed).toBe(false);
    // Move the stored window two minutes into the past: the next hit opens a new one.
    await database.db.execute(sql`update ${rateLimits} set window_start = window_start - interval '2 minutes', expires_at = expires_at - interval '2 minutes' where key = 'test:window'`);
    expect(await limiter.hit('test:window', 2, 60_000)).toMatchObject({ allowed: true, hits: 1 });
    await database.db.execute(sql`update ${rateLimits} set expires_at = now() - interval '1 second' where key = 'test:b'`);
    expect(await limiter.purge()).toBe(1);
    expect((await database.db.select().from(rateLimits)).map((r) => r.key).sort()).toEqual(['test:a', 'test:parallel', 'test:window']);
  });
});
