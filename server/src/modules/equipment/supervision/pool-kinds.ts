import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import { escapeLike } from '../../../db/sql.js';
import { regionPrefix, regionWithin } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { invalid } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import { KEY_STRATUM, type PoolFilter, type PoolKindProvider, TIER_STRATA } from '../../inspections/index.js';
import { EQUIPMENT_STATUSES, KEY_UNIT_KINDS, equipmentCategories, equipmentUnits } from '../registry/registry.schema.js';
import { TIERS, equipmentUserTiers } from '../tiers/tiers.schema.js';

/** The filter keys of each pool kind (issue 16's contract). */
export const EQUIPMENT_FILTER_KEYS = ['category', 'regionCode', 'status', 'keyUnitKind', 'overdue', 'tier'] as const;
export const EQUIPMENT_USER_FILTER_KEYS = ['regionCode', 'keyUnitKind', 'tier'] as const;

/** Units that count for a user unit (使用单位): the ones in use or suspended (not scrapped or deregistered). */
const LIVE = sql`(${equipmentUnits.status} in ('in_use', 'suspended'))`;

const within = (column: AnyPgColumn, region: string) => sql`${column} like ${`${escapeLike(regionPrefix(region))}%`}`;

/** Checks a filter's keys and values; the shared ones (region, key-unit kind, tier) the same way for both kinds. */
async function cleanFilter(tx: Db, filter: PoolFilter, regionCode: string, known: readonly string[]): Promise<PoolFilter> {
  const unknown = Object.keys(filter).find((k) => !known.includes(k));
  if (unknown) throw invalid('filter', `此类名录库没有筛选条件：${unknown}`);
  const clean: PoolFilter = {};
  if (filter.regionCode) {
    if (!regionWithin(filter.regionCode, regionCode)) throw invalid('filter.regionCode', '筛选的行政区划应在名录库所属区划之内');
    clean.regionCode = filter.regionCode;
  }
  if (filter.keyUnitKind) {
    if (!(KEY_UNIT_KINDS as readonly string[]).includes(filter.keyUnitKind)) throw invalid('filter.keyUnitKind', `重点单位类别应为 ${KEY_UNIT_KINDS.join('、')} 之一`);
    clean.keyUnitKind = filter.keyUnitKind;
  }
  if (filter.tier) {
    if (!(TIERS as readonly string[]).includes(filter.tier)) throw invalid('filter.tier', '分级应为 A、B、C、D 之一');
    clean.tier = filter.tier;
  }
  if (filter.status) {
    if (!(EQUIPMENT_STATUSES as readonly string[]).includes(filter.status)) throw invalid('filter.status', `设备状态应为 ${EQUIPMENT_STATUSES.join('、')} 之一`);
    clean.status = filter.status;
  }
  if (filter.category) {
    const [category] = await tx.select({ code: equipmentCategories.code }).from(equipmentCategories).where(eq(equipmentCategories.code, filter.category));
    if (!category) throw invalid('filter.category', `未知的设备类别：${filter.category}`);
    clean.category = filter.category;
  }
  if (filter.overdue !== undefined && filter.overdue !== null) {
    if (typeof filter.overdue !== 'boolean') throw invalid('filter.overdue', '超期筛选应为 true 或 false');
    clean.overdue = filter.overdue;
  }
  return clean;
}

/** Overdue as the contract has it: in use, and today (China time) after its due date — not on the due day itself. */
const overdueSql = (today: string) => sql`coalesce(${equipmentUnits.status} = 'in_use' and ${equipmentUnits.nextInspectionDue} < ${today}, false)`;

/**
 * Pools of special-equipment units (keys: equipment codes). Members: units within the pool's
 * region whose user unit is in the register (the task goes to it), by the filter. Strata: the user
 * unit's tier (A–D, 未分类 when not yet tiered); a unit at a key-unit place (SAMR Order 57 §9) is in
 * the key stratum whatever its tier.
 */
export const equipmentPoolKind: PoolKindProvider = {
  kind: 'equipment',
  strata: TIER_STRATA,
  checkFilter: (tx, filter, regionCode) => cleanFilter(tx, filter, regionCode, EQUIPMENT_FILTER_KEYS),
  members(pool) {
    const f = pool.filter;
    const conds: SQL[] = [within(equipmentUnits.regionCode, pool.regionCode)];
    if (f.regionCode) conds.push(within(equipmentUnits.regionCode, f.regionCode));
    if (f.category) conds.push(sql`(${equipmentUnits.category} = ${f.category} or ${equipmentUnits.subcategory} = ${f.category})`);
    if (f.status) conds.push(sql`${equipmentUnits.status} = ${f.status}`);
    if (f.keyUnitKind) conds.push(sql`${equipmentUnits.keyUnitKind} = ${f.keyUnitKind}`);
    if (f.overdue === true) conds.push(overdueSql(todayInChina()));
    if (f.overdue === false) conds.push(sql`not ${overdueSql(todayInChina())}`);
    if (f.tier) conds.push(sql`${equipmentUserTiers.tier} = ${f.tier}`);
    return sql`select ${equipmentUnits.equipmentCode} as "key",
        case when ${equipmentUnits.keyUnitKind} is not null then ${KEY_STRATUM} else coalesce(${equipmentUserTiers.tier}, '未分类') end as "stratum"
      from ${equipmentUnits}
      join ${enterprises} on ${enterprises.uscc} = ${equipmentUnits.userUscc}
      left join ${equipmentUserTiers} on ${equipmentUserTiers.userUscc} = ${equipmentUnits.userUscc}
      where ${and(...conds)}`;
  },
  objects: (keys) =>
    sql`select ${equipmentUnits.equipmentCode} as "key", ${equipmentUnits.regionCode} as "regionCode", ${enterprises.uscc} as "uscc", ${enterprises.name} || '（' || ${equipmentUnits.equipmentCode} || '）' as "name"
      from ${equipmentUnits} join ${enterprises} on ${enterprises.uscc} = ${equipmentUnits.userUscc}
      where ${equipmentUnits.equipmentCode} = any(${keys})`,
};

/**
 * Pools of user units (使用单位; keys: USCCs): enterprises of the register with a unit in use or
 * suspended, within the pool's region by the enterprise's own region. Strata: their tier, or the
 * key stratum when one of those units is at a key-unit place.
 */
export const equipmentUserPoolKind: PoolKindProvider = {
  kind: 'equipment_user',
  strata: TIER_STRATA,
  checkFilter: (tx, filter, regionCode) => cleanFilter(tx, filter, regionCode, EQUIPMENT_USER_FILTER_KEYS),
  members(pool) {
    const f = pool.filter;
    const conds: SQL[] = [within(enterprises.regionCode, pool.regionCode), sql`exists (select 1 from ${equipmentUnits} where ${equipmentUnits.userUscc} = ${enterprises.uscc} and ${LIVE})`];
    if (f.regionCode) conds.push(within(enterprises.regionCode, f.regionCode));
    if (f.keyUnitKind) conds.push(sql`exists (select 1 from ${equipmentUnits} where ${equipmentUnits.userUscc} = ${enterprises.uscc} and ${LIVE} and ${equipmentUnits.keyUnitKind} = ${f.keyUnitKind})`);
    if (f.tier) conds.push(sql`${equipmentUserTiers.tier} = ${f.tier}`);
    const keyUnit = sql`exists (select 1 from ${equipmentUnits} where ${equipmentUnits.userUscc} = ${enterprises.uscc} and ${LIVE} and ${equipmentUnits.keyUnitKind} is not null)`;
    return sql`select ${enterprises.uscc} as "key", case when ${keyUnit} then ${KEY_STRATUM} else coalesce(${equipmentUserTiers.tier}, '未分类') end as "stratum"
      from ${enterprises}
      left join ${equipmentUserTiers} on ${equipmentUserTiers.userUscc} = ${enterprises.uscc}
      where ${and(...conds)}`;
  },
  objects: (keys) => sql`select ${enterprises.uscc} as "key", ${enterprises.regionCode} as "regionCode", ${enterprises.uscc} as "uscc", ${enterprises.name} as "name" from ${enterprises} where ${enterprises.uscc} = any(${keys})`,
};
