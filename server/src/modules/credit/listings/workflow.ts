import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { caseRef, penaltyDecisions } from '../../cases/index.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { type ListingSource, creditListings, listingNoSeq } from '../credit.schema.js';
import { LISTING_RULES, type ListingRuleKey } from './rules.js';
import { OPEN_STATUSES, decisionTodo, DECISION_TODO, invalidTransition, lockEnterprise, recordEvent, recordStep } from './steps.js';
import { addYears } from './period.js';
import { listingDetail, listingIn, myCredit } from './views.js';

export interface ProposeInput {
  uscc: string;
  source: ListingSource;
  caseId?: string | null;
  ruleKey?: string | null;
  reason: string;
  legalBasis: string;
}

const TEXT_MAX = 2000;

/** Who made a record: the user, or the API key. */
const personOf = (ctx: Ctx) => ctx.actor.userId ?? ctx.actor.id;

/**
 * The listing workflow (README § Workflow): propose, advance notice, the enterprise's answer,
 * the decision, revocation. Each step is one transaction with its listing event and audit event;
 * If-Match on the listing's version.
 */
export function makeListingWorkflow(deps: CreditPartDeps) {
  const { db, audit, todos, jurisdiction, model, rules } = deps;

  /** A locked listing in scope at the expected version. */
  async function locked(tx: Db, ctx: Ctx, id: string, expected: ExpectedVersion) {
    const row = await listingIn(tx, ctx.actor, id, true);
    assertVersion(expected, row.version);
    return row;
  }

  async function caseOf(tx: Db, ctx: Ctx, caseId: string | null | undefined, uscc: string) {
    if (!caseId) throw invalid('caseId', '来源为案件时须指定案件');
    const ref = await caseRef(tx, ctx.actor, caseId);
    if (!ref) throw notFound('案件');
    const [facts] = await penaltyDecisions(tx, { caseId });
    if (facts?.uscc !== uscc) throw new AppError('CASE_PARTY_MISMATCH', '该案件的当事人不是此企业', 400, { field: 'caseId' });
    return ref;
  }

  /** Ends the decision to-do of a listing that no longer waits for one. */
  const resolveTodo = (tx: Db, id: string) => todos.resolveSubject(tx, DECISION_TODO, id);

  return {
    /**
     * Proposes a listing (credit.list): the enterprise in the register and in scope (404), from a
     * case in scope whose party it is (its number copied), a rule of LISTING_RULES, or by hand.
     * One open listing per enterprise: 409 LISTING_OPEN.
     */
    async propose(ctx: Ctx, input: ProposeInput) {
      const uscc = normalizeUscc(input.uscc);
      const reason = requireText(input.reason, 'reason', '列入事由', TEXT_MAX);
      const legalBasis = requireText(input.legalBasis, 'legalBasis', '法律依据', TEXT_MAX);
      if (input.source === 'rule' && !(input.ruleKey && input.ruleKey in LISTING_RULES)) throw invalid('ruleKey', `规则应为：${Object.keys(LISTING_RULES).join('、')}`);
      return inTransaction(db, async (tx) => {
        const [enterprise] = await tx
          .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode })
          .from(enterprises)
          .where(and(eq(enterprises.uscc, uscc), visibleTo(ctx.actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc })));
        if (!enterprise) throw notFound('企业');
        const ref = input.source === 'case' ? await caseOf(tx, ctx, input.caseId, uscc) : null;
        await lockEnterprise(tx, uscc);
        const [open] = await tx.select({ id: creditListings.id, listingNo: creditListings.listingNo }).from(creditListings).where(and(eq(creditListings.uscc, uscc), inArray(creditListings.status, OPEN_STATUSES)));
        if (open) throw new AppError('LISTING_OPEN', `该企业已有未办结的失信名单记录（${open.listingNo}）`, 409, { listingId: open.id });
        const { rows } = (await tx.execute(sql`select nextval(${sql.raw(`'${listingNoSeq.seqName}'`)})::int as n`)) as unknown as { rows: { n: number }[] };
        const listingNo = `SX${todayInChina().slice(0, 4)}${String(rows[0]!.n).padStart(4, '0')}`;
        const [row] = await tx
          .insert(creditListings)
          .values({
            listingNo,
            enterpriseId: enterprise.id,
            uscc,
            regionCode: enterprise.regionCode,
            enterpriseName: enterprise.name,
            source: input.source,
            caseId: ref?.id ?? null,
            caseNo: ref?.caseNo ?? null,
            ruleKey: input.source === 'rule' ? (input.ruleKey as ListingRuleKey) : null,
            reason,
            legalBasis,
            status: 'proposed',
            proposedBy: personOf(ctx),
            proposedByName: ctx.actor.name,
          })
          .returning();
        await recordEvent(tx, audit, ctx, row!, null, { action: 'proposed', set: { source: input.source, caseNo: row!.caseNo, ruleKey: row!.ruleKey, reason, legalBasis } });
        return listingDetail(tx, row!);
      });
    },

    /**
     * The advance notice (credit.list): only a proposed listing; noticed today, the answer due
     * `rules.noticeDays` calendar days later (the enterprise may answer through that day).
     */
    async notice(ctx: Ctx, id: string, expected?: ExpectedVersion, today = todayInChina()) {
      return inTransaction(db, async (tx) => {
        const row = await locked(tx, ctx, id, expected);
        if (row.status !== 'proposed') throw invalidTransition(row, 'notice', '只有拟列入的记录可以告知企业');
        const answerDue = addDays(today, rules.noticeDays);
        const updated = await recordStep(tx, audit, ctx, row, { action: 'noticed', to: 'noticed', set: { noticeSentOn: today, answerDue } });
        return listingDetail(tx, updated);
      });
    },

    /**
     * The enterprise's statement (its account, its own listing: 404 otherwise): only while noticed
     * and through `answerDue` (409 ANSWER_PERIOD_OVER after), once (409 ALREADY_ANSWERED). The
     * officers get the decision to-do at once.
     */
    async answer(ctx: Ctx, id: string, input: { statement: string }, expected?: ExpectedVersion, today = todayInChina()) {
      if (!ctx.actor.enterpriseUscc) throw forbidden('仅企业账号可用');
      const statement = requireText(input.statement, 'statement', '陈述申辩意见', TEXT_MAX);
      return inTransaction(db, async (tx) => {
        const row = await locked(tx, ctx, id, expected);
        if (row.status === 'proposed') throw notFound('失信名单记录');
        if (row.status !== 'noticed') throw invalidTransition(row, 'answer', '该记录已作出决定，不能再陈述申辩');
        if (row.answer) throw new AppError('ALREADY_ANSWERED', '已提交过陈述申辩意见', 409);
        if (today > row.answerDue!) throw new AppError('ANSWER_PERIOD_OVER', `陈述申辩期限已于 ${row.answerDue} 届满`, 409, { answerDue: row.answerDue });
        const updated = await recordStep(tx, audit, ctx, row, { action: 'answered', set: { answer: statement, answeredAt: new Date(), answeredByName: ctx.actor.name } });
        const bureau = await jurisdiction.competentBureau(row.regionCode, tx);
        await todos.raise(tx, DECISION_TODO, [decisionTodo(updated, bureau.id)]);
        return (await myCredit(tx, row.uscc)).listings.find((l) => l.id === id)!;
      });
    },

    /**
     * The decision (credit.decide), never by the proposer (409 SAME_PERSON): only a noticed listing
     * (a proposed one: 409 NOTICE_REQUIRED) once the enterprise answered or its answer period ended
     * (409 NOTICE_PERIOD_RUNNING). Listed: from today for `rules.listYears` years, published at once,
     * the enterprise rescored (class D); else not_listed.
     */
    async decide(ctx: Ctx, id: string, input: { list: boolean; note: string }, expected?: ExpectedVersion, today = todayInChina()) {
      const note = requireText(input.note, 'note', '决定意见', TEXT_MAX);
      return inTransaction(db, async (tx) => {
        const row = await locked(tx, ctx, id, expected);
        if (row.status === 'proposed') throw new AppError('NOTICE_REQUIRED', '作出列入决定前须先告知企业并听取陈述申辩', 409, { status: row.status });
        if (row.status !== 'noticed') throw invalidTransition(row, 'decide', '该记录已作出决定');
        if (row.proposedBy === personOf(ctx)) throw new AppError('SAME_PERSON', '提出列入建议的人员不能作出决定', 409);
        if (!row.answer && today <= row.answerDue!) throw new AppError('NOTICE_PERIOD_RUNNING', `企业陈述申辩期限至 ${row.answerDue}，期满或企业陈述申辩后方可决定`, 409, { answerDue: row.answerDue });
        const decided = { decidedByName: ctx.actor.name, decidedAt: new Date(), decisionNote: note };
        const updated = input.list
          ? await recordStep(tx, audit, ctx, row, { action: 'listed', to: 'listed', set: { ...decided, listedOn: today, until: addYears(today, rules.listYears), publishedAt: new Date() }, note })
          : await recordStep(tx, audit, ctx, row, { action: 'not_listed', to: 'not_listed', set: decided, note });
        await resolveTodo(tx, id);
        if (input.list) await model.rescore(tx, [row.enterpriseId], 'listed');
        return listingDetail(tx, updated);
      });
    },

    /**
     * Revocation of a listing made in error (credit.decide): an open listing (proposed, noticed or
     * listed) is removed (`revoked`) with the reason; a listed enterprise is rescored.
     */
    async revoke(ctx: Ctx, id: string, input: { reason: string }, expected?: ExpectedVersion, today = todayInChina()) {
      const reason = requireText(input.reason, 'reason', '撤销理由', TEXT_MAX);
      return inTransaction(db, async (tx) => {
        const row = await locked(tx, ctx, id, expected);
        if (!OPEN_STATUSES.includes(row.status)) throw invalidTransition(row, 'revoke', '该记录已办结，不能撤销');
        const updated = await recordStep(tx, audit, ctx, row, { action: 'revoked', to: 'removed', set: { removedOn: today, removalKind: 'revoked', removalReason: reason }, note: reason });
        await resolveTodo(tx, id);
        if (row.status === 'listed') await model.rescore(tx, [row.enterpriseId], 'unlisted');
        return listingDetail(tx, updated);
      });
    },

    /** A listing in the actor's scope with its steps and repair applications. */
    get: (actor: Ctx['actor'], id: string) => inTransaction(db, async (tx) => listingDetail(tx, await listingIn(tx, actor, id))),
  };
}

