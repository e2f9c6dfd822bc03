import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { checkAttachment } from '../../../platform/documents/attachments.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentFiles } from '../registry/registry.schema.js';
import { equipmentEmergencyRecords } from './operators.schema.js';
import type { EnterpriseFor } from './operators.service.js';

type Ctx = RequestContext & { actor: Actor };

export const EMERGENCY_KINDS = ['plan', 'drill'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** `equipment_files.ownerType` of an emergency record's attachments. */
export const EMERGENCY_OWNER = 'emergency';

/** The most attachments one record takes. */
export const MAX_EMERGENCY_FILES = 20;

export interface EmergencyInput {
  /** The user unit (使用单位); an enterprise account records for its own enterprise and may leave it out. */
  userUscc?: string;
  kind: EmergencyKind;
  title: string;
  on: string;
  participants?: number | null;
  note?: string | null;
}

/**
 * Emergency plans (应急预案) and drill records (演练记录) of a user unit, with attachments (files
 * checked by their first bytes, at most 20 MB each). Staff record them for the enterprises they see;
 * an enterprise's account records and reads its own. Scoped by the user unit's region.
 */
export function makeEmergencyRecords(deps: EquipmentDeps, h: { enterpriseFor: EnterpriseFor }) {
  const { db, audit } = deps;
  const scope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentEmergencyRecords.regionCode, uscc: equipmentEmergencyRecords.userUscc });

  const columns = {
    id: equipmentEmergencyRecords.id,
    userUscc: equipmentEmergencyRecords.userUscc,
    userName: enterprises.name,
    regionCode: equipmentEmergencyRecords.regionCode,
    kind: equipmentEmergencyRecords.kind,
    title: equipmentEmergencyRecords.title,
    on: equipmentEmergencyRecords.on,
    participants: equipmentEmergencyRecords.participants,
    note: equipmentEmergencyRecords.note,
    createdByName: equipmentEmergencyRecords.createdByName,
    createdAt: equipmentEmergencyRecords.createdAt,
    files: sql<number>`(select count(*)::int from ${equipmentFiles} where ${equipmentFiles.ownerType} = ${EMERGENCY_OWNER} and ${equipmentFiles.ownerId} = ${equipmentEmergencyRecords.id})`,
  };
  const select = (tx: Db) => tx.select(columns).from(equipmentEmergencyRecords).leftJoin(enterprises, eq(enterprises.uscc, equipmentEmergencyRecords.userUscc));

  const fileColumns = { id: equipmentFiles.id, fileName: equipmentFiles.fileName, contentType: equipmentFiles.contentType, size: equipmentFiles.size, uploadedByName: equipmentFiles.uploadedByName, createdAt: equipmentFiles.createdAt };

  async function find(tx: Db, actor: Actor | null, id: string) {
    const [row] = await select(tx).where(and(eq(equipmentEmergencyRecords.id, id), actor ? scope(actor) : undefined));
    if (!row) throw notFound('应急记录');
    const attachments = await tx
      .select(fileColumns)
      .from(equipmentFiles)
      .where(and(eq(equipmentFiles.ownerType, EMERGENCY_OWNER), eq(equipmentFiles.ownerId, id)))
      .orderBy(asc(equipmentFiles.createdAt), asc(equipmentFiles.id));
    return { ...row, attachments };
  }

  return {
    async create(ctx: Ctx, input: EmergencyInput) {
      const uscc = input.userUscc ?? ctx.actor.enterpriseUscc;
      if (!uscc) throw invalid('userUscc', '请填写使用单位的统一社会信用代码');
      const title = requireText(input.title, 'title', '标题', 200);
      const on = requireDate(input.on, 'on', input.kind === 'plan' ? '批准日期' : '演练日期');
      if (on > todayInChina()) throw new AppError('INVALID_DATE', '日期不能晚于今天', 400, { field: 'on' });
      const note = input.note?.trim() || null;
      if (note && note.length > 2000) throw invalid('note', '备注不能超过 2000 个字');
      return inTransaction(db, async (tx) => {
        const user = await h.enterpriseFor(tx, ctx.actor, uscc, 'userUscc', '使用单位');
        const [row] = await tx
          .insert(equipmentEmergencyRecords)
          .values({ userUscc: user.uscc, regionCode: user.regionCode, kind: input.kind, title, on, participants: input.participants ?? null, note, createdByName: ctx.actor.name })
          .returning({ id: equipmentEmergencyRecords.id });
        const created = await find(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'equipment_emergency.created', targetType: 'equipment_emergency', targetId: row!.id, after: { userUscc: user.uscc, kind: input.kind, title, on, participants: created.participants, note } });
        return created;
      });
    },

    async list(actor: Actor, filter: { userUscc?: string; kind?: EmergencyKind; year?: number }, page: Page) {
      const where = and(
        scope(actor),
        filter.userUscc ? eq(equipmentEmergencyRecords.userUscc, filter.userUscc.trim().toUpperCase()) : undefined,
        filter.kind ? eq(equipmentEmergencyRecords.kind, filter.kind) : undefined,
        filter.year ? sql`extract(year from ${equipmentEmergencyRecords.on}) = ${filter.year}` : undefined,
      );
      const [items, [count]] = await Promise.all([
        select(db).where(where).orderBy(desc(equipmentEmergencyRecords.on), asc(equipmentEmergencyRecords.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentEmergencyRecords).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, id: string) => find(db, actor, id),

    /** Attaches a file (pdf, jpg, png, docx, xlsx, ofd — checked by its first bytes; ≤ 20 MB). */
    async attach(ctx: Ctx, id: string, file: { fileName: string; content: Buffer }) {
      const checked = checkAttachment(file.fileName, file.content);
      return inTransaction(db, async (tx) => {
        await find(tx, ctx.actor, id);
        const [locked] = await tx.select({ id: equipmentEmergencyRecords.id }).from(equipmentEmergencyRecords).where(eq(equipmentEmergencyRecords.id, id)).for('update');
        const [count] = await tx.select({ n: countAll }).from(equipmentFiles).where(and(eq(equipmentFiles.ownerType, EMERGENCY_OWNER), eq(equipmentFiles.ownerId, locked!.id)));
        if ((count?.n ?? 0) >= MAX_EMERGENCY_FILES) throw new AppError('TOO_MANY_ATTACHMENTS', `每条记录最多 ${MAX_EMERGENCY_FILES} 个附件`, 409, { field: 'file' });
        const [row] = await tx
          .insert(equipmentFiles)
          .values({ ownerType: EMERGENCY_OWNER, ownerId: id, fileName: checked.fileName, contentType: checked.contentType, size: file.content.length, content: file.content, uploadedByName: ctx.actor.name })
          .returning(fileColumns);
        await audit.record(tx, ctx, { action: 'equipment_emergency.file_added', targetType: 'equipment_emergency', targetId: id, after: { fileId: row!.id, fileName: checked.fileName, size: file.content.length } });
        return row!;
      });
    },

    async download(actor: Actor, id: string, fileId: string) {
      await find(db, actor, id);
      const [row] = await db
        .select({ fileName: equipmentFiles.fileName, contentType: equipmentFiles.contentType, content: equipmentFiles.content })
        .from(equipmentFiles)
        .where(and(eq(equipmentFiles.id, fileId), eq(equipmentFiles.ownerType, EMERGENCY_OWNER), eq(equipmentFiles.ownerId, id)));
      if (!row) throw notFound('附件');
      return row;
    },
  };
}

export type EmergencyRecords = ReturnType<typeof makeEmergencyRecords>;
