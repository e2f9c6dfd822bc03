import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkCellText, invalid, orThrow, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { operatorWorkItems } from '../operators/operators.schema.js';
import { type EquipmentStatus, type InspectionConclusion, type KeyUnitKind, equipmentCategories, equipmentEvents, equipmentImports, equipmentUnits } from './registry.schema.js';
import { STATUS_LABELS, canTransition } from './states.js';
import { firstInspectionDue } from '../periodic/inspections.js';
import { exportUnitRows } from './export-equipment.js';
import { makeUnitImport } from './import-equipment.js';
import {
  type CategoryEntry,
  MAX_ADDRESS,
  checkAnyDate,
  checkCategories,
  checkConclusion,
  checkEquipmentCode,
  checkInspectionState,
  checkKeyUnitKind,
  checkPastDate,
  checkRegistrationNo,
  checkSafetyGrade,
  checkStatus,
  checkUnitRegion,
} from './unit-fields.js';
import { type EquipmentFilter, type EquipmentJson, type Sort, findUnit, selectUnits, toEquipmentJson, unitConditions, unitOrder } from './unit-reads.js';

/** A unit's fields as the form gives them (POST /api/equipment). */
export interface UnitInput {
  category: string;
  subcategory?: string | null;
  equipmentCode: string;
  registrationNo?: string | null;
  userUscc: string;
  regionCode: string;
  address: string;
  manufacturer?: string | null;
  model?: string | null;
  factoryNo?: string | null;
  putIntoServiceOn: string;
  /** In use unless told otherwise (a register taken over may hold suspended units). */
  status?: EquipmentStatus;
  keyUnitKind?: KeyUnitKind | null;
  safetyGrade?: number | null;
  /** The inspection state as written on the unit's current inspection certificate. */
  lastInspectedOn?: string | null;
  lastConclusion?: InspectionConclusion | null;
  nextInspectionDue?: string | null;
}

/** The fields a change may touch (PATCH): the code, status and inspection state are not among them. */
export type UnitChanges = Partial<Pick<UnitInput, 'category' | 'subcategory' | 'registrationNo' | 'userUscc' | 'regionCode' | 'address' | 'manufacturer' | 'model' | 'factoryNo' | 'putIntoServiceOn' | 'keyUnitKind' | 'safetyGrade'>>;

export interface TransitionInput {
  to: EquipmentStatus;
  reason: string;
}

export interface CategoryInput {
  code: string;
  parentCode?: string | null;
  name: string;
  needsOperator?: boolean;
  operatorWorkItems?: string[];
  sort?: number;
}

export type CategoryChanges = Partial<Omit<CategoryInput, 'code' | 'parentCode'>>;

/** A category code: four digits or capital letters (the catalogue's 3000, 4A00, F100). */
export const CATEGORY_CODE_PATTERN = '^[0-9A-Z]{4}$';

const categoryColumns = {
  code: equipmentCategories.code,
  parentCode: equipmentCategories.parentCode,
  name: equipmentCategories.name,
  needsOperator: equipmentCategories.needsOperator,
  operatorWorkItems: equipmentCategories.operatorWorkItems,
  builtin: equipmentCategories.builtin,
  sort: equipmentCategories.sort,
  version: equipmentCategories.version,
};

/** The fields a change is recorded with (the history's before/after and the audit trail). */
const TRACKED = ['category', 'subcategory', 'registrationNo', 'userUscc', 'regionCode', 'address', 'manufacturer', 'model', 'factoryNo', 'putIntoServiceOn', 'keyUnitKind', 'safetyGrade'] as const;

const optionalText = (value: string | null | undefined, field: string, label: string, max: number) => orThrow(checkCellText(value ?? null, field, label, { max }));

const duplicate = (field: 'equipmentCode' | 'registrationNo', value: string) =>
  new AppError('DUPLICATE', field === 'equipmentCode' ? `设备代码 ${value} 已登记` : `使用登记证编号 ${value} 已被其他设备使用`, 409, { field });

/**
 * The special-equipment registry (特种设备): the category dictionary, units with their use-status
 * state machine and history. Every change is audited in its transaction; reads are scoped by the
 * unit's region (officers) or its user (enterprise accounts). See README.md.
 */
export function makeRegistryService(deps: EquipmentDeps) {
  const { db, audit } = deps;

  /** The whole dictionary by code (a few hundred entries at most). */
  async function dictionary(tx: Db): Promise<Map<string, CategoryEntry>> {
    const rows = await tx.select({ code: equipmentCategories.code, parentCode: equipmentCategories.parentCode, name: equipmentCategories.name }).from(equipmentCategories);
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** 400 USER_UNKNOWN unless the user unit is an enterprise of the register. */
  async function requireUser(tx: Db, raw: string): Promise<string> {
    const uscc = normalizeUscc(raw);
    const [found] = await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.uscc, uscc));
    if (!found) throw new AppError('USER_UNKNOWN', `使用单位（统一社会信用代码 ${uscc.slice(0, 40)}）不在市场主体名录中，请先登记该企业`, 400, { field: 'userUscc' });
    return uscc;
  }

  /** 409 DUPLICATE when another unit holds the code or the registration number. */
  async function requireUnique(tx: Db, values: { equipmentCode?: string; registrationNo?: string | null }, exceptId?: string) {
    const conds = [];
    if (values.equipmentCode) conds.push(eq(equipmentUnits.equipmentCode, values.equipmentCode));
    if (values.registrationNo) conds.push(eq(equipmentUnits.registrationNo, values.registrationNo));
    if (!conds.length) return;
    const taken = await tx
      .select({ equipmentCode: equipmentUnits.equipmentCode, registrationNo: equipmentUnits.registrationNo })
      .from(equipmentUnits)
      .where(and(or(...conds), exceptId ? ne(equipmentUnits.id, exceptId) : undefined))
      .limit(2);
    for (const t of taken) {
      if (values.equipmentCode && t.equipmentCode === values.equipmentCode) throw duplicate('equipmentCode', values.equipmentCode);
      if (values.registrationNo && t.registrationNo === values.registrationNo) throw duplicate('registrationNo', values.registrationNo);
    }
  }

  /** A unique index refused the write (a concurrent registration took the value): 409 DUPLICATE. */
  async function uniqueOr409<T>(write: Promise<T>, values: { equipmentCode?: string; registrationNo?: string | null }): Promise<T> {
    try {
      return await write;
    } catch (err) {
      if (pgErrorOf(err)?.code !== '23505') throw err;
      const text = String((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message);
      if (text.includes('registration') && values.registrationNo) throw duplicate('registrationNo', values.registrationNo);
      throw duplicate('equipmentCode', values.equipmentCode ?? '');
    }
  }

  const regionOf = async (raw: string, actor: Actor) => orThrow(checkUnitRegion(raw, await deps.jurisdiction.regionResolver(), actor));

  async function findCategory(tx: Db, code: string, lock = false) {
    const query = tx.select(categoryColumns).from(equipmentCategories).where(eq(equipmentCategories.code, code));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('设备类别');
    return row;
  }

  async function checkWorkItems(tx: Db, codes: string[] | undefined): Promise<string[] | undefined> {
    if (codes === undefined) return undefined;
    const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
    if (!unique.length) return [];
    const known = new Set((await tx.select({ code: operatorWorkItems.code }).from(operatorWorkItems).where(inArray(operatorWorkItems.code, unique))).map((r) => r.code));
    const unknown = unique.filter((c) => !known.has(c));
    if (unknown.length) throw invalid('operatorWorkItems', `作业项目 ${unknown.join('、')} 不在作业项目目录中`, 'WORK_ITEM_UNKNOWN');
    return unique;
  }

  const categories = {
    /** The dictionary: top categories and subcategories, in the catalogue's order. */
    async list() {
      const items = await db.select(categoryColumns).from(equipmentCategories).orderBy(asc(equipmentCategories.sort), asc(equipmentCategories.code));
      return { items, total: items.length };
    },

    async create(ctx: RequestContext & { actor: Actor }, input: CategoryInput) {
      if (!new RegExp(CATEGORY_CODE_PATTERN).test(input.code)) throw invalid('code', '类别代码应为 4 位数字或大写字母（如 3000、4A00）');
      const name = requireText(input.name, 'name', '类别名称', 100);
      return inTransaction(db, async (tx) => {
        const [taken] = await tx.select({ code: equipmentCategories.code }).from(equipmentCategories).where(eq(equipmentCategories.code, input.code));
        if (taken) throw new AppError('DUPLICATE', `类别代码 ${input.code} 已存在`, 409, { field: 'code' });
        const parentCode = input.parentCode?.trim() || null;
        if (parentCode) {
          const parent = await findCategory(tx, parentCode).catch(() => null);
          if (!parent || parent.parentCode !== null) throw invalid('parentCode', `上级类别应为目录的大类（如 3000），“${parentCode}”不是`, 'CATEGORY_UNKNOWN');
        }
        const workItems = (await checkWorkItems(tx, input.operatorWorkItems)) ?? [];
        const [last] = await tx.select({ sort: sql<number>`coalesce(max(${equipmentCategories.sort}), 0)::int` }).from(equipmentCategories).where(parentCode ? eq(equipmentCategories.parentCode, parentCode) : sql`${equipmentCategories.parentCode} is null`);
        await tx.insert(equipmentCategories).values({ code: input.code, parentCode, name, needsOperator: input.needsOperator ?? false, operatorWorkItems: workItems, sort: input.sort ?? (last?.sort ?? 0) + 1 });
        const created = await findCategory(tx, input.code);
        await audit.record(tx, ctx, { action: 'equipment_category.created', targetType: 'equipment_category', targetId: input.code, after: created });
        return created;
      });
    },

    /** Renames or reconfigures an entry (built-in ones too); its code and place in the tree stay. `expected`: If-Match. */
    async update(ctx: RequestContext & { actor: Actor }, code: string, input: CategoryChanges, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await findCategory(tx, code, true);
        assertVersion(expected, before.version);
        const values: Partial<typeof equipmentCategories.$inferInsert> = {};
        if (input.name !== undefined) values.name = requireText(input.name, 'name', '类别名称', 100);
        if (input.needsOperator !== undefined) values.needsOperator = input.needsOperator;
        if (input.operatorWorkItems !== undefined) values.operatorWorkItems = await checkWorkItems(tx, input.operatorWorkItems);
        if (input.sort !== undefined) values.sort = input.sort;
        await tx.update(equipmentCategories).set({ ...values, version: nextVersion(equipmentCategories.version), updatedAt: new Date() }).where(eq(equipmentCategories.code, code));
        const after = await findCategory(tx, code);
        await audit.record(tx, ctx, { action: 'equipment_category.updated', targetType: 'equipment_category', targetId: code, before, after });
        return after;
      });
    },
  };

  /** The unit locked for a change, after checking the actor may see it and that it is the version the client saw (If-Match). */
  async function lockVisible(tx: Db, actor: Actor, id: string, expected?: ExpectedVersion) {
    const unit = await findUnit(tx, actor, id, { lock: true });
    assertVersion(expected, unit.version);
    return unit;
  }

  const snapshot = (u: Pick<EquipmentJson, (typeof TRACKED)[number]>) => Object.fromEntries(TRACKED.map((f) => [f, u[f]]));

  return {
    categories,
    /** The category dictionary by code (the import checks every row against it without a query). */
    dictionary: () => dictionary(db),

    /** Bulk import of units from .xlsx/.csv (import-equipment.ts). */
    importUnits: makeUnitImport({ ...deps, dictionary: () => dictionary(db) }),

    /** The filtered list in the reader's scope as file rows, header first (export-equipment.ts). */
    exportRows: (actor: Actor, filter: EquipmentFilter) => exportUnitRows(db, actor, filter),

    async create(ctx: RequestContext & { actor: Actor }, input: UnitInput): Promise<EquipmentJson> {
      const today = todayInChina();
      const equipmentCode = orThrow(checkEquipmentCode(input.equipmentCode));
      const registrationNo = orThrow(checkRegistrationNo(input.registrationNo));
      const address = requireText(input.address, 'address', '设备地址', MAX_ADDRESS);
      const manufacturer = optionalText(input.manufacturer, 'manufacturer', '制造单位', 200);
      const model = optionalText(input.model, 'model', '型号', 100);
      const factoryNo = optionalText(input.factoryNo, 'factoryNo', '出厂编号', 100);
      const putIntoServiceOn = orThrow(checkPastDate(input.putIntoServiceOn, 'putIntoServiceOn', '投入使用日期', today, true))!;
      const status = orThrow(checkStatus(input.status));
      const keyUnitKind = orThrow(checkKeyUnitKind(input.keyUnitKind));
      const lastInspectedOn = orThrow(checkPastDate(input.lastInspectedOn, 'lastInspectedOn', '上次检验日期', today, false));
      const lastConclusion = orThrow(checkConclusion(input.lastConclusion));
      const nextInspectionDue = orThrow(checkAnyDate(input.nextInspectionDue, 'nextInspectionDue', '下次检验日期'));
      orThrow(checkInspectionState({ lastInspectedOn, lastConclusion, nextInspectionDue }));
      const regionCode = await regionOf(input.regionCode, ctx.actor);

      return inTransaction(db, async (tx) => {
        const { category, subcategory } = orThrow(checkCategories(input.category, input.subcategory, await dictionary(tx)));
        const safetyGrade = orThrow(checkSafetyGrade(input.safetyGrade, category));
        const userUscc = await requireUser(tx, input.userUscc);
        await requireUnique(tx, { equipmentCode, registrationNo });
        const values = { category, subcategory, equipmentCode, registrationNo, userUscc, regionCode, address, manufacturer, model, factoryNo, putIntoServiceOn, status, keyUnitKind, safetyGrade, lastInspectedOn, lastConclusion, nextInspectionDue, createdByName: ctx.actor.name };
        // Never inspected and no due date given: the first one by the `first` rule of its category (pressure vessels: 3 years), if any.
        if (nextInspectionDue === null && lastInspectedOn === null) values.nextInspectionDue = await firstInspectionDue(tx, { category, subcategory, safetyGrade, putIntoServiceOn });
        const [row] = await uniqueOr409(tx.insert(equipmentUnits).values(values).returning({ id: equipmentUnits.id }), values);
        const created = await findUnit(tx, null, row!.id);
        await tx.insert(equipmentEvents).values({ equipmentId: row!.id, kind: 'registered', toStatus: status, after: snapshot(created), actorName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'equipment.created', targetType: 'equipment', targetId: row!.id, after: created });
        return created;
      });
    },

    /** One unit in the reader's scope (404 outside it). */
    get: (actor: Actor, id: string, tx: Db = db) => findUnit(tx, actor, id),

    async list(actor: Actor, filter: EquipmentFilter, page: Page, sort?: Sort) {
      const today = todayInChina();
      const where = unitConditions(actor, filter, today);
      const countQuery = filter.q?.trim()
        ? db.select({ n: countAll }).from(equipmentUnits).leftJoin(enterprises, eq(enterprises.uscc, equipmentUnits.userUscc)).where(where)
        : db.select({ n: countAll }).from(equipmentUnits).where(where);
      const [rows, [count]] = await Promise.all([selectUnits(db).where(where).orderBy(...unitOrder(sort)).limit(page.pageSize).offset(offsetOf(page)), countQuery]);
      return { items: rows.map((r) => toEquipmentJson(r, today)), total: count?.n ?? 0 };
    },

    /**
     * Changes the given fields (the equipment code, the status and the inspection state are
     * changed elsewhere). A change with nothing different answers the unit unchanged. `expected`: If-Match.
     */
    async update(ctx: RequestContext & { actor: Actor }, id: string, input: UnitChanges, expected?: ExpectedVersion): Promise<EquipmentJson> {
      const today = todayInChina();
      const regionCode = input.regionCode === undefined ? undefined : await regionOf(input.regionCode, ctx.actor);
      return inTransaction(db, async (tx) => {
        const before = await lockVisible(tx, ctx.actor, id, expected);
        const next: Record<string, unknown> = {};
        if (input.category !== undefined || input.subcategory !== undefined) {
          const checked = orThrow(checkCategories(input.category ?? before.category, input.subcategory === undefined ? (input.category !== undefined && input.category !== before.category ? null : before.subcategory) : input.subcategory, await dictionary(tx)));
          next.category = checked.category;
          next.subcategory = checked.subcategory;
        }
        const category = (next.category as string | undefined) ?? before.category;
        if (input.safetyGrade !== undefined) next.safetyGrade = orThrow(checkSafetyGrade(input.safetyGrade, category));
        else if (category !== '2000' && before.safetyGrade !== null) next.safetyGrade = null; // no longer a pressure vessel
        if (input.registrationNo !== undefined) next.registrationNo = orThrow(checkRegistrationNo(input.registrationNo));
        if (input.userUscc !== undefined) next.userUscc = await requireUser(tx, input.userUscc);
        if (regionCode !== undefined) next.regionCode = regionCode;
        if (input.address !== undefined) next.address = requireText(input.address, 'address', '设备地址', MAX_ADDRESS);
        if (input.manufacturer !== undefined) next.manufacturer = optionalText(input.manufacturer, 'manufacturer', '制造单位', 200);
        if (input.model !== undefined) next.model = optionalText(input.model, 'model', '型号', 100);
        if (input.factoryNo !== undefined) next.factoryNo = optionalText(input.factoryNo, 'factoryNo', '出厂编号', 100);
        if (input.putIntoServiceOn !== undefined) next.putIntoServiceOn = orThrow(checkPastDate(input.putIntoServiceOn, 'putIntoServiceOn', '投入使用日期', today, true));
        if (input.keyUnitKind !== undefined) next.keyUnitKind = orThrow(checkKeyUnitKind(input.keyUnitKind));
        const changed = Object.keys(next).filter((k) => next[k] !== before[k as keyof EquipmentJson]);
        if (!changed.length) return before;
        if (changed.includes('registrationNo') && next.registrationNo) await requireUnique(tx, { registrationNo: next.registrationNo as string }, id);
        const set = Object.fromEntries(changed.map((k) => [k, next[k]]));
        await uniqueOr409(tx.update(equipmentUnits).set({ ...set, version: nextVersion(equipmentUnits.version), updatedAt: new Date() }).where(eq(equipmentUnits.id, id)), { registrationNo: next.registrationNo as string | null });
        const after = await findUnit(tx, null, id);
        const beforeFields = Object.fromEntries(changed.map((k) => [k, before[k as keyof EquipmentJson]]));
        const afterFields = Object.fromEntries(changed.map((k) => [k, after[k as keyof EquipmentJson]]));
        await tx.insert(equipmentEvents).values({ equipmentId: id, kind: 'changed', before: beforeFields, after: afterFields, actorName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'equipment.updated', targetType: 'equipment', targetId: id, before: beforeFields, after: afterFields });
        return after;
      });
    },

    /** Moves the unit along its state machine (states.ts) with a reason; 409 INVALID_TRANSITION otherwise. `expected`: If-Match. */
    async transition(ctx: RequestContext & { actor: Actor }, id: string, input: TransitionInput, expected?: ExpectedVersion): Promise<EquipmentJson> {
      const reason = requireText(input.reason, 'reason', '变更原因', 1000);
      return inTransaction(db, async (tx) => {
        const unit = await lockVisible(tx, ctx.actor, id, expected);
        if (!canTransition(unit.status, input.to)) {
          throw new AppError('INVALID_TRANSITION', `设备当前为“${STATUS_LABELS[unit.status]}”，不能变更为“${STATUS_LABELS[input.to] ?? input.to}”`, 409, { from: unit.status, to: input.to });
        }
        await tx.update(equipmentUnits).set({ status: input.to, version: nextVersion(equipmentUnits.version), updatedAt: new Date() }).where(eq(equipmentUnits.id, id));
        await tx.insert(equipmentEvents).values({ equipmentId: id, kind: 'transition', fromStatus: unit.status, toStatus: input.to, reason, actorName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'equipment.transition', targetType: 'equipment', targetId: id, before: { status: unit.status }, after: { status: input.to, reason } });
        return findUnit(tx, null, id);
      });
    },

    /**
     * The unit's history, newest first: registration (or the import that created it), changes with
     * before and after, status transitions with their reason, inspections recorded (written by the
     * periodic-inspection part).
     */
    async history(actor: Actor, id: string) {
      await findUnit(db, actor, id);
      const events = await db
        .select({ id: equipmentEvents.id, kind: equipmentEvents.kind, fromStatus: equipmentEvents.fromStatus, toStatus: equipmentEvents.toStatus, reason: equipmentEvents.reason, before: equipmentEvents.before, after: equipmentEvents.after, actorName: equipmentEvents.actorName, at: equipmentEvents.at })
        .from(equipmentEvents)
        .where(eq(equipmentEvents.equipmentId, id))
        .orderBy(desc(equipmentEvents.at), desc(equipmentEvents.id));
      const [row] = await db.select({ importId: equipmentUnits.importId }).from(equipmentUnits).where(eq(equipmentUnits.id, id));
      const items = [...events];
      if (row?.importId) {
        // An imported unit's creation is its import's record (one per import, not an event per unit).
        const [imp] = await db.select().from(equipmentImports).where(eq(equipmentImports.id, row.importId));
        if (imp) items.push({ id: imp.id, kind: 'imported', fromStatus: null, toStatus: null, reason: imp.fileName, before: null, after: null, actorName: imp.importedByName, at: imp.at });
      }
      return { items, total: items.length };
    },
  };
}

export type RegistryService = ReturnType<typeof makeRegistryService>;
