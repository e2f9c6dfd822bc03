import type { Database } from '../../db/client.js';
import { AppError } from '../http/errors.js';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the current window ends (0 when allowed). */
  retryAfterSeconds: number;
  /** Hits in the current window, this one included. */
  hits: number;
}

/**
 * One statement, atomic on both engines. A window opens at a key's first hit and lasts `windowMs`
 * (times from the database's clock, so every process agrees); a hit after it ended opens the next.
 * Hot path (every login, public lookups): a named prepared statement, no query building.
 */
const HIT_SQL = `
insert into rate_limits as r (key, window_start, hits, expires_at)
values ($1::text, clock_timestamp(), 1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
on conflict (key) do update set
  hits = case when r.expires_at <= excluded.window_start then 1 else r.hits + 1 end,
  window_start = case when r.expires_at <= excluded.window_start then excluded.window_start else r.window_start end,
  expires_at = case when r.expires_at <= excluded.window_start then excluded.expires_at else r.expires_at end
returning hits, greatest(1, ceil(extract(epoch from r.expires_at - clock_timestamp())))::int as retry_after`;

/**
 * Fixed-window rate limits kept in the database, so that several processes on one PostgreSQL
 * share them (PGlite: one process anyway). Keys are free text; prefix them with their use
 * (`login:ip:…`, `public:ip:…`). Rows of past windows are removed by `purge` (a scheduled job).
 */
export function makeRateLimiter(database: Database) {
  const hitStatement = database.prepare<{ hits: number; retry_after: number }>('ratelimit_hit', HIT_SQL);

  return {
    /** Counts one hit on `key`; `allowed` is false once more than `limit` hits fall in the window of `windowMs`. */
    async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
      const [row] = await hitStatement([key, windowMs]);
      const hits = row!.hits;
      const allowed = hits <= limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : row!.retry_after, hits };
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
