import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { equipmentCategories, equipmentUnits } from '../registry/registry.schema.js';
import { equipmentOperators, operatorCertificates } from './operators.schema.js';

/**
 * Whether a unit (a row of `equipment_units` joined to its top category in `equipment_categories`)
 * has a certified operator on `today`: an operator employed by the unit's user enterprise holds an
 * unrevoked certificate, issued by then and not expired (`expiresOn` ≥ today), of one of the work
 * items its category names (`operatorWorkItems`).
 */
export const coveredSql = (today: string) => sql<boolean>`exists (
  select 1 from ${operatorCertificates}
  join ${equipmentOperators} on ${equipmentOperators.id} = ${operatorCertificates.operatorId}
  where ${equipmentOperators.employerUscc} = ${equipmentUnits.userUscc}
    and ${operatorCertificates.revokedOn} is null
    and ${operatorCertificates.issuedOn} <= ${today}
    and ${operatorCertificates.expiresOn} >= ${today}
    and ${operatorCertificates.workItem} = any(${equipmentCategories.operatorWorkItems})
)`;

/** Units needing a certified operator: in use, of a category whose `needsOperator` is set. */
export const needingWhere = () => and(eq(equipmentUnits.status, 'in_use'), eq(equipmentCategories.needsOperator, true));

/** The unit's top category (the one that says whether it needs an operator and which work items qualify). */
export const categoryJoin = eq(equipmentCategories.code, equipmentUnits.category);

export interface CertifiedOperatorRate {
  /** Units in use that need a certified operator. */
  needing: number;
  /** Of them, those with one (see coveredSql). */
  covered: number;
  /** covered ÷ needing; null when no unit needs one. */
  rate: number | null;
}

/**
 * The certified-operator rate (持证上岗率) over the units `where` selects (a condition on
 * `equipment_units`: a data scope from `visibleTo`, a user enterprise…) or, with `regionCode`,
 * over the units of that division and those below it. For the dashboard and the user-unit view.
 */
export async function certifiedOperatorRate(db: Db, opts: { where?: SQL; regionCode?: string; today?: string } = {}): Promise<CertifiedOperatorRate> {
  const today = opts.today ?? todayInChina();
  const region = opts.regionCode ? sql`${equipmentUnits.regionCode} like ${`${regionPrefix(opts.regionCode)}%`}` : undefined;
  const [row] = await db
    .select({ needing: sql<number>`count(*)::int`, covered: sql<number>`(count(*) filter (where ${coveredSql(today)}))::int` })
    .from(equipmentUnits)
    .innerJoin(equipmentCategories, categoryJoin)
    .where(and(needingWhere(), opts.where, region));
  const needing = row?.needing ?? 0;
  const covered = row?.covered ?? 0;
  return { needing, covered, rate: rateOf(covered, needing) };
}

/** part ÷ whole rounded to 4 decimals; null when the whole is 0. */
export const rateOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

