import { type SQL, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../platform/access/scope.js';
import { AppError } from '../../platform/http/errors.js';
import { spotcheckInstitutions, spotcheckLots, spotcheckObjections, spotcheckSamples } from './spotchecks.schema.js';

/**
 * Who sees what of spot checks (README.md § Data scope):
 * - staff: the catalogue, plans, lots and institutions are the city's planning and all staff read
 *   them; samples (and their objections and follow-ups) by the enterprise's region (`visibleTo`);
 * - a testing institution's accounts (role `institution`, scope `org`): the lots open for
 *   applications, the lots assigned to their institution and those lots' samples, and the samples
 *   they retest;
 * - an enterprise's accounts: their own samples (`/api/my/spotchecks`).
 */

/** A user of the city bureau (region 3208…): plans, approvals and the choice of institutions are the city's. */
export const isCityUser = (actor: Actor): boolean => actor.enterpriseUscc == null && regionPrefix(actor.regionCode).length <= 4 && actor.dataScope !== 'org';

/** 403 NOT_CITY unless the actor is a city bureau user. */
export function assertCity(actor: Actor, what: string): void {
  if (!isCityUser(actor)) throw new AppError('NOT_CITY', `只有市局可以${what}`, 403);
}

/** Whether the actor acts for a testing institution (its accounts hold `spotcheck.result` with the `org` scope). */
export const isInstitutionAccount = (actor: Actor): boolean => actor.dataScope === 'org' && actor.permissions.has('spotcheck.result');

/** The institution an institution account acts for (its org), or null. */
export async function institutionOf(tx: Db, actor: Actor): Promise<{ id: string; name: string } | null> {
  if (!isInstitutionAccount(actor)) return null;
  const [row] = await tx.select({ id: spotcheckInstitutions.id, name: spotcheckInstitutions.name }).from(spotcheckInstitutions).where(eq(spotcheckInstitutions.orgId, actor.orgId));
  return row ?? null;
}

/** The condition on `spotcheck_samples` for the actor (undefined: all). An institution's account without an institution sees none. */
export async function sampleScope(tx: Db, actor: Actor): Promise<SQL | undefined> {
  if (isInstitutionAccount(actor)) {
    const inst = await institutionOf(tx, actor);
    if (!inst) return sql`false`;
    return or(eq(spotcheckSamples.institutionId, inst.id), sql`exists (select 1 from ${spotcheckObjections} o where o.sample_id = ${spotcheckSamples.id} and o.retest_institution_id = ${inst.id})`);
  }
  return visibleTo(actor, { regionCode: spotcheckSamples.regionCode, uscc: spotcheckSamples.uscc });
}

/** The condition on `spotcheck_lots` for the actor: staff all; an institution's account the open lots and its own. */
export async function lotScope(tx: Db, actor: Actor): Promise<SQL | undefined> {
  if (actor.enterpriseUscc != null) return sql`false`;
  if (!isInstitutionAccount(actor)) return undefined;
  const inst = await institutionOf(tx, actor);
  return inst ? or(eq(spotcheckLots.status, 'open'), eq(spotcheckLots.institutionId, inst.id)) : eq(spotcheckLots.status, 'open');
}
