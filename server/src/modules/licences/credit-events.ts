/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * - `licence.issued`: every licence, on its issue date; ref `licence` / its id; `recorded_at` the
 *   licence row's `updated_at` (a correction or a measure bumps it).
 * - `licence.revoked` (吊销), `licence.withdrawn` (撤销), `licence.warning` (警示管理),
 *   `licence.change_ordered` (责令限期办理变更登记): every applied transition to that state —
 *   never a request pending approval or rejected — on the day (China) it took effect
 *   (`decided_at` when decided, a penalty decision's day included, else `requested_at`); ref
 *   `licence_transition` / its id; `recorded_at` the later of request and decision (a revocation
 *   by a penalty decision may be dated back; it is still recorded now).
 * Titles name the licence type, its number and the measure's decision document — public facts;
 * never who asked or decided, nor the reason as typed. The holder's USCC comes from the register
 * (licences carry the enterprise's id only).
 */
export const CREDIT_EVENTS_LICENCES = `
select e.uscc::text as uscc, 'licence.issued'::text as kind, l.issued_on::date as occurred_on, l.updated_at::timestamptz as recorded_at,
       'licence'::text as ref_type, l.id::text as ref_id, ('取得许可证：' || t.name || '（编号：' || l.number || '）')::text as title, null::numeric as magnitude
  from licences l join enterprises e on e.id = l.enterprise_id join licence_types t on t.key = l.type_key
union all
select e.uscc::text,
       (case lt.to_state when 'revoked' then 'licence.revoked' when 'withdrawn' then 'licence.withdrawn' when 'warning' then 'licence.warning' else 'licence.change_ordered' end)::text,
       (coalesce(lt.decided_at, lt.requested_at) at time zone 'Asia/Shanghai')::date,
       greatest(lt.requested_at, lt.decided_at)::timestamptz,
       'licence_transition'::text, lt.id::text,
       ((case lt.to_state when 'revoked' then '吊销许可证' when 'withdrawn' then '撤销许可证' when 'warning' then '许可证警示管理' else '责令限期办理变更登记' end)
         || '：' || t.name || '（编号：' || l.number || '），' || lt.document_no)::text,
       null::numeric
  from licence_transitions lt join licences l on l.id = lt.licence_id join enterprises e on e.id = l.enterprise_id join licence_types t on t.key = l.type_key
 where lt.status = 'applied' and lt.to_state in ('revoked', 'withdrawn', 'warning', 'changeOrdered')`;
