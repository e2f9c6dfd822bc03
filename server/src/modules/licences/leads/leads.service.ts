import { type SQL, and, desc, eq, ilike, like, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import type { UsersService } from '../../../platform/users/users.service.js';
import { checkDigitProblem, checkRegion, checkUscc, enterprises } from '../../enterprises/index.js';
import { fieldError, invalid, requireText } from '../../../platform/validation/fields.js';
import { licenceTypes } from '../licences.schema.js';
import { LEAD_OUTCOMES, type LeadOutcome, type LeadStatus, unlicensedLeads } from './leads.schema.js';

export interface LeadInput {
  operatorName: string;
  uscc?: string | null;
  address: string;
  regionCode: string;
  licenceType?: string | null;
  source: string;
  description: string;
}

export interface LeadFilter {
  status?: LeadStatus;
  regionCode?: string;
  q?: string;
  assigneeId?: string;
}

export interface CloseLeadInput {
  outcome: LeadOutcome;
  result: string;
}

/** The code normalized as the enterprise register does; any format or check-digit problem is a 400 (no override for leads). */
function validUscc(raw: string): string {
  const checked = checkUscc(raw);
  if (!checked.ok) throw fieldError(checked.problem);
  if (checked.value.checkDigitFailed) throw fieldError(checkDigitProblem(checked.value.uscc));
  return checked.value.uscc;
}

const leadColumns = {
  id: unlicensedLeads.id,
  operatorName: unlicensedLeads.operatorName,
  uscc: unlicensedLeads.uscc,
  enterpriseId: unlicensedLeads.enterpriseId,
  enterpriseName: enterprises.name,
  address: unlicensedLeads.address,
  regionCode: unlicensedLeads.regionCode,
  regionName: regions.name,
  licenceType: unlicensedLeads.licenceTypeKey,
  licenceTypeName: licenceTypes.name,
  source: unlicensedLeads.source,
  description: unlicensedLeads.description,
  orgId: unlicensedLeads.orgId,
  orgName: orgs.name,
  status: unlicensedLeads.status,
  assigneeId: unlicensedLeads.assigneeId,
  assigneeName: unlicensedLeads.assigneeName,
  outcome: unlicensedLeads.outcome,
  caseId: unlicensedLeads.caseId,
  result: unlicensedLeads.result,
  closedByName: unlicensedLeads.closedByName,
  closedAt: unlicensedLeads.closedAt,
  version: unlicensedLeads.version,
  createdByName: unlicensedLeads.createdByName,
  createdAt: unlicensedLeads.createdAt,
  updatedAt: unlicensedLeads.updatedAt,
};

/** A closed lead is final: it takes no more assignments or closings. */
function assertOpen<T extends { status: LeadStatus; outcome: LeadOutcome | null }>(lead: T): T {
  if (lead.status === 'closed') throw new AppError('LEAD_CLOSED', '线索已办结，不能再指派或办结', 409, { outcome: lead.outcome });
  return lead;
}

/** Leads are scoped by the place of the operation and by the competent bureau they were filed with. */
const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: unlicensedLeads.regionCode, orgId: unlicensedLeads.orgId });

/**
 * Leads about unlicensed operation (无证无照经营, seed §三(一)2(3)): filed in the filer's jurisdiction,
 * assigned to an officer who can see them, closed once with an outcome and a result.
 */
export function makeLeadsService(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService; users: UsersService }) {
  const { db, audit } = deps;

  const select = (tx: Db) =>
    tx
      .select(leadColumns)
      .from(unlicensedLeads)
      .innerJoin(orgs, eq(orgs.id, unlicensedLeads.orgId))
      .leftJoin(regions, eq(regions.code, unlicensedLeads.regionCode))
      .leftJoin(enterprises, eq(enterprises.id, unlicensedLeads.enterpriseId))
      .leftJoin(licenceTypes, eq(licenceTypes.key, unlicensedLeads.licenceTypeKey));

  async function find(tx: Db, actor: Actor | null, id: string) {
    const [row] = await select(tx).where(and(eq(unlicensedLeads.id, id), actor ? scopeOf(actor) : undefined));
    if (!row) throw notFound('线索');
    return row;
  }

  /** The lead locked for a change, after checking the actor may see it, that it is the version the client saw (If-Match) and still open. */
  async function lockOpen(tx: Db, actor: Actor, id: string, expected?: ExpectedVersion) {
    await find(tx, actor, id);
    const [row] = await tx.select().from(unlicensedLeads).where(eq(unlicensedLeads.id, id)).for('update');
    assertVersion(expected, row!.version);
    return assertOpen(row!);
  }

  async function requireLicenceType(tx: Db, key: string) {
    const [type] = await tx.select().from(licenceTypes).where(eq(licenceTypes.key, key));
    if (!type) throw invalid('licenceType', `未知的许可证类型：${key}`, 'LICENCE_TYPE_UNKNOWN');
    if (type.historic) throw invalid('licenceType', `${type.name}已取消，无证经营不再以其为依据`, 'LICENCE_TYPE_HISTORIC');
    return type.key;
  }

  /**
   * An active user the actor can see who can also see the lead; a bad choice is a 400 on `assigneeId`.
   * Reads only, before the change's transaction (the users service reads outside it).
   */
  async function requireAssignee(actor: Actor, assigneeId: string, leadId: string) {
    const user = await deps.users.get(actor, assigneeId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
    const assignee = user?.active ? await deps.users.loadActor(assigneeId) : null;
    if (!user || !assignee) throw new AppError('ASSIGNEE_UNKNOWN', '承办人不存在、已停用或不在您的辖区', 400, { field: 'assigneeId' });
    const [sees] = await db.select({ id: unlicensedLeads.id }).from(unlicensedLeads).where(and(eq(unlicensedLeads.id, leadId), scopeOf(assignee)));
    if (!sees) throw new AppError('ASSIGNEE_OUT_OF_SCOPE', `${user.displayName}的辖区不包括该线索所在地`, 400, { field: 'assigneeId' });
    return user;
  }

  return {
    /**
     * Files a lead with the bureau competent for its place. The place must be in the filer's scope
     * (403 REGION_OUT_OF_SCOPE); a USCC found in the register links the lead to that enterprise.
     */
    async create(ctx: RequestContext & { actor: Actor }, input: LeadInput) {
      const operatorName = requireText(input.operatorName, 'operatorName', '经营者名称', 200);
      const address = requireText(input.address, 'address', '经营地址', 300);
      const source = requireText(input.source, 'source', '线索来源', 100);
      const description = requireText(input.description, 'description', '线索内容', 2000);
      const uscc = input.uscc?.trim() ? validUscc(input.uscc) : null;
      const region = checkRegion(input.regionCode, await deps.jurisdiction.regionResolver());
      if (!region.ok) throw fieldError(region.problem);
      const regionCode = region.value;

      return inTransaction(db, async (tx) => {
        const licenceTypeKey = input.licenceType ? await requireLicenceType(tx, input.licenceType) : null;
        const bureau = await deps.jurisdiction.competentBureau(regionCode, tx);
        const [enterprise] = uscc ? await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, uscc)) : [];
        const [row] = await tx
          .insert(unlicensedLeads)
          .values({ operatorName, uscc, enterpriseId: enterprise?.id ?? null, address, regionCode, licenceTypeKey, source, description, orgId: bureau.id, createdBy: ctx.actor.userId, createdByName: ctx.actor.name })
          .returning({ id: unlicensedLeads.id });
        // The same scope rule as every read: a lead its filer could not see is outside the filer's jurisdiction.
        const [visible] = await tx.select({ id: unlicensedLeads.id }).from(unlicensedLeads).where(and(eq(unlicensedLeads.id, row!.id), scopeOf(ctx.actor)));
        if (!visible) throw new AppError('REGION_OUT_OF_SCOPE', `行政区划 ${regionCode} 不在您的辖区，不能登记该线索`, 403, { field: 'regionCode' });
        const created = await find(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'unlicensed_lead.created', targetType: 'unlicensed_lead', targetId: created.id, after: created });
        return created;
      });
    },

    /** Leads in the actor's scope, newest first. `regionCode` includes the divisions below it. */
    async list(actor: Actor, filter: LeadFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.status) conds.push(eq(unlicensedLeads.status, filter.status));
      if (filter.regionCode) conds.push(like(unlicensedLeads.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
      if (filter.assigneeId) conds.push(eq(unlicensedLeads.assigneeId, filter.assigneeId));
      const q = filter.q?.trim();
      if (q) {
        const pattern = `%${escapeLike(q)}%`;
        conds.push(or(ilike(unlicensedLeads.operatorName, pattern), ilike(unlicensedLeads.address, pattern), ilike(unlicensedLeads.uscc, pattern)));
      }
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        select(db).where(where).orderBy(desc(unlicensedLeads.createdAt), desc(unlicensedLeads.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(unlicensedLeads).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, id: string) => find(db, actor, id),

    /** Assigns (or reassigns) an open lead to an officer. `expected`: If-Match. */
    async assign(ctx: RequestContext & { actor: Actor }, id: string, assigneeId: string, expected?: ExpectedVersion) {
      assertOpen(await find(db, ctx.actor, id));
      const assignee = await requireAssignee(ctx.actor, assigneeId, id);
      return inTransaction(db, async (tx) => {
        const before = await lockOpen(tx, ctx.actor, id, expected);
        await tx
          .update(unlicensedLeads)
          .set({ status: 'assigned', assigneeId: assignee.id, assigneeName: assignee.displayName, version: nextVersion(unlicensedLeads.version), updatedAt: new Date() })
          .where(eq(unlicensedLeads.id, id));
        await audit.record(tx, ctx, {
          action: 'unlicensed_lead.assigned',
          targetType: 'unlicensed_lead',
          targetId: id,
          before: { status: before.status, assigneeId: before.assigneeId, assigneeName: before.assigneeName },
          after: { status: 'assigned', assigneeId: assignee.id, assigneeName: assignee.displayName },
        });
        return find(tx, null, id);
      });
    },

    /**
     * The lead in the actor's scope, read in the caller's transaction (the cases module's lead
     * source; null: unknown or out of scope). A lead closed with another outcome than `case_filed`
     * cannot become a case (409 LEAD_CLOSED); one closed as `case_filed` by hand before the cases
     * module existed can, once (its case is then linked).
     */
    async forCase(tx: Db, actor: Actor, id: string) {
      const [row] = await select(tx).where(and(eq(unlicensedLeads.id, id), scopeOf(actor)));
      if (!row) return null;
      if (row.status === 'closed' && (row.outcome !== 'case_filed' || row.caseId)) {
        throw new AppError('LEAD_CLOSED', row.caseId ? '线索已立案，不能再立案' : '线索已办结，不能立案', 409, { field: 'leadId', outcome: row.outcome, caseId: row.caseId });
      }
      return row;
    },

    /**
     * A case was opened (立案) from the lead, in the case's transaction: the lead is closed with the
     * outcome `case_filed`, names its case (`caseId`) and says so in its result; audited
     * `unlicensed_lead.case_filed`. A lead closed as `case_filed` by hand keeps its result and gets
     * the case's id. Opening the same case again changes nothing; another case: 409 LEAD_CLOSED.
     */
    async caseFiled(tx: Db, ctx: RequestContext & { actor: Actor }, id: string, kase: { id: string; caseNo: string }) {
      const [before] = await tx.select().from(unlicensedLeads).where(eq(unlicensedLeads.id, id)).for('update');
      if (!before) throw notFound('线索');
      if (before.caseId === kase.id) return find(tx, null, id);
      if (before.caseId || (before.status === 'closed' && before.outcome !== 'case_filed')) {
        throw new AppError('LEAD_CLOSED', '线索已办结，不能再立案', 409, { outcome: before.outcome, caseId: before.caseId });
      }
      const filed = `已立案（案件编号 ${kase.caseNo}）`;
      const closing =
        before.status === 'closed'
          ? { result: before.result ? `${before.result}；${filed}` : filed }
          : { status: 'closed' as const, outcome: 'case_filed' as const, result: filed, closedBy: ctx.actor.userId, closedByName: ctx.actor.name, closedAt: new Date() };
      await tx
        .update(unlicensedLeads)
        .set({ ...closing, caseId: kase.id, version: nextVersion(unlicensedLeads.version), updatedAt: new Date() })
        .where(eq(unlicensedLeads.id, id));
      await audit.record(tx, ctx, {
        action: 'unlicensed_lead.case_filed',
        targetType: 'unlicensed_lead',
        targetId: id,
        before: { status: before.status, outcome: before.outcome },
        after: { status: 'closed', outcome: 'case_filed', caseId: kase.id, caseNo: kase.caseNo },
      });
      return find(tx, null, id);
    },

    /**
     * The bureau decided not to open a case (不予立案) from the lead, in the case's transaction: the
     * lead stays as it was (open or assigned), to be closed with another outcome or opened as a
     * new case; the decision is audited on the lead (`unlicensed_lead.case_declined`) and the
     * declined case stays listed by the cases module's `GET /api/cases/by-lead`.
     */
    async caseDeclined(tx: Db, ctx: RequestContext & { actor: Actor }, id: string, kase: { id: string; caseNo: string; reason: string }) {
      await audit.record(tx, ctx, { action: 'unlicensed_lead.case_declined', targetType: 'unlicensed_lead', targetId: id, after: { caseId: kase.id, caseNo: kase.caseNo, reason: kase.reason } });
    },

    /** Closes a lead for good with its outcome and the result of the work on it. `expected`: If-Match. */
    async close(ctx: RequestContext & { actor: Actor }, id: string, input: CloseLeadInput, expected?: ExpectedVersion) {
      if (!LEAD_OUTCOMES.includes(input.outcome)) throw invalid('outcome', `未知的办结结果：${String(input.outcome)}`);
      const result = requireText(input.result, 'result', '处理结果', 2000);
      return inTransaction(db, async (tx) => {
        const before = await lockOpen(tx, ctx.actor, id, expected);
        await tx
          .update(unlicensedLeads)
          .set({ status: 'closed', outcome: input.outcome, result, closedBy: ctx.actor.userId, closedByName: ctx.actor.name, closedAt: new Date(), version: nextVersion(unlicensedLeads.version), updatedAt: new Date() })
          .where(eq(unlicensedLeads.id, id));
        await audit.record(tx, ctx, { action: 'unlicensed_lead.closed', targetType: 'unlicensed_lead', targetId: id, before: { status: before.status }, after: { status: 'closed', outcome: input.outcome, result } });
        return find(tx, null, id);
      });
    },
  };
}

export type LeadsService = ReturnType<typeof makeLeadsService>;
