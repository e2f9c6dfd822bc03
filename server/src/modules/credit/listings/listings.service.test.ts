import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { enterprises } from '../../enterprises/index.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import type { Actor } from '../../../platform/access/actor.js';
import { creditListings } from '../credit.schema.js';
import { inTransaction } from '../../../db/sql.js';
import type { PenaltyType } from '../../cases/index.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../../spotchecks/testing.js';
import { addMonths, addYears } from './period.js';
import { listingCandidates } from './rules.js';
import { LEGAL_BASIS, REASON, enterpriseActor, listingAt, staffActor } from './testing-listings.js';

/**
 * Issue 20, the dishonest list (SAMR Order 44): proposals (scope, cases, one open listing), the
 * advance notice and the answer period, the decision (not by the proposer; the period; class D),
 * revocation, automatic removal at the end of the period, the enterprise's view.
 */
const env = useServiceEnv();
const today = todayInChina();
const svc = () => env.services.credit.listings;
let officer: Actor;
let head: Actor;

beforeAll(async () => {
  officer = await staffActor(env, ['county_officer'], '320826');
  head = await staffActor(env, ['section_head'], '320800');
});

const classOf = async (id: string) => (await env.db.select({ c: enterprises.creditClass }).from(enterprises).where(eq(enterprises.id, id)))[0]!.c;
const auditActions = async (target: string) => (await env.services.audit.list(env.db, env.admin, { target }, { page: 1, pageSize: 50 })).items.map((e: { action: string }) => e.action);

describe('proposing a listing', () => {
  it('numbers it SX+year+4 digits, records the step and audits it; one open listing per enterprise (409 LISTING_OPEN)', async () => {
    const { enterprise, listing } = await listingAt(env, 'proposed', { enterprise: await makeEnterprise(env), proposer: officer });
    expect(listing).toMatchObject({ status: 'proposed', uscc: enterprise.uscc, enterpriseName: enterprise.name, source: 'manual', reason: REASON, legalBasis: LEGAL_BASIS, proposedByName: officer.name, version: 1 });
    expect(listing.listingNo).toMatch(new RegExp(`^SX${today.slice(0, 4)}\\d{4}$`));
    expect(listing.events.map((e) => e.action)).toEqual(['proposed']);
    expect(await auditActions(listing.id)).toContain('credit_listing.proposed');
    await expect(svc().propose({ actor: officer }, { uscc: enterprise.uscc, source: 'manual', reason: '再次', legalBasis: 'x' })).rejects.toMatchObject({ status: 409, code: 'LISTING_OPEN' });
    // Once decided not to list, a new proposal may be made.
    await svc().notice({ actor: officer }, listing.id, undefined, addDays(today, -20));
    await svc().decide({ actor: head }, listing.id, { list: false, note: '情节轻微，不予列入' });
    expect((await svc().propose({ actor: officer }, { uscc: enterprise.uscc, source: 'manual', reason: REASON, legalBasis: LEGAL_BASIS })).status).toBe('proposed');
  });

  it('needs the enterprise in the register and in scope (404), a rule of the list, and a case in scope of which it is the party', async () => {
    const elsewhere = await makeEnterprise(env, { regionCode: '320830' });
    await expect(svc().propose({ actor: officer }, { uscc: elsewhere.uscc, source: 'manual', reason: REASON, legalBasis: LEGAL_BASIS })).rejects.toMatchObject({ status: 404 });
    const own = await makeEnterprise(env);
    await expect(svc().propose({ actor: officer }, { uscc: own.uscc, source: 'rule', ruleKey: 'nope', reason: REASON, legalBasis: LEGAL_BASIS })).rejects.toMatchObject({ status: 400 });
    await expect(svc().propose({ actor: officer }, { uscc: own.uscc, source: 'case', reason: REASON, legalBasis: LEGAL_BASIS })).rejects.toMatchObject({ status: 400, details: { field: 'caseId' } });
    const otherParty = await makeCase(env, { uscc: elsewhere.uscc, enterpriseId: elsewhere.id });
    await expect(svc().propose({ actor: officer }, { uscc: own.uscc, source: 'case', caseId: otherParty.id, reason: REASON, legalBasis: LEGAL_BASIS })).rejects.toMatchObject({ status: 400, code: 'CASE_PARTY_MISMATCH' });
    const outOfScope = await makeCase(env, { uscc: own.uscc, enterpriseId: own.id, regionCode: '320830' });
    await expect(svc().propose({ actor: officer }, { uscc: own.uscc, source: 'case', caseId: outOfScope.id, reason: REASON, legalBasis: LEGAL_BASIS })).rejects.toMatchObject({ status: 404 });
    const c = await makeCase(env, { uscc: own.uscc, enterpriseId: own.id });
    const fromCase = await svc().propose({ actor: officer }, { uscc: own.uscc.toLowerCase(), source: 'case', caseId: c.id, reason: REASON, legalBasis: LEGAL_BASIS });
    expect(fromCase).toMatchObject({ source: 'case', caseId: c.id, caseNo: c.caseNo, uscc: own.uscc });
    const byRule = await svc().propose({ actor: officer }, { uscc: (await makeEnterprise(env)).uscc, source: 'rule', ruleKey: 'serious_penalty', reason: REASON, legalBasis: LEGAL_BASIS });
    expect(byRule).toMatchObject({ source: 'rule', ruleKey: 'serious_penalty', caseId: null });
  });
});

describe('advance notice and the answer period', () => {
  it('a proposed listing cannot be decided (409 NOTICE_REQUIRED); the notice gives the answer due date; decided only after it or an answer', async () => {
    const { listing } = await listingAt(env, 'proposed', { enterprise: await makeEnterprise(env), proposer: officer });
    await expect(svc().decide({ actor: head }, listing.id, { list: true, note: '列入' })).rejects.toMatchObject({ status: 409, code: 'NOTICE_REQUIRED' });
    const noticed = await svc().notice({ actor: officer }, listing.id, [listing.version]);
    expect(noticed).toMatchObject({ status: 'noticed', noticeSentOn: today, answerDue: addDays(today, env.config.creditRules.noticeDays), version: listing.version + 1 });
    await expect(svc().notice({ actor: officer }, listing.id)).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    // The period runs through answerDue: refused on that day, allowed the day after.
    await expect(svc().decide({ actor: head }, listing.id, { list: true, note: '列入' }, undefined, noticed.answerDue!)).rejects.toMatchObject({ status: 409, code: 'NOTICE_PERIOD_RUNNING' });
    await expect(svc().decide({ actor: head }, listing.id, { list: true, note: '列入' }, [listing.version], addDays(noticed.answerDue!, 1))).rejects.toMatchObject({ status: 412 });
    const listed = await svc().decide({ actor: head }, listing.id, { list: true, note: '列入' }, [noticed.version], addDays(noticed.answerDue!, 1));
    expect(listed.status).toBe('listed');
  });

  it('the enterprise answers its own notice through answerDue (not after: 409 ANSWER_PERIOD_OVER), once; then the decision may come at once and the officers get a to-do', async () => {
    const { enterprise, listing } = await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: officer, noticedOn: today });
    const account = enterpriseActor(enterprise.uscc);
    const stranger = enterpriseActor((await makeEnterprise(env)).uscc);
    await expect(svc().answer({ actor: stranger }, listing.id, { statement: '不是我们' })).rejects.toMatchObject({ status: 404 });
    await expect(svc().answer({ actor: account }, listing.id, { statement: '迟到' }, undefined, addDays(listing.answerDue!, 1))).rejects.toMatchObject({ status: 409, code: 'ANSWER_PERIOD_OVER' });
    await expect(svc().answer({ actor: officer }, listing.id, { statement: '代答' })).rejects.toMatchObject({ status: 403 });
    const answered = await svc().answer({ actor: account }, listing.id, { statement: '我公司已召回全部产品，请求不予列入' }, undefined, listing.answerDue!);
    expect(answered).toMatchObject({ id: listing.id, answer: '我公司已召回全部产品，请求不予列入', status: 'noticed' });
    await expect(svc().answer({ actor: account }, listing.id, { statement: '补充' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_ANSWERED' });
    const [todo] = await env.db.select().from(todos).where(and(eq(todos.subjectId, listing.id), eq(todos.status, 'open')));
    expect(todo).toMatchObject({ kind: 'credit.listing_decision_due', permission: 'credit.list', regionCode: '320826' });
    expect((await svc().get(head, listing.id)).answer).toBe('我公司已召回全部产品，请求不予列入');
    const decided = await svc().decide({ actor: head }, listing.id, { list: false, note: '采纳陈述申辩意见' });
    expect(decided).toMatchObject({ status: 'not_listed', decidedByName: head.name, decisionNote: '采纳陈述申辩意见', listedOn: null });
    expect((await env.db.select().from(todos).where(eq(todos.subjectId, listing.id)))[0]!.status).toBe('resolved');
    await expect(svc().answer({ actor: account }, listing.id, { statement: '再答' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('a proposal not yet noticed is not the enterprise’s to see or answer', async () => {
    const { enterprise, listing } = await listingAt(env, 'proposed', { enterprise: await makeEnterprise(env), proposer: officer });
    const account = enterpriseActor(enterprise.uscc);
    await expect(svc().answer({ actor: account }, listing.id, { statement: '?' })).rejects.toMatchObject({ status: 404 });
    expect((await svc().my(account)).listings).toEqual([]);
  });
});

describe('the decision', () => {
  it('never by the proposer (409 SAME_PERSON)', async () => {
    const both = await staffActor(env, ['county_officer', 'section_head'], '320826');
    const { listing } = await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: both });
    await expect(svc().decide({ actor: both }, listing.id, { list: true, note: '列入' })).rejects.toMatchObject({ status: 409, code: 'SAME_PERSON' });
  });

  it('lists for rules.listYears years from today, published at once; the enterprise’s effective class becomes D', async () => {
    const { enterprise, listing } = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer, decider: head });
    expect(listing).toMatchObject({ status: 'listed', listedOn: today, until: addYears(today, 3), decidedByName: head.name });
    expect(listing.publishedAt).not.toBeNull();
    expect(listing.events.map((e) => e.action)).toEqual(['proposed', 'noticed', 'listed']);
    expect(await auditActions(listing.id)).toEqual(expect.arrayContaining(['credit_listing.proposed', 'credit_listing.noticed', 'credit_listing.listed']));
    expect(await classOf(enterprise.id)).toBe('D');
    await expect(svc().decide({ actor: head }, listing.id, { list: false, note: '再决定' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('revocation removes a listing made in error and the enterprise leaves class D; a closed listing cannot be revoked', async () => {
    const { enterprise, listing } = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer, decider: head });
    const revoked = await svc().revoke({ actor: head }, listing.id, { reason: '当事人认定错误' });
    expect(revoked).toMatchObject({ status: 'removed', removalKind: 'revoked', removedOn: today, removalReason: '当事人认定错误' });
    expect(await classOf(enterprise.id)).not.toBe('D');
    await expect(svc().revoke({ actor: head }, listing.id, { reason: '再次' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });
});

describe('automatic removal', () => {
  it('removes a listing whose last day was yesterday (removedOn today), keeps one ending today, and rescores', async () => {
    const yesterday = addDays(today, -1);
    const ended = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer, decider: head, listedOn: addYears(yesterday, -3) });
    expect(ended.listing.until).toBe(yesterday);
    const lastDay = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer, decider: head, listedOn: addYears(today, -3) });
    expect(await classOf(ended.enterprise.id)).toBe('D');
    const result = await svc().expireDue();
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const [after] = await env.db.select().from(creditListings).where(eq(creditListings.id, ended.listing.id));
    expect(after).toMatchObject({ status: 'removed', removalKind: 'expired', removedOn: today });
    expect((await env.db.select().from(creditListings).where(eq(creditListings.id, lastDay.listing.id)))[0]!.status).toBe('listed');
    expect(await classOf(ended.enterprise.id)).not.toBe('D');
    expect(await auditActions(ended.listing.id)).toContain('credit_listing.expired');
  });

  it('raises the decision to-do of a noticed listing whose answer period ended', async () => {
    const { listing } = await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: officer, noticedOn: addDays(today, -30) });
    await svc().expireDue();
    const [todo] = await env.db.select().from(todos).where(eq(todos.subjectId, listing.id));
    expect(todo).toMatchObject({ status: 'open', dueOn: listing.answerDue, link: `/credit/listings/${listing.id}` });
  });
});

describe('scope and the enterprise’s view', () => {
  it('another county’s officer gets 404; the enterprise sees its own noticed listings only', async () => {
    const { enterprise, listing } = await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: officer });
    const other = await staffActor(env, ['county_officer'], '320830');
    await expect(svc().get(other, listing.id)).rejects.toMatchObject({ status: 404 });
    await expect(svc().notice({ actor: other }, listing.id)).rejects.toMatchObject({ status: 404 });
    expect((await svc().list(other, {}, { page: 1, pageSize: 100 })).items.map((l) => l.id)).not.toContain(listing.id);
    expect((await svc().list(officer, { q: enterprise.uscc.slice(0, 12) }, { page: 1, pageSize: 100 })).items.map((l) => l.id)).toContain(listing.id);
    await listingAt(env, 'noticed', { enterprise: await makeEnterprise(env), proposer: officer });
    const mine = await svc().my(enterpriseActor(enterprise.uscc));
    expect(mine.listings.map((l) => l.id)).toEqual([listing.id]);
    expect(mine.listings[0]).not.toHaveProperty('proposedByName');
  });
});

describe('candidates by rule', () => {
  it('serious_penalty: a penalty of 100,000 yuan or more within 12 months, in scope, without an open listing', async () => {
    const decided = (e: { uscc: string; id: string }, amount: number, daysAgo: number) =>
      makeCase(env, { uscc: e.uscc, enterpriseId: e.id, regionCode: e.uscc.slice(2, 8), stage: 'decided', decidedOn: addDays(today, -daysAgo), penalties: [{ type: 'fine', amount }], penaltyText: `罚款人民币${amount}元`, amountDue: String(amount) });
    const serious = await makeEnterprise(env);
    await decided(serious, 200_000, 30);
    const small = await makeEnterprise(env);
    await decided(small, 50_000, 30);
    const old = await makeEnterprise(env);
    await decided(old, 300_000, 400);
    const elsewhere = await makeEnterprise(env, { regionCode: '320830' });
    await decided(elsewhere, 200_000, 30);
    const open = await makeEnterprise(env);
    await decided(open, 200_000, 30);
    await listingAt(env, 'proposed', { proposer: officer, enterprise: open });
    const found = (await svc().candidates(officer, { ruleKey: 'serious_penalty' }, { page: 1, pageSize: 500 })).items;
    const mine = found.filter((c) => [serious, small, old, elsewhere, open].some((e) => e.uscc === c.uscc));
    expect(mine).toEqual([{ uscc: serious.uscc, enterpriseName: serious.name, regionCode: '320826', ruleKey: 'serious_penalty', count: 1, lastOn: addDays(today, -30), titles: ['行政处罚：罚款人民币200000元'] }]);
    const all = (await svc().candidates(head, {}, { page: 1, pageSize: 500 })).items.map((c) => c.uscc);
    expect(all).toEqual(expect.arrayContaining([serious.uscc, elsewhere.uscc]));
  });

  it('serious_penalty: a decision ordering a suspension (责令停产停业) or revoking a licence is serious whatever its amount; a warning, a criticism or a smaller fine never', async () => {
    const decided = (e: { uscc: string; id: string }, penalties: { type: PenaltyType; amount?: number }[], wording: string) =>
      makeCase(env, { uscc: e.uscc, enterpriseId: e.id, stage: 'decided', decidedOn: addDays(today, -20), penalties, penaltyText: wording, amountDue: String(penalties.reduce((s, p) => s + (p.amount ?? 0), 0)) });
    const suspended = await makeEnterprise(env);
    await decided(suspended, [{ type: 'suspension' }, { type: 'fine', amount: 3000 }], '责令停产停业；罚款人民币3000元');
    const revoked = await makeEnterprise(env);
    await decided(revoked, [{ type: 'revocation' }], '吊销许可证');
    const light = await makeEnterprise(env);
    await decided(light, [{ type: 'warning' }], '警告');
    await decided(light, [{ type: 'criticism' }], '通报批评');
    await decided(light, [{ type: 'fine', amount: 99_999 }], '罚款人民币99999元');
    const found = (await svc().candidates(officer, { ruleKey: 'serious_penalty' }, { page: 1, pageSize: 500 })).items;
    const mine = found.filter((c) => [suspended, revoked, light].some((e) => e.uscc === c.uscc));
    expect(mine.map((c) => [c.uscc, c.count, c.titles])).toEqual(
      expect.arrayContaining([
        [suspended.uscc, 1, ['行政处罚：责令停产停业；罚款人民币3000元']],
        [revoked.uscc, 1, ['行政处罚：吊销许可证']],
      ]),
    );
    expect(mine).toHaveLength(2);
  });

  it('serious_penalty: the amount is the setting ZJ_CREDIT_SERIOUS_PENALTY_YUAN (at least it)', async () => {
    const e = await makeEnterprise(env);
    await makeCase(env, { uscc: e.uscc, enterpriseId: e.id, stage: 'decided', decidedOn: addDays(today, -20), penalties: [{ type: 'fine', amount: 20_000 }, { type: 'confiscation_gains', amount: 5000 }], penaltyText: '罚款人民币20000元；没收违法所得人民币5000元', amountDue: '25000' });
    const at = async (seriousPenaltyYuan: number) =>
      (await inTransaction(env.db, (tx) => listingCandidates(tx, officer, { ruleKey: 'serious_penalty' }, { page: 1, pageSize: 500 }, today, { seriousPenaltyYuan }))).items.some((c) => c.uscc === e.uscc);
    expect(env.config.creditRules.seriousPenaltyYuan).toBe(100_000);
    expect(await at(100_000)).toBe(false);
    expect(await at(25_001)).toBe(false);
    expect(await at(25_000)).toBe(true);
    expect(await at(10_000)).toBe(true);
  });

  it('repeat_failure: two failed spot checks within 24 months make a candidate; one, or two more than 24 months apart, do not', async () => {
    const product = await makeProduct(env);
    const plan = await makePlan(env);
    const institution = await makeInstitution(env);
    /** A sample of the enterprise whose failed conclusion became final on `on` (the day after its objection window). */
    const failed = async (e: { id: string; uscc: string; regionCode: string }, on: string) => {
      const lot = await makeLot(env, { productId: product.id, planId: plan.id });
      return makeSample(env, {
        lotId: lot.id,
        productId: product.id,
        institutionId: institution.id,
        enterprise: e,
        status: 'closed',
        items: [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '120 mg/kg', pass: false }],
        conclusion: 'fail',
        finalConclusion: 'fail',
        reportedOn: addDays(on, -30),
        notifiedOn: addDays(on, -25),
        objectionDueOn: addDays(on, -1),
      });
    };
    const twice = await makeEnterprise(env);
    await failed(twice, addDays(today, -40));
    const second = await failed(twice, addMonths(today, -23));
    const once = await makeEnterprise(env);
    await failed(once, addDays(today, -10));
    const apart = await makeEnterprise(env);
    await failed(apart, addDays(today, -5));
    await failed(apart, addDays(addMonths(today, -24), -1)); // outside the window: on or before the day 24 months ago
    const edge = await makeEnterprise(env);
    await failed(edge, addDays(today, -3));
    await failed(edge, addDays(addMonths(today, -24), 1)); // the window's first day

    const found = (await svc().candidates(officer, { ruleKey: 'repeat_failure' }, { page: 1, pageSize: 500 })).items;
    const mine = found.filter((c) => [twice, once, apart, edge].some((e) => e.uscc === c.uscc));
    expect(mine.map((c) => c.uscc).sort()).toEqual([twice.uscc, edge.uscc].sort());
    expect(mine.find((c) => c.uscc === twice.uscc)).toMatchObject({ ruleKey: 'repeat_failure', count: 2, lastOn: addDays(today, -40), regionCode: '320826' });
    expect(mine.find((c) => c.uscc === twice.uscc)!.titles).toEqual([expect.stringMatching(/^监督抽查不合格：/), `监督抽查不合格：${product.name}（${second.sampleNo}，不合格项目：甲醛含量）`]);
    // not under the other rule
    const any = (await svc().candidates(officer, {}, { page: 1, pageSize: 500 })).items.filter((c) => c.uscc === once.uscc || c.uscc === apart.uscc);
    expect(any).toEqual([]);
  });
});
