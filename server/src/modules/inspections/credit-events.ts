/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * One event per inspection task with a final result (state `completed` or `published`, as
 * `reads.ts` counts them done), for the task's enterprise (`enterprise_id`: the enterprise itself,
 * or the user unit of a drawn special-equipment unit). A task not yet completed gives nothing.
 * - `inspection.not_found`: the result category says the object could not be found at its
 *   registered address (查无下落, 通过登记的住所无法联系, 未找到检查对象 …): NOT_FOUND below.
 * - `inspection.problems`: otherwise, findings were recorded, or the result category says problems
 *   were found (发现问题…, 责令改正/整改, 立案, 未按规定公示, 弄虚作假, 不配合检查): PROBLEMS below.
 *   Magnitude: the number of findings.
 * - `inspection.passed`: every other completed task (未发现问题 …).
 * occurred_on: the inspection day (the completion day if none was recorded); recorded_at: the
 * task's last write. Titles name the origin, the item, the result and the number of findings,
 * never the inspectors or the findings' free text.
 */
const NOT_FOUND = `t.result_category ~ '查无下落|下落不明|无法联系|未找到'`;
const PROBLEMS = `(jsonb_array_length(t.findings) > 0 or t.result_category ~ '(^|[^未])发现问题|责令|整改|立案|未按规定|弄虚作假|不配合')`;

const ORIGIN = `case t.origin when 'draw' then '双随机抽查' when 'complaint' then '投诉举报核查' else '专项检查' end`;
/** The object when it is not the enterprise itself (a special-equipment unit of the user unit). */
const OBJECT = `case when t.object_key <> e.uscc then '（设备代码 ' || t.object_key || '）' else '' end`;

function branch(kind: string, where: string, title: string, magnitude: string): string {
  return `select e.uscc::text as uscc, '${kind}'::text as kind, coalesce(t.inspected_on, t.completed_on)::date as occurred_on,
  t.updated_at::timestamptz as recorded_at, 'inspection_task'::text as ref_type, t.id::text as ref_id,
  (${ORIGIN} || '：' || i.name || ${OBJECT} || '，' || ${title})::text as title, ${magnitude}::numeric as magnitude
from inspection_tasks t
join enterprises e on e.id = t.enterprise_id
join inspection_items i on i.id = t.item_id
where t.state in ('completed', 'published') and t.completed_on is not null and ${where}`;
}

const RESULT = `'结果：' || coalesce(t.result_category, '已办结')`;

export const CREDIT_EVENTS_INSPECTIONS = [
  branch('inspection.passed', `not coalesce(${NOT_FOUND}, false) and not coalesce(${PROBLEMS}, false)`, RESULT, 'null'),
  branch('inspection.problems', `not coalesce(${NOT_FOUND}, false) and coalesce(${PROBLEMS}, false)`, `${RESULT} || '（发现问题 ' || jsonb_array_length(t.findings) || ' 项）'`, 'jsonb_array_length(t.findings)'),
  branch('inspection.not_found', `coalesce(${NOT_FOUND}, false)`, RESULT, 'null'),
].join('\nunion all\n');
