import { type SQL, and, asc, eq, ilike, inArray, like, ne, or, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { parseDate } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { normalizeUscc, usccProblem } from '../../enterprises/index.js';
import type { FrozenInspector } from '../draw/pool.js';
import { inspectorProfiles } from '../inspections.schema.js';

export const MAX_SPECIALTIES = 20;
export const MAX_PERIODS = 50;
export const MAX_CONFLICTS = 500;

export interface ActivePeriod {
  from: string;
  to: string | null;
}

export interface InspectorInput {
  certificateNo: string;
  specialties?: string[];
  /** `to` missing or null: open-ended. */
  activePeriods?: { from: string; to?: string | null }[];
  conflicts?: string[];
}

export interface InspectorFilter {
  q?: string;
  regionCode?: string;
  specialty?: string;
}

const inspectorColumns = {
  userId: inspectorProfiles.userId,
  username: users.username,
  displayName: users.displayName,
  userActive: users.active,
  orgId: users.orgId,
  orgName: orgs.name,
  certificateNo: inspectorProfiles.certificateNo,
  specialties: inspectorProfiles.specialties,
  activePeriods: inspectorProfiles.activePeriods,
  conflicts: inspectorProfiles.conflicts,
  regionCode: inspectorProfiles.regionCode,
  version: inspectorProfiles.version,
  createdAt: inspectorProfiles.createdAt,
  updatedAt: inspectorProfiles.updatedAt,
};

/** Profiles are scoped by the region copied from the user, and by the user's org and the user for narrower scopes. */
const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: inspectorProfiles.regionCode, orgId: users.orgId, ownerId: inspectorProfiles.userId });
const userScopeOf = (actor: Actor) => visibleTo(actor, { regionCode: users.regionCode, orgId: users.orgId, ownerId: users.id });

/** Trimmed, non-empty, distinct specialties in the order given. */
export function checkSpecialties(raw: readonly string[] = []): string[] {
  if (raw.length > MAX_SPECIALTIES) throw invalid('specialties', `专业领域至多 ${MAX_SPECIALTIES} 项`);
  const out: string[] = [];
  raw.forEach((s, i) => {
    const specialty = requireText(s, `specialties.${i}`, '专业领域', 50);
    if (!out.includes(specialty)) out.push(specialty);
  });
  return out;
}

/** Real YYYY-MM-DD dates with `from` ≤ `to` (`to` null: open-ended), sorted by `from`. */
export function checkActivePeriods(raw: readonly { from: string; to?: string | null }[] = []): ActivePeriod[] {
  if (raw.length > MAX_PERIODS) throw invalid('activePeriods', `在岗期间至多 ${MAX_PERIODS} 段`);
  const valid = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && parseDate(d) !== null;
  return raw
    .map((p, i) => {
      if (!valid(p.from)) throw invalid(`activePeriods.${i}.from`, '在岗期间的开始日期应为 YYYY-MM-DD 格式的日期', 'INVALID_DATE');
      const to = p.to ?? null;
      if (to !== null && !valid(to)) throw invalid(`activePeriods.${i}.to`, '在岗期间的结束日期应为 YYYY-MM-DD 格式的日期', 'INVALID_DATE');
      if (to !== null && to < p.from) throw invalid(`activePeriods.${i}.to`, '在岗期间的结束日期不能早于开始日期', 'PERIOD_INVALID');
      return { from: p.from, to };
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** USCCs normalized (trim, upper case) and checked, distinct and sorted; a bad one is 400 with its code on `conflicts.<i>`. */
export function checkConflicts(raw: readonly string[] = []): string[] {
  if (raw.length > MAX_CONFLICTS) throw invalid('conflicts', `回避企业至多 ${MAX_CONFLICTS} 家`);
  const out = new Set<string>();
  raw.forEach((r, i) => {
    const uscc = normalizeUscc(r);
    const problem = usccProblem(uscc);
    if (problem) throw new AppError(problem.code, problem.message, 400, { field: `conflicts.${i}`, ...('position' in problem && problem.position ? { position: problem.position } : {}) });
    out.add(uscc);
  });
  return [...out].sort();
}

/** A region code and the divisions above it (320826001 → 320826001, 320826, 320800, 320000). */
function selfAndAncestors(code: string): string[] {
  const out = [code];
  if (code.length > 6) {
    if (code.length === 12) out.push(code.slice(0, 9));
    code = code.slice(0, 6);
    out.push(code);
  }
  out.push(`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`);
  return [...new Set(out)];
}

/**
 * The inspector pool for a draw in `regionCode`: the profiles of users (`accountActive` says whether they may sign in) whose region covers
 * the region or lies within it, in user-id order. Each inspector's own region is checked again per
 * object by the eligibility rules; `conflicts` are the USCCs the inspector declared.
 */
export async function poolFor(tx: Db, regionCode: string): Promise<FrozenInspector[]> {
  // Disabled accounts too: the draw freezes its pool with them, excluded as `inactive`.
  const rows = await tx
    .select({ userId: inspectorProfiles.userId, regionCode: inspectorProfiles.regionCode, activePeriods: inspectorProfiles.activePeriods, specialties: inspectorProfiles.specialties, conflicts: inspectorProfiles.conflicts, accountActive: users.active })
    .from(inspectorProfiles)
    .innerJoin(users, eq(users.id, inspectorProfiles.userId))
    .where(or(like(inspectorProfiles.regionCode, `${escapeLike(regionPrefix(regionCode))}%`), inArray(inspectorProfiles.regionCode, selfAndAncestors(regionCode))))
    .orderBy(asc(inspectorProfiles.userId));
  return rows;
}

/**
 * Inspectors as people — name and enforcement certificate number (null for one no longer in the
 * pool) — by user id, in user-id order; one array parameter, for a pool of any size.
 */
export async function inspectorPeople(tx: Db, ids: readonly string[]): Promise<{ userId: string; name: string; certificateNo: string | null }[]> {
  if (ids.length === 0) return [];
  const { rows } = (await tx.execute(sql`
    select u.id as "userId", u.display_name as "name", p.certificate_no as "certificateNo"
    from users u left join inspector_profiles p on p.user_id = u.id
    where u.id = any(${param([...ids])}::uuid[]) order by u.id`)) as unknown as { rows: { userId: string; name: string; certificateNo: string | null }[] };
  return rows;
}

/**
 * The inspector pool (执法检查人员名录库): users with an enforcement certificate number, their
 * specialties, the periods they may be drawn, and the enterprises they declared a conflict with.
 */
export function makeInspectorsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  const select = (tx: Db) => tx.select(inspectorColumns).from(inspectorProfiles).innerJoin(users, eq(users.id, inspectorProfiles.userId)).innerJoin(orgs, eq(orgs.id, users.orgId));

  async function find(tx: Db, actor: Actor | null, userId: string) {
    const [row] = await select(tx).where(and(eq(inspectorProfiles.userId, userId), actor ? scopeOf(actor) : undefined));
    if (!row) throw notFound('执法检查人员');
    return row;
  }

  return {
    /** Inspectors in the actor's scope by name; `q` matches display name, username or certificate number. */
    async list(actor: Actor, filter: InspectorFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.regionCode) conds.push(like(inspectorProfiles.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
      if (filter.specialty) conds.push(sql`${filter.specialty} = any(${inspectorProfiles.specialties})`);
      const q = filter.q?.trim();
      if (q) {
        const pattern = `%${escapeLike(q)}%`;
        conds.push(or(ilike(users.displayName, pattern), ilike(users.username, pattern), ilike(inspectorProfiles.certificateNo, pattern)));
      }
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        select(db).where(where).orderBy(asc(users.displayName), asc(inspectorProfiles.userId)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(inspectorProfiles).innerJoin(users, eq(users.id, inspectorProfiles.userId)).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, userId: string) => find(db, actor, userId),

    /**
     * Puts a user in the pool or updates their profile. The user must exist, be active and be in
     * the actor's scope (404 otherwise); the profile takes the user's region. `expected` (If-Match)
     * must name the profile's version (0: not in the pool yet).
     */
    async put(ctx: RequestContext & { actor: Actor }, userId: string, input: InspectorInput, expected?: ExpectedVersion) {
      const certificateNo = requireText(input.certificateNo, 'certificateNo', '执法证号', 50);
      const specialties = checkSpecialties(input.specialties);
      const activePeriods = checkActivePeriods(input.activePeriods);
      const conflicts = checkConflicts(input.conflicts);
      return inTransaction(db, async (tx) => {
        const [user] = await tx
          .select({ id: users.id, regionCode: users.regionCode })
          .from(users)
          .where(and(eq(users.id, userId), eq(users.active, true), userScopeOf(ctx.actor)));
        if (!user) throw notFound('用户');
        const [taken] = await tx
          .select({ userId: inspectorProfiles.userId })
          .from(inspectorProfiles)
          .where(and(eq(inspectorProfiles.certificateNo, certificateNo), ne(inspectorProfiles.userId, userId)));
        if (taken) throw new AppError('DUPLICATE', `执法证号 ${certificateNo} 已登记给其他人员`, 409, { field: 'certificateNo' });
        const values = { certificateNo, specialties, activePeriods, conflicts, regionCode: user.regionCode };
        const lock = () => tx.select({ version: inspectorProfiles.version }).from(inspectorProfiles).where(eq(inspectorProfiles.userId, userId)).for('update');
        let [existing] = await lock();
        assertVersion(expected, existing?.version ?? 0);
        let created = false;
        if (!existing) {
          // Added by someone else since the look above: the insert waits for them, then this is a change of their profile.
          const [inserted] = await tx.insert(inspectorProfiles).values({ userId, ...values }).onConflictDoNothing({ target: inspectorProfiles.userId }).returning({ version: inspectorProfiles.version });
          created = !!inserted;
          if (!created) {
            [existing] = await lock();
            assertVersion(expected, existing!.version);
          }
        }
        const before = created ? null : await find(tx, null, userId);
        if (!created) await tx.update(inspectorProfiles).set({ ...values, version: nextVersion(inspectorProfiles.version), updatedAt: new Date() }).where(eq(inspectorProfiles.userId, userId));
        const after = await find(tx, null, userId);
        await audit.record(tx, ctx, { action: created ? 'inspector.added' : 'inspector.updated', targetType: 'inspector', targetId: userId, before, after });
        return { inspector: after, created };
      });
    },

    /** Takes an inspector out of the pool (the user account stays). `expected`: If-Match. */
    async remove(ctx: RequestContext & { actor: Actor }, userId: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        await find(tx, ctx.actor, userId);
        const [locked] = await tx.select({ version: inspectorProfiles.version }).from(inspectorProfiles).where(eq(inspectorProfiles.userId, userId)).for('update');
        assertVersion(expected, locked?.version ?? null);
        const before = await find(tx, null, userId);
        await tx.delete(inspectorProfiles).where(eq(inspectorProfiles.userId, userId));
        await audit.record(tx, ctx, { action: 'inspector.removed', targetType: 'inspector', targetId: userId, before });
      });
    },
  };
}

export type InspectorsService = ReturnType<typeof makeInspectorsService>;
