import { type SQL, and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { USERNAME_RE, normalizeUsername } from '../../../platform/users/users.service.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { SpotcheckDraws } from '../draws.js';
import { assertCity, institutionOf, isInstitutionAccount, lotScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type ApplicationStatus,
  type Reason,
  type ScoreWeights,
  spotcheckApplications,
  spotcheckDraws,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckPlans,
  spotcheckProducts,
  spotcheckSamples,
} from '../spotchecks.schema.js';
import { type Applicant, type ScoredApplicant, choiceReasons, effectiveWeights, scoreApplicants, topTied } from './scoring.js';

/** The region of every institution's org, inside the city or not: the city's (README.md § Accounts). */
export const INSTITUTION_ORG_REGION = '320800';

export interface InstitutionInput {
  name: string;
  uscc?: string | null;
  local: boolean;
  cmaNo: string;
  cmaScope: string[];
  cmaValidUntil: string;
  capacity: number;
  price: number;
  contact?: string | null;
  active?: boolean;
}

export interface InstitutionFilter {
  q?: string;
  local?: boolean;
  active?: boolean;
}

export interface ApplicationInput {
  price: number;
  capacity: number;
  note?: string | null;
}

type Institution = typeof spotcheckInstitutions.$inferSelect;
type Lot = typeof spotcheckLots.$inferSelect;

/** A lot's stored selection (the schema's, with the scores' extra fields, the plan's weights and whether the locality weight was changed). */
export type Selection = Omit<NonNullable<Lot['selection']>, 'scores'> & { scores: ScoredApplicant[]; localityOverridden?: boolean; baseWeights?: ScoreWeights };

/** An institution's record: results in or overdue, on time, the rate (null without any), objections upheld against it. */
export interface InstitutionRecord {
  /** Samples counted: those with a result, and those whose result is overdue. */
  samples: number;
  /** Samples with a result. */
  tested: number;
  /** Results reported within `resultDays` of the sampling day. */
  onTime: number;
  onTimeRate: number | null;
  /** Objections upheld against it (its conclusion reversed by a retest), ever. */
  objectionsUpheld: number;
  /** Those of the last 3 years (by the retest's day): what the choice's record part counts. */
  objectionsUpheldRecent: number;
}

const EMPTY_RECORD: InstitutionRecord = { samples: 0, tested: 0, onTime: 0, onTimeRate: null, objectionsUpheld: 0, objectionsUpheldRecent: 0 };

const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const CODE_RE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/** A unique-index violation (PostgreSQL 23505). */
const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505');

/**
 * 承检机构 and 承检申请 (README.md): institutions with their qualification, record and accounts;
 * institutions' applications for lots; the competitive choice of a lot's institution, with a
 * verifiable draw between equal totals. Every change is audited in its transaction.
 */
export function makeInstitutionsService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit, draws, rules } = deps;

  // ---- records -------------------------------------------------------------------------------

  /** The records of the given institutions (one query each for samples and objections). */
  async function recordsOf(tx: Db, ids: readonly string[], today = todayInChina()): Promise<Map<string, InstitutionRecord>> {
    const out = new Map<string, InstitutionRecord>();
    if (!ids.length) return out;
    const s = spotcheckSamples;
    const sampledOn = sql`coalesce((${s.record}->>'sampledOn')::date, (${s.sampledAt} at time zone 'Asia/Shanghai')::date)`;
    const dueOn = sql`(${sampledOn} + ${rules.resultDays}::int)`;
    const sampleRows = await tx
      .select({
        id: s.institutionId,
        tested: sql<number>`count(*) filter (where ${s.reportedOn} is not null)`.mapWith(Number),
        onTime: sql<number>`count(*) filter (where ${s.reportedOn} is not null and ${sampledOn} is not null and ${s.reportedOn} <= ${dueOn})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${s.reportedOn} is null and ${sampledOn} is not null and ${dueOn} < ${today}::date)`.mapWith(Number),
      })
      .from(s)
      .where(inArray(s.institutionId, [...ids]))
      .groupBy(s.institutionId);
    const since = addDays(today, -3 * 365 - 1);
    const objectionRows = await tx
      .select({
        id: s.institutionId,
        upheld: sql<number>`count(*)`.mapWith(Number),
        recent: sql<number>`count(*) filter (where ${spotcheckObjections.retestedOn} >= ${since}::date)`.mapWith(Number),
      })
      .from(spotcheckObjections)
      .innerJoin(s, eq(s.id, spotcheckObjections.sampleId))
      .where(and(eq(spotcheckObjections.upheld, true), inArray(s.institutionId, [...ids])))
      .groupBy(s.institutionId);
    for (const id of ids) out.set(id, { ...EMPTY_RECORD });
    for (const r of sampleRows) {
      const samples = r.tested + r.overdue;
      Object.assign(out.get(r.id)!, { samples, tested: r.tested, onTime: r.onTime, onTimeRate: samples ? Math.round((r.onTime / samples) * 10_000) / 10_000 : null });
    }
    for (const r of objectionRows) Object.assign(out.get(r.id)!, { objectionsUpheld: r.upheld, objectionsUpheldRecent: r.recent });
    return out;
  }

  // Qualified by hand: drizzle writes a one-table select's columns unqualified, which the subquery would read as its own.
  const accountCount = sql<number>`(select count(*)::int from ${users} u where u.org_id = "spotcheck_institutions"."org_id")`.mapWith(Number);

  async function views(tx: Db, rows: (Institution & { accountCount: number })[]) {
    const records = await recordsOf(tx, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, record: records.get(r.id) ?? { ...EMPTY_RECORD } }));
  }

  async function findInstitution(tx: Db, id: string, lock = false): Promise<Institution> {
    const q = tx.select().from(spotcheckInstitutions).where(eq(spotcheckInstitutions.id, id));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('承检机构');
    return row;
  }

  async function viewOf(tx: Db, id: string) {
    const [row] = await tx.select({ ...getColumns(), accountCount }).from(spotcheckInstitutions).where(eq(spotcheckInstitutions.id, id));
    if (!row) throw notFound('承检机构');
    return (await views(tx, [row]))[0]!;
  }

  function checkInput(input: InstitutionInput) {
    const name = requireText(input.name, 'name', '机构名称', 100);
    const uscc = input.uscc?.trim().toUpperCase() || null;
    if (uscc && !USCC_RE.test(uscc)) throw invalid('uscc', '统一社会信用代码应为 18 位数字或大写字母');
    const cmaNo = requireText(input.cmaNo, 'cmaNo', 'CMA 证书编号', 60);
    const cmaScope = [...new Set(input.cmaScope.map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();
    const bad = cmaScope.find((c) => !CODE_RE.test(c));
    if (bad) throw invalid('cmaScope', `产品代码“${bad}”格式不正确`);
    const cmaValidUntil = requireDate(input.cmaValidUntil, 'cmaValidUntil', 'CMA 有效期');
    if (!Number.isInteger(input.capacity) || input.capacity < 0) throw invalid('capacity', '每季度检验能力应为不小于 0 的整数（批次）');
    if (!Number.isInteger(input.price) || input.price < 0) throw invalid('price', '每批次检验价格应为不小于 0 的整数（元）');
    const contact = input.contact?.trim() || null;
    if (contact && contact.length > 200) throw invalid('contact', '联系方式不能超过 200 个字');
    return { name, uscc, local: input.local, cmaNo, cmaScope, cmaValidUntil, capacity: input.capacity, price: input.price, contact, active: input.active ?? true };
  }

  const nameTaken = (name: string) => new AppError('INSTITUTION_NAME_TAKEN', `已有名为“${name}”的承检机构`, 409, { field: 'name' });

  // ---- lots and applications -----------------------------------------------------------------

  /** The lot visible to the actor (institution accounts: open lots and their own), its row locked when asked; 404 otherwise. */
  async function lotFor(tx: Db, actor: Actor, id: string, lock = false): Promise<Lot> {
    const q = tx.select().from(spotcheckLots).where(and(eq(spotcheckLots.id, id), await lotScope(tx, actor)));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('抽查批次');
    return row;
  }

  async function pendingTieDraw(tx: Db, lotId: string) {
    const [row] = await tx
      .select({ id: spotcheckDraws.id })
      .from(spotcheckDraws)
      .where(and(eq(spotcheckDraws.lotId, lotId), eq(spotcheckDraws.purpose, 'tie_break'), eq(spotcheckDraws.status, 'committed')));
    return row?.id ?? null;
  }

  async function planOf(tx: Db, planId: string) {
    const [plan] = await tx.select().from(spotcheckPlans).where(eq(spotcheckPlans.id, planId));
    if (!plan) throw notFound('抽查计划');
    return plan;
  }

  /**
   * Whether a lot takes applications (and withdrawals): the lot is `open`, no tie draw is pending,
   * and its plan is approved — or still a draft whose window (`windowEndsOn`) has not ended.
   */
  async function assertTakesApplications(tx: Db, lot: Lot) {
    if (lot.status !== 'open') throw new AppError('LOT_NOT_OPEN', '该批次已确定承检机构或已结束，不再接受申请', 409);
    if (await pendingTieDraw(tx, lot.id)) throw new AppError('SELECTION_PENDING', '该批次正在摇号确定承检机构，申请已锁定', 409);
    const plan = await planOf(tx, lot.planId);
    if (plan.status === 'closed') throw new AppError('LOT_NOT_OPEN', '该批次所属计划已结束，不再接受申请', 409);
    if (plan.status === 'draft' && !(plan.windowEndsOn && todayInChina() <= plan.windowEndsOn)) {
      throw new AppError('WINDOW_CLOSED', `计划尚未批准，且申请期${plan.windowEndsOn ? `已于 ${plan.windowEndsOn} 结束` : '未开放'}`, 409);
    }
    return plan;
  }

  async function productOf(tx: Db, productId: string) {
    const [p] = await tx.select({ id: spotcheckProducts.id, code: spotcheckProducts.code, name: spotcheckProducts.name }).from(spotcheckProducts).where(eq(spotcheckProducts.id, productId));
    if (!p) throw notFound('产品');
    return p;
  }

  async function myInstitution(tx: Db, actor: Actor) {
    if (!isInstitutionAccount(actor)) throw new AppError('NOT_INSTITUTION', '只有承检机构的账号可以办理', 403);
    const inst = await institutionOf(tx, actor);
    // An institution's account whose org no institution holds yet: nothing to show (not a refusal).
    if (!inst) throw new AppError('NOT_FOUND', '本账号所属机构尚未登记为承检机构，请联系市局', 404);
    return findInstitution(tx, inst.id);
  }

  const applicationColumns = {
    id: spotcheckApplications.id,
    lotId: spotcheckApplications.lotId,
    institutionId: spotcheckApplications.institutionId,
    institutionName: spotcheckInstitutions.name,
    local: spotcheckInstitutions.local,
    price: spotcheckApplications.price,
    capacity: spotcheckApplications.capacity,
    note: spotcheckApplications.note,
    status: spotcheckApplications.status,
    createdByName: spotcheckApplications.createdByName,
    createdAt: spotcheckApplications.createdAt,
    version: spotcheckApplications.version,
  };

  async function applicationView(tx: Db, id: string) {
    const [row] = await tx.select(applicationColumns).from(spotcheckApplications).innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId)).where(eq(spotcheckApplications.id, id));
    if (!row) throw notFound('承检申请');
    return row;
  }

  /** An institution account's own applications only (staff: all). */
  async function applicationScope(tx: Db, actor: Actor): Promise<SQL | undefined> {
    if (actor.enterpriseUscc != null) return sql`false`;
    if (!isInstitutionAccount(actor)) return undefined;
    const inst = await institutionOf(tx, actor);
    return inst ? eq(spotcheckApplications.institutionId, inst.id) : sql`false`;
  }

  // ---- the choice ----------------------------------------------------------------------------

  async function lotView(tx: Db, id: string) {
    const [row] = await tx
      .select({
        id: spotcheckLots.id,
        lotNo: spotcheckLots.lotNo,
        planId: spotcheckLots.planId,
        productId: spotcheckLots.productId,
        year: spotcheckLots.year,
        quarter: spotcheckLots.quarter,
        batches: spotcheckLots.batches,
        status: spotcheckLots.status,
        dueOn: spotcheckLots.dueOn,
        institutionId: spotcheckLots.institutionId,
        institutionName: spotcheckInstitutions.name,
        selection: spotcheckLots.selection,
        selectionPublishedAt: spotcheckLots.selectionPublishedAt,
        version: spotcheckLots.version,
      })
      .from(spotcheckLots)
      .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckLots.institutionId))
      .where(eq(spotcheckLots.id, id));
    return { ...row!, selection: row!.selection as Selection | null };
  }

  /** The lot's applicants as the score sees them, with their institutions' records and capacity left in the lot's quarter. */
  async function applicantsOf(tx: Db, lot: Lot): Promise<Applicant[]> {
    const rows = await tx
      .select({ app: spotcheckApplications, inst: spotcheckInstitutions })
      .from(spotcheckApplications)
      .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
      .where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.status, 'submitted')));
    const ids = rows.map((r) => r.inst.id);
    const records = await recordsOf(tx, ids);
    const used = ids.length
      ? await tx
          .select({ id: spotcheckLots.institutionId, batches: sql<number>`coalesce(sum(${spotcheckLots.batches}), 0)`.mapWith(Number) })
          .from(spotcheckLots)
          .where(and(inArray(spotcheckLots.institutionId, ids), eq(spotcheckLots.year, lot.year), eq(spotcheckLots.quarter, lot.quarter), ne(spotcheckLots.id, lot.id)))
          .groupBy(spotcheckLots.institutionId)
      : [];
    const usedOf = new Map(used.map((u) => [u.id!, u.batches]));
    return rows.map(({ app, inst }) => {
      const rec = records.get(inst.id) ?? EMPTY_RECORD;
      return {
        applicationId: app.id,
        institutionId: inst.id,
        name: inst.name,
        local: inst.local,
        active: inst.active,
        cmaScope: inst.cmaScope,
        cmaValidUntil: inst.cmaValidUntil,
        price: app.price,
        capacity: app.capacity,
        quarterCapacityLeft: inst.capacity - (usedOf.get(inst.id) ?? 0),
        onTimeRate: rec.onTimeRate,
        recentUpheld: rec.objectionsUpheldRecent,
      };
    });
  }


  /** Records the choice: the lot assigned to the institution, the selection published, the applications chosen / not chosen. */
  async function decide(tx: Db, ctx: Ctx, lot: Lot, pending: { weights: ScoreWeights; baseWeights: ScoreWeights; localityOverridden: boolean; scores: ScoredApplicant[]; tieDrawId: string | null }, chosenId: string) {
    const tied = pending.tieDrawId ? topTied(pending.scores) : [pending.scores.find((s) => s.institutionId === chosenId)!];
    const reasons: Reason[] = choiceReasons({ weights: pending.weights, localityOverridden: pending.localityOverridden, scores: pending.scores, chosenId, tied, tieDrawId: pending.tieDrawId });
    const selection: Selection = { weights: pending.weights, baseWeights: pending.baseWeights, localityOverridden: pending.localityOverridden, scores: pending.scores, chosenId, reasons, tieDrawId: pending.tieDrawId, decidedOn: todayInChina(), byName: ctx.actor.name };
    await tx
      .update(spotcheckLots)
      .set({ institutionId: chosenId, status: 'assigned', selection, selectionPublishedAt: new Date(), version: nextVersion(spotcheckLots.version), updatedAt: new Date() })
      .where(eq(spotcheckLots.id, lot.id));
    const chosen = pending.scores.find((s) => s.institutionId === chosenId)!;
    await tx.update(spotcheckApplications).set({ status: 'chosen', version: nextVersion(spotcheckApplications.version) }).where(eq(spotcheckApplications.id, chosen.applicationId));
    await tx
      .update(spotcheckApplications)
      .set({ status: 'not_chosen', version: nextVersion(spotcheckApplications.version) })
      .where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.status, 'submitted')));
    await audit.record(tx, ctx, { action: 'spotcheck_lot.institution_chosen', targetType: 'spotcheck_lot', targetId: lot.id, before: { status: lot.status, institutionId: lot.institutionId }, after: { status: 'assigned', institutionId: chosenId, selection } });
    return { status: 'chosen' as const, lot: await lotView(tx, lot.id), scores: pending.scores, tieDrawId: pending.tieDrawId };
  }

  return {
    recordsOf: (ids: readonly string[], tx: Db = db) => recordsOf(tx, ids),

    // ---- institutions ------------------------------------------------------------------------

    async list(filter: InstitutionFilter, page: Page) {
      const conds: (SQL | undefined)[] = [];
      if (filter.q?.trim()) {
        const p = `%${escapeLike(filter.q.trim())}%`;
        conds.push(or(ilike(spotcheckInstitutions.name, p), ilike(spotcheckInstitutions.cmaNo, p), ilike(spotcheckInstitutions.uscc, p)));
      }
      if (filter.local !== undefined) conds.push(eq(spotcheckInstitutions.local, filter.local));
      if (filter.active !== undefined) conds.push(eq(spotcheckInstitutions.active, filter.active));
      const where = and(...conds);
      const [rows, [count]] = await Promise.all([
        db.select({ ...getColumns(), accountCount }).from(spotcheckInstitutions).where(where).orderBy(desc(spotcheckInstitutions.active), asc(spotcheckInstitutions.name), asc(spotcheckInstitutions.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckInstitutions).where(where),
      ]);
      return { items: await views(db, rows), total: count?.n ?? 0 };
    },

    get: (id: string) => viewOf(db, id),

    async create(ctx: Ctx, input: InstitutionInput) {
      const values = checkInput(input);
      try {
        return await inTransaction(db, async (tx) => {
          const [row] = await tx.insert(spotcheckInstitutions).values(values).returning();
          const after = await viewOf(tx, row!.id);
          await audit.record(tx, ctx, { action: 'spotcheck_institution.created', targetType: 'spotcheck_institution', targetId: row!.id, after });
          return after;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(values.name);
        throw err;
      }
    },

    async update(ctx: Ctx, id: string, input: Partial<InstitutionInput>, expected?: ExpectedVersion) {
      try {
        return await inTransaction(db, async (tx) => {
          const before = await findInstitution(tx, id, true);
          assertVersion(expected, before.version);
          const values = checkInput({ ...before, ...input } as InstitutionInput);
          await tx.update(spotcheckInstitutions).set({ ...values, version: nextVersion(spotcheckInstitutions.version), updatedAt: new Date() }).where(eq(spotcheckInstitutions.id, id));
          const after = await viewOf(tx, id);
          await audit.record(tx, ctx, { action: 'spotcheck_institution.updated', targetType: 'spotcheck_institution', targetId: id, before, after });
          return after;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(input.name?.trim() ?? '');
        throw err;
      }
    },

    /** The account's own institution with its record (403 NOT_INSTITUTION for anyone else; 404 while its org is no registered institution). */
    async mine(actor: Actor) {
      const inst = await myInstitution(db, actor);
      return viewOf(db, inst.id);
    },

    // ---- accounts ----------------------------------------------------------------------------

    async listAccounts(id: string) {
      const inst = await findInstitution(db, id);
      if (!inst.orgId) return { items: [], total: 0 };
      const items = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active, mustChangePassword: users.mustChangePassword, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt })
        .from(users)
        .where(eq(users.orgId, inst.orgId))
        .orderBy(asc(users.username), asc(users.id));
      return { items, total: items.length };
    },

    /**
     * Makes an account (role `institution`) for the institution; the first one also makes the
     * institution's org (type `institution`, region 320800 even for an institution outside the
     * city, under the city bureau), or links an unlinked `institution` org of the same name. The
     * password is an initial one, changed at first sign-in. Holders of `spotcheck.configure` may
     * grant the role (`holdsForGranting`).
     */
    async createAccount(ctx: Ctx, id: string, input: { username: string; displayName: string; password: string }) {
      let inst = await findInstitution(db, id);
      // Checked before the org is made, so that a bad or taken username makes nothing.
      const username = normalizeUsername(input.username ?? '');
      if (!USERNAME_RE.test(username)) throw invalid('username', '用户名须为 3–32 位小写字母、数字或 . _ -，以字母或数字开头');
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (taken) throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`, 409, { field: 'username' });
      if (!inst.orgId) {
        const root = await deps.jurisdiction.rootOrg();
        const [existing] = await db
          .select({ id: orgs.id })
          .from(orgs)
          .where(and(eq(orgs.type, 'institution'), eq(orgs.name, inst.name), root ? eq(orgs.parentId, root.id) : undefined, sql`not exists (select 1 from ${spotcheckInstitutions} i where i.org_id = ${orgs.id})`));
        const orgId = existing?.id ?? (await deps.jurisdiction.createOrg(ctx, { name: inst.name, type: 'institution', regionCode: INSTITUTION_ORG_REGION })).id;
        await inTransaction(db, async (tx) => {
          const locked = await findInstitution(tx, id, true);
          if (locked.orgId) return;
          await tx.update(spotcheckInstitutions).set({ orgId, version: nextVersion(spotcheckInstitutions.version), updatedAt: new Date() }).where(eq(spotcheckInstitutions.id, id));
          await audit.record(tx, ctx, { action: 'spotcheck_institution.org_linked', targetType: 'spotcheck_institution', targetId: id, before: { orgId: null }, after: { orgId } });
        });
        inst = await findInstitution(db, id);
      }
      return inTransaction(db, async (tx) => {
        const user = await deps.users.create(ctx, { username: input.username, displayName: input.displayName, password: input.password, orgId: inst.orgId!, roles: ['institution'], mustChangePassword: true }, tx);
        await audit.record(tx, ctx, { action: 'spotcheck_institution.account_created', targetType: 'spotcheck_institution', targetId: id, after: { userId: user.id, username: user.username } });
        return { id: user.id, username: user.username, displayName: user.displayName, active: user.active, mustChangePassword: user.mustChangePassword, lastLoginAt: user.lastLoginAt, createdAt: user.createdAt };
      });
    },

    // ---- applications ------------------------------------------------------------------------

    /** An institution account applies for an open lot: 400 NOT_QUALIFIED (inactive, CMA scope, CMA validity), 409 APPLICATION_EXISTS (one per lot, a withdrawn one included). */
    async apply(ctx: Ctx, lotId: string, input: ApplicationInput) {
      if (!Number.isInteger(input.price) || input.price < 1) throw invalid('price', '报价应为正整数（元/批次）');
      if (!Number.isInteger(input.capacity) || input.capacity < 1) throw invalid('capacity', '可承担批次应为正整数');
      const note = input.note?.trim() || null;
      if (note && note.length > 1000) throw invalid('note', '说明不能超过 1000 个字');
      return inTransaction(db, async (tx) => {
        const inst = await myInstitution(tx, ctx.actor);
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        await assertTakesApplications(tx, lot);
        const product = await productOf(tx, lot.productId);
        const problems: Reason[] = [];
        if (!inst.active) problems.push({ code: 'INACTIVE', text: '本机构已停用' });
        if (!inst.cmaScope.includes(product.code)) problems.push({ code: 'NOT_IN_CMA_SCOPE', text: `本机构 CMA 资质认定范围不含产品 ${product.code}（${product.name}）` });
        if (inst.cmaValidUntil < lot.dueOn) problems.push({ code: 'CMA_EXPIRES', text: `本机构 CMA 资质有效期至 ${inst.cmaValidUntil}，早于本批次完成期限 ${lot.dueOn}` });
        if (problems.length) throw new AppError('NOT_QUALIFIED', problems.map((p) => p.text).join('；'), 400, { reasons: problems });
        const [dup] = await tx.select({ id: spotcheckApplications.id, status: spotcheckApplications.status }).from(spotcheckApplications).where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.institutionId, inst.id)));
        if (dup) throw new AppError('APPLICATION_EXISTS', dup.status === 'withdrawn' ? '本机构已申请过该批次（已撤回），不能再次申请' : '本机构已申请该批次', 409, { applicationId: dup.id });
        const [row] = await tx.insert(spotcheckApplications).values({ lotId: lot.id, institutionId: inst.id, price: input.price, capacity: input.capacity, note, createdByName: ctx.actor.name }).returning();
        const after = await applicationView(tx, row!.id);
        await audit.record(tx, ctx, { action: 'spotcheck_application.submitted', targetType: 'spotcheck_application', targetId: row!.id, after });
        return after;
      });
    },

    /** The institution withdraws its submitted application while the lot takes applications. */
    async withdraw(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const inst = await myInstitution(tx, ctx.actor);
        const [app] = await tx.select().from(spotcheckApplications).where(and(eq(spotcheckApplications.id, id), eq(spotcheckApplications.institutionId, inst.id))).for('update');
        if (!app) throw notFound('承检申请');
        assertVersion(expected, app.version);
        if (app.status !== 'submitted') throw new AppError('INVALID_STATUS', '只能撤回已提交、尚未确定结果的申请', 409);
        const [lot] = await tx.select().from(spotcheckLots).where(eq(spotcheckLots.id, app.lotId));
        await assertTakesApplications(tx, lot!);
        await tx.update(spotcheckApplications).set({ status: 'withdrawn', version: nextVersion(spotcheckApplications.version) }).where(eq(spotcheckApplications.id, id));
        const after = await applicationView(tx, id);
        await audit.record(tx, ctx, { action: 'spotcheck_application.withdrawn', targetType: 'spotcheck_application', targetId: id, before: { status: app.status }, after: { status: 'withdrawn' } });
        return after;
      });
    },

    /** A lot's applications: staff all, an institution account its own. */
    async listForLot(actor: Actor, lotId: string, page: Page) {
      const lot = await lotFor(db, actor, lotId);
      const where = and(eq(spotcheckApplications.lotId, lot.id), await applicationScope(db, actor));
      const [items, [count]] = await Promise.all([
        db
          .select(applicationColumns)
          .from(spotcheckApplications)
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
          .where(where)
          .orderBy(asc(spotcheckApplications.createdAt), asc(spotcheckApplications.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckApplications).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** Applications with their lots (an institution account: its own; staff: all), newest first. */
    async listApplications(actor: Actor, filter: { status?: ApplicationStatus }, page: Page) {
      const where = and(await applicationScope(db, actor), filter.status ? eq(spotcheckApplications.status, filter.status) : undefined);
      const [items, [count]] = await Promise.all([
        db
          .select({
            ...applicationColumns,
            lotNo: spotcheckLots.lotNo,
            lotStatus: spotcheckLots.status,
            year: spotcheckLots.year,
            quarter: spotcheckLots.quarter,
            batches: spotcheckLots.batches,
            dueOn: spotcheckLots.dueOn,
            productCode: spotcheckProducts.code,
            productName: spotcheckProducts.name,
          })
          .from(spotcheckApplications)
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckApplications.lotId))
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
          .where(where)
          .orderBy(desc(spotcheckApplications.createdAt), asc(spotcheckApplications.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckApplications).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    // ---- the choice --------------------------------------------------------------------------

    /**
     * The competitive choice (§三(二)2(5)) of an open lot of an approved plan, by the city bureau:
     * scores every submitted application (README.md § The score); the highest total wins; equal
     * totals commit a verifiable draw among the tied (`tie`, revealed by `revealTie`).
     */
    async select(ctx: Ctx, lotId: string, input: { localityWeight?: number } = {}) {
      assertCity(ctx.actor, '选定承检机构');
      if (input.localityWeight !== undefined && (!Number.isFinite(input.localityWeight) || input.localityWeight < 0 || input.localityWeight > 100)) throw invalid('localityWeight', '本地化权重应在 0 到 100 之间');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        if (lot.status !== 'open') throw new AppError('LOT_NOT_OPEN', '该批次已确定承检机构或已结束', 409);
        if (await pendingTieDraw(tx, lot.id)) throw new AppError('SELECTION_PENDING', '该批次的同分摇号尚未揭晓', 409);
        const plan = await planOf(tx, lot.planId);
        if (plan.status !== 'approved') throw new AppError('PLAN_NOT_APPROVED', '计划批准后才能选定承检机构', 409);
        const base = plan.scoreWeights;
        if (input.localityWeight !== undefined && input.localityWeight < 100 && base.price + base.capability + base.record <= 0) throw invalid('localityWeight', '计划的其余权重均为 0，无法折算');
        const { exact, shown } = effectiveWeights(base, input.localityWeight);
        const product = await productOf(tx, lot.productId);
        const scores = scoreApplicants(await applicantsOf(tx, lot), { productCode: product.code, batches: lot.batches, dueOn: lot.dueOn }, exact);
        const tied = topTied(scores);
        if (!tied.length) throw new AppError('NO_QUALIFIED_APPLICANT', scores.length ? '没有符合条件的申请机构' : '该批次尚无承检申请', 409, { scores });
        const localityOverridden = input.localityWeight !== undefined && input.localityWeight !== base.locality;
        if (tied.length === 1) return decide(tx, ctx, lot, { weights: shown, baseWeights: base, localityOverridden, scores, tieDrawId: null }, tied[0]!.institutionId);
        const draw = await draws.commit(tx, ctx, { purpose: 'tie_break', lotId: lot.id, strata: [{ className: '同分机构', keys: tied.map((t) => t.institutionId), k: 1 }] });
        // Pending: the scores are kept with the lot (chosenId empty, not published) until the reveal.
        const selection: Selection = { weights: shown, baseWeights: base, localityOverridden, scores, chosenId: '', reasons: [], tieDrawId: draw.id, decidedOn: '', byName: ctx.actor.name };
        await tx.update(spotcheckLots).set({ selection, version: nextVersion(spotcheckLots.version), updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.selection_tied', targetType: 'spotcheck_lot', targetId: lot.id, after: { tied: tied.map((t) => t.institutionId), total: tied[0]!.total, tieDrawId: draw.id } });
        return { status: 'tie' as const, lot: await lotView(tx, lot.id), scores, tieDrawId: draw.id };
      });
    },

    /** Reveals the lot's pending tie draw with the witnesses' input and chooses the drawn institution. */
    async revealTie(ctx: Ctx, lotId: string, witnessInput = '') {
      assertCity(ctx.actor, '选定承检机构');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        const drawId = lot.status === 'open' ? await pendingTieDraw(tx, lot.id) : null;
        const pending = lot.selection as Selection | null;
        if (!drawId || !pending || pending.tieDrawId !== drawId) throw new AppError('NO_PENDING_DRAW', '该批次没有待揭晓的同分摇号', 409);
        const revealed = await draws.reveal(tx, ctx, drawId, witnessInput);
        const chosenId = revealed.chosen[0]!.keys[0]!;
        return decide(tx, ctx, lot, { weights: pending.weights, baseWeights: pending.baseWeights ?? pending.weights, localityOverridden: pending.localityOverridden ?? false, scores: pending.scores, tieDrawId: drawId }, chosenId);
      });
    },

    /** The published choices (public): lot, product, the chosen institution, every applicant's score and price, the reasons, the tie draw. */
    async publicSelections(filter: { year?: number }, page: Page) {
      const where = and(sql`${spotcheckLots.selectionPublishedAt} is not null`, filter.year ? eq(spotcheckLots.year, filter.year) : undefined);
      const [rows, [count]] = await Promise.all([
        db
          .select({ lot: spotcheckLots, productCode: spotcheckProducts.code, productName: spotcheckProducts.name })
          .from(spotcheckLots)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
          .where(where)
          .orderBy(desc(spotcheckLots.selectionPublishedAt), asc(spotcheckLots.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckLots).where(where),
      ]);
      const items = rows.map(({ lot, productCode, productName }) => {
        const s = lot.selection as Selection;
        const chosen = s.scores.find((x) => x.institutionId === s.chosenId);
        return {
          id: lot.id,
          lotId: lot.id,
          lotNo: lot.lotNo,
          productCode,
          productName,
          year: lot.year,
          quarter: lot.quarter,
          batches: lot.batches,
          chosen: { institutionId: s.chosenId, name: chosen?.name ?? '' },
          weights: s.weights,
          scores: s.scores.map((x) => ({ institutionId: x.institutionId, name: x.name, local: x.local, price: x.price, capacity: x.capacity, qualified: x.qualified, disqualified: x.disqualified ?? [], parts: x.parts, total: x.total })),
          reasons: s.reasons,
          tieDrawId: s.tieDrawId ?? null,
          decidedOn: s.decidedOn,
          publishedAt: lot.selectionPublishedAt!,
        };
      });
      return { items, total: count?.n ?? 0 };
    },
  };
}

/** The institution's own columns (for a select with extra computed ones). */
function getColumns() {
  const t = spotcheckInstitutions;
  return { id: t.id, name: t.name, uscc: t.uscc, orgId: t.orgId, local: t.local, cmaNo: t.cmaNo, cmaScope: t.cmaScope, cmaValidUntil: t.cmaValidUntil, capacity: t.capacity, price: t.price, contact: t.contact, active: t.active, version: t.version, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

export type InstitutionsService = ReturnType<typeof makeInstitutionsService>;
