import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { SCHEMES, operationIdOf, platformErrorsOf, securityOf } from './openapi.js';

const env = useTestEnv();

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { $ref?: string }>;
}
interface Doc {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>; responses: Record<string, unknown> };
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);
const docPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

async function operations() {
  const doc = (await env.app.inject({ url: '/api/docs/json' })).json<Doc>();
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  return { doc, ops };
}

describe('the OpenAPI document (issue 14 item 7)', () => {
  it('gives every operation a summary, tags, an operationId and a security declaration', async () => {
    const { doc, ops } = await operations();
    expect(ops.length).toBeGreaterThan(100);
    const declaredTags = new Set(doc.tags?.map((t) => t.name));
    expect(ops.filter(({ op }) => !op.summary?.trim()).map(({ method, path }) => `${method} ${path}`), 'operations without a summary').toEqual([]);
    for (const { path, method, op } of ops) {
      const where = `${method} ${path}`;
      expect(op.tags?.length, `${where}: tags`).toBeGreaterThan(0);
      for (const tag of op.tags!) expect(declaredTags.has(tag), `${where}: tag ${tag} is listed with the document's tags`).toBe(true);
      expect(op.operationId, `${where}: operationId`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(Array.isArray(op.security), `${where}: security`).toBe(true);
      for (const req of op.security!) for (const name of Object.keys(req)) expect(doc.components.securitySchemes[name], `${where}: scheme ${name}`).toBeDefined();
    }
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('declares the real mechanisms: the session cookie, its CSRF header, a bearer API key', async () => {
    const { doc } = await operations();
    expect(doc.components.securitySchemes[SCHEMES.session]).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'zj_session' });
    expect(doc.components.securitySchemes[SCHEMES.csrf]).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    expect(doc.components.securitySchemes[SCHEMES.apiKey]).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('derives each operation’s security from its route’s access rule', async () => {
    const { doc } = await operations();
    let checked = 0;
    for (const route of env.app.routeTable) {
      if (!route.access || route.method === 'HEAD') continue;
      const op = doc.paths[docPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url} is in the document`).toBeDefined();
      const where = `${route.method} ${route.url}`;
      checked++;
      if (route.access === 'public') {
        expect(op!.security, where).toEqual([]);
        continue;
      }
      expect(op!.security!.length, where).toBeGreaterThan(0);
      expect(op!.responses['401'], `${where}: 401`).toEqual({ $ref: '#/components/responses/Unauthenticated' });
      for (const req of op!.security!) {
        // A session on an unsafe method needs the CSRF header as well (the access hook checks it).
        if (SCHEMES.session in req) expect(SCHEMES.csrf in req, `${where}: ${JSON.stringify(req)}`).toBe(UNSAFE.has(route.method.toLowerCase()));
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('documents error responses as references to the one error shape', async () => {
    const { doc, ops } = await operations();
    // Open311 answers its errors in the GeoReport v2 shape the spec fixes (complaints/open311/README.md), not in ours.
    for (const { path, method, op } of ops.filter((o) => !o.path.startsWith('/open311/'))) {
      const errors = Object.entries(op.responses).filter(([code]) => /^[45]/.test(code));
      expect(errors.length, `${method} ${path}: a 4XX response`).toBeGreaterThan(0);
      for (const [code, response] of errors) {
        expect(response.$ref, `${method} ${path} ${code}`).toMatch(/^#\/components\/responses\//);
        expect(doc.components.responses[response.$ref!.split('/').pop()!], `${method} ${path} ${code}`).toBeDefined();
      }
      if (path.includes('{')) expect(op.responses['404'], `${method} ${path}: 404`).toBeDefined();
    }
  });

  it('answers the documented 400 even on a route without parameters (any query string is checked)', async () => {
    const res = await env.app.inject({ url: '/api/health?x=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('answers the documented 401 and 403 (CSRF) in the error shape', async () => {
    const anonymous = await env.app.inject({ url: '/api/orgs' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const admin = await env.loginAdmin();
    const noCsrf = await env.app.inject({ method: 'POST', url: '/api/orgs', cookies: { zj_session: admin.cookie! }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF');
  });
});

describe('the rules behind it', () => {
  it('names operations after method and path', () => {
    expect(operationIdOf('get', '/api/orgs/{id}')).toBe('getOrgsById');
    expect(operationIdOf('post', '/api/licences/{id}/transitions/{requestId}/approve')).toBe('postLicencesByIdTransitionsByRequestIdApprove');
    expect(operationIdOf('get', '/api/calendar/add-working-days')).toBe('getCalendarAddWorkingDays');
  });

  it('asks CSRF of sessions on unsafe methods only, and nothing of public routes', () => {
    expect(securityOf('public', ['POST'])).toEqual([]);
    expect(securityOf('authenticated', ['GET'])).toEqual([{ session: [] }, { apiKey: [] }]);
    expect(securityOf('org.write', ['PATCH'])).toEqual([{ session: [], csrf: [] }, { apiKey: [] }]);
    expect(securityOf('authenticated', ['POST'], [{ session: [] }])).toEqual([{ session: [], csrf: [] }]);
  });

  it('lists the errors the platform itself can answer', () => {
    expect(platformErrorsOf('public', ['GET'], '/api/health', false)).toEqual(['400']);
    expect(platformErrorsOf('org.read', ['GET'], '/api/orgs/:id', false)).toEqual(['400', '401', '403', '404']);
    expect(platformErrorsOf('authenticated', ['GET'], '/api/auth/session', true)).toEqual(['400', '401']);
    expect(platformErrorsOf('authenticated', ['POST'], '/api/auth/password', true)).toEqual(['400', '401', '403']);
  });

  it('declares If-Match on every change that can answer 412 (issue 11 item 8)', async () => {
    const { ops } = await operations();
    const versioned = ops.filter(({ op }) => '412' in op.responses);
    expect(versioned.length).toBeGreaterThan(20);
    const without = versioned.filter(({ op }) => !op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'));
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });
});
