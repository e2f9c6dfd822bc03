import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionWithin, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { checkText, invalid, orThrow, requireDate } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import type { KindTask, PoolKindProvider } from '../../inspections/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentHazards } from '../hazards/hazards.schema.js';
import type { HazardsService } from '../hazards/hazards.service.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { renderNotice } from './notice-document.js';
import { equipmentPoolKind, equipmentUserPoolKind } from './pool-kinds.js';
import { equipmentNotices } from './supervision.schema.js';

type ActorCtx = RequestContext & { actor: Actor };

/** A finding's hazard is due this many working days after the check until a rectification order sets its deadline. */
export const FINDING_CORRECTION_WORKING_DAYS = 15;
/** The county reports by default within this many working days of the notice. */
export const NOTICE_REPLY_WORKING_DAYS = 15;
/** Most hazards one notice lists. */
export const NOTICE_HAZARDS_MAX = 200;

/** The to-do of the county addressed by a notice: report each hazard closed by the reply date. */
const noticeTodoKey = (noticeId: string) => `equipment_notice.reply:${noticeId}`;

export interface NoticeInput {
  toOrgId: string;
  hazardIds: string[];
  replyDueOn?: string | null;
  summary?: string | null;
}

/**
 * City safety supervision of special equipment (§三(二)4(1)): the inspection engine's pools of
 * units and of user units (pool-kinds.ts) whose tasks' findings become hazards (source
 * `supervision`, linked to the task, then to its rectification order, corrected when the re-check
 * passes), and the 暗访通报 — the city bureau's notice to a county bureau of the hazards its
 * unannounced checks found there, tracked until the county reports each closed.
 */
export function makeSupervisionService(deps: EquipmentDeps & { hazards: Pick<HazardsService, 'recordHazard' | 'correctHazard'> }) {
  const { db, audit } = deps;

  /**
   * The unit a task's object key names (equipment pools: the hazard takes the unit's current user and
   * region, so a unit handed to another user since the draw does not block the check), or the user
   * unit as a whole.
   */
  async function subjectOf(tx: Db, kind: 'equipment' | 'equipment_user', task: KindTask) {
    if (kind === 'equipment_user') return { equipmentId: null, userUscc: task.uscc };
    const [unit] = await tx.select({ id: equipmentUnits.id }).from(equipmentUnits).where(eq(equipmentUnits.equipmentCode, task.objectKey));
    return unit ? { equipmentId: unit.id, userUscc: null } : { equipmentId: null, userUscc: task.uscc };
  }

  /** The open hazards of a task (its findings), locked. */
  const openHazardsOf = (tx: Db, taskId: string) =>
    tx
      .select({ id: equipmentHazards.id, version: equipmentHazards.version })
      .from(equipmentHazards)
      .where(and(eq(equipmentHazards.taskId, taskId), eq(equipmentHazards.source, 'supervision'), isNull(equipmentHazards.correctedOn)))
      .orderBy(asc(equipmentHazards.createdAt), asc(equipmentHazards.id))
      .for('update');

  const hooksFor = (kind: 'equipment' | 'equipment_user'): NonNullable<PoolKindProvider['hooks']> => ({
    /** Each finding becomes a hazard of the unit (or user unit): critical findings are major hazards (重大隐患). */
    async inspected(tx, ctx, task) {
      if (task.findings.length === 0) return;
      const subject = await subjectOf(tx, kind, task);
      const { date: correctionDueOn } = await deps.calendar.addWorkingDays(task.inspectedOn, FINDING_CORRECTION_WORKING_DAYS, tx);
      for (const finding of task.findings) {
        await deps.hazards.recordHazard(tx, ctx, {
          ...subject,
          source: 'supervision',
          foundOn: task.inspectedOn,
          description: `${finding.text}（${task.itemName}）`,
          level: finding.severity === 'critical' ? 'major' : 'general',
          correctionDueOn,
          taskId: task.id,
        });
      }
    },
    /** The rectification order: the task's open hazards take its number and deadline. */
    async ordered(tx, ctx, task, order) {
      const open = await openHazardsOf(tx, task.id);
      if (open.length === 0) return;
      await tx
        .update(equipmentHazards)
        .set({ orderId: order.id, correctionDueOn: order.dueOn, version: nextVersion(equipmentHazards.version), updatedAt: new Date() })
        .where(inArray(equipmentHazards.id, open.map((h) => h.id)));
      for (const h of open) await audit.record(tx, ctx, { action: 'equipment_hazard.ordered', targetType: 'equipment_hazard', targetId: h.id, after: { orderId: order.id, documentNo: order.documentNo, correctionDueOn: order.dueOn } });
    },
    /** A passed re-check corrects the task's open hazards on the re-check date. */
    async rechecked(tx, ctx, task, order) {
      if (!order.passed) return;
      for (const h of await openHazardsOf(tx, task.id)) await deps.hazards.correctHazard(tx, ctx, h.id, { correctedOn: order.recheckedOn, note: '复查合格' });
    },
  });

  const poolKinds: PoolKindProvider[] = [
    { ...equipmentPoolKind, hooks: hooksFor('equipment') },
    { ...equipmentUserPoolKind, hooks: hooksFor('equipment_user') },
  ];

  // ---- 暗访通报 ----

  const noticeScope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentNotices.regionCode, orgId: equipmentNotices.toOrgId });

  /** Per notice: its hazards, closed by the county, open, and open past the reply date. */
  const countsOf = (today: string) => ({
    hazards: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.notice_id = ${equipmentNotices.id})`,
    closed: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.notice_id = ${equipmentNotices.id} and h.county_closed_on is not null)`,
    open: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.notice_id = ${equipmentNotices.id} and h.county_closed_on is null)`,
    overdue: sql<number>`(select count(*)::int from ${equipmentHazards} h where h.notice_id = ${equipmentNotices.id} and h.county_closed_on is null and ${equipmentNotices.replyDueOn} < ${today})`,
  });

  const noticeColumns = {
    id: equipmentNotices.id,
    documentNo: equipmentNotices.documentNo,
    title: equipmentNotices.title,
    toOrgId: equipmentNotices.toOrgId,
    toOrgName: orgs.name,
    regionCode: equipmentNotices.regionCode,
    issuedOn: equipmentNotices.issuedOn,
    replyDueOn: equipmentNotices.replyDueOn,
    summary: equipmentNotices.summary,
    fileName: equipmentNotices.fileName,
    issuedByName: equipmentNotices.issuedByName,
    createdAt: equipmentNotices.createdAt,
  };
  const noticeQuery = (tx: Db, today: string) => tx.select({ ...noticeColumns, ...countsOf(today) }).from(equipmentNotices).innerJoin(orgs, eq(orgs.id, equipmentNotices.toOrgId));

  const hazardColumns = {
    id: equipmentHazards.id,
    equipmentId: equipmentHazards.equipmentId,
    equipmentCode: equipmentUnits.equipmentCode,
    userUscc: equipmentHazards.userUscc,
    userName: enterprises.name,
    address: sql<string | null>`coalesce(${equipmentUnits.address}, ${enterprises.address})`,
    regionCode: equipmentHazards.regionCode,
    foundOn: equipmentHazards.foundOn,
    description: equipmentHazards.description,
    level: equipmentHazards.level,
    correctionDueOn: equipmentHazards.correctionDueOn,
    correctedOn: equipmentHazards.correctedOn,
    countyClosedOn: equipmentHazards.countyClosedOn,
    countyClosedNote: equipmentHazards.countyClosedNote,
    noticeId: equipmentHazards.noticeId,
    source: equipmentHazards.source,
    version: equipmentHazards.version,
  };
  const hazardRows = (tx: Db) => tx.select(hazardColumns).from(equipmentHazards).leftJoin(equipmentUnits, eq(equipmentUnits.id, equipmentHazards.equipmentId)).leftJoin(enterprises, eq(enterprises.uscc, equipmentHazards.userUscc));

  async function noticeIn(tx: Db, actor: Actor, id: string) {
    const today = todayInChina();
    const [row] = await noticeQuery(tx, today).where(and(eq(equipmentNotices.id, id), noticeScope(actor)));
    if (!row) throw notFound('暗访通报');
    const hazards = await hazardRows(tx).where(eq(equipmentHazards.noticeId, id)).orderBy(asc(equipmentHazards.foundOn), asc(equipmentHazards.id));
    return { ...row, hazards: hazards.map(({ noticeId: _n, source: _s, address: _a, ...h }) => ({ ...h, status: h.countyClosedOn ? ('closed' as const) : ('open' as const), overdue: !h.countyClosedOn && today > row.replyDueOn })) };
  }

  /** The next number of the bureau's notices of the year: 〈short name〉特设通〔year〕n号. */
  async function nextDocumentNo(tx: Db, bureau: string, year: number) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('equipment_notices.document_no'))`);
    const prefix = `${bureau}特设通〔${year}〕`;
    const [row] = await tx.select({ n: countAll }).from(equipmentNotices).where(like(equipmentNotices.documentNo, `${prefix}%`));
    return `${prefix}${row!.n + 1}号`;
  }

  return {
    poolKinds,

    /**
     * Issues a 暗访通报 (city bureau only: `equipment.write` with data scope `all`) to a county bureau,
     * listing hazards found by supervision in its region and not in another notice; the county gets a
     * to-do due on the reply date (default: 15 working days).
     */
    async issue(ctx: ActorCtx, input: NoticeInput) {
      if (ctx.actor.dataScope !== 'all' || !ctx.actor.permissions.has('equipment.write')) throw forbidden('只有市局可以发出暗访通报');
      const ids = [...new Set(input.hazardIds ?? [])];
      if (ids.length === 0 || ids.length > NOTICE_HAZARDS_MAX) throw invalid('hazardIds', `一份通报列出 1–${NOTICE_HAZARDS_MAX} 项隐患`);
      const summary = orThrow(checkText(input.summary ?? null, 'summary', '通报说明', { max: 2000, required: false }));
      const issuedOn = todayInChina();
      return inTransaction(db, async (tx) => {
        const [county] = await tx.select().from(orgs).where(and(eq(orgs.id, input.toOrgId), eq(orgs.type, 'county_bureau'), eq(orgs.active, true)));
        if (!county) throw invalid('toOrgId', '请选择一个县区市场监管局', 'ORG_UNKNOWN');
        let replyDueOn: string;
        let replyCertain = true;
        if (input.replyDueOn) {
          replyDueOn = requireDate(input.replyDueOn, 'replyDueOn', '报告期限');
          if (replyDueOn < issuedOn) throw invalid('replyDueOn', '报告期限不能早于今天', 'INVALID_DATE');
        } else {
          const due = await deps.calendar.addWorkingDays(issuedOn, NOTICE_REPLY_WORKING_DAYS, tx);
          replyDueOn = due.date;
          replyCertain = due.certain;
        }
        const hazards = await hazardRows(tx).where(inArray(equipmentHazards.id, ids)).orderBy(asc(equipmentHazards.foundOn), asc(equipmentHazards.id)).for('update', { of: equipmentHazards });
        const missing = ids.find((id) => !hazards.some((h) => h.id === id));
        if (missing) throw invalid('hazardIds', `未知的隐患：${missing}`, 'HAZARD_UNKNOWN');
        for (const h of hazards) {
          if (h.source !== 'supervision') throw invalid('hazardIds', `隐患“${h.description}”不是监督检查发现的`, 'HAZARD_NOT_SUPERVISION');
          if (!regionWithin(h.regionCode, county.regionCode)) throw invalid('hazardIds', `隐患“${h.description}”不在${county.name}辖区`, 'HAZARD_NOT_IN_COUNTY');
          if (h.noticeId) throw new AppError('HAZARD_ALREADY_NOTIFIED', `隐患“${h.description}”已列入其他通报`, 409, { hazardId: h.id, noticeId: h.noticeId });
        }
        const bureau = await deps.jurisdiction.competentBureau(ctx.actor.regionCode, tx);
        const documentNo = await nextDocumentNo(tx, bureau.shortName?.trim() || bureau.name, Number(issuedOn.slice(0, 4)));
        const doc = await renderNotice({ documentNo, bureau: bureau.name, county: county.name, issuedOn, replyDueOn, replyCertain, summary, hazards });
        const [notice] = await tx
          .insert(equipmentNotices)
          .values({ documentNo, title: doc.title, toOrgId: county.id, regionCode: county.regionCode, issuedOn, replyDueOn, summary, fileName: doc.fileName, document: doc.content, issuedByName: ctx.actor.name })
          .returning({ id: equipmentNotices.id });
        const id = notice!.id;
        await tx.update(equipmentHazards).set({ noticeId: id, version: nextVersion(equipmentHazards.version), updatedAt: new Date() }).where(inArray(equipmentHazards.id, ids));
        await deps.todos.raise(tx, 'equipment_notice.reply', [
          {
            key: noticeTodoKey(id),
            subjectType: 'equipment_notice',
            subjectId: id,
            title: `暗访通报 ${documentNo}：请于 ${replyDueOn} 前报告 ${ids.length} 项隐患的整改闭环情况`,
            params: { documentNo, count: String(ids.length), date: replyDueOn },
            link: `/equipment/notices/${id}`,
            dueOn: replyDueOn,
            dueCertain: replyCertain,
            orgId: county.id,
            sectionId: null,
            permission: 'equipment.write',
            regionCode: county.regionCode,
          },
        ]);
        await audit.record(tx, ctx, { action: 'equipment_notice.issued', targetType: 'equipment_notice', targetId: id, after: { documentNo, toOrgId: county.id, replyDueOn, hazardIds: ids, summary } });
        return noticeIn(tx, ctx.actor, id);
      });
    },

    /** Notices in the actor's scope (the city: all; a county: those addressed to it), newest first, with their open/closed/overdue counts. */
    async list(actor: Actor, filter: { toOrgId?: string }, page: Page) {
      const where = and(noticeScope(actor), filter.toOrgId ? eq(equipmentNotices.toOrgId, filter.toOrgId) : undefined);
      const [items, [count]] = await Promise.all([
        noticeQuery(db, todayInChina()).where(where).orderBy(desc(equipmentNotices.issuedOn), desc(equipmentNotices.createdAt), asc(equipmentNotices.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(equipmentNotices).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, id: string) => noticeIn(db, actor, id),

    /** The notice's .docx (in scope). */
    async document(actor: Actor, id: string) {
      const [row] = await db.select({ fileName: equipmentNotices.fileName, content: equipmentNotices.document }).from(equipmentNotices).where(and(eq(equipmentNotices.id, id), noticeScope(actor)));
      if (!row) throw notFound('暗访通报');
      return row;
    },

    /**
     * The county reports a notified hazard closed (its notice in the actor's scope; 404 otherwise):
     * a hazard not yet corrected is corrected on that day through the hazards part; 409 when already
     * reported. Once every hazard of the notice is closed, the county's to-do is resolved.
     */
    async countyClose(ctx: ActorCtx, hazardId: string, input: { closedOn: string; note?: string | null }) {
      const closedOn = requireDate(input.closedOn, 'closedOn', '闭环日期');
      const note = orThrow(checkText(input.note ?? null, 'note', '闭环说明', { max: 2000, required: false }));
      return inTransaction(db, async (tx) => {
        const [hazard] = await tx.select().from(equipmentHazards).where(eq(equipmentHazards.id, hazardId)).for('update');
        if (!hazard || !hazard.noticeId) throw notFound('通报的隐患');
        const [notice] = await tx.select({ id: equipmentNotices.id }).from(equipmentNotices).where(and(eq(equipmentNotices.id, hazard.noticeId), noticeScope(ctx.actor)));
        if (!notice) throw notFound('通报的隐患');
        if (hazard.countyClosedOn) throw new AppError('ALREADY_CLOSED', `该隐患已于 ${hazard.countyClosedOn} 报告闭环`, 409, { countyClosedOn: hazard.countyClosedOn });
        if (closedOn > todayInChina()) throw invalid('closedOn', '闭环日期不能晚于今天', 'INVALID_DATE');
        if (closedOn < hazard.foundOn) throw invalid('closedOn', '闭环日期不能早于发现日期', 'INVALID_DATE');
        if (!hazard.correctedOn) await deps.hazards.correctHazard(tx, ctx, hazardId, { correctedOn: closedOn, note: note ?? '县局报告整改闭环' });
        await tx
          .update(equipmentHazards)
          .set({ countyClosedOn: closedOn, countyClosedNote: note, version: nextVersion(equipmentHazards.version), updatedAt: new Date() })
          .where(eq(equipmentHazards.id, hazardId));
        await audit.record(tx, ctx, { action: 'equipment_hazard.county_closed', targetType: 'equipment_hazard', targetId: hazardId, after: { noticeId: hazard.noticeId, countyClosedOn: closedOn, note } });
        const [left] = await tx.select({ n: countAll }).from(equipmentHazards).where(and(eq(equipmentHazards.noticeId, hazard.noticeId), isNull(equipmentHazards.countyClosedOn)));
        if ((left?.n ?? 0) === 0) await deps.todos.resolve(tx, noticeTodoKey(hazard.noticeId));
        return noticeIn(tx, ctx.actor, hazard.noticeId);
      });
    },
  };
}

export type SupervisionService = ReturnType<typeof makeSupervisionService>;
