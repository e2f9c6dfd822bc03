import type { FastifyInstance } from 'fastify';
import type { Access } from './request.js';

/** One registered route: method, URL pattern, its access rule (undefined for the API browser and the web app's files). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  /** Content types of the body, when the route declares them (`multipart/form-data` for uploads). */
  consumes: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for checks that walk them all (access matrix, fuzzing). */
    routeTable: readonly RouteEntry[];
  }
}

/** Records each route as it is registered; call before any route is. */
export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const consumes = ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).slice();
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access: route.config?.access, consumes });
  });
}
