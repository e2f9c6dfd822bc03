import { type SQL, and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../db/sql.js';
import { roles } from '../access/access.schema.js';
import type { Actor, RequestContext, UserActor } from '../access/actor.js';
import { type Permission, isPermission } from '../access/permissions.js';
import { assertGrantable, type RolesService } from '../access/roles.service.js';
import { visibleTo, widestScope } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertStrongPassword, hashPassword } from '../auth/password.js';
import { AppError, notFound } from '../http/errors.js';
import { type Page, offsetOf } from '../http/schemas.js';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.js';
import { userRoles, users } from './users.schema.js';

export interface UserFilter {
  q?: string;
  orgId?: string;
  role?: string;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  orgId: string;
  roles: string[];
  mustChangePassword?: boolean;
}

export interface UpdateUserInput {
  displayName?: string;
  orgId?: string;
  roles?: string[];
  active?: boolean;
}

const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** Roles of each user, as one array column (no N+1 queries). */
const roleKeys = sql<string[]>`coalesce((select array_agg(${userRoles.roleKey} order by ${userRoles.roleKey}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`;

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  orgId: users.orgId,
  orgName: orgs.name,
  regionCode: users.regionCode,
  roles: roleKeys,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: users.regionCode, orgId: users.orgId, ownerId: users.id });

export const normalizeUsername = (u: string) => u.trim().toLowerCase();

export function makeUsersService(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService; roles: RolesService; passwordMinLength: number }) {
  const { db, audit, jurisdiction } = deps;

  async function findUser(tx: Db, actor: Actor | null, id: string) {
    const [row] = await tx
      .select(userColumns)
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(and(eq(users.id, id), actor ? scopeOf(actor) : undefined));
    if (!row) throw notFound('用户');
    return row;
  }

  async function setRoles(tx: Db, actor: Actor, userId: string, keys: string[]) {
    const resolved = await deps.roles.resolve(tx, keys);
    assertGrantable(actor, resolved);
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    await tx.insert(userRoles).values(resolved.map((r) => ({ userId, roleKey: r.key })));
  }

  return {
    async list(actor: Actor, filter: UserFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.q) {
        const pattern = `%${escapeLike(filter.q.trim())}%`;
        conds.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
      }
      if (filter.orgId) conds.push(eq(users.orgId, filter.orgId));
      if (filter.role) conds.push(sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.roleKey} = ${filter.role})`);
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        db.select(userColumns).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where).orderBy(asc(users.username)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(users).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** `tx`: the caller's open transaction, when the lookup is part of a larger step. */
    get: (actor: Actor | null, id: string, tx: Db = db) => findUser(tx, actor, id),

    async create(ctx: RequestContext & { actor: Actor }, input: CreateUserInput, tx0?: Db) {
      const username = normalizeUsername(input.username);
      if (!USERNAME_RE.test(username)) {
        throw new AppError('VALIDATION', '用户名须为 3–32 位小写字母、数字或 . _ -，以字母或数字开头', 400, { field: 'username' });
      }
      const displayName = input.displayName.trim();
      if (!displayName) throw new AppError('VALIDATION', '姓名不能为空', 400, { field: 'displayName' });
      assertStrongPassword(input.password, deps.passwordMinLength);
      const passwordHash = await hashPassword(input.password);
      const work = async (tx: Db) => {
        const org = await jurisdiction.getOrg(ctx.actor, input.orgId, tx);
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
        if (taken) throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`, 409, { field: 'username' });
        const [row] = await tx
          .insert(users)
          .values({ username, displayName, orgId: org.id, regionCode: org.regionCode, passwordHash, mustChangePassword: input.mustChangePassword ?? false })
          .returning({ id: users.id });
        await setRoles(tx, ctx.actor, row!.id, input.roles);
        const created = await findUser(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'user.created', targetType: 'user', targetId: created.id, after: created });
        return created;
      };
      return tx0 ? work(tx0) : inTransaction(db, work);
    },

    async update(ctx: RequestContext & { actor: Actor }, id: string, input: UpdateUserInput) {
      return inTransaction(db, async (tx) => {
        const before = await findUser(tx, ctx.actor, id);
        if (id === ctx.actor.userId && (input.active === false || input.roles)) {
          throw new AppError('SELF_LOCKOUT', '不能停用自己或修改自己的角色', 409);
        }
        const patch: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
        if (input.displayName !== undefined) {
          patch.displayName = input.displayName.trim();
          if (!patch.displayName) throw new AppError('VALIDATION', '姓名不能为空', 400, { field: 'displayName' });
        }
        if (input.active !== undefined) patch.active = input.active;
        if (input.orgId && input.orgId !== before.orgId) {
          const org = await jurisdiction.getOrg(ctx.actor, input.orgId, tx);
          patch.orgId = org.id;
          patch.regionCode = org.regionCode;
        }
        await tx.update(users).set(patch).where(eq(users.id, id));
        if (input.roles) await setRoles(tx, ctx.actor, id, input.roles);
        const after = await findUser(tx, null, id);
        await audit.record(tx, ctx, { action: 'user.updated', targetType: 'user', targetId: id, before, after });
        return after;
      });
    },

    async resetPassword(ctx: RequestContext & { actor: Actor }, id: string, password: string, mustChangePassword = true) {
      await findUser(db, ctx.actor, id); // scope check: 404 outside it
      assertStrongPassword(password, deps.passwordMinLength);
      const passwordHash = await hashPassword(password);
      await inTransaction(db, async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword, passwordChangedAt: new Date(), lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id));
        await audit.record(tx, ctx, { action: 'user.password_reset', targetType: 'user', targetId: id, after: { mustChangePassword } });
      });
    },

    async unlock(ctx: RequestContext & { actor: Actor }, id: string) {
      const target = await findUser(db, ctx.actor, id);
      await inTransaction(db, async (tx) => {
        await tx.update(users).set({ lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id));
        await audit.record(tx, ctx, { action: 'user.unlocked', targetType: 'user', targetId: id, before: { lockedUntil: target.lockedUntil } });
      });
    },

    /** The actor a user acts as: union of their roles' permissions, widest data scope. Null if disabled or missing. */
    async loadActor(userId: string, tx: Db = db): Promise<UserActor | null> {
      const [row] = await tx
        .select({ id: users.id, username: users.username, displayName: users.displayName, orgId: users.orgId, orgName: orgs.name, regionCode: users.regionCode, active: users.active, mustChangePassword: users.mustChangePassword })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(eq(users.id, userId));
      if (!row || !row.active) return null;
      const held = await tx.select({ key: roles.key, permissions: roles.permissions, dataScope: roles.dataScope }).from(userRoles).innerJoin(roles, eq(roles.key, userRoles.roleKey)).where(eq(userRoles.userId, userId));
      return {
        kind: 'user',
        id: row.id,
        userId: row.id,
        name: row.username,
        username: row.username,
        displayName: row.displayName,
        orgId: row.orgId,
        orgName: row.orgName,
        regionCode: row.regionCode,
        roles: held.map((r) => r.key).sort(),
        permissions: new Set(held.flatMap((r) => r.permissions).filter(isPermission) as Permission[]),
        dataScope: held.length ? widestScope(held.map((r) => r.dataScope)) : 'self',
        mustChangePassword: row.mustChangePassword,
      };
    },

    /** The stored user row (with its password hash), for authentication. */
    byUsername: async (username: string) => (await db.select().from(users).where(eq(users.username, normalizeUsername(username))))[0] ?? null,
  };
}

export type UsersService = ReturnType<typeof makeUsersService>;
