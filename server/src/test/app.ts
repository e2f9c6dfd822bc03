import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, makeServices } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Actor } from '../platform/access/actor.js';
import { ADMIN_PASSWORD, USER_PASSWORD, fitsBootstrappedSnapshot, testConfig } from './config.js';
import { openTestDatabase } from './database.js';

export { ADMIN_PASSWORD, TEST_LOGIN_RATE_LIMIT, TEST_SECRET_KEY, USER_PASSWORD } from './config.js';

/** A test file's database and services, without the HTTP app (service tests). */
export type ServiceEnv = Awaited<ReturnType<typeof createServiceEnv>>;
/** A test file's database, services and HTTP app. */
export type TestEnv = Awaited<ReturnType<typeof createTestEnv>>;

/**
 * One database and the services for a test file, bootstrapped as at first start; call `close` in
 * afterAll. Without `existing`, the database is a copy of the run's snapshot of its own.
 */
export async function createServiceEnv(overrides: Partial<Config> = {}, existing?: Database) {
  // Anchors go to a directory of this environment's own (removed by close), never to ./data.
  const anchorDir = path.join(os.tmpdir(), `zj-test-anchors-${randomBytes(6).toString('hex')}`);
  const config = testConfig({ auditAnchorDir: anchorDir, ...overrides });
  // The first-start data is the same for every file, so it usually comes with the copy (bootstrap then finds it).
  const database = existing ?? (await openTestDatabase({ bootstrapped: fitsBootstrappedSnapshot(config) }));
  const services = makeServices(database, config);
  await bootstrap(services, { ...config, adminPassword: ADMIN_PASSWORD });
  return withHelpers({ config, database, services, anchorDir, ownsDatabase: !existing });
}

/** The services' helpers shared by both environments. */
async function withHelpers(opts: { config: Config; database: Database; services: ReturnType<typeof makeServices>; anchorDir: string; ownsDatabase: boolean }) {
  const { config, database, services, anchorDir, ownsDatabase } = opts;
  const adminUser = (await services.users.byUsername('admin'))!;
  const admin = (await services.users.loadActor(adminUser.id))! as Actor;
  const ctx = { actor: admin };

  /** The org of a county bureau (or the city bureau) by region code. */
  async function orgIn(regionCode: string, type: 'county_bureau' | 'city_bureau' = regionCode === '320800' ? 'city_bureau' : 'county_bureau') {
    const { items } = await services.jurisdiction.listOrgs(admin, { regionCode, type }, { page: 1, pageSize: 10 });
    const org = items.find((o) => o.regionCode === regionCode);
    if (!org) throw new Error(`no ${type} in ${regionCode}`);
    return org;
  }

  let seq = 0;
  /** Creates a user with the given roles in the given region's bureau (or org). */
  async function makeUser(opts: { roles: string[]; regionCode?: string; orgId?: string; mustChangePassword?: boolean }) {
    const orgId = opts.orgId ?? (await orgIn(opts.regionCode ?? '320800')).id;
    const username = `u${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    return services.users.create(ctx, { username, password: USER_PASSWORD, displayName: `测试用户${seq}`, orgId, roles: opts.roles, mustChangePassword: opts.mustChangePassword });
  }

  return {
    config,
    database,
    services,
    db: database.db,
    admin,
    ctx,
    orgIn,
    makeUser,
    async close() {
      if (ownsDatabase) await database.close();
      fs.rmSync(anchorDir, { recursive: true, force: true });
    },
  };
}

/** One database, the services and the HTTP app for a test file; call `close` in afterAll. */
export async function createTestEnv(overrides: Partial<Config> = {}, existing?: Database) {
  const env = await createServiceEnv(overrides, existing);
  const { config, database, services } = env;
  const { app } = await buildApp({ config, database, services });
  await app.ready();

  /** Logs in through the API; the returned client sends the cookie and CSRF token. */
  async function login(username: string, password = USER_PASSWORD) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zj_session')!.value;
    const csrfToken = res.json().csrfToken as string;
    return client({ cookie, csrfToken });
  }

  function client(auth: { cookie?: string; csrfToken?: string; bearer?: string }) {
    const request = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
      app.inject({
        method,
        url,
        payload: payload as InjectOptions['payload'],
        cookies: auth.cookie ? { zj_session: auth.cookie } : undefined,
        headers: {
          ...(auth.csrfToken && method !== 'GET' ? { 'x-csrf-token': auth.csrfToken } : {}),
          ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
          ...headers,
        },
      });
    return {
      ...auth,
      get: (url: string) => request('GET', url),
      post: (url: string, body?: unknown, headers?: Record<string, string>) => request('POST', url, body, headers),
      patch: (url: string, body?: unknown, headers?: Record<string, string>) => request('PATCH', url, body, headers),
      put: (url: string, body?: unknown, headers?: Record<string, string>) => request('PUT', url, body, headers),
      delete: (url: string, headers?: Record<string, string>) => request('DELETE', url, undefined, headers),
    };
  }

  return {
    ...env,
    app,
    login,
    client,
    loginAdmin: () => login('admin', ADMIN_PASSWORD),
    async close() {
      await app.close();
      await env.close();
    },
  };
}

/**
 * The test file's environment, created before its tests and closed after them:
 * `const env = useTestEnv();` at the top of a file.
 */
export function useTestEnv(overrides: Partial<Config> = {}): TestEnv {
  const env = {} as TestEnv;
  beforeAll(async () => {
    Object.assign(env, await createTestEnv(overrides));
  });
  afterAll(() => env.close?.());
  return env;
}

/**
 * The environment of a test file that calls services only (no HTTP app is built):
 * `const env = useServiceEnv();` at the top of a file.
 */
export function useServiceEnv(overrides: Partial<Config> = {}): ServiceEnv {
  const env = {} as ServiceEnv;
  beforeAll(async () => {
    Object.assign(env, await createServiceEnv(overrides));
  });
  afterAll(() => env.close?.());
  return env;
}
