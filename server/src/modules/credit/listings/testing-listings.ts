import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { ServiceEnv } from '../../../test/app.js';
import type { EnterprisesService } from '../../enterprises/index.js';

/*
 * Factories of the listings part's tests: staff actors, an enterprise's account actor, and a
 * listing taken through the workflow's services up to a stage on chosen days.
 */

/** A user with `roles` in `regionCode`'s bureau, as sessions load it. */
export async function staffActor(env: ServiceEnv, roles: string[], regionCode = '320826'): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id)) as Actor;
}

/** An enterprise account's actor for `uscc` (as sessions load it). */
export const enterpriseActor = (uscc: string, regionCode = '320826'): Actor => ({
  kind: 'user',
  id: crypto.randomUUID(),
  userId: crypto.randomUUID(),
  name: '企业账号',
  orgId: crypto.randomUUID(),
  regionCode,
  roles: ['enterprise'],
  permissions: new Set(['enterprise_self.read', 'enterprise_self.credit']),
  dataScope: 'enterprise',
  enterpriseUscc: uscc,
  mustChangePassword: false,
});

export const REASON = '销售不合格产品，货值金额较大，情节严重';
export const LEGAL_BASIS = '《市场监督管理严重违法失信名单管理办法》';

/**
 * A listing of `enterprise` (tests make it with enterprises' makeEnterprise), proposed by `proposer` (manual, or from
 * `caseId`), then as far as `stage`: noticed on `listedOn` − 20 days, listed on `listedOn` by
 * `decider` (after the answer period ended).
 */
export async function listingAt(
  env: ServiceEnv,
  stage: 'proposed' | 'noticed' | 'listed',
  opts: { proposer: Actor; decider?: Actor; listedOn?: string; noticedOn?: string; enterprise: Awaited<ReturnType<EnterprisesService['create']>>; caseId?: string },
) {
  const { enterprise } = opts;
  const svc = env.services.credit.listings;
  let listing = await svc.propose({ actor: opts.proposer }, { uscc: enterprise.uscc, source: opts.caseId ? 'case' : 'manual', caseId: opts.caseId, reason: REASON, legalBasis: LEGAL_BASIS });
  if (stage === 'proposed') return { enterprise, listing };
  const listedOn = opts.listedOn ?? todayInChina();
  listing = await svc.notice({ actor: opts.proposer }, listing.id, undefined, opts.noticedOn ?? addDays(listedOn, -20));
  if (stage === 'noticed') return { enterprise, listing };
  if (!opts.decider) throw new Error('listingAt: a decider is needed to list');
  listing = await svc.decide({ actor: opts.decider }, listing.id, { list: true, note: '情节严重，决定列入' }, undefined, listedOn);
  return { enterprise, listing };
}
