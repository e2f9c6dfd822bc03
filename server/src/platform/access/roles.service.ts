import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from './actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { type ExpectedVersion, assertVersion } from '../http/etag.js';
import { permissionKeys, roles } from './access.schema.js';
import { BUILTIN_ROLES, PERMISSION_KEYS, type Permission, holdsForGranting, isPermission } from './permissions.js';
import { type DataScope, widestScope } from './scope.js';

export interface RoleInput {
  key: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

const ROLE_KEY_RE = /^[a-z][a-z0-9_]{1,39}$/;

function checkPermissions(keys: string[]): Permission[] {
  const unknown = keys.filter((k) => !isPermission(k));
  if (unknown.length) throw new AppError('UNKNOWN_PERMISSION', `未知的权限：${unknown.join('、')}`, 400, { field: 'permissions', unknown });
  return [...new Set(keys)] as Permission[];
}

/**
 * An actor may hand out only what it holds: every permission of the roles, and no wider scope.
 * Stops a user administrator from creating an administrator more powerful than itself.
 */
export function assertGrantable(actor: Actor, granted: { key: string; permissions: string[]; dataScope: DataScope }[]): void {
  for (const role of granted) {
    const missing = role.permissions.filter((p) => !holdsForGranting(actor.permissions, p as Permission));
    if (missing.length || widestScope([role.dataScope, actor.dataScope]) !== actor.dataScope) {
      throw forbidden(`无权授予角色“${role.key}”：其权限或数据范围超出您本人`);
    }
  }
}

export function makeRolesService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** `lock`: the role's row is locked until the transaction ends (for a change). */
  async function findRole(tx: Db, key: string, lock = false) {
    const query = tx.select().from(roles).where(eq(roles.key, key));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('角色');
    return row;
  }

  return {
    list: () => db.select().from(roles).orderBy(sql`${roles.builtin} desc`, asc(roles.key)),

    get: (key: string) => findRole(db, key),

    /** Roles by key; throws UNKNOWN_ROLE naming the keys that do not exist. */
    async resolve(tx: Db, keys: string[]) {
      const unique = [...new Set(keys)];
      if (unique.length === 0) throw new AppError('VALIDATION', '至少指定一个角色', 400, { field: 'roles' });
      const found = await tx.select().from(roles).where(inArray(roles.key, unique));
      const missing = unique.filter((k) => !found.some((r) => r.key === k));
      if (missing.length) throw new AppError('UNKNOWN_ROLE', `角色不存在：${missing.join('、')}`, 400, { field: 'roles', missing });
      return found;
    },

    async create(ctx: RequestContext & { actor: Actor }, input: RoleInput) {
      if (!ROLE_KEY_RE.test(input.key)) {
        throw new AppError('VALIDATION', '角色标识须以小写字母开头，由小写字母、数字和下划线组成（2–40 位）', 400, { field: 'key' });
      }
      const permissions = checkPermissions(input.permissions);
      assertGrantable(ctx.actor, [{ key: input.key, permissions, dataScope: input.dataScope }]);
      return inTransaction(db, async (tx) => {
        const [exists] = await tx.select({ key: roles.key }).from(roles).where(eq(roles.key, input.key));
        if (exists) throw new AppError('ROLE_KEY_TAKEN', `角色标识“${input.key}”已存在`, 409, { field: 'key' });
        const [row] = await tx.insert(roles).values({ key: input.key, name: input.name.trim(), permissions, dataScope: input.dataScope }).returning();
        await audit.record(tx, ctx, { action: 'role.created', targetType: 'role', targetId: input.key, after: row });
        return row!;
      });
    },

    /** Changes the given fields; `expected` (If-Match) must name the role's version. */
    async update(ctx: RequestContext & { actor: Actor }, key: string, input: Partial<Omit<RoleInput, 'key'>>, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await findRole(tx, key, true);
        if (key === 'admin') throw new AppError('ROLE_LOCKED', '系统管理员角色不可修改', 409);
        assertVersion(expected, before.version);
        const permissions = input.permissions ? checkPermissions(input.permissions) : before.permissions;
        const dataScope = input.dataScope ?? before.dataScope;
        assertGrantable(ctx.actor, [{ key, permissions, dataScope }]);
        const [after] = await tx
          .update(roles)
          .set({ name: input.name?.trim() ?? before.name, permissions, dataScope, version: nextVersion(roles.version), updatedAt: new Date() })
          .where(eq(roles.key, key))
          .returning();
        await audit.record(tx, ctx, { action: 'role.updated', targetType: 'role', targetId: key, before, after });
        return after!;
      });
    },

    /**
     * Creates missing built-in roles and grants permission keys new to this database to the
     * built-in roles whose defaults hold them; `admin` always gets every key of this build.
     */
    async ensureBuiltins(tx: Db) {
      const known = new Set((await tx.select().from(permissionKeys)).map((k) => k.key));
      const fresh = PERMISSION_KEYS.filter((k) => !known.has(k));
      for (const role of BUILTIN_ROLES) {
        const inserted = await tx.insert(roles).values({ ...role, builtin: true }).onConflictDoNothing().returning({ key: roles.key });
        const grant = role.permissions.filter((p) => fresh.includes(p));
        if (inserted.length === 0 && grant.length > 0) {
          const [current] = await tx.select({ permissions: roles.permissions }).from(roles).where(eq(roles.key, role.key));
          const permissions = [...new Set([...(current?.permissions ?? []), ...grant])].sort();
          await tx.update(roles).set({ permissions, version: nextVersion(roles.version) }).where(eq(roles.key, role.key));
        }
      }
      if (fresh.length) await tx.insert(permissionKeys).values(fresh.map((key) => ({ key }))).onConflictDoNothing();
      const [admin] = await tx.select({ permissions: roles.permissions }).from(roles).where(eq(roles.key, 'admin'));
      if (admin?.permissions.join() !== PERMISSION_KEYS.join()) await tx.update(roles).set({ permissions: PERMISSION_KEYS, version: nextVersion(roles.version) }).where(eq(roles.key, 'admin'));
    },
  };
}

export type RolesService = ReturnType<typeof makeRolesService>;
