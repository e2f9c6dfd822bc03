/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * - `spotcheck.passed` / `spotcheck.failed`: a sample with a final conclusion (README § Rules
 *   shared: the retest's replaces the first; a sample not yet final gives nothing), occurred_on the
 *   day it became final as `objections/samples.ts` `finalOf` dates it (an objection refused: its
 *   decision; retested: the retest; none: the day after the objection window's last day).
 *   The failed title names the failing items of the conclusion that stands (`publication/results.ts`
 *   `failingItemsOf`). ref_type `spotcheck_sample`; recorded_at: the sample's last write.
 * - `spotcheck.not_corrected`: a follow-up that reached the public notice of a failure not
 *   corrected (a step `notice`: stages `noticed`, `suspended`, `referred`, or closed after them;
 *   the same rule as the public results' `not_corrected_notice`), occurred_on the notice's day.
 *   ref_type `spotcheck_followup`; recorded_at: the follow-up's last write.
 * Titles carry the product, the sample number and the failing items; never the samplers, the
 * enterprise's signer or the institution's staff. No magnitude.
 */

/** The day the sample's conclusion became final (`s` the sample, `o` its objection if any). */
const FINAL_ON = `coalesce(case o.status when 'refused' then o.decided_on when 'retested' then o.retested_on end,
  s.objection_due_on + 1, s.notified_on, s.reported_on)`;

/** The names of the failing items of the conclusion that stands, each once, in the report's order. */
const FAILING_ITEMS = `(select string_agg(f.item, '、' order by f.n) from (
    select x.item ->> 'item' as item, min(x.n) as n
    from jsonb_array_elements(case when o.status = 'retested' then o.retest_items else s.items end) with ordinality as x(item, n)
    where (x.item ->> 'pass')::boolean is false group by 1) f)`;

function finalBranch(kind: string, conclusion: string, title: string): string {
  return `select s.uscc::text as uscc, '${kind}'::text as kind, (${FINAL_ON})::date as occurred_on,
  s.updated_at::timestamptz as recorded_at, 'spotcheck_sample'::text as ref_type, s.id::text as ref_id, (${title})::text as title, null::numeric as magnitude
from spotcheck_samples s
join spotcheck_products p on p.id = s.product_id
left join spotcheck_objections o on o.sample_id = s.id
where s.final_conclusion = '${conclusion}'`;
}

const NOT_CORRECTED = `select s.uscc::text as uscc, 'spotcheck.not_corrected'::text as kind,
  (jsonb_path_query_first(f.steps, '$[*] ? (@.action == "notice").on') #>> '{}')::date as occurred_on,
  f.updated_at::timestamptz as recorded_at, 'spotcheck_followup'::text as ref_type, f.id::text as ref_id,
  ('监督抽查不合格经责令整改未整改：' || p.name || '（' || s.sample_no || '），'
    || case when f.steps @> '[{"action":"refer"}]' then '已移送立案' when f.steps @> '[{"action":"suspend"}]' then '已责令停业整顿' else '已公告' end)::text as title,
  null::numeric as magnitude
from spotcheck_followups f
join spotcheck_samples s on s.id = f.sample_id
join spotcheck_products p on p.id = s.product_id
where f.steps @> '[{"action":"notice"}]'`;

export const CREDIT_EVENTS_SPOTCHECKS = [
  finalBranch('spotcheck.passed', 'pass', `'监督抽查合格：' || p.name || '（' || s.sample_no || '）'`),
  finalBranch('spotcheck.failed', 'fail', `'监督抽查不合格：' || p.name || '（' || s.sample_no || coalesce('，不合格项目：' || ${FAILING_ITEMS}, '') || '）'`),
  NOT_CORRECTED,
].join('\nunion all\n');
