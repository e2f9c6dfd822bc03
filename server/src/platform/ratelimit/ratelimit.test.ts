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

  it('counts a burst over several keys and windows exactly, in arrival order, however the hits are batched', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => ['test:burst:a', 'test:burst:b', 'test:burst:c'][i % 3]!);
    const results = await Promise.all(keys.map((key, i) => limiter.hit(key, 60, i % 2 ? 60_000 : 30_000)));
    for (const key of new Set(keys)) {
      const own = results.filter((_, i) => keys[i] === key);
      expect(own.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(own.filter((r) => r.allowed)).toHaveLength(60);
    }
    // Hits of one key within one batch keep their order: the first callers are the ones let through.
    const ordered = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('test:burst:order', 5, 60_000)));
    expect(ordered.map((r) => r.allowed)).toEqual(Array.from({ length: 20 }, (_, i) => i < 5));
  });
});
