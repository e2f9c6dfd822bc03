import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from './test/app.js';

const env = useTestEnv();

describe('the HTTP app', () => {
  it('answers health without login, naming the database', async () => {
    const res = await env.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document and its UI without login', async () => {
    const doc = await env.app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/orgs', '/api/users', '/api/audit', '/api/calendar/add-working-days']));
    expect(spec.paths['/api/users'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect((await env.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('declares request and response schemas on every API route', async () => {
    const spec = (await env.app.inject({ url: '/api/docs/json' })).json();
    for (const [path, ops] of Object.entries<Record<string, { responses?: object }>>(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) expect(op.responses, `${method} ${path}`).toBeDefined();
    }
  });

  it('answers unknown API paths with the error shape', async () => {
    const res = await env.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('lists with items and total and caps pageSize at 500', async () => {
    const c = await env.loginAdmin();
    const page = (await c.get('/api/orgs?page=1&pageSize=3')).json();
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(3);
    expect((await c.get('/api/orgs?pageSize=501')).json().error.code).toBe('VALIDATION');
    expect(typeof page.items[0].id).toBe('string');
  });
});

describe('deny by default', () => {
  it('refuses to register an API route that declares no access rule', async () => {
    const { buildApp } = await import('./app.js');
    const { app } = await buildApp({ config: env.config, database: env.database, services: env.services });
    expect(() => app.get('/api/unguarded', async () => ({ secret: true }))).toThrow(/declares no access rule/);
    await app.close();
  });

  it('hides unexpected errors: no SQL, no stack', async () => {
    const { buildApp } = await import('./app.js');
    const { app } = await buildApp({ config: env.config, database: env.database, services: env.services });
    app.get('/api/boom', { config: { access: 'public' } }, async () => {
      await env.database.executeSql('select * from no_such_table');
    });
    const res = await app.inject({ url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(res.body).not.toMatch(/no_such_table|select|at /i);
    await app.close();
  });
});

describe('web UI', () => {
  it('serves files, the page for client-side routes, and real 404s for missing files and API paths', async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>质监</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    const { buildApp } = await import('./app.js');
    const { app } = await buildApp({ config: { ...env.config, webDir }, database: env.database, services: env.services });
    expect((await app.inject({ url: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    for (const page of ['/', '/orgs', '/keys?x=1', '/api-keys']) {
      const res = await app.inject({ url: page });
      expect(res.statusCode, page).toBe(200);
      expect(res.body).toContain('质监');
    }
    expect((await app.inject({ url: '/assets/gone.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/gone' })).json().error.code).toBe('NOT_FOUND');
    await app.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });
});
