import { type SQL, and, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { enterprises } from '../../enterprises/index.js';
import { creditEventsSql } from '../events/credit-events.js';
import { seriousEventSql, seriousPenaltyText } from './serious.js';

/** The settings a rule reads (`config.creditRules`). */
export interface RuleSettings {
  /** `ZJ_CREDIT_SERIOUS_PENALTY_YUAN`: fines plus confiscations from which a penalty is 较重 (serious.ts). */
  seriousPenaltyYuan: number;
}

/**
 * The rules a listing may be proposed under (`source: 'rule'`), each matched over the credit
 * events (credit/events) of the last `months` months. The legal basis is the text an officer
 * starts from; Order 44's article numbers are unverified (FACTS.md) and left to the officer.
 */
export const LISTING_RULES = {
  serious_penalty: {
    label: (s: RuleSettings) => `受到较重行政处罚：${seriousPenaltyText(s.seriousPenaltyYuan)}`,
    legalBasis: '《市场监督管理严重违法失信名单管理办法》',
    months: 12,
    minCount: 1,
    where: (s: RuleSettings) => seriousEventSql(s.seriousPenaltyYuan),
  },
  repeat_failure: {
    label: () => '两年内产品质量监督抽查两次以上不合格',
    legalBasis: '《中华人民共和国产品质量法》；《市场监督管理严重违法失信名单管理办法》',
    months: 24,
    minCount: 2,
    where: () => sql`ev.kind = 'spotcheck.failed'`,
  },
} as const satisfies Record<string, { label: (s: RuleSettings) => string; legalBasis: string; months: number; minCount: number; where: (s: RuleSettings) => SQL }>;

export type ListingRuleKey = keyof typeof LISTING_RULES;
export const LISTING_RULE_KEYS = Object.keys(LISTING_RULES) as ListingRuleKey[];

export interface Candidate {
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  ruleKey: ListingRuleKey;
  count: number;
  lastOn: string;
  /** The matching events' titles, newest first (at most 5). */
  titles: string[];
}

/**
 * Enterprises in the actor's scope matching a rule (`ruleKey` or any) with no open listing
 * (proposed, noticed, listed): the most recent match first, then USCC and rule.
 */
export async function listingCandidates(tx: Db, actor: Actor, filter: { ruleKey?: ListingRuleKey }, page: Page, today: string, settings: RuleSettings) {
  const keys = filter.ruleKey ? [filter.ruleKey] : LISTING_RULE_KEYS;
  const events = creditEventsSql({ today });
  const arms = keys.map((key) => {
    const rule = LISTING_RULES[key];
    return sql`select ev.uscc, ${key}::text as rule_key, count(*)::int as n, max(ev.occurred_on)::text as last_on,
        (array_agg(ev.title order by ev.occurred_on desc, ev.ref_id))[1:5] as titles
      from ${events} ev
      where ${rule.where(settings)} and ev.occurred_on > (${today}::date - make_interval(months => ${rule.months}))::date and ev.occurred_on <= ${today}::date
      group by ev.uscc having count(*) >= ${rule.minCount}`;
  });
  const where = and(
    visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc }),
    sql`not exists (select 1 from credit_listings l where l.uscc = ${enterprises.uscc} and l.status in ('proposed', 'noticed', 'listed'))`,
  );
  const base = sql`from (${sql.join(arms, sql` union all `)}) m join ${enterprises} on ${enterprises.uscc} = m.uscc where ${where}`;
  const { rows } = (await tx.execute(
    sql`select m.uscc, ${enterprises.name} as "enterpriseName", ${enterprises.regionCode} as "regionCode", m.rule_key as "ruleKey", m.n as count, m.last_on as "lastOn", m.titles
      ${base} order by m.last_on desc, m.uscc, m.rule_key limit ${page.pageSize} offset ${offsetOf(page)}`,
  )) as unknown as { rows: Candidate[] };
  const { rows: counted } = (await tx.execute(sql`select count(*)::int as n ${base}`)) as unknown as { rows: { n: number }[] };
  return { items: rows, total: counted[0]?.n ?? 0 };
}
