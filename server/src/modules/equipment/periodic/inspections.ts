import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { type InspectionConclusion, equipmentEvents, equipmentUnits } from '../registry/registry.schema.js';
import { STATUS_LABELS, isRetired } from '../registry/states.js';
import { findUnit, toEquipmentJson } from '../registry/unit-reads.js';
import { type UnitFacts, dueFrom, matchRule } from './due-dates.js';
import { BOILERS, loadRules } from './due-rules.js';
import { DUE_TODO_KINDS } from './due-todos.js';
import { type PeriodicKind, equipmentInspections } from './periodic.schema.js';

export interface InspectionInput {
  inspectedOn: string;
  kind?: PeriodicKind;
  institution: string;
  reportNo: string;
  conclusion: InspectionConclusion;
}

const columns = {
  id: equipmentInspections.id,
  equipmentId: equipmentInspections.equipmentId,
  kind: equipmentInspections.kind,
  institution: equipmentInspections.institution,
  inspectedOn: equipmentInspections.inspectedOn,
  reportNo: equipmentInspections.reportNo,
  conclusion: equipmentInspections.conclusion,
  nextDue: equipmentInspections.nextDue,
  dueAnswered: equipmentInspections.dueAnswered,
  ruleId: equipmentInspections.ruleId,
  recordedByName: equipmentInspections.recordedByName,
  createdAt: equipmentInspections.createdAt,
};

/**
 * The first due date of a newly registered unit given none: from its put-into-service date by the
 * `first` rule of its category (pressure vessels: within 3 years), or null when there is none
 * (the first inspection then sets it). The registry calls it on create.
 */
export async function firstInspectionDue(tx: Db, unit: UnitFacts & { putIntoServiceOn: string }): Promise<string | null> {
  const rule = matchRule(await loadRules(tx), unit, 'first');
  return rule ? dueFrom(rule, unit.putIntoServiceOn) : null;
}

/**
 * A boiler's next due date: the earliest of its kinds' next dues, each kind's from its latest
 * inspection that did not fail (internal every 2 years, external yearly); null when none gives one.
 */
async function boilerDue(tx: Db, equipmentId: string): Promise<string | null> {
  const rows = await tx
    .select({ kind: equipmentInspections.kind, nextDue: equipmentInspections.nextDue })
    .from(equipmentInspections)
    .where(and(eq(equipmentInspections.equipmentId, equipmentId), ne(equipmentInspections.conclusion, 'fail')))
    .orderBy(desc(equipmentInspections.inspectedOn), desc(equipmentInspections.createdAt), desc(equipmentInspections.id));
  const latest = new Map<string, string | null>();
  for (const r of rows) if (!latest.has(r.kind)) latest.set(r.kind, r.nextDue);
  const dues = [...latest.values()].filter((d): d is string => d !== null).sort();
  return dues[0] ?? null;
}

/**
 * Periodic inspections (特种设备安全法 §40): recorded by staff (`equipment.write`), read by staff
 * and by the user enterprise's accounts.
 */
export function makeInspections(deps: Pick<EquipmentDeps, 'db' | 'audit' | 'todos'>) {
  const { db, audit, todos } = deps;

  return {
    /**
     * Records an inspection and moves the unit's inspection state: a pass (or 基本符合要求) sets the
     * next due date by the rules; a fail leaves it and marks the unit failed while in use. An
     * inspection older than the unit's last one is kept but changes nothing on the unit.
     */
    async record(ctx: RequestContext & { actor: Actor }, equipmentId: string, input: InspectionInput, today = todayInChina()) {
      const inspectedOn = requireDate(input.inspectedOn, 'inspectedOn', '检验日期');
      if (inspectedOn > today) throw invalid('inspectedOn', `检验日期 ${inspectedOn} 晚于今天`, 'INVALID_DATE');
      const institution = requireText(input.institution, 'institution', '检验机构', 200);
      const reportNo = requireText(input.reportNo, 'reportNo', '检验报告编号', 100);
      const kind = input.kind ?? 'periodic';
      return inTransaction(db, async (tx) => {
        const unit = await findUnit(tx, ctx.actor, equipmentId, { lock: true });
        if (isRetired(unit.status)) throw new AppError('INVALID_TRANSITION', `设备已${STATUS_LABELS[unit.status]}，不能再登记定期检验`, 409, { status: unit.status });
        if (kind !== 'periodic' && unit.category !== BOILERS) throw invalid('kind', '内部检验、外部检验仅适用于锅炉（1000）');
        if (inspectedOn < unit.putIntoServiceOn) throw invalid('inspectedOn', `检验日期 ${inspectedOn} 早于投入使用日期 ${unit.putIntoServiceOn}`, 'INVALID_DATE');

        const rule = input.conclusion === 'fail' ? null : matchRule(await loadRules(tx), unit, 'periodic', kind);
        const nextDue = rule ? dueFrom(rule, inspectedOn) : null;
        const [inspection] = await tx
          .insert(equipmentInspections)
          .values({ equipmentId, kind, institution, inspectedOn, reportNo, conclusion: input.conclusion, nextDue, ruleId: rule?.id ?? null, dueAnswered: unit.nextInspectionDue, recordedByName: ctx.actor.name })
          .returning(columns);

        // A late entry of an older report is history only: the unit's state follows its latest inspection.
        const latest = unit.lastInspectedOn === null || inspectedOn >= unit.lastInspectedOn;
        const before = { lastInspectedOn: unit.lastInspectedOn, lastConclusion: unit.lastConclusion, nextInspectionDue: unit.nextInspectionDue };
        let after = before;
        if (latest) {
          const due = input.conclusion === 'fail' ? unit.nextInspectionDue : unit.category === BOILERS ? await boilerDue(tx, equipmentId) : nextDue;
          after = { lastInspectedOn: inspectedOn, lastConclusion: input.conclusion, nextInspectionDue: due };
        }
        await tx
          .update(equipmentUnits)
          .set({ ...after, version: nextVersion(equipmentUnits.version), updatedAt: new Date() })
          .where(eq(equipmentUnits.id, equipmentId));
        await tx.insert(equipmentEvents).values({ equipmentId, kind: 'inspected', before, after: { ...after, inspectionId: inspection!.id, kind, conclusion: input.conclusion, reportNo }, actorName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'equipment.inspected', targetType: 'equipment', targetId: equipmentId, before, after: { ...after, inspection: inspection! } });
        // The due and overdue to-dos are done with once a pass moved the due date (a fail keeps them: the unit still needs one).
        if (latest && input.conclusion !== 'fail' && after.nextInspectionDue !== before.nextInspectionDue) {
          for (const k of DUE_TODO_KINDS) await todos.resolveSubject(tx, k, equipmentId);
        }
        const now = toEquipmentJson({ ...unit, ...after, importId: null }, today);
        return { ...inspection!, nextInspectionDue: now.nextInspectionDue, lastConclusion: now.lastConclusion, overdue: now.overdue, failedInUse: now.failedInUse };
      });
    },

    /** A unit's inspections, latest first (404 outside the reader's scope). */
    async list(actor: Actor, equipmentId: string, page: Page) {
      await findUnit(db, actor, equipmentId);
      const where = eq(equipmentInspections.equipmentId, equipmentId);
      const [items, [count]] = await Promise.all([
        db.select(columns).from(equipmentInspections).where(where).orderBy(desc(equipmentInspections.inspectedOn), desc(equipmentInspections.createdAt), asc(equipmentInspections.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentInspections).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },
  };
}
