import type { Database } from '../../db/client.js';
import { coalescedLoader } from '../../db/coalesced-loader.js';
import { AppError } from '../http/errors.js';

/** A hit as counted: the key's hits in its window up to this one, and the window's remaining seconds. */
interface CountedHit {
  hits: number;
  retryAfter: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the current window ends (0 when allowed). */
  retryAfterSeconds: number;
  /** Hits in the current window, this one included. */
  hits: number;
}

/**
 * One statement for a batch of hits, atomic on both engines. A window opens at a key's first hit
 * and lasts `windowMs` (times from the database's clock, so every process agrees); a hit after it
 * ended opens the next. Each key's hits of the batch are added at once (`n`), so one statement
 * serves many concurrent requests even when they share a key (one client's burst, a NAT).
 * Hot path (every login, public lookups): a named prepared statement, no query building.
 */
const HIT_SQL = `
insert into rate_limits as r (key, window_start, hits, expires_at)
select key, clock_timestamp(), n, clock_timestamp() + make_interval(secs => $2::float8 / 1000)
from (select key, count(*)::int as n from unnest($1::text[]) as key group by key order by key) batch
on conflict (key) do update set
  hits = case when r.expires_at <= excluded.window_start then excluded.hits else r.hits + excluded.hits end,
  window_start = case when r.expires_at <= excluded.window_start then excluded.window_start else r.window_start end,
  expires_at = case when r.expires_at <= excluded.window_start then excluded.expires_at else r.expires_at end
returning key, hits, greatest(1, ceil(extract(epoch from r.expires_at - clock_timestamp())))::int as retry_after`;

interface HitRow {
  key: string;
  hits: number;
  retry_after: number;
}

/**
 * Fixed-window rate limits kept in the database, so that several processes on one PostgreSQL
 * share them (PGlite: one process anyway). Keys are free text; prefix them with their use
 * (`login:ip:…`, `public:ip:…`). Concurrent hits share a statement (`coalescedLoader`): without
 * that, a burst on one key queues every request behind that key's row lock, one round trip each.
 * Every hit is still counted exactly, in arrival order. Rows of past windows are removed by
 * `purge` (a scheduled job).
 */
export function makeRateLimiter(database: Database) {
  const hitStatement = database.prepare<HitRow>('ratelimit_hit', HIT_SQL);
  const loaders = new Map<number, (key: string) => Promise<CountedHit | null>>();
  const loaderFor = (windowMs: number) => {
    let loader = loaders.get(windowMs);
    if (!loader) {
      loader = coalescedLoader((keys) => hitBatch(keys, windowMs), { inFlight: database.kind === 'pglite' ? 1 : 4, maxBatch: 500 });
      loaders.set(windowMs, loader);
    }
    return loader;
  };

  /** Counts every hit of the batch; the i-th hit of a key (in batch order) gets that key's count before the batch plus i. */
  async function hitBatch(keys: readonly string[], windowMs: number): Promise<CountedHit[]> {
    const rows = await hitStatement([keys, windowMs]);
    const after = new Map(rows.map((r) => [r.key, r]));
    const seen = new Map<string, number>();
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
    const position = new Map<string, number>();
    return keys.map((key) => {
      const row = after.get(key)!;
      const i = (position.get(key) ?? 0) + 1;
      position.set(key, i);
      return { hits: row.hits - seen.get(key)! + i, retryAfter: row.retry_after };
    });
  }

  return {
    /** Counts one hit on `key`; `allowed` is false once more than `limit` hits fall in the window of `windowMs`. */
    async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
      const { hits, retryAfter } = (await loaderFor(windowMs)(key))!;
      const allowed = hits <= limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : retryAfter, hits };
    },

    /** Deletes the counters of windows that have ended; returns how many. */
    async purge(): Promise<number> {
      const { rows } = await database.executeSql('with gone as (delete from rate_limits where expires_at < clock_timestamp() returning 1) select count(*)::int as n from gone');
      return (rows[0] as { n: number } | undefined)?.n ?? 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof makeRateLimiter>;

/** The 429 answer of a refused hit; routes also send `Retry-After` (see `retryAfterOf`). */
export function rateLimited(result: RateLimitResult, message = `请求过于频繁，请 ${result.retryAfterSeconds} 秒后再试`): AppError {
  return new AppError('RATE_LIMITED', message, 429, { retryAfterSeconds: result.retryAfterSeconds });
}

/** The seconds to put in `Retry-After` when `err` is a RATE_LIMITED error from `rateLimited`. */
export function retryAfterOf(err: unknown): number | undefined {
  if (!(err instanceof AppError) || err.code !== 'RATE_LIMITED') return undefined;
  return (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
}
