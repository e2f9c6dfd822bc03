import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { inspectionTasks } from '../tasks/tasks.schema.js';
import { makeDrawTasks } from '../tasks/draw-tasks.js';
import { actorOf, makeInspector, makeItem, CURRENT_YEAR, publicRecordOf } from '../testing.js';
import { makeDrawsService } from './draws.service.js';
const env = useTestEnv();

/** A revealed draw of every one of `n` tagged enterprises in 320826, by a service whose reveal creates tasks for at most `tasksAtRevealMax` objects. */
async function revealWith(n: number, tasksAtRevealMax: number) {
  const { services } = env;
  const draws = makeDrawsService({ db: services.db, audit: services.audit, plans: services.plans, tasks: makeDrawTasks({ jurisdiction: services.jurisdiction }), secrets: services.drawSecrets, tasksAtRevealMax });
  const tag = `批量${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  for (let i = 0; i < n; i++) await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  for (let i = 0; i < 3; i++) await makeInspector(env, '320826');
  const { actor } = await actorOf(env, ['county_officer'], '320826');
  const ctx = { actor };
  const item = await makeItem(env);
  const pool = await services.pools.create(ctx, { name: '批量抽查对象', filter: { tag } });
  const plan = await services.plans.create(ctx, { name: '批量抽查', year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'all' });
  const committed = await draws.commit(ctx, plan.id);
  const record = { ...(await draws.reveal(ctx, committed.id, tag)), assignments: (await publicRecordOf(env, committed.id)).assignments! };
  const tasksOf = () => services.db.select().from(inspectionTasks).where(eq(inspectionTasks.drawId, committed.id));
  return { draws, record, tasksOf, actor };
}

describe('tasks of a revealed draw', () => {
  it('are created by the reveal itself for a draw of up to the limit', async () => {
    const { record, tasksOf } = await revealWith(2, 2);
    expect(record.tasksCreatedAt).toEqual(record.revealedAt);
    expect((await tasksOf()).length).toBe(2);
  });

  it('are created just after the reveal for a larger draw, once, by the revealer, with the drawn inspectors', async () => {
    const { draws, record, tasksOf, actor } = await revealWith(3, 2);
    expect(record.status).toBe('revealed');
    expect(record.tasksCreatedAt).toBeNull();
    expect(await tasksOf()).toEqual([]);

    expect(await draws.createPendingTasks(record.id)).toBe(1);
    const tasks = await tasksOf();
    expect(tasks.map((t) => [t.objectKey, t.inspectorIds]).sort()).toEqual(record.assignments.map((a) => [a.objectKey, a.selected]).sort());
    expect(tasks.every((t) => t.createdByName === actor.name && t.state === 'assigned' && t.origin === 'draw')).toBe(true);
    expect((await draws.get(actor, record.id)).tasksCreatedAt).toEqual(expect.any(Date));
    // Created once: a second pass (the minute job) finds nothing to do.
    expect(await draws.createPendingTasks()).toBe(0);
    expect((await tasksOf()).length).toBe(3);
  });

  it('completes the tasks a run interrupted after some of them, without doubles', async () => {
    const { draws, record, tasksOf } = await revealWith(3, 2);
    const { services } = env;
    const plan = await services.plans.find(services.db, null, record.planId);
    // an earlier run created the first object's task, then stopped
    await makeDrawTasks({ jurisdiction: services.jurisdiction }).createFromDraw(services.db, { id: record.id, plan, assignments: record.assignments.slice(0, 1), byName: '某人' });
    expect((await tasksOf()).length).toBe(1);
    expect(await draws.createPendingTasks(record.id)).toBe(1);
    const tasks = await tasksOf();
    expect(tasks.map((t) => t.objectKey).sort()).toEqual(record.assignments.map((a) => a.objectKey).sort());
  });
});
