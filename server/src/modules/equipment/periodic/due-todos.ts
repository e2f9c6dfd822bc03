import { and, asc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { enterprises } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentCategories, equipmentUnits } from '../registry/registry.schema.js';

/** The to-do kinds of the daily due job: due within the window (not yet overdue), and overdue. */
export const DUE_TODO_KINDS = ['equipment.inspection_due', 'equipment.inspection_overdue'] as const;
export type DueTodoKind = (typeof DUE_TODO_KINDS)[number];

/** How many days ahead the job warns (§40: the user asks for the inspection a month before it is due). */
export const DUE_TODO_WINDOW_DAYS = 30;

/** The enterprise's twin of an item: the same kind, its key prefixed (as the licences' reminders do). */
const ENTERPRISE_KEY_PREFIX = 'enterprise:';

/** The county bureau's users who see the items: those reading special equipment. */
const DUE_TODO_PERMISSION = 'equipment.read';

/** Resolves a unit's open due and overdue to-dos at once (a pass moved its due date; the registry may call it when a unit is scrapped). */
export async function resolveDueTodos(deps: Pick<EquipmentDeps, 'todos'>, tx: Db, equipmentId: string) {
  for (const kind of DUE_TODO_KINDS) await deps.todos.resolveSubject(tx, kind, equipmentId);
}

/** Units read (and to-dos raised) per round trip of the daily due job. */
const PAGE_SIZE = 5000;

/**
 * The daily due job: every unit in use whose next inspection is due within 30 days or overdue
 * gets one to-do for the county bureau of its region (users holding `equipment.read`, link
 * `/equipment/<id>`) and one for its user enterprise's accounts (link `/my/equipment/<id>`). Keys
 * carry the due date, so a re-run creates nothing and a new due date raises a new item; items whose
 * unit is no longer due (inspected, suspended, scrapped) are resolved. The units are read a page at
 * a time (by due date and id) and their to-dos raised as they come, so a city of millions of units
 * never holds its due list in memory.
 */
export function makeDueTodos(deps: Pick<EquipmentDeps, 'db' | 'todos' | 'jurisdiction'>, pageSize = PAGE_SIZE) {
  /** The in-use units due in the kind's range, a page at a time, as to-dos (the bureau's, then the enterprise's). */
  async function* wantedOf(tx: Db, kind: DueTodoKind, today: string) {
    const bureauFor = deps.jurisdiction.competentBureauIds(tx);
    const overdue = kind === 'equipment.inspection_overdue';
    const range = overdue ? lt(equipmentUnits.nextInspectionDue, today) : and(gte(equipmentUnits.nextInspectionDue, today), lte(equipmentUnits.nextInspectionDue, addDays(today, DUE_TODO_WINDOW_DAYS)));
    for (let after: { due: string; id: string } | null = null; ; ) {
      const units = await tx
        .select({
          id: equipmentUnits.id,
          equipmentCode: equipmentUnits.equipmentCode,
          category: equipmentUnits.category,
          categoryName: sql<string>`coalesce(${equipmentCategories.name}, ${equipmentUnits.category})`,
          userUscc: equipmentUnits.userUscc,
          holder: sql<string>`coalesce(${enterprises.name}, ${equipmentUnits.userUscc})`,
          regionCode: equipmentUnits.regionCode,
          due: equipmentUnits.nextInspectionDue,
        })
        .from(equipmentUnits)
        .leftJoin(enterprises, eq(enterprises.uscc, equipmentUnits.userUscc))
        .leftJoin(equipmentCategories, eq(equipmentCategories.code, equipmentUnits.category))
        .where(and(eq(equipmentUnits.status, 'in_use'), range, after ? sql`(${equipmentUnits.nextInspectionDue}, ${equipmentUnits.id}) > (${after.due}::date, ${after.id}::uuid)` : undefined))
        .orderBy(asc(equipmentUnits.nextInspectionDue), asc(equipmentUnits.id))
        .limit(pageSize);
      const wanted: TodoSpec[] = [];
      for (const row of units) {
        const u = { ...row, due: row.due! }; // the range excludes null
        const what = `${u.categoryName}（${u.equipmentCode}）`;
        const title = (who: string) => (overdue ? `${who}的${what}定期检验已于 ${u.due} 到期，逾期未检` : `${who}的${what}应于 ${u.due} 前完成定期检验`);
        const common = { subjectType: 'equipment', subjectId: u.id, params: { holder: u.holder, category: u.category, categoryName: u.categoryName, code: u.equipmentCode, date: u.due }, dueOn: u.due, regionCode: u.regionCode };
        wanted.push({ ...common, key: `${kind}:${u.id}:${u.due}`, title: title(u.holder), link: `/equipment/${u.id}`, orgId: await bureauFor(u.regionCode), sectionId: null, permission: DUE_TODO_PERMISSION });
        wanted.push({ ...common, key: `${ENTERPRISE_KEY_PREFIX}${kind}:${u.id}:${u.due}`, title: title('本单位'), link: `/my/equipment/${u.id}`, orgId: null, sectionId: null, enterpriseUscc: u.userUscc });
      }
      if (wanted.length) yield wanted;
      const last = units.at(-1);
      if (!last || units.length < pageSize) return;
      after = { due: last.due!, id: last.id };
    }
  }

  return {
    async run(today = todayInChina()) {
      return inTransaction(deps.db, async (tx) => {
        const counts = {} as Record<DueTodoKind, { created: number; resolved: number }>;
        for (const kind of DUE_TODO_KINDS) counts[kind] = await deps.todos.syncChunks(tx, kind, wantedOf(tx, kind, today));
        return counts;
      });
    },
  };
}
