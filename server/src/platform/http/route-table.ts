import type { FastifyInstance } from 'fastify';
import type { Access } from './request.js';

/** One registered route: method, URL pattern, its access rule (undefined for the API browser and the web app's files). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  /** Content types of the body, when the route declares them (`multipart/form-data` for uploads). */
  consumes: string[];
  /** The 200 response is a list page, `{ items, total }` (ListOf). */
  list: boolean;
  /** The query string's keys, when the route declares them (`page`, `pageSize` for a paged list). */
  query: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for checks that walk them all (access matrix, fuzzing). */
    routeTable: readonly RouteEntry[];
  }
}

/** The parts of a JSON schema the table reads. */
interface ObjectSchema {
  type?: string;
  properties?: Record<string, ObjectSchema | undefined>;
}

/** Records each route as it is registered; call before any route is. */
export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { consumes?: string[]; querystring?: ObjectSchema; response?: Record<string, ObjectSchema> } | undefined;
    const consumes = (schema?.consumes ?? []).slice();
    const ok = schema?.response?.['200']?.properties;
    const list = ok?.items?.type === 'array' && ok.total?.type === 'integer';
    const query = Object.keys(schema?.querystring?.properties ?? {});
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access: route.config?.access, consumes, list, query });
  });
}
