import { type SQL, and, arrayContains, asc, count, desc, eq, ilike, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionWithin, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { planTaskSummary } from '../../inspections/index.js';
import type { Ctx, CasesDeps } from '../cases.deps.js';
import { CASE_STAGES, type CaseStage, cases } from '../cases.schema.js';
import type { CasesService } from '../lifecycle/cases.service.js';
import { caseScope } from '../lifecycle/scope.js';
import { caseTransfers } from '../oversight/oversight.schema.js';
import { CAMPAIGN_STATUSES, type CampaignStatus, PRODUCT_CATEGORIES, type ProductCategory, campaigns } from './campaigns.schema.js';

/** Product categories as printed (reports, plan names). */
export const CATEGORY_NAMES: Record<ProductCategory, string> = {
  daily_consumer: '日用消费品',
  agricultural_inputs: '农资',
  building_materials: '建材',
  automotive: '汽车产品',
  electrical: '电器电子产品',
  food_related: '食品相关产品',
  children: '儿童用品',
  other: '其他',
};

export const STATUS_NAMES: Record<CampaignStatus, string> = { planned: '未开始', running: '进行中', finished: '已结束' };

/** The prefix of a campaign's plan name: the plan's draws list under it on the public page of draws. */
export const PLAN_NAME_PREFIX = '专项执法行动：';

export const TARGET_COUNT_MAX = 10_000;

export interface CampaignInput {
  name: string;
  productCategory: ProductCategory;
  description?: string | null;
  startOn: string;
  endOn: string;
  participatingOrgIds: string[];
  poolId: string;
  itemId: string;
  targetCount: number;
  /** Passed to the plan when every quarter of the period is over (its tasks would be born overdue). */
  pastPeriodReason?: string | null;
}

export interface CampaignFilter {
  status?: CampaignStatus;
  year?: number;
  q?: string;
}

type Campaign = typeof campaigns.$inferSelect;

/** The quarters a period (within one year) touches. */
export function quartersOf(startOn: string, endOn: string): number[] {
  const from = Math.ceil(Number(startOn.slice(5, 7)) / 3);
  const to = Math.ceil(Number(endOn.slice(5, 7)) / 3);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The status a campaign's dates call for on `today` (never back: a finished campaign stays finished). */
export function statusByDates(c: Pick<Campaign, 'status' | 'startOn' | 'endOn'>, today: string): CampaignStatus {
  if (c.status === 'finished' || c.endOn < today) return 'finished';
  if (c.status === 'running' || c.startOn <= today) return 'running';
  return 'planned';
}

/** Money as the API answers it: yuan, a number with two decimals. */
const yuan = (v: string | number | null | undefined) => Math.round(Number(v ?? 0) * 100) / 100;

/**
 * 专项执法行动 (README.md): a campaign and its lottery (an inspection plan made in the same
 * transaction, drawn by the draw engine), its status, its view (plan, draws, tasks, cases) and the
 * numbers of its report.
 */
export function makeCampaignsService(deps: CasesDeps & { cases: CasesService }) {
  const { db, audit } = deps;

  /** Visible: by the campaign's region (the pool's) in the actor's scope, or the actor's bureau participates. */
  const scopeOf = (actor: Actor): SQL | undefined => {
    const own = visibleTo(actor, { regionCode: campaigns.regionCode, orgId: campaigns.orgId });
    if (!own || actor.dataScope === 'enterprise') return own;
    return or(own, arrayContains(campaigns.participatingOrgIds, [actor.orgId]));
  };

  async function find(tx: Db, actor: Actor | null, id: string, lock = false): Promise<Campaign> {
    const query = tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, id), actor ? scopeOf(actor) : undefined));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('专项执法行动');
    return row;
  }

  function check(input: CampaignInput) {
    const name = requireText(input.name, 'name', '行动名称', 100);
    if (!PRODUCT_CATEGORIES.includes(input.productCategory)) throw invalid('productCategory', `未知的产品类别：${input.productCategory}`);
    const description = input.description?.trim() || null;
    if (description && description.length > 2000) throw invalid('description', '行动说明不能超过 2000 个字');
    const startOn = requireDate(input.startOn, 'startOn', '开始日期');
    const endOn = requireDate(input.endOn, 'endOn', '结束日期');
    if (endOn < startOn) throw invalid('endOn', '结束日期不能早于开始日期');
    if (endOn.slice(0, 4) !== startOn.slice(0, 4)) throw invalid('endOn', '专项执法行动的期限应在同一年度内（抽查计划按年度制定）；跨年度的行动请分年度设立');
    const participatingOrgIds = [...new Set(input.participatingOrgIds ?? [])];
    if (participatingOrgIds.length === 0) throw invalid('participatingOrgIds', '请选择至少一个参与的市场监管局');
    if (!Number.isInteger(input.targetCount) || input.targetCount < 1 || input.targetCount > TARGET_COUNT_MAX) throw invalid('targetCount', `抽取对象数应为 1–${TARGET_COUNT_MAX} 的整数`);
    return { name, productCategory: input.productCategory, description, startOn, endOn, participatingOrgIds, targetCount: input.targetCount };
  }

  /** The participating bureaus: active city or county bureaus of the campaign's region (one within the other). */
  async function checkBureaus(tx: Db, ids: string[], regionCode: string) {
    const rows = await tx.select({ id: orgs.id, name: orgs.name, type: orgs.type, regionCode: orgs.regionCode, active: orgs.active }).from(orgs).where(inArray(orgs.id, ids));
    for (const id of ids) {
      const org = rows.find((r) => r.id === id);
      const ok = org && org.active && (org.type === 'city_bureau' || org.type === 'county_bureau') && (regionWithin(org.regionCode, regionCode) || regionWithin(regionCode, org.regionCode));
      if (!ok) {
        throw new AppError('NOT_A_BUREAU_OF_REGION', org ? `“${org.name}”不是本次行动辖区内的市场监管局，不能参加` : '参与单位不存在', 400, { field: 'participatingOrgIds', orgId: id });
      }
    }
  }

  async function orgNames(tx: Db, ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The cases of a campaign: marked with it, or opened on a finding of one of its plan's tasks. */
  function casesOf(c: Campaign, taskIds: readonly string[]): SQL {
    const marked = eq(cases.campaignId, c.id);
    if (taskIds.length === 0) return marked;
    return or(marked, and(eq(cases.leadSource, 'inspection_finding'), inArray(cases.leadId, [...taskIds])))!;
  }

  /**
   * The campaign's numbers (the view's and the report's): tasks from the inspections module; cases
   * by stage, fines (sum of the money ordered by decided cases) and transfers to the police, in
   * total and per bureau (the participating ones, then any other a task or case belongs to).
   */
  async function figures(tx: Db, c: Campaign) {
    const tasks = await planTaskSummary(tx, c.planId);
    const where = casesOf(c, tasks.taskIds);
    const caseRows = await tx
      .select({
        id: cases.id,
        caseNo: cases.caseNo,
        stage: cases.stage,
        partyName: cases.partyName,
        uscc: cases.uscc,
        regionCode: cases.regionCode,
        orgId: cases.orgId,
        summary: cases.summary,
        openedOn: cases.openedOn,
        decidedOn: cases.decidedOn,
        penaltyText: cases.penaltyText,
        amountDue: cases.amountDue,
        transferred: cases.transferred,
      })
      .from(cases)
      .where(where)
      .orderBy(asc(cases.caseNo), asc(cases.id));
    const transferRows = caseRows.length
      ? await tx
          .select({ caseId: caseTransfers.caseId, n: count() })
          .from(caseTransfers)
          .where(inArray(caseTransfers.caseId, caseRows.map((r) => r.id)))
          .groupBy(caseTransfers.caseId)
      : [];
    const transfersOf = new Map(transferRows.map((r) => [r.caseId, Number(r.n)]));

    const blank = () => ({ tasks: 0, done: 0, withFindings: 0, violations: 0, cases: 0, opened: 0, decided: 0, fines: 0, transfers: 0 });
    const byOrg = new Map<string, ReturnType<typeof blank>>();
    const rowOf = (orgId: string) => {
      let r = byOrg.get(orgId);
      if (!r) byOrg.set(orgId, (r = blank()));
      return r;
    };
    for (const id of c.participatingOrgIds) rowOf(id);
    for (const t of tasks.byRegion) {
      const r = rowOf(t.orgId);
      r.tasks += t.total;
      r.done += t.done;
      r.withFindings += t.withFindings;
      r.violations += t.findings;
    }
    const byStage = Object.fromEntries(CASE_STAGES.map((s) => [s, 0])) as Record<CaseStage, number>;
    let fines = 0;
    let transfers = 0;
    const items = caseRows.map((k) => {
      const amount = k.decidedOn ? yuan(k.amountDue) : 0;
      const moved = transfersOf.get(k.id) ?? 0;
      byStage[k.stage] += 1;
      fines += amount;
      transfers += moved;
      const r = rowOf(k.orgId);
      r.cases += 1;
      if (k.openedOn) r.opened += 1;
      if (k.decidedOn) r.decided += 1;
      r.fines = yuan(r.fines + amount);
      r.transfers += moved;
      return { ...k, amountDue: k.amountDue === null ? null : yuan(k.amountDue), transfers: moved };
    });
    const names = await orgNames(tx, [...byOrg.keys()]);
    const participating = new Set(c.participatingOrgIds);
    const bureaus = [...byOrg.entries()]
      .map(([orgId, r]) => ({ orgId, orgName: names.get(orgId) ?? orgId, participating: participating.has(orgId), ...r }))
      .sort((a, b) => Number(b.participating) - Number(a.participating) || (a.participating ? c.participatingOrgIds.indexOf(a.orgId) - c.participatingOrgIds.indexOf(b.orgId) : a.orgName.localeCompare(b.orgName, 'zh')));
    const totals = {
      tasks: tasks.total,
      done: tasks.done,
      withFindings: tasks.withFindings,
      violations: tasks.findings,
      cases: caseRows.length,
      opened: caseRows.filter((k) => k.openedOn).length,
      decided: caseRows.filter((k) => k.decidedOn).length,
      fines: yuan(fines),
      transfers,
    };
    return { tasks, items, byStage, totals, bureaus, names };
  }

  async function view(tx: Db, actor: Actor, c: Campaign) {
    const plan = await deps.plans.find(tx, null, c.planId);
    let drawItems;
    try {
      drawItems = (await deps.draws.listForPlan(actor, c.planId)).items;
    } catch (err) {
      // A participating bureau outside the plan's region sees the campaign, not the plan: its draws through the system.
      if (!(err instanceof AppError && err.status === 404)) throw err;
      drawItems = (await deps.draws.listForPlan({ ...actor, dataScope: 'all' }, c.planId)).items;
    }
    const f = await figures(tx, c);
    const visible = caseScope(actor);
    const visibleIds = new Set(
      f.items.length ? (await tx.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, f.items.map((k) => k.id)), visible))).map((r) => r.id) : [],
    );
    const names = await orgNames(tx, [c.orgId, ...c.participatingOrgIds]);
    const { taskIds: _ids, byRegion, ...taskCounts } = f.tasks;
    return {
      ...c,
      orgName: names.get(c.orgId) ?? null,
      participatingOrgs: c.participatingOrgIds.map((id) => ({ id, name: names.get(id) ?? id })),
      plan: { id: plan.id, name: plan.name, year: plan.year, quarters: plan.quarters, mode: plan.mode, fixedCount: plan.fixedCount, inspectorsPerTask: plan.inspectorsPerTask, regionCode: plan.regionCode },
      draws: drawItems,
      tasks: { ...taskCounts, byRegion },
      cases: {
        // The counts are the campaign's; the list shows the cases the reader may open.
        items: f.items.filter((k) => visibleIds.has(k.id)).map(({ summary: _s, penaltyText: _p, ...k }) => k),
        total: f.items.length,
        byStage: f.byStage,
        fines: f.totals.fines,
        transfers: f.totals.transfers,
      },
    };
  }

  return {
    find,
    figures,

    /** Creates a campaign and its plan (`专项执法行动：<name>`, fixed count, the period's quarters) in one transaction. */
    async create(ctx: Ctx, input: CampaignInput) {
      const checked = check(input);
      return inTransaction(db, async (tx) => {
        const plan = await deps.plans.insert(tx, ctx, {
          name: `${PLAN_NAME_PREFIX}${checked.name}`,
          year: Number(checked.startOn.slice(0, 4)),
          itemId: input.itemId,
          poolId: input.poolId,
          quarters: quartersOf(checked.startOn, checked.endOn),
          mode: 'fixed',
          fixedCount: checked.targetCount,
          pastPeriodReason: input.pastPeriodReason ?? null,
        });
        await checkBureaus(tx, checked.participatingOrgIds, plan.regionCode);
        const today = todayInChina();
        const [row] = await tx
          .insert(campaigns)
          .values({
            ...checked,
            poolId: plan.poolId,
            itemId: plan.itemId,
            planId: plan.id,
            status: statusByDates({ status: 'planned', startOn: checked.startOn, endOn: checked.endOn }, today),
            regionCode: plan.regionCode,
            orgId: ctx.actor.orgId,
            createdByName: ctx.actor.name,
          })
          .returning();
        await audit.record(tx, ctx, { action: 'campaign.created', targetType: 'campaign', targetId: row!.id, after: row });
        return row!;
      }).then((row) => view(db, ctx.actor, row));
    },

    async list(actor: Actor, filter: CampaignFilter, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.status) conds.push(eq(campaigns.status, filter.status));
      if (filter.year) conds.push(sql`extract(year from ${campaigns.startOn}) = ${filter.year}`);
      if (filter.q?.trim()) conds.push(ilike(campaigns.name, `%${escapeLike(filter.q.trim())}%`));
      const where = and(...conds);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: campaigns.id,
            name: campaigns.name,
            productCategory: campaigns.productCategory,
            startOn: campaigns.startOn,
            endOn: campaigns.endOn,
            status: campaigns.status,
            regionCode: campaigns.regionCode,
            targetCount: campaigns.targetCount,
            participatingOrgIds: campaigns.participatingOrgIds,
            planId: campaigns.planId,
            createdByName: campaigns.createdByName,
            version: campaigns.version,
            createdAt: campaigns.createdAt,
          })
          .from(campaigns)
          .where(where)
          .orderBy(desc(campaigns.startOn), desc(campaigns.createdAt), desc(campaigns.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(campaigns).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    // Not in a transaction: the draws service reads on its own (PGlite has one connection).
    get: async (actor: Actor, id: string) => view(db, actor, await find(db, actor, id)),

    /** Commits the lottery of the campaign's plan (reveal: `POST /api/draws/:id/reveal`). A finished campaign draws no more. */
    async commitDraw(ctx: Ctx, id: string) {
      const c = await find(db, ctx.actor, id);
      if (c.status === 'finished') throw new AppError('CAMPAIGN_FINISHED', '该专项执法行动已结束，不能再抽取检查对象', 409);
      return deps.draws.commit(ctx, c.planId);
    },

    /** planned → running → finished by hand (never back); If-Match. */
    async setStatus(ctx: Ctx, id: string, status: CampaignStatus, expected?: ExpectedVersion) {
      if (!CAMPAIGN_STATUSES.includes(status) || status === 'planned') throw invalid('status', '只能将行动置为“进行中”或“已结束”');
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, true);
        assertVersion(expected, c.version);
        const order = CAMPAIGN_STATUSES.indexOf(status) - CAMPAIGN_STATUSES.indexOf(c.status);
        if (order <= 0) throw new AppError('INVALID_STATUS', `行动当前为“${STATUS_NAMES[c.status]}”，不能改为“${STATUS_NAMES[status]}”`, 409, { status: c.status });
        const [row] = await tx.update(campaigns).set({ status, version: nextVersion(campaigns.version), updatedAt: new Date() }).where(eq(campaigns.id, id)).returning();
        await audit.record(tx, ctx, { action: 'campaign.status_changed', targetType: 'campaign', targetId: id, before: { status: c.status }, after: { status } });
        return row!;
      }).then((row) => view(db, ctx.actor, row));
    },

    /**
     * Job `cases.campaign-status` (daily): a planned campaign whose start date has come runs, a
     * running (or planned) one whose end date has passed is finished. Returns how many moved.
     */
    async syncStatuses(today = todayInChina()) {
      return inTransaction(db, async (tx) => {
        const finished = await tx
          .update(campaigns)
          .set({ status: 'finished', version: nextVersion(campaigns.version), updatedAt: new Date() })
          .where(and(inArray(campaigns.status, ['planned', 'running']), lt(campaigns.endOn, today)))
          .returning({ id: campaigns.id });
        const started = await tx
          .update(campaigns)
          .set({ status: 'running', version: nextVersion(campaigns.version), updatedAt: new Date() })
          .where(and(eq(campaigns.status, 'planned'), lte(campaigns.startOn, today)))
          .returning({ id: campaigns.id });
        return { started: started.length, finished: finished.length };
      });
    },

    /** The report's facts: the campaign, its bureaus' names, its figures. */
    async reportFacts(actor: Actor, id: string) {
      const c = await find(db, actor, id);
      const f = await figures(db, c);
      const names = await orgNames(db, [c.orgId]);
      return { campaign: c, orgName: names.get(c.orgId) ?? '', ...f };
    },
  };
}

export type CampaignsService = ReturnType<typeof makeCampaignsService>;
