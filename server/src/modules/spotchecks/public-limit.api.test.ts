import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';

/**
 * Issue 19's contract: `GET /api/public/spotcheck-results` is open without login and rate-limited;
 * so are the module's other public routes (bulletins, institutions' choices, draws). With a budget
 * of 5 per client: 5 answers, then 429 RATE_LIMITED with Retry-After; another client keeps its own.
 */
const LIMIT = 5;
const env = useTestEnv({ publicRateLimit: LIMIT });
const NONE = '00000000-0000-4000-8000-000000000000';
let client = 20;

describe('the spot-check public routes are rate-limited per client', () => {
  it.each([
    '/api/public/spotcheck-results?uscc=91320826MA1XXXXX0X&productCode=RY-001&year=2026',
    '/api/public/spotcheck-bulletins',
    `/api/public/spotcheck-bulletins/${NONE}`,
    '/api/public/spotcheck-selections',
    '/api/public/spotcheck-draws',
    `/api/public/spotcheck-draws/${NONE}`,
  ])('%s: no login; 429 once the budget is spent', async (url) => {
    const address = `203.0.113.${++client}`; // one client per route: draws' list and record share a budget
    const statuses: number[] = [];
    let last;
    for (let i = 0; i <= LIMIT; i++) {
      last = await env.app.inject({ url, remoteAddress: address });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, LIMIT).every((s) => s === 200 || s === 404), statuses.join()).toBe(true);
    expect(last!.statusCode).toBe(429);
    expect(last!.json().error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await env.app.inject({ url, remoteAddress: '198.51.100.9' })).statusCode).not.toBe(429);
  });
});
