import { type SQL, and, asc, eq, gte, inArray, isNotNull, like, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { type ComplaintFilter, complaintListWhere } from '../handling/list-filter.js';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, type ComplaintKind, DEADLINE_KINDS, type DeadlineKind, complaintDeadlines, complaints } from '../complaints.schema.js';
import { complaintTopics } from '../routing/routing.schema.js';
import { CHANNEL_LABELS, DEADLINE_LABELS, KIND_LABELS, STATUS_LABELS, chinaDateTime } from './labels.js';
import { REPEAT_SUBJECT_THRESHOLD, repeatSubjects, twelveMonthsBefore } from './repeat-subjects.js';

/** The to-do kind of a repeat subject, for its competent bureau's handlers. */
export const REPEAT_SUBJECT_TODO_KIND = 'complaint.repeat_subject';

export interface StatsFilter {
  /** Items received on or after this China date. */
  from?: string;
  /** Items received on or before this China date. */
  to?: string;
  /** The region and the divisions below it. */
  regionCode?: string;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const monthsBetween = (from: string, to: string) => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
};

/** One keyset page of the list export (received time, then id). */
const exportPage = (db: Db, where: SQL | undefined, after: { at: Date; id: string } | null, limit: number) =>
  db
    .select({
      id: complaints.id,
      trackingNo: complaints.trackingNo,
      kind: complaints.kind,
      channel: complaints.channel,
      topic: sql<string>`coalesce(${complaintTopics.name}, ${complaints.topic})`,
      urgent: complaints.urgent,
      subjectName: complaints.subjectName,
      subjectUscc: complaints.subjectUscc,
      equipmentRegistrationNo: complaints.equipmentRegistrationNo,
      regionCode: complaints.regionCode,
      orgName: orgs.name,
      status: complaints.status,
      receivedAt: complaints.receivedAt,
      place: complaints.place,
      description: complaints.description,
      anonymous: complaints.anonymous,
      reporterNameMasked: complaints.reporterNameMasked,
      reporterPhoneMasked: complaints.reporterPhoneMasked,
      substantiated: complaints.substantiated,
      closedAt: complaints.closedAt,
      satisfied: complaints.satisfied,
    })
    .from(complaints)
    .leftJoin(complaintTopics, eq(complaintTopics.key, complaints.topic))
    .leftJoin(orgs, eq(orgs.id, complaints.orgId))
    .where(and(where, after ? sql`(${complaints.receivedAt}, ${complaints.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(limit);

/**
 * Statistics of complaints and reports (counts, on-time rates of the legal clocks, substantiated
 * rate, satisfaction, urgent items, repeat subjects), the exports of the statistics and of the
 * staff list (reporters masked), and the daily marking of repeat subjects.
 */
export function makeStatsService(deps: Pick<ComplaintsDeps, 'db' | 'todos' | 'jurisdiction'>) {
  const { db, todos, jurisdiction } = deps;

  function statsWhere(actor: Actor, filter: StatsFilter): SQL | undefined {
    if (filter.from && filter.to && filter.from > filter.to) throw invalid('to', '截止日期不能早于起始日期', 'INVALID_DATE');
    return and(
      visibleTo(actor, { regionCode: complaints.regionCode }),
      filter.from ? gte(complaints.receivedOn, filter.from) : undefined,
      filter.to ? lte(complaints.receivedOn, filter.to) : undefined,
      filter.regionCode ? like(complaints.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`) : undefined,
    );
  }

  async function stats(actor: Actor, filter: StatsFilter, today = todayInChina()) {
    const where = statsWhere(actor, filter);
    const count = (key: SQL) =>
      db
        .select({ key: sql<string>`${key}`, n: countAll })
        .from(complaints)
        .where(where)
        .groupBy(key)
        .orderBy(asc(key));
    const [kinds, channels, topics, counties, months, clocks, decided, rated, urgent] = await Promise.all([
      count(sql`${complaints.kind}`),
      count(sql`${complaints.channel}`),
      db
        .select({ topic: complaints.topic, name: sql<string>`coalesce(min(${complaintTopics.name}), ${complaints.topic})`, sort: sql<number>`coalesce(min(${complaintTopics.sort}), 99)`, n: countAll })
        .from(complaints)
        .leftJoin(complaintTopics, eq(complaintTopics.key, complaints.topic))
        .where(where)
        .groupBy(complaints.topic),
      db
        .select({ orgId: complaints.orgId, regionCode: sql<string>`min(${orgs.regionCode})`, name: sql<string>`min(${orgs.name})`, n: countAll })
        .from(complaints)
        .innerJoin(orgs, eq(orgs.id, complaints.orgId))
        .where(where)
        .groupBy(complaints.orgId),
      count(sql`to_char(${complaints.receivedOn}, 'YYYY-MM') || ' ' || ${complaints.kind}`),
      db
        .select({
          kind: complaintDeadlines.kind,
          metOnTime: sql<number>`count(*) filter (where ${complaintDeadlines.metOn} <= ${complaintDeadlines.dueOn})::int`,
          late: sql<number>`count(*) filter (where ${complaintDeadlines.metOn} > ${complaintDeadlines.dueOn} or (${complaintDeadlines.metOn} is null and ${complaintDeadlines.cancelledOn} is null and ${complaintDeadlines.dueOn} < ${today}))::int`,
          open: sql<number>`count(*) filter (where ${complaintDeadlines.metOn} is null and ${complaintDeadlines.cancelledOn} is null and ${complaintDeadlines.dueOn} >= ${today})::int`,
        })
        .from(complaintDeadlines)
        .innerJoin(complaints, eq(complaints.id, complaintDeadlines.complaintId))
        .where(where)
        .groupBy(complaintDeadlines.kind),
      db
        .select({ decided: countAll, substantiated: sql<number>`count(*) filter (where ${complaints.substantiated})::int` })
        .from(complaints)
        .where(and(where, inArray(complaints.kind, ['complaint', 'report']), isNotNull(complaints.substantiated))),
      db
        .select({ rated: countAll, satisfied: sql<number>`count(*) filter (where ${complaints.satisfied})::int` })
        .from(complaints)
        .where(and(where, isNotNull(complaints.satisfied))),
      db
        .select({
          count: countAll,
          acknowledged: sql<number>`count(${complaints.acknowledgedAt})::int`,
          meanAckMinutes: sql<string | null>`round((avg(extract(epoch from (${complaints.acknowledgedAt} - ${complaints.receivedAt}))) / 60)::numeric, 1)`,
        })
        .from(complaints)
        .where(and(where, eq(complaints.urgent, true))),
    ]);
    // Repeat subjects shown to the reader: those with an item in the reader's scope and the region asked for (whatever the dates).
    const visibleInRegion = and(visibleTo(actor, { regionCode: complaints.regionCode }), filter.regionCode ? like(complaints.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`) : undefined);
    const countOf = (rows: { key: string; n: number }[], key: string) => rows.find((r) => r.key === key)?.n ?? 0;
    const monthKeys = months.length || (filter.from && filter.to) ? monthsBetween((filter.from ?? months[0]!.key).slice(0, 7), (filter.to ?? months.at(-1)!.key).slice(0, 7)) : [];
    const inMonth = (month: string, kind: ComplaintKind) => countOf(months, `${month} ${kind}`);
    const clockOf = (kind: DeadlineKind) => clocks.find((c) => c.kind === kind) ?? { metOnTime: 0, late: 0, open: 0 };
    const d = decided[0] ?? { decided: 0, substantiated: 0 };
    const s = rated[0] ?? { rated: 0, satisfied: 0 };
    const u = urgent[0] ?? { count: 0, acknowledged: 0, meanAckMinutes: null };
    const subjects = await repeatSubjects(db, today, visibleInRegion);
    return {
      from: filter.from ?? null,
      to: filter.to ?? null,
      regionCode: filter.regionCode ?? null,
      total: kinds.reduce((sum, r) => sum + r.n, 0),
      byKind: COMPLAINT_KINDS.map((kind) => ({ kind, count: countOf(kinds, kind) })),
      byTopic: topics.sort((a, b) => a.sort - b.sort || a.topic.localeCompare(b.topic)).map((t) => ({ topic: t.topic, name: t.name, count: t.n })),
      byCounty: counties.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.orgId.localeCompare(b.orgId)).map((c) => ({ orgId: c.orgId, regionCode: c.regionCode, name: c.name, count: c.n })),
      byChannel: COMPLAINT_CHANNELS.map((channel) => ({ channel, count: countOf(channels, channel) })),
      byMonth: monthKeys.map((month) => {
        const byKind = Object.fromEntries(COMPLAINT_KINDS.map((kind) => [kind, inMonth(month, kind)])) as Record<ComplaintKind, number>;
        return { month, count: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
      }),
      onTime: DEADLINE_KINDS.map((kind) => {
        const c = clockOf(kind);
        const due = c.metOnTime + c.late;
        return { kind, due, metOnTime: c.metOnTime, late: c.late, open: c.open, rate: rate(c.metOnTime, due) };
      }),
      substantiated: { decided: d.decided, substantiated: d.substantiated, rate: rate(d.substantiated, d.decided) },
      satisfaction: { rated: s.rated, satisfied: s.satisfied, rate: rate(s.satisfied, s.rated) },
      urgent: { count: u.count, acknowledged: u.acknowledged, meanAckMinutes: u.meanAckMinutes === null ? null : Number(u.meanAckMinutes) },
      repeatSubjects: subjects.map((r) => ({ ...r, marked: true as const })),
      repeatSubjectThreshold: REPEAT_SUBJECT_THRESHOLD,
      repeatSubjectsSince: twelveMonthsBefore(today),
    };
  }

  type Stats = Awaited<ReturnType<typeof stats>>;

  /** The statistics as spreadsheet rows: one table of (statistic, item, count, remark). */
  async function* statsRows(s: Stats): AsyncGenerator<string[]> {
    const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
    yield ['统计项', '项目', '数量', '说明'];
    yield ['统计范围', `${s.from ?? '不限'} 至 ${s.to ?? '不限'}`, String(s.total), s.regionCode ? `区域 ${s.regionCode}` : '全部区域（数据范围内）'];
    for (const r of s.byKind) yield ['按类型', KIND_LABELS[r.kind], String(r.count), ''];
    for (const r of s.byTopic) yield ['按专业', r.name, String(r.count), ''];
    for (const r of s.byCounty) yield ['按县区', r.name, String(r.count), r.regionCode];
    for (const r of s.byChannel) yield ['按渠道', CHANNEL_LABELS[r.channel], String(r.count), ''];
    for (const r of s.byMonth) yield ['按月份', r.month, String(r.count), ''];
    for (const r of s.onTime) yield ['按期办结率', DEADLINE_LABELS[r.kind], String(r.due), `按期 ${r.metOnTime}，逾期 ${r.late}，未到期 ${r.open}，按期率 ${pct(r.rate)}`];
    yield ['属实率', '已核查的投诉和举报', String(s.substantiated.decided), `属实 ${s.substantiated.substantiated}，属实率 ${pct(s.substantiated.rate)}`];
    yield ['满意度', '已评价', String(s.satisfaction.rated), `满意 ${s.satisfaction.satisfied}，满意率 ${pct(s.satisfaction.rate)}`];
    yield ['紧急件', '紧急件', String(s.urgent.count), `已响应 ${s.urgent.acknowledged}，平均响应 ${s.urgent.meanAckMinutes ?? '—'} 分钟`];
    for (const r of s.repeatSubjects) yield ['重复被投诉举报对象', `${r.name}（${r.uscc}）`, String(r.count), `${s.repeatSubjectsSince} 以来属实，列为重点检查对象`];
  }

  /** The filtered staff list as spreadsheet rows, reporters masked, in the order received (keyset pages: constant memory). */
  async function* listRows(actor: Actor, filter: ComplaintFilter): AsyncGenerator<string[]> {
    yield ['受理编号', '类型', '渠道', '专业', '紧急', '被投诉举报对象', '统一社会信用代码', '设备注册代码', '区域', '承办单位', '状态', '收到时间', '事发地点', '内容', '投诉举报人', '联系电话', '是否属实', '办结时间', '满意度'];
    const where = complaintListWhere(actor, filter, todayInChina());
    const BATCH = 1000;
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const page = await exportPage(db, where, after, BATCH);
      for (const c of page) {
        yield [
          c.trackingNo,
          KIND_LABELS[c.kind],
          CHANNEL_LABELS[c.channel],
          c.topic,
          c.urgent ? '是' : '',
          c.subjectName ?? '',
          c.subjectUscc ?? '',
          c.equipmentRegistrationNo ?? '',
          c.regionCode,
          c.orgName ?? '',
          STATUS_LABELS[c.status],
          chinaDateTime(c.receivedAt),
          c.place ?? '',
          c.description,
          c.anonymous ? '匿名' : (c.reporterNameMasked ?? ''),
          c.anonymous ? '' : (c.reporterPhoneMasked ?? ''),
          c.substantiated === null ? '' : c.substantiated ? '属实' : '不属实',
          c.closedAt ? chinaDateTime(c.closedAt) : '',
          c.satisfied === null ? '' : c.satisfied ? '满意' : '不满意',
        ];
      }
      if (page.length < BATCH) return;
      const last = page.at(-1)!;
      after = { at: last.receivedAt, id: last.id };
    }
  }

  return {
    stats,
    statsRows,
    listRows,

    /**
     * The daily step (job `complaints.repeat-subjects`): each repeat subject (≥ 3 substantiated
     * complaints or reports received in the last 12 months) is marked for targeted inspection by a
     * to-do `complaint.repeat_subject` for its competent bureau's handlers (`complaint.write`), link
     * `/enterprises/<uscc>`; a subject no longer over the threshold has its to-do resolved. Keyed by
     * USCC: a re-run creates nothing.
     */
    async markRepeatSubjects(today = todayInChina()) {
      return inTransaction(db, async (tx) => {
        const bureauFor = jurisdiction.competentBureauIds(tx);
        const wanted: TodoSpec[] = [];
        for (const s of await repeatSubjects(tx, today)) {
          wanted.push({
            key: `${REPEAT_SUBJECT_TODO_KIND}:${s.uscc}`,
            subjectType: 'enterprise',
            subjectId: s.uscc,
            title: `${s.name}（${s.uscc}）近 12 个月被投诉举报属实 ${s.count} 件，列为重点检查对象`,
            params: { name: s.name, uscc: s.uscc, count: String(s.count) },
            link: `/enterprises/${s.uscc}`,
            dueOn: null,
            orgId: await bureauFor(s.regionCode),
            sectionId: null,
            permission: 'complaint.write',
            regionCode: s.regionCode,
          });
        }
        return { subjects: wanted.length, ...(await todos.sync(tx, REPEAT_SUBJECT_TODO_KIND, wanted)) };
      });
    },
  };
}

export type StatsService = ReturnType<typeof makeStatsService>;
