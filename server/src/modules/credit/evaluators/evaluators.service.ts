import { type SQL, and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import { normalizeUscc, usccProblem } from '../../enterprises/index.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { creditEvaluators } from '../credit.schema.js';
import { qualificationProblems } from './qualification.js';
import { makeRatings } from './ratings.js';

/** The region of every evaluator's org: the city's (an evaluator has no jurisdiction; its accounts' scope is their org). */
export const EVALUATOR_ORG_REGION = '320800';
/** The role of evaluators' accounts (permission `credit.rate`, data scope `org`). */
export const EVALUATOR_ROLE = 'credit_evaluator';

export interface EvaluatorInput {
  name: string;
  uscc: string;
  accreditation?: string | null;
  validUntil?: string | null;
  active?: boolean;
}

type Evaluator = typeof creditEvaluators.$inferSelect;

/** Whether the actor acts for an evaluator organisation (its accounts hold `credit.rate` with the `org` scope). */
export const isEvaluatorAccount = (actor: Actor) => actor.dataScope === 'org' && actor.permissions.has('credit.rate');


/** The accounts of an evaluator's org (the outer column written out: in a select list drizzle would leave it unqualified). */
const accountCount = sql<number>`(select count(*)::int from ${users} u where u.org_id = "credit_evaluators"."org_id")`.mapWith(Number);
const view = (e: Evaluator & { accountCount: number }) => ({ ...e, qualified: qualificationProblems(e, todayInChina()).length === 0 });

/** The stored values of an evaluator's fields, checked (400 with the field). */
function checkInput(input: EvaluatorInput) {
  const name = input.name?.trim() ?? '';
  if (!name) throw invalid('name', '请填写机构名称');
  if (name.length > 100) throw invalid('name', '机构名称不能超过 100 个字');
  const uscc = normalizeUscc(input.uscc ?? '');
  const problem = usccProblem(uscc);
  if (problem) throw invalid('uscc', problem.message, problem.code);
  const accreditation = input.accreditation?.trim() || null;
  if (accreditation && accreditation.length > 200) throw invalid('accreditation', '资质说明不能超过 200 个字');
  const validUntil = input.validUntil ?? null;
  if (validUntil !== null && !parseDate(validUntil)) throw invalid('validUntil', '日期不合法');
  return { name, uscc, accreditation, validUntil, active: input.active ?? true };
}

const usccTaken = (uscc: string) => new AppError('EVALUATOR_USCC_TAKEN', `统一社会信用代码为 ${uscc} 的评价机构已登记`, 409, { field: 'uscc' });

/**
 * Third-party credit evaluators (第三方信用评价机构; README.md): the organisations, kept by holders of
 * `credit.configure`, their accounts (role `credit_evaluator` in an org of type `evaluator`), and
 * the ratings their accounts enter (`ratings`), which the model counts as its evaluator factor.
 */
export function makeCreditEvaluators(deps: CreditPartDeps) {
  const { db, audit } = deps;

  async function find(tx: Db, id: string, lock = false) {
    const q = tx.select().from(creditEvaluators).where(eq(creditEvaluators.id, id));
    const [row] = await (lock ? q.for('update') : q);
    if (!row) throw notFound('信用评价机构');
    return row;
  }

  async function viewOf(tx: Db, id: string) {
    const [row] = await tx.select({ ...getColumns(), accountCount }).from(creditEvaluators).where(eq(creditEvaluators.id, id));
    if (!row) throw notFound('信用评价机构');
    return view(row);
  }

  /** The evaluator an evaluator account acts for: 403 NOT_EVALUATOR for anyone else; 404 while its org is no registered evaluator. */
  async function mine(tx: Db, actor: Actor) {
    if (!isEvaluatorAccount(actor)) throw new AppError('NOT_EVALUATOR', '只有信用评价机构的账号可以办理', 403);
    const [row] = await tx.select().from(creditEvaluators).where(eq(creditEvaluators.orgId, actor.orgId));
    if (!row) throw new AppError('NOT_FOUND', '本账号所属机构尚未登记为信用评价机构，请联系市局', 404);
    return row;
  }

  /** Runs a write, answering 409 EVALUATOR_USCC_TAKEN for a second evaluator with the same USCC. */
  async function unique<T>(uscc: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (pgErrorOf(err)?.code === '23505') throw usccTaken(uscc);
      throw err;
    }
  }

  /** The evaluator's org: made at its first account (type `evaluator`, under the city bureau), or an unheld `evaluator` org of its name linked. */
  async function ensureOrg(ctx: Ctx, id: string) {
    const e = await find(db, id);
    if (e.orgId) return e.orgId;
    const root = await deps.jurisdiction.rootOrg();
    const [existing] = await db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.type, 'evaluator'), eq(orgs.name, e.name), root ? eq(orgs.parentId, root.id) : undefined, sql`not exists (select 1 from ${creditEvaluators} c where c.org_id = ${orgs.id})`));
    const orgId = existing?.id ?? (await deps.jurisdiction.createOrg(ctx, { name: e.name, type: 'evaluator', regionCode: EVALUATOR_ORG_REGION })).id;
    return inTransaction(db, async (tx) => {
      const locked = await find(tx, id, true);
      if (locked.orgId) return locked.orgId;
      await tx.update(creditEvaluators).set({ orgId, version: nextVersion(creditEvaluators.version), updatedAt: new Date() }).where(eq(creditEvaluators.id, id));
      await audit.record(tx, ctx, { action: 'credit_evaluator.org_linked', targetType: 'credit_evaluator', targetId: id, before: { orgId: null }, after: { orgId } });
      return orgId;
    });
  }

  return {
    /** Evaluators (credit.configure): active first, by name. */
    async list(filter: { q?: string; active?: boolean }, page: Page) {
      const conds: (SQL | undefined)[] = [];
      if (filter.q?.trim()) {
        const p = `%${escapeLike(filter.q.trim())}%`;
        conds.push(or(ilike(creditEvaluators.name, p), ilike(creditEvaluators.uscc, p)));
      }
      if (filter.active !== undefined) conds.push(eq(creditEvaluators.active, filter.active));
      const where = and(...conds);
      const [rows, [count]] = await Promise.all([
        db.select({ ...getColumns(), accountCount }).from(creditEvaluators).where(where).orderBy(desc(creditEvaluators.active), asc(creditEvaluators.name), asc(creditEvaluators.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(creditEvaluators).where(where),
      ]);
      return { items: rows.map(view), total: count?.n ?? 0 };
    },

    get: (id: string) => viewOf(db, id),

    /** The evaluator an evaluator account acts for, with whether it may rate today. */
    mine: async (actor: Actor) => viewOf(db, (await mine(db, actor)).id),

    async create(ctx: Ctx, input: EvaluatorInput) {
      const values = checkInput(input);
      return unique(values.uscc, () =>
        inTransaction(db, async (tx) => {
          const [row] = await tx.insert(creditEvaluators).values(values).returning({ id: creditEvaluators.id });
          const after = await viewOf(tx, row!.id);
          await audit.record(tx, ctx, { action: 'credit_evaluator.created', targetType: 'credit_evaluator', targetId: row!.id, after });
          return after;
        }),
      );
    },

    /** Changes the given fields (If-Match: the evaluator's version). Renaming does not rename its org. */
    async update(ctx: Ctx, id: string, input: Partial<EvaluatorInput>, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await find(tx, id, true);
        assertVersion(expected, before.version);
        const values = checkInput({ ...before, ...input });
        return unique(values.uscc, async () => {
          await tx.update(creditEvaluators).set({ ...values, version: nextVersion(creditEvaluators.version), updatedAt: new Date() }).where(eq(creditEvaluators.id, id));
          const after = await viewOf(tx, id);
          await audit.record(tx, ctx, { action: 'credit_evaluator.updated', targetType: 'credit_evaluator', targetId: id, before, after });
          return after;
        });
      });
    },

    async listAccounts(id: string) {
      const e = await find(db, id);
      if (!e.orgId) return { items: [], total: 0 };
      const items = await db.select(accountColumns).from(users).where(eq(users.orgId, e.orgId)).orderBy(asc(users.username), asc(users.id));
      return { items, total: items.length };
    },

    /**
     * Makes an account (role `credit_evaluator`, an initial password changed at first sign-in) in
     * the evaluator's org, making the org first (`ensureOrg`). The username is checked before the
     * org is made, so that a bad or taken one makes nothing.
     */
    async createAccount(ctx: Ctx, id: string, input: { username: string; displayName: string; password: string }) {
      await find(db, id);
      await deps.users.assertUsernameFree(input.username);
      const orgId = await ensureOrg(ctx, id);
      return inTransaction(db, async (tx) => {
        const user = await deps.users.create(ctx, { ...input, orgId, roles: [EVALUATOR_ROLE], mustChangePassword: true }, tx);
        await audit.record(tx, ctx, { action: 'credit_evaluator.account_created', targetType: 'credit_evaluator', targetId: id, after: { userId: user.id, username: user.username } });
        const [row] = await tx.select(accountColumns).from(users).where(eq(users.id, user.id));
        return row!;
      });
    },

    ratings: makeRatings(deps, mine),
  };
}

const accountColumns = { id: users.id, username: users.username, displayName: users.displayName, active: users.active, mustChangePassword: users.mustChangePassword, lastLoginAt: users.lastLoginAt, createdAt: users.createdAt };

function getColumns() {
  const t = creditEvaluators;
  return { id: t.id, orgId: t.orgId, name: t.name, uscc: t.uscc, accreditation: t.accreditation, validUntil: t.validUntil, active: t.active, version: t.version, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

export type CreditEvaluators = ReturnType<typeof makeCreditEvaluators>;
