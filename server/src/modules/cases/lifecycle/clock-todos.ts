import { and, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Permission } from '../../../platform/access/permissions.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { todos as todosTable } from '../../../platform/todos/todos.schema.js';
import { caseEvidence, cases } from '../cases.schema.js';
import { DECISION_STAGES, MEASURE_NEAR_DAYS, NEAR_WORKING_DAYS } from './clocks.js';

/** The to-do kinds of the lifecycle (pre-registered in web/src/modules/todos/todos.i18n.ts). */
export const CASE_TODO_KINDS = ['case.lead_deadline', 'case.decision_deadline', 'case.review_pending', 'case.defence_expired', 'case.measure_expiring'] as const;
export type CaseTodoKind = (typeof CASE_TODO_KINDS)[number];

export interface ClockTodosOptions {
  /** The China date the job counts from (tests); default today. */
  today?: string;
  /** The caller's open transaction (PGlite has one connection: pass it when calling inside one). */
  tx?: Db;
}

type Wanted = Record<CaseTodoKind, TodoSpec[]>;

/**
 * The lifecycle's to-dos (job `cases.clocks`, daily, and after each change of a case):
 * - `case.lead_deadline`: a lead (stage `lead`) whose decision to open is due within
 *   NEAR_WORKING_DAYS (3) working days or past: the case bureau's `case.write` holders and the city
 *   bureau's `case.approve` holders.
 * - `case.decision_deadline`: an opened, undecided case whose decision is due within 3 working days
 *   or past: each investigator, and the city bureau's `case.approve` holders.
 * - `case.review_pending`: a case submitted for review, not yet reviewed: `case.review` holders of
 *   the case's bureau and of the city bureau.
 * - `case.defence_expired`: notified, the defence recorded without a hearing or its period over; or a
 *   hearing held: `case.approve` holders of the case's bureau and of the city bureau (decide).
 * - `case.measure_expiring`: a seizure or sealing not released ending within 3 days or past, on a
 *   case not closed: the evidence's officers and the case bureau's `case.write` holders.
 * Keys carry the due date, so an extension raises a new item. Closed, declined, decided cases
 * (whatever is no longer wanted) have their items resolved.
 */
export function makeCaseClockTodos(deps: { db: Db; calendar: CalendarService; todos: TodosService; jurisdiction: JurisdictionService }) {
  const { db, calendar, todos, jurisdiction } = deps;

  async function wantedFor(tx: Db, today: string, caseId?: string): Promise<Wanted> {
    const wanted: Wanted = { 'case.lead_deadline': [], 'case.decision_deadline': [], 'case.review_pending': [], 'case.defence_expired': [], 'case.measure_expiring': [] };
    const threshold = (await calendar.addWorkingDays(today, NEAR_WORKING_DAYS, tx)).date;
    const city = (await jurisdiction.rootOrg(tx))?.id ?? null;
    const one = caseId ? eq(cases.id, caseId) : undefined;
    const rows = await tx
      .select()
      .from(cases)
      .where(
        and(
          one,
          or(
            and(eq(cases.stage, 'lead'), lte(cases.leadDueOn, threshold)),
            and(inArray(cases.stage, [...DECISION_STAGES]), lte(cases.decisionDueOn, threshold)),
            and(eq(cases.stage, 'reviewing'), isNull(cases.reviewResult)),
            eq(cases.stage, 'notified'),
            and(eq(cases.stage, 'hearing'), sql`${cases.hearingHeldOn} is not null`),
          ),
        ),
      );

    for (const c of rows) {
      const common = { subjectType: 'case', subjectId: c.id, link: `/cases/${c.id}`, regionCode: c.regionCode, sectionId: null };
      /** One item per office (the case's bureau, the city bureau) holding `permission`. */
      const offices = (kind: CaseTodoKind, base: string, permission: Permission, spec: Omit<TodoSpec, 'key' | 'orgId' | 'permission' | keyof typeof common>, orgIds: (string | null)[]) => {
        for (const orgId of [...new Set(orgIds.filter((o): o is string => !!o))]) wanted[kind].push({ ...common, ...spec, key: `${base}:${permission}:${orgId}`, orgId, permission });
      };

      if (c.stage === 'lead' && c.leadDueOn <= threshold) {
        const overdue = c.leadDueOn < today;
        const title = overdue ? `线索立案决定期限已于 ${c.leadDueOn} 届满，已逾期（${c.caseNo} ${c.partyName}）` : `线索应于 ${c.leadDueOn} 前决定是否立案（${c.caseNo} ${c.partyName}）`;
        const spec = { title, params: { caseNo: c.caseNo, partyName: c.partyName, date: c.leadDueOn, overdue: String(overdue) }, dueOn: c.leadDueOn, dueCertain: c.leadDueCertain };
        const base = `case.lead_deadline:${c.id}:${c.leadDueOn}`;
        offices('case.lead_deadline', base, 'case.write', spec, [c.orgId]);
        offices('case.lead_deadline', base, 'case.approve', spec, [city]);
      }
      if (DECISION_STAGES.includes(c.stage) && c.decisionDueOn && c.decisionDueOn <= threshold) {
        const overdue = c.decisionDueOn < today;
        const title = overdue ? `案件处罚决定期限已于 ${c.decisionDueOn} 届满，已逾期（${c.caseNo} ${c.partyName}）` : `案件应于 ${c.decisionDueOn} 前作出处罚决定（${c.caseNo} ${c.partyName}）`;
        const spec = { title, params: { caseNo: c.caseNo, partyName: c.partyName, date: c.decisionDueOn, overdue: String(overdue) }, dueOn: c.decisionDueOn, dueCertain: c.decisionDueCertain };
        const base = `case.decision_deadline:${c.id}:${c.decisionDueOn}`;
        for (const userId of c.investigatorIds) wanted['case.decision_deadline'].push({ ...common, ...spec, key: `${base}:user:${userId}`, userId, orgId: c.orgId });
        offices('case.decision_deadline', base, 'case.approve', spec, [city]);
      }
      if (c.stage === 'reviewing' && !c.reviewResult) {
        const spec = { title: `案件待法制审核（${c.caseNo} ${c.partyName}）`, params: { caseNo: c.caseNo, partyName: c.partyName }, dueOn: c.decisionDueOn, dueCertain: c.decisionDueCertain };
        offices('case.review_pending', `case.review_pending:${c.id}`, 'case.review', spec, [c.orgId, city]);
      }
      const defenceOver = c.stage === 'notified' && ((c.defenceRecordedOn && !c.hearingRequested) || (c.defenceDueOn && c.defenceDueOn < today));
      const heard = c.stage === 'hearing' && c.hearingHeldOn;
      if (defenceOver || heard) {
        const title = heard ? `听证已于 ${c.hearingHeldOn} 举行，待作出处罚决定（${c.caseNo} ${c.partyName}）` : `陈述申辩期已满，待作出处罚决定（${c.caseNo} ${c.partyName}）`;
        const spec = { title, params: { caseNo: c.caseNo, partyName: c.partyName, date: c.decisionDueOn ?? '' }, dueOn: c.decisionDueOn, dueCertain: c.decisionDueCertain };
        offices('case.defence_expired', `case.defence_expired:${c.id}:${c.noticeNo ?? ''}`, 'case.approve', spec, [c.orgId, city]);
      }
    }

    const measures = await tx
      .select({ id: caseEvidence.id, title: caseEvidence.title, kind: caseEvidence.kind, endOn: caseEvidence.measureEndOn, officerIds: caseEvidence.officerIds, caseId: cases.id, caseNo: cases.caseNo, partyName: cases.partyName, orgId: cases.orgId, regionCode: cases.regionCode })
      .from(caseEvidence)
      .innerJoin(cases, eq(cases.id, caseEvidence.caseId))
      .where(
        and(
          one,
          inArray(caseEvidence.kind, ['seizure', 'sealing']),
          isNull(caseEvidence.measureReleasedOn),
          lte(caseEvidence.measureEndOn, addDays(today, MEASURE_NEAR_DAYS)),
          notInArray(cases.stage, ['closed', 'declined']),
        ),
      );
    for (const m of measures) {
      const what = m.kind === 'seizure' ? '扣押' : '查封';
      const overdue = m.endOn! < today;
      const title = overdue ? `${what}期限已于 ${m.endOn} 届满，尚未解除（${m.caseNo} ${m.title}）` : `${what}期限将于 ${m.endOn} 届满（${m.caseNo} ${m.title}）`;
      const spec = { subjectType: 'case', subjectId: m.caseId, link: `/cases/${m.caseId}`, regionCode: m.regionCode, sectionId: null, title, params: { caseNo: m.caseNo, partyName: m.partyName, measure: m.kind, date: m.endOn!, overdue: String(overdue) }, dueOn: m.endOn, dueCertain: true };
      const base = `case.measure_expiring:${m.id}:${m.endOn}`;
      for (const userId of m.officerIds) wanted['case.measure_expiring'].push({ ...spec, key: `${base}:user:${userId}`, userId, orgId: m.orgId });
      wanted['case.measure_expiring'].push({ ...spec, key: `${base}:case.write:${m.orgId}`, orgId: m.orgId, permission: 'case.write' });
    }
    return wanted;
  }

  async function run(tx: Db, caseId: string | undefined, today: string) {
    const wanted = await wantedFor(tx, today, caseId);
    let created = 0;
    let resolved = 0;
    for (const kind of CASE_TODO_KINDS) {
      if (!caseId) {
        const r = await todos.sync(tx, kind, wanted[kind]);
        created += r.created;
        resolved += r.resolved;
        continue;
      }
      const keys = new Set(wanted[kind].map((t) => t.key));
      const open = await tx
        .select({ key: todosTable.key })
        .from(todosTable)
        .where(and(eq(todosTable.kind, kind), eq(todosTable.subjectId, caseId), eq(todosTable.status, 'open')));
      const stale = open.filter((t) => !keys.has(t.key));
      for (const t of stale) await todos.resolve(tx, t.key);
      resolved += stale.length;
      created += await todos.raise(tx, kind, wanted[kind]);
    }
    return { created, resolved };
  }

  return {
    /** Without an id: every case (the daily job); with one: that case's items only. Returns how many were created (or reopened) and resolved. */
    async syncClockTodos(caseId?: string, opts: ClockTodosOptions = {}): Promise<{ created: number; resolved: number }> {
      const today = opts.today ?? todayInChina();
      if (opts.tx) return run(opts.tx, caseId, today);
      return inTransaction(db, (tx) => run(tx, caseId, today));
    },
  };
}
