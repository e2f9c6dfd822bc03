import { type SQL, sql } from 'drizzle-orm';
import { CREDIT_EVENTS_CASES } from '../../cases/index.js';
import { CREDIT_EVENTS_COMMITMENTS } from '../../commitments/index.js';
import { CREDIT_EVENTS_COMPLAINTS } from '../../complaints/index.js';
import { CREDIT_EVENTS_EQUIPMENT } from '../../equipment/index.js';
import { CREDIT_EVENTS_INSPECTIONS } from '../../inspections/index.js';
import { CREDIT_EVENTS_LICENCES } from '../../licences/index.js';
import { CREDIT_EVENTS_SPOTCHECKS } from '../../spotchecks/index.js';
import type { EvaluatorGrade } from '../credit.schema.js';

/** Every other module's event source (an SQL `select` of the eight columns, README.md § Event sources). */
const MODULE_SOURCES = [CREDIT_EVENTS_LICENCES, CREDIT_EVENTS_INSPECTIONS, CREDIT_EVENTS_SPOTCHECKS, CREDIT_EVENTS_EQUIPMENT, CREDIT_EVENTS_COMPLAINTS, CREDIT_EVENTS_CASES, CREDIT_EVENTS_COMMITMENTS];

const RESTRICTION_LABELS = `jsonb_build_object('licensing', '行政许可', 'bidding', '招标投标', 'procurement', '政府采购', 'construction', '工程建设', 'public_resources', '公共资源交易', 'honours', '评优评先')`;

/**
 * The credit module's own sources on `today`:
 * - `credit.listed`: each listing with status `listed` (on its `listedOn`);
 * - `credit.rating`: the latest rating in force of each enterprise (rated on or before today, valid
 *   through today, not withdrawn), magnitude = the points of its grade (`gradePoints`; null without);
 * - `credit.feedback`: each department's report back (timeline only).
 */
function ownSources(today: string, gradePoints: Record<EvaluatorGrade, number> | null): SQL[] {
  const grades = gradePoints ? sql`(${JSON.stringify(gradePoints)}::jsonb ->> r.grade)::numeric` : sql`null::numeric`;
  return [
    sql`select l.uscc, 'credit.listed'::text, l.listed_on, l.updated_at, 'credit_listing'::text, l.id::text, ('列入严重违法失信名单（' || l.listing_no || '）')::text, null::numeric
      from credit_listings l where l.status = 'listed'`,
    sql`select * from (select distinct on (r.uscc) r.uscc, 'credit.rating'::text, r.rated_on, r.created_at, 'credit_rating'::text, r.id::text,
        ('第三方信用评价 ' || r.grade || ' 级（' || e.name || '，报告 ' || r.report_no || '）')::text, ${grades}
      from credit_ratings r join credit_evaluators e on e.id = r.evaluator_id
      where r.withdrawn_at is null and r.rated_on <= ${today}::date and r.valid_until >= ${today}::date
      order by r.uscc, r.rated_on desc, r.created_at desc, r.id) rated`,
    sql`select f.uscc, 'credit.feedback'::text, f.acted_on, f.created_at, 'credit_feedback'::text, f.id::text,
        (f.org_name || (case f.action when 'applied' then ' 已实施' else ' 认定不适用' end) || (${sql.raw(RESTRICTION_LABELS)} ->> f.restriction) || '限制')::text, null::numeric
      from credit_feedback f`,
  ];
}

/**
 * The union of every credit event (信用事件) as one SQL subquery with the columns `uscc, kind,
 * occurred_on, recorded_at, ref_type, ref_id, title, magnitude`. Filter it from outside (`where
 * ev.uscc …`): PostgreSQL pushes the condition into each source.
 */
export function creditEventsSql(opts: { today: string; gradePoints?: Record<EvaluatorGrade, number> | null }): SQL {
  const arms = [...MODULE_SOURCES.map((s) => sql.raw(`(${s})`)), ...ownSources(opts.today, opts.gradePoints ?? null).map((s) => sql`(${s})`)];
  return sql`(select * from (${sql.join(arms, sql` union all `)}) as ev(uscc, kind, occurred_on, recorded_at, ref_type, ref_id, title, magnitude))`;
}
