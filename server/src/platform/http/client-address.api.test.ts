import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { randomUscc } from '../../modules/enterprises/testing.js';
import { ADMIN_PASSWORD, createTestEnv, useTestEnv } from '../../test/app.js';

/** The reverse proxy the tests pretend to be; every other peer is a client talking to us directly. */
const PROXY = '10.0.0.5';
const env = useTestEnv({ trustProxy: [PROXY, '192.168.10.0/24'], publicRateLimit: 60 });

/** Registers an enterprise as admin from `remoteAddress` with the given headers; returns the audit event's IP. */
async function auditedIp(remoteAddress: string, headers: Record<string, string>) {
  const session = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
  const cookies = { zj_session: session.cookies.find((c) => c.name === 'zj_session')!.value };
  const uscc = randomUscc();
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/enterprises',
    payload: { uscc, name: `来源测试${uscc.slice(-4)}有限公司`, regionCode: '320826' },
    cookies,
    headers: { 'x-csrf-token': session.json().csrfToken, ...headers },
    remoteAddress,
  });
  expect(created.statusCode).toBe(201);
  const audit = await env.app.inject({ url: `/api/audit?target=${uscc}`, cookies });
  return audit.json().items[0].ip as string;
}

/** Issue 11 item 9: only the configured proxies' X-Forwarded-For is believed. */
describe('ZJ_TRUST_PROXY', () => {
  it('takes a list of addresses and CIDRs; empty or false trusts nobody', () => {
    expect(loadConfig({ ZJ_TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1' }).trustProxy).toEqual(['10.0.0.5', '192.168.1.0/24', '::1']);
    expect(loadConfig({ ZJ_TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ ZJ_TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
  });

  it('refuses a legacy `true` at start, telling to list the proxy addresses', () => {
    for (const value of ['true', 'TRUE', '1', 'yes']) {
      expect(() => loadConfig({ ZJ_TRUST_PROXY: value }), value).toThrow(/list the reverse proxy's addresses/);
    }
  });

  it('refuses entries that are not addresses or CIDRs', () => {
    for (const value of ['proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/2', '10.0.0.256', ' , ']) {
      expect(() => loadConfig({ ZJ_TRUST_PROXY: value }), value).toThrow(/ZJ_TRUST_PROXY/);
    }
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: the audit IP is the real one', async () => {
    expect(await auditedIp('203.0.113.40', { 'x-forwarded-for': '1.2.3.4' })).toBe('203.0.113.40');
  });

  it('believes the trusted proxy (an address or within a CIDR), taking the last untrusted hop', async () => {
    expect(await auditedIp(PROXY, { 'x-forwarded-for': '198.51.100.23' })).toBe('198.51.100.23');
    // A client that sends its own X-Forwarded-For through the proxy cannot choose its address.
    expect(await auditedIp('192.168.10.7', { 'x-forwarded-for': '1.2.3.4, 198.51.100.24' })).toBe('198.51.100.24');
  });

  it('limits 300 public lookups from one untrusted client to 60 a minute, whatever X-Forwarded-For it sends', async () => {
    const uscc = randomUscc();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await env.app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.41', headers: { 'x-forwarded-for': `100.64.${i >> 8}.${i & 255}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s !== 429)).toHaveLength(60);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
  });

  it('answers 429 with Retry-After once the budget is spent, on the public inspection results too', async () => {
    let last = await env.app.inject({ url: '/api/public/inspection-results', remoteAddress: '203.0.113.42' });
    for (let i = 1; i <= 60; i++) last = await env.app.inject({ url: '/api/public/inspection-results', remoteAddress: '203.0.113.42', headers: { 'x-forwarded-for': `100.65.0.${i}` } });
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another client still has its own budget.
    expect((await env.app.inject({ url: '/api/public/inspection-results', remoteAddress: '203.0.113.43' })).statusCode).toBe(200);
  });

  it('limits the public draw list and records per client as well', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await env.app.inject({ url: i % 2 ? '/api/public/draws' : '/api/public/draws/00000000-0000-4000-8000-000000000000', remoteAddress: '203.0.113.44' })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s !== 429)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  // Two processes on one database share the counters: PostgreSQL only (PGlite serves one process).
  it.runIf(!!process.env.TEST_DATABASE_URL)('two app instances on one database share the 60/min limit', async () => {
    const second = await createTestEnv({ trustProxy: [PROXY], publicRateLimit: 60 }, env.database);
    try {
      const uscc = randomUscc();
      const statuses: number[] = [];
      for (let i = 0; i < 150; i++) {
        const app = i % 2 === 0 ? env.app : second.app;
        statuses.push((await app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.44' })).statusCode);
      }
      expect(statuses.filter((s) => s !== 429)).toHaveLength(60);
    } finally {
      await second.close();
    }
  });
});
