import { type SQL, and, asc, desc, eq, gte, ilike, like, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { caseEvents, cases } from '../cases.schema.js';
import type { CaseRow } from '../lifecycle/actions.js';
import { caseScope } from '../lifecycle/scope.js';
import { addMonths, penaltyTypesOf, periodOf, publicUntilOf, warningOnly } from './period.js';
import { type PublicationStatus, penaltyPublications } from './publication.schema.js';

/** The to-do kind of a publication near or past its due date (job `cases.publication`). */
export const PUBLICATION_TODO = 'case.publication_due';
/** A pending publication is a to-do from this many working days before its due date. */
export const NEAR_WORKING_DAYS = 3;
/** Why a warning alone is not published (rules.publishWarnings false). */
export const WARNING_ONLY_REASON = '仅警告';
const REASON_MAX = 2000;

/** How a publication shows in the staff list: its stored status, with `expired` for a published one past `publicUntil`. */
export const PUBLICATION_STATES = ['pending', 'published', 'expired', 'not_published', 'removed'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** Why an early removal is refused (details.reasons of 409 EARLY_REMOVAL_NOT_ALLOWED). */
export type RemovalRefusal = 'not_published' | 'expired' | 'short_period' | 'too_early' | 'not_executed';
const REFUSAL_TEXT: Record<RemovalRefusal, string> = {
  not_published: '该处罚决定未在公示中',
  expired: '公示期已届满',
  short_period: '公示期为三个月的处罚信息不适用提前停止公示',
  too_early: '公示未满规定期限',
  not_executed: '行政处罚决定尚未履行完毕（案件未结案）',
};

export interface PublicationFilter {
  status?: PublicationState;
  overdue?: boolean;
  regionCode?: string;
  q?: string;
}
export interface PublicFilter {
  uscc?: string;
  year?: number;
}

const columns = {
  caseId: penaltyPublications.caseId,
  caseNo: cases.caseNo,
  documentNo: cases.documentNo,
  partyName: cases.partyName,
  uscc: cases.uscc,
  regionCode: penaltyPublications.regionCode,
  orgId: penaltyPublications.orgId,
  orgName: orgs.name,
  stage: cases.stage,
  decidedOn: cases.decidedOn,
  penalties: cases.penalties,
  penaltyText: cases.penaltyText,
  status: penaltyPublications.status,
  exemptReason: penaltyPublications.exemptReason,
  dueOn: penaltyPublications.dueOn,
  dueCertain: penaltyPublications.dueCertain,
  publishedOn: penaltyPublications.publishedOn,
  publishedByName: penaltyPublications.publishedByName,
  period: penaltyPublications.period,
  publicUntil: penaltyPublications.publicUntil,
  removedOn: penaltyPublications.removedOn,
  removalReason: penaltyPublications.removalReason,
  removedByName: penaltyPublications.removedByName,
  version: penaltyPublications.version,
  createdAt: penaltyPublications.createdAt,
};
const selectRows = (tx: Db) => tx.select(columns).from(penaltyPublications).innerJoin(cases, eq(cases.id, penaltyPublications.caseId)).innerJoin(orgs, eq(orgs.id, penaltyPublications.orgId));
type Row = Awaited<ReturnType<typeof selectRows>>[number];

/** The state shown: `expired` once a published decision's public period is over. */
export const stateOf = (r: { status: PublicationStatus; publicUntil: string | null }, today: string): PublicationState =>
  r.status === 'published' && r.publicUntil !== null && r.publicUntil < today ? 'expired' : r.status;

/** The SQL of a state (the list's filter). */
function stateCondition(state: PublicationState, today: string): SQL | undefined {
  const p = penaltyPublications;
  switch (state) {
    case 'published':
      return and(eq(p.status, 'published'), gte(p.publicUntil, today));
    case 'expired':
      return and(eq(p.status, 'published'), sql`${p.publicUntil} < ${today}`);
    default:
      return eq(p.status, state);
  }
}

/**
 * Publication of penalty decisions (SAMR Order 45; publication/README.md): scheduled by the
 * decision, published by an officer within 20 working days, public for 3 months or 3 years from
 * the publication date, removed early on application where allowed; the public list shows a
 * decision only within its public period.
 */
export function makePublicationService(deps: CasesDeps) {
  const { db, audit, calendar, todos, rules } = deps;

  /** The view of a row for staff (the publication with its case's facts and what may be done next). */
  function view(r: Row, today: string) {
    const state = stateOf(r, today);
    const earlyRemovalFrom = r.period === 'long' && r.publishedOn ? addMonths(r.publishedOn, rules.earlyRemovalMonths) : null;
    const { penalties, createdAt: _createdAt, stage: _stage, ...rest } = r;
    return {
      ...rest,
      penaltyTypes: penaltyTypesOf(penalties),
      state,
      overdue: r.status === 'pending' && r.dueOn < today,
      earlyRemovalFrom,
    };
  }
  type View = ReturnType<typeof view>;

  /** The publication of a case in the actor's scope (null actor: no scope), optionally locked. */
  async function load(tx: Db, actor: Actor | null, caseId: string, lock = false): Promise<Row> {
    const query = selectRows(tx).where(and(eq(penaltyPublications.caseId, caseId), actor ? caseScope(actor) : undefined));
    const [row] = await (lock ? query.for('update', { of: penaltyPublications }) : query);
    if (!row) throw notFound('处罚决定公示');
    return row;
  }

  /** The to-dos wanted now: pending publications due within NEAR_WORKING_DAYS working days, or past due (one per case, for the case's bureau). */
  async function wantedTodos(tx: Db, today: string, caseId?: string): Promise<TodoSpec[]> {
    const threshold = (await calendar.addWorkingDays(today, NEAR_WORKING_DAYS, tx)).date;
    const rows = await selectRows(tx)
      .where(and(eq(penaltyPublications.status, 'pending'), lte(penaltyPublications.dueOn, threshold), caseId ? eq(penaltyPublications.caseId, caseId) : undefined))
      .orderBy(asc(penaltyPublications.dueOn), asc(penaltyPublications.caseId));
    return rows.map((r) => {
      const overdue = r.dueOn < today;
      const what = `${r.documentNo ?? r.caseNo}（${r.partyName}）`;
      return {
        key: `${PUBLICATION_TODO}:${r.caseId}:${r.dueOn}:${overdue ? 'overdue' : 'near'}`,
        subjectType: 'case',
        subjectId: r.caseId,
        title: overdue ? `处罚决定应于 ${r.dueOn} 前公示，已逾期：${what}` : `处罚决定应于 ${r.dueOn} 前公示：${what}`,
        params: { caseNo: r.caseNo, documentNo: r.documentNo ?? '', partyName: r.partyName, date: r.dueOn, overdue: overdue ? 'true' : 'false' },
        link: `/cases/${r.caseId}`,
        dueOn: r.dueOn,
        dueCertain: r.dueCertain,
        orgId: r.orgId,
        sectionId: null,
        permission: 'case.write',
        regionCode: r.regionCode,
      } satisfies TodoSpec;
    });
  }

  async function event(tx: Db, ctx: Ctx, caseId: string, action: string, note: string | null, data: Record<string, unknown>) {
    await tx.insert(caseEvents).values({ caseId, action, actorId: ctx.actor.userId, actorName: ctx.actor.name, orgId: ctx.actor.orgId, note, data });
  }

  return {
    /**
     * Called by the decision in its transaction: the decision's publication row — `not_published`
     * (仅警告) for a warning alone unless rules.publishWarnings, else `pending`, due
     * rules.publicationWorkingDays working days after the decision (certain: false over a year
     * without holiday data). A decision already due raises its to-do at once.
     */
    async schedule(tx: Db, ctx: Ctx, decided: CaseRow): Promise<void> {
      void ctx;
      if (!decided.decidedOn) throw new Error(`schedule: case ${decided.id} has no decision date`);
      const due = await calendar.addWorkingDays(decided.decidedOn, rules.publicationWorkingDays, tx);
      const exempt = warningOnly(decided.penalties) && !rules.publishWarnings;
      const values = {
        caseId: decided.id,
        status: (exempt ? 'not_published' : 'pending') as PublicationStatus,
        exemptReason: exempt ? WARNING_ONLY_REASON : null,
        dueOn: due.date,
        dueCertain: due.certain,
        publishedOn: null,
        publishedByName: null,
        period: null,
        publicUntil: null,
        removedOn: null,
        removalReason: null,
        removedByName: null,
        regionCode: decided.regionCode,
        orgId: decided.orgId,
      };
      const { caseId: _id, ...update } = values;
      await tx
        .insert(penaltyPublications)
        .values(values)
        .onConflictDoUpdate({ target: penaltyPublications.caseId, set: { ...update, version: nextVersion(penaltyPublications.version) } });
      if (!exempt) {
        const wanted = await wantedTodos(tx, todayInChina(), decided.id);
        if (wanted.length) await todos.raise(tx, PUBLICATION_TODO, wanted);
      }
    },

    /** One publication (staff; scope of the case). */
    async get(actor: Actor, caseId: string, today = todayInChina()): Promise<View> {
      return view(await load(db, actor, caseId), today);
    },

    /**
     * Publishes a pending decision on the public site (case.write): publishedOn (default today,
     * not before the decision nor after today); period short or long by the penalties; the
     * to-do resolved. 409 INVALID_TRANSITION unless pending.
     */
    async publish(ctx: Ctx, caseId: string, input: { publishedOn?: string | null }, expected?: ExpectedVersion, today = todayInChina()): Promise<View> {
      return inTransaction(db, async (tx) => {
        const row = await load(tx, ctx.actor, caseId, true);
        assertVersion(expected, row.version);
        if (row.status !== 'pending') throw new AppError('INVALID_TRANSITION', '只有待公示的处罚决定可以公示', 409, { status: stateOf(row, today), action: 'publish' });
        const publishedOn = input.publishedOn ?? today;
        if (!parseDate(publishedOn)) throw invalid('publishedOn', '公示日期格式应为 YYYY-MM-DD');
        if (publishedOn > today) throw invalid('publishedOn', '公示日期不能晚于今天');
        if (row.decidedOn && publishedOn < row.decidedOn) throw invalid('publishedOn', '公示日期不能早于处罚决定日期');
        const period = periodOf(row.penalties, rules);
        const publicUntil = publicUntilOf(publishedOn, period);
        await tx
          .update(penaltyPublications)
          .set({ status: 'published', publishedOn, publishedByName: ctx.actor.name, period, publicUntil, version: nextVersion(penaltyPublications.version) })
          .where(eq(penaltyPublications.caseId, caseId));
        await todos.resolveSubject(tx, PUBLICATION_TODO, caseId);
        const late = publishedOn > row.dueOn;
        const data = { publishedOn, period, publicUntil, dueOn: row.dueOn, late };
        await event(tx, ctx, caseId, 'publication_published', `处罚决定已公示，公示至 ${publicUntil}`, data);
        await audit.record(tx, ctx, { action: 'case.publication_published', targetType: 'case', targetId: caseId, before: { status: row.status }, after: data });
        return view(await load(tx, null, caseId), today);
      });
    },

    /**
     * Early removal on the party's application (case.approve): only a publication with the long
     * period, public at least rules.earlyRemovalMonths months on the application date, whose case
     * is closed (the penalty executed); else 409 EARLY_REMOVAL_NOT_ALLOWED with every reason.
     */
    async remove(ctx: Ctx, caseId: string, input: { reason: string; applicationDate?: string | null }, expected?: ExpectedVersion, today = todayInChina()): Promise<View> {
      const reason = requireText(input.reason, 'reason', '提前停止公示的理由', REASON_MAX);
      const applicationDate = input.applicationDate ?? today;
      if (!parseDate(applicationDate)) throw invalid('applicationDate', '申请日期格式应为 YYYY-MM-DD');
      if (applicationDate > today) throw invalid('applicationDate', '申请日期不能晚于今天');
      return inTransaction(db, async (tx) => {
        const row = await load(tx, ctx.actor, caseId, true);
        assertVersion(expected, row.version);
        const state = stateOf(row, today);
        const reasons: RemovalRefusal[] = [];
        let earliestOn: string | null = null;
        if (state !== 'published' && state !== 'expired') reasons.push('not_published');
        else if (state === 'expired') reasons.push('expired');
        else {
          if (row.period !== 'long') reasons.push('short_period');
          else {
            earliestOn = addMonths(row.publishedOn!, rules.earlyRemovalMonths);
            if (applicationDate < earliestOn) reasons.push('too_early');
          }
          if (row.stage !== 'closed') reasons.push('not_executed');
        }
        if (reasons.length) {
          throw new AppError('EARLY_REMOVAL_NOT_ALLOWED', `不能提前停止公示：${reasons.map((r) => REFUSAL_TEXT[r]).join('；')}`, 409, {
            reasons,
            state,
            ...(earliestOn ? { earliestOn } : {}),
          });
        }
        await tx
          .update(penaltyPublications)
          .set({ status: 'removed', removedOn: today, removalReason: reason, removedByName: ctx.actor.name, version: nextVersion(penaltyPublications.version) })
          .where(eq(penaltyPublications.caseId, caseId));
        const data = { removedOn: today, applicationDate, publishedOn: row.publishedOn, publicUntil: row.publicUntil };
        await event(tx, ctx, caseId, 'publication_removed', reason, data);
        await audit.record(tx, ctx, { action: 'case.publication_removed', targetType: 'case', targetId: caseId, before: { status: row.status }, after: { ...data, reason } });
        return view(await load(tx, null, caseId), today);
      });
    },

    /** The staff list (case.read, scope of the cases): filter by state, overdue (pending past due), region, text; due date newest first. */
    async list(actor: Actor, filter: PublicationFilter, page: Page, today = todayInChina()) {
      const where = and(
        caseScope(actor),
        filter.status ? stateCondition(filter.status, today) : undefined,
        filter.overdue === true ? and(eq(penaltyPublications.status, 'pending'), sql`${penaltyPublications.dueOn} < ${today}`) : undefined,
        filter.overdue === false ? or(ne(penaltyPublications.status, 'pending'), gte(penaltyPublications.dueOn, today)) : undefined,
        filter.regionCode ? like(penaltyPublications.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`) : undefined,
        filter.q ? textMatch(filter.q) : undefined,
      );
      const [rows, [count]] = await Promise.all([
        selectRows(db).where(where).orderBy(desc(penaltyPublications.dueOn), desc(penaltyPublications.caseId)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(penaltyPublications).innerJoin(cases, eq(cases.id, penaltyPublications.caseId)).where(where),
      ]);
      return { items: rows.map((r) => view(r, today)), total: count?.n ?? 0 };
    },

    /**
     * The public list (no login): decisions published and within their public period
     * (publishedOn ≤ today ≤ publicUntil) — never a removed one, never a pending one; by USCC and
     * the decision's year. Only the contract's fields: no officer, no amount beyond the wording.
     */
    async publicList(filter: PublicFilter, page: Page, today = todayInChina()) {
      const p = penaltyPublications;
      const where = and(
        eq(p.status, 'published'),
        lte(p.publishedOn, today),
        gte(p.publicUntil, today),
        filter.uscc ? eq(cases.uscc, filter.uscc.trim().toUpperCase()) : undefined,
        filter.year ? and(gte(cases.decidedOn, `${filter.year}-01-01`), lte(cases.decidedOn, `${filter.year}-12-31`)) : undefined,
      );
      const [rows, [count]] = await Promise.all([
        db
          .select({
            documentNo: cases.documentNo,
            partyName: cases.partyName,
            uscc: cases.uscc,
            violation: cases.violation,
            penalties: cases.penalties,
            penalty: cases.penaltyText,
            legalBasis: cases.legalBasis,
            decidedOn: cases.decidedOn,
            publishedOn: p.publishedOn,
            publicUntil: p.publicUntil,
          })
          .from(p)
          .innerJoin(cases, eq(cases.id, p.caseId))
          .where(where)
          .orderBy(desc(p.publishedOn), asc(p.caseId))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(p).innerJoin(cases, eq(cases.id, p.caseId)).where(where),
      ]);
      return {
        items: rows.map(({ penalties, ...r }) => ({
          documentNo: r.documentNo ?? '',
          partyName: r.partyName,
          uscc: r.uscc,
          violation: r.violation ?? '',
          penaltyTypes: penaltyTypesOf(penalties),
          penalty: r.penalty ?? '',
          legalBasis: r.legalBasis ?? '',
          decidedOn: r.decidedOn!,
          publishedOn: r.publishedOn!,
          publicUntil: r.publicUntil!,
        })),
        total: count?.n ?? 0,
      };
    },

    /**
     * Job `cases.publication` (daily): every pending publication due within NEAR_WORKING_DAYS
     * working days, or past due, is one to-do case.publication_due for its bureau's case.write
     * holders (key `case.publication_due:<caseId>:<dueOn>:near|overdue`, the same on every run
     * until the due date passes: then the near one is resolved and an overdue one raised, even if
     * the first was marked done); the others are resolved (a published one at once by `publish`).
     */
    async syncPublicationTodos(opts: { today?: string; tx?: Db } = {}): Promise<{ created: number; resolved: number }> {
      const today = opts.today ?? todayInChina();
      const run = async (tx: Db) => todos.sync(tx, PUBLICATION_TODO, await wantedTodos(tx, today));
      return opts.tx ? run(opts.tx) : inTransaction(db, run);
    },
  };

  function textMatch(q: string): SQL | undefined {
    const pattern = `%${escapeLike(q.trim())}%`;
    return or(ilike(cases.caseNo, pattern), ilike(cases.documentNo, pattern), ilike(cases.partyName, pattern), ilike(cases.uscc, pattern));
  }
}

export type PublicationService = ReturnType<typeof makePublicationService>;
/** A publication as staff see it. */
export type PublicationView = Awaited<ReturnType<PublicationService['get']>>;
