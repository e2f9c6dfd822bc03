import { and, asc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { addDays } from '../platform/calendar/dates.js';
import { users } from '../platform/users/users.schema.js';
import { cases } from '../modules/cases/cases.schema.js';
import { creditListings, creditScores } from '../modules/credit/index.js';
import { completeUscc } from '../modules/enterprises/uscc.js';
import { enterprises } from '../modules/enterprises/index.js';
import { demoAccountName } from './accounts.js';
import { DEMO_PASSWORD } from './users.js';

type Ctx = RequestContext & { actor: Actor };

/** The department whose system checks bidders (its API key is printed once by `npm run demo`). */
export const DEMO_DEPARTMENT = '淮安市公共资源交易中心';
export const DEMO_EVALUATOR = { name: '江苏苏信信用评价有限公司', uscc: completeUscc('91320800MA1P7K3Q'), username: 'eval.suxin' };
/** Enterprises the demo lists from decided cases with a fine (fewer when the demo has fewer such cases). */
const LISTINGS = 3;

export interface CreditDemoSummary {
  /** Enterprises scored by the nightly run, and the effective classes afterwards. */
  scored: number;
  classes: Record<string, number>;
  listings: { listingNo: string; uscc: string; name: string; caseNo: string | null; listedOn: string }[];
  /** The listed enterprise's account with a pending repair application, and the conditions as checked. */
  repair: { username: string; uscc: string; conditions: { key: string; met: boolean }[] } | null;
  notices: string[];
  /** The department's API key (shown once). */
  apiKey: { orgName: string; key: string } | null;
  evaluator: { name: string; username: string; ratings: number } | null;
  openData: { day: string; created: boolean };
}

/**
 * The credit demo (issue 20), through the services, after the other modules' demo data: lists
 * enterprises from decided cases with a fine (proposed by city.officer, noticed, decided by
 * city.section_head; the workflow and repair services take the day of each step, so the steps
 * are dated in the past through them — only the steps' and audit events' recorded times are
 * today's), one of them with a pending repair application by a new account of that enterprise;
 * registers an evaluator with an account and two ratings; scores every enterprise with the model
 * in effect (the nightly run: no hand-written class remains); publishes two exposure notices
 * (drafted by city.officer, approved by city.section_head); makes the department's API key; and
 * writes today's open-data file.
 */
export async function loadCreditDemo(tx: Db, services: Services, opts: { today: string; noticeDays: number; repairMinMonths: number }): Promise<CreditDemoSummary> {
  const { today } = opts;
  const people = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['demo.admin', 'city.officer', 'city.section_head']));
  const as = async (username: string): Promise<Ctx | null> => {
    const id = people.find((p) => p.username === username)?.id;
    const actor = id ? await services.users.loadActor(id, tx) : null;
    return actor ? { actor } : null;
  };
  const [admin, officer, head] = [await as('demo.admin'), await as('city.officer'), await as('city.section_head')];
  const summary: CreditDemoSummary = { scored: 0, classes: {}, listings: [], repair: null, notices: [], apiKey: null, evaluator: null, openData: { day: today, created: false } };
  if (!admin || !officer || !head) return summary;

  await listFromCases(tx, services, { officer, head, today, noticeDays: opts.noticeDays, repairMinMonths: opts.repairMinMonths, summary });
  // A first run tells which enterprises have no mark against them: the evaluator rates some of those.
  await services.credit.model.rescoreAll(today);
  summary.evaluator = await evaluatorDemo(tx, services, { head, admin }, today);
  const run = await services.credit.model.rescoreAll(today);
  summary.scored = run.scored;
  const classes = await tx.select({ cls: enterprises.creditClass, n: sql<number>`count(*)::int` }).from(enterprises).groupBy(enterprises.creditClass);
  summary.classes = Object.fromEntries(classes.map((c) => [c.cls ?? '—', c.n]));
  summary.notices = await exposureNotices(services, officer, head, summary.listings);
  const org = await services.jurisdiction.createOrg(admin, { name: DEMO_DEPARTMENT, type: 'department', regionCode: '320800' });
  const { key } = await services.apiKeys.create(admin, { orgId: org.id, name: '公共资源交易系统信用核查' });
  summary.apiKey = { orgName: org.name, key };
  const file = await services.portal.openData.generate(today);
  summary.openData = { day: today, created: file.created };
  return summary;
}

/**
 * Lists the parties of the earliest decided cases with money due (at most one listing per
 * enterprise, decided at least the notice period plus a week ago). The earliest is listed
 * `repairMinMonths` months and a fortnight before today when its case allows it, so that its
 * repair application (by its new account) meets the time condition; the conditions are those the
 * repair service checks.
 */
async function listFromCases(tx: Db, services: Services, o: { officer: Ctx; head: Ctx; today: string; noticeDays: number; repairMinMonths: number; summary: CreditDemoSummary }) {
  const latest = addDays(o.today, -(o.noticeDays + 8));
  const decided = await tx
    .select({ id: cases.id, uscc: cases.uscc, decidedOn: cases.decidedOn, caseNo: cases.caseNo })
    .from(cases)
    .innerJoin(enterprises, eq(enterprises.uscc, cases.uscc))
    .where(and(isNotNull(cases.decidedOn), lte(cases.decidedOn, latest), gt(cases.amountDue, '0')))
    .orderBy(asc(cases.decidedOn), asc(cases.id));
  const picked = decided.filter((c, i) => decided.findIndex((d) => d.uscc === c.uscc) === i).slice(0, LISTINGS);
  const repairListedBy = addDays(monthsBefore(o.today, o.repairMinMonths), -14);
  for (const [i, c] of picked.entries()) {
    // The notice a few days after the decision; for the first, as late as allows a repair today.
    const noticeOn = i === 0 && c.decidedOn! <= addDays(repairListedBy, -(o.noticeDays + 1) - 5) ? addDays(repairListedBy, -(o.noticeDays + 1)) : addDays(c.decidedOn!, 5);
    const listedOn = addDays(noticeOn, o.noticeDays + 1);
    const listings = services.credit.listings;
    const proposed = await listings.propose(o.officer, { uscc: c.uscc!, source: 'case', caseId: c.id, reason: `受到较重行政处罚（${c.caseNo}），情节严重`, legalBasis: '《市场监督管理严重违法失信名单管理办法》第二条、第十条' });
    const noticed = await listings.notice(o.officer, proposed.id, [proposed.version], noticeOn);
    const listed = await listings.decide(o.head, proposed.id, { list: true, note: '告知后企业未在期限内陈述申辩，经审核决定列入' }, [noticed.version], listedOn);
    o.summary.listings.push({ listingNo: listed.listingNo, uscc: listed.uscc, name: listed.enterpriseName, caseNo: listed.caseNo, listedOn });
    if (i === 0) o.summary.repair = await applyForRepair(tx, services, o.officer, listed);
  }
}

/** A listed enterprise's new account applies for repair (left pending for a section head to decide). */
async function applyForRepair(tx: Db, services: Services, officer: Ctx, listing: { id: string; uscc: string; enterpriseName: string }) {
  const username = demoAccountName(listing.uscc);
  const { user } = await services.accounts.create(officer, { uscc: listing.uscc, username, displayName: `${listing.enterpriseName}（演示）`, phone: '13800000000' });
  await services.users.resetPassword(officer, user.userId, DEMO_PASSWORD, false);
  const enterprise = { actor: (await services.users.loadActor(user.userId, tx)) as Actor };
  const repair = await services.credit.listings.repairs.apply(enterprise, listing.id, {
    statement: '我公司已全额缴纳罚款，完成整改，建立质量管理制度，申请信用修复。',
    commitment: '本企业承诺今后严格遵守市场监督管理法律法规，依法诚信经营，如有违反自愿接受相应惩戒。',
  });
  return { username, uscc: listing.uscc, conditions: repair.conditions.map((c) => ({ key: c.key, met: c.met })) };
}

/**
 * The demo's ratings: AAA (+10 under model v1: the base 80 reaches class A's 90), AAA, AA and B, of
 * active, unlisted enterprises to which the first scoring gave no negative points.
 */
const DEMO_GRADES = ['AAA', 'AAA', 'AA', 'B'] as const;

/** A qualified evaluator with one account (the demo password, no change asked) and four ratings of active enterprises. */
async function evaluatorDemo(tx: Db, services: Services, { head, admin }: { head: Ctx; admin: Ctx }, today: string) {
  const svc = services.credit.evaluators;
  const evaluator = await svc.create(head, { name: DEMO_EVALUATOR.name, uscc: DEMO_EVALUATOR.uscc, accreditation: '江苏省社会信用体系建设领导小组办公室备案（演示）', validUntil: addDays(today, 730), active: true });
  const account = await svc.createAccount(head, evaluator.id, { username: DEMO_EVALUATOR.username, displayName: '苏信评价员（演示）', password: DEMO_PASSWORD });
  await services.users.resetPassword(admin, account.id, DEMO_PASSWORD, false);
  const rater = { actor: (await services.users.loadActor(account.id, tx)) as Actor };
  const rated = await tx
    .select({ uscc: enterprises.uscc })
    .from(enterprises)
    .innerJoin(creditScores, eq(creditScores.enterpriseId, enterprises.id))
    .where(and(eq(enterprises.status, 'active'), sql`not exists (select 1 from jsonb_array_elements(${creditScores.reasons}) r where (r ->> 'points')::numeric < 0)`, sql`not exists (select 1 from ${creditListings} l where l.uscc = ${enterprises.uscc})`))
    .orderBy(asc(enterprises.uscc))
    .limit(DEMO_GRADES.length);
  for (const [i, e] of rated.entries()) {
    await svc.ratings.enter(rater, { uscc: e.uscc, grade: DEMO_GRADES[i]!, ratedOn: addDays(today, -30 - i * 20), validUntil: addDays(today, 335 - i * 20), reportNo: `SXPJ-DEMO-${String(i + 1).padStart(3, '0')}` });
  }
  return { name: evaluator.name, username: account.username, ratings: rated.length };
}

/** Two exposure pages (曝光) through the CMS: drafted and submitted by city.officer, approved by city.section_head. */
async function exposureNotices(services: Services, officer: Ctx, head: Ctx, listed: CreditDemoSummary['listings']): Promise<string[]> {
  const names = listed.map((l) => `${l.name}（统一社会信用代码 ${l.uscc}）`);
  const pages = [
    {
      title: '严重违法失信名单企业曝光（演示）',
      summary: '本局依法将以下企业列入严重违法失信名单，并在名单期内实施联合惩戒。',
      body: [`依据《市场监督管理严重违法失信名单管理办法》，经告知、陈述申辩等程序，本局决定将以下企业列入严重违法失信名单：`, names.length ? names.join('\n') : '（本期无新增）', '社会公众可在本门户“严重违法失信名单”栏目查询名单详情。'].join('\n\n'),
    },
    {
      title: '电动自行车产品质量典型问题曝光（演示）',
      summary: '专项执法行动中发现的电动自行车质量典型问题。',
      body: ['本局在电动自行车质量专项执法行动中，发现部分销售者销售未经强制性产品认证、整车质量超标的电动自行车。', '提醒消费者购买时查验 CCC 认证标志和产品合格证，发现问题可拨打 12315 投诉举报。'].join('\n\n'),
    },
  ];
  const notices = services.portal.notices;
  for (const page of pages) {
    const draft = await notices.create(officer, { kind: 'exposure', ...page });
    const submitted = await notices.submit(officer, draft.id, [draft.version]);
    await notices.approve(head, draft.id, [submitted.version]);
  }
  return pages.map((p) => p.title);
}

/** The day `months` calendar months before `day` (the end of a shorter month when it has no such day). */
function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function formatCreditSummary(c: CreditDemoSummary): string[] {
  const lines = [`credit: ${c.scored.toLocaleString('en')} enterprises scored with the model in effect; classes ${Object.entries(c.classes).map(([k, n]) => `${k} ${n}`).join(', ')}`];
  for (const l of c.listings) lines.push(`  失信名单 ${l.listingNo}: ${l.name} (${l.uscc}), case ${l.caseNo ?? '—'}, listed ${l.listedOn}`);
  if (c.repair) lines.push(`  信用修复 pending, applied by ${c.repair.username} (${c.repair.uscc}): ${c.repair.conditions.map((x) => `${x.key} ${x.met ? 'met' : 'unmet'}`).join(', ')}`);
  if (c.evaluator) lines.push(`  evaluator ${c.evaluator.name}: account ${c.evaluator.username} (demo password), ${c.evaluator.ratings} ratings`);
  lines.push(`  portal: ${c.notices.length} exposure notices published (${c.notices.join('；')}); open data for ${c.openData.day}${c.openData.created ? ' written' : ' already there'}`);
  return lines;
}
