import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import { type LinkTarget, complaintFiles, complaints } from '../complaints.schema.js';
import { type LinkTargetFound, complaintsLinkedTo, makeLinks } from './act.js';
import { type ActionBody, type ActorCtx, type HandlingDeps, invalidTransition, makeActions } from './actions.js';
import { type ComplaintJson, type ComplaintRow, complaintJson, complaintScope, maskedFromColumns, nextClocks } from './complaint-json.js';
import { makeEnterpriseComplaints } from './enterprise.service.js';
import { type ComplaintFilter, complaintListWhere } from './list-filter.js';
import { actionsFor, isOpen } from './states.js';

/**
 * Handling (办理): the staff's list and detail (reporter masked; the reveal audited), the actions of
 * the state machine (states.ts) under the legal clocks (clocks.ts), acknowledgement, files, links
 * (act.ts) and the subject enterprise's view (enterprise.service.ts). Every action locks the row,
 * honours If-Match, bumps the version, acknowledges the item when nobody had, is audited as
 * `complaint.<action>` (never with reporter data) and refreshes the item's clock to-dos.
 */
export function makeHandlingService(deps: HandlingDeps) {
  const { db, audit, personal } = deps;
  const actions = makeActions(deps);
  const links = makeLinks(deps);
  const { routing } = deps;

  /** The row locked for a change, in the actor's scope (404 otherwise). */
  async function lockInScope(tx: Db, actor: Actor, id: string): Promise<ComplaintRow> {
    const [row] = await tx.select().from(complaints).where(and(eq(complaints.id, id), complaintScope(actor))).for('update');
    if (!row) throw notFound('投诉举报');
    return row;
  }

  async function readInScope(tx: Db, actor: Actor, id: string): Promise<ComplaintRow> {
    const [row] = await tx.select().from(complaints).where(and(eq(complaints.id, id), complaintScope(actor)));
    if (!row) throw notFound('投诉举报');
    return row;
  }

  const bump = (tx: Db, id: string) => tx.update(complaints).set({ version: nextVersion(complaints.version), updatedAt: new Date() }).where(eq(complaints.id, id));

  const listColumns = {
    id: complaints.id,
    trackingNo: complaints.trackingNo,
    kind: complaints.kind,
    channel: complaints.channel,
    status: complaints.status,
    topic: complaints.topic,
    category: complaints.category,
    urgent: complaints.urgent,
    subjectName: complaints.subjectName,
    subjectUscc: complaints.subjectUscc,
    regionCode: complaints.regionCode,
    regionName: regions.name,
    orgId: complaints.orgId,
    orgName: orgs.name,
    handlerId: complaints.handlerId,
    handlerName: complaints.handlerName,
    receivedAt: complaints.receivedAt,
    acknowledgedAt: complaints.acknowledgedAt,
    closedAt: complaints.closedAt,
    anonymous: complaints.anonymous,
    reporterNameMasked: complaints.reporterNameMasked,
    reporterPhoneMasked: complaints.reporterPhoneMasked,
  };

  async function get(actor: Actor, id: string, opts: { reveal?: boolean; ctx?: ActorCtx } = {}): Promise<ComplaintJson> {
    if (!opts.reveal) return complaintJson(db, personal, actor, id);
    if (!actor.permissions.has('complaint.reporter_pii')) throw forbidden('无权查看举报人（投诉人）的身份信息');
    const ctx = opts.ctx ?? { actor };
    return inTransaction(db, async (tx) => {
      const json = await complaintJson(tx, personal, actor, id, { revealed: true });
      // The reveal itself is the event: which item, by whom (the context); never the data shown.
      await audit.record(tx, ctx, { action: 'complaint.reporter_viewed', targetType: 'complaint', targetId: id });
      return json;
    });
  }

  return {
    get,

    /** Items in the actor's scope, newest received first (then by id); reporters masked; each with its next open clock. */
    async list(actor: Actor, filter: ComplaintFilter, page: Page) {
      const today = todayInChina();
      const where = complaintListWhere(actor, filter, today);
      const [rows, [count]] = await Promise.all([
        db
          .select(listColumns)
          .from(complaints)
          .innerJoin(orgs, eq(orgs.id, complaints.orgId))
          .leftJoin(regions, eq(regions.code, complaints.regionCode))
          .where(where)
          .orderBy(desc(complaints.receivedAt), asc(complaints.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(complaints).where(where),
      ]);
      const clocks = await nextClocks(
        db,
        rows.map((r) => r.id),
        today,
      );
      const items = rows.map(({ anonymous, reporterNameMasked, reporterPhoneMasked, ...r }) => ({
        ...r,
        reporter: maskedFromColumns({ anonymous, reporterNameMasked, reporterPhoneMasked }),
        nextClock: clocks.get(r.id) ?? null,
      }));
      return { items, total: count?.n ?? 0 };
    },

    /**
     * One action of `POST /api/complaints/:id/actions` (actions.ts, act.ts). 403 without the
     * action's permission, 404 outside the scope, 412 on a stale If-Match, 409 INVALID_TRANSITION
     * when the state does not allow it, the action's own 400/409 otherwise. A link creates its
     * target first (the owning module's transaction), then records the link.
     */
    async act(ctx: ActorCtx, id: string, body: ActionBody, expected?: ExpectedVersion): Promise<ComplaintJson> {
      if (!actions.isAction(body.action)) throw invalid('action', '未知的办理操作');
      const action = body.action;
      actions.assertMay(ctx.actor, action);
      let found: LinkTargetFound | null = null;
      if (action === 'link') {
        const row = await readInScope(db, ctx.actor, id);
        assertVersion(expected, row.version);
        if (!actionsFor(row.kind, row.status).includes('link')) throw invalidTransition(row, 'link');
        found = await links.prepare(ctx, row, body);
      }
      return inTransaction(db, async (tx) => {
        const row = await lockInScope(tx, ctx.actor, id);
        // A created target exists already: the link is recorded whatever changed meanwhile (but not on a closed item).
        if (!found?.created) assertVersion(expected, row.version);
        if (!actionsFor(row.kind, row.status).includes(action)) throw invalidTransition(row, action);
        // Taking the item on, except when handing it on: a re-routed item waits for the new bureau's acknowledgement (and escalates there).
        if (!row.acknowledgedAt && action !== 'route') await routing.acknowledge(tx, ctx, row);
        const after = found ? await links.record(tx, ctx, row, found) : await actions.steps[action as Exclude<typeof action, 'link'>](tx, ctx, row, body);
        await bump(tx, id);
        await audit.record(tx, ctx, { action: `complaint.${action}`, targetType: 'complaint', targetId: id, before: { status: row.status, version: row.version }, after });
        await routing.syncClockTodos(id, { tx });
        // A re-route may move the item out of the actor's scope: it is answered as it now is, without actions.
        return complaintJson(tx, personal, ctx.actor, id, { scoped: false });
      });
    },

    /**
     * `POST /api/complaints/:id/acknowledge`: the officer takes the item on (签收): acknowledgedAt,
     * handler when none, the urgent/escalation to-dos resolved (routing part). Once: an item
     * acknowledged already is answered as it is. 409 INVALID_TRANSITION on a closed or refused item.
     */
    async acknowledge(ctx: ActorCtx, id: string, expected?: ExpectedVersion): Promise<ComplaintJson> {
      if (!ctx.actor.permissions.has('complaint.write')) throw forbidden('无权办理投诉举报');
      return inTransaction(db, async (tx) => {
        const row = await lockInScope(tx, ctx.actor, id);
        assertVersion(expected, row.version);
        if (row.acknowledgedAt) return complaintJson(tx, personal, ctx.actor, id);
        if (!isOpen(row.status)) throw invalidTransition(row, 'acknowledge');
        await routing.acknowledge(tx, ctx, row);
        await bump(tx, id);
        await audit.record(tx, ctx, { action: 'complaint.acknowledged', targetType: 'complaint', targetId: id });
        await routing.syncClockTodos(id, { tx });
        return complaintJson(tx, personal, ctx.actor, id);
      });
    },

    /** A file of an item in the actor's scope (404 otherwise). */
    async file(actor: Actor, id: string, fileId: string) {
      await readInScope(db, actor, id);
      const [row] = await db
        .select({ fileName: complaintFiles.fileName, contentType: complaintFiles.contentType, content: complaintFiles.content })
        .from(complaintFiles)
        .where(and(eq(complaintFiles.id, fileId), eq(complaintFiles.complaintId, id)));
      if (!row) throw notFound('材料');
      return row;
    },

    /**
     * An item as the lead of an enforcement case (the cases module's lead source `complaint`): read
     * in the caller's transaction, in the actor's scope (null otherwise); never reporter data.
     */
    async forCase(tx: Db, actor: Actor, id: string) {
      const [row] = await tx
        .select({ id: complaints.id, trackingNo: complaints.trackingNo, kind: complaints.kind, subjectName: complaints.subjectName, subjectUscc: complaints.subjectUscc, regionCode: complaints.regionCode, receivedOn: complaints.receivedOn, description: complaints.description })
        .from(complaints)
        .where(and(eq(complaints.id, id), complaintScope(actor)));
      return row ?? null;
    },

    /**
     * A case was opened (立案) from the item, or declined (不予立案: `declined`), in the case's
     * transaction: a link to the case (`case`, labelled with its number, + （不予立案）) is recorded
     * whatever the item's state — the same link as Act's link by id — the version bumped and
     * `complaint.link` audited. Recorded already: nothing changes.
     */
    async linkCase(tx: Db, ctx: ActorCtx, id: string, kase: { id: string; caseNo: string; declined?: boolean }) {
      const [row] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update');
      if (!row) throw notFound('投诉举报');
      const found: LinkTargetFound = { targetType: 'case', targetId: kase.id, label: `案件：${kase.caseNo}${kase.declined ? '（不予立案）' : ''}`, created: false };
      const linked = await links.record(tx, ctx, row, found).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'ALREADY_LINKED') return null;
        throw err;
      });
      if (!linked) return;
      await bump(tx, id);
      await audit.record(tx, ctx, { action: 'complaint.link', targetType: 'complaint', targetId: id, before: { status: row.status, version: row.version }, after: linked });
    },

    /** The items in the actor's scope linked to another module's record (`GET /api/complaints/links`). */
    linksOf: (actor: Actor, targetType: LinkTarget, targetId: string) => complaintsLinkedTo(db, actor, targetType, targetId),

    /** The subject enterprise's view (企业端). */
    enterprise: makeEnterpriseComplaints(deps),
  };
}

export type HandlingService = ReturnType<typeof makeHandlingService>;
