import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { invalid, orThrow, checkText } from '../../../platform/validation/fields.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentCategories } from '../registry/registry.schema.js';
import type { DueBasis } from './due-dates.js';
import { type PeriodicKind, equipmentDueRules } from './periodic.schema.js';

/** The boiler category: the only one whose inspections are internal or external. */
export const BOILERS = '1000';
/** Longest interval a rule may give (20 years). */
export const MAX_INTERVAL_MONTHS = 240;

export interface DueRuleInput {
  category: string;
  subcategory?: string | null;
  kind?: PeriodicKind | null;
  safetyGrade?: number | null;
  basis?: DueBasis;
  intervalMonths: number;
  note?: string | null;
}
export type DueRuleChanges = Partial<DueRuleInput>;

const columns = {
  id: equipmentDueRules.id,
  category: equipmentDueRules.category,
  subcategory: equipmentDueRules.subcategory,
  kind: equipmentDueRules.kind,
  safetyGrade: equipmentDueRules.safetyGrade,
  basis: equipmentDueRules.basis,
  intervalMonths: equipmentDueRules.intervalMonths,
  note: equipmentDueRules.note,
  version: equipmentDueRules.version,
  createdAt: equipmentDueRules.createdAt,
  updatedAt: equipmentDueRules.updatedAt,
};
export type DueRule = Awaited<ReturnType<ReturnType<typeof makeDueRules>['list']>>['items'][number];

/** Every rule, in a stable order (the matcher reads them all: a few dozen rows). */
export const loadRules = (tx: Db) =>
  tx
    .select(columns)
    .from(equipmentDueRules)
    .orderBy(asc(equipmentDueRules.category), sql`${equipmentDueRules.subcategory} asc nulls first`, sql`${equipmentDueRules.kind} asc nulls first`, sql`${equipmentDueRules.safetyGrade} asc nulls first`, asc(equipmentDueRules.basis), asc(equipmentDueRules.id));

/**
 * Due rules as data (administrators, `equipment.configure`): per category and optionally
 * subcategory, inspection kind (boilers only) and safety grade; `first` rules count from the
 * put-into-service date. One rule per combination (409 DUPLICATE).
 */
export function makeDueRules(deps: Pick<EquipmentDeps, 'db' | 'audit'>) {
  const { db, audit } = deps;

  async function find(tx: Db, id: string, lock = false) {
    const query = tx.select(columns).from(equipmentDueRules).where(eq(equipmentDueRules.id, id));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('检验周期规则');
    return row;
  }

  /** The rule's fields checked against the catalogue (a whole rule: the stored one with the changes applied). */
  async function check(tx: Db, r: Required<DueRuleInput>) {
    const [top] = await tx.select({ code: equipmentCategories.code }).from(equipmentCategories).where(and(eq(equipmentCategories.code, r.category), sql`${equipmentCategories.parentCode} is null`));
    if (!top) throw invalid('category', `设备类别 ${r.category} 不是目录中的大类`, 'UNKNOWN_CATEGORY');
    if (r.subcategory !== null) {
      const [sub] = await tx.select({ code: equipmentCategories.code }).from(equipmentCategories).where(and(eq(equipmentCategories.code, r.subcategory), eq(equipmentCategories.parentCode, r.category)));
      if (!sub) throw invalid('subcategory', `设备品种 ${r.subcategory} 不属于类别 ${r.category}`, 'UNKNOWN_CATEGORY');
    }
    if (r.kind !== null && r.kind !== 'periodic' && r.category !== BOILERS) throw invalid('kind', '内部检验、外部检验仅适用于锅炉（1000）');
    if (r.kind !== null && r.basis === 'first') throw invalid('kind', '首次检验规则不区分检验类型');
    if (r.safetyGrade !== null && (!Number.isInteger(r.safetyGrade) || r.safetyGrade < 1 || r.safetyGrade > 5)) throw invalid('safetyGrade', '安全状况等级应为 1–5');
    if (!Number.isInteger(r.intervalMonths) || r.intervalMonths < 0 || r.intervalMonths > MAX_INTERVAL_MONTHS) throw invalid('intervalMonths', `检验周期应为 0–${MAX_INTERVAL_MONTHS} 个月（0 表示不计下次检验日期）`);
    return { ...r, note: orThrow(checkText(r.note, 'note', '说明', { max: 500, required: false })) };
  }

  /** The database's unique index says the combination is taken: 409 DUPLICATE. */
  async function unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (pgErrorOf(err)?.code === '23505') throw new AppError('DUPLICATE', '相同类别、品种、检验类型、安全状况等级和依据的规则已存在', 409);
      throw err;
    }
  }

  return {
    async list() {
      const items = await loadRules(db);
      return { items, total: items.length };
    },

    async create(ctx: RequestContext & { actor: Actor }, input: DueRuleInput) {
      return inTransaction(db, async (tx) => {
        const values = await check(tx, { subcategory: null, kind: null, safetyGrade: null, basis: 'periodic', note: null, ...input });
        const [row] = await unique(() => tx.insert(equipmentDueRules).values(values).returning({ id: equipmentDueRules.id }));
        const created = await find(tx, row!.id);
        await audit.record(tx, ctx, { action: 'equipment_due_rule.created', targetType: 'equipment_due_rule', targetId: created.id, after: created });
        return created;
      });
    },

    /** Changes the given fields (`expected`: If-Match). Units keep their due dates until their next inspection. */
    async update(ctx: RequestContext & { actor: Actor }, id: string, input: DueRuleChanges, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await find(tx, id, true);
        assertVersion(expected, before.version);
        const values = await check(tx, {
          category: input.category ?? before.category,
          subcategory: input.subcategory !== undefined ? input.subcategory : before.subcategory,
          kind: input.kind !== undefined ? input.kind : before.kind,
          safetyGrade: input.safetyGrade !== undefined ? input.safetyGrade : before.safetyGrade,
          basis: input.basis ?? before.basis,
          intervalMonths: input.intervalMonths ?? before.intervalMonths,
          note: input.note !== undefined ? input.note : before.note,
        });
        await unique(() => tx.update(equipmentDueRules).set({ ...values, version: nextVersion(equipmentDueRules.version), updatedAt: new Date() }).where(eq(equipmentDueRules.id, id)));
        const after = await find(tx, id);
        await audit.record(tx, ctx, { action: 'equipment_due_rule.updated', targetType: 'equipment_due_rule', targetId: id, before, after });
        return after;
      });
    },

    /** Removes a rule (`expected`: If-Match); units keep the due dates it gave. */
    async remove(ctx: RequestContext & { actor: Actor }, id: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        const before = await find(tx, id, true);
        assertVersion(expected, before.version);
        await tx.delete(equipmentDueRules).where(eq(equipmentDueRules.id, id));
        await audit.record(tx, ctx, { action: 'equipment_due_rule.deleted', targetType: 'equipment_due_rule', targetId: id, before });
      });
    },
  };
}
