import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../platform/http/errors.js';
import { creditEventsSql } from '../events/credit-events.js';

/**
 * The archive's timeline: every credit event of the enterprise (the event union, `../events/`)
 * and the credit module's own history (class changes, overrides, listing steps including credit
 * repair), newest first. See README.md § Timeline.
 */

/** Areas of the timeline: the part of a kind before its dot. */
export const TIMELINE_AREAS = ['licence', 'inspection', 'spotcheck', 'equipment', 'complaint', 'case', 'commitment', 'credit'] as const;
export type TimelineArea = (typeof TIMELINE_AREAS)[number];

export interface TimelineItem {
  on: string;
  kind: string;
  area: TimelineArea;
  title: string;
  ref: { type: string; id: string };
}

export interface TimelineFilter {
  area?: TimelineArea;
  from?: string;
  to?: string;
}

/** How the caller pages: by page number, or after the cursor (`before`) that ended the previous page. */
export type TimelinePaging = { page: number; pageSize: number; before?: string };

const CHINA_DAY = (col: string) => `(${col} at time zone 'Asia/Shanghai')::date`;

/** `case <col> when 'k' then 'v' … else <col> end` from a label map (the labels are constants). */
const labelOf = (col: string, labels: Record<string, string>) =>
  `case ${col} ${Object.entries(labels)
    .map(([k, v]) => `when '${k}' then '${v}'`)
    .join(' ')} else ${col} end`;

const CAUSE_LABELS = { score: '评分变化', override: '人工调整', override_ended: '人工调整结束', listed: '列入严重违法失信名单', unlisted: '移出严重违法失信名单', model: '评价模型更新' };
const STEP_LABELS = {
  proposed: '提出拟列入',
  noticed: '送达列入告知书',
  answered: '企业陈述申辩',
  listed: '决定列入',
  not_listed: '决定不予列入',
  revoked: '撤销列入',
  expired: '列入期满移出',
  repair_applied: '申请信用修复',
  repaired: '准予信用修复，移出名单',
  repair_refused: '信用修复申请不予准许',
};

/**
 * The credit module's own history rows of the enterprise `uscc`, with a unique `key` each: class
 * changes, overrides made and ended, listing steps, evaluators' ratings (withdrawn ones marked).
 * Names of officers, the enterprise's statements and notes are left out (the title says what happened).
 */
const ownHistory = (uscc: string): SQL => sql`
  select 'credit.class_changed'::text as kind, ${sql.raw(CHINA_DAY('h.at'))} as on_date, 'credit_class_change'::text as ref_type, h.id::text as ref_id, h.id::text as key,
         ('信用等级 ' || coalesce(h.from_class, '未评定') || ' → ' || h.to_class || '（' || ${sql.raw(labelOf('h.cause', CAUSE_LABELS))} || coalesce('，评分 ' || h.score::text, '') || '）')::text as title
    from credit_class_history h where h.uscc = ${uscc}
  union all
  select 'credit.override', ${sql.raw(CHINA_DAY('o.created_at'))}, 'credit_override', o.id::text, o.id::text,
         ('人工调整信用等级为 ' || o.class || ' 类，至 ' || o.until::text || '：' || o.reason)::text
    from credit_overrides o where o.uscc = ${uscc}
  union all
  select 'credit.override_ended', ${sql.raw(CHINA_DAY('o.ended_at'))}, 'credit_override', o.id::text, o.id::text,
         ('人工调整（' || o.class || ' 类）结束' || coalesce('：' || o.end_reason, ''))::text
    from credit_overrides o where o.uscc = ${uscc} and o.ended_at is not null
  union all
  select 'credit.listing.' || s.action, ${sql.raw(CHINA_DAY('s.at'))}, 'credit_listing', l.id::text, s.id::text,
         ('严重违法失信名单（' || l.listing_no || '）：' || ${sql.raw(labelOf('s.action', STEP_LABELS))})::text
    from credit_listing_events s join credit_listings l on l.id = s.listing_id where l.uscc = ${uscc}
  union all
  select 'credit.rating', r.rated_on, 'credit_rating', r.id::text, r.id::text,
         ('第三方信用评价 ' || r.grade || ' 级（' || v.name || '，报告 ' || r.report_no || '，有效期至 ' || r.valid_until::text || '）'
           || case when r.withdrawn_at is not null then '，已撤回' else '' end)::text
    from credit_ratings r join credit_evaluators v on v.id = r.evaluator_id where r.uscc = ${uscc}`;

/**
 * The enterprise's whole timeline as one subquery `(kind, on_date, ref_type, ref_id, key, title)`.
 * Of the union, `credit.listed` is left out (the listing's steps show it: 决定列入 on the same day)
 * and so is `credit.rating` (the union has the rating in force only; the archive shows every one).
 */
function timelineSql(uscc: string, today: string): SQL {
  return sql`(select ev.kind, ev.occurred_on as on_date, ev.ref_type, ev.ref_id, (ev.ref_type || ':' || ev.ref_id) as key, coalesce(ev.title, ev.kind) as title
      from ${creditEventsSql({ today })} ev where ev.uscc = ${uscc} and ev.kind not in ('credit.listed', 'credit.rating') and ev.occurred_on is not null
    union all ${ownHistory(uscc)})`;
}

/** The cursor after an item: its order keys, opaque to the client. */
const cursorOf = (r: { on: string; kind: string; refId: string; key: string }) => Buffer.from(JSON.stringify([r.on, r.kind, r.refId, r.key])).toString('base64url');

function parseCursor(before: string): [string, string, string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(before, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === 'string') && /^\d{4}-\d{2}-\d{2}$/.test(v[0] as string)) return v as [string, string, string, string];
  } catch {
    // not JSON: answered below
  }
  throw new AppError('INVALID_CURSOR', '分页游标无效，请从第一页重新查询', 400, { field: 'before' });
}

interface Row {
  kind: string;
  on: string;
  ref_type: string;
  ref_id: string;
  key: string;
  title: string;
}

/**
 * A page of the timeline: date desc, then kind, then ref id, then the row's key (unique; text in
 * byte order, the same on every database and locale). `total`
 * counts every entry the filter matches; `next` is the cursor for the following page (null at the end).
 */
export async function timelinePage(db: Db, uscc: string, today: string, filter: TimelineFilter, paging: TimelinePaging) {
  const conds: SQL[] = [sql`true`];
  if (filter.area) conds.push(sql`split_part(t.kind, '.', 1) = ${filter.area}`);
  if (filter.from) conds.push(sql`t.on_date >= ${filter.from}::date`);
  if (filter.to) conds.push(sql`t.on_date <= ${filter.to}::date`);
  const where = sql.join(conds, sql` and `);
  const after = paging.before
    ? (() => {
        const [on, kind, refId, key] = parseCursor(paging.before);
        return sql`and (t.on_date < ${on}::date or (t.on_date = ${on}::date and (t.kind collate "C", t.ref_id collate "C", t.key collate "C") > (${kind}::text, ${refId}::text, ${key}::text)))`;
      })()
    : sql``;
  const offset = paging.before ? 0 : (paging.page - 1) * paging.pageSize;
  const source = timelineSql(uscc, today);
  const { rows } = (await db.execute(sql`
    select t.kind, t.on_date::text as "on", t.ref_type, t.ref_id, t.key, t.title, count(*) over () as total
      from ${source} t where ${where} ${after}
     order by t.on_date desc, t.kind collate "C", t.ref_id collate "C", t.key collate "C"
     limit ${paging.pageSize + 1} offset ${offset}`)) as unknown as { rows: (Row & { total: string | number })[] };
  const more = rows.length > paging.pageSize;
  const page = rows.slice(0, paging.pageSize);
  const total = paging.before || (rows.length === 0 && offset > 0) ? await countOf(db, source, where) : Number(rows[0]?.total ?? 0);
  const items: TimelineItem[] = page.map((r) => ({ on: r.on, kind: r.kind, area: r.kind.split('.')[0] as TimelineArea, title: r.title, ref: { type: r.ref_type, id: r.ref_id } }));
  const last = page.at(-1);
  return { items, total, next: more && last ? cursorOf({ on: last.on, kind: last.kind, refId: last.ref_id, key: last.key }) : null };
}

async function countOf(db: Db, source: SQL, where: SQL) {
  const { rows } = (await db.execute(sql`select count(*)::int as n from ${source} t where ${where}`)) as unknown as { rows: { n: number }[] };
  return Number(rows[0]?.n ?? 0);
}
