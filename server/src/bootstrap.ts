import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { inTransaction } from './db/sql.js';
import { systemContext } from './platform/access/actor.js';
import type { RolesService } from './platform/access/roles.service.js';
import type { AuditService } from './platform/audit/audit.service.js';
import { assertStrongPassword, generatePassword, hashPassword } from './platform/auth/password.js';
import { ORG_TYPES, type OrgType, orgs, regions } from './platform/jurisdiction/jurisdiction.schema.js';
import { userRoles, users } from './platform/users/users.schema.js';
import type { LicenceTypesService } from './modules/licences/licence-types.service.js';

interface JurisdictionFile {
  regions: { code: string; name: string; parentCode: string | null; formerCodes?: string[] }[];
  orgs: OrgNode[];
}
interface OrgNode {
  name: string;
  /** Short name used in document numbers (bureaus). */
  shortName?: string;
  type: OrgType;
  regionCode: string;
  children?: OrgNode[];
}

const FIRST_START_LOCK = 720_800_003;

/** Reads and checks the jurisdiction file (regions and the default org tree). */
export function readJurisdiction(file: string): JurisdictionFile {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as JurisdictionFile;
  const codes = new Set(data.regions.map((r) => r.code));
  const check = (n: OrgNode) => {
    if (!ORG_TYPES.includes(n.type)) throw new Error(`${file}: org "${n.name}" has unknown type "${n.type}"`);
    if (!codes.has(n.regionCode)) throw new Error(`${file}: org "${n.name}" has unknown region ${n.regionCode}`);
    n.children?.forEach(check);
  };
  data.orgs.forEach(check);
  return data;
}

/**
 * First-start data, idempotent and safe when several processes start at once: the jurisdiction
 * (when the database has none), the built-in roles, the preloaded licence types, and the `admin` account.
 * Returns the generated admin password when one had to be made (print it once).
 */
export async function bootstrap(
  services: { db: Db; audit: AuditService; roles: RolesService; licenceTypes: LicenceTypesService },
  config: Pick<Config, 'jurisdictionFile' | 'adminPassword' | 'password'>,
) {
  const deps = { ...services, jurisdictionFile: config.jurisdictionFile, adminPassword: config.adminPassword, passwordMinLength: config.password.minLength };
  const ctx = systemContext();
  return inTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_START_LOCK})`);
    await deps.roles.ensureBuiltins(tx);

    const [anyRegion] = await tx.select({ code: regions.code }).from(regions).limit(1);
    if (!anyRegion) {
      const data = readJurisdiction(deps.jurisdictionFile);
      const levelOf = new Map<string, number>();
      for (const r of data.regions) {
        const level = r.parentCode ? (levelOf.get(r.parentCode) ?? 0) + 1 : 1;
        levelOf.set(r.code, level);
        await tx.insert(regions).values({ code: r.code, name: r.name, parentCode: r.parentCode, level, formerCodes: r.formerCodes ?? [] });
      }
      const insertTree = async (nodes: OrgNode[], parentId: string | null) => {
        for (const n of nodes) {
          const [row] = await tx.insert(orgs).values({ name: n.name, shortName: n.shortName ?? null, type: n.type, regionCode: n.regionCode, parentId }).returning({ id: orgs.id });
          await insertTree(n.children ?? [], row!.id);
        }
      };
      await insertTree(data.orgs, null);
      await deps.audit.record(tx, ctx, { action: 'jurisdiction.seeded', targetType: 'jurisdiction', after: { regions: data.regions.length, file: deps.jurisdictionFile } });
    }
    await deps.licenceTypes.ensureTypes(tx);

    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    if (admin) return { generatedAdminPassword: null };
    const [root] = await tx.select().from(orgs).where(eq(orgs.type, 'city_bureau')).orderBy(orgs.createdAt).limit(1);
    if (!root) throw new Error('First start: the jurisdiction has no city_bureau org to place the admin account in');
    if (deps.adminPassword) assertStrongPassword(deps.adminPassword, deps.passwordMinLength);
    const password = deps.adminPassword ?? generatePassword();
    const [row] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '系统管理员', orgId: root.id, regionCode: root.regionCode, passwordHash: await hashPassword(password), mustChangePassword: !deps.adminPassword })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: row!.id, roleKey: 'admin' });
    await deps.audit.record(tx, ctx, { action: 'user.created', targetType: 'user', targetId: row!.id, after: { username: 'admin', roles: ['admin'], generatedPassword: !deps.adminPassword } });
    return { generatedAdminPassword: deps.adminPassword ? null : password };
  });
}
