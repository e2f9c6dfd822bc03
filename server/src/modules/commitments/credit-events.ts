/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * - `commitment.made`: every commitment, on the day it was signed (`signed_on`);
 * - `commitment.withdrawn`: a withdrawn one, on the day it was withdrawn (`withdrawn_on`).
 * ref `commitment` / its id; the title names the template's title of its kind (never the
 * signatory, a person); `recorded_at` is the row's `updated_at` (withdrawing bumps it).
 */
export const CREDIT_EVENTS_COMMITMENTS = `
select c.uscc::text as uscc, 'commitment.made'::text as kind, c.signed_on::date as occurred_on, c.updated_at::timestamptz as recorded_at,
       'commitment'::text as ref_type, c.id::text as ref_id, ('作出承诺：' || coalesce(t.title, '质量安全公开承诺'))::text as title, null::numeric as magnitude
  from commitments c left join commitment_templates t on t.kind = c.kind
union all
select c.uscc::text, 'commitment.withdrawn'::text, c.withdrawn_on::date, c.updated_at::timestamptz,
       'commitment'::text, c.id::text, ('撤回承诺：' || coalesce(t.title, '质量安全公开承诺'))::text, null::numeric
  from commitments c left join commitment_templates t on t.kind = c.kind
 where c.withdrawn_on is not null`;
