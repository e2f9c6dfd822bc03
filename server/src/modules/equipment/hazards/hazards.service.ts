import { type SQL, and, asc, desc, eq, gte, isNotNull, isNull, like, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { checkAttachment } from '../../../platform/documents/attachments.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, invalid, orThrow, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentFiles, equipmentUnits } from '../registry/registry.schema.js';
import { recomputeTier } from '../tiers/tier-compute.js';
import { makeAccidents } from './accidents.js';
import { HAZARD_LEVELS, HAZARD_SOURCES, type HazardLevel, type HazardSource, equipmentHazards } from './hazards.schema.js';
import { makeSelfCorrection } from './self-correction.js';
import { makeSelfInspections } from './self-inspections.js';

/** Most characters of a hazard's description and of a correction note. */
export const HAZARD_TEXT_MAX = 2000;
/** Most evidence files of one hazard. */
export const HAZARD_FILES_MAX = 10;
/** The formats evidence of a correction may have (checked by the file's first bytes). */
export const HAZARD_FILE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png'] as const;

/** A hazard to record (the service functions' input; the route's body is the same without the links). */
export interface HazardInput {
  /** The unit the hazard is on; without it the hazard is on the user unit (`userUscc`) as a whole. */
  equipmentId?: string | null;
  /** The user unit (使用单位); taken from the unit when `equipmentId` is given (must match when both are). */
  userUscc?: string | null;
  source: HazardSource;
  foundOn: string;
  description: string;
  level: HazardLevel;
  correctionDueOn: string;
  selfInspectionId?: string | null;
  /** Supervision links: the inspection task, the rectification order, the 暗访通报. */
  taskId?: string | null;
  orderId?: string | null;
  noticeId?: string | null;
}

export interface CorrectionInput {
  correctedOn: string;
  note?: string | null;
}

export type HazardCtx = RequestContext;
type ActorCtx = RequestContext & { actor: Actor };

export interface HazardFilter {
  userUscc?: string;
  regionCode?: string;
  equipmentId?: string;
  source?: HazardSource;
  level?: HazardLevel;
  /** `open`: not corrected yet; `closed`: corrected. */
  status?: 'open' | 'closed';
  /** Open and past the correction deadline (today, China time, after it). */
  overdue?: boolean;
  /** The year the hazard was found. */
  year?: number;
  selfInspectionId?: string;
  noticeId?: string;
}

const isSource = (v: unknown): v is HazardSource => typeof v === 'string' && (HAZARD_SOURCES as readonly string[]).includes(v);
const isLevel = (v: unknown): v is HazardLevel => typeof v === 'string' && (HAZARD_LEVELS as readonly string[]).includes(v);

const columns = {
  id: equipmentHazards.id,
  equipmentId: equipmentHazards.equipmentId,
  equipmentCode: equipmentUnits.equipmentCode,
  userUscc: equipmentHazards.userUscc,
  userName: enterprises.name,
  regionCode: equipmentHazards.regionCode,
  source: equipmentHazards.source,
  selfInspectionId: equipmentHazards.selfInspectionId,
  foundOn: equipmentHazards.foundOn,
  description: equipmentHazards.description,
  level: equipmentHazards.level,
  correctionDueOn: equipmentHazards.correctionDueOn,
  correctedOn: equipmentHazards.correctedOn,
  correctionNote: equipmentHazards.correctionNote,
  correctedByKind: equipmentHazards.correctedByKind,
  taskId: equipmentHazards.taskId,
  orderId: equipmentHazards.orderId,
  noticeId: equipmentHazards.noticeId,
  countyClosedOn: equipmentHazards.countyClosedOn,
  countyClosedNote: equipmentHazards.countyClosedNote,
  createdByName: equipmentHazards.createdByName,
  version: equipmentHazards.version,
  createdAt: equipmentHazards.createdAt,
  updatedAt: equipmentHazards.updatedAt,
};
/** The hazard as the API shows it: its row, open or closed, overdue (open past its deadline), corrected on time. */
export function hazardView<T extends { correctedOn: string | null; correctionDueOn: string }>(row: T, today = todayInChina()) {
  return {
    ...row,
    status: row.correctedOn ? ('closed' as const) : ('open' as const),
    overdue: !row.correctedOn && today > row.correctionDueOn,
    correctedOnTime: row.correctedOn ? row.correctedOn <= row.correctionDueOn : null,
  };
}
export type HazardView = ReturnType<typeof hazardView<Awaited<ReturnType<typeof hazardQuery>>[number]>>;

const hazardQuery = (tx: Db) =>
  tx.select(columns).from(equipmentHazards).leftJoin(equipmentUnits, eq(equipmentUnits.id, equipmentHazards.equipmentId)).leftJoin(enterprises, eq(enterprises.uscc, equipmentHazards.userUscc));

/** The data-scope condition of hazards (region of the unit or user unit; an enterprise account: its own). */
export const hazardScope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentHazards.regionCode, uscc: equipmentHazards.userUscc });

/** Staff need `equipment.write` to change hazards; an enterprise account acts for its own enterprise only. */
function assertStaffWriter(actor: Actor | null | undefined) {
  if (actor && !actor.enterpriseUscc && !actor.permissions.has('equipment.write')) throw forbidden();
}

/**
 * What a hazard, self-inspection or accident is about: the unit (its user and region) or the user
 * unit as a whole (the enterprise of the register and its region). With an actor, the unit or
 * enterprise must be in its scope (404 otherwise; an enterprise account: its own).
 */
export async function resolveSubject(tx: Db, actor: Actor | null | undefined, input: { equipmentId?: string | null; userUscc?: string | null }) {
  if (input.equipmentId) {
    const [unit] = await tx
      .select({ id: equipmentUnits.id, userUscc: equipmentUnits.userUscc, regionCode: equipmentUnits.regionCode })
      .from(equipmentUnits)
      .where(and(eq(equipmentUnits.id, input.equipmentId), actor ? visibleTo(actor, { regionCode: equipmentUnits.regionCode, uscc: equipmentUnits.userUscc }) : undefined));
    if (!unit) throw notFound('设备');
    if (input.userUscc && normalizeUscc(input.userUscc) !== unit.userUscc) throw invalid('userUscc', '使用单位与设备的使用单位不一致');
    return { equipmentId: unit.id, userUscc: unit.userUscc, regionCode: unit.regionCode };
  }
  if (!input.userUscc) throw invalid('equipmentId', '请指明设备或使用单位');
  const uscc = normalizeUscc(input.userUscc);
  const [enterprise] = await tx
    .select({ regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(and(eq(enterprises.uscc, uscc), actor ? visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc }) : undefined));
  if (!enterprise) throw notFound('使用单位');
  return { equipmentId: null, userUscc: uscc, regionCode: enterprise.regionCode };
}

/**
 * Hazards (隐患) of units and user units and their correction, self-inspections, accidents and the
 * self-correction rate (§三(二)4(2)). `recordHazard` and `correctHazard` take the caller's
 * transaction (the supervision part records findings with them); every change is audited and
 * recomputes the user unit's tier in the same transaction.
 */
export function makeHazardsService(deps: EquipmentDeps) {
  const { db, audit } = deps;

  async function hazardIn(tx: Db, id: string, actor?: Actor) {
    const [row] = await hazardQuery(tx).where(and(eq(equipmentHazards.id, id), actor ? hazardScope(actor) : undefined));
    if (!row) throw notFound('隐患');
    return row;
  }

  /**
   * Records a hazard in the caller's transaction: checks the fields, takes the user unit and
   * region from the unit (or the enterprise), audits `equipment_hazard.recorded` and recomputes
   * the user unit's tier. No scope or permission check: callers do theirs (the routes through `create`).
   * Errors: 400 VALIDATION / INVALID_DATE (found in the future, deadline before found), 404 unit or user unit.
   */
  async function recordHazard(tx: Db, ctx: HazardCtx, input: HazardInput): Promise<HazardView> {
    if (!isSource(input.source)) throw invalid('source', '隐患来源不正确');
    if (!isLevel(input.level)) throw invalid('level', '隐患级别不正确');
    const foundOn = requireDate(input.foundOn, 'foundOn', '发现日期');
    if (foundOn > todayInChina()) throw invalid('foundOn', '发现日期不能晚于今天', 'INVALID_DATE');
    const correctionDueOn = requireDate(input.correctionDueOn, 'correctionDueOn', '整改期限');
    if (correctionDueOn < foundOn) throw invalid('correctionDueOn', '整改期限不能早于发现日期', 'INVALID_DATE');
    const description = requireText(input.description, 'description', '隐患描述', HAZARD_TEXT_MAX);
    const subject = await resolveSubject(tx, null, input);
    const [row] = await tx
      .insert(equipmentHazards)
      .values({
        ...subject,
        source: input.source,
        selfInspectionId: input.selfInspectionId ?? null,
        foundOn,
        description,
        level: input.level,
        correctionDueOn,
        taskId: input.taskId ?? null,
        orderId: input.orderId ?? null,
        noticeId: input.noticeId ?? null,
        createdByName: ctx.actor?.name ?? 'system',
      })
      .returning({ id: equipmentHazards.id });
    const after = await hazardIn(tx, row!.id);
    await audit.record(tx, ctx, {
      action: 'equipment_hazard.recorded',
      targetType: 'equipment_hazard',
      targetId: row!.id,
      after: { equipmentId: subject.equipmentId, userUscc: subject.userUscc, source: input.source, level: input.level, foundOn, correctionDueOn, description },
    });
    await recomputeTier(tx, subject.userUscc, deps);
    return hazardView(after);
  }

  /**
   * Records a hazard's correction in the caller's transaction: the day (not in the future, not
   * before it was found) and a note; who reported it (an enterprise account or staff) from the
   * context. 409 ALREADY_CORRECTED when it is closed; If-Match honoured (`expected`). Audited
   * `equipment_hazard.corrected`; the tier is recomputed. No scope check: callers do theirs.
   */
  async function correctHazard(tx: Db, ctx: HazardCtx, id: string, input: CorrectionInput, expected?: ExpectedVersion): Promise<HazardView> {
    const correctedOn = requireDate(input.correctedOn, 'correctedOn', '整改完成日期');
    const note = orThrow(checkText(input.note ?? null, 'note', '整改说明', { max: HAZARD_TEXT_MAX, required: false }));
    const [row] = await tx
      .select({ version: equipmentHazards.version, foundOn: equipmentHazards.foundOn, correctedOn: equipmentHazards.correctedOn, userUscc: equipmentHazards.userUscc })
      .from(equipmentHazards)
      .where(eq(equipmentHazards.id, id))
      .for('update');
    if (!row) throw notFound('隐患');
    assertVersion(expected, row.version);
    if (row.correctedOn) throw new AppError('ALREADY_CORRECTED', `该隐患已于 ${row.correctedOn} 整改完成`, 409, { correctedOn: row.correctedOn });
    if (correctedOn > todayInChina()) throw invalid('correctedOn', '整改完成日期不能晚于今天', 'INVALID_DATE');
    if (correctedOn < row.foundOn) throw invalid('correctedOn', '整改完成日期不能早于发现日期', 'INVALID_DATE');
    const correctedByKind = ctx.actor?.enterpriseUscc ? ('enterprise' as const) : ('staff' as const);
    await tx
      .update(equipmentHazards)
      .set({ correctedOn, correctionNote: note, correctedByKind, version: nextVersion(equipmentHazards.version), updatedAt: new Date() })
      .where(eq(equipmentHazards.id, id));
    await audit.record(tx, ctx, { action: 'equipment_hazard.corrected', targetType: 'equipment_hazard', targetId: id, before: { correctedOn: null }, after: { correctedOn, note, correctedByKind } });
    await recomputeTier(tx, row.userUscc, deps);
    return hazardView(await hazardIn(tx, id));
  }

  function listWhere(actor: Actor, filter: HazardFilter, today: string): SQL | undefined {
    const year = filter.year;
    return and(
      hazardScope(actor),
      filter.userUscc ? eq(equipmentHazards.userUscc, normalizeUscc(filter.userUscc)) : undefined,
      filter.regionCode ? like(equipmentHazards.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
      filter.equipmentId ? eq(equipmentHazards.equipmentId, filter.equipmentId) : undefined,
      filter.source ? eq(equipmentHazards.source, filter.source) : undefined,
      filter.level ? eq(equipmentHazards.level, filter.level) : undefined,
      filter.status === 'open' ? isNull(equipmentHazards.correctedOn) : filter.status === 'closed' ? isNotNull(equipmentHazards.correctedOn) : undefined,
      filter.overdue === undefined
        ? undefined
        : filter.overdue
          ? and(isNull(equipmentHazards.correctedOn), lt(equipmentHazards.correctionDueOn, today))
          : sql`not (${equipmentHazards.correctedOn} is null and ${equipmentHazards.correctionDueOn} < ${today})`,
      year ? and(gte(equipmentHazards.foundOn, `${year}-01-01`), lt(equipmentHazards.foundOn, `${year + 1}-01-01`)) : undefined,
      filter.selfInspectionId ? eq(equipmentHazards.selfInspectionId, filter.selfInspectionId) : undefined,
      filter.noticeId ? eq(equipmentHazards.noticeId, filter.noticeId) : undefined,
    );
  }

  const fileColumns = { id: equipmentFiles.id, fileName: equipmentFiles.fileName, contentType: equipmentFiles.contentType, size: equipmentFiles.size, uploadedByName: equipmentFiles.uploadedByName, createdAt: equipmentFiles.createdAt };
  const filesOf = (tx: Db, hazardId: string) =>
    tx.select(fileColumns).from(equipmentFiles).where(and(eq(equipmentFiles.ownerType, 'hazard'), eq(equipmentFiles.ownerId, hazardId))).orderBy(asc(equipmentFiles.createdAt), asc(equipmentFiles.id));

  /** An enterprise account may touch hazards of its own enterprise only (the scope says so: 404 otherwise). */
  async function lockedInScope(tx: Db, actor: Actor, id: string) {
    const [row] = await tx
      .select({ id: equipmentHazards.id, version: equipmentHazards.version, correctedOn: equipmentHazards.correctedOn, userUscc: equipmentHazards.userUscc, source: equipmentHazards.source })
      .from(equipmentHazards)
      .where(and(eq(equipmentHazards.id, id), hazardScope(actor)))
      .for('update');
    if (!row) throw notFound('隐患');
    return row;
  }

  const selfInspections = makeSelfInspections({ db, audit, recordHazard });

  return {
    recordHazard,
    correctHazard,

    /**
     * POST /api/equipment-hazards: staff (`equipment.write`) record a hazard of a unit or user unit in
     * their scope; an enterprise account records one of its own units, source `self_inspection` only (403 otherwise).
     */
    async create(ctx: ActorCtx, input: HazardInput) {
      const own = ctx.actor.enterpriseUscc;
      assertStaffWriter(ctx.actor);
      if (own) {
        if (input.source !== 'self_inspection') throw forbidden('企业账号只能报告自查发现的隐患');
        if (input.userUscc && normalizeUscc(input.userUscc) !== own) throw notFound('使用单位');
      }
      const links = { taskId: null, orderId: null, noticeId: null };
      return inTransaction(db, async (tx) => {
        const subject = await resolveSubject(tx, ctx.actor, { equipmentId: input.equipmentId, userUscc: own ?? input.userUscc });
        if (input.selfInspectionId) await selfInspections.assertOwn(tx, ctx.actor, input.selfInspectionId, subject.userUscc);
        return recordHazard(tx, ctx, { ...input, ...links, ...subject });
      });
    },

    /**
     * POST /api/equipment-hazards/:id/correct: in scope. An enterprise account corrects its own
     * hazards but not supervision findings (403: those close on the re-check of their order), and
     * only with at least one evidence file uploaded (400 EVIDENCE_REQUIRED).
     */
    async correct(ctx: ActorCtx, id: string, input: CorrectionInput, expected?: ExpectedVersion) {
      assertStaffWriter(ctx.actor);
      return inTransaction(db, async (tx) => {
        const row = await lockedInScope(tx, ctx.actor, id);
        if (ctx.actor.enterpriseUscc) {
          // A supervision finding is closed by the re-check of its rectification order, not by the enterprise's word.
          if (row.source === 'supervision') throw forbidden('监督检查发现的隐患请通过整改报告办理，经复查后关闭');
          const [count] = await tx.select({ n: countAll }).from(equipmentFiles).where(and(eq(equipmentFiles.ownerType, 'hazard'), eq(equipmentFiles.ownerId, id)));
          if ((count?.n ?? 0) === 0) throw new AppError('EVIDENCE_REQUIRED', '请先上传整改证明材料（照片或 PDF）', 400, { field: 'files' });
        }
        return correctHazard(tx, ctx, id, input, expected);
      });
    },

    /**
     * Changes an open hazard's description, level or deadline (If-Match honoured); a closed one is 409 HAZARD_CLOSED.
     * An enterprise account edits only its own self-inspection hazards (403 otherwise).
     */
    async update(ctx: ActorCtx, id: string, input: { description?: string; level?: HazardLevel; correctionDueOn?: string }, expected?: ExpectedVersion) {
      assertStaffWriter(ctx.actor);
      return inTransaction(db, async (tx) => {
        const row = await lockedInScope(tx, ctx.actor, id);
        assertVersion(expected, row.version);
        if (ctx.actor.enterpriseUscc && row.source !== 'self_inspection') throw forbidden('企业账号只能修改自查发现的隐患');
        if (row.correctedOn) throw new AppError('HAZARD_CLOSED', '该隐患已整改完成，不能再修改', 409);
        const before = await hazardIn(tx, id);
        const set: Partial<typeof equipmentHazards.$inferInsert> = {};
        if (input.description !== undefined) set.description = requireText(input.description, 'description', '隐患描述', HAZARD_TEXT_MAX);
        if (input.level !== undefined) {
          if (!isLevel(input.level)) throw invalid('level', '隐患级别不正确');
          set.level = input.level;
        }
        if (input.correctionDueOn !== undefined) {
          set.correctionDueOn = requireDate(input.correctionDueOn, 'correctionDueOn', '整改期限');
          if (set.correctionDueOn < before.foundOn) throw invalid('correctionDueOn', '整改期限不能早于发现日期', 'INVALID_DATE');
        }
        await tx
          .update(equipmentHazards)
          .set({ ...set, version: nextVersion(equipmentHazards.version), updatedAt: new Date() })
          .where(eq(equipmentHazards.id, id));
        const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(set).map((k) => [k, r[k]]));
        await audit.record(tx, ctx, { action: 'equipment_hazard.changed', targetType: 'equipment_hazard', targetId: id, before: pick(before), after: set });
        await recomputeTier(tx, row.userUscc, deps);
        return hazardView(await hazardIn(tx, id));
      });
    },

    /**
     * A hazard as the lead of an enforcement case (the cases module's lead source
     * `equipment_hazard`): read in the caller's transaction, in the actor's scope (null otherwise);
     * the party is its user unit (使用单位). Hazards keep no case: the case is found from the hazard
     * through the cases module (`GET /api/cases/by-lead`).
     */
    async forCase(tx: Db, actor: Actor, id: string) {
      const [row] = await hazardQuery(tx).where(and(eq(equipmentHazards.id, id), hazardScope(actor)));
      return row ? hazardView(row) : null;
    },

    /** One hazard in the actor's scope, with its evidence files (404 outside the scope). */
    async get(actor: Actor, id: string) {
      const row = await hazardIn(db, id, actor);
      return { ...hazardView(row), files: await filesOf(db, id) };
    },

    /** Hazards in the actor's scope, newest found first (then by id). */
    async list(actor: Actor, filter: HazardFilter, page: Page) {
      const today = todayInChina();
      const where = listWhere(actor, filter, today);
      const [items, [count]] = await Promise.all([
        hazardQuery(db).where(where).orderBy(desc(equipmentHazards.foundOn), asc(equipmentHazards.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentHazards).where(where),
      ]);
      return { items: items.map((r) => hazardView(r, today)), total: count?.n ?? 0 };
    },

    /**
     * Adds an evidence file to an open hazard (pdf, jpg, png by their bytes, ≤ 20 MB, at most 10 per
     * hazard: 409 TOO_MANY_FILES; a closed hazard 409 HAZARD_CLOSED). Audited `equipment_hazard.file_added`.
     */
    async addFile(ctx: ActorCtx, id: string, file: { fileName: string; content: Buffer }) {
      assertStaffWriter(ctx.actor);
      const { fileName, contentType } = checkAttachment(file.fileName, file.content, HAZARD_FILE_EXTENSIONS);
      return inTransaction(db, async (tx) => {
        const row = await lockedInScope(tx, ctx.actor, id);
        if (row.correctedOn) throw new AppError('HAZARD_CLOSED', '该隐患已整改完成，不能再添加材料', 409);
        const [count] = await tx.select({ n: countAll }).from(equipmentFiles).where(and(eq(equipmentFiles.ownerType, 'hazard'), eq(equipmentFiles.ownerId, id)));
        if ((count?.n ?? 0) >= HAZARD_FILES_MAX) throw new AppError('TOO_MANY_FILES', `每个隐患最多 ${HAZARD_FILES_MAX} 个材料`, 409, { max: HAZARD_FILES_MAX });
        const [saved] = await tx
          .insert(equipmentFiles)
          .values({ ownerType: 'hazard', ownerId: id, fileName, contentType, size: file.content.length, content: file.content, uploadedByName: ctx.actor.name })
          .returning(fileColumns);
        await audit.record(tx, ctx, { action: 'equipment_hazard.file_added', targetType: 'equipment_hazard', targetId: id, after: { fileId: saved!.id, fileName, size: file.content.length } });
        return saved!;
      });
    },

    /** An evidence file of a hazard in the actor's scope (404 otherwise). */
    async file(actor: Actor, id: string, fileId: string) {
      await hazardIn(db, id, actor);
      const [row] = await db
        .select({ fileName: equipmentFiles.fileName, contentType: equipmentFiles.contentType, content: equipmentFiles.content })
        .from(equipmentFiles)
        .where(and(eq(equipmentFiles.id, fileId), eq(equipmentFiles.ownerType, 'hazard'), eq(equipmentFiles.ownerId, id)));
      if (!row) throw notFound('材料');
      return row;
    },

    /** Removes an evidence file of an open hazard (a wrong upload). Audited. */
    async removeFile(ctx: ActorCtx, id: string, fileId: string) {
      assertStaffWriter(ctx.actor);
      await inTransaction(db, async (tx) => {
        const row = await lockedInScope(tx, ctx.actor, id);
        if (row.correctedOn) throw new AppError('HAZARD_CLOSED', '该隐患已整改完成，材料不能删除', 409);
        const [gone] = await tx
          .delete(equipmentFiles)
          .where(and(eq(equipmentFiles.id, fileId), eq(equipmentFiles.ownerType, 'hazard'), eq(equipmentFiles.ownerId, id)))
          .returning({ fileName: equipmentFiles.fileName });
        if (!gone) throw notFound('材料');
        await audit.record(tx, ctx, { action: 'equipment_hazard.file_removed', targetType: 'equipment_hazard', targetId: id, before: { fileId, fileName: gone.fileName } });
      });
    },

    selfInspections,
    accidents: makeAccidents({ db, audit, complaintCounts: deps.complaintCounts }),
    selfCorrection: makeSelfCorrection({ db }),
  };
}

export type HazardsService = ReturnType<typeof makeHazardsService>;
