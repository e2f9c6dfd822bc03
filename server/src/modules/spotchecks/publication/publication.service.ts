import { type SQL, and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../../cases/index.js';
import { passRateOf, productYearStats } from '../catalogue/stats.js';
import type { SpotcheckDraws } from '../draws.js';
import { assertCity, isCityUser, sampleScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import { type BulletinStatus, spotcheckBulletins, spotcheckLots, spotcheckPlans, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';
import { type ResultRow, countResults, publicResult, selectResults } from './results.js';

/** Most samples one bulletin names. */
export const BULLETIN_SAMPLES_MAX = 2000;
const TITLE_MAX = 200;
const REASON_MAX = 2000;
/** Widest span of years the statistics cover at once. */
export const STATS_YEARS_MAX = 20;

export interface BulletinInput {
  title: string;
  year: number;
  quarter?: number | null;
  planId?: string | null;
  sampleIds: string[];
}
export type BulletinPatch = Partial<BulletinInput>;

export interface FinalSampleFilter {
  year?: number;
  quarter?: number;
  planId?: string;
  productCode?: string;
  unpublished?: boolean;
}
export interface PublicResultFilter {
  uscc?: string;
  productCode?: string;
  year?: number;
}

const b = spotcheckBulletins;
const s = spotcheckSamples;

/** Batches, passed, rate (null without a batch) of a set of results. */
const tally = (rows: { finalConclusion: string | null }[]) => {
  const batches = rows.length;
  const passed = rows.filter((r) => r.finalConclusion === 'pass').length;
  return { batches, passed, passRate: passRateOf({ batches, passed }) };
};

/** The per-product summary of a bulletin's results: batches, passed, failed, rate; ordered by product code. */
export function productSummary(rows: ResultRow[]) {
  const by = new Map<string, ResultRow[]>();
  for (const r of rows) by.set(r.productCode, [...(by.get(r.productCode) ?? []), r]);
  return [...by.entries()]
    .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
    .map(([productCode, rs]) => {
      const t = tally(rs);
      return { productCode, productName: rs[0]!.productName, category: rs[0]!.category, ...t, failed: t.batches - t.passed };
    });
}

/** A bulletin's sample rows in print order: product code, then sample number. */
const printOrder = (rows: ResultRow[]) => [...rows].sort((x, y) => (x.productCode < y.productCode ? -1 : x.productCode > y.productCode ? 1 : x.sampleNo < y.sampleNo ? -1 : x.sampleNo > y.sampleNo ? 1 : 0));

/**
 * Publication of spot-check results (publication/README.md): bulletins (质量公告) of final samples,
 * drafted and edited by the city's officers, published with a number and withdrawn by the section
 * head; the public results and bulletins; pass-rate statistics for the dashboard.
 */
export function makePublicationService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit, jurisdiction } = deps;

  const bulletinColumns = {
    id: b.id,
    bulletinNo: b.bulletinNo,
    title: b.title,
    year: b.year,
    quarter: b.quarter,
    planId: b.planId,
    planName: spotcheckPlans.name,
    status: b.status,
    sampleIds: b.sampleIds,
    sampleCount: sql<number>`cardinality(${b.sampleIds})`,
    passed: sql<number>`(select count(*)::int from ${s} where ${s.id} = any(${b.sampleIds}) and ${s.finalConclusion} = 'pass')`,
    publishedOn: b.publishedOn,
    withdrawnOn: b.withdrawnOn,
    withdrawnByName: b.withdrawnByName,
    withdrawnReason: b.withdrawnReason,
    createdByName: b.createdByName,
    publishedByName: b.publishedByName,
    version: b.version,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
  const selectBulletins = (tx: Db) => tx.select(bulletinColumns).from(b).leftJoin(spotcheckPlans, eq(spotcheckPlans.id, b.planId));
  type BulletinRow = Awaited<ReturnType<typeof selectBulletins>>[number];

  const bulletinView = (r: BulletinRow) => ({
    ...r,
    passRate: passRateOf({ batches: r.sampleCount, passed: r.passed }),
  });

  /** Drafts are the city's: a county's user sees published and withdrawn bulletins only. */
  const bulletinScope = (actor: Actor): SQL | undefined => (isCityUser(actor) ? undefined : ne(b.status, 'draft'));

  async function loadBulletin(tx: Db, actor: Actor | null, id: string, lock = false): Promise<BulletinRow> {
    if (lock) await tx.select({ id: b.id }).from(b).where(eq(b.id, id)).for('update');
    const [row] = await selectBulletins(tx).where(and(eq(b.id, id), actor ? bulletinScope(actor) : undefined));
    if (!row) throw notFound('质量公告');
    return row;
  }

  /** The result rows of the given samples (no scope: a bulletin is shown whole). */
  const resultsOf = async (tx: Db, ids: string[]): Promise<ResultRow[]> => (ids.length ? printOrder(await selectResults(tx).where(inArray(s.id, ids))) : []);

  /**
   * Checks a bulletin's samples: each exists (400 VALIDATION, field sampleIds, `missing`), is
   * final (409 NOT_FINAL, `sampleNos`), is in no published bulletin (409 ALREADY_PUBLISHED,
   * `sampleNos`, `bulletinNos`); no id twice (400). `lock`: the samples' rows locked (publishing).
   */
  async function checkSamples(tx: Db, actor: Actor, ids: string[], opts: { lock?: boolean; bulletinId?: string } = {}) {
    if (new Set(ids).size !== ids.length) throw invalid('sampleIds', '样品重复');
    if (ids.length > BULLETIN_SAMPLES_MAX) throw invalid('sampleIds', `一期公告最多 ${BULLETIN_SAMPLES_MAX} 个样品`);
    if (!ids.length) return [];
    const scope = await sampleScope(tx, actor);
    const query = tx
      .select({ id: s.id, sampleNo: s.sampleNo, finalConclusion: s.finalConclusion, bulletinId: s.bulletinId, bulletinNo: b.bulletinNo })
      .from(s)
      .leftJoin(b, eq(b.id, s.bulletinId))
      .where(and(inArray(s.id, ids), scope))
      .orderBy(asc(s.sampleNo));
    const rows = await (opts.lock ? query.for('update', { of: s }) : query);
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('VALIDATION', `样品不存在：${missing.length} 个`, 400, { field: 'sampleIds', missing });
    const notFinal = rows.filter((r) => r.finalConclusion === null).map((r) => r.sampleNo);
    if (notFinal.length) throw new AppError('NOT_FINAL', `样品尚无最终结论，不能公告：${notFinal.join('、')}`, 409, { sampleNos: notFinal });
    const published = rows.filter((r) => r.bulletinId !== null && r.bulletinId !== opts.bulletinId);
    if (published.length) {
      const bulletinNos = [...new Set(published.map((r) => r.bulletinNo ?? ''))];
      throw new AppError('ALREADY_PUBLISHED', `样品已在其他质量公告（${bulletinNos.join('、')}）中发布：${published.map((r) => r.sampleNo).join('、')}`, 409, { sampleNos: published.map((r) => r.sampleNo), bulletinNos });
    }
    return rows;
  }

  async function checkPlan(tx: Db, planId: string | null | undefined) {
    if (!planId) return;
    const [plan] = await tx.select({ id: spotcheckPlans.id }).from(spotcheckPlans).where(eq(spotcheckPlans.id, planId));
    if (!plan) throw invalid('planId', '抽查计划不存在');
  }

  /** A bulletin with its per-product summary and its results (sample ids for staff). */
  async function fullView(tx: Db, actor: Actor | null, id: string) {
    const row = await loadBulletin(tx, actor, id);
    const results = await resultsOf(tx, row.sampleIds);
    return { ...bulletinView(row), summary: productSummary(results), samples: results.map((r) => ({ id: r.id, lotNo: r.lotNo, year: r.year, quarter: r.quarter, ...publicResult(r) })) };
  }

  const requireTitle = (title: string) => requireText(title, 'title', '公告标题', TITLE_MAX);

  /** The city bureau's short name in document numbers (淮市监), or its full name. */
  async function cityShortName(tx: Db): Promise<{ name: string; short: string }> {
    const root = await jurisdiction.rootOrg(tx);
    return { name: root?.name ?? '', short: root?.shortName?.trim() || root?.name || '' };
  }

  return {
    /** The staff list (spotcheck.read): a county's user sees no drafts; by year and status; newest year first, then number, then creation. */
    async listBulletins(actor: Actor, filter: { year?: number; status?: BulletinStatus }, page: Page) {
      const where = and(bulletinScope(actor), filter.year ? eq(b.year, filter.year) : undefined, filter.status ? eq(b.status, filter.status) : undefined);
      const [rows, [count]] = await Promise.all([
        selectBulletins(db).where(where).orderBy(desc(b.year), desc(b.createdAt), desc(b.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(b).where(where),
      ]);
      return { items: rows.map(bulletinView), total: count?.n ?? 0 };
    },

    /** One bulletin with its results (product summary and rows). */
    getBulletin: (actor: Actor, id: string) => fullView(db, actor, id),

    /** Drafts a bulletin (spotcheck.plan, the city): title, year, quarter, plan, final samples in no published bulletin. */
    async createBulletin(ctx: Ctx, input: BulletinInput) {
      assertCity(ctx.actor, '起草质量公告');
      const title = requireTitle(input.title);
      return inTransaction(db, async (tx) => {
        await checkPlan(tx, input.planId);
        await checkSamples(tx, ctx.actor, input.sampleIds);
        const [row] = await tx
          .insert(b)
          .values({ title, year: input.year, quarter: input.quarter ?? null, planId: input.planId ?? null, sampleIds: input.sampleIds, createdByName: ctx.actor.name })
          .returning({ id: b.id });
        await audit.record(tx, ctx, { action: 'spotcheck.bulletin_created', targetType: 'spotcheck_bulletin', targetId: row!.id, after: { title, year: input.year, quarter: input.quarter ?? null, planId: input.planId ?? null, samples: input.sampleIds.length } });
        return fullView(tx, null, row!.id);
      });
    },

    /** Edits a draft (spotcheck.plan, the city; If-Match): 409 INVALID_TRANSITION once published or withdrawn. */
    async updateBulletin(ctx: Ctx, id: string, patch: BulletinPatch, expected?: ExpectedVersion) {
      assertCity(ctx.actor, '修改质量公告');
      const title = patch.title === undefined ? undefined : requireTitle(patch.title);
      return inTransaction(db, async (tx) => {
        const row = await loadBulletin(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '只有草稿状态的质量公告可以修改', 409, { status: row.status, action: 'update' });
        if (patch.planId !== undefined) await checkPlan(tx, patch.planId);
        if (patch.sampleIds !== undefined) await checkSamples(tx, ctx.actor, patch.sampleIds);
        const set = {
          ...(title !== undefined ? { title } : {}),
          ...(patch.year !== undefined ? { year: patch.year } : {}),
          ...(patch.quarter !== undefined ? { quarter: patch.quarter } : {}),
          ...(patch.planId !== undefined ? { planId: patch.planId } : {}),
          ...(patch.sampleIds !== undefined ? { sampleIds: patch.sampleIds } : {}),
        };
        await tx.update(b).set({ ...set, version: nextVersion(b.version), updatedAt: new Date() }).where(eq(b.id, id));
        const before = { title: row.title, year: row.year, quarter: row.quarter, planId: row.planId, samples: row.sampleIds.length };
        await audit.record(tx, ctx, { action: 'spotcheck.bulletin_updated', targetType: 'spotcheck_bulletin', targetId: id, before, after: { ...set, ...(set.sampleIds ? { sampleIds: undefined, samples: set.sampleIds.length } : {}) } });
        return fullView(tx, null, id);
      });
    },

    /**
     * Publishes a draft (spotcheck.approve, the city; If-Match): at least one sample, all final and
     * in no other published bulletin (checked again, the samples locked); number
     * `<city short name>抽公〔<year published>〕n号`; publishedOn today; the samples' bulletinId set.
     */
    async publish(ctx: Ctx, id: string, expected?: ExpectedVersion, today = todayInChina()) {
      assertCity(ctx.actor, '发布质量公告');
      return inTransaction(db, async (tx) => {
        const row = await loadBulletin(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', '只有草稿状态的质量公告可以发布', 409, { status: row.status, action: 'publish' });
        if (!row.sampleIds.length) throw new AppError('BULLETIN_EMPTY', '质量公告没有样品，不能发布', 409);
        await checkSamples(tx, ctx.actor, row.sampleIds, { lock: true });
        const { short } = await cityShortName(tx);
        const bulletinNo = await nextDocumentNo(tx, b.bulletinNo, `${short}抽公〔${today.slice(0, 4)}〕`);
        await tx.update(b).set({ status: 'published', bulletinNo, publishedOn: today, publishedByName: ctx.actor.name, version: nextVersion(b.version), updatedAt: new Date() }).where(eq(b.id, id));
        await tx.update(s).set({ bulletinId: id, version: nextVersion(s.version), updatedAt: new Date() }).where(inArray(s.id, row.sampleIds));
        await audit.record(tx, ctx, { action: 'spotcheck.bulletin_published', targetType: 'spotcheck_bulletin', targetId: id, before: { status: row.status }, after: { status: 'published', bulletinNo, publishedOn: today, sampleIds: row.sampleIds } });
        return fullView(tx, null, id);
      });
    },

    /** Withdraws a published bulletin (spotcheck.approve, the city; If-Match): reason required; its samples freed; gone from the public site. */
    async withdraw(ctx: Ctx, id: string, input: { reason: string }, expected?: ExpectedVersion) {
      assertCity(ctx.actor, '撤回质量公告');
      const reason = requireText(input.reason, 'reason', '撤回理由', REASON_MAX);
      return inTransaction(db, async (tx) => {
        const row = await loadBulletin(tx, ctx.actor, id, true);
        assertVersion(expected, row.version);
        if (row.status !== 'published') throw new AppError('INVALID_TRANSITION', '只有已发布的质量公告可以撤回', 409, { status: row.status, action: 'withdraw' });
        await tx.update(b).set({ status: 'withdrawn', withdrawnOn: todayInChina(), withdrawnByName: ctx.actor.name, withdrawnReason: reason, version: nextVersion(b.version), updatedAt: new Date() }).where(eq(b.id, id));
        await tx.update(s).set({ bulletinId: null, version: nextVersion(s.version), updatedAt: new Date() }).where(eq(s.bulletinId, id));
        await audit.record(tx, ctx, { action: 'spotcheck.bulletin_withdrawn', targetType: 'spotcheck_bulletin', targetId: id, before: { status: row.status, bulletinNo: row.bulletinNo }, after: { status: 'withdrawn', reason } });
        return fullView(tx, null, id);
      });
    },

    /** What a bulletin's documents print: the bulletin, the city, its results in print order, the per-product summary. */
    async documentFacts(actor: Actor, id: string) {
      const row = await loadBulletin(db, actor, id);
      const results = await resultsOf(db, row.sampleIds);
      const city = await cityShortName(db);
      return { bulletin: bulletinView(row), cityName: city.name, results, summary: productSummary(results) };
    },

    /** Candidates for a bulletin (spotcheck.read, samples in scope): final samples by their lot's year, quarter, plan; `unpublished` in no published bulletin. Sample number order. */
    async finalSamples(actor: Actor, filter: FinalSampleFilter, page: Page) {
      const where = and(
        await sampleScope(db, actor),
        isNotNull(s.finalConclusion),
        filter.year ? eq(spotcheckLots.year, filter.year) : undefined,
        filter.quarter ? eq(spotcheckLots.quarter, filter.quarter) : undefined,
        filter.planId ? eq(spotcheckLots.planId, filter.planId) : undefined,
        filter.productCode ? eq(spotcheckProducts.code, filter.productCode.trim().toUpperCase()) : undefined,
        filter.unpublished === true ? isNull(s.bulletinId) : filter.unpublished === false ? isNotNull(s.bulletinId) : undefined,
      );
      const [rows, [count]] = await Promise.all([selectResults(db).where(where).orderBy(asc(s.sampleNo), asc(s.id)).limit(page.pageSize).offset(offsetOf(page)), countResults(db, where)]);
      return {
        items: rows.map((r) => {
          const { bulletinNo: _no, publishedOn: _on, followup: _f, ...result } = publicResult(r);
          return { id: r.id, ...result, lotNo: r.lotNo, planId: r.planId, year: r.year, quarter: r.quarter, bulletinId: r.bulletinId, bulletinNo: r.bulletinNo };
        }),
        total: count?.n ?? 0,
      };
    },

    /**
     * The public results (no login): only samples in a published bulletin; by USCC, product code and
     * the year of the spot check (the lot's); newest publication first, then sample number.
     */
    async publicResults(filter: PublicResultFilter, page: Page) {
      const where = and(
        eq(b.status, 'published'),
        isNotNull(s.finalConclusion),
        filter.uscc ? eq(s.uscc, filter.uscc.trim().toUpperCase()) : undefined,
        filter.productCode ? eq(spotcheckProducts.code, filter.productCode.trim().toUpperCase()) : undefined,
        filter.year ? eq(spotcheckLots.year, filter.year) : undefined,
      );
      const [rows, [count]] = await Promise.all([
        selectResults(db).where(where).orderBy(desc(b.publishedOn), asc(s.sampleNo), asc(s.id)).limit(page.pageSize).offset(offsetOf(page)),
        countResults(db, where),
      ]);
      return { items: rows.map(publicResult), total: count?.n ?? 0 };
    },

    /** The public list of published bulletins (withdrawn ones are gone), newest first. */
    async publicBulletins(filter: { year?: number }, page: Page) {
      const where = and(eq(b.status, 'published'), filter.year ? eq(b.year, filter.year) : undefined);
      const [rows, [count]] = await Promise.all([
        selectBulletins(db).where(where).orderBy(desc(b.publishedOn), desc(b.bulletinNo), desc(b.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(b).where(where),
      ]);
      return { items: rows.map(publicBulletin), total: count?.n ?? 0 };
    },

    /** One published bulletin with its results (404 for a draft or a withdrawn one). */
    async publicBulletin(id: string) {
      const [row] = await selectBulletins(db).where(and(eq(b.id, id), eq(b.status, 'published')));
      if (!row) throw notFound('质量公告');
      const results = await resultsOf(db, row.sampleIds);
      return { ...publicBulletin(row), summary: productSummary(results).map(({ category: _c, ...p }) => p), items: results.map(publicResult) };
    },

    /**
     * Pass rates (spotcheck.read) by year, product × year, category × year and county × year over
     * [fromYear, toYear], from final samples (the lot's year) in the actor's scope, plus
     * `spotcheck_history` for a user who sees every county (history has no region: it counts in
     * years, products and categories, never in counties). Every year of the range is listed for
     * each product, category and county with data; a year without a batch has passRate null.
     */
    async stats(actor: Actor, opts: { fromYear?: number; toYear?: number }, today = todayInChina()) {
      const toYear = opts.toYear ?? Number(today.slice(0, 4));
      const fromYear = opts.fromYear ?? toYear - 4;
      if (fromYear > toYear) throw invalid('fromYear', '起始年份不能晚于截止年份');
      if (toYear - fromYear + 1 > STATS_YEARS_MAX) throw invalid('fromYear', `统计年份跨度不能超过 ${STATS_YEARS_MAX} 年`);
      const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
      const scope = await sampleScope(db, actor);
      const includesHistory = scope === undefined;

      // Product × year: the catalogue's productYearStats when no scope applies, else the samples in scope alone.
      let perProduct: { productId: string; year: number; batches: number; passed: number }[];
      if (includesHistory) perProduct = await productYearStats(db, { years });
      else {
        perProduct = await db
          .select({ productId: s.productId, year: spotcheckLots.year, batches: sql<number>`count(*)::int`, passed: sql<number>`(count(*) filter (where ${s.finalConclusion} = 'pass'))::int` })
          .from(s)
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, s.lotId))
          .where(and(scope, isNotNull(s.finalConclusion), inArray(spotcheckLots.year, years)))
          .groupBy(s.productId, spotcheckLots.year);
      }
      const productIds = [...new Set(perProduct.map((p) => p.productId))];
      const products = productIds.length
        ? await db.select({ id: spotcheckProducts.id, code: spotcheckProducts.code, name: spotcheckProducts.name, category: spotcheckProducts.category }).from(spotcheckProducts).where(inArray(spotcheckProducts.id, productIds))
        : [];
      const productById = new Map(products.map((p) => [p.id, p]));

      const perRegion = await db
        .select({ regionCode: sql<string>`left(${s.regionCode}, 6)`, year: spotcheckLots.year, batches: sql<number>`count(*)::int`, passed: sql<number>`(count(*) filter (where ${s.finalConclusion} = 'pass'))::int` })
        .from(s)
        .innerJoin(spotcheckLots, eq(spotcheckLots.id, s.lotId))
        .where(and(scope, isNotNull(s.finalConclusion), inArray(spotcheckLots.year, years)))
        .groupBy(sql`left(${s.regionCode}, 6)`, spotcheckLots.year);
      const regionCodes = [...new Set(perRegion.map((r) => r.regionCode))];
      const regionNames = new Map(
        (regionCodes.length ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes)) : []).map((r) => [r.code, r.name]),
      );

      /** Every year of the range for each key, summed; rate null without a batch. */
      function grid<K extends string>(rows: { key: K; year: number; batches: number; passed: number }[], keyOrder: (a: K, c: K) => number) {
        const sums = new Map<string, { batches: number; passed: number }>();
        for (const r of rows) {
          const k = `${r.key}|${r.year}`;
          const acc = sums.get(k) ?? { batches: 0, passed: 0 };
          acc.batches += r.batches;
          acc.passed += r.passed;
          sums.set(k, acc);
        }
        const keys = [...new Set(rows.map((r) => r.key))].sort(keyOrder);
        return keys.flatMap((key) =>
          years.map((year) => {
            const t = sums.get(`${key}|${year}`) ?? { batches: 0, passed: 0 };
            return { key, year, batches: t.batches, passed: t.passed, passRate: passRateOf(t) };
          }),
        );
      }
      const byCode = (a: string, c: string) => (a < c ? -1 : a > c ? 1 : 0);
      const known = perProduct.filter((p) => productById.has(p.productId));

      const byYear = grid(
        known.map((p) => ({ key: 'all', year: p.year, batches: p.batches, passed: p.passed })),
        byCode,
      ).map(({ key: _k, ...r }) => r);
      const yearsOnly = years.map((year) => byYear.find((r) => r.year === year) ?? { year, batches: 0, passed: 0, passRate: null });
      const byProduct = grid(
        known.map((p) => ({ key: productById.get(p.productId)!.code, year: p.year, batches: p.batches, passed: p.passed })),
        byCode,
      ).map(({ key, ...r }) => {
        const p = products.find((x) => x.code === key)!;
        return { productCode: key, productName: p.name, category: p.category, ...r };
      });
      const categoryIndex = (c: ProductCategory) => PRODUCT_CATEGORIES.indexOf(c);
      const byCategory = grid(
        known.map((p) => ({ key: productById.get(p.productId)!.category, year: p.year, batches: p.batches, passed: p.passed })),
        (a, c) => categoryIndex(a) - categoryIndex(c),
      ).map(({ key, ...r }) => ({ category: key, ...r }));
      const byRegion = grid(
        perRegion.map((r) => ({ key: r.regionCode, year: r.year, batches: r.batches, passed: r.passed })),
        byCode,
      ).map(({ key, ...r }) => ({ regionCode: key, regionName: regionNames.get(key) ?? '', ...r }));

      return { fromYear, toYear, includesHistory, byYear: yearsOnly, byProduct, byCategory, byRegion };
    },
  };
}

/** A bulletin as the public sees it: no drafting officer, no sample ids. */
function publicBulletin(r: { id: string; bulletinNo: string | null; title: string; year: number; quarter: number | null; publishedOn: string | null; sampleCount: number; passed: number }) {
  return {
    id: r.id,
    bulletinNo: r.bulletinNo ?? '',
    title: r.title,
    year: r.year,
    quarter: r.quarter,
    publishedOn: r.publishedOn ?? '',
    batches: r.sampleCount,
    passed: r.passed,
    passRate: passRateOf({ batches: r.sampleCount, passed: r.passed }),
  };
}

export type PublicationService = ReturnType<typeof makePublicationService>;
export type BulletinView = Awaited<ReturnType<PublicationService['getBulletin']>>;
export type DocumentFacts = Awaited<ReturnType<PublicationService['documentFacts']>>;
