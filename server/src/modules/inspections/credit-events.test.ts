import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventsOf } from '../../test/credit-events.js';
import { CREDIT_EVENTS_INSPECTIONS } from './index.js';
import { makeTargetedTask } from './testing.js';

/**
 * The inspections' credit events (credit/README.md § Event sources): one row per completed task,
 * `inspection.passed` / `.problems` / `.not_found` by its findings and result category, for the
 * task's enterprise; nothing before completion; no inspector's name or finding text in the title.
 */
const env = useTestEnv();
const ctx = (actor: Actor) => ({ actor });
const today = todayInChina();

const eventsOf = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_INSPECTIONS, uscc);

/** A targeted task checked today with the given answers and own findings, then completed with `resultCategory`. */
async function completedTask(resultCategory: string, input: { licenceValid?: boolean; findings?: { text: string; severity: 'minor' | 'major' | 'critical' }[] } = {}) {
  const made = await makeTargetedTask(env);
  const answers = { licence_valid: { value: input.licenceValid ?? true }, records_kept: { value: true } };
  await env.services.tasks.submit(ctx(made.a), made.task.id, { answers, findings: input.findings ?? [], inspectedOn: today });
  await env.services.tasks.complete(ctx(made.a), made.task.id, { resultCategory });
  return made;
}

const names = (m: Awaited<ReturnType<typeof makeTargetedTask>>) => [m.a.name, m.b.name, m.officer.name];

describe('inspection credit events', () => {
  it('has the eight columns in order with their types', async () => {
    const typed = `select ${CREDIT_EVENT_COLUMNS.map(([, type]) => `null::${type}`).join(', ')}`;
    // A union with a typed row fails unless every column has the type at its position; the names are the first branch's.
    const { rows } = (await env.db.execute(sql.raw(`select * from (${CREDIT_EVENTS_INSPECTIONS}) e union all ${typed}`))) as unknown as { rows: Record<string, unknown>[] };
    expect(Object.keys(rows.at(-1)!)).toEqual(CREDIT_EVENT_COLUMNS.map(([name]) => name));
  });

  it('gives nothing for a task without a result, then one `inspection.passed` once completed with nothing found', async () => {
    const made = await makeTargetedTask(env);
    expect(await eventsOf(made.enterprise.uscc)).toEqual([]);
    await env.services.tasks.submit(ctx(made.a), made.task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: today });
    expect(await eventsOf(made.enterprise.uscc)).toEqual([]);

    await env.services.tasks.complete(ctx(made.a), made.task.id, { resultCategory: '未发现问题' });
    const rows = await eventsOf(made.enterprise.uscc);
    expect(rows).toEqual([
      {
        uscc: made.enterprise.uscc,
        kind: 'inspection.passed',
        occurredOn: today,
        recordedAt: expect.any(Date),
        refType: 'inspection_task',
        refId: made.task.id,
        title: `专项检查：${made.item.name}，结果：未发现问题`,
        magnitude: null,
      },
    ]);
  });

  it('`inspection.problems` with the number of findings as magnitude; no finding text nor any name in the title', async () => {
    const own = { text: '现场操作人员王晓明未持证上岗', severity: 'major' as const };
    const made = await completedTask('发现问题已责令整改', { licenceValid: false, findings: [own] });
    const rows = await eventsOf(made.enterprise.uscc);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'inspection.problems', refId: made.task.id, magnitude: '2', occurredOn: today, title: `专项检查：${made.item.name}，结果：发现问题已责令整改（发现问题 2 项）` });
    for (const n of [...names(made), '王晓明', '无有效许可证']) expect(rows[0]!.title).not.toContain(n);
  });

  it('a result category saying problems were found counts as problems even without a recorded finding', async () => {
    const made = await completedTask('发现问题已立案');
    expect((await eventsOf(made.enterprise.uscc)).map((r) => [r.kind, r.magnitude])).toEqual([['inspection.problems', '0']]);
  });

  it('`inspection.not_found` when the object could not be found at its registered address, and nothing else', async () => {
    const made = await makeTargetedTask(env);
    await env.db.execute(sql`update inspection_items set result_categories = result_categories || '["通过登记的住所（经营场所）无法联系"]'::jsonb where id = ${made.item.id}`);
    await env.services.tasks.submit(ctx(made.a), made.task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: today });
    await env.services.tasks.complete(ctx(made.a), made.task.id, { resultCategory: '通过登记的住所（经营场所）无法联系' });
    const rows = await eventsOf(made.enterprise.uscc);
    expect(rows.map((r) => [r.kind, r.refType, r.refId, r.title])).toEqual([['inspection.not_found', 'inspection_task', made.task.id, `专项检查：${made.item.name}，结果：通过登记的住所（经营场所）无法联系`]]);
  });

  it('publication keeps the one event and moves `recorded_at` on (the minute job sees the write)', async () => {
    const made = await completedTask('未发现问题');
    await env.db.execute(sql`update inspection_tasks set updated_at = updated_at - interval '1 hour' where id = ${made.task.id}`);
    const [before] = await eventsOf(made.enterprise.uscc);
    await env.services.tasks.publish(ctx(made.officer), [made.task.id]);
    const after = await eventsOf(made.enterprise.uscc);
    expect(after).toHaveLength(1);
    expect(after[0]!.kind).toBe('inspection.passed');
    expect(after[0]!.recordedAt.getTime()).toBeGreaterThan(before!.recordedAt.getTime());
  });

  it('a task of a special-equipment unit goes to its user unit’s USCC and names the unit', async () => {
    const made = await completedTask('未发现问题');
    const code = `EQ${made.task.id.replaceAll('-', '').slice(0, 12).toUpperCase()}`;
    await env.db.execute(sql`update inspection_tasks set object_key = ${code}, origin = 'draw' where id = ${made.task.id}`);
    const [row] = await eventsOf(made.enterprise.uscc);
    expect(row).toMatchObject({ uscc: made.enterprise.uscc, title: `双随机抽查：${made.item.name}（设备代码 ${code}），结果：未发现问题` });
  });
});
