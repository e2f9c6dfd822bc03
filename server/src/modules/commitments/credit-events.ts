/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 */
export const CREDIT_EVENTS_COMMITMENTS = `select null::text as uscc, null::text as kind, null::date as occurred_on, null::timestamptz as recorded_at, null::text as ref_type, null::text as ref_id, null::text as title, null::numeric as magnitude where false`;
