import { type SQL, and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import { enterprises, normalizeUscc, type UsccProblem, usccProblem } from '../../enterprises/index.js';
import type { LicenceExits } from '../exits/exits.service.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { LicencesService } from '../licences.service.js';
import { noticeTodo } from '../reminders.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import { EXIT_KIND_OF, type FeedbackDecisionInput, makeDecideFeedback } from './decide-feedback.js';
import { FEEDBACK_KINDS, type FeedbackKind, type FeedbackSource, licenceFeedback } from './feedback.schema.js';

/** A notice as another department's system, an officer's form or an import row sends it. */
export interface FeedbackInput {
  uscc: string;
  department: string;
  /** One of FEEDBACK_KINDS; a string because imports pass cells through. */
  kind: string;
  summary: string;
  occurredOn: string;
  documentNo?: string | null;
}

export interface FeedbackFilter {
  status?: 'open' | 'decided';
  overdue?: boolean;
  kind?: FeedbackKind;
  regionCode?: string;
  /** Only notices in the queue of the actor's own org. */
  mine?: boolean;
}

export interface FeedbackDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  licences: LicencesService;
  exits: LicenceExits;
  /** A received notice is a to-do of its bureau until decided. */
  todos: TodosService;
  /** Handling deadline of a notice, in working days from its receipt. */
  dueWorkingDays: number;
  /** Today's date in China; replaced in tests to receive notices on a chosen day. */
  today?: () => string;
}

const isKind = (kind: string): kind is FeedbackKind => (FEEDBACK_KINDS as readonly string[]).includes(kind);

const usccError = (problem: UsccProblem) =>
  new AppError(problem.code, problem.message, 400, { field: 'uscc', position: problem.position, ...('expected' in problem ? { expected: problem.expected } : {}) });

/**
 * Notices from other licensing departments (seed §三(一)2(2)): received over the API, by hand or
 * by import, they wait in the triage queue of the competent bureau until an officer decides.
 */
export function makeFeedbackService(deps: FeedbackDeps) {
  const { db, audit } = deps;
  const today = deps.today ?? todayInChina;
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: licenceFeedback.regionCode, orgId: licenceFeedback.orgId });
  const overdue = () => sql<boolean>`(${licenceFeedback.decidedAt} is null and ${licenceFeedback.dueOn} < ${today()})`;

  const select = (tx: Db) =>
    tx
      .select({
        id: licenceFeedback.id,
        uscc: licenceFeedback.uscc,
        enterpriseId: licenceFeedback.enterpriseId,
        enterpriseName: enterprises.name,
        department: licenceFeedback.department,
        kind: licenceFeedback.kind,
        summary: licenceFeedback.summary,
        occurredOn: licenceFeedback.occurredOn,
        documentNo: licenceFeedback.documentNo,
        source: licenceFeedback.source,
        createdByName: licenceFeedback.createdByName,
        regionCode: licenceFeedback.regionCode,
        regionName: regions.name,
        orgId: licenceFeedback.orgId,
        orgName: orgs.name,
        receivedOn: licenceFeedback.receivedOn,
        dueOn: licenceFeedback.dueOn,
        dueCertain: licenceFeedback.dueCertain,
        overdue: overdue(),
        decision: licenceFeedback.decision,
        decisionReason: licenceFeedback.decisionReason,
        licenceId: licenceFeedback.licenceId,
        transitionId: licenceFeedback.transitionId,
        exitId: licenceFeedback.exitId,
        decidedByName: licenceFeedback.decidedByName,
        decidedAt: licenceFeedback.decidedAt,
        version: licenceFeedback.version,
        createdAt: licenceFeedback.createdAt,
      })
      .from(licenceFeedback)
      .leftJoin(enterprises, eq(enterprises.id, licenceFeedback.enterpriseId))
      .leftJoin(regions, eq(regions.code, licenceFeedback.regionCode))
      .innerJoin(orgs, eq(orgs.id, licenceFeedback.orgId));

  /** One notice the actor may see (404 otherwise, exactly as a missing one); `null` actor means the system. */
  async function find(tx: Db, actor: Actor | null, id: string) {
    const [row] = await select(tx).where(and(eq(licenceFeedback.id, id), actor ? scopeOf(actor) : undefined));
    if (!row) throw notFound('通报');
    return row;
  }

  /**
   * Where a notice lands: the holder's competent bureau, or the city bureau for a code not in the
   * register. A holder outside the filer's data scope is not found (404), as everywhere else.
   */
  async function destination(tx: Db, uscc: string, actor: Actor) {
    const [enterprise] = await tx.select({ id: enterprises.id, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, uscc));
    if (enterprise) {
      const [visible] = await tx.select({ id: enterprises.id }).from(enterprises).where(and(eq(enterprises.id, enterprise.id), visibleTo(actor, { regionCode: enterprises.regionCode })));
      if (!visible) throw new AppError('NOT_FOUND', '该市场主体不在您的管辖范围内，不能由您通报', 404, { field: 'uscc' });
    }
    if (enterprise) return { enterpriseId: enterprise.id, regionCode: enterprise.regionCode, orgId: (await deps.jurisdiction.competentBureau(enterprise.regionCode, tx)).id };
    const city = await deps.jurisdiction.rootOrg(tx);
    if (!city) throw new Error('No city bureau: the jurisdiction has not been loaded');
    return { enterpriseId: null, regionCode: city.regionCode, orgId: city.id };
  }

  /**
   * One notice with the holder's licences (those the actor may see) and the measures each allows,
   * and the exit procedure its kind calls for (the UI keeps no copy of that rule).
   */
  async function get(actor: Actor, id: string) {
    const notice = await find(db, actor, id);
    const held = notice.enterpriseId ? (await deps.licences.list(actor, { uscc: notice.uscc }, { page: 1, pageSize: 500 })).items : [];
    return {
      ...notice,
      licences: held.map((l) => ({ id: l.id, typeName: l.typeName, number: l.number, state: l.state, allowedTargets: l.allowedTargets })),
      exitKind: EXIT_KIND_OF[notice.kind] ?? null,
    };
  }

  const decide = makeDecideFeedback({ db, audit, licences: deps.licences, exits: deps.exits, todos: deps.todos, find });

  return {
    /**
     * Files a notice in the competent bureau's queue with its handling deadline. A code not in the
     * register is still accepted (department systems must not lose notices) and lands at the city
     * bureau. A holder in the register but outside the filer's data scope answers 404 (a county
     * department, or its API key, files notices about its own county's holders).
     * `tx`: the caller's transaction (an import writes all its rows or none).
     */
    async receive(ctx: RequestContext & { actor: Actor }, input: FeedbackInput, source: FeedbackSource, tx?: Db) {
      const uscc = normalizeUscc(input.uscc ?? '');
      // The register's rules; a check-digit failure passes for a code the register holds (entered with an override).
      const usccFault = usccProblem(uscc);
      if (usccFault?.code === 'USCC_FORMAT') throw usccError(usccFault);
      const department = requireText(input.department, 'department', '通报部门', 200);
      if (!isKind(input.kind)) throw invalid('kind', `未知的通报类型：${input.kind}（应为 ${FEEDBACK_KINDS.join('、')} 之一）`);
      const kind = input.kind;
      const summary = requireText(input.summary, 'summary', '通报内容', 2000);
      const occurredOn = requireDate(input.occurredOn, 'occurredOn', '发生日期');
      const receivedOn = today();
      if (occurredOn > receivedOn) throw invalid('occurredOn', '发生日期不能晚于今天', 'INVALID_DATE');
      const documentNo = input.documentNo?.trim() || null;
      if (documentNo && documentNo.length > 100) throw invalid('documentNo', '文号不能超过 100 个字');
      const { actor } = ctx;

      return inTransaction(tx ?? db, async (t) => {
        const target = await destination(t, uscc, actor);
        if (usccFault && !target.enterpriseId) throw usccError(usccFault);
        const due = await deps.calendar.addWorkingDays(receivedOn, deps.dueWorkingDays, t);
        const [row] = await t
          .insert(licenceFeedback)
          .values({
            uscc,
            ...target,
            department,
            kind,
            summary,
            occurredOn,
            documentNo,
            source,
            apiKeyId: actor.kind === 'apiKey' ? actor.id : null,
            createdBy: actor.userId,
            // An API key acts as `apikey:<name>`; the queue shows the key's own name.
            createdByName: actor.kind === 'apiKey' ? actor.name.replace(/^apikey:/, '') : actor.name,
            receivedOn,
            dueOn: due.date,
            dueCertain: due.certain,
          })
          .returning({ id: licenceFeedback.id });
        const created = await find(t, null, row!.id);
        await audit.record(t, ctx, { action: 'feedback.received', targetType: 'licence_feedback', targetId: row!.id, after: { uscc, department, kind, source, orgId: target.orgId, dueOn: due.date } });
        await deps.todos.raise(t, 'feedback.received', [noticeTodo({ ...created, holder: created.enterpriseName }, false)]);
        return created;
      });
    },

    /** The triage queue in the actor's scope: open notices first, soonest deadline first. */
    async list(actor: Actor, filter: FeedbackFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.status === 'open') conds.push(isNull(licenceFeedback.decidedAt));
      if (filter.status === 'decided') conds.push(isNotNull(licenceFeedback.decidedAt));
      if (filter.overdue) conds.push(overdue());
      if (filter.kind) conds.push(eq(licenceFeedback.kind, filter.kind));
      if (filter.regionCode) conds.push(sql`${licenceFeedback.regionCode} like ${`${regionPrefix(filter.regionCode)}%`}`);
      if (filter.mine) conds.push(eq(licenceFeedback.orgId, actor.orgId));
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        select(db)
          .where(where)
          .orderBy(sql`${licenceFeedback.decidedAt} is not null`, asc(licenceFeedback.dueOn), asc(licenceFeedback.createdAt), asc(licenceFeedback.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(licenceFeedback).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get,

    /** Decides an open notice (see decide-feedback.ts); answers the notice as `get` does. */
    async decide(ctx: RequestContext & { actor: Actor }, id: string, input: FeedbackDecisionInput, expected?: ExpectedVersion) {
      await decide(ctx, id, input, expected);
      return get(ctx.actor, id);
    },
  };
}

export type FeedbackService = ReturnType<typeof makeFeedbackService>;
export type FeedbackView = Awaited<ReturnType<FeedbackService['receive']>>;
