import { and, asc, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { forbidden, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, invalid, orThrow, requireDate } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { type HazardLevel, equipmentHazards, equipmentSelfInspections } from './hazards.schema.js';
import type { HazardCtx, HazardInput, HazardView } from './hazards.service.js';

/** Most hazards reported with one self-inspection. */
export const SELF_INSPECTION_HAZARDS_MAX = 100;

export interface SelfInspectionInput {
  /** Staff only: the user unit inspected (an enterprise account reports for its own enterprise). */
  userUscc?: string;
  inspectedOn: string;
  note?: string | null;
  hazards: { equipmentId?: string | null; description: string; level: HazardLevel; correctionDueOn: string }[];
}

const columns = {
  id: equipmentSelfInspections.id,
  userUscc: equipmentSelfInspections.userUscc,
  userName: enterprises.name,
  regionCode: equipmentSelfInspections.regionCode,
  inspectedOn: equipmentSelfInspections.inspectedOn,
  note: equipmentSelfInspections.note,
  reportedByKind: equipmentSelfInspections.reportedByKind,
  reportedByName: equipmentSelfInspections.reportedByName,
  createdAt: equipmentSelfInspections.createdAt,
  hazardCount: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.self_inspection_id = ${equipmentSelfInspections.id})`,
  openHazards: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.self_inspection_id = ${equipmentSelfInspections.id} and h.corrected_on is null)`,
};

const scope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentSelfInspections.regionCode, uscc: equipmentSelfInspections.userUscc });

/**
 * Enterprise self-inspections (企业自查): the enterprise account reports one for its own units
 * (the user unit from the account), staff with `equipment.write` enter one for a user unit in
 * their scope; each hazard found becomes a hazard of source `self_inspection`, found on the
 * inspection's day, counted in the self-correction rate.
 */
export function makeSelfInspections(deps: { db: Db; audit: AuditService; recordHazard: (tx: Db, ctx: HazardCtx, input: HazardInput) => Promise<HazardView> }) {
  const { db, audit, recordHazard } = deps;
  const query = (tx: Db) => tx.select(columns).from(equipmentSelfInspections).leftJoin(enterprises, eq(enterprises.uscc, equipmentSelfInspections.userUscc));

  return {
    /** Reports a self-inspection with its hazards (201 with them). 400 INVALID_DATE for a day in the future. */
    async create(ctx: RequestContext & { actor: Actor }, input: SelfInspectionInput) {
      const own = ctx.actor.enterpriseUscc;
      if (!own && !ctx.actor.permissions.has('equipment.write')) throw forbidden();
      if (!own && !input.userUscc) throw invalid('userUscc', '请填写使用单位');
      if (own && input.userUscc && normalizeUscc(input.userUscc) !== own) throw notFound('使用单位');
      const uscc = own ?? normalizeUscc(input.userUscc!);
      const inspectedOn = requireDate(input.inspectedOn, 'inspectedOn', '自查日期');
      if (inspectedOn > todayInChina()) throw invalid('inspectedOn', '自查日期不能晚于今天', 'INVALID_DATE');
      const note = orThrow(checkText(input.note ?? null, 'note', '自查说明', { max: 2000, required: false }));
      if (input.hazards.length > SELF_INSPECTION_HAZARDS_MAX) throw invalid('hazards', `一次自查最多报告 ${SELF_INSPECTION_HAZARDS_MAX} 项隐患`);
      return inTransaction(db, async (tx) => {
        const [enterprise] = await tx
          .select({ regionCode: enterprises.regionCode })
          .from(enterprises)
          .where(and(eq(enterprises.uscc, uscc), visibleTo(ctx.actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc })));
        if (!enterprise) throw notFound('使用单位');
        const [row] = await tx
          .insert(equipmentSelfInspections)
          .values({ userUscc: uscc, regionCode: enterprise.regionCode, inspectedOn, note, reportedByKind: own ? 'enterprise' : 'staff', reportedByName: ctx.actor.name })
          .returning({ id: equipmentSelfInspections.id });
        const id = row!.id;
        await audit.record(tx, ctx, { action: 'equipment_self_inspection.reported', targetType: 'equipment_self_inspection', targetId: id, after: { userUscc: uscc, inspectedOn, note, hazards: input.hazards.length } });
        const hazards: HazardView[] = [];
        for (const [i, h] of input.hazards.entries()) {
          try {
            if (h.equipmentId) await assertUnitOf(tx, ctx.actor, h.equipmentId, uscc);
            hazards.push(await recordHazard(tx, ctx, { ...h, userUscc: uscc, source: 'self_inspection', foundOn: inspectedOn, selfInspectionId: id }));
          } catch (err) {
            // Name the hazard the problem is in (hazards[i].field).
            const details = (err as { details?: { field?: string } }).details;
            if (details?.field) details.field = `hazards[${i}].${details.field}`;
            throw err;
          }
        }
        const [detail] = await query(tx).where(eq(equipmentSelfInspections.id, id));
        return { ...detail!, hazards };
      });
    },

    /** Self-inspections in the actor's scope, latest first (then by id). */
    async list(actor: Actor, filter: { userUscc?: string; regionCode?: string; year?: number }, page: Page) {
      const where = and(
        scope(actor),
        filter.userUscc ? eq(equipmentSelfInspections.userUscc, normalizeUscc(filter.userUscc)) : undefined,
        filter.regionCode ? like(equipmentSelfInspections.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
        filter.year ? and(gte(equipmentSelfInspections.inspectedOn, `${filter.year}-01-01`), lt(equipmentSelfInspections.inspectedOn, `${filter.year + 1}-01-01`)) : undefined,
      );
      const [items, [count]] = await Promise.all([
        query(db).where(where).orderBy(desc(equipmentSelfInspections.inspectedOn), asc(equipmentSelfInspections.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentSelfInspections).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** One self-inspection in the actor's scope (404 otherwise). */
    async get(actor: Actor, id: string) {
      const [row] = await query(db).where(and(eq(equipmentSelfInspections.id, id), scope(actor)));
      if (!row) throw notFound('自查记录');
      return row;
    },

    /** 404 unless the self-inspection is in the actor's scope and of the user unit `uscc`. */
    async assertOwn(tx: Db, actor: Actor, id: string, uscc: string) {
      const [row] = await tx
        .select({ id: equipmentSelfInspections.id })
        .from(equipmentSelfInspections)
        .where(and(eq(equipmentSelfInspections.id, id), eq(equipmentSelfInspections.userUscc, uscc), scope(actor)));
      if (!row) throw notFound('自查记录');
    },
  };
}

/** A self-inspection's hazard on a unit: the unit must be the user unit's and in the actor's scope (404). */
async function assertUnitOf(tx: Db, actor: Actor, equipmentId: string, uscc: string) {
  const [unit] = await tx
    .select({ id: equipmentUnits.id })
    .from(equipmentUnits)
    .where(and(eq(equipmentUnits.id, equipmentId), eq(equipmentUnits.userUscc, uscc), visibleTo(actor, { regionCode: equipmentUnits.regionCode, uscc: equipmentUnits.userUscc })));
  if (!unit) throw notFound('设备');
}
