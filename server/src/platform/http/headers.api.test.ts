import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../config.js';
import { ADMIN_PASSWORD, useTestEnv } from '../../test/app.js';

/** The reverse proxy the tests pretend to be; every other peer is an untrusted client. */
const PROXY = '10.0.0.5';
const env = useTestEnv({ trustProxy: [PROXY] });

const login = (headers: Record<string, string>, remoteAddress: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers, remoteAddress });
const sessionCookie = (res: Awaited<ReturnType<typeof login>>) => res.cookies.find((c) => c.name === 'zj_session');

/** Issue 11 item 11: response headers and the session cookie's Secure flag. */
describe('security headers', () => {
  it('sends a CSP without inline or eval scripts, nosniff, a referrer policy and no framing on every response', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/api/docs', '/api/docs/json', '/some/page']) {
      const res = await env.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1];
      expect(scriptSrc, url).toBe("'self'");
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp, url).toMatch(/object-src 'none'/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('serves pages whose scripts are all files, which script-src self allows (the web app and the API browser)', async () => {
    const scriptsOf = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    const pages = [fs.readFileSync(path.join(ROOT_DIR, 'web/index.html'), 'utf8'), (await env.app.inject({ url: '/api/docs' })).body];
    const built = path.join(ROOT_DIR, 'web/dist/index.html');
    if (fs.existsSync(built)) pages.push(fs.readFileSync(built, 'utf8'));
    for (const html of pages) {
      expect(scriptsOf(html).length).toBeGreaterThan(0);
      for (const [, attrs, body] of scriptsOf(html)) {
        expect(attrs).toMatch(/\bsrc=/);
        expect(body!.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it('sends HSTS only when the request came over HTTPS through the trusted proxy', async () => {
    const viaProxy = await env.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: PROXY });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    const plain = await env.app.inject({ url: '/api/health', remoteAddress: PROXY });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const spoofed = await env.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '203.0.113.20' });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('the session cookie', () => {
  it('is Secure when the login came over HTTPS through the trusted proxy, not over plain HTTP', async () => {
    const https = await login({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.8' }, PROXY);
    expect(https.statusCode).toBe(200);
    expect(sessionCookie(https)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    const http = await login({}, PROXY);
    expect(sessionCookie(http)?.secure).toBeFalsy();
  });

  it('ignores X-Forwarded-Proto from a peer that is not the trusted proxy', async () => {
    const res = await login({ 'x-forwarded-proto': 'https' }, '203.0.113.21');
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)?.secure).toBeFalsy();
  });

  it('is Secure on every login when ZJ_COOKIE_SECURE forces it, and when cleared at logout over HTTPS', async () => {
    const { createTestEnv } = await import('../../test/app.js');
    const forced = await createTestEnv({ cookieSecure: true }, env.database);
    try {
      const res = await forced.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(sessionCookie(res)?.secure).toBe(true);
    } finally {
      await forced.close();
    }
    const https = await login({ 'x-forwarded-proto': 'https' }, PROXY);
    const out = await env.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { zj_session: sessionCookie(https)!.value },
      headers: { 'x-csrf-token': https.json().csrfToken, 'x-forwarded-proto': 'https' },
      remoteAddress: PROXY,
    });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)).toMatchObject({ value: '', secure: true });
  });
});
