import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Permission } from '../../../platform/access/permissions.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden } from '../../../platform/http/errors.js';
import { checkText, invalid, orThrow } from '../../../platform/validation/fields.js';
import type { HazardLevel } from '../../equipment/index.js';
import { LINK_TARGETS, type LinkTarget, complaintLinks, complaints } from '../complaints.schema.js';
import type { ActionBody, ActorCtx, HandlingDeps } from './actions.js';
import { type ComplaintRow, complaintScope } from './complaint-json.js';

/** A target made or found before the link is recorded. */
export interface LinkTargetFound {
  targetType: LinkTarget;
  targetId: string;
  label: string;
  created: boolean;
}

const EXIT_KIND_LABELS: Record<string, string> = { conditions_lost: '不再具备许可条件', closure: '关闭决定', serious_violation: '严重违法' };

/** What reading and creating each target needs (the owning module's permissions for its routes). */
const READ: Record<Exclude<LinkTarget, 'case'>, Permission> = { inspection_task: 'inspection.read', equipment_hazard: 'equipment.read', licence_lead: 'licence.read', licence_exit: 'licence.read' };
const CREATE: Record<Exclude<LinkTarget, 'case'>, Permission> = { inspection_task: 'inspection.plan', equipment_hazard: 'equipment.write', licence_lead: 'licence.write', licence_exit: 'licence.write' };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/**
 * Act (links): what an item led to — an inspection task (origin `complaint`), a hazard on a
 * special-equipment unit or user unit, an unlicensed-operation lead, an exit procedure — created
 * through the owning module's service (its own transaction, its own checks and audit), or an
 * existing record (or a case, by id only) linked by id. The link is recorded afterwards in the
 * complaint's transaction; should that fail, the target exists and is linked again by id.
 */
export function makeLinks(deps: HandlingDeps) {
  const targetOf = (body: ActionBody): LinkTarget => {
    if (!body.target || !(LINK_TARGETS as readonly string[]).includes(body.target)) throw invalid('target', '请选择关联对象的类型');
    return body.target as LinkTarget;
  };

  async function readable(actor: Actor, target: Exclude<LinkTarget, 'case'>, id: string): Promise<LinkTargetFound> {
    if (!actor.permissions.has(READ[target])) throw forbidden('无权查看该关联对象');
    switch (target) {
      case 'inspection_task': {
        const t = await deps.tasks.get(actor, id);
        return { targetType: target, targetId: id, label: `检查任务：${t.enterpriseName} · ${t.itemName}`, created: false };
      }
      case 'equipment_hazard': {
        const h = await deps.hazards.get(actor, id);
        return { targetType: target, targetId: id, label: `隐患：${h.userName ?? h.userUscc}${h.equipmentCode ? ` ${h.equipmentCode}` : ''} · ${clip(h.description, 40)}`, created: false };
      }
      case 'licence_lead': {
        const l = await deps.leads.get(actor, id);
        return { targetType: target, targetId: id, label: `无证经营线索：${l.operatorName}（${l.address}）`, created: false };
      }
      case 'licence_exit': {
        const e = await deps.exits.get(actor, id);
        return { targetType: target, targetId: id, label: `退出程序：${e.licence.enterpriseName} ${e.licence.number} · ${EXIT_KIND_LABELS[e.kind] ?? e.kind}`, created: false };
      }
    }
  }

  async function create(ctx: ActorCtx, row: ComplaintRow, target: Exclude<LinkTarget, 'case'>, input: Record<string, unknown>): Promise<LinkTargetFound> {
    if (!ctx.actor.permissions.has(CREATE[target])) throw forbidden('无权创建该关联对象');
    const today = todayInChina();
    const description = str(input.description)?.trim() || clip(row.description, 2000);
    switch (target) {
      case 'inspection_task': {
        if (!row.subjectUscc) throw new AppError('NO_SUBJECT_ENTERPRISE', '被投诉举报对象没有统一社会信用代码，无法下达检查任务', 409);
        const inspectorIds = Array.isArray(input.inspectorIds) ? input.inspectorIds.filter((x): x is string => typeof x === 'string') : [];
        const itemId = str(input.itemId);
        if (!itemId) throw invalid('create.itemId', '请选择检查事项');
        const t = await deps.tasks.create(ctx, { itemId, uscc: row.subjectUscc, origin: 'complaint', originNote: `投诉举报 ${row.trackingNo}`, inspectorIds, dueOn: str(input.dueOn) ?? null });
        return { targetType: target, targetId: t.id, label: `检查任务：${t.enterpriseName} · ${t.itemName}`, created: true };
      }
      case 'equipment_hazard': {
        if (!row.equipmentId && !row.subjectUscc) throw new AppError('NO_SUBJECT_EQUIPMENT', '投诉举报没有关联特种设备或使用单位，无法登记隐患', 409);
        const level = str(input.level) as HazardLevel | undefined;
        const correctionDueOn = str(input.correctionDueOn);
        if (!correctionDueOn) throw invalid('create.correctionDueOn', '请填写整改期限');
        const h = await deps.hazards.create(ctx, {
          ...(row.equipmentId ? { equipmentId: row.equipmentId } : { userUscc: row.subjectUscc }),
          source: 'complaint',
          foundOn: today,
          description,
          level: level as HazardLevel,
          correctionDueOn,
        });
        return { targetType: target, targetId: h.id, label: `隐患：${h.userName ?? h.userUscc}${h.equipmentCode ? ` ${h.equipmentCode}` : ''} · ${clip(h.description, 40)}`, created: true };
      }
      case 'licence_lead': {
        const operatorName = str(input.operatorName)?.trim() || row.subjectName;
        if (!operatorName) throw invalid('create.operatorName', '请填写经营者名称');
        const address = str(input.address)?.trim() || row.place;
        if (!address) throw invalid('create.address', '请填写经营地址');
        const l = await deps.leads.create(ctx, {
          operatorName,
          uscc: row.subjectUscc,
          address,
          regionCode: row.regionCode,
          licenceType: str(input.licenceType) ?? null,
          source: `投诉举报 ${row.trackingNo}`,
          description,
        });
        return { targetType: target, targetId: l.id, label: `无证经营线索：${l.operatorName}（${l.address}）`, created: true };
      }
      case 'licence_exit': {
        const licenceId = str(input.licenceId);
        if (!licenceId) throw invalid('create.licenceId', '请选择许可证');
        const kind = str(input.kind);
        if (!kind || !(kind in EXIT_KIND_LABELS)) throw invalid('create.kind', '请选择退出情形');
        const e = await deps.exits.open(ctx, {
          licenceId,
          kind: kind as 'conditions_lost',
          triggerSource: 'complaint',
          triggerParty: '投诉举报',
          triggerSummary: str(input.triggerSummary)?.trim() || `投诉举报 ${row.trackingNo}：${clip(row.description, 400)}`,
          triggerDocumentNo: row.trackingNo,
          triggerOn: today,
          lawArea: (str(input.lawArea) ?? null) as never,
          investigatorId: str(input.investigatorId) ?? null,
          investigationWorkingDays: typeof input.investigationWorkingDays === 'number' ? input.investigationWorkingDays : null,
        });
        return { targetType: target, targetId: e.id, label: `退出程序：${e.licence.enterpriseName} ${e.licence.number} · ${EXIT_KIND_LABELS[e.kind] ?? e.kind}`, created: true };
      }
    }
  }

  return {
    /**
     * Before the complaint's transaction: finds the target by id (in the actor's scope, 404
     * otherwise) or creates it. 400 TARGET_UNAVAILABLE for creating a case: a case is made from
     * the cases page with the item as its lead, and links back itself (handling.service `linkCase`).
     */
    async prepare(ctx: ActorCtx, row: ComplaintRow, body: ActionBody): Promise<LinkTargetFound> {
      const target = targetOf(body);
      if (body.targetId) {
        if (target === 'case') {
          const label = orThrow(checkText(body.label ?? null, 'label', '案件名称', { max: 200, required: false }));
          return { targetType: target, targetId: body.targetId, label: label ? `案件：${label}` : '案件', created: false };
        }
        return readable(ctx.actor, target, body.targetId);
      }
      // A case is made from the cases page (a new case with this item as its lead), which links back itself.
      if (target === 'case') throw new AppError('TARGET_UNAVAILABLE', '案件请在案件办理中以本投诉举报为线索新建，立案后自动关联；或填写已有案件的编号（targetId）关联', 400, { field: 'target' });
      if (!body.create || typeof body.create !== 'object') throw invalid('create', '请填写要创建的对象，或填写已有对象的 targetId');
      return create(ctx, row, target, body.create);
    },

    /** In the complaint's transaction: records the link (409 ALREADY_LINKED when it is there). */
    async record(tx: Db, ctx: ActorCtx, row: ComplaintRow, found: LinkTargetFound) {
      const inserted = await tx
        .insert(complaintLinks)
        .values({ complaintId: row.id, targetType: found.targetType, targetId: found.targetId, label: found.label, createdById: ctx.actor.userId, createdByName: ctx.actor.name })
        .onConflictDoNothing()
        .returning({ id: complaintLinks.id });
      if (!inserted.length) throw new AppError('ALREADY_LINKED', '已关联该对象', 409, { targetType: found.targetType, targetId: found.targetId });
      return { targetType: found.targetType, targetId: found.targetId, created: found.created, label: found.label };
    },
  };
}

/** The items in the actor's scope linked to another module's record (a web slot on its page), oldest link first. */
export async function complaintsLinkedTo(db: Db, actor: Actor, targetType: LinkTarget, targetId: string) {
  const items = await db
    .select({ id: complaints.id, trackingNo: complaints.trackingNo, kind: complaints.kind, status: complaints.status, label: complaintLinks.label, linkedAt: complaintLinks.createdAt })
    .from(complaintLinks)
    .innerJoin(complaints, eq(complaints.id, complaintLinks.complaintId))
    .where(and(eq(complaintLinks.targetType, targetType), eq(complaintLinks.targetId, targetId), complaintScope(actor)))
    .orderBy(asc(complaintLinks.createdAt), asc(complaintLinks.id));
  return { items, total: items.length };
}
