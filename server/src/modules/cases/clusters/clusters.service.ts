import { type SQL, and, arrayContains, asc, count, desc, eq, ilike, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix, regionWithin, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { substantiatedComplaintCounts, twelveMonthsBefore } from '../../complaints/index.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { inspectionResultsOf } from '../../inspections/index.js';
import { SPOTCHECK_RESULT_YEARS, spotcheckResultsOf } from '../../spotchecks/index.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { CASE_STAGES, type CaseStage, cases } from '../cases.schema.js';
import type { CasesService } from '../lifecycle/cases.service.js';
import { caseScope } from '../lifecycle/scope.js';
import {
  CLUSTER_MEASURE_KINDS,
  CLUSTER_MEMBER_MODES,
  type ClusterMeasureKind,
  type ClusterMemberMode,
  type RiskProblem,
  clusterMeasures,
  clusterMembers,
  clusters,
  riskNotices,
} from './clusters.schema.js';
import { renderRiskNotice } from './notice-document.js';

export const EVIDENCE_TYPES = ['inspection_task', 'case', 'complaint', 'spot_check', 'text'] as const;
export const MEASURE_NAMES: Record<ClusterMeasureKind, string> = { enforcement_advice: '稽查建议', technical_guidance: '技术指导', public_guidance: '舆论引导', other: '其他措施' };

/** The to-do kind of a risk notice whose reply is overdue. */
export const REPLY_OVERDUE_TODO = 'cluster.reply_overdue';

/** How long a reply may be asked for at most (days after issue). */
export const REPLY_DAYS_MAX = 180;
/** Problems per notice, evidence items per problem. */
export const PROBLEMS_MAX = 30;
export const EVIDENCE_MAX = 20;

export interface ClusterInput {
  name: string;
  regionCode?: string;
  memberMode: ClusterMemberMode;
  tag?: string | null;
  industry?: string | null;
  description?: string | null;
}

export interface ClusterPatch {
  name?: string;
  tag?: string | null;
  industry?: string | null;
  description?: string | null;
}

export interface RiskNoticeInput {
  government: string;
  issuedOn?: string;
  problems: RiskProblem[];
  recommendations: string;
  replyDueOn: string;
}

type Cluster = typeof clusters.$inferSelect;
type Notice = typeof riskNotices.$inferSelect;

const optionalText = (v: string | null | undefined, field: string, label: string, max: number) => {
  const t = v?.trim() || null;
  if (t && t.length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return t;
};

/**
 * 产业集聚区 (README.md): clusters and their members (by register tag or by list), the overview of
 * the members' results, 质量风险提示函 to the local government with the reply and follow-ups,
 * measures, the demonstration zone, and the to-dos of overdue replies.
 */
export function makeClustersService(deps: CasesDeps & { cases: CasesService }) {
  const { db, audit } = deps;
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: clusters.regionCode, orgId: clusters.orgId });

  async function find(tx: Db, actor: Actor | null, id: string, lock = false): Promise<Cluster> {
    const query = tx
      .select()
      .from(clusters)
      .where(and(eq(clusters.id, id), actor ? scopeOf(actor) : undefined));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('产业集聚区');
    return row;
  }

  /** The SQL condition of a cluster's members among `enterprises`: the tag within the region, or the list. */
  function membersWhere(c: Cluster): SQL {
    if (c.memberMode === 'tag') return and(arrayContains(enterprises.tags, [c.tag ?? '']), like(enterprises.regionCode, `${escapeLike(regionPrefix(c.regionCode))}%`))!;
    return sql`${enterprises.id} in (select ${clusterMembers.enterpriseId} from ${clusterMembers} where ${clusterMembers.clusterId} = ${c.id})`;
  }

  async function memberCount(tx: Db, c: Cluster) {
    const [row] = await tx.select({ n: count() }).from(enterprises).where(membersWhere(c));
    return Number(row?.n ?? 0);
  }

  async function memberUsccs(tx: Db, c: Cluster) {
    return (await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(membersWhere(c)).orderBy(asc(enterprises.uscc))).map((r) => r.uscc);
  }

  async function checkRegion(tx: Db, actor: Actor, regionCode: string) {
    if (!/^\d{6}$/.test(regionCode)) throw invalid('regionCode', '行政区划代码应为 6 位数字');
    const resolve = await deps.jurisdiction.regionResolver(tx);
    if (!resolve(regionCode)) throw new AppError('REGION_UNKNOWN', `未知的行政区划代码：${regionCode}`, 400, { field: 'regionCode' });
    if (actor.dataScope !== 'all' && !regionWithin(regionCode, actor.regionCode)) throw forbidden('只能在本辖区内设立产业集聚区');
  }

  /** Names are unique: a clash answers 409 DUPLICATE_NAME. */
  async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (pgErrorOf(err)?.code === '23505') throw new AppError('DUPLICATE_NAME', '已有同名的产业集聚区', 409, { field: 'name' });
      throw err;
    }
  }

  function checkTag(mode: ClusterMemberMode, tag: string | null | undefined) {
    const t = optionalText(tag, 'tag', '企业标签', 50);
    if (mode === 'tag' && !t) throw invalid('tag', '按标签确定成员的产业集聚区须填写企业标签');
    return mode === 'tag' ? t : null;
  }

  /** The bureau that issues a notice: the actor's bureau (a city section issues in its bureau's name). */
  async function issuerOf(tx: Db, orgId: string) {
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    if (org?.type === 'city_section' && org.parentId) {
      const [parent] = await tx.select().from(orgs).where(eq(orgs.id, org.parentId));
      if (parent) return parent;
    }
    return org!;
  }

  /** `<short>质险〔year〕n号`, n one more than the year's highest of that bureau (under a lock: no two alike). */
  async function nextNoticeNo(tx: Db, short: string, year: number) {
    return nextDocumentNo(tx, riskNotices.documentNo, `${short}质险〔${year}〕`);
  }

  function checkProblems(problems: RiskProblem[]): RiskProblem[] {
    if (!Array.isArray(problems) || problems.length === 0) throw invalid('problems', '请列明至少一项发现的问题');
    if (problems.length > PROBLEMS_MAX) throw invalid('problems', `问题不能超过 ${PROBLEMS_MAX} 项`);
    return problems.map((p, i) => {
      const title = requireText(p.title, `problems.${i}.title`, '问题', 200);
      const detail = requireText(p.detail, `problems.${i}.detail`, '问题描述', 2000);
      const evidence = p.evidence ?? [];
      if (evidence.length > EVIDENCE_MAX) throw invalid(`problems.${i}.evidence`, `每项问题的证据不能超过 ${EVIDENCE_MAX} 条`);
      return {
        title,
        detail,
        evidence: evidence.map((e, j) => {
          if (!EVIDENCE_TYPES.includes(e.type)) throw invalid(`problems.${i}.evidence.${j}.type`, `未知的证据类别：${e.type}`);
          return { type: e.type, ref: optionalText(e.ref, `problems.${i}.evidence.${j}.ref`, '证据编号', 100) ?? '', label: requireText(e.label, `problems.${i}.evidence.${j}.label`, '证据说明', 300) };
        }),
      };
    });
  }

  async function findNotice(tx: Db, actor: Actor, id: string, lock = false) {
    const query = tx
      .select({ notice: riskNotices })
      .from(riskNotices)
      .innerJoin(clusters, eq(clusters.id, riskNotices.clusterId))
      .where(and(eq(riskNotices.id, id), scopeOf(actor)));
    const [row] = lock ? await query.for('update', { of: riskNotices }) : await query;
    if (!row) throw notFound('质量风险提示函');
    return row.notice;
  }

  /** A notice as the API shows it: `overdue` when awaiting a reply after its due date. */
  const noticeView = (n: Notice, today = todayInChina()) => ({ ...n, overdue: n.status === 'awaiting_reply' && n.replyDueOn < today });

  async function changeNotice(ctx: Ctx, id: string, expected: ExpectedVersion, change: (n: Notice) => Partial<Notice>, action: string) {
    return inTransaction(db, async (tx) => {
      const n = await findNotice(tx, ctx.actor, id, true);
      assertVersion(expected, n.version);
      const set = change(n);
      const [row] = await tx
        .update(riskNotices)
        .set({ ...set, version: nextVersion(riskNotices.version) })
        .where(eq(riskNotices.id, id))
        .returning();
      if (row!.status !== 'awaiting_reply') await deps.todos.resolveSubject(tx, REPLY_OVERDUE_TODO, id);
      await audit.record(tx, ctx, { action: `cluster_risk_notice.${action}`, targetType: 'cluster_risk_notice', targetId: id, after: set });
      return noticeView(row!);
    });
  }

  async function wantedReplyTodos(tx: Db, today: string): Promise<TodoSpec[]> {
    const rows = await tx
      .select({ id: riskNotices.id, documentNo: riskNotices.documentNo, government: riskNotices.government, replyDueOn: riskNotices.replyDueOn, clusterId: clusters.id, clusterName: clusters.name, orgId: clusters.orgId, regionCode: clusters.regionCode })
      .from(riskNotices)
      .innerJoin(clusters, eq(clusters.id, riskNotices.clusterId))
      .where(and(eq(riskNotices.status, 'awaiting_reply'), lt(riskNotices.replyDueOn, today)))
      .orderBy(asc(riskNotices.replyDueOn), asc(riskNotices.id));
    return rows.map((r) => ({
      key: `${REPLY_OVERDUE_TODO}:${r.id}:${r.replyDueOn}`,
      subjectType: 'cluster_risk_notice',
      subjectId: r.id,
      title: `${r.government}对质量风险提示函（${r.documentNo}，${r.clusterName}）的回复已于 ${r.replyDueOn} 逾期`,
      params: { documentNo: r.documentNo, government: r.government, cluster: r.clusterName, date: r.replyDueOn },
      link: `/clusters/${r.clusterId}`,
      dueOn: r.replyDueOn,
      orgId: r.orgId,
      sectionId: null,
      permission: 'cluster.manage',
      regionCode: r.regionCode,
    }));
  }

  return {
    find,
    memberUsccs,

    async create(ctx: Ctx, input: ClusterInput) {
      const name = requireText(input.name, 'name', '名称', 100);
      if (!CLUSTER_MEMBER_MODES.includes(input.memberMode)) throw invalid('memberMode', '成员确定方式应为 tag 或 list');
      const tag = checkTag(input.memberMode, input.tag);
      const industry = optionalText(input.industry, 'industry', '产业', 100);
      const description = optionalText(input.description, 'description', '说明', 2000);
      const regionCode = input.regionCode ?? ctx.actor.regionCode;
      return uniqueName(() =>
        inTransaction(db, async (tx) => {
          await checkRegion(tx, ctx.actor, regionCode);
          const [row] = await tx.insert(clusters).values({ name, regionCode, orgId: ctx.actor.orgId, memberMode: input.memberMode, tag, industry, description, createdByName: ctx.actor.name }).returning();
          await audit.record(tx, ctx, { action: 'cluster.created', targetType: 'cluster', targetId: row!.id, after: row });
          return { ...row!, memberCount: await memberCount(tx, row!) };
        }),
      );
    },

    async list(actor: Actor, filter: { q?: string; regionCode?: string; demonstrationZone?: boolean }, page: Page) {
      const conds: (SQL | undefined)[] = [scopeOf(actor)];
      if (filter.q?.trim()) conds.push(ilike(clusters.name, `%${escapeLike(filter.q.trim())}%`));
      if (filter.regionCode) conds.push(like(clusters.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
      if (filter.demonstrationZone !== undefined) conds.push(eq(clusters.demonstrationZone, filter.demonstrationZone));
      const where = and(...conds);
      const openNotices = sql<number>`(select count(*)::int from ${riskNotices} where ${riskNotices.clusterId} = ${clusters.id} and ${riskNotices.status} = 'awaiting_reply')`;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: clusters.id,
            name: clusters.name,
            regionCode: clusters.regionCode,
            regionName: regions.name,
            memberMode: clusters.memberMode,
            tag: clusters.tag,
            industry: clusters.industry,
            demonstrationZone: clusters.demonstrationZone,
            demonstrationOn: clusters.demonstrationOn,
            awaitingReply: openNotices,
            version: clusters.version,
            createdAt: clusters.createdAt,
          })
          .from(clusters)
          .leftJoin(regions, eq(regions.code, clusters.regionCode))
          .where(where)
          .orderBy(asc(clusters.name), asc(clusters.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(clusters).where(where),
      ]);
      return { items: rows, total: Number(total?.n ?? 0) };
    },

    async get(actor: Actor, id: string) {
      const c = await find(db, actor, id);
      return { ...c, memberCount: await memberCount(db, c) };
    },

    async update(ctx: Ctx, id: string, patch: ClusterPatch, expected?: ExpectedVersion) {
      return uniqueName(() =>
        inTransaction(db, async (tx) => {
          const c = await find(tx, ctx.actor, id, true);
          assertVersion(expected, c.version);
          const set: Partial<Cluster> = {};
          if (patch.name !== undefined) set.name = requireText(patch.name, 'name', '名称', 100);
          if (patch.tag !== undefined) {
            if (c.memberMode !== 'tag') throw invalid('tag', '按名单确定成员的产业集聚区没有企业标签');
            set.tag = checkTag('tag', patch.tag);
          }
          if (patch.industry !== undefined) set.industry = optionalText(patch.industry, 'industry', '产业', 100);
          if (patch.description !== undefined) set.description = optionalText(patch.description, 'description', '说明', 2000);
          const [row] = await tx
            .update(clusters)
            .set({ ...set, version: nextVersion(clusters.version), updatedAt: new Date() })
            .where(eq(clusters.id, id))
            .returning();
          await audit.record(tx, ctx, { action: 'cluster.updated', targetType: 'cluster', targetId: id, before: c, after: set });
          return { ...row!, memberCount: await memberCount(tx, row!) };
        }),
      );
    },

    /** Deletes a cluster without notices (a notice is an official document: a cluster that issued one stays). */
    async remove(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, true);
        assertVersion(expected, c.version);
        const [n] = await tx.select({ n: count() }).from(riskNotices).where(eq(riskNotices.clusterId, id));
        if (Number(n?.n ?? 0) > 0) throw new AppError('CLUSTER_HAS_NOTICES', '该产业集聚区已发出质量风险提示函，不能删除', 409);
        await tx.delete(clusters).where(eq(clusters.id, id));
        await audit.record(tx, ctx, { action: 'cluster.deleted', targetType: 'cluster', targetId: id, before: c });
      });
    },

    async members(actor: Actor, id: string, filter: { q?: string }, page: Page) {
      const c = await find(db, actor, id);
      const where = and(membersWhere(c), filter.q?.trim() ? or(ilike(enterprises.name, `%${escapeLike(filter.q.trim())}%`), ilike(enterprises.uscc, `%${escapeLike(filter.q.trim())}%`)) : undefined);
      const [items, [total]] = await Promise.all([
        db
          .select({ enterpriseId: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode, status: enterprises.status, creditClass: enterprises.creditClass })
          .from(enterprises)
          .where(where)
          .orderBy(asc(enterprises.name), asc(enterprises.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(enterprises).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** Adds an enterprise of the cluster's region to a list cluster (409 in tag mode, 409 when already a member). */
    async addMember(ctx: Ctx, id: string, uscc: string) {
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, true);
        if (c.memberMode !== 'list') throw new AppError('TAG_MODE', '该产业集聚区按企业标签确定成员，请在企业名录中维护标签', 409);
        const code = normalizeUscc(uscc ?? '');
        const [e] = await tx.select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, code));
        if (!e) throw invalid('uscc', '企业名录中没有该统一社会信用代码的企业', 'ENTERPRISE_NOT_FOUND');
        if (!regionWithin(e.regionCode, c.regionCode)) throw invalid('uscc', `${e.name}不在该产业集聚区的区划内`, 'OUT_OF_REGION');
        const added = await tx.insert(clusterMembers).values({ clusterId: id, enterpriseId: e.id }).onConflictDoNothing().returning();
        if (added.length === 0) throw new AppError('ALREADY_MEMBER', `${e.name}已是该产业集聚区的成员`, 409);
        await tx.update(clusters).set({ version: nextVersion(clusters.version), updatedAt: new Date() }).where(eq(clusters.id, id));
        await audit.record(tx, ctx, { action: 'cluster.member_added', targetType: 'cluster', targetId: id, after: { uscc: e.uscc } });
        return { enterpriseId: e.id, uscc: e.uscc, name: e.name, regionCode: e.regionCode, addedAt: added[0]!.addedAt };
      });
    },

    async removeMember(ctx: Ctx, id: string, uscc: string) {
      await inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, true);
        if (c.memberMode !== 'list') throw new AppError('TAG_MODE', '该产业集聚区按企业标签确定成员，请在企业名录中维护标签', 409);
        const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, normalizeUscc(uscc)));
        const removed = e ? await tx.delete(clusterMembers).where(and(eq(clusterMembers.clusterId, id), eq(clusterMembers.enterpriseId, e.id))).returning() : [];
        if (removed.length === 0) throw notFound('成员');
        await tx.update(clusters).set({ version: nextVersion(clusters.version), updatedAt: new Date() }).where(eq(clusters.id, id));
        await audit.record(tx, ctx, { action: 'cluster.member_removed', targetType: 'cluster', targetId: id, before: { uscc } });
      });
    },

    /**
     * The cluster's page: members, their completed inspections' results, substantiated complaints
     * and reports of the last 12 months, the cases against them the reader may see, the final
     * results of their product-quality spot checks of the last three years (the bureau's internal
     * record, published or not: the page is staff-only), notices and measures.
     */
    async overview(actor: Actor, id: string, today = todayInChina()) {
      const c = await find(db, actor, id);
      const members = await db.select({ uscc: enterprises.uscc, name: enterprises.name }).from(enterprises).where(membersWhere(c)).orderBy(asc(enterprises.uscc));
      const usccs = members.map((m) => m.uscc);
      const nameOf = new Map(members.map((m) => [m.uscc, m.name]));
      const results = await inspectionResultsOf(db, usccs);
      const spotYear = Number(today.slice(0, 4)) - (SPOTCHECK_RESULT_YEARS - 1);
      const samples = await spotcheckResultsOf(db, usccs, { fromYear: spotYear });
      const since = twelveMonthsBefore(today);
      const complaintCounts = await substantiatedComplaintCounts(db, usccs, since);
      const caseRows = usccs.length
        ? await db
            .select({ id: cases.id, caseNo: cases.caseNo, stage: cases.stage, partyName: cases.partyName, uscc: cases.uscc, summary: cases.summary, foundOn: cases.foundOn, decidedOn: cases.decidedOn, penaltyText: cases.penaltyText })
            .from(cases)
            .where(and(inArray(cases.uscc, usccs), caseScope(actor)))
            .orderBy(desc(cases.foundOn), desc(cases.id))
        : [];
      const byStage = Object.fromEntries(CASE_STAGES.map((s) => [s, 0])) as Record<CaseStage, number>;
      for (const k of caseRows) byStage[k.stage] += 1;
      const notices = await db.select().from(riskNotices).where(eq(riskNotices.clusterId, id)).orderBy(desc(riskNotices.issuedOn), desc(riskNotices.id));
      const measures = await db.select().from(clusterMeasures).where(eq(clusterMeasures.clusterId, id)).orderBy(desc(clusterMeasures.takenOn), desc(clusterMeasures.id));
      const complaints = [...complaintCounts.entries()].map(([uscc, n]) => ({ uscc, name: nameOf.get(uscc) ?? uscc, count: n })).sort((a, b) => b.count - a.count || a.uscc.localeCompare(b.uscc));
      return {
        id: c.id,
        name: c.name,
        memberCount: members.length,
        inspections: {
          total: results.length,
          withFindings: results.filter((r) => r.findings.length > 0).length,
          enterprisesChecked: new Set(results.map((r) => r.uscc)).size,
          items: results.map((r) => ({ ...r, name: nameOf.get(r.uscc) ?? r.uscc })),
        },
        complaints: { since, total: complaints.reduce((s, x) => s + x.count, 0), byEnterprise: complaints },
        cases: { total: caseRows.length, byStage, items: caseRows },
        spotChecks: {
          fromYear: spotYear,
          total: samples.length,
          failed: samples.filter((r) => r.finalConclusion === 'fail').length,
          items: samples.map(({ enterpriseName, ...r }) => ({ ...r, name: nameOf.get(r.uscc) ?? enterpriseName ?? r.uscc })),
        },
        notices: notices.map((n) => noticeView(n, today)),
        measures,
      };
    },

    async issueNotice(ctx: Ctx, clusterId: string, input: RiskNoticeInput) {
      const government = requireText(input.government, 'government', '致送的人民政府', 100);
      const today = todayInChina();
      const issuedOn = input.issuedOn ? requireDate(input.issuedOn, 'issuedOn', '发函日期') : today;
      if (issuedOn > today) throw invalid('issuedOn', '发函日期不能晚于今天');
      const replyDueOn = requireDate(input.replyDueOn, 'replyDueOn', '回复期限');
      if (replyDueOn <= issuedOn) throw invalid('replyDueOn', '回复期限应晚于发函日期');
      const problems = checkProblems(input.problems);
      const recommendations = requireText(input.recommendations, 'recommendations', '建议', 5000);
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, clusterId, true);
        // The cluster's bureau issues it (the one that set the cluster up; a city section in its bureau's name).
        const issuer = await issuerOf(tx, c.orgId);
        const documentNo = await nextNoticeNo(tx, issuer.shortName?.trim() || issuer.name, Number(issuedOn.slice(0, 4)));
        const [row] = await tx.insert(riskNotices).values({ clusterId: c.id, documentNo, government, issuedOn, problems, recommendations, replyDueOn, createdByName: ctx.actor.name }).returning();
        await audit.record(tx, ctx, { action: 'cluster_risk_notice.issued', targetType: 'cluster_risk_notice', targetId: row!.id, after: { clusterId: c.id, documentNo, government, issuedOn, replyDueOn } });
        return noticeView(row!, today);
      });
    },

    async notices(actor: Actor, clusterId: string, page: Page) {
      await find(db, actor, clusterId);
      const where = eq(riskNotices.clusterId, clusterId);
      const [rows, [total]] = await Promise.all([
        db.select().from(riskNotices).where(where).orderBy(desc(riskNotices.issuedOn), desc(riskNotices.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: count() }).from(riskNotices).where(where),
      ]);
      return { items: rows.map((n) => noticeView(n)), total: Number(total?.n ?? 0) };
    },

    getNotice: async (actor: Actor, id: string) => noticeView(await findNotice(db, actor, id)),

    /** The 质量风险提示函 (.docx) from the notice's record. */
    async noticeDocument(actor: Actor, id: string) {
      const n = await findNotice(db, actor, id);
      const c = await find(db, actor, n.clusterId);
      const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, c.regionCode));
      const issuer = await issuerOf(db, c.orgId);
      return renderRiskNotice({ documentNo: n.documentNo, bureau: issuer.name, government: n.government, cluster: c.name, regionName: region?.name ?? c.regionCode, industry: c.industry, memberCount: await memberCount(db, c), issuedOn: n.issuedOn, problems: n.problems, recommendations: n.recommendations, replyDueOn: n.replyDueOn });
    },

    reply: (ctx: Ctx, id: string, input: { repliedOn: string; reply: string }, expected?: ExpectedVersion) =>
      changeNotice(
        ctx,
        id,
        expected,
        (n) => {
          if (n.status !== 'awaiting_reply') throw new AppError('INVALID_STATUS', '该提示函已登记回复', 409, { status: n.status });
          const repliedOn = requireDate(input.repliedOn, 'repliedOn', '回复日期');
          if (repliedOn < n.issuedOn || repliedOn > todayInChina()) throw invalid('repliedOn', '回复日期应在发函日期与今天之间');
          return { status: 'replied', repliedOn, reply: requireText(input.reply, 'reply', '回复内容', 5000) };
        },
        'replied',
      ),

    followUp: (ctx: Ctx, id: string, input: { on: string; note: string }, expected?: ExpectedVersion) =>
      changeNotice(
        ctx,
        id,
        expected,
        (n) => {
          if (n.status === 'closed') throw new AppError('INVALID_STATUS', '该提示函已办结', 409, { status: n.status });
          const on = requireDate(input.on, 'on', '跟踪日期');
          if (on < n.issuedOn || on > todayInChina()) throw invalid('on', '跟踪日期应在发函日期与今天之间');
          const note = requireText(input.note, 'note', '跟踪情况', 2000);
          if (n.followUps.length >= 100) throw invalid('note', '跟踪记录已达上限');
          return { followUps: [...n.followUps, { on, note, byName: ctx.actor.name }] };
        },
        'followed_up',
      ),

    close: (ctx: Ctx, id: string, input: { closedOn?: string }, expected?: ExpectedVersion) =>
      changeNotice(
        ctx,
        id,
        expected,
        (n) => {
          if (n.status === 'awaiting_reply') throw new AppError('REPLY_PENDING', '地方政府尚未回复，请先登记回复', 409, { status: n.status });
          if (n.status === 'closed') throw new AppError('INVALID_STATUS', '该提示函已办结', 409, { status: n.status });
          const closedOn = input.closedOn ? requireDate(input.closedOn, 'closedOn', '办结日期') : todayInChina();
          if (closedOn < (n.repliedOn ?? n.issuedOn) || closedOn > todayInChina()) throw invalid('closedOn', '办结日期应在回复日期与今天之间');
          return { status: 'closed', closedOn };
        },
        'closed',
      ),

    async addMeasure(ctx: Ctx, clusterId: string, input: { kind: ClusterMeasureKind; takenOn: string; description: string }) {
      if (!CLUSTER_MEASURE_KINDS.includes(input.kind)) throw invalid('kind', `未知的措施类别：${input.kind}`);
      const takenOn = requireDate(input.takenOn, 'takenOn', '采取措施日期');
      if (takenOn > todayInChina()) throw invalid('takenOn', '采取措施日期不能晚于今天');
      const description = requireText(input.description, 'description', '措施内容', 2000);
      return inTransaction(db, async (tx) => {
        await find(tx, ctx.actor, clusterId);
        const [row] = await tx.insert(clusterMeasures).values({ clusterId, kind: input.kind, takenOn, description, createdByName: ctx.actor.name }).returning();
        await audit.record(tx, ctx, { action: 'cluster.measure_added', targetType: 'cluster', targetId: clusterId, after: row });
        return row!;
      });
    },

    async measures(actor: Actor, clusterId: string, page: Page) {
      await find(db, actor, clusterId);
      const where = eq(clusterMeasures.clusterId, clusterId);
      const [items, [total]] = await Promise.all([
        db.select().from(clusterMeasures).where(where).orderBy(desc(clusterMeasures.takenOn), desc(clusterMeasures.createdAt), desc(clusterMeasures.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: count() }).from(clusterMeasures).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** Marks (with the date, default today) or unmarks an 优质产品生产示范区; If-Match. */
    async setDemonstration(ctx: Ctx, id: string, input: { demonstrationZone: boolean; demonstrationOn?: string | null; note?: string | null }, expected?: ExpectedVersion) {
      const note = optionalText(input.note, 'note', '说明', 2000);
      let on: string | null = null;
      if (input.demonstrationZone) {
        on = input.demonstrationOn ? requireDate(input.demonstrationOn, 'demonstrationOn', '认定日期') : todayInChina();
        if (on > todayInChina()) throw invalid('demonstrationOn', '认定日期不能晚于今天');
      }
      return inTransaction(db, async (tx) => {
        const c = await find(tx, ctx.actor, id, true);
        assertVersion(expected, c.version);
        const set = { demonstrationZone: input.demonstrationZone, demonstrationOn: on, demonstrationNote: note };
        const [row] = await tx
          .update(clusters)
          .set({ ...set, version: nextVersion(clusters.version), updatedAt: new Date() })
          .where(eq(clusters.id, id))
          .returning();
        await audit.record(tx, ctx, { action: 'cluster.demonstration', targetType: 'cluster', targetId: id, before: { demonstrationZone: c.demonstrationZone, demonstrationOn: c.demonstrationOn }, after: set });
        return { ...row!, memberCount: await memberCount(tx, row!) };
      });
    },

    /**
     * Job `cases.cluster-replies` (daily): a notice still awaiting its reply after `replyDueOn` is a
     * to-do `cluster.reply_overdue` for the issuing office's cluster.manage holders; a reply resolves it.
     */
    async syncReplyTodos(today = todayInChina()) {
      return inTransaction(db, async (tx) => deps.todos.sync(tx, REPLY_OVERDUE_TODO, await wantedReplyTodos(tx, today)));
    },
  };
}

export type ClustersService = ReturnType<typeof makeClustersService>;
