import { type SQL, and, eq, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../platform/access/scope.js';
import { enterprises, normalizeUscc } from '../enterprises/index.js';
import { licences } from './licences.schema.js';
import type { LicenceFilter } from './licences.service.js';
import { checkDate, orThrow } from '../../platform/validation/fields.js';

/**
 * The list's filters and the reader's data scope as one condition over `licences` joined to their
 * holder (`enterprises`): the list and the export select the same rows.
 */
export function licenceConditions(actor: Actor, filter: LicenceFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc })];
  if (filter.type) conds.push(eq(licences.typeKey, filter.type));
  if (filter.state) conds.push(eq(licences.state, filter.state));
  if (filter.regionCode) conds.push(sql`${enterprises.regionCode} like ${`${regionPrefix(filter.regionCode)}%`}`);
  if (filter.expiringBefore) conds.push(lte(licences.expiresOn, orThrow(checkDate(filter.expiringBefore, 'expiringBefore', '到期日'))));
  if (filter.uscc) conds.push(eq(enterprises.uscc, normalizeUscc(filter.uscc)));
  return and(...conds);
}
