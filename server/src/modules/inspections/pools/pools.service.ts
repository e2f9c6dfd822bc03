import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, regionWithin, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import { CREDIT_CLASSES, ENTERPRISE_STATUSES, enterprises } from '../../enterprises/index.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { licences, licenceTypes } from '../../licences/index.js';
import { type PoolFilter, type PoolKind, POOL_KINDS, objectPools } from '../inspections.schema.js';
import { type PoolKindProvider, type PoolKinds, poolKindsOf } from '../target-kinds.js';

export interface PoolInput {
  name: string;
  /** What the pool holds; `enterprise` when absent. */
  targetKind?: PoolKind;
  filter: PoolFilter;
  /** Defaults to the actor's region. */
  regionCode?: string;
}

/** The register rows a pool holds: its filter within its region. Enterprises only for now. */
export function poolMembersWhere(pool: { regionCode: string; filter: PoolFilter }): SQL {
  const f = pool.filter;
  const conds: (SQL | undefined)[] = [sql`${enterprises.regionCode} like ${`${escapeLike(regionPrefix(pool.regionCode))}%`}`];
  if (f.regionCode) conds.push(sql`${enterprises.regionCode} like ${`${escapeLike(regionPrefix(f.regionCode))}%`}`);
  if (f.status) conds.push(eq(enterprises.status, f.status as (typeof ENTERPRISE_STATUSES)[number]));
  if (f.creditClass) conds.push(eq(enterprises.creditClass, f.creditClass as (typeof CREDIT_CLASSES)[number]));
  if (f.tag) conds.push(sql`${enterprises.tags} @> array[${f.tag}]::text[]`);
  if (f.industryPrefix) conds.push(sql`${enterprises.industryCode} like ${`${escapeLike(f.industryPrefix)}%`}`);
  if (f.licenceType) {
    const issuedIn = f.licenceIssuedYear ? sql` and ${licences.issuedOn} between ${`${f.licenceIssuedYear}-01-01`} and ${`${f.licenceIssuedYear}-12-31`}` : sql``;
    conds.push(
      sql`exists (select 1 from ${licences} where ${licences.enterpriseId} = ${enterprises.id} and ${licences.typeKey} = ${f.licenceType} and ${licences.state} in ('normal', 'warning', 'changeOrdered', 'suspended')${issuedIn})`,
    );
  }
  return and(...conds)!;
}

/**
 * Object pools (检查对象名录库): saved filters over the register (enterprises) or over another
 * module's register (`kinds`: special-equipment units and their user units), sized when asked.
 */
export function makePoolsService(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService; kinds?: readonly PoolKindProvider[] }) {
  const { db, audit } = deps;
  const kinds: PoolKinds = poolKindsOf(deps.kinds);

  /** The provider of a pool kind other than `enterprise` (null for enterprise pools). */
  function providerOf(kind: PoolKind): PoolKindProvider | null {
    if (kind === 'enterprise') return null;
    const provider = kinds.get(kind);
    if (!provider) throw new AppError('TARGET_KIND_UNAVAILABLE', `本系统未启用此类检查对象名录库：${kind}`, 400, { field: 'targetKind' });
    return provider;
  }
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: objectPools.regionCode, orgId: objectPools.orgId });

  async function checkFilter(tx: Db, filter: PoolFilter, regionCode: string): Promise<PoolFilter> {
    const known = ['regionCode', 'status', 'creditClass', 'tag', 'industryPrefix', 'licenceType', 'licenceIssuedYear'];
    const unknown = Object.keys(filter).find((k) => !known.includes(k));
    if (unknown) throw invalid('filter', `未知的筛选条件：${unknown}`);
    const clean: PoolFilter = {};
    if (filter.regionCode) {
      if (!regionWithin(filter.regionCode, regionCode)) throw invalid('filter.regionCode', '筛选的行政区划应在名录库所属区划之内');
      clean.regionCode = filter.regionCode;
    }
    if (filter.status) {
      if (!(ENTERPRISE_STATUSES as readonly string[]).includes(filter.status)) throw invalid('filter.status', `未知的登记状态：${filter.status}`);
      clean.status = filter.status;
    }
    if (filter.creditClass) {
      if (!(CREDIT_CLASSES as readonly string[]).includes(filter.creditClass)) throw invalid('filter.creditClass', `未知的信用等级：${filter.creditClass}`);
      clean.creditClass = filter.creditClass;
    }
    if (filter.tag?.trim()) clean.tag = filter.tag.trim();
    if (filter.industryPrefix?.trim()) {
      if (!/^[A-T]\d{0,4}$/.test(filter.industryPrefix.trim())) throw invalid('filter.industryPrefix', '行业代码前缀应为 GB/T 4754 门类字母加 0–4 位数字');
      clean.industryPrefix = filter.industryPrefix.trim();
    }
    if (filter.licenceType) {
      const [type] = await tx.select({ key: licenceTypes.key }).from(licenceTypes).where(eq(licenceTypes.key, filter.licenceType));
      if (!type) throw invalid('filter.licenceType', `未知的许可证类型：${filter.licenceType}`, 'LICENCE_TYPE_UNKNOWN');
      clean.licenceType = filter.licenceType;
    }
    if (filter.licenceIssuedYear !== undefined && filter.licenceIssuedYear !== null) {
      if (!clean.licenceType) throw invalid('filter.licenceIssuedYear', '按发证年度筛选时须同时选择许可证类型');
      if (!Number.isInteger(filter.licenceIssuedYear) || filter.licenceIssuedYear < 1990 || filter.licenceIssuedYear > 2100) throw invalid('filter.licenceIssuedYear', '发证年度应为 1990–2100 之间的整数');
      clean.licenceIssuedYear = filter.licenceIssuedYear;
    }
    return clean;
  }

  async function find(tx: Db, actor: Actor, id: string) {
    const [pool] = await tx.select().from(objectPools).where(and(eq(objectPools.id, id), scopeOf(actor)));
    if (!pool) throw notFound('检查对象名录库');
    return pool;
  }

  const sizeOf = async (tx: Db, pool: { targetKind: PoolKind; regionCode: string; filter: PoolFilter }) => {
    const provider = providerOf(pool.targetKind);
    if (provider) {
      const { rows } = (await tx.execute(sql`select count(*)::int as "n" from (${provider.members(pool)}) m`)) as unknown as { rows: { n: number }[] };
      return rows[0]?.n ?? 0;
    }
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(enterprises).where(poolMembersWhere(pool));
    return row?.n ?? 0;
  };

  /** Creates a pool inside the caller's transaction. */
  async function insert(tx: Db, ctx: RequestContext & { actor: Actor }, input: PoolInput) {
    const name = requireText(input.name, 'name', '名录库名称', 100);
    const regionCode = input.regionCode ?? ctx.actor.regionCode;
    if (!regionWithin(regionCode, ctx.actor.regionCode) && ctx.actor.dataScope !== 'all') throw forbidden('只能在本辖区内建立检查对象名录库');
    const resolve = await deps.jurisdiction.regionResolver(tx);
    if (!resolve(regionCode)) throw new AppError('REGION_UNKNOWN', `未知的行政区划代码：${regionCode}`, 400, { field: 'regionCode' });
    const targetKind = input.targetKind ?? 'enterprise';
    if (!(POOL_KINDS as readonly string[]).includes(targetKind)) throw invalid('targetKind', `名录库的对象类别应为 ${POOL_KINDS.join('、')} 之一`, 'TARGET_KIND_INVALID');
    const provider = providerOf(targetKind);
    const filter = provider ? await provider.checkFilter(tx, input.filter ?? {}, regionCode) : await checkFilter(tx, input.filter ?? {}, regionCode);
    const [row] = await tx.insert(objectPools).values({ name, targetKind, filter, regionCode, orgId: ctx.actor.orgId, createdByName: ctx.actor.name }).returning();
    await audit.record(tx, ctx, { action: 'object_pool.created', targetType: 'object_pool', targetId: row!.id, after: { name, targetKind, filter, regionCode } });
    return { ...row!, size: await sizeOf(tx, row!) };
  }

  return {
    find,
    insert,
    providerOf,

    create: (ctx: RequestContext & { actor: Actor }, input: PoolInput) => inTransaction(db, (tx) => insert(tx, ctx, input)),

    async list(actor: Actor) {
      const rows = await db.select().from(objectPools).where(scopeOf(actor)).orderBy(asc(objectPools.regionCode), asc(objectPools.name), asc(objectPools.id));
      const items = await Promise.all(rows.map(async (p) => ({ ...p, size: await sizeOf(db, p) })));
      return { items, total: items.length };
    },

    async get(actor: Actor, id: string) {
      const pool = await find(db, actor, id);
      return { ...pool, size: await sizeOf(db, pool) };
    },
  };
}

export type PoolsService = ReturnType<typeof makePoolsService>;
