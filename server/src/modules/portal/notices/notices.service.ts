import { type SQL, and, desc, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, orThrow, requireText } from '../../../platform/validation/fields.js';
import type { Ctx, PortalDeps } from '../portal.deps.js';
import { type NoticeKind, type NoticeStatus, portalNotices } from '../portal.schema.js';
import { approverTodos } from './approver-todos.js';

export const TITLE_MAX = 100;
export const SUMMARY_MAX = 300;
export const BODY_MAX = 20_000;
export const REASON_MAX = 500;
/** The to-do kind raised for the approvers while a notice is pending. */
export const NOTICE_PENDING_TODO = 'portal.notice_pending';

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  summary?: string | null;
  body: string;
}
export type NoticePatch = Partial<NoticeInput>;
export interface NoticeFilter {
  kind?: NoticeKind;
  status?: NoticeStatus;
  q?: string;
}

const n = portalNotices;
type NoticeRow = typeof portalNotices.$inferSelect;

/** A page as the public sees it: no staff names, no return or withdrawal reasons, no workflow state. */
export const publicNotice = (r: NoticeRow) => ({ id: r.id, kind: r.kind, title: r.title, summary: r.summary, body: r.body, orgName: r.orgName, publishedAt: r.publishedAt! });

/** The title, the summary (null when empty) and the body, trimmed and within their limits (400 VALIDATION naming the field). */
function checkedFields(input: NoticePatch) {
  return {
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.title !== undefined ? { title: requireText(input.title, 'title', '标题', TITLE_MAX) } : {}),
    ...(input.summary !== undefined ? { summary: orThrow(checkText(input.summary, 'summary', '摘要', { max: SUMMARY_MAX, required: false })) } : {}),
    ...(input.body !== undefined ? { body: requireText(input.body, 'body', '正文', BODY_MAX) } : {}),
  };
}

/** A text search over title, summary and body (case-insensitive, LIKE-escaped). */
const matching = (q: string | undefined): SQL | undefined => {
  const text = q?.trim();
  if (!text) return undefined;
  const pattern = `%${escapeLike(text)}%`;
  return or(ilike(n.title, pattern), ilike(n.summary, pattern), ilike(n.body, pattern));
};

const transitionError = (row: NoticeRow, action: string, message: string) => new AppError('INVALID_TRANSITION', message, 409, { status: row.status, action });

/**
 * The portal's pages (notices/README.md): drafted by an officer (portal.write) in the name of the
 * officer's bureau, submitted, approved and published by a section head (portal.approve) who did
 * not draft it, returned with a reason, withdrawn with a reason. Each step in one transaction with
 * its audit event; the public sees published pages only.
 */
export function makePortalNotices(deps: PortalDeps) {
  const { db, audit, todos, jurisdiction } = deps;

  /** One notice in the actor's scope (404 otherwise); `lock` for a change. */
  async function load(tx: Db, actor: Actor, id: string, lock = false): Promise<NoticeRow> {
    const query = tx.select().from(n).where(and(eq(n.id, id), visibleTo(actor, { regionCode: n.regionCode })));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('公告');
    return row;
  }

  /** The name of the actor's bureau: its org, or the bureau a city section belongs to. */
  async function bureauName(tx: Db, actor: Actor): Promise<string> {
    const org = await jurisdiction.getOrg(null, actor.orgId, tx);
    return org.type === 'city_section' && org.parentName ? org.parentName : org.name;
  }

  /** Applies `set` to a locked row (version bumped), records the audit event, answers the new row. */
  async function change(tx: Db, ctx: Ctx, row: NoticeRow, action: string, set: Partial<NoticeRow>, audited: { before: object; after: object }) {
    const [updated] = await tx
      .update(n)
      .set({ ...set, version: nextVersion(n.version), updatedAt: new Date() })
      .where(eq(n.id, row.id))
      .returning();
    await audit.record(tx, ctx, { action: `portal_notice.${action}`, targetType: 'portal_notice', targetId: row.id, ...audited });
    return updated!;
  }

  /** The steps that start from a pending notice: only by an approver who did not draft it. */
  async function decide(ctx: Ctx, id: string, expected: ExpectedVersion, action: 'approve' | 'return', apply: (tx: Db, row: NoticeRow) => Promise<NoticeRow>) {
    return inTransaction(db, async (tx) => {
      const row = await load(tx, ctx.actor, id, true);
      assertVersion(expected, row.version);
      if (row.status !== 'pending') throw transitionError(row, action, '只有待审核的公告可以审核');
      if (row.createdBy !== null && row.createdBy === ctx.actor.userId) throw new AppError('SAME_PERSON', '不能审核自己起草的公告', 409);
      await todos.resolveSubject(tx, NOTICE_PENDING_TODO, row.id);
      return apply(tx, row);
    });
  }

  return {
    /** The staff list in the actor's scope: by kind, status, text; most recently changed first, then id. */
    async list(actor: Actor, filter: NoticeFilter, page: Page) {
      const where = and(visibleTo(actor, { regionCode: n.regionCode }), filter.kind ? eq(n.kind, filter.kind) : undefined, filter.status ? eq(n.status, filter.status) : undefined, matching(filter.q));
      const [items, [count]] = await Promise.all([
        db.select().from(n).where(where).orderBy(desc(n.updatedAt), desc(n.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(n).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    /** Drafts a page in the region and name of the actor's bureau. */
    async create(ctx: Ctx, input: NoticeInput) {
      const fields = checkedFields(input);
      return inTransaction(db, async (tx) => {
        const orgName = await bureauName(tx, ctx.actor);
        const [row] = await tx
          .insert(n)
          .values({ kind: input.kind, title: fields.title!, summary: fields.summary ?? null, body: fields.body!, regionCode: ctx.actor.regionCode, orgName, createdBy: ctx.actor.userId, createdByName: ctx.actor.name })
          .returning();
        await audit.record(tx, ctx, { action: 'portal_notice.created', targetType: 'portal_notice', targetId: row!.id, after: { kind: row!.kind, title: row!.title, regionCode: row!.regionCode, orgName } });
        return row!;
      });
    },

    /** Edits a draft (a returned page is a draft again); 409 INVALID_TRANSITION otherwise. */
    async update(ctx: Ctx, id: string, patch: NoticePatch, expected?: ExpectedVersion) {
      const fields = checkedFields(patch);
      return inTransaction(db, async (tx) => {
        const row = await load(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'draft') throw transitionError(row, 'update', '只有草稿（含退回的）可以修改');
        const before = Object.fromEntries(Object.keys(fields).map((k) => [k, row[k as keyof typeof fields]]));
        return change(tx, ctx, row, 'updated', fields, { before, after: fields });
      });
    },

    /** Submits a draft for approval: pending, with a to-do for the approvers whose scope covers the page's region. */
    async submit(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const row = await load(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'draft') throw transitionError(row, 'submit', '只有草稿可以提交审核');
        const updated = await change(tx, ctx, row, 'submitted', { status: 'pending', submittedAt: new Date(), returnedReason: null }, { before: { status: row.status }, after: { status: 'pending' } });
        const specs = await approverTodos(tx, updated, NOTICE_PENDING_TODO);
        if (specs.length) await todos.raise(tx, NOTICE_PENDING_TODO, specs);
        return updated;
      });
    },

    /** Approves and publishes a pending page (now); 409 SAME_PERSON for its drafter. */
    approve: (ctx: Ctx, id: string, expected?: ExpectedVersion) =>
      decide(ctx, id, expected, 'approve', (tx, row) =>
        change(tx, ctx, row, 'published', { status: 'published', publishedAt: new Date(), approvedByName: ctx.actor.name }, { before: { status: row.status }, after: { status: 'published' } }),
      ),

    /** Returns a pending page to its drafter with a reason: a draft again. */
    returnToDraft(ctx: Ctx, id: string, input: { reason: string }, expected?: ExpectedVersion) {
      const reason = requireText(input.reason, 'reason', '退回理由', REASON_MAX);
      return decide(ctx, id, expected, 'return', (tx, row) => change(tx, ctx, row, 'returned', { status: 'draft', returnedReason: reason }, { before: { status: row.status }, after: { status: 'draft', reason } }));
    },

    /** Withdraws a published page with a reason: gone from the portal. */
    async withdraw(ctx: Ctx, id: string, input: { reason: string }, expected?: ExpectedVersion) {
      const reason = requireText(input.reason, 'reason', '撤回理由', REASON_MAX);
      return inTransaction(db, async (tx) => {
        const row = await load(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'published') throw transitionError(row, 'withdraw', '只有已发布的公告可以撤回');
        return change(tx, ctx, row, 'withdrawn', { status: 'withdrawn', withdrawnAt: new Date(), withdrawnByName: ctx.actor.name, withdrawReason: reason }, { before: { status: row.status }, after: { status: 'withdrawn', reason } });
      });
    },

    /** The public list: published pages by kind and text, newest first, then id. */
    async publicList(filter: { kind?: NoticeKind; q?: string }, page: Page) {
      const where = and(eq(n.status, 'published'), filter.kind ? eq(n.kind, filter.kind) : undefined, matching(filter.q));
      const [rows, [count]] = await Promise.all([
        db.select().from(n).where(where).orderBy(desc(n.publishedAt), desc(n.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(n).where(where),
      ]);
      return { items: rows.map(publicNotice), total: count?.n ?? 0 };
    },

    /** One published page; a withdrawn one is 410 WITHDRAWN (without its reason), any other 404. */
    async publicGet(id: string) {
      const [row] = await db.select().from(n).where(eq(n.id, id));
      if (row?.status === 'withdrawn') throw new AppError('WITHDRAWN', '该公告已撤回', 410);
      if (row?.status !== 'published') throw notFound('公告');
      return publicNotice(row);
    },
  };
}

export type PortalNotices = ReturnType<typeof makePortalNotices>;
