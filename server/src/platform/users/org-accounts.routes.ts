// The accounts of an outside organisation whose record a module keeps (a testing institution, a
// credit evaluator): the same two routes in each such module, with the module's path, permission and words.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { Permission } from '../access/permissions.js';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, IdParams, ListOf, NullableTimestamp, Timestamp } from '../http/schemas.js';

const Str = Type.String();
const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };

/** An account of the organisation as staff see it. */
export const OrgAccount = Type.Object({ id: Str, username: Str, displayName: Str, active: Type.Boolean(), mustChangePassword: Type.Boolean(), lastLoginAt: NullableTimestamp, createdAt: Timestamp });

const NewOrgAccount = Body({ username: Type.String({ minLength: 1, maxLength: 32 }), displayName: Type.String({ minLength: 1, maxLength: 50 }), password: Type.String({ minLength: 1, maxLength: 200 }) });

/** What the module's service does for the routes: its record's accounts, and a new one (the first also makes the org). */
export interface OrgAccountsService {
  listAccounts(id: string): Promise<{ items: Static<typeof OrgAccount>[]; total: number }>;
  createAccount(ctx: ReturnType<typeof ctxOf>, id: string, input: Static<typeof NewOrgAccount>): Promise<Static<typeof OrgAccount>>;
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * Registers `GET <path>` (the accounts, `{ items, total }`) and `POST <path>` (a new account, 201)
 * for the organisation `:id` of `path`, both under `access`. Called inside the module's routes at
 * the place the two routes stand, so that the route table and the OpenAPI document keep their order.
 */
export function orgAccountRoutes(app: App, opts: { path: string; access: Permission; tags: string[]; listSummary: string; createSummary: string; service: OrgAccountsService }) {
  const { path, access, tags, service } = opts;
  app.get(path, { config: { access }, schema: { tags, summary: opts.listSummary, params: IdParams, response: { 200: ListOf(OrgAccount), 404: ErrorSchema } } }, async (request) => service.listAccounts(request.params.id));

  app.post(
    path,
    { config: { access }, schema: { tags, summary: opts.createSummary, params: IdParams, body: NewOrgAccount, response: { 201: OrgAccount, ...Errors } } },
    async (request, reply) => reply.status(201).send(await service.createAccount(ctxOf(request), request.params.id, request.body)),
  );
}
