import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { TodoSpec, TodosService } from '../../platform/todos/todos.service.js';
import { enterprises } from '../enterprises/index.js';
import { licenceFeedback } from './feedback/feedback.schema.js';
import { selectLicencesWithHolder } from './licence-reads.js';
import { licenceTransitions, licenceTypes, licences } from './licences.schema.js';
import type { LicenceState } from './states.js';

/** The reminder kinds this module raises (the web UI labels them). */
export const REMINDER_KINDS = ['licence.expiring_90', 'licence.expiring_30', 'licence.change_overdue', 'licence.review_due', 'feedback.received', 'feedback.overdue', 'licence.change_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

const SUPERVISED: LicenceState[] = ['normal', 'warning', 'changeOrdered', 'suspended'];

/** An enterprise-addressed twin of a reminder (企业端): the same kind, its key prefixed, seen only by the holder's accounts. */
export const ENTERPRISE_KEY_PREFIX = 'enterprise:';

/** Who handles licences and notices (the office's users holding it see these reminders; inspectors do not). */
export const REMINDER_PERMISSION = 'licence.write';

/** A notice waiting for a decision, as a to-do of the bureau whose queue holds it (raised on receipt and by the daily job). */
export function noticeTodo(f: { id: string; department: string; uscc: string; holder: string | null; dueOn: string; dueCertain: boolean; orgId: string; regionCode: string }, overdue: boolean): TodoSpec {
  const holder = f.holder ?? f.uscc;
  const kind = overdue ? 'feedback.overdue' : 'feedback.received';
  return {
    key: overdue ? `${kind}:${f.id}:${f.dueOn}` : `${kind}:${f.id}`,
    subjectType: 'licence_feedback',
    subjectId: f.id,
    title: overdue ? `${f.department}关于${holder}的通报已超过办理期限（${f.dueOn}）` : `${f.department}关于${holder}的通报待处理（期限 ${f.dueOn}）`,
    params: { department: f.department, holder, date: f.dueOn },
    link: `/feedback/${f.id}`,
    dueOn: f.dueOn,
    dueCertain: f.dueCertain,
    orgId: f.orgId,
    sectionId: null,
    permission: REMINDER_PERMISSION,
    regionCode: f.regionCode,
  };
}

/**
 * The licence module's daily reminders (issue 4): licences expiring within 90 and within 30
 * days, orders to change the registration whose deadline passed, warnings whose review date
 * came, and department notices waiting for a decision (received, then past their deadline).
 * Each becomes a to-do of the competent bureau of the holder's region and of the licence type's
 * owning section, for their users who handle licences (`licence.write`).
 */
export function makeLicenceReminders(deps: { db: Db; todos: TodosService; jurisdiction: JurisdictionService }) {
  return {
    async run(today = todayInChina()) {
      return inTransaction(deps.db, async (tx) => {
        const bureauFor = deps.jurisdiction.competentBureauIds(tx);
        const in30 = addDays(today, 30);
        const in90 = addDays(today, 90);

        const due = await selectLicencesWithHolder(tx, {
            id: licences.id,
            number: licences.number,
            state: licences.state,
            expiresOn: licences.expiresOn,
            reviewOn: licences.reviewOn,
            changeDeadline: licences.changeDeadline,
            // The certainty of the applied order that set the change deadline (counted in working days).
            changeDeadlineCertain: sql<boolean | null>`(select ${licenceTransitions.deadlineCertain} from ${licenceTransitions} where ${licenceTransitions.licenceId} = ${licences.id} and ${licenceTransitions.status} = 'applied' and ${licenceTransitions.toState} = 'changeOrdered' and ${licenceTransitions.deadlineOn} = ${licences.changeDeadline} order by ${licenceTransitions.decidedAt} desc nulls last, ${licenceTransitions.requestedAt} desc limit 1)`,
            typeName: licenceTypes.name,
            sectionId: licenceTypes.sectionId,
            holder: enterprises.name,
            uscc: enterprises.uscc,
            regionCode: enterprises.regionCode,
          })
          .where(
            and(
              inArray(licences.state, SUPERVISED),
              or(and(gte(licences.expiresOn, today), lte(licences.expiresOn, in90)), eq(licences.state, 'changeOrdered'), and(eq(licences.state, 'warning'), lte(licences.reviewOn, today))),
            ),
          );

        const wanted: Record<ReminderKind, TodoSpec[]> = { 'licence.expiring_90': [], 'licence.expiring_30': [], 'licence.change_overdue': [], 'licence.review_due': [], 'feedback.received': [], 'feedback.overdue': [], 'licence.change_due': [] };
        for (const l of due) {
          const params = (date: string) => ({ holder: l.holder, typeName: l.typeName, number: l.number, date });
          const about = async (kind: ReminderKind, date: string, title: string, dueCertain = true) =>
            wanted[kind].push({ key: `${kind}:${l.id}:${date}`, subjectType: 'licence', subjectId: l.id, title, params: params(date), link: `/licences/${l.id}`, dueOn: date, dueCertain, orgId: await bureauFor(l.regionCode), sectionId: l.sectionId, permission: REMINDER_PERMISSION, regionCode: l.regionCode });
          // The holder's own twin (企业端): addressed to its accounts only, never to an office.
          const toHolder = (kind: ReminderKind, date: string, title: string, dueCertain = true) =>
            wanted[kind].push({ key: `${ENTERPRISE_KEY_PREFIX}${kind}:${l.id}:${date}`, subjectType: 'licence', subjectId: l.id, title, params: params(date), link: `/my/licences/${l.id}`, dueOn: date, dueCertain, orgId: null, sectionId: null, enterpriseUscc: l.uscc, regionCode: l.regionCode });
          const name = `${l.holder}的${l.typeName}（${l.number}）`;
          const yours = `本企业的${l.typeName}（${l.number}）`;
          if (l.expiresOn && l.expiresOn <= in30 && l.expiresOn >= today) {
            await about('licence.expiring_30', l.expiresOn, `${name}将于 ${l.expiresOn} 到期`);
            toHolder('licence.expiring_30', l.expiresOn, `${yours}将于 ${l.expiresOn} 到期`);
          } else if (l.expiresOn && l.expiresOn > in30 && l.expiresOn <= in90) {
            await about('licence.expiring_90', l.expiresOn, `${name}将于 ${l.expiresOn} 到期`);
            toHolder('licence.expiring_90', l.expiresOn, `${yours}将于 ${l.expiresOn} 到期`);
          }
          if (l.state === 'changeOrdered' && l.changeDeadline && l.changeDeadline < today) await about('licence.change_overdue', l.changeDeadline, `${name}责令限期办理变更登记已于 ${l.changeDeadline} 到期`, l.changeDeadlineCertain !== false);
          // A measure with a deadline: the holder is told of the change order until its deadline (and after it, until the state moves on).
          if (l.state === 'changeOrdered' && l.changeDeadline) toHolder('licence.change_due', l.changeDeadline, `${yours}被责令限期办理变更登记，期限 ${l.changeDeadline}`, l.changeDeadlineCertain !== false);
          if (l.state === 'warning' && l.reviewOn && l.reviewOn <= today) await about('licence.review_due', l.reviewOn, `${name}警示管理应于 ${l.reviewOn} 复查`);
        }

        const waiting = await tx
          .select({ id: licenceFeedback.id, department: licenceFeedback.department, uscc: licenceFeedback.uscc, holder: enterprises.name, dueOn: licenceFeedback.dueOn, dueCertain: licenceFeedback.dueCertain, orgId: licenceFeedback.orgId, regionCode: licenceFeedback.regionCode })
          .from(licenceFeedback)
          .leftJoin(enterprises, eq(enterprises.id, licenceFeedback.enterpriseId))
          .where(isNull(licenceFeedback.decidedAt));
        for (const f of waiting) {
          const overdue = f.dueOn < today;
          wanted[overdue ? 'feedback.overdue' : 'feedback.received'].push(noticeTodo(f, overdue));
        }

        const counts: Partial<Record<ReminderKind, { created: number; resolved: number }>> = {};
        for (const kind of REMINDER_KINDS) counts[kind] = await deps.todos.sync(tx, kind, wanted[kind]);
        return counts as Record<ReminderKind, { created: number; resolved: number }>;
      });
    },
  };
}

export type LicenceReminders = ReturnType<typeof makeLicenceReminders>;
