import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { actorOf, makeTargetedTask } from '../testing.js';

/** Issue 18: an inspection task's findings as the lead of a case (by the task's id). */
const env = useTestEnv();
const ctx = (actor: Actor) => ({ actor });

describe('a task as the lead of a case', () => {
  it('is read with its enterprise, item and findings in the actor scope only', async () => {
    const { task, a, enterprise, item } = await makeTargetedTask(env);
    const { actor: lianshui } = await actorOf(env, ['county_officer'], '320826');
    const { actor: other } = await actorOf(env, ['county_officer'], '320803');
    expect(await env.services.tasks.forCase(env.db, lianshui, task.id)).toMatchObject({ id: task.id, state: 'assigned', findings: [], inspectedOn: null });

    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: false }, records_kept: { value: true } }, inspectedOn: todayInChina() });
    expect(await env.services.tasks.forCase(env.db, lianshui, task.id)).toEqual({
      id: task.id,
      state: 'inspected',
      itemName: item.name,
      enterpriseName: enterprise.name,
      uscc: enterprise.uscc,
      regionCode: '320826',
      inspectedOn: todayInChina(),
      findings: [{ questionKey: 'licence_valid', text: '无有效许可证', severity: 'major' }],
    });
    expect(await env.services.tasks.forCase(env.db, other, task.id)).toBeNull();
  });
});
