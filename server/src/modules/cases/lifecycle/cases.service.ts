import { createHash } from 'node:crypto';
import { type SQL, and, asc, desc, eq, ilike, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix, regionWithin } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { checkAttachment } from '../../../platform/documents/attachments.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { fieldError, invalid, orThrow, requireDate, requireText } from '../../../platform/validation/fields.js';
import { checkDigitProblem, checkUscc, enterprises } from '../../enterprises/index.js';
import type { CasesDeps, Ctx, LeadFacts } from '../cases.deps.js';
import { CASE_ACTIONS, type CaseAction, type CaseStage, type LeadSource, caseEvents, caseEvidence, caseFiles, cases } from '../cases.schema.js';
import { campaigns } from '../campaigns/campaigns.schema.js';
import type { CaseDocuments } from '../decision/documents.js';
import { caseParties, caseProgressReports, caseSupervisions } from '../oversight/oversight.schema.js';
import { penaltyPublications } from '../publication/publication.schema.js';
import type { ActionHandlers, CasePatch, CaseRow } from './actions.js';
import { makeCaseClockTodos } from './clock-todos.js';
import { DECISION_STAGES, deadlinesOf, isOverdue, makeCaseClocks, nextDueOn } from './clocks.js';
import { LINKED_SOURCES, invalidTransition, leadSourceUnavailable, openCaseOfLead } from './handlers.js';
import { caseScope } from './scope.js';

/** A change of a case made outside the actions (e.g. the police's decision on a transfer). */
export interface CaseChange {
  action: string;
  to?: CaseStage;
  patch?: CasePatch;
  note?: string | null;
  data?: Record<string, unknown>;
}

/** `POST /api/cases` (contract; partyName, summary and foundOn may come from the lead). */
export interface CreateCaseInput {
  leadSource: LeadSource;
  leadId?: string | null;
  leadRef?: string | null;
  uscc?: string | null;
  partyName?: string | null;
  partyAddress?: string | null;
  summary?: string | null;
  foundOn?: string | null;
  regionCode?: string | null;
  campaignId?: string | null;
}

export interface CaseFilter {
  stage?: CaseStage;
  regionCode?: string;
  supervised?: boolean;
  joint?: boolean;
  overdue?: boolean;
  q?: string;
  leadSource?: LeadSource;
  campaignId?: string;
}

/** An uploaded file as received. */
export interface IncomingFile {
  fileName: string;
  content: Buffer;
}

/** At most this many files per upload request. */
export const MAX_FILES = 5;

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/** Whether the actor's own scope (not a party's) covers a bureau's region and org: creating a case there. */
function coversOwn(actor: Actor, regionCode: string, orgId: string): boolean {
  switch (actor.dataScope) {
    case 'all':
      return true;
    case 'region':
      return regionWithin(regionCode, actor.regionCode);
    case 'org':
    case 'self':
      return orgId === actor.orgId;
    default:
      return false;
  }
}

/**
 * The lifecycle (lifecycle/README.md): creating a case from a lead, the dispatcher of the actions
 * (`act`) over the parts' handlers, the Case view, lists, the timeline, evidence and its
 * attachments, the cases of a lead, and the clocks' to-dos.
 */
export function makeCasesService(deps: CasesDeps & { handlers: ActionHandlers; documents: CaseDocuments }) {
  const { db, audit, handlers, rules } = deps;
  const clocks = makeCaseClocks(deps);
  const clockTodos = makeCaseClockTodos(deps);

  async function find(tx: Db, actor: Actor | null, id: string, opts: { lock?: boolean } = {}): Promise<CaseRow> {
    const where = and(eq(cases.id, id), actor ? caseScope(actor) : undefined);
    const query = tx.select().from(cases).where(where);
    const [row] = opts.lock ? await query.for('update', { of: cases }) : await query;
    if (!row) throw notFound('案件');
    return row;
  }

  async function record(tx: Db, ctx: Ctx, c: CaseRow, change: CaseChange): Promise<CaseRow> {
    const to = change.to ?? c.stage;
    const [updated] = await tx
      .update(cases)
      .set({ ...change.patch, stage: to, version: nextVersion(cases.version), updatedAt: new Date() })
      .where(eq(cases.id, c.id))
      .returning();
    await tx.insert(caseEvents).values({ caseId: c.id, action: change.action, fromStage: c.stage, toStage: to, actorId: ctx.actor.userId, actorName: ctx.actor.name, orgId: ctx.actor.orgId, note: change.note ?? null, data: change.data ?? null });
    await audit.record(tx, ctx, { action: `case.${change.action}`, targetType: 'case', targetId: c.id, before: { stage: c.stage, version: c.version }, after: { stage: to, ...change.data } });
    await clockTodos.syncClockTodos(c.id, { tx });
    return updated!;
  }

  /** The actions this actor may take on the case now (permission, stage and each handler's own condition), in the contract's order. */
  function allowedActions(c: CaseRow, actor: Actor): CaseAction[] {
    return CASE_ACTIONS.filter((a) => {
      const h = handlers[a];
      return !!h && actor.permissions.has(h.permission) && h.stages.includes(c.stage) && !h.allowed?.(c, { actor });
    });
  }

  async function view(tx: Db, actor: Actor, c: CaseRow) {
    const today = todayInChina();
    const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, c.orgId));
    const parties = await tx
      .select({ id: caseParties.id, role: caseParties.role, orgId: caseParties.orgId, orgName: orgs.name, externalName: caseParties.externalName })
      .from(caseParties)
      .leftJoin(orgs, eq(orgs.id, caseParties.orgId))
      .where(eq(caseParties.caseId, c.id))
      .orderBy(sql`case when ${caseParties.role} = 'lead' then 0 else 1 end`, asc(caseParties.createdAt), asc(caseParties.id));
    const [sup] = await tx.select().from(caseSupervisions).where(and(eq(caseSupervisions.caseId, c.id), isNull(caseSupervisions.endedOn)));
    let supervision = null;
    if (sup) {
      const [reports] = await tx
        .select({ next: sql<string | null>`min(${caseProgressReports.dueOn})::text`, overdue: sql<number>`count(*) filter (where ${caseProgressReports.dueOn} < ${today})::int` })
        .from(caseProgressReports)
        .where(and(eq(caseProgressReports.caseId, c.id), isNull(caseProgressReports.reportedOn)));
      supervision = { reason: sup.reason, startedOn: sup.startedOn, nextReportDueOn: reports?.next ?? null, overdueReports: reports?.overdue ?? 0 };
    }
    const [pub] = await tx
      .select({ status: penaltyPublications.status, dueOn: penaltyPublications.dueOn, publishedOn: penaltyPublications.publishedOn, publicUntil: penaltyPublications.publicUntil })
      .from(penaltyPublications)
      .where(eq(penaltyPublications.caseId, c.id));
    const { enterpriseId: _e, createdById: _c, amountDue, amountPaid, ...rest } = c;
    return {
      ...rest,
      amountDue: toNumber(amountDue),
      amountPaid: Number(amountPaid),
      orgName: org?.name ?? '',
      parties: parties.map((p) => ({ id: p.id, role: p.role, orgId: p.orgId, name: p.orgName ?? p.externalName ?? '' })),
      allowedActions: allowedActions(c, actor),
      deadlines: deadlinesOf(c, today),
      supervision,
      publication: pub ?? null,
    };
  }

  async function leadFacts(tx: Db, actor: Actor, source: LeadSource, leadId: string | null | undefined): Promise<LeadFacts | null> {
    const linked = (LINKED_SOURCES as readonly string[]).includes(source);
    if (!linked) {
      if (leadId) throw invalid('leadId', '其他部门移送和自行发现的线索没有关联记录，请不要填写 leadId');
      return null;
    }
    if (!leadId) throw invalid('leadId', '请选择线索记录');
    const adapter = deps.leadSources[source];
    if (!adapter) throw leadSourceUnavailable(source);
    const facts = await adapter.find(tx, actor, leadId);
    if (!facts) throw invalid('leadId', '线索不存在或不在您的辖区', 'LEAD_NOT_FOUND');
    return facts;
  }

  const listColumns = {
    id: cases.id,
    caseNo: cases.caseNo,
    stage: cases.stage,
    partyName: cases.partyName,
    uscc: cases.uscc,
    summary: cases.summary,
    regionCode: cases.regionCode,
    orgName: orgs.name,
    foundOn: cases.foundOn,
    openedOn: cases.openedOn,
    decidedOn: cases.decidedOn,
    supervised: cases.supervised,
    joint: cases.joint,
    transferred: cases.transferred,
    leadSource: cases.leadSource,
    leadDueOn: cases.leadDueOn,
    leadDueCertain: cases.leadDueCertain,
    decisionDueOn: cases.decisionDueOn,
    decisionDueCertain: cases.decisionDueCertain,
    version: cases.version,
  };

  function listWhere(actor: Actor, f: CaseFilter, today: string): SQL | undefined {
    const overdue = or(and(eq(cases.stage, 'lead'), lt(cases.leadDueOn, today)), and(inArray(cases.stage, [...DECISION_STAGES]), lt(cases.decisionDueOn, today)));
    const q = f.q?.trim();
    const pattern = q ? `%${escapeLike(q)}%` : null;
    return and(
      caseScope(actor),
      f.stage ? eq(cases.stage, f.stage) : undefined,
      f.regionCode ? like(cases.regionCode, `${regionPrefix(f.regionCode)}%`) : undefined,
      f.supervised === undefined ? undefined : eq(cases.supervised, f.supervised),
      f.joint === undefined ? undefined : eq(cases.joint, f.joint),
      f.overdue === undefined ? undefined : f.overdue ? overdue : sql`not coalesce(${overdue}, false)`,
      pattern ? or(ilike(cases.caseNo, pattern), ilike(cases.partyName, pattern), ilike(cases.uscc, pattern)) : undefined,
      f.leadSource ? eq(cases.leadSource, f.leadSource) : undefined,
      f.campaignId ? eq(cases.campaignId, f.campaignId) : undefined,
    );
  }

  async function get(actor: Actor, id: string) {
    return inTransaction(db, async (tx) => view(tx, actor, await find(tx, actor, id)));
  }

  return {
    find,
    record,
    /** The actions of every part (the route's body is the union of their inputs). */
    handlers,
    get,

    /** `POST /api/cases`: a case in stage `lead` (see README: lead sources, one case per lead, region and bureau, the lead clock). */
    async create(ctx: Ctx, input: CreateCaseInput) {
      const { actor } = ctx;
      if (!actor.permissions.has('case.write')) throw forbidden('无权登记案件线索');
      const today = todayInChina();
      const id = await inTransaction(db, async (tx) => {
        const facts = await leadFacts(tx, actor, input.leadSource, input.leadId);
        if (input.leadId) {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cases.lead:${input.leadSource}:${input.leadId}`}))`);
          const [existing] = await tx.select({ id: cases.id, caseNo: cases.caseNo }).from(cases).where(openCaseOfLead(input.leadSource, input.leadId));
          if (existing) throw new AppError('LEAD_ALREADY_CASE', `该线索已登记为案件 ${existing.caseNo}`, 409, { caseId: existing.id, caseNo: existing.caseNo });
        }
        const rawUscc = input.uscc?.trim() || facts?.uscc || null;
        let uscc: string | null = null;
        if (rawUscc) {
          const checked = orThrow(checkUscc(rawUscc));
          if (checked.checkDigitFailed) throw fieldError(checkDigitProblem(checked.uscc));
          uscc = checked.uscc;
        }
        const [enterprise] = uscc ? await tx.select({ id: enterprises.id, name: enterprises.name, regionCode: enterprises.regionCode, address: enterprises.address }).from(enterprises).where(eq(enterprises.uscc, uscc)) : [];
        const partyName = requireText(input.partyName?.trim() || facts?.partyName || enterprise?.name, 'partyName', '当事人名称', 200);
        const summary = requireText(input.summary?.trim() || facts?.summary, 'summary', '案情摘要', 2000);
        const foundOn = requireDate(input.foundOn || facts?.foundOn, 'foundOn', '发现线索的日期');
        if (foundOn > today) throw invalid('foundOn', '发现线索的日期不能晚于今天');
        const regionCode = enterprise?.regionCode ?? input.regionCode ?? facts?.regionCode ?? actor.regionCode;
        const bureau = await deps.jurisdiction.competentBureau(regionCode, tx);
        if (!coversOwn(actor, regionCode, bureau.id)) throw new AppError('OUT_OF_SCOPE', '该当事人不在您的辖区，请由主管局登记', 403, { regionCode });
        if (input.campaignId) {
          const [campaign] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId));
          if (!campaign) throw invalid('campaignId', '专项执法行动不存在');
        }
        const due = await clocks.leadDue(tx, foundOn);
        const { rows: seq } = (await tx.execute(sql`select nextval('case_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
        const caseNo = `AJ${today.slice(0, 4)}${String(seq[0]!.n).padStart(6, '0')}`;
        const [row] = await tx
          .insert(cases)
          .values({
            caseNo,
            leadSource: input.leadSource,
            leadId: input.leadId ?? null,
            leadRef: input.leadRef?.trim() || facts?.ref || null,
            uscc,
            enterpriseId: enterprise?.id ?? null,
            partyName,
            partyAddress: input.partyAddress?.trim() || enterprise?.address || null,
            summary,
            foundOn,
            regionCode,
            orgId: bureau.id,
            campaignId: input.campaignId ?? null,
            leadDueOn: due.date,
            leadDueCertain: due.certain,
            createdById: actor.userId,
            createdByName: actor.name,
          })
          .returning();
        await tx.insert(caseParties).values({ caseId: row!.id, role: 'lead', orgId: bureau.id, addedOn: today, addedByName: actor.name });
        await tx.insert(caseEvents).values({ caseId: row!.id, action: 'created', fromStage: null, toStage: 'lead', actorId: actor.userId, actorName: actor.name, orgId: actor.orgId, note: summary, data: { leadSource: input.leadSource, leadId: input.leadId ?? null, leadDueOn: due.date } });
        await audit.record(tx, ctx, { action: 'case.created', targetType: 'case', targetId: row!.id, after: { caseNo, leadSource: input.leadSource, leadId: input.leadId ?? null, regionCode, orgId: bureau.id, foundOn, leadDueOn: due.date, leadDueCertain: due.certain } });
        await clockTodos.syncClockTodos(row!.id, { tx });
        return row!.id;
      });
      // The creator sees it even when its bureau is another's (a city officer entering a county's lead).
      return inTransaction(db, async (tx) => view(tx, actor, await find(tx, null, id)));
    },

    /** Cases in the actor's scope (joint ones included), newest first (then id). */
    async list(actor: Actor, filter: CaseFilter, page: Page) {
      const today = todayInChina();
      const where = listWhere(actor, filter, today);
      const [rows, [count]] = await Promise.all([
        db
          .select(listColumns)
          .from(cases)
          .innerJoin(orgs, eq(orgs.id, cases.orgId))
          .where(where)
          .orderBy(desc(cases.createdAt), desc(cases.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(cases).where(where),
      ]);
      const items = rows.map(({ leadDueOn, leadDueCertain, decisionDueOn, decisionDueCertain, ...r }) => {
        const c = { stage: r.stage, leadDueOn, decisionDueOn };
        // Whether the running deadline is sure (false: counted over a year without holiday data).
        const nextDueCertain = r.stage === 'lead' ? leadDueCertain : DECISION_STAGES.includes(r.stage) ? decisionDueCertain : true;
        return { ...r, overdue: isOverdue(c, today), nextDueOn: nextDueOn(c), nextDueCertain };
      });
      return { items, total: count?.n ?? 0 };
    },

    /**
     * `POST /api/cases/:id/actions`: 400 for an unknown action, 403 without its permission, 404
     * outside the scope, 412 on a stale If-Match, 409 INVALID_TRANSITION `{ stage, action }` when
     * the stage does not allow it, 409 with the handler's code when `allowed` says no; then the
     * handler runs and its result is written (stage, patch, version + 1, event, audit) and its
     * `after` runs, all in one transaction under the row's lock. Answers the Case view.
     */
    async act(ctx: Ctx, id: string, action: string, input: Record<string, unknown>, expected?: ExpectedVersion) {
      const handler = (CASE_ACTIONS as readonly string[]).includes(action) ? handlers[action as CaseAction] : undefined;
      if (!handler) throw invalid('action', '未知或尚未开放的案件操作');
      if (!ctx.actor.permissions.has(handler.permission)) throw forbidden('无权执行该案件操作');
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, { lock: true });
        assertVersion(expected, c.version);
        if (!handler.stages.includes(c.stage)) throw invalidTransition(c, action);
        const refused = handler.allowed?.(c, ctx);
        if (refused) throw new AppError(refused.code, refused.message, refused.status ?? 409, { stage: c.stage, action });
        const result = await handler.run({ tx, ctx, case: c, rules }, input);
        const updated = await record(tx, ctx, c, { action, to: result.to, patch: result.patch, note: result.note, data: result.data });
        if (result.after) await result.after(tx, updated);
        // The handler's `after` may have changed the case (or moved it out of the actor's scope): read it as it now is.
        return view(tx, ctx.actor, await find(tx, null, id));
      });
    },

    /** The timeline, oldest first. */
    async events(actor: Actor, id: string) {
      await find(db, actor, id);
      const items = await db
        .select({ id: caseEvents.id, action: caseEvents.action, fromStage: caseEvents.fromStage, toStage: caseEvents.toStage, actorName: caseEvents.actorName, orgName: orgs.name, note: caseEvents.note, data: caseEvents.data, at: caseEvents.at })
        .from(caseEvents)
        .leftJoin(orgs, eq(orgs.id, caseEvents.orgId))
        .where(eq(caseEvents.caseId, id))
        .orderBy(asc(caseEvents.at), asc(caseEvents.id));
      return { items };
    },

    /** The evidence (every party sees all of it), oldest first, with its attachments; an interviewee masked. */
    async evidence(actor: Actor, id: string) {
      await find(db, actor, id);
      const rows = await db.select().from(caseEvidence).where(eq(caseEvidence.caseId, id)).orderBy(asc(caseEvidence.createdAt), asc(caseEvidence.id));
      const files = await db
        .select({ id: caseFiles.id, evidenceId: caseFiles.evidenceId, fileName: caseFiles.fileName, contentType: caseFiles.contentType, size: caseFiles.size, sha256: caseFiles.sha256, createdByName: caseFiles.createdByName, createdAt: caseFiles.createdAt })
        .from(caseFiles)
        .where(and(eq(caseFiles.caseId, id), sql`${caseFiles.evidenceId} is not null`))
        .orderBy(asc(caseFiles.createdAt), asc(caseFiles.id));
      const items = rows.map(({ intervieweeSealed: _s, intervieweeMasked, createdById: _c, caseId: _i, ...e }) => ({
        ...e,
        interviewee: intervieweeMasked,
        files: files.filter((f) => f.evidenceId === e.id).map(({ evidenceId: _v, ...f }) => f),
      }));
      return { items };
    },

    /** Attachments of one piece of evidence (checked by content, SHA-256 kept, produced by the actor's bureau); 409 on a declined or closed case. */
    async attach(ctx: Ctx, id: string, evidenceId: string, files: IncomingFile[]) {
      if (!ctx.actor.permissions.has('case.write')) throw forbidden('无权上传案件材料');
      if (!files.length) throw invalid('files', '请选择要上传的文件');
      if (files.length > MAX_FILES) throw new AppError('ATTACHMENTS_TOO_MANY', `至多上传 ${MAX_FILES} 个附件`, 400, { field: 'files', max: MAX_FILES });
      const checked = files.map((f) => ({ ...checkAttachment(f.fileName, f.content), content: f.content }));
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, { lock: true });
        if (c.stage === 'declined' || c.stage === 'closed') throw new AppError('INVALID_TRANSITION', '案件已结束，不能再上传材料', 409, { stage: c.stage, action: 'attach' });
        const [ev] = await tx.select({ id: caseEvidence.id, title: caseEvidence.title }).from(caseEvidence).where(and(eq(caseEvidence.id, evidenceId), eq(caseEvidence.caseId, id)));
        if (!ev) throw notFound('证据');
        const items = [];
        for (const f of checked) {
          const sha256 = createHash('sha256').update(f.content).digest('hex');
          const [row] = await tx
            .insert(caseFiles)
            .values({ caseId: id, evidenceId, fileName: f.fileName, contentType: f.contentType, size: f.content.length, sha256, content: f.content, producedByOrgId: ctx.actor.orgId, createdByName: ctx.actor.name })
            .returning({ id: caseFiles.id, fileName: caseFiles.fileName, contentType: caseFiles.contentType, size: caseFiles.size, sha256: caseFiles.sha256, createdByName: caseFiles.createdByName, createdAt: caseFiles.createdAt });
          items.push(row!);
        }
        const data = { evidenceId, files: items.map((f) => ({ id: f.id, sha256: f.sha256, size: f.size })) };
        await tx.insert(caseEvents).values({ caseId: id, action: 'files_added', fromStage: c.stage, toStage: c.stage, actorId: ctx.actor.userId, actorName: ctx.actor.name, orgId: ctx.actor.orgId, note: ev.title, data });
        await audit.record(tx, ctx, { action: 'case.files_added', targetType: 'case', targetId: id, after: data });
        return { items, total: items.length };
      });
    },

    /** A file of a case in the actor's scope (404 otherwise). */
    async file(actor: Actor, id: string, fileId: string) {
      await find(db, actor, id);
      const [row] = await db
        .select({ fileName: caseFiles.fileName, contentType: caseFiles.contentType, content: caseFiles.content, sha256: caseFiles.sha256 })
        .from(caseFiles)
        .where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, id)));
      if (!row) throw notFound('材料');
      return row;
    },

    /** The cases in the actor's scope made of one lead (the lead pages' slot), oldest first. */
    async byLead(actor: Actor, source: LeadSource, leadId: string) {
      const items = await db
        .select({ id: cases.id, caseNo: cases.caseNo, stage: cases.stage, partyName: cases.partyName, foundOn: cases.foundOn, openedOn: cases.openedOn, declinedOn: cases.declinedOn, decidedOn: cases.decidedOn, closedOn: cases.closedOn, version: cases.version })
        .from(cases)
        .where(and(eq(cases.leadSource, source), eq(cases.leadId, leadId), caseScope(actor)))
        .orderBy(asc(cases.createdAt), asc(cases.id));
      return { items };
    },

    /** Job `cases.clocks` (daily) and tests: the lifecycle's to-dos (clock-todos.ts). */
    syncClockTodos: clockTodos.syncClockTodos,
  };
}

export type CasesService = ReturnType<typeof makeCasesService>;
