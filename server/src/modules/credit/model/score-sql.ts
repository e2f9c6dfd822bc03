import { type SQL, sql } from 'drizzle-orm';
import { creditClassUpdate } from '../../enterprises/index.js';
import type { ClassChangeCause } from '../credit.schema.js';
import { creditEventsSql } from '../events/credit-events.js';
import type { CreditModelConfig } from './model-config.js';

/** Records behind a factor kept as items of its reason (the rest are summed in `rest`). */
export const ITEMS_PER_FACTOR = 20;
/** Days of a month in the decay's arithmetic (a record's age in months = days ÷ 30.4375). */
export const DAYS_PER_MONTH = 30.4375;

export interface ScoreTarget {
  /** Which enterprises (a condition on `enterprises as e`). */
  enterprises: SQL;
  /** The same enterprises' events (a condition on the events' `ev.uscc`, pushed into every source). */
  events: SQL;
}

export interface ScoreRun {
  config: CreditModelConfig;
  version: number;
  today: string;
  cause: ClassChangeCause;
}

/**
 * One statement scoring the target enterprises with a model version on `today` (README.md § How a
 * score is computed): the events of every source, the window, decay, points and magnitude of each
 * factor, the factor totals clamped to their caps, the reasons (every factor; each with up to 20
 * records as items, scaled to the clamped total, the rest summed), the class; then, in the same
 * statement, the upsert of `credit_scores` (only rows that changed), the class history and
 * `enterprises.credit_class` (through the enterprises module) where the effective class changed.
 * Returns the counts: enterprises scored, score rows written, effective classes changed.
 */
export function scoreStatement(run: ScoreRun, target: ScoreTarget): SQL {
  const { config, version, today, cause } = run;
  const day = sql`${today}::date`;
  const { A, B, C } = config.classBounds;
  const events = creditEventsSql({ today, gradePoints: config.evaluatorGrades });
  const decayed = sql`case f.decay
      when 'none' then 1.0::float8
      when 'linear' then (ev.occurred_on - f.window_from)::float8 / (${day} - f.window_from)
      else power(0.5::float8, (${day} - ev.occurred_on)::float8 / (f.half_life * ${DAYS_PER_MONTH}))
    end`;
  const zeroDetail = sql`'近' || f.window_months || '个月无' || f.label || '记录'`;
  return sql`with
  f as (
    select x.ord::int as ord, x.f ->> 'key' as key, x.f ->> 'label' as label,
      (x.f ->> 'points')::float8 as points,
      coalesce((x.f -> 'perMagnitude' ->> 'points')::float8, 0) as mag_points,
      coalesce((x.f -> 'perMagnitude' ->> 'per')::float8, 1) as mag_per,
      (x.f ->> 'windowMonths')::int as window_months,
      case when jsonb_typeof(x.f -> 'decay') = 'object' then 'half' else x.f ->> 'decay' end as decay,
      (x.f -> 'decay' ->> 'halfLifeMonths')::float8 as half_life,
      (x.f ->> 'cap')::float8 as cap,
      (${day} - make_interval(months => (x.f ->> 'windowMonths')::int))::date as window_from,
      x.f -> 'kinds' as kinds
    from jsonb_array_elements(${JSON.stringify(config)}::jsonb -> 'factors') with ordinality as x(f, ord)),
  fk as (select k.kind, f.key from f cross join lateral jsonb_array_elements_text(f.kinds) as k(kind)),
  fz as (
    select f.ord, f.key, f.label, f.window_months,
      jsonb_build_object('factor', f.key, 'label', f.label, 'points', 0, 'count', 0, 'detail', ${zeroDetail}, 'items', '[]'::jsonb, 'rest', null) as zero
    from f),
  t as (select e.id, e.uscc, e.region_code, e.credit_class from enterprises as e where ${target.enterprises}),
  hits as (
    select t.id, f.key, ev.occurred_on, ev.ref_type, ev.ref_id, ev.title,
      (f.points + f.mag_points * coalesce(ev.magnitude, 0)::float8 / f.mag_per) * ${decayed} as pts
    from ${events} as ev
      join t on t.uscc = ev.uscc
      join fk on fk.kind = ev.kind
      join f on f.key = fk.key
    where ${target.events} and ev.occurred_on <= ${day} and ev.occurred_on > f.window_from),
  fac as (
    select h.id, h.key, count(*)::int as n, sum(h.pts) as total,
      greatest(-min(f.cap), least(min(f.cap), sum(h.pts))) as clamped
    from hits h join f on f.key = h.key group by h.id, h.key),
  ranked as (
    select h.id, h.key, h.occurred_on, h.ref_type, h.ref_id, h.title, c.n, round(c.clamped::numeric, 2) as clamped2,
      round((h.pts * case when c.total = 0 then 1 else c.clamped / c.total end)::numeric, 2) as p,
      row_number() over (partition by h.id, h.key order by abs(h.pts) desc, h.occurred_on desc, h.ref_type, h.ref_id) as rn
    from hits h join fac c on c.id = h.id and c.key = h.key),
  top as (select r.*, sum(r.p) over (partition by r.id, r.key) as shown from ranked r where r.rn <= ${ITEMS_PER_FACTOR}),
  items as (
    select id, key, min(n) as n, min(clamped2) as points,
      min(case when n > ${ITEMS_PER_FACTOR} then clamped2 - shown end) as rest,
      jsonb_agg(jsonb_build_object('type', ref_type, 'id', ref_id,
        'points', p + case when rn = 1 and n <= ${ITEMS_PER_FACTOR} then clamped2 - shown else 0 end,
        'detail', to_char(occurred_on, 'YYYY-MM-DD') || ' ' || coalesce(title, '')) order by rn) as records
    from top group by id, key),
  io as (
    select i.id, i.key, i.points, jsonb_build_object('factor', f.key, 'label', f.label, 'points', i.points, 'count', i.n,
        'detail', '近' || f.window_months || '个月' || f.label || i.n || '次', 'items', i.records, 'rest', i.rest) as reason
    from items i join fz f on f.key = i.key),
  er as (
    select m.id, ${config.base}::numeric + m.total as score,
      (select jsonb_agg(coalesce(m.by_key -> fz.key, fz.zero) order by fz.ord) from fz) as reasons
    from (select id, sum(points) as total, jsonb_object_agg(key, reason) as by_key from io group by id) m),
  z as (select jsonb_agg(fz.zero order by fz.ord) as reasons from fz),
  sc as (
    select t.id, t.uscc, t.region_code, t.credit_class as old_class,
      round(coalesce(er.score, ${config.base}::numeric), 2)::numeric(8, 2) as score, coalesce(er.reasons, z.reasons) as reasons
    from t cross join z left join er on er.id = t.id),
  ov as (
    select distinct on (o.enterprise_id) o.enterprise_id, o.class from credit_overrides o join t on t.id = o.enterprise_id
    where o.ended_at is null and o.until >= ${day} order by o.enterprise_id, o.created_at desc, o.id),
  li as (select distinct l.enterprise_id from credit_listings l join t on t.id = l.enterprise_id where l.status = 'listed'),
  eff as (
    select sc.*, cl.computed, old.model_version as old_version, old.enterprise_id is not null as had_score,
      case when li.enterprise_id is not null then 'D' else coalesce(ov.class, cl.computed) end as effective
    from sc
      cross join lateral (select case when sc.score >= ${A} then 'A' when sc.score >= ${B} then 'B' when sc.score >= ${C} then 'C' else 'D' end as computed) cl
      left join ov on ov.enterprise_id = sc.id
      left join li on li.enterprise_id = sc.id
      left join credit_scores old on old.enterprise_id = sc.id),
  up as (
    insert into credit_scores as s (enterprise_id, uscc, region_code, score, computed_class, model_version, reasons, computed_at)
    select id, uscc, region_code, score, computed, ${version}::int, reasons, now() from eff
    on conflict (enterprise_id) do update set uscc = excluded.uscc, region_code = excluded.region_code, score = excluded.score,
      computed_class = excluded.computed_class, model_version = excluded.model_version, reasons = excluded.reasons, computed_at = excluded.computed_at
    where (s.uscc, s.region_code, s.score, s.computed_class, s.model_version, s.reasons)
      is distinct from (excluded.uscc, excluded.region_code, excluded.score, excluded.computed_class, excluded.model_version, excluded.reasons)
    returning 1),
  hist as (
    insert into credit_class_history (enterprise_id, uscc, region_code, from_class, to_class, score, model_version, cause, at)
    select id, uscc, region_code, old_class, effective, score, ${version}::int,
      case when ${cause}::text = 'score' and had_score and old_version <> ${version}::int then 'model' else ${cause}::text end, now()
    from eff where effective is distinct from old_class
    returning 1),
  ent as (${creditClassUpdate(sql`select id, effective from eff`)})
select (select count(*) from eff)::int as "scored", (select count(*) from up)::int as "changed", (select count(*) from hist)::int as "classChanged", (select count(*) from ent)::int as "written"`;
}
