import { describe, expect, it } from 'vitest';
import { roles } from '../access/access.schema.js';
import { useTestEnv } from '../../test/app.js';
import { randomUscc } from '../../modules/enterprises/testing.js';
import { buildApp } from '../../app.js';

const env = useTestEnv();

/** Issue 11 item 10: input the database cannot take answers 4xx, never 500. */
describe('input the database refuses', () => {
  it('refuses a NUL character in a body field with 400 VALIDATION naming the field', async () => {
    const c = await env.loginAdmin();
    const res = await c.post('/api/enterprises', { uscc: randomUscc(), name: '某\u0000公司', regionCode: '320826' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'name', rule: 'nul' }] });
    const nested = await c.post('/api/enterprises', { uscc: randomUscc(), name: '某公司', regionCode: '320826', contacts: [{ name: '李\u0000娟' }] });
    expect(nested.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'contacts.0.name' }] });
  });

  it('refuses a NUL character in the query (`q`), the path and the login name', async () => {
    const c = await env.loginAdmin();
    const q = await c.get('/api/enterprises?q=%E6%9F%90%00');
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'q' }] });
    const param = await c.get('/api/enterprises/9132%0026');
    expect(param.statusCode).toBe(400);
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'username' }] });
    const publicLookup = await env.app.inject({ url: '/api/public/enterprises/%00', remoteAddress: '198.51.100.77' });
    expect(publicLookup.statusCode).toBe(400);
  });

  it('answers a path segment over 100 characters and a malformed escape in the documented shape (414 URI_TOO_LONG, 400 BAD_REQUEST)', async () => {
    const c = await env.loginAdmin();
    const long = await c.get(`/api/enterprises/${'9'.repeat(101)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'URI_TOO_LONG', message: expect.any(String) } });
    const publicLong = await env.app.inject({ url: `/api/public/enterprises/${'x'.repeat(300)}`, remoteAddress: '198.51.100.78' });
    expect(publicLong.statusCode).toBe(414);
    expect(publicLong.json().error.code).toBe('URI_TOO_LONG');
    const badEscape = await c.get('/api/enterprises/%E6%9F');
    expect(badEscape.statusCode).toBe(400);
    expect(badEscape.json().error.code).toMatch(/^(BAD_REQUEST|VALIDATION|NOT_FOUND)$/);
  });

  it('refuses a page number past any register (?page=1e20) with 400 VALIDATION', async () => {
    const c = await env.loginAdmin();
    for (const url of ['/api/enterprises?page=1e20', '/api/orgs?page=1e20', '/api/licences?page=99999999999', '/api/audit?page=1e308']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION');
    }
    expect((await c.get('/api/enterprises?page=1000000')).statusCode).toBe(200);
  });

  it('maps a PostgreSQL error wrapped by Drizzle (the SQLSTATE on err.cause): unique → 409 CONFLICT, NUL or out of range → 400', async () => {
    const { app } = await buildApp({ config: env.config, database: env.database, services: env.services });
    app.post('/api/test/duplicate-role', { config: { access: 'public' } }, async () => {
      await env.db.insert(roles).values({ key: 'admin', name: 'again', permissions: [], dataScope: 'self' });
    });
    app.post('/api/test/nul-text', { config: { access: 'public' } }, async () => {
      await env.db.insert(roles).values({ key: 'r_nul', name: 'a\u0000b', permissions: [], dataScope: 'self' });
    });
    app.get('/api/test/out-of-range', { config: { access: 'public' } }, async () => {
      await env.db.select().from(roles).limit(1).offset(1e20);
    });
    const dup = await app.inject({ method: 'POST', url: '/api/test/duplicate-role' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    const nul = await app.inject({ method: 'POST', url: '/api/test/nul-text' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('VALIDATION');
    const range = await app.inject({ url: '/api/test/out-of-range' });
    expect(range.statusCode).toBe(400);
    expect(range.body).not.toMatch(/select|offset|bigint/i);
    await app.close();
  });

  it('answers concurrent registrations of one code with one 201 and 409s, never 500', async () => {
    const c = await env.loginAdmin();
    const uscc = randomUscc();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.post('/api/enterprises', { uscc, name: `并发企业${i}有限公司`, regionCode: '320826' })));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
  });
});
