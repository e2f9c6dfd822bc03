import { type SQL, and, asc, eq, ilike, isNull, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { regionPrefix, regionWithin, visibleTo } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { type ExpectedVersion, assertVersion } from '../http/etag.js';
import { type Page, offsetOf } from '../http/schemas.js';
import { invalid } from '../validation/fields.js';
import { isPhone, phoneOf } from '../validation/phone.js';
import { type OrgType, orgs, regions } from './jurisdiction.schema.js';

export interface OrgFilter {
  q?: string;
  type?: OrgType;
  regionCode?: string;
  parentId?: string;
}

export interface CreateOrgInput {
  name: string;
  /** The short name documents are numbered with; null or blank for none. */
  shortName?: string | null;
  /** The address and phone the bureau gives the public; null or blank for none. */
  address?: string | null;
  phone?: string | null;
  type: OrgType;
  regionCode: string;
  parentId?: string;
}

export interface UpdateOrgInput {
  name?: string;
  /** null or blank clears it (documents then use the full name). */
  shortName?: string | null;
  /** null or blank clears it. */
  address?: string | null;
  /** null or blank clears it. */
  phone?: string | null;
  regionCode?: string;
  parentId?: string;
  active?: boolean;
}

const parents = alias(orgs, 'parent');

const orgColumns = {
  id: orgs.id,
  name: orgs.name,
  shortName: orgs.shortName,
  address: orgs.address,
  phone: orgs.phone,
  type: orgs.type,
  regionCode: orgs.regionCode,
  regionName: regions.name,
  parentId: orgs.parentId,
  parentName: parents.name,
  active: orgs.active,
  version: orgs.version,
  createdAt: orgs.createdAt,
};

export type OrgView = {
  id: string;
  name: string;
  shortName: string | null;
  address: string | null;
  phone: string | null;
  type: OrgType;
  regionCode: string;
  regionName: string | null;
  parentId: string | null;
  parentName: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
};

const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: orgs.regionCode, orgId: orgs.id });

export function makeJurisdictionService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** `lock`: the org's row is locked until the transaction ends (for a change). */
  async function findOrg(tx: Db, actor: Actor | null, id: string, lock = false): Promise<OrgView> {
    const query = tx
      .select(orgColumns)
      .from(orgs)
      .leftJoin(regions, eq(regions.code, orgs.regionCode))
      .leftJoin(parents, eq(parents.id, orgs.parentId))
      .where(and(eq(orgs.id, id), actor ? scopeOf(actor) : undefined));
    const [row] = await (lock ? query.for('update', { of: orgs }) : query);
    if (!row) throw notFound('机构');
    return row;
  }

  async function requireRegion(tx: Db, code: string) {
    const [region] = await tx.select().from(regions).where(eq(regions.code, code));
    if (!region || !region.active) throw new AppError('UNKNOWN_REGION', `行政区划代码 ${code} 不在本辖区内`, 400, { field: 'regionCode' });
    return region;
  }

  /** The parent must be visible to the actor and its region must contain the child's. */
  async function checkPlacement(tx: Db, actor: Actor, regionCode: string, parentId: string | null, selfId?: string) {
    await requireRegion(tx, regionCode);
    if (actor.dataScope !== 'all' && !regionWithin(regionCode, actor.regionCode)) {
      throw forbidden('不能在本辖区以外设立或调整机构');
    }
    if (!parentId) return;
    const parent = await findOrg(tx, actor, parentId);
    if (!regionWithin(regionCode, parent.regionCode)) {
      throw new AppError('REGION_OUTSIDE_PARENT', '机构所在行政区划必须属于上级机构的辖区', 400, { field: 'regionCode' });
    }
    // Walk up from the new parent: reaching the org itself would make a cycle.
    for (let cursor: string | null = parentId; cursor && selfId; ) {
      if (cursor === selfId) throw new AppError('ORG_CYCLE', '不能把机构移到其自身或下级机构之下', 400, { field: 'parentId' });
      const [up]: { parentId: string | null }[] = await tx.select({ parentId: orgs.parentId }).from(orgs).where(eq(orgs.id, cursor));
      cursor = up?.parentId ?? null;
    }
  }

  /** The root city bureau, default parent of new orgs. */
  async function rootOrg(tx: Db = db) {
    const [root] = await tx.select().from(orgs).where(and(isNull(orgs.parentId), eq(orgs.type, 'city_bureau'))).orderBy(asc(orgs.createdAt)).limit(1);
    return root ?? null;
  }

  return {
    async listRegions() {
      return db.select().from(regions).where(eq(regions.active, true)).orderBy(asc(regions.code));
    },

    /** Maps current and historic division codes (e.g. 320829 → 320813) to current ones; unknown → null. */
    async regionResolver(tx: Db = db): Promise<(code: string) => string | null> {
      const all = await tx.select({ code: regions.code, formerCodes: regions.formerCodes }).from(regions).where(eq(regions.active, true));
      const map = new Map<string, string>();
      for (const r of all) for (const former of r.formerCodes) map.set(former, r.code);
      for (const r of all) map.set(r.code, r.code);
      return (code) => map.get(code) ?? null;
    },

    async listOrgs(actor: Actor, filter: OrgFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.q) conds.push(ilike(orgs.name, `%${escapeLike(filter.q.trim())}%`));
      if (filter.type) conds.push(eq(orgs.type, filter.type));
      if (filter.regionCode) conds.push(like(orgs.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
      if (filter.parentId) conds.push(eq(orgs.parentId, filter.parentId));
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        db
          .select(orgColumns)
          .from(orgs)
          .leftJoin(regions, eq(regions.code, orgs.regionCode))
      .leftJoin(parents, eq(parents.id, orgs.parentId))
          .where(where)
          .orderBy(asc(orgs.regionCode), asc(orgs.type), asc(orgs.name), asc(orgs.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(orgs).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** An org visible to the actor (404 otherwise, exactly as a missing one); `null` actor means the system. */
    getOrg: (actor: Actor | null, id: string, tx: Db = db) => findOrg(tx, actor, id),

    rootOrg,

    /**
     * The bureau competent for a place: the active county bureau whose region covers it (the
     * narrowest one), else the root city bureau. Work about a market entity lands there.
     */
    async competentBureau(regionCode: string, tx: Db = db) {
      const bureaus = await tx.select().from(orgs).where(and(eq(orgs.type, 'county_bureau'), eq(orgs.active, true)));
      const covering = bureaus.filter((b) => regionWithin(regionCode, b.regionCode)).sort((a, b) => regionPrefix(b.regionCode).length - regionPrefix(a.regionCode).length);
      const bureau = covering[0] ?? (await rootOrg(tx));
      if (!bureau) throw new Error('No city bureau: the jurisdiction has not been loaded');
      return bureau;
    },

    /** `competentBureau`'s org id, remembered per region for one run (daily jobs ask it for thousands of records). */
    competentBureauIds(tx: Db = db): (regionCode: string) => Promise<string> {
      const ids = new Map<string, Promise<string>>();
      return (regionCode) => {
        let id = ids.get(regionCode);
        if (!id) ids.set(regionCode, (id = this.competentBureau(regionCode, tx).then((b) => b.id)));
        return id;
      };
    },

    async createOrg(ctx: RequestContext & { actor: Actor }, input: CreateOrgInput): Promise<OrgView> {
      return inTransaction(db, async (tx) => {
        const name = input.name.trim();
        if (!name) throw new AppError('VALIDATION', '机构名称不能为空', 400, { field: 'name' });
        const parentId = input.parentId ?? (await rootOrg(tx))?.id ?? null;
        await checkPlacement(tx, ctx.actor, input.regionCode, parentId);
        await assertNameFree(tx, parentId, name);
        const [row] = await tx.insert(orgs).values({ name, shortName: shortNameOf(input.shortName), ...contactOf(input), type: input.type, regionCode: input.regionCode, parentId }).returning({ id: orgs.id });
        const created = await findOrg(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'org.created', targetType: 'org', targetId: created.id, after: created });
        return created;
      });
    },

    /** Changes the given fields; `expected` (If-Match) must name the org's version. */
    async updateOrg(ctx: RequestContext & { actor: Actor }, id: string, input: UpdateOrgInput, expected?: ExpectedVersion): Promise<OrgView> {
      return inTransaction(db, async (tx) => {
        const before = await findOrg(tx, ctx.actor, id, true);
        assertVersion(expected, before.version);
        const next = {
          name: input.name?.trim() ?? before.name,
          shortName: input.shortName === undefined ? before.shortName : shortNameOf(input.shortName),
          ...contactOf(input, before),
          regionCode: input.regionCode ?? before.regionCode,
          parentId: input.parentId ?? before.parentId,
          active: input.active ?? before.active,
        };
        if (!next.name) throw new AppError('VALIDATION', '机构名称不能为空', 400, { field: 'name' });
        if (next.regionCode !== before.regionCode || next.parentId !== before.parentId) {
          await checkPlacement(tx, ctx.actor, next.regionCode, next.parentId, id);
        }
        if (next.name !== before.name || next.parentId !== before.parentId) await assertNameFree(tx, next.parentId, next.name, id);
        await tx.update(orgs).set({ ...next, version: nextVersion(orgs.version), updatedAt: new Date() }).where(eq(orgs.id, id));
        const after = await findOrg(tx, null, id);
        await audit.record(tx, ctx, { action: 'org.updated', targetType: 'org', targetId: id, before, after });
        return after;
      });
    },
  };
}

/** A short name as stored: trimmed, null when blank. */
const shortNameOf = (value: string | null | undefined): string | null => value?.trim() || null;

const ADDRESS_MAX = 200;

/**
 * The contact as stored: trimmed, null when blank, `before`'s where not given; 400 VALIDATION for an
 * address over 200 characters or a phone that is neither a mobile nor a landline with its area code.
 */
function contactOf(input: { address?: string | null; phone?: string | null }, before?: { address: string | null; phone: string | null }) {
  const address = input.address === undefined ? (before?.address ?? null) : input.address?.trim() || null;
  if (address && [...address].length > ADDRESS_MAX) throw invalid('address', `地址不能超过 ${ADDRESS_MAX} 个字`);
  const phone = input.phone === undefined ? (before?.phone ?? null) : phoneOf(input.phone ?? '') || null;
  if (phone && !isPhone(phone)) throw invalid('phone', '联系电话应为 11 位手机号码或带区号的固定电话号码（如 0517-83601234）');
  return { address, phone };
}

async function assertNameFree(tx: Db, parentId: string | null, name: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(parentId ? eq(orgs.parentId, parentId) : isNull(orgs.parentId), eq(orgs.name, name)));
  if (dup && dup.id !== exceptId) throw new AppError('ORG_NAME_TAKEN', `同一上级下已有名为“${name}”的机构`, 409, { field: 'name' });
}

export type JurisdictionService = ReturnType<typeof makeJurisdictionService>;
