/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * Only complaints and reports (投诉、举报; not enquiries or suggestions) about an enterprise named by
 * its USCC (`subject_uscc`):
 * - `complaint.substantiated`: substantiated (属实) — the definition of
 *   `substantiatedComplaintCounts` (stats/repeat-subjects.ts): `substantiated` true, whatever the
 *   status (a report is decided at its verification, before it is closed). On the day of the
 *   finding: a report's `decided_on` (its verification or closing), a complaint's closing day.
 * - `complaint.closed`: any other outcome, once closed or refused (不予受理): not substantiated,
 *   mediated, answered; on the closing (refusal) day.
 * ref `complaint` / its id; `recorded_at` the row's `updated_at` (every action bumps it). The
 * title is the kind, the outcome and the topic only (投诉属实：产品质量) — never the reporter, their
 * contacts, the tracking number or anything of the text submitted.
 */
const KIND = `case c.kind when 'complaint' then '投诉' else '举报' end`;
const TOPIC = `coalesce(t.name, c.topic)`;
const CLOSED_ON = `(c.closed_at at time zone 'Asia/Shanghai')::date`;
const OTHER_OUTCOME = `case when c.status = 'refused' then '不予受理'
  else coalesce(nullif(concat_ws('，',
    case when c.substantiated = false then '不属实' end,
    case c.mediation_result when 'agreed' then '调解达成协议' when 'failed' then '调解不成' end,
    case when c.case_opened then '已立案' end), ''), '办结') end`;
const FROM = `from complaints c left join complaint_topics t on t.key = c.topic
 where c.subject_uscc is not null and c.kind in ('complaint', 'report')`;

export const CREDIT_EVENTS_COMPLAINTS = `
select c.subject_uscc::text as uscc, 'complaint.substantiated'::text as kind,
       coalesce(case when c.kind = 'report' then c.decided_on end, ${CLOSED_ON}, c.decided_on, c.received_on)::date as occurred_on,
       c.updated_at::timestamptz as recorded_at, 'complaint'::text as ref_type, c.id::text as ref_id,
       (${KIND} || '属实' || case when c.case_opened then '，已立案' else '' end || '：' || ${TOPIC})::text as title, null::numeric as magnitude
  ${FROM} and c.substantiated = true
union all
select c.subject_uscc::text, 'complaint.closed'::text, coalesce(${CLOSED_ON}, c.decided_on, c.received_on)::date,
       c.updated_at::timestamptz, 'complaint'::text, c.id::text, (${KIND} || (${OTHER_OUTCOME}) || '：' || ${TOPIC})::text, null::numeric
  ${FROM} and c.status in ('closed', 'refused') and c.substantiated is not true`;
