import { type SQL, and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../db/sql.js';
import { roles } from '../access/access.schema.js';
import type { Actor, RequestContext, UserActor } from '../access/actor.js';
import { type Permission, holdsForGranting, isPermission } from '../access/permissions.js';
import { assertGrantable, type RolesService } from '../access/roles.service.js';
import { type DataScope, visibleTo, widestScope } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import { clearLockout, endSessions, forgetDevices } from '../auth/account.js';
import { loginGuards } from '../auth/auth.schema.js';
import { assertStrongPassword, hashPassword } from '../auth/password.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { type ExpectedVersion, assertVersion } from '../http/etag.js';
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
  /** An enterprise's account (企业端): the enterprise it acts for and that enterprise's region (its data scope for officers). */
  enterprise?: { uscc: string; regionCode: string };
}

export interface UpdateUserInput {
  displayName?: string;
  orgId?: string;
  roles?: string[];
  active?: boolean;
}

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** Roles of each user, as one array column (no N+1 queries). */
const roleKeys = sql<string[]>`coalesce((select array_agg(${userRoles.roleKey} order by ${userRoles.roleKey}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`;

/** The end of the running lock of the user's username (the lockout lives in login_guards, see auth/lockout.ts). */
const lockedUntil = sql<Date | null>`(select ${loginGuards.lockedUntil} from ${loginGuards} where ${loginGuards.key} = 'user:' || ${users.username} and ${loginGuards.lockedUntil} > now())`.mapWith(loginGuards.lockedUntil);

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
  lockedUntil,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
  createdAt: users.createdAt,
};

const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: users.regionCode, orgId: users.orgId, ownerId: users.id });

export const normalizeUsername = (u: string) => u.trim().toLowerCase();

/** A username as stored (trimmed, lower case), or 400 VALIDATION (field `username`) when it breaks USERNAME_RE. */
export function checkUsername(raw: string | undefined): string {
  const username = normalizeUsername(raw ?? '');
  if (!USERNAME_RE.test(username)) throw new AppError('VALIDATION', '用户名须为 3–32 位小写字母、数字或 . _ -，以字母或数字开头', 400, { field: 'username' });
  return username;
}

/** Refuses a username already held by an account (409 USERNAME_TAKEN, field `username`). */
async function assertNotTaken(db: Db, username: string) {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (taken) throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`, 409, { field: 'username' });
}

const selfAction = (message: string) => new AppError('SELF_LOCKOUT', message, 409);

/**
 * Who may act on a user: the target must lie in the actor's data scope (else 404, like a missing
 * user), and hold no permission the actor lacks and no wider data scope. So only holders of every
 * permission of `admin` act on an administrator, and `user.write` is no way to someone stronger.
 */
export function assertMayManage(actor: Actor, target: { permissions: string[]; dataScope: DataScope }): void {
  const missing = target.permissions.filter((p) => isPermission(p) && !holdsForGranting(actor.permissions, p));
  if (missing.length || widestScope([target.dataScope, actor.dataScope]) !== actor.dataScope) {
    throw forbidden('无权管理该用户：其权限或数据范围超出您本人');
  }
}

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

  /** What a user holds through their roles, active or not: the permissions and the widest scope. */
  async function heldBy(tx: Db, userId: string): Promise<{ permissions: string[]; dataScope: DataScope }> {
    const held = await tx.select({ permissions: roles.permissions, dataScope: roles.dataScope }).from(userRoles).innerJoin(roles, eq(roles.key, userRoles.roleKey)).where(eq(userRoles.userId, userId));
    return { permissions: [...new Set(held.flatMap((r) => r.permissions))], dataScope: held.length ? widestScope(held.map((r) => r.dataScope)) : 'self' };
  }

  /**
   * The target user for a change by `actor`: its row locked until the end of `tx` (the first lock
   * the change takes, as log-in takes it first too), in the actor's scope (404 otherwise), and no
   * stronger than the actor (403), of the version the client saw (`expected`, If-Match: 412 otherwise).
   */
  async function targetFor(tx: Db, actor: Actor, id: string, expected?: ExpectedVersion) {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
    const target = await findUser(tx, actor, id);
    assertMayManage(actor, await heldBy(tx, id));
    assertVersion(expected, target.version);
    return target;
  }

  async function setRoles(tx: Db, actor: Actor, userId: string, keys: string[]) {
    const resolved = await deps.roles.resolve(tx, keys);
    assertGrantable(actor, resolved);
    // An enterprise's account holds only roles of the `enterprise` scope, and staff none of them.
    const [user] = await tx.select({ enterpriseUscc: users.enterpriseUscc }).from(users).where(eq(users.id, userId));
    const enterpriseAccount = user?.enterpriseUscc != null;
    const misfit = resolved.find((r) => (r.dataScope === 'enterprise') !== enterpriseAccount);
    if (misfit) {
      const message = enterpriseAccount ? `企业账号只能具有企业角色，不能授予“${misfit.key}”` : `角色“${misfit.key}”只能授予企业账号`;
      throw new AppError('VALIDATION', message, 400, { field: 'roles' });
    }
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

    /**
     * Checks a username before a step that makes an account (400 VALIDATION, 409 USERNAME_TAKEN),
     * so that a bad or taken one makes nothing else; `create` checks again in its transaction.
     */
    async assertUsernameFree(raw: string | undefined) {
      const username = checkUsername(raw);
      await assertNotTaken(db, username);
      return username;
    },

    async create(ctx: RequestContext & { actor: Actor }, input: CreateUserInput, tx0?: Db) {
      const username = checkUsername(input.username);
      const displayName = input.displayName.trim();
      if (!displayName) throw new AppError('VALIDATION', '姓名不能为空', 400, { field: 'displayName' });
      assertStrongPassword(input.password, deps.passwordMinLength);
      const passwordHash = await hashPassword(input.password);
      const work = async (tx: Db) => {
        const org = await jurisdiction.getOrg(ctx.actor, input.orgId, tx);
        await assertNotTaken(tx, username);
        const [row] = await tx
          .insert(users)
          .values({ username, displayName, orgId: org.id, regionCode: input.enterprise?.regionCode ?? org.regionCode, enterpriseUscc: input.enterprise?.uscc ?? null, passwordHash, mustChangePassword: input.mustChangePassword ?? false })
          .returning({ id: users.id });
        await setRoles(tx, ctx.actor, row!.id, input.roles);
        const created = await findUser(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'user.created', targetType: 'user', targetId: created.id, after: created });
        return created;
      };
      return tx0 ? work(tx0) : inTransaction(db, work);
    },

    /** `tx0`: the caller's open transaction, when the change is part of a larger step. */
    async update(ctx: RequestContext & { actor: Actor }, id: string, input: UpdateUserInput, expected?: ExpectedVersion, tx0?: Db) {
      const work = async (tx: Db) => {
        const before = await targetFor(tx, ctx.actor, id, expected);
        if (id === ctx.actor.userId && (input.active === false || input.roles || (input.orgId && input.orgId !== before.orgId))) {
          throw selfAction('不能停用自己，也不能修改自己的角色或所属机构');
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
        await tx
          .update(users)
          .set({ ...patch, version: nextVersion(users.version) })
          .where(eq(users.id, id));
        if (input.roles) await setRoles(tx, ctx.actor, id, input.roles);
        // Disabling ends every session at once; they do not come back when the user is enabled again.
        // Role and org changes need not: the actor is read from the database on every request.
        if (input.active === false) await endSessions(tx, id);
        const after = await findUser(tx, null, id);
        await audit.record(tx, ctx, { action: 'user.updated', targetType: 'user', targetId: id, before, after });
        return after;
      };
      return tx0 ? work(tx0) : inTransaction(db, work);
    },

    /**
     * Sets a new password chosen by an administrator. The account may have been taken over, so
     * every session of the user ends at once and its trusted devices are forgotten; the lock is lifted.
     */
    async resetPassword(ctx: RequestContext & { actor: Actor }, id: string, password: string, mustChangePassword = true, expected?: ExpectedVersion) {
      if (id === ctx.actor.userId) throw selfAction('不能重置自己的密码，请使用“修改密码”');
      await inTransaction(db, (tx) => targetFor(tx, ctx.actor, id, expected)); // 404/403/412 before the costly hash
      assertStrongPassword(password, deps.passwordMinLength);
      const passwordHash = await hashPassword(password);
      await inTransaction(db, async (tx) => {
        const target = await targetFor(tx, ctx.actor, id, expected);
        await tx.update(users).set({ passwordHash, mustChangePassword, passwordChangedAt: new Date(), version: nextVersion(users.version), updatedAt: new Date() }).where(eq(users.id, id));
        const sessionsEnded = await endSessions(tx, id);
        await forgetDevices(tx, id);
        await clearLockout(tx, target);
        await audit.record(tx, ctx, { action: 'user.password_reset', targetType: 'user', targetId: id, after: { mustChangePassword, sessionsEnded } });
      });
    },

    /** Lifts the lockout of the user's username and of each of their trusted devices. */
    async unlock(ctx: RequestContext & { actor: Actor }, id: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        const target = await targetFor(tx, ctx.actor, id, expected);
        await clearLockout(tx, target);
        await tx.update(users).set({ version: nextVersion(users.version), updatedAt: new Date() }).where(eq(users.id, id));
        await audit.record(tx, ctx, { action: 'user.unlocked', targetType: 'user', targetId: id, before: { lockedUntil: target.lockedUntil } });
      });
    },

    /** The actor a user acts as: union of their roles' permissions, widest data scope. Null if disabled or missing. */
    async loadActor(userId: string, tx: Db = db): Promise<UserActor | null> {
      const [row] = await tx
        .select({ id: users.id, username: users.username, displayName: users.displayName, orgId: users.orgId, orgName: orgs.name, regionCode: users.regionCode, enterpriseUscc: users.enterpriseUscc, active: users.active, mustChangePassword: users.mustChangePassword })
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
        enterpriseUscc: row.enterpriseUscc,
        mustChangePassword: row.mustChangePassword,
      };
    },

    /** The stored user row (with its password hash), for authentication. */
    byUsername: async (username: string) => (await db.select().from(users).where(eq(users.username, normalizeUsername(username))))[0] ?? null,
  };
}

export type UsersService = ReturnType<typeof makeUsersService>;
