import { type SQL, and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import { type ProductCategory, caseRef } from '../../cases/index.js';
import { complaintRef } from '../../complaints/index.js';
import { enterprises } from '../../enterprises/index.js';
import type { SpotcheckDraws } from '../draws.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import { type ProductLinkKind, type TestItem, spotcheckHistory, spotcheckLots, spotcheckProducers, spotcheckProductLinks, spotcheckProducts, spotcheckSuggestions } from '../spotchecks.schema.js';
import { assertCatalogueWriter, makeProducers } from './producers.js';
import { checkBatchCost, checkCategory, checkCode, checkFailingItems, checkImpact, checkName, checkNote, checkSamplingRule, checkStandards, checkTestItems } from './product-fields.js';
import { passRateOf, productYearStats } from './stats.js';

export interface ProductInput {
  code: string;
  name: string;
  category: ProductCategory;
  impact: number;
  batchCost: number;
  testItems: TestItem[];
  standards?: string[];
  sampleSize?: number | null;
  sampleUnit?: string | null;
  inspectionLevel?: string | null;
  aql?: string | number | null;
  note?: string | null;
}

/** What PATCH may change: everything but the code (institutions' CMA scopes and plans name products by code). */
export type ProductPatch = Partial<Omit<ProductInput, 'code'>> & { active?: boolean };

export interface ProductFilter {
  q?: string;
  category?: ProductCategory;
  active?: boolean;
}

export interface HistoryInput {
  batches: number;
  passed: number;
  failingItems: string[];
  note?: string | null;
}

/** The first year history may be entered for. */
export const HISTORY_FIRST_YEAR = 2000;

type Product = typeof spotcheckProducts.$inferSelect;

/** How many producers a product has (in the whole city: the pool its lots draw from). */
const producerCount = sql<number>`(select count(*)::int from ${spotcheckProducers} where ${spotcheckProducers.productId} = ${spotcheckProducts.id})`;

/**
 * 产品目录 (README.md): products with their implementing rules, impact and per-batch cost; their
 * producers (producers.ts); the history entered for the years before the system; links to
 * complaints and cases; each product's history view; an enterprise's products.
 */
export function makeCatalogueService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit } = deps;
  const producers = makeProducers(deps);

  async function find(tx: Db, id: string, lock = false): Promise<Product> {
    const query = tx.select().from(spotcheckProducts).where(eq(spotcheckProducts.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('产品');
    return row;
  }

  /** The years with data or lots of these products (the years `productYearStats` is asked about). */
  async function yearsOf(tx: Db, ids: string[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await tx
      .selectDistinct({ year: spotcheckHistory.year })
      .from(spotcheckHistory)
      .where(inArray(spotcheckHistory.productId, ids))
      .union(tx.selectDistinct({ year: spotcheckLots.year }).from(spotcheckLots).where(inArray(spotcheckLots.productId, ids)));
    return rows.map((r) => r.year);
  }

  /** Each product's last year with at least one batch, and its pass rate then (products without any are absent). */
  async function lastPassRates(tx: Db, ids: string[]): Promise<Map<string, { year: number; rate: number }>> {
    const stats = await productYearStats(tx, { productIds: ids, years: await yearsOf(tx, ids) });
    const last = new Map<string, { year: number; rate: number }>();
    for (const s of stats) {
      const rate = passRateOf(s);
      if (rate === null) continue;
      const seen = last.get(s.productId);
      if (!seen || s.year > seen.year) last.set(s.productId, { year: s.year, rate });
    }
    return last;
  }

  async function view(tx: Db, p: Product) {
    const [n] = await tx.select({ n: count() }).from(spotcheckProducers).where(eq(spotcheckProducers.productId, p.id));
    const last = await lastPassRates(tx, [p.id]);
    return { ...p, producerCount: Number(n?.n ?? 0), lastPassRate: last.get(p.id) ?? null };
  }

  /** A unique code: a clash answers 409 PRODUCT_CODE_TAKEN (checked first; the unique index settles a race). */
  async function codeFree<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (pgErrorOf(err)?.code === '23505') throw codeTaken();
      throw err;
    }
  }
  const codeTaken = () => new AppError('PRODUCT_CODE_TAKEN', '产品编号已被使用', 409, { field: 'code' });

  return {
    find,
    ...producers,

    async list(actor: Actor, filter: ProductFilter, page: Page) {
      void actor; // every staff member reads the catalogue (README § Data scope)
      const q = filter.q?.trim();
      const conds: (SQL | undefined)[] = [
        q ? or(ilike(spotcheckProducts.code, `%${escapeLike(q)}%`), ilike(spotcheckProducts.name, `%${escapeLike(q)}%`)) : undefined,
        filter.category ? eq(spotcheckProducts.category, filter.category) : undefined,
        filter.active === undefined ? undefined : eq(spotcheckProducts.active, filter.active),
      ];
      const where = and(...conds);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: spotcheckProducts.id,
            code: spotcheckProducts.code,
            name: spotcheckProducts.name,
            category: spotcheckProducts.category,
            impact: spotcheckProducts.impact,
            batchCost: spotcheckProducts.batchCost,
            sampleSize: spotcheckProducts.sampleSize,
            sampleUnit: spotcheckProducts.sampleUnit,
            inspectionLevel: spotcheckProducts.inspectionLevel,
            aql: spotcheckProducts.aql,
            active: spotcheckProducts.active,
            producerCount,
            version: spotcheckProducts.version,
          })
          .from(spotcheckProducts)
          .where(where)
          .orderBy(asc(spotcheckProducts.code), asc(spotcheckProducts.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(spotcheckProducts).where(where),
      ]);
      const last = await lastPassRates(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => ({ ...r, lastPassRate: last.get(r.id) ?? null })), total: Number(total?.n ?? 0) };
    },

    async get(actor: Actor, id: string) {
      void actor;
      return view(db, await find(db, id));
    },

    async create(ctx: Ctx, input: ProductInput) {
      assertCatalogueWriter(ctx.actor);
      const values = {
        code: checkCode(input.code),
        name: checkName(input.name),
        category: checkCategory(input.category),
        impact: checkImpact(input.impact),
        batchCost: checkBatchCost(input.batchCost),
        testItems: checkTestItems(input.testItems),
        standards: checkStandards(input.standards),
        ...checkSamplingRule(input),
        note: checkNote(input.note),
      };
      return codeFree(() =>
        inTransaction(db, async (tx) => {
          const [taken] = await tx.select({ id: spotcheckProducts.id }).from(spotcheckProducts).where(eq(spotcheckProducts.code, values.code));
          if (taken) throw codeTaken();
          const [row] = await tx.insert(spotcheckProducts).values(values).returning();
          await audit.record(tx, ctx, { action: 'spotcheck.product_created', targetType: 'spotcheck_product', targetId: row!.id, after: values });
          return view(tx, row!);
        }),
      );
    },

    /** Changes a product (If-Match required: 428 without it, 412 when stale); the sampling rule is checked as it will stand. */
    async update(ctx: Ctx, id: string, patch: ProductPatch, expected: ExpectedVersion) {
      assertCatalogueWriter(ctx.actor);
      if (expected === undefined) throw new AppError('PRECONDITION_REQUIRED', '修改产品须带上所修改的版本（If-Match）', 428);
      return inTransaction(db, async (tx) => {
        const p = await find(tx, id, true);
        assertVersion(expected, p.version);
        const set: Partial<Product> = {};
        if (patch.name !== undefined) set.name = checkName(patch.name);
        if (patch.category !== undefined) set.category = checkCategory(patch.category);
        if (patch.impact !== undefined) set.impact = checkImpact(patch.impact);
        if (patch.batchCost !== undefined) set.batchCost = checkBatchCost(patch.batchCost);
        if (patch.testItems !== undefined) set.testItems = checkTestItems(patch.testItems);
        if (patch.standards !== undefined) set.standards = checkStandards(patch.standards);
        if (patch.note !== undefined) set.note = checkNote(patch.note);
        if (patch.active !== undefined) set.active = patch.active;
        const samplingKeys = ['sampleSize', 'sampleUnit', 'inspectionLevel', 'aql'] as const;
        if (samplingKeys.some((k) => patch[k] !== undefined)) {
          const merged = Object.fromEntries(samplingKeys.map((k) => [k, patch[k] !== undefined ? patch[k] : p[k]]));
          Object.assign(set, checkSamplingRule(merged));
        }
        const [row] = await tx
          .update(spotcheckProducts)
          .set({ ...set, version: nextVersion(spotcheckProducts.version), updatedAt: new Date() })
          .where(eq(spotcheckProducts.id, id))
          .returning();
        const before = Object.fromEntries(Object.keys(set).map((k) => [k, p[k as keyof Product]]));
        await audit.record(tx, ctx, { action: 'spotcheck.product_updated', targetType: 'spotcheck_product', targetId: id, before: { ...before, version: p.version }, after: set });
        return view(tx, row!);
      });
    },

    /**
     * A product's history: per year (newest first) the batches, passed, pass rate (null without a
     * batch), failing items and source — the years of its entered history and of its lots —, the
     * complaints and cases linked to it, and the county suggestions it received.
     */
    async history(actor: Actor, id: string) {
      void actor;
      await find(db, id);
      const years = (await yearsOf(db, [id])).sort((a, b) => b - a);
      const stats = new Map((await productYearStats(db, { productIds: [id], years })).map((s) => [s.year, s]));
      const yearRows = years.map((year) => {
        const s = stats.get(year);
        return s
          ? { year, batches: s.batches, passed: s.passed, passRate: passRateOf(s), failingItems: s.failingItems, source: s.source }
          : { year, batches: 0, passed: 0, passRate: null, failingItems: [], source: 'system' as const };
      });
      const links = await db
        .select({ id: spotcheckProductLinks.id, kind: spotcheckProductLinks.kind, refId: spotcheckProductLinks.refId, refNo: spotcheckProductLinks.refNo, refOn: spotcheckProductLinks.refOn, linkedByName: spotcheckProductLinks.linkedByName, createdAt: spotcheckProductLinks.createdAt })
        .from(spotcheckProductLinks)
        .where(eq(spotcheckProductLinks.productId, id))
        .orderBy(desc(spotcheckProductLinks.refOn), desc(spotcheckProductLinks.createdAt), desc(spotcheckProductLinks.id));
      const suggestions = await db
        .select({
          id: spotcheckSuggestions.id,
          year: spotcheckSuggestions.year,
          orgName: orgs.name,
          reason: spotcheckSuggestions.reason,
          enterpriseName: enterprises.name,
          createdByName: spotcheckSuggestions.createdByName,
          createdAt: spotcheckSuggestions.createdAt,
        })
        .from(spotcheckSuggestions)
        .innerJoin(orgs, eq(orgs.id, spotcheckSuggestions.orgId))
        .leftJoin(enterprises, eq(enterprises.id, spotcheckSuggestions.enterpriseId))
        .where(eq(spotcheckSuggestions.productId, id))
        .orderBy(desc(spotcheckSuggestions.year), desc(spotcheckSuggestions.createdAt), desc(spotcheckSuggestions.id));
      const linkView = ({ kind: _k, ...l }: (typeof links)[number]) => l;
      return {
        years: yearRows,
        complaints: links.filter((l) => l.kind === 'complaint').map(linkView),
        cases: links.filter((l) => l.kind === 'case').map(linkView),
        suggestions,
      };
    },

    /** Enters (or replaces) a year's results from before the system: only years before the current one. */
    async saveHistory(ctx: Ctx, id: string, year: number, input: HistoryInput) {
      assertCatalogueWriter(ctx.actor);
      const thisYear = Number(todayInChina().slice(0, 4));
      if (!Number.isInteger(year) || year < HISTORY_FIRST_YEAR || year >= thisYear) throw invalid('year', `只能录入 ${HISTORY_FIRST_YEAR}–${thisYear - 1} 年（今年以前）的抽查结果`, 'HISTORY_YEAR');
      const { batches, passed } = input;
      if (!Number.isInteger(batches) || batches < 0 || batches > 100_000) throw invalid('batches', '抽查批次数应为 0–100000 的整数');
      if (!Number.isInteger(passed) || passed < 0 || passed > batches) throw invalid('passed', '合格批次数应为不大于抽查批次数的非负整数');
      const failingItems = checkFailingItems(input.failingItems);
      if (passed === batches && failingItems.length > 0) throw invalid('failingItems', '没有不合格批次时不应填写不合格项目');
      const note = checkNote(input.note);
      return inTransaction(db, async (tx) => {
        await find(tx, id, true);
        const [before] = await tx
          .select()
          .from(spotcheckHistory)
          .where(and(eq(spotcheckHistory.productId, id), eq(spotcheckHistory.year, year)));
        const values = { batches, passed, failingItems, note, enteredByName: ctx.actor.name };
        const [row] = await tx
          .insert(spotcheckHistory)
          .values({ productId: id, year, ...values })
          .onConflictDoUpdate({ target: [spotcheckHistory.productId, spotcheckHistory.year], set: values })
          .returning();
        await audit.record(tx, ctx, { action: 'spotcheck.history_saved', targetType: 'spotcheck_product', targetId: id, before: before ?? null, after: { year, ...values } });
        return row!;
      });
    },

    async deleteHistory(ctx: Ctx, id: string, year: number) {
      assertCatalogueWriter(ctx.actor);
      await inTransaction(db, async (tx) => {
        await find(tx, id, true);
        const [row] = await tx
          .delete(spotcheckHistory)
          .where(and(eq(spotcheckHistory.productId, id), eq(spotcheckHistory.year, year)))
          .returning();
        if (!row) throw notFound('该年度的历史抽查结果');
        await audit.record(tx, ctx, { action: 'spotcheck.history_deleted', targetType: 'spotcheck_product', targetId: id, before: row });
      });
    },

    /**
     * Links a complaint (投诉 or 举报; not an enquiry or a suggestion) or a case to the product,
     * read through its module in the actor's scope (400 LINK_TARGET_NOT_FOUND otherwise); once per
     * record (409 ALREADY_LINKED).
     */
    async addLink(ctx: Ctx, id: string, input: { kind: ProductLinkKind; refId: string }) {
      assertCatalogueWriter(ctx.actor);
      return inTransaction(db, async (tx) => {
        await find(tx, id, true);
        let ref: { refNo: string; refOn: string };
        if (input.kind === 'complaint') {
          const c = await complaintRef(tx, ctx.actor, input.refId);
          if (!c) throw invalid('refId', '投诉举报不存在或不在您的辖区', 'LINK_TARGET_NOT_FOUND');
          if (c.kind !== 'complaint' && c.kind !== 'report') throw invalid('refId', '只能关联投诉或举报（咨询、建议不能关联）', 'LINK_NOT_ELIGIBLE');
          ref = { refNo: c.trackingNo, refOn: c.receivedOn };
        } else if (input.kind === 'case') {
          const c = await caseRef(tx, ctx.actor, input.refId);
          if (!c) throw invalid('refId', '案件不存在或不在您的辖区', 'LINK_TARGET_NOT_FOUND');
          ref = { refNo: c.caseNo, refOn: c.foundOn };
        } else {
          throw invalid('kind', '关联类型应为 complaint 或 case');
        }
        const [row] = await tx
          .insert(spotcheckProductLinks)
          .values({ productId: id, kind: input.kind, refId: input.refId, ...ref, linkedByName: ctx.actor.name })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError('ALREADY_LINKED', `${ref.refNo} 已关联到该产品`, 409, { field: 'refId' });
        await audit.record(tx, ctx, { action: 'spotcheck.product_linked', targetType: 'spotcheck_product', targetId: id, after: { linkId: row.id, kind: row.kind, refId: row.refId, refNo: row.refNo } });
        return row;
      });
    },

    async removeLink(ctx: Ctx, id: string, linkId: string) {
      assertCatalogueWriter(ctx.actor);
      await inTransaction(db, async (tx) => {
        await find(tx, id, true);
        const [row] = await tx
          .delete(spotcheckProductLinks)
          .where(and(eq(spotcheckProductLinks.id, linkId), eq(spotcheckProductLinks.productId, id)))
          .returning();
        if (!row) throw notFound('关联记录');
        await audit.record(tx, ctx, { action: 'spotcheck.product_unlinked', targetType: 'spotcheck_product', targetId: id, before: { linkId, kind: row.kind, refId: row.refId, refNo: row.refNo } });
      });
    },
  };
}

export type CatalogueService = ReturnType<typeof makeCatalogueService>;
