/** A minimal API client for seeding: keeps the session cookie and the CSRF token. */
import type { CreateEnterpriseInput, Enterprise, Org, SessionUser, User } from '../../web/src/api/types';
import { BASE_URL } from './env';
import { randomUscc } from './uscc';

/** The API's own types, generated from its OpenAPI document. */
export type { Enterprise, Org, SessionUser, User };

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

export class ApiSession {
  private cookie = '';
  private csrf = '';
  user: SessionUser | null = null;

  /** The session cookie as name/value, for a browser context. */
  get sessionCookie(): { name: string; value: string } | null {
    const pair = this.cookie.split(';').find((c) => c.trim().startsWith('zj_session='));
    if (!pair) return null;
    const [name, ...rest] = pair.trim().split('=');
    return { name: name!, value: rest.join('=') };
  }

  static async login(username: string, password: string): Promise<ApiSession> {
    const s = new ApiSession();
    const body = await s.call<{ user: SessionUser; csrfToken: string }>('POST', '/api/auth/login', { username, password });
    s.user = body.user;
    s.csrf = body.csrfToken;
    return s;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    const res = await fetch(`${BASE_URL}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookies = res.headers.getSetCookie();
    if (setCookies.length) {
      const jar = new Map(this.cookie ? this.cookie.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
      for (const sc of setCookies) {
        const [pair] = sc.split(';');
        const idx = pair!.indexOf('=');
        jar.set(pair!.slice(0, idx), pair!.slice(idx + 1));
      }
      this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiCallError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  get = <T>(path: string) => this.call<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);

  async orgs(): Promise<Org[]> {
    return (await this.get<{ items: Org[] }>('/api/orgs?pageSize=500')).items;
  }

  /** The county bureau of a region (e.g. 320826 涟水县), read from the server's data. */
  async countyBureau(regionCode: string): Promise<Org> {
    const org = (await this.orgs()).find((o) => o.type === 'county_bureau' && o.regionCode === regionCode);
    if (!org) throw new Error(`no county_bureau for region ${regionCode}`);
    return org;
  }

  async createUser(input: {
    username: string;
    password: string;
    displayName?: string;
    orgId: string;
    roles: string[];
    mustChangePassword?: boolean;
  }): Promise<User> {
    return this.post<User>('/api/users', {
      displayName: input.displayName ?? `测试用户${input.username.slice(-6)}`,
      mustChangePassword: false,
      ...input,
    });
  }

  /** Issues an API key to an org for another department's system; answers the secret (shown once). */
  async createApiKey(orgId: string, name: string): Promise<string> {
    return (await this.post<{ id: string; key: string }>('/api/api-keys', { orgId, name })).key;
  }

  /** Creates an enterprise; without `uscc` a random valid code registered in `regionCode`. */
  async createEnterprise(input: Omit<CreateEnterpriseInput, 'uscc'> & { uscc?: string }): Promise<Enterprise> {
    return this.post<Enterprise>('/api/enterprises', { uscc: randomUscc(`91${input.regionCode}`), ...input });
  }

  /** Issues an industrial-product production licence (no expiry) to an enterprise under `number`. */
  async issueLicence(uscc: string, number: string): Promise<{ id: string; number: string }> {
    return this.post('/api/licences', { uscc, type: 'industrial_product', number, issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
  }
}

/** Calls the API as another department's system does: with its key as a bearer token, no session. */
export async function callWithKey<T>(key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Accept: 'application/json', Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiCallError(res.status, parsed, `${method} ${path} (API key)`);
  return parsed as T;
}

/** Sessions for the bootstrap administrator (one per test file is enough). */
export async function adminSession(password: string): Promise<ApiSession> {
  return ApiSession.login('admin', password);
}
