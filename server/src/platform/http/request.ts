import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';

/**
 * What a route requires: nobody, any logged-in caller, a permission key, or any one of several
 * (e.g. staff reading licences or an enterprise reading its own). Routes without it are refused.
 */
export type Access = 'public' | 'authenticated' | Permission | readonly Permission[];

/** Whether the actor's permissions satisfy a permission rule (one key, or any of several). */
export const permits = (permissions: ReadonlySet<Permission>, rule: Permission | readonly Permission[]): boolean =>
  typeof rule === 'string' ? permissions.has(rule) : rule.some((p) => permissions.has(p));

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user still has to change an initial password. */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
}

/** The audit context of an authenticated request (the access hook guarantees the actor). */
export function ctxOf(request: FastifyRequest): RequestContext & { actor: Actor } {
  return { actor: request.actor!, ip: request.ip, requestId: request.id };
}
