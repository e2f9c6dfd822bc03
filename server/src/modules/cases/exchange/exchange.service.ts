import { type SQL, and, asc, desc, eq, gte, ilike, inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { parseDate } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion, preconditionFailed } from '../../../platform/http/etag.js';
import { AppError, forbidden } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, orThrow, requireText } from '../../../platform/validation/fields.js';
import { checkUscc } from '../../enterprises/index.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { type CaseStage, cases } from '../cases.schema.js';
import type { CasesService } from '../lifecycle/cases.service.js';
import { caseScope } from '../lifecycle/scope.js';
import { caseTransfers } from '../oversight/oversight.schema.js';
import { penaltyTypesOf } from '../publication/period.js';
import { EXCHANGE_FIELDS, type ExchangeField, caseExchangeGrants, externalCases } from './exchange.schema.js';

/** Cases every grant covers: decided ones, from the decision on. */
export const DECIDED_STAGES: readonly CaseStage[] = ['decided', 'served', 'executing', 'closed'];
/** Open cases a grant with `includeOpen` adds: opened and not yet decided (leads and declined leads are never exchanged). */
export const OPEN_STAGES: readonly CaseStage[] = ['investigating', 'reviewing', 'notified', 'hearing', 'transferred'];

const TEXT_MAX = 2000;

export interface GrantInput {
  fields: ExchangeField[];
  includeOpen?: boolean;
  active?: boolean;
}
export interface ExternalCaseInput {
  externalNo: string;
  partyName: string;
  uscc?: string | null;
  summary: string;
  status: string;
  decidedOn?: string | null;
  penaltyText?: string | null;
}

const grantColumns = {
  orgId: caseExchangeGrants.orgId,
  orgName: orgs.name,
  orgRegionCode: orgs.regionCode,
  fields: caseExchangeGrants.fields,
  includeOpen: caseExchangeGrants.includeOpen,
  active: caseExchangeGrants.active,
  updatedByName: caseExchangeGrants.updatedByName,
  updatedAt: caseExchangeGrants.updatedAt,
  version: caseExchangeGrants.version,
};
const selectGrants = (tx: Db) => tx.select(grantColumns).from(caseExchangeGrants).innerJoin(orgs, eq(orgs.id, caseExchangeGrants.orgId));

const externalColumns = {
  id: externalCases.id,
  orgId: externalCases.orgId,
  orgName: orgs.name,
  externalNo: externalCases.externalNo,
  partyName: externalCases.partyName,
  uscc: externalCases.uscc,
  summary: externalCases.summary,
  status: externalCases.status,
  decidedOn: externalCases.decidedOn,
  penaltyText: externalCases.penaltyText,
  regionCode: externalCases.regionCode,
  postedAt: externalCases.postedAt,
  updatedAt: externalCases.updatedAt,
};
const selectExternal = (tx: Db) => tx.select(externalColumns).from(externalCases).innerJoin(orgs, eq(orgs.id, externalCases.orgId));

/** A grant's field list: known fields, each once, in the canonical order. */
function checkFields(fields: readonly string[]): ExchangeField[] {
  const unknown = fields.filter((f) => !(EXCHANGE_FIELDS as readonly string[]).includes(f));
  if (unknown.length) throw new AppError('VALIDATION', `未知的字段：${unknown.join('、')}`, 400, { field: 'fields' });
  if (fields.length === 0) throw invalid('fields', '至少授权一个字段');
  return EXCHANGE_FIELDS.filter((f) => fields.includes(f));
}

/**
 * Case information exchange with other departments (§四3; exchange/README.md): per department
 * org, a grant names the summary fields it may fetch; its API keys fetch the summaries of the
 * cases in their region (audited per call) and post their own cases (upserted by their number),
 * which officers read.
 */
export function makeExchangeService(deps: CasesDeps & { cases: CasesService }) {
  const { db, audit, jurisdiction } = deps;

  /** The active grant of the actor's org; 403 EXCHANGE_NOT_GRANTED without one. */
  async function grantOf(tx: Db, actor: Actor) {
    const [grant] = await tx.select().from(caseExchangeGrants).where(eq(caseExchangeGrants.orgId, actor.orgId));
    if (!grant || !grant.active) throw new AppError('EXCHANGE_NOT_GRANTED', '本单位未获授权交换案件信息，请联系市场监管部门', 403);
    return grant;
  }

  /** The summaries' values, per field, of the cases on a page. */
  async function summaries(tx: Db, rows: { id: string }[]) {
    const ids = rows.map((r) => r.id);
    const transfers = ids.length
      ? await tx
          .select({ caseId: caseTransfers.caseId, transferredOn: caseTransfers.transferredOn, receivingOrgan: caseTransfers.receivingOrgan, decision: caseTransfers.decision, decisionOn: caseTransfers.decisionOn })
          .from(caseTransfers)
          .where(inArray(caseTransfers.caseId, ids))
          .orderBy(asc(caseTransfers.transferredOn), asc(caseTransfers.id))
      : [];
    const byCase = new Map<string, { transferredOn: string; receivingOrgan: string; decision: string | null; decisionOn: string | null }[]>();
    for (const { caseId, ...t } of transfers) byCase.set(caseId, [...(byCase.get(caseId) ?? []), t]);
    return byCase;
  }

  return {
    /** The grants (case.configure), in the actor's scope of orgs; by org name. */
    async listGrants(actor: Actor, page: Page) {
      const where = visibleTo(actor, { regionCode: orgs.regionCode, orgId: orgs.id });
      const [items, [count]] = await Promise.all([
        selectGrants(db).where(where).orderBy(asc(orgs.name), asc(caseExchangeGrants.orgId)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(caseExchangeGrants).innerJoin(orgs, eq(orgs.id, caseExchangeGrants.orgId)).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /**
     * Sets a department org's grant (case.configure): the fields, whether open cases are included,
     * active or not. The org must be in scope (else 404) and of type `department` (else 400
     * ORG_NOT_DEPARTMENT). If-Match names the grant's version (0: none yet). Audited.
     */
    async setGrant(ctx: Ctx, orgId: string, input: GrantInput, expected?: ExpectedVersion) {
      const fields = checkFields(input.fields);
      return inTransaction(db, async (tx) => {
        const org = await jurisdiction.getOrg(ctx.actor, orgId, tx);
        if (org.type !== 'department') throw new AppError('ORG_NOT_DEPARTMENT', '只能授权部门（纪检监察、司法、公安等）交换案件信息', 400, { field: 'orgId' });
        const [before] = await tx.select().from(caseExchangeGrants).where(eq(caseExchangeGrants.orgId, orgId)).for('update');
        assertVersion(expected, before?.version ?? 0);
        const values = { orgId, fields, includeOpen: input.includeOpen ?? before?.includeOpen ?? false, active: input.active ?? true, updatedByName: ctx.actor.name, updatedAt: new Date() };
        const [row] = await tx
          .insert(caseExchangeGrants)
          .values(values)
          .onConflictDoUpdate({ target: caseExchangeGrants.orgId, set: { ...values, version: nextVersion(caseExchangeGrants.version) } })
          .returning({ version: caseExchangeGrants.version });
        if (expected && row!.version !== (before?.version ?? 0) + 1) throw preconditionFailed(row!.version - 1);
        await audit.record(tx, ctx, {
          action: 'case_exchange.grant_set',
          targetType: 'org',
          targetId: orgId,
          before: before ? { fields: before.fields, includeOpen: before.includeOpen, active: before.active } : null,
          after: { fields, includeOpen: values.includeOpen, active: values.active },
        });
        const [grant] = await selectGrants(tx).where(eq(caseExchangeGrants.orgId, orgId));
        return grant!;
      });
    },

    /**
     * A department's fetch (case.exchange; its org needs an active grant): the case summaries in
     * its scope (the key's region, caseScope) — decided cases, and open ones with includeOpen —
     * changed since `since`, oldest change first; each with `id` and the granted fields only.
     * Every call is audited (`case_exchange.fetched`: count, fields, since, page).
     */
    async fetch(ctx: Ctx, query: { since?: string }, page: Page) {
      return inTransaction(db, async (tx) => {
        const grant = await grantOf(tx, ctx.actor);
        const since = query.since ? new Date(query.since) : null;
        if (since && Number.isNaN(since.getTime())) throw invalid('since', 'since 应为 ISO 8601 时间');
        const where = and(caseScope(ctx.actor), inArray(cases.stage, [...DECIDED_STAGES, ...(grant.includeOpen ? OPEN_STAGES : [])]), since ? gte(cases.updatedAt, since) : undefined);
        const [rows, [count]] = await Promise.all([
          tx
            .select({
              id: cases.id,
              caseNo: cases.caseNo,
              stage: cases.stage,
              partyName: cases.partyName,
              uscc: cases.uscc,
              summary: cases.summary,
              foundOn: cases.foundOn,
              openedOn: cases.openedOn,
              violation: cases.violation,
              legalBasis: cases.legalBasis,
              penalties: cases.penalties,
              penaltyText: cases.penaltyText,
              documentNo: cases.documentNo,
              decidedOn: cases.decidedOn,
              amountDue: cases.amountDue,
              closedOn: cases.closedOn,
              orgName: orgs.name,
            })
            .from(cases)
            .innerJoin(orgs, eq(orgs.id, cases.orgId))
            .where(where)
            .orderBy(asc(cases.updatedAt), asc(cases.id))
            .limit(page.pageSize)
            .offset(offsetOf(page)),
          tx.select({ n: countAll }).from(cases).where(where),
        ]);
        const transfers = grant.fields.includes('transfers') ? await summaries(tx, rows) : new Map();
        const items = rows.map((r) => {
          const all: Record<ExchangeField, unknown> = {
            caseNo: r.caseNo,
            stage: r.stage,
            partyName: r.partyName,
            uscc: r.uscc,
            summary: r.summary,
            foundOn: r.foundOn,
            openedOn: r.openedOn,
            violation: r.violation,
            legalBasis: r.legalBasis,
            penaltyTypes: penaltyTypesOf(r.penalties),
            penaltyText: r.penaltyText,
            documentNo: r.documentNo,
            decidedOn: r.decidedOn,
            amountDue: r.amountDue === null ? null : Number(r.amountDue),
            closedOn: r.closedOn,
            transfers: transfers.get(r.id) ?? [],
            orgName: r.orgName,
          };
          return { id: r.id, ...Object.fromEntries(grant.fields.map((f) => [f, all[f]])) };
        });
        await audit.record(tx, ctx, {
          action: 'case_exchange.fetched',
          targetType: 'org',
          targetId: ctx.actor.orgId,
          after: { count: items.length, total: count?.n ?? 0, fields: grant.fields, includeOpen: grant.includeOpen, since: query.since ?? null, page: page.page, pageSize: page.pageSize },
        });
        return { items, total: count?.n ?? 0 };
      });
    },

    /**
     * A department posts one of its own cases (case.exchange; active grant): upserted by (its
     * org, externalNo), in its region. Audited (`case_exchange.posted`). `created`: new or updated.
     */
    async post(ctx: Ctx, input: ExternalCaseInput) {
      const externalNo = requireText(input.externalNo, 'externalNo', '案件编号', 100);
      const partyName = requireText(input.partyName, 'partyName', '当事人', 200);
      const summary = requireText(input.summary, 'summary', '案情摘要', TEXT_MAX);
      const status = requireText(input.status, 'status', '办理状态', 100);
      const uscc = input.uscc?.trim() ? orThrow(checkUscc(input.uscc)).uscc : null;
      if (input.decidedOn && !parseDate(input.decidedOn)) throw invalid('decidedOn', '决定日期格式应为 YYYY-MM-DD');
      const penaltyText = input.penaltyText?.trim() || null;
      if (penaltyText && penaltyText.length > TEXT_MAX) throw invalid('penaltyText', `处理结果不能超过 ${TEXT_MAX} 字`);
      return inTransaction(db, async (tx) => {
        await grantOf(tx, ctx.actor);
        const [before] = await tx.select({ id: externalCases.id }).from(externalCases).where(and(eq(externalCases.orgId, ctx.actor.orgId), eq(externalCases.externalNo, externalNo)));
        const values = { orgId: ctx.actor.orgId, externalNo, partyName, uscc, summary, status, decidedOn: input.decidedOn ?? null, penaltyText, regionCode: ctx.actor.regionCode, updatedAt: new Date() };
        const [row] = await tx
          .insert(externalCases)
          .values(values)
          .onConflictDoUpdate({ target: [externalCases.orgId, externalCases.externalNo], set: values })
          .returning({ id: externalCases.id });
        await audit.record(tx, ctx, { action: 'case_exchange.posted', targetType: 'external_case', targetId: row!.id, after: { externalNo, status, uscc, created: !before } });
        const [saved] = await selectExternal(tx).where(eq(externalCases.id, row!.id));
        return { created: !before, externalCase: saved! };
      });
    },

    /** Officers' list of the cases departments posted (case.read), in their scope by region; by uscc or text; newest first. */
    async listExternal(actor: Actor, filter: { uscc?: string; q?: string }, page: Page) {
      if (actor.dataScope === 'enterprise') throw forbidden();
      const pattern = filter.q?.trim() ? `%${escapeLike(filter.q.trim())}%` : null;
      const where: SQL | undefined = and(
        visibleTo(actor, { regionCode: externalCases.regionCode }),
        filter.uscc ? eq(externalCases.uscc, filter.uscc.trim().toUpperCase()) : undefined,
        pattern ? or(ilike(externalCases.externalNo, pattern), ilike(externalCases.partyName, pattern), ilike(externalCases.summary, pattern), ilike(orgs.name, pattern)) : undefined,
      );
      const [items, [count]] = await Promise.all([
        selectExternal(db).where(where).orderBy(desc(externalCases.postedAt), desc(externalCases.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(externalCases).innerJoin(orgs, eq(orgs.id, externalCases.orgId)).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },
  };
}

export type ExchangeService = ReturnType<typeof makeExchangeService>;

