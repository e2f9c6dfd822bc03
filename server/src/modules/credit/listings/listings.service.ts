import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Page } from '../../../platform/http/schemas.js';
import { enterpriseOf } from '../../../platform/access/enterprise-self.js';
import type { CreditPartDeps } from '../credit.deps.js';
import { makeListingExpiry } from './expiry.js';
import { renderListingNotice } from './notice-document.js';
import { publicDishonestCsv, publicDishonestList } from './public-list.js';
import { makeCreditRepairs } from './repairs.js';
import { type ListingRuleKey, listingCandidates } from './rules.js';
import { type ListingFilter, listListings, listingIn, myCredit } from './views.js';
import { makeListingWorkflow } from './workflow.js';

/** The dishonest list: proposals, advance notice, decisions, publication, removal, credit repair (see README.md). */
export function makeCreditListings(deps: CreditPartDeps) {
  const { db, jurisdiction, rules } = deps;
  const workflow = makeListingWorkflow(deps);

  return {
    ...workflow,
    repairs: makeCreditRepairs(deps),
    /** The daily removal of listings past their period, and the decision to-dos (job `credit.listing-expiry`). */
    expireDue: makeListingExpiry(deps),

    /** Listings in the actor's scope (`GET /api/credit-listings`). */
    list: (actor: Actor, filter: ListingFilter, page: Page) => inTransaction(db, (tx) => listListings(tx, actor, filter, page)),

    /** Enterprises matching a listing rule without an open listing (`GET /api/credit-listings/candidates`). */
    candidates: (actor: Actor, filter: { ruleKey?: ListingRuleKey }, page: Page, today = todayInChina()) => inTransaction(db, (tx) => listingCandidates(tx, actor, filter, page, today, rules)),

    /** The public dishonest list on `today`. */
    publicList: (filter: { q?: string }, page: Page, today = todayInChina()) => publicDishonestList(db, filter, page, today),

    /** The public dishonest list on `today` as CSV rows, the header first. */
    publicCsv: (filter: { q?: string }, today = todayInChina()) => publicDishonestCsv(db, filter, today),

    /** What an enterprise's account sees (`GET /api/my/credit`): its noticed listings and its repair applications. */
    my: (actor: Actor) => inTransaction(db, (tx) => myCredit(tx, enterpriseOf(actor))),

    /** The advance notice (.docx) of a noticed listing in scope (409 NOT_NOTICED before the notice). */
    async noticeDocument(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const row = await listingIn(tx, actor, id);
        if (!row.noticeSentOn) throw new AppError('NOT_NOTICED', '尚未告知企业', 409, { status: row.status });
        const bureau = await jurisdiction.competentBureau(row.regionCode, tx);
        return { fileName: `列入严重违法失信名单告知书-${row.listingNo}.docx`, content: await renderListingNotice(row, bureau.name) };
      });
    },
  };
}

export type CreditListings = ReturnType<typeof makeCreditListings>;
