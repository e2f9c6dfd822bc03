import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import { roles } from '../access/access.schema.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { type Permission, isPermission } from '../access/permissions.js';
import { type DataScope, narrowestScope, visibleTo, widestScope } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import { notFound } from '../http/errors.js';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { apiKeys } from './auth.schema.js';
import { newToken, sha256 } from './auth.service.js';

const KEY_PREFIX = 'zjk_';
/**
 * The widest data scope a key gets, whatever its roles say: its org's region and the divisions
 * below it (a county department's key sees its county; the city's, the city).
 */
const KEY_SCOPE_CAP: DataScope = 'region';
/** last_used_at is informational; refresh it at most this often. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

const keyColumns = {
  id: apiKeys.id,
  orgId: apiKeys.orgId,
  orgName: orgs.name,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  roles: apiKeys.roles,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/**
 * API keys let other departments' systems call the API as their org, with the `public_api` role by
 * default, within their org's region (KEY_SCOPE_CAP).
 */
export function makeApiKeysService(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService }) {
  const { db, audit } = deps;
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: apiKeys.regionCode, orgId: apiKeys.orgId });

  return {
    async list(actor: Actor) {
      const items = await db.select(keyColumns).from(apiKeys).innerJoin(orgs, eq(orgs.id, apiKeys.orgId)).where(scopeOf(actor)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
      return { items, total: items.length };
    },

    /** Returns the secret once; only its hash is stored. */
    async create(ctx: RequestContext & { actor: Actor }, input: { orgId: string; name: string }) {
      return inTransaction(db, async (tx) => {
        const org = await deps.jurisdiction.getOrg(ctx.actor, input.orgId, tx);
        const key = `${KEY_PREFIX}${newToken(32)}`;
        const [row] = await tx
          .insert(apiKeys)
          .values({ orgId: org.id, regionCode: org.regionCode, name: input.name.trim(), prefix: key.slice(0, 12), keyHash: sha256(key), roles: ['public_api'], createdBy: ctx.actor.userId })
          .returning({ id: apiKeys.id, prefix: apiKeys.prefix, roles: apiKeys.roles });
        await audit.record(tx, ctx, { action: 'apikey.created', targetType: 'api_key', targetId: row!.id, after: { orgId: org.id, name: input.name, prefix: row!.prefix, roles: row!.roles } });
        return { id: row!.id, key };
      });
    },

    async revoke(ctx: RequestContext & { actor: Actor }, id: string) {
      await inTransaction(db, async (tx) => {
        const [row] = await tx.select().from(apiKeys).where(and(eq(apiKeys.id, id), scopeOf(ctx.actor)));
        if (!row) throw notFound('API 密钥');
        if (row.revokedAt) return;
        await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
        await audit.record(tx, ctx, { action: 'apikey.revoked', targetType: 'api_key', targetId: id, before: { name: row.name, prefix: row.prefix } });
      });
    },

    /** The actor behind a bearer key, or null for an unknown or revoked key. */
    async resolve(key: string): Promise<Actor | null> {
      if (!key.startsWith(KEY_PREFIX)) return null;
      const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)));
      if (!row) return null;
      const held = row.roles.length ? await db.select().from(roles).where(inArray(roles.key, row.roles)) : [];
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
      }
      return {
        kind: 'apiKey',
        id: row.id,
        userId: null,
        name: `apikey:${row.name}`,
        orgId: row.orgId,
        regionCode: row.regionCode,
        roles: row.roles,
        permissions: new Set(held.flatMap((r) => r.permissions).filter(isPermission) as Permission[]),
        dataScope: held.length ? narrowestScope([widestScope(held.map((r) => r.dataScope)), KEY_SCOPE_CAP]) : 'self',
        mustChangePassword: false,
      };
    },
  };
}

export type ApiKeysService = ReturnType<typeof makeApiKeysService>;
