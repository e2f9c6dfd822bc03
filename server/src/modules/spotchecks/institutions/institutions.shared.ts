// The institutions part's shared values and helpers: inputs' and records' types; records, an institution's view, a lot in scope, its plan and product.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { users } from '../../../platform/users/users.schema.js';
import type { SpotcheckDraws } from '../draws.js';
import { institutionOf, isInstitutionAccount, lotScope } from '../scope.js';
import type { SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type ScoreWeights,
  spotcheckDraws,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckPlans,
  spotcheckProducts,
  spotcheckSamples,
} from '../spotchecks.schema.js';
import type { ScoredApplicant } from './scoring.js';

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

export type Institution = typeof spotcheckInstitutions.$inferSelect;
export type Lot = typeof spotcheckLots.$inferSelect;

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

export const EMPTY_RECORD: InstitutionRecord = { samples: 0, tested: 0, onTime: 0, onTimeRate: null, objectionsUpheld: 0, objectionsUpheldRecent: 0 };

/** What every piece of the institutions service is made with. */
export type InstitutionsDeps = SpotchecksDeps & { draws: SpotcheckDraws };

/** The institution's own columns (for a select with extra computed ones). */
export function getColumns() {
  const t = spotcheckInstitutions;
  return { id: t.id, name: t.name, uscc: t.uscc, orgId: t.orgId, local: t.local, cmaNo: t.cmaNo, cmaScope: t.cmaScope, cmaValidUntil: t.cmaValidUntil, capacity: t.capacity, price: t.price, contact: t.contact, active: t.active, version: t.version, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

// Qualified by hand: drizzle writes a one-table select's columns unqualified, which the subquery would read as its own.
export const accountCount = sql<number>`(select count(*)::int from ${users} u where u.org_id = "spotcheck_institutions"."org_id")`.mapWith(Number);

/** The helpers the institutions service's pieces share. */
export function makeInstitutionCore(deps: InstitutionsDeps) {
  const { rules } = deps;

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

  return { recordsOf, views, findInstitution, viewOf, lotFor, pendingTieDraw, planOf, productOf, myInstitution };
}

export type InstitutionCore = ReturnType<typeof makeInstitutionCore>;
