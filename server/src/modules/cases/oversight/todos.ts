import { and, asc, eq, isNull, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { cases } from '../cases.schema.js';
import type { CaseRow } from '../lifecycle/actions.js';
import { caseProgressReports, caseSupervisions } from './oversight.schema.js';

/** To-do kinds of this part (registered in web/src/modules/todos/todos.i18n.ts). */
export const TODO = {
  policePending: 'case.police_pending',
  partyTask: 'case.party_task',
  supervisionReport: 'case.supervision_report',
  supervisionOverdue: 'case.supervision_overdue',
} as const;

const caseLink = (caseId: string) => `/cases/${caseId}`;

/** The case's bureau (case.write holders) waits for the police's decision on a transfer. */
export function policePendingTodo(c: Pick<CaseRow, 'id' | 'caseNo' | 'orgId' | 'regionCode'>, t: { id: string; receivingOrgan: string; transferredOn: string }): TodoSpec {
  return {
    key: `${TODO.policePending}:${t.id}`,
    subjectType: 'case',
    subjectId: c.id,
    title: `移送案件待${t.receivingOrgan}回复是否立案（${c.caseNo}，${t.transferredOn} 移送）`,
    params: { caseNo: c.caseNo, organ: t.receivingOrgan, date: t.transferredOn },
    link: caseLink(c.id),
    dueOn: null,
    orgId: c.orgId,
    sectionId: null,
    permission: 'case.write',
    regionCode: c.regionCode,
  };
}

/** A joint party's task, for the party bureau's case.write holders (the to-do's region is the bureau's own, so its users see it). */
export function partyTaskTodo(c: Pick<CaseRow, 'id' | 'caseNo'>, task: { id: string; title: string; dueOn: string | null }, party: { orgId: string; regionCode: string }): TodoSpec {
  return {
    key: `${TODO.partyTask}:${task.id}`,
    subjectType: 'case',
    subjectId: c.id,
    title: `联办案件任务：${task.title}（${c.caseNo}）`,
    params: { caseNo: c.caseNo, task: task.title, date: task.dueOn ?? '' },
    link: caseLink(c.id),
    dueOn: task.dueOn,
    orgId: party.orgId,
    sectionId: null,
    permission: 'case.write',
    regionCode: party.regionCode,
  };
}

export const reportTodoKey = (reportId: string) => `${TODO.supervisionReport}:${reportId}`;
export const overdueTodoKey = (reportId: string) => `${TODO.supervisionOverdue}:${reportId}`;

/** The report's to-dos are done with (it was reported). */
export async function resolveReportTodos(tx: Db, todos: TodosService, reportId: string) {
  await todos.resolve(tx, reportTodoKey(reportId));
  await todos.resolve(tx, overdueTodoKey(reportId));
}

/**
 * 督办 reports past their due date: every progress report of a supervised case (supervision not
 * ended, case neither declined nor closed) whose `dueOn` is before `today` and that has no
 * `reportedOn` is a to-do `case.supervision_report` for the case's bureau (case.write holders) and a
 * to-do `case.supervision_overdue` for the supervising city bureau (case.supervise holders); the
 * report is flagged (`flaggedAt`) the first time. Reported ones drop out (their to-dos resolve).
 */
export async function syncSupervisionTodos(tx: Db, deps: { todos: TodosService; jurisdiction: { getOrg(actor: null, id: string, tx: Db): Promise<{ regionCode: string }> } }, today: string) {
  const rows = await tx
    .select({
      reportId: caseProgressReports.id,
      dueOn: caseProgressReports.dueOn,
      flaggedAt: caseProgressReports.flaggedAt,
      caseId: cases.id,
      caseNo: cases.caseNo,
      orgId: cases.orgId,
      regionCode: cases.regionCode,
      supervisingOrgId: caseSupervisions.supervisingOrgId,
    })
    .from(caseProgressReports)
    .innerJoin(cases, eq(cases.id, caseProgressReports.caseId))
    .innerJoin(caseSupervisions, eq(caseSupervisions.caseId, cases.id))
    .where(and(isNull(caseProgressReports.reportedOn), lt(caseProgressReports.dueOn, today), isNull(caseSupervisions.endedOn), notInArray(cases.stage, ['declined', 'closed'])))
    .orderBy(asc(caseProgressReports.dueOn), asc(caseProgressReports.id));

  const regionOf = new Map<string, string>();
  const reportTodos: TodoSpec[] = [];
  const overdueTodos: TodoSpec[] = [];
  let flagged = 0;
  for (const r of rows) {
    if (!r.flaggedAt) {
      await tx.update(caseProgressReports).set({ flaggedAt: new Date() }).where(eq(caseProgressReports.id, r.reportId));
      flagged += 1;
    }
    if (!regionOf.has(r.supervisingOrgId)) regionOf.set(r.supervisingOrgId, (await deps.jurisdiction.getOrg(null, r.supervisingOrgId, tx)).regionCode);
    const common = { subjectType: 'case', subjectId: r.caseId, link: caseLink(r.caseId), dueOn: r.dueOn, sectionId: null, params: { caseNo: r.caseNo, date: r.dueOn } };
    reportTodos.push({ ...common, key: reportTodoKey(r.reportId), title: `督办案件进展报告已于 ${r.dueOn} 到期，请报告（${r.caseNo}）`, orgId: r.orgId, permission: 'case.write', regionCode: r.regionCode });
    overdueTodos.push({ ...common, key: overdueTodoKey(r.reportId), title: `督办案件逾期未报告进展（${r.caseNo}，应于 ${r.dueOn} 报告）`, orgId: r.supervisingOrgId, permission: 'case.supervise', regionCode: regionOf.get(r.supervisingOrgId)! });
  }
  const a = await deps.todos.sync(tx, TODO.supervisionReport, reportTodos);
  const b = await deps.todos.sync(tx, TODO.supervisionOverdue, overdueTodos);
  return { overdue: rows.length, flagged, created: a.created + b.created, resolved: a.resolved + b.resolved };
}
