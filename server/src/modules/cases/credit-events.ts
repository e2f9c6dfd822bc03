/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * Only cases whose party is an enterprise named by its USCC (`cases.uscc`):
 * - `case.penalty`: a penalty decision made (`decided_on` set, whatever the stage since); on the
 *   decision's day; magnitude the money ordered (`amount_due`: fines plus confiscated illegal
 *   gains, yuan), null when none; ref `case` / its id. Title 行政处罚：<the decision's wording>
 *   （<document number>）— the wording clipped to 80 characters.
 * - `case.transferred`: each transfer to the police (移送公安, `case_transfers`) accepted (立案) or
 *   not yet decided, on the transfer's day, with the police's decision once known; ref
 *   `case_transfer` / its id. The credit model scores it (涉嫌犯罪移送).
 * - `case.transfer_not_accepted`: a transfer the police refused (`decision = 'not_accepted'`, 不予立案),
 *   the same row otherwise (title …，未受理): on the archive's timeline only — no factor may count it
 *   (credit/model/README.md), so a suspicion the police rejected weighs nothing on the class.
 * - `case.published`: a decision published on the public site (`penalty_publications` with a
 *   publication day: published, or removed early since), on the publication day; ref
 *   `penalty_publication` / the case's id.
 * `recorded_at`: the case row's `updated_at` (every action bumps it, a transfer's receipt and
 * decision too); for a publication, its publishing or removal (the case's timeline event: the
 * publication row keeps no time of change; read through the events' (case_id, at) index). Titles hold public facts only: never an officer, the
 * party's people or the violation as investigated.
 */
const WORDING = `case when char_length(c.penalty_text) > 80 then left(c.penalty_text, 79) || '…' else coalesce(c.penalty_text, '处罚决定') end`;

export const CREDIT_EVENTS_CASES = `
select c.uscc::text as uscc, 'case.penalty'::text as kind, c.decided_on::date as occurred_on, c.updated_at::timestamptz as recorded_at,
       'case'::text as ref_type, c.id::text as ref_id,
       ('行政处罚：' || ${WORDING} || coalesce('（' || c.document_no || '）', ''))::text as title,
       nullif(c.amount_due, 0)::numeric as magnitude
  from cases c
 where c.uscc is not null and c.decided_on is not null
union all
select c.uscc::text, (case when tr.decision = 'not_accepted' then 'case.transfer_not_accepted' else 'case.transferred' end)::text, tr.transferred_on::date, greatest(tr.created_at, c.updated_at)::timestamptz,
       'case_transfer'::text, tr.id::text,
       ('移送' || tr.receiving_organ || coalesce('（' || tr.document_no || '）', '')
         || case tr.decision when 'accepted' then '，已受理' when 'not_accepted' then '，未受理' else '' end)::text,
       null::numeric
  from case_transfers tr join cases c on c.id = tr.case_id
 where c.uscc is not null
union all
select c.uscc::text, 'case.published'::text, p.published_on::date, greatest(p.created_at, ev.at)::timestamptz,
       'penalty_publication'::text, p.case_id::text,
       ('公示行政处罚决定' || coalesce('（' || c.document_no || '）', '')
         || coalesce(case when p.status = 'removed' then '，' || to_char(p.removed_on, 'YYYY-MM-DD') || '提前停止公示' else '，公示至' || to_char(p.public_until, 'YYYY-MM-DD') end, ''))::text,
       null::numeric
  from penalty_publications p join cases c on c.id = p.case_id
  left join lateral (select max(ce.at) as at from case_events ce
                      where ce.case_id = p.case_id and ce.action in ('publication_published', 'publication_removed')) ev on true
 where c.uscc is not null and p.published_on is not null`;
