import type { CreditRules } from '../../../config.js';
import type { Db } from '../../../db/client.js';
import { penaltyDecisions } from '../../cases/index.js';
import type { RepairCondition } from '../credit.schema.js';
import { addMonths } from './period.js';
import { seriousPenaltyText, seriousRecordsSince } from './serious.js';
import type { ListingRow } from './views.js';

/** The shortest commitment (信用承诺) text, in characters. */
export const COMMITMENT_MIN_CHARS = 20;
/** At most this many serious records are named in `no_new_violation`'s detail (then the count). */
const SERIOUS_NAMED = 5;

const yuan = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} 元`;

/**
 * The conditions of credit repair (信用修复, Order 44; README § Credit repair) for a listed
 * listing on `today`, as the system finds them:
 * - `min_time`: listed at least `minMonths` months (today on or after listedOn + minMonths);
 * - `penalties_paid`: the listing's case decided and its money (fines, confiscated gains) paid in
 *   full; met without a case (无关联案件);
 * - `no_new_violation`: no new 较重 penalty (serious.ts: a licence revoked, a decision revoking a
 *   licence or ordering a suspension, or fines plus confiscations of at least
 *   `seriousPenaltyYuan`) after listedOn, the listing's own case aside; a warning or a smaller
 *   fine does not stop repair. Its detail names the serious records found;
 * - `commitment`: a commitment of at least COMMITMENT_MIN_CHARS characters.
 */
export async function repairConditions(
  tx: Db,
  listing: ListingRow,
  commitment: string,
  rules: Pick<CreditRules, 'repairMinMonths' | 'seriousPenaltyYuan'>,
  today: string,
): Promise<RepairCondition[]> {
  const listedOn = listing.listedOn!;
  const minMonths = rules.repairMinMonths;
  const eligibleOn = addMonths(listedOn, minMonths);
  const minTime: RepairCondition = {
    key: 'min_time',
    met: today >= eligibleOn,
    detail: today >= eligibleOn ? `列入于 ${listedOn}，已满 ${minMonths} 个月` : `列入于 ${listedOn}，满 ${minMonths} 个月之日为 ${eligibleOn}`,
  };

  let paid: RepairCondition = { key: 'penalties_paid', met: true, detail: '无关联案件' };
  if (listing.caseId) {
    const [c] = await penaltyDecisions(tx, { caseId: listing.caseId });
    const due = Number(c?.amountDue ?? 0);
    const got = Number(c?.amountPaid ?? 0);
    if (!c?.decidedOn) paid = { key: 'penalties_paid', met: false, detail: `案件 ${listing.caseNo} 尚未作出处罚决定` };
    else if (due <= 0) paid = { key: 'penalties_paid', met: true, detail: `案件 ${c.caseNo} 无罚没款` };
    else if (got >= due) paid = { key: 'penalties_paid', met: true, detail: `案件 ${c.caseNo} 罚没款 ${yuan(due)}已缴清${c.paidOn ? `（${c.paidOn}）` : ''}` };
    else paid = { key: 'penalties_paid', met: false, detail: `案件 ${c.caseNo} 罚没款 ${yuan(due)}，已缴 ${yuan(got)}` };
  }

  const serious = await seriousRecordsSince(tx, listing.uscc, listedOn, today, rules.seriousPenaltyYuan, listing.caseId);
  const named = serious.slice(0, SERIOUS_NAMED).map((r) => `${r.on} ${r.title}`);
  const noNew: RepairCondition = {
    key: 'no_new_violation',
    met: serious.length === 0,
    detail:
      serious.length === 0
        ? `列入（${listedOn}）后无新的较重行政处罚（${seriousPenaltyText(rules.seriousPenaltyYuan)}）`
        : `列入（${listedOn}）后又受到较重行政处罚：${named.join('；')}${serious.length > SERIOUS_NAMED ? `；等共 ${serious.length} 项` : ''}`,
  };

  const length = [...commitment.trim()].length;
  const committed: RepairCondition = {
    key: 'commitment',
    met: length >= COMMITMENT_MIN_CHARS,
    detail: length >= COMMITMENT_MIN_CHARS ? '已作出信用承诺' : `信用承诺不足 ${COMMITMENT_MIN_CHARS} 字（${length} 字）`,
  };
  return [minTime, paid, noNew, committed];
}
