import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../db/sql.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import type { ServiceEnv } from '../../test/app.js';
import { randomUscc } from '../enterprises/testing.js';
import { type EvaluatorGrade, creditEvaluators, creditListings, creditRatings } from './credit.schema.js';
import type { ModelVersion } from './model/scoring.js';
import { rescoreIds } from './model/scoring.js';

/** The enterprise a factory acts on (as `makeEnterprise` returns it). */
interface Subject {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
}

let seq = 0;
const distinct = () => `${Date.now().toString(36)}${(++seq).toString(36)}${randomInt(1e6).toString(36)}`;

/**
 * Puts an enterprise on the dishonest list directly (status `listed`, listed on `listedOn`), without
 * the listing workflow and without rescoring (test factory: each such row is a `credit.listed` event).
 */
export async function listEnterprise(env: ServiceEnv, e: Subject, opts: { listedOn?: string; until?: string } = {}) {
  const listedOn = opts.listedOn ?? todayInChina();
  const [row] = await env.db
    .insert(creditListings)
    .values({
      listingNo: `SXT${distinct()}`,
      enterpriseId: e.id,
      uscc: e.uscc,
      regionCode: e.regionCode,
      enterpriseName: e.name,
      source: 'manual',
      reason: '测试列入',
      legalBasis: '《市场监督管理严重违法失信名单管理办法》第二条',
      status: 'listed',
      proposedByName: '测试',
      listedOn,
      until: opts.until ?? `${Number(listedOn.slice(0, 4)) + 3}${listedOn.slice(4)}`,
    })
    .returning();
  return row!;
}

/** Ends a factory listing (status `removed`) without rescoring. */
export async function unlistEnterprise(env: ServiceEnv, listingId: string) {
  await env.db.update(creditListings).set({ status: 'removed', removedOn: todayInChina(), removalKind: 'revoked' }).where(eq(creditListings.id, listingId));
}

/** A registered third-party evaluator (test factory; no org or accounts). */
export async function makeEvaluator(env: ServiceEnv) {
  const [row] = await env.db.insert(creditEvaluators).values({ name: `测试信用评价机构${distinct()}`, uscc: randomUscc('320800') }).returning();
  return row!;
}

/** An evaluator's rating of an enterprise, directly (test factory; no rescoring). */
export async function rateEnterprise(env: ServiceEnv, e: Subject, opts: { grade: EvaluatorGrade; ratedOn?: string; validUntil?: string; evaluatorId?: string }) {
  const ratedOn = opts.ratedOn ?? todayInChina();
  const evaluatorId = opts.evaluatorId ?? (await makeEvaluator(env)).id;
  const [row] = await env.db
    .insert(creditRatings)
    .values({ evaluatorId, enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, grade: opts.grade, ratedOn, validUntil: opts.validUntil ?? `${Number(ratedOn.slice(0, 4)) + 2}${ratedOn.slice(4)}`, reportNo: `PJ${distinct()}`, enteredByName: '测试' })
    .returning();
  return row!;
}

/** Scores enterprises now in a transaction of their own (with the model in effect on `today`, or the one given). */
export function scoreNow(env: ServiceEnv, ids: string[], opts: { today?: string; model?: ModelVersion } = {}) {
  return inTransaction(env.db, (tx) => rescoreIds(tx, ids, 'score', opts.today ?? todayInChina(), opts.model));
}
