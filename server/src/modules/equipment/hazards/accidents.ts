import { and, asc, desc, eq, gte, like, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import type { ComplaintCounts } from '../equipment.deps.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { recomputeTier } from '../tiers/tier-compute.js';
import { equipmentAccidents } from './hazards.schema.js';
import { resolveSubject } from './hazards.service.js';

export interface AccidentInput {
  equipmentId?: string | null;
  userUscc?: string | null;
  occurredOn: string;
  description: string;
  casualties?: number;
}

const columns = {
  id: equipmentAccidents.id,
  equipmentId: equipmentAccidents.equipmentId,
  equipmentCode: equipmentUnits.equipmentCode,
  userUscc: equipmentAccidents.userUscc,
  userName: enterprises.name,
  regionCode: equipmentAccidents.regionCode,
  occurredOn: equipmentAccidents.occurredOn,
  description: equipmentAccidents.description,
  casualties: equipmentAccidents.casualties,
  createdByName: equipmentAccidents.createdByName,
  createdAt: equipmentAccidents.createdAt,
};

const scope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentAccidents.regionCode, uscc: equipmentAccidents.userUscc });

/**
 * Accidents (特种设备事故) of a unit or user unit, recorded by staff (`equipment.write`) in their
 * scope: a factor of the user unit's tier (accidents in the last two years), recomputed on record.
 */
export function makeAccidents(deps: { db: Db; audit: AuditService; complaintCounts?: ComplaintCounts }) {
  const { db, audit } = deps;
  const query = (tx: Db) =>
    tx.select(columns).from(equipmentAccidents).leftJoin(equipmentUnits, eq(equipmentUnits.id, equipmentAccidents.equipmentId)).leftJoin(enterprises, eq(enterprises.uscc, equipmentAccidents.userUscc));

  return {
    /** Records an accident (not in the future: 400 INVALID_DATE); audited `equipment_accident.recorded`. */
    async create(ctx: RequestContext & { actor: Actor }, input: AccidentInput) {
      const occurredOn = requireDate(input.occurredOn, 'occurredOn', '事故日期');
      if (occurredOn > todayInChina()) throw invalid('occurredOn', '事故日期不能晚于今天', 'INVALID_DATE');
      const description = requireText(input.description, 'description', '事故经过', 2000);
      const casualties = input.casualties ?? 0;
      if (!Number.isInteger(casualties) || casualties < 0 || casualties > 10_000) throw invalid('casualties', '伤亡人数不正确');
      return inTransaction(db, async (tx) => {
        const subject = await resolveSubject(tx, ctx.actor, input);
        const [row] = await tx
          .insert(equipmentAccidents)
          .values({ ...subject, occurredOn, description, casualties, createdByName: ctx.actor.name })
          .returning({ id: equipmentAccidents.id });
        await audit.record(tx, ctx, { action: 'equipment_accident.recorded', targetType: 'equipment_accident', targetId: row!.id, after: { ...subject, occurredOn, description, casualties } });
        await recomputeTier(tx, subject.userUscc, deps);
        const [after] = await query(tx).where(eq(equipmentAccidents.id, row!.id));
        return after!;
      });
    },

    /** Accidents in the actor's scope, latest first (then by id). */
    async list(actor: Actor, filter: { userUscc?: string; regionCode?: string; year?: number; equipmentId?: string }, page: Page) {
      const where = and(
        scope(actor),
        filter.userUscc ? eq(equipmentAccidents.userUscc, normalizeUscc(filter.userUscc)) : undefined,
        filter.regionCode ? like(equipmentAccidents.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
        filter.equipmentId ? eq(equipmentAccidents.equipmentId, filter.equipmentId) : undefined,
        filter.year ? and(gte(equipmentAccidents.occurredOn, `${filter.year}-01-01`), lt(equipmentAccidents.occurredOn, `${filter.year + 1}-01-01`)) : undefined,
      );
      const [items, [count]] = await Promise.all([
        query(db).where(where).orderBy(desc(equipmentAccidents.occurredOn), asc(equipmentAccidents.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentAccidents).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** One accident in the actor's scope (404 otherwise). */
    async get(actor: Actor, id: string) {
      const [row] = await query(db).where(and(eq(equipmentAccidents.id, id), scope(actor)));
      if (!row) throw notFound('事故');
      return row;
    },
  };
}
