import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { rateOf } from './coverage.js';
import { equipmentOperators, operatorCertificates, operatorExamCandidates, operatorExamSessions, type operatorWorkItems } from './operators.schema.js';
import type { CertificateInput, EnterpriseFor } from './operators.service.js';

type Ctx = RequestContext & { actor: Actor };

export interface SessionInput {
  heldOn: string;
  place: string;
  institutionUscc: string;
  workItems: string[];
  trainingHours?: number | null;
}

export interface ResultInput {
  theoryScore?: number | null;
  practicalScore?: number | null;
  /** A pass with no certificate of the work item yet: the new certificate's number (required then). */
  certificateNo?: string;
  /** The date the certificate is issued or renewed on a pass (today by default). */
  issuedOn?: string;
}

/** What exams take from the operators service (one implementation of each rule). */
export interface ExamHelpers {
  enterpriseFor: EnterpriseFor;
  workItemOf(tx: Db, code: string, field: string): Promise<typeof operatorWorkItems.$inferSelect>;
  findOperator(tx: Db, actor: Actor | null, id: string): Promise<{ id: string; name: string; certificates: { id: string; workItem: string; revokedOn: string | null; expiresOn: string }[] }>;
  lockOperator(tx: Db, actor: Actor, id: string): Promise<unknown>;
  issue(tx: Db, ctx: Ctx, operatorId: string, input: CertificateInput, examSessionId: string): Promise<string>;
  renew(tx: Db, ctx: Ctx, operatorId: string, certificateId: string, input: { issuedOn?: string; certificateNo?: string }, examSessionId?: string): Promise<string>;
}

/** Counts of a session's candidates: all, with both results in (decided), passed. */
const counts = {
  candidates: sql<number>`count(${operatorExamCandidates.id})::int`,
  decided: sql<number>`count(${operatorExamCandidates.passed})::int`,
  passed: sql<number>`(count(*) filter (where ${operatorExamCandidates.passed}))::int`,
};

/**
 * Operator exams and training (§三(二)4(4)): sessions held by an exam institution (an enterprise of
 * the register), their candidates per work item, theory and practical results. A candidate passes
 * with theory ≥ the work item's `theoryPassMark` and practical ≥ its `practicalPassMark` (60 and
 * 60 by default); a pass issues the certificate of that work item or renews the one the operator
 * holds (new issuedOn and expiresOn, linked to the session). Sessions are scoped by the
 * institution's region.
 */
export function makeExams(deps: EquipmentDeps, h: ExamHelpers) {
  const { db, audit } = deps;
  const scope = (actor: Actor) => visibleTo(actor, { regionCode: operatorExamSessions.regionCode, orgId: operatorExamSessions.orgId });

  const sessionColumns = {
    id: operatorExamSessions.id,
    heldOn: operatorExamSessions.heldOn,
    place: operatorExamSessions.place,
    institutionUscc: operatorExamSessions.institutionUscc,
    institutionName: enterprises.name,
    workItems: operatorExamSessions.workItems,
    trainingHours: operatorExamSessions.trainingHours,
    regionCode: operatorExamSessions.regionCode,
    createdByName: operatorExamSessions.createdByName,
    version: operatorExamSessions.version,
    createdAt: operatorExamSessions.createdAt,
    updatedAt: operatorExamSessions.updatedAt,
    ...counts,
  };

  const selectSessions = (tx: Db) =>
    tx
      .select(sessionColumns)
      .from(operatorExamSessions)
      .leftJoin(enterprises, eq(enterprises.uscc, operatorExamSessions.institutionUscc))
      .leftJoin(operatorExamCandidates, eq(operatorExamCandidates.sessionId, operatorExamSessions.id))
      .groupBy(operatorExamSessions.id, enterprises.name);

  const withRate = <T extends { decided: number; passed: number }>(s: T) => ({ ...s, passRate: rateOf(s.passed, s.decided) });

  async function find(tx: Db, actor: Actor | null, id: string) {
    const [row] = await selectSessions(tx).where(and(eq(operatorExamSessions.id, id), actor ? scope(actor) : undefined));
    if (!row) throw notFound('考试场次');
    return withRate(row);
  }

  async function checkWorkItems(tx: Db, codes: string[]) {
    const unique = [...new Set(codes)];
    if (unique.length === 0) throw invalid('workItems', '请选择考试的作业项目');
    for (const [i, code] of unique.entries()) await h.workItemOf(tx, code, `workItems.${i}`);
    return unique;
  }

  const candidateColumns = {
    id: operatorExamCandidates.id,
    sessionId: operatorExamCandidates.sessionId,
    operatorId: operatorExamCandidates.operatorId,
    operatorName: equipmentOperators.name,
    idNumber: equipmentOperators.idNumberMasked,
    employerUscc: equipmentOperators.employerUscc,
    workItem: operatorExamCandidates.workItem,
    theoryScore: operatorExamCandidates.theoryScore,
    practicalScore: operatorExamCandidates.practicalScore,
    passed: operatorExamCandidates.passed,
    certificateId: operatorExamCandidates.certificateId,
    certificateNo: operatorCertificates.certificateNo,
    expiresOn: operatorCertificates.expiresOn,
    createdAt: operatorExamCandidates.createdAt,
    updatedAt: operatorExamCandidates.updatedAt,
  };
  const selectCandidates = (tx: Db) =>
    tx
      .select(candidateColumns)
      .from(operatorExamCandidates)
      .innerJoin(equipmentOperators, eq(equipmentOperators.id, operatorExamCandidates.operatorId))
      .leftJoin(operatorCertificates, eq(operatorCertificates.id, operatorExamCandidates.certificateId));

  async function candidate(tx: Db, sessionId: string, id: string) {
    const [row] = await selectCandidates(tx).where(and(eq(operatorExamCandidates.id, id), eq(operatorExamCandidates.sessionId, sessionId)));
    if (!row) throw notFound('考生');
    return row;
  }

  return {
    async createSession(ctx: Ctx, input: SessionInput) {
      const heldOn = requireDate(input.heldOn, 'heldOn', '考试日期');
      const place = requireText(input.place, 'place', '考试地点', 200);
      return inTransaction(db, async (tx) => {
        const institution = await h.enterpriseFor(tx, ctx.actor, input.institutionUscc, 'institutionUscc', '考试机构');
        const workItems = await checkWorkItems(tx, input.workItems);
        const [row] = await tx
          .insert(operatorExamSessions)
          .values({ heldOn, place, institutionUscc: institution.uscc, workItems, trainingHours: input.trainingHours ?? null, regionCode: institution.regionCode, orgId: ctx.actor.orgId, createdByName: ctx.actor.name })
          .returning({ id: operatorExamSessions.id });
        const created = await find(tx, null, row!.id);
        await audit.record(tx, ctx, { action: 'operator_exam_session.created', targetType: 'operator_exam_session', targetId: row!.id, after: { heldOn, place, institutionUscc: institution.uscc, workItems, trainingHours: created.trainingHours } });
        return created;
      });
    },

    async listSessions(actor: Actor, filter: { year?: number; institutionUscc?: string }, page: Page) {
      const where = and(
        scope(actor),
        filter.year ? sql`extract(year from ${operatorExamSessions.heldOn}) = ${filter.year}` : undefined,
        filter.institutionUscc ? eq(operatorExamSessions.institutionUscc, filter.institutionUscc.trim().toUpperCase()) : undefined,
      );
      const [items, [count]] = await Promise.all([
        selectSessions(db).where(where).orderBy(desc(operatorExamSessions.heldOn), asc(operatorExamSessions.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(operatorExamSessions).where(where),
      ]);
      return { items: items.map(withRate), total: count?.n ?? 0 };
    },

    getSession: (actor: Actor, id: string) => find(db, actor, id),

    async updateSession(ctx: Ctx, id: string, input: Partial<Omit<SessionInput, 'institutionUscc'>>, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await find(tx, ctx.actor, id);
        const [locked] = await tx.select({ version: operatorExamSessions.version }).from(operatorExamSessions).where(eq(operatorExamSessions.id, id)).for('update');
        assertVersion(expected, locked!.version);
        const set = {
          ...(input.heldOn !== undefined ? { heldOn: requireDate(input.heldOn, 'heldOn', '考试日期') } : {}),
          ...(input.place !== undefined ? { place: requireText(input.place, 'place', '考试地点', 200) } : {}),
          ...(input.workItems !== undefined ? { workItems: await checkWorkItems(tx, input.workItems) } : {}),
          ...(input.trainingHours !== undefined ? { trainingHours: input.trainingHours } : {}),
        };
        if (set.workItems) {
          const [orphan] = await tx.select({ workItem: operatorExamCandidates.workItem }).from(operatorExamCandidates).where(and(eq(operatorExamCandidates.sessionId, id), notInArray(operatorExamCandidates.workItem, set.workItems))).limit(1);
          if (orphan) throw new AppError('WORK_ITEM_IN_USE', `已有考生报考作业项目 ${orphan.workItem}，不能从场次中删除`, 409, { field: 'workItems' });
        }
        await tx.update(operatorExamSessions).set({ ...set, version: nextVersion(operatorExamSessions.version), updatedAt: new Date() }).where(eq(operatorExamSessions.id, id));
        await audit.record(tx, ctx, { action: 'operator_exam_session.changed', targetType: 'operator_exam_session', targetId: id, before: { heldOn: before.heldOn, place: before.place, workItems: before.workItems, trainingHours: before.trainingHours }, after: set });
        return find(tx, null, id);
      });
    },

    async listCandidates(actor: Actor, sessionId: string, page: Page) {
      await find(db, actor, sessionId);
      const where = eq(operatorExamCandidates.sessionId, sessionId);
      const [items, [count]] = await Promise.all([
        selectCandidates(db).where(where).orderBy(asc(equipmentOperators.name), asc(operatorExamCandidates.workItem), asc(operatorExamCandidates.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(operatorExamCandidates).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** Adds an operator (one the actor sees) as a candidate for one of the session's work items. */
    async addCandidate(ctx: Ctx, sessionId: string, input: { operatorId: string; workItem: string }) {
      return inTransaction(db, async (tx) => {
        const session = await find(tx, ctx.actor, sessionId);
        if (!session.workItems.includes(input.workItem)) throw new AppError('UNKNOWN_WORK_ITEM', `本场次不考作业项目 ${input.workItem}`, 400, { field: 'workItem' });
        const operator = await h.findOperator(tx, ctx.actor, input.operatorId).catch((err: unknown) => {
          throw err instanceof AppError && err.status === 404 ? new AppError('OPERATOR_UNKNOWN', '作业人员不存在', 400, { field: 'operatorId' }) : err;
        });
        const [taken] = await tx.select({ id: operatorExamCandidates.id }).from(operatorExamCandidates).where(and(eq(operatorExamCandidates.sessionId, sessionId), eq(operatorExamCandidates.operatorId, operator.id), eq(operatorExamCandidates.workItem, input.workItem)));
        if (taken) throw new AppError('DUPLICATE', `${operator.name}已报考本场次的该作业项目`, 409, { field: 'operatorId' });
        const [row] = await tx.insert(operatorExamCandidates).values({ sessionId, operatorId: operator.id, workItem: input.workItem }).returning({ id: operatorExamCandidates.id });
        await tx.update(operatorExamSessions).set({ version: nextVersion(operatorExamSessions.version), updatedAt: new Date() }).where(eq(operatorExamSessions.id, sessionId));
        await audit.record(tx, ctx, { action: 'operator_exam_candidate.added', targetType: 'operator_exam_session', targetId: sessionId, after: { candidateId: row!.id, operatorId: operator.id, workItem: input.workItem } });
        return candidate(tx, sessionId, row!.id);
      });
    },

    /**
     * Records a candidate's theory and/or practical score (0–100). Once both are in, the result is
     * decided and final (409 RESULT_RECORDED afterwards): a pass issues the certificate of the
     * work item (certificateNo required when the operator holds none) or renews the one held.
     */
    async recordResult(ctx: Ctx, sessionId: string, candidateId: string, input: ResultInput) {
      return inTransaction(db, async (tx) => {
        const session = await find(tx, ctx.actor, sessionId);
        const [cand] = await tx.select().from(operatorExamCandidates).where(and(eq(operatorExamCandidates.id, candidateId), eq(operatorExamCandidates.sessionId, sessionId))).for('update');
        if (!cand) throw notFound('考生');
        if (cand.passed !== null) throw new AppError('RESULT_RECORDED', '该考生的成绩已确定，不能修改', 409);
        if (session.heldOn > todayInChina()) throw new AppError('SESSION_NOT_HELD', '考试尚未举行，不能登记成绩', 409);
        const theoryScore = input.theoryScore ?? cand.theoryScore;
        const practicalScore = input.practicalScore ?? cand.practicalScore;
        const item = await h.workItemOf(tx, cand.workItem, 'workItem');
        const passed = theoryScore === null || practicalScore === null ? null : theoryScore >= item.theoryPassMark && practicalScore >= item.practicalPassMark;
        let certificateId: string | null = null;
        if (passed) {
          await h.lockOperator(tx, ctx.actor, cand.operatorId);
          const operator = await h.findOperator(tx, null, cand.operatorId);
          const held = operator.certificates.filter((c) => c.workItem === cand.workItem && !c.revokedOn).sort((a, b) => b.expiresOn.localeCompare(a.expiresOn))[0];
          const issuedOn = input.issuedOn ?? todayInChina();
          if (held) {
            certificateId = await h.renew(tx, ctx, cand.operatorId, held.id, { issuedOn, certificateNo: input.certificateNo }, sessionId);
          } else {
            if (!input.certificateNo?.trim()) throw invalid('certificateNo', '考试合格且尚无该项目证书：请填写新证书编号');
            certificateId = await h.issue(tx, ctx, cand.operatorId, { workItem: cand.workItem, certificateNo: input.certificateNo, issuedOn }, sessionId);
          }
        }
        await tx.update(operatorExamCandidates).set({ theoryScore, practicalScore, passed, certificateId, updatedAt: new Date() }).where(eq(operatorExamCandidates.id, candidateId));
        await tx.update(operatorExamSessions).set({ version: nextVersion(operatorExamSessions.version), updatedAt: new Date() }).where(eq(operatorExamSessions.id, sessionId));
        await audit.record(tx, ctx, { action: 'operator_exam_candidate.result', targetType: 'operator_exam_session', targetId: sessionId, after: { candidateId, operatorId: cand.operatorId, workItem: cand.workItem, theoryScore, practicalScore, passed, certificateId } });
        return candidate(tx, sessionId, candidateId);
      });
    },

    /**
     * Pass rates of the year's sessions (heldOn in `year`), per session and per exam institution:
     * passed ÷ decided (candidates with both results in), null when none is decided.
     */
    async stats(actor: Actor, year: number) {
      const sessions = (
        await selectSessions(db)
          .where(and(scope(actor), sql`extract(year from ${operatorExamSessions.heldOn}) = ${year}`))
          .orderBy(asc(operatorExamSessions.heldOn), asc(operatorExamSessions.id))
      ).map(withRate);
      const byInstitution = new Map<string, { institutionUscc: string; institutionName: string | null; sessions: number; candidates: number; decided: number; passed: number }>();
      for (const s of sessions) {
        const i = byInstitution.get(s.institutionUscc) ?? { institutionUscc: s.institutionUscc, institutionName: s.institutionName, sessions: 0, candidates: 0, decided: 0, passed: 0 };
        i.sessions += 1;
        i.candidates += s.candidates;
        i.decided += s.decided;
        i.passed += s.passed;
        byInstitution.set(s.institutionUscc, i);
      }
      const institutions = [...byInstitution.values()].sort((a, b) => a.institutionUscc.localeCompare(b.institutionUscc)).map(withRate);
      const total = sessions.reduce((t, s) => ({ candidates: t.candidates + s.candidates, decided: t.decided + s.decided, passed: t.passed + s.passed }), { candidates: 0, decided: 0, passed: 0 });
      return {
        year,
        sessions: sessions.map((s) => ({ sessionId: s.id, heldOn: s.heldOn, place: s.place, institutionUscc: s.institutionUscc, institutionName: s.institutionName, candidates: s.candidates, decided: s.decided, passed: s.passed, passRate: s.passRate })),
        institutions,
        total: withRate(total),
      };
    },
  };
}

export type Exams = ReturnType<typeof makeExams>;
