import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { EVALUATOR_GRADES, type EvaluatorGrade, creditEvaluators, creditRatings } from '../credit.schema.js';
import { registeredEnterprise } from '../enterprise-of.js';
import { qualificationProblems } from './qualification.js';

export interface RatingInput {
  uscc: string;
  grade: EvaluatorGrade;
  ratedOn: string;
  validUntil: string;
  reportNo: string;
  note?: string | null;
}

export const RATING_STATES = ['in_force', 'expired', 'withdrawn'] as const;
export type RatingState = (typeof RATING_STATES)[number];

export interface RatingFilter {
  uscc?: string;
  evaluatorId?: string;
  state?: RatingState;
}

type Evaluator = typeof creditEvaluators.$inferSelect;

/** A rating's state today: withdrawn, in force (rated on or before today, valid until today or later), or expired. */
const stateSql = (today: string) =>
  sql<RatingState>`case when ${creditRatings.withdrawnAt} is not null then 'withdrawn' when ${creditRatings.validUntil} >= ${today}::date and ${creditRatings.ratedOn} <= ${today}::date then 'in_force' else 'expired' end`;

const ratingColumns = (today: string) => ({
  id: creditRatings.id,
  evaluatorId: creditRatings.evaluatorId,
  evaluatorName: creditEvaluators.name,
  enterpriseId: creditRatings.enterpriseId,
  uscc: creditRatings.uscc,
  enterpriseName: enterprises.name,
  regionCode: creditRatings.regionCode,
  grade: creditRatings.grade,
  ratedOn: creditRatings.ratedOn,
  validUntil: creditRatings.validUntil,
  reportNo: creditRatings.reportNo,
  note: creditRatings.note,
  enteredByName: creditRatings.enteredByName,
  createdAt: creditRatings.createdAt,
  withdrawnAt: creditRatings.withdrawnAt,
  withdrawnReason: creditRatings.withdrawnReason,
  state: stateSql(today),
});

const selectRatings = (tx: Db, today: string) =>
  tx
    .select(ratingColumns(today))
    .from(creditRatings)
    .innerJoin(creditEvaluators, eq(creditEvaluators.id, creditRatings.evaluatorId))
    .innerJoin(enterprises, eq(enterprises.id, creditRatings.enterpriseId))
    .$dynamic();

/** The checked values of a rating (400 with the field). */
function checkRating(input: RatingInput, today: string) {
  if (!(EVALUATOR_GRADES as readonly string[]).includes(input.grade)) throw invalid('grade', `等级应为 ${EVALUATOR_GRADES.join('、')} 之一`);
  if (!parseDate(input.ratedOn)) throw invalid('ratedOn', '日期不合法');
  if (input.ratedOn > today) throw invalid('ratedOn', '评价日期不能晚于今天');
  if (!parseDate(input.validUntil)) throw invalid('validUntil', '日期不合法');
  if (input.validUntil <= input.ratedOn) throw invalid('validUntil', '有效期应晚于评价日期');
  const reportNo = input.reportNo?.trim() ?? '';
  if (!reportNo) throw invalid('reportNo', '请填写评价报告编号');
  if (reportNo.length > 100) throw invalid('reportNo', '评价报告编号不能超过 100 个字');
  const note = input.note?.trim() || null;
  if (note && note.length > 1000) throw invalid('note', '说明不能超过 1000 个字');
  return { grade: input.grade, ratedOn: input.ratedOn, validUntil: input.validUntil, reportNo, note };
}

/**
 * Evaluators' ratings (README.md § Ratings): entered and withdrawn by an evaluator's accounts —
 * only while the evaluator is qualified for entering — each write rescoring the enterprise in its
 * transaction (`model.rescore`, cause `score`); read by the evaluator (its own) and by staff (their
 * scope, by the enterprise's region).
 */
export function makeRatings(deps: CreditPartDeps, mine: (tx: Db, actor: Actor) => Promise<Evaluator>) {
  const { db, audit, model } = deps;

  const view = async (tx: Db, id: string) => (await selectRatings(tx, todayInChina()).where(eq(creditRatings.id, id)))[0]!;

  /** Evaluator accounts see their evaluator's ratings; staff their scope by the enterprise's region. */
  async function scopeOf(actor: Actor): Promise<SQL | undefined> {
    if (actor.permissions.has('credit.read')) return visibleTo(actor, { regionCode: creditRatings.regionCode, uscc: creditRatings.uscc });
    return eq(creditRatings.evaluatorId, (await mine(db, actor)).id);
  }

  return {
    /**
     * An evaluator account enters a rating of any enterprise of the register: 403
     * EVALUATOR_NOT_QUALIFIED while its evaluator is inactive or its accreditation has lapsed; 409
     * REPORT_NO_TAKEN for a report number the evaluator used before. Audited `credit_rating.entered`.
     */
    async enter(ctx: Ctx, input: RatingInput) {
      const today = todayInChina();
      const values = checkRating(input, today);
      try {
        return await inTransaction(db, async (tx) => {
          const evaluator = await mine(tx, ctx.actor);
          const problems = qualificationProblems(evaluator, today);
          if (problems.length) throw new AppError('EVALUATOR_NOT_QUALIFIED', `${problems.join('；')}，不能录入评价结果`, 403, { active: evaluator.active, validUntil: evaluator.validUntil });
          const e = await registeredEnterprise(tx, input.uscc);
          const [row] = await tx
            .insert(creditRatings)
            .values({ ...values, evaluatorId: evaluator.id, enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, enteredBy: ctx.actor.userId, enteredByName: ctx.actor.name })
            .returning({ id: creditRatings.id });
          await model.rescore(tx, [e.id], 'score');
          const after = await view(tx, row!.id);
          await audit.record(tx, ctx, { action: 'credit_rating.entered', targetType: 'credit_rating', targetId: row!.id, after });
          return after;
        });
      } catch (err) {
        if (pgErrorOf(err)?.code === '23505') throw new AppError('REPORT_NO_TAKEN', `评价报告编号“${values.reportNo}”已录入过`, 409, { field: 'reportNo' });
        throw err;
      }
    },

    /** The evaluator withdraws one of its ratings with a reason (409 ALREADY_WITHDRAWN; others' ratings 404). Audited. */
    async withdraw(ctx: Ctx, id: string, reason: string) {
      const text = reason?.trim() ?? '';
      if (!text) throw invalid('reason', '请填写撤回原因');
      if (text.length > 1000) throw invalid('reason', '撤回原因不能超过 1000 个字');
      return inTransaction(db, async (tx) => {
        const evaluator = await mine(tx, ctx.actor);
        const [row] = await tx.select().from(creditRatings).where(and(eq(creditRatings.id, id), eq(creditRatings.evaluatorId, evaluator.id))).for('update');
        if (!row) throw notFound('信用评价结果');
        if (row.withdrawnAt) throw new AppError('ALREADY_WITHDRAWN', '该评价结果已撤回', 409);
        await tx.update(creditRatings).set({ withdrawnAt: new Date(), withdrawnReason: text }).where(eq(creditRatings.id, id));
        await model.rescore(tx, [row.enterpriseId], 'score');
        const after = await view(tx, id);
        await audit.record(tx, ctx, { action: 'credit_rating.withdrawn', targetType: 'credit_rating', targetId: id, before: { withdrawnAt: null }, after: { withdrawnAt: after.withdrawnAt, withdrawnReason: text } });
        return after;
      });
    },

    /** Ratings in the actor's scope, newest entry first. */
    async list(actor: Actor, filter: RatingFilter, page: Page) {
      const today = todayInChina();
      const where = and(
        await scopeOf(actor),
        filter.uscc ? eq(creditRatings.uscc, normalizeUscc(filter.uscc)) : undefined,
        filter.evaluatorId ? eq(creditRatings.evaluatorId, filter.evaluatorId) : undefined,
        filter.state ? sql`${stateSql(today)} = ${filter.state}` : undefined,
      );
      const [items, [count]] = await Promise.all([
        selectRatings(db, today).where(where).orderBy(desc(creditRatings.createdAt), asc(creditRatings.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(creditRatings).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },
  };
}
