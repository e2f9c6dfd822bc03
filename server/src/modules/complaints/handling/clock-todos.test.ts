import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { type DeadlineKind, complaints } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';

/**
 * Issue 17: a clock near (2 working days, counted in the calendar: Golden Week 2026-10-01..07,
 * Spring Festival 2026-02-15..23 with the 调休 Saturdays 02-14 and 02-28, the National Day 调休
 * Saturday 10-10) or past its due date is a to-do for the handler (or the bureau) and the supervisor;
 * met, cancelled or closed, it goes away.
 */
const env = useServiceEnv();
const complaintsServices = () => env.services.complaints;
const sync = (id: string | undefined, today: string) => complaintsServices().routing.syncClockTodos(id, { today });

const openTodos = (subjectId: string) =>
  env.db.select().from(todos).where(and(eq(todos.subjectId, subjectId), eq(todos.kind, 'complaint.deadline'), eq(todos.status, 'open'))).orderBy(asc(todos.key));

/** An item with one clock `kind` started on `from`; returns the item and the clock's due date. */
async function itemWithClock(kind: DeadlineKind, from: string, extra: Parameters<typeof makeComplaint>[1] = {}) {
  const row = await makeComplaint(env, { kind: kind === 'accept' || kind === 'mediation' ? 'complaint' : 'report', receivedOn: from, ...extra });
  await inTransaction(env.db, (tx) => complaintsServices().clocks.start(tx, row.id, kind, from));
  const [clock] = await inTransaction(env.db, (tx) => complaintsServices().clocks.of(tx, row.id));
  return { row, clock: clock! };
}

describe('the clocks near their due date', () => {
  it('across Golden Week: due 10-08 is near on 09-29 (the holiday does not count), not on 09-28', async () => {
    const { row, clock } = await itemWithClock('notify', '2026-09-23');
    // 09-24, (中秋 09-25..27), 09-28, 09-29, 09-30, (国庆 10-01..07), 10-08.
    expect(clock.dueOn).toBe('2026-10-08');
    await sync(row.id, '2026-09-28');
    expect(await openTodos(row.id)).toEqual([]);
    expect(await sync(row.id, '2026-09-29')).toEqual({ created: 2, resolved: 0 });
    const items = await openTodos(row.id);
    expect(items).toHaveLength(2);
    expect(items.map((t) => t.title)).toEqual(expect.arrayContaining([`投诉举报告知期限将于 2026-10-08 届满（${row.trackingNo}）`, `督办：投诉举报告知期限将于 2026-10-08 届满（${row.trackingNo}）`]));
    expect(items.every((t) => t.dueOn === '2026-10-08' && t.dueCertain && t.link === `/complaints/${row.id}` && t.regionCode === row.regionCode)).toBe(true);
    // A second run creates nothing.
    expect(await sync(row.id, '2026-09-29')).toEqual({ created: 0, resolved: 0 });
  });

  it('the 调休 Saturday 10-10 counts: due 10-13 is near on 10-10, not on 10-09', async () => {
    const { row, clock } = await itemWithClock('accept', '2026-09-28');
    // 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
    expect(clock.dueOn).toBe('2026-10-13');
    await sync(row.id, '2026-10-09');
    expect(await openTodos(row.id)).toEqual([]);
    await sync(row.id, '2026-10-10');
    expect(await openTodos(row.id)).toHaveLength(2);
  });

  it('across Spring Festival: the 调休 Saturday 02-14 counts, the holiday does not', async () => {
    const a = await itemWithClock('notify', '2026-02-09');
    // 02-10, 02-11, 02-12, 02-13, 02-14 (调休).
    expect(a.clock.dueOn).toBe('2026-02-14');
    await sync(a.row.id, '2026-02-11');
    expect(await openTodos(a.row.id)).toEqual([]);
    await sync(a.row.id, '2026-02-12');
    expect(await openTodos(a.row.id)).toHaveLength(2);

    const b = await itemWithClock('notify', '2026-02-11');
    // 02-12, 02-13, 02-14 (调休), (春节 02-15..23), 02-24, 02-25.
    expect(b.clock.dueOn).toBe('2026-02-25');
    await sync(b.row.id, '2026-02-13');
    expect(await openTodos(b.row.id)).toEqual([]);
    await sync(b.row.id, '2026-02-14');
    expect(await openTodos(b.row.id)).toHaveLength(2);
  });

  it('past due: flagged as overdue', async () => {
    const { row, clock } = await itemWithClock('verify', '2026-03-02');
    await sync(row.id, '2026-12-01');
    const items = await openTodos(row.id);
    expect(items.map((t) => t.title)).toContain(`投诉举报核查期限已于 ${clock.dueOn} 届满，已逾期（${row.trackingNo}）`);
    expect(items[0]!.params).toMatchObject({ clock: 'verify', overdue: 'true', trackingNo: row.trackingNo });
  });
});

describe('addressees', () => {
  it('nobody took it on: the bureau (complaint.write); a handler: that person; the supervisor: complaint.approve', async () => {
    const { row } = await itemWithClock('accept', '2026-09-28');
    await sync(row.id, '2026-10-12');
    let items = await openTodos(row.id);
    expect(items.map((t) => [t.userId, t.orgId, t.permission]).sort()).toEqual(
      [
        [null, row.orgId, 'complaint.approve'],
        [null, row.orgId, 'complaint.write'],
      ].sort(),
    );
    // A county officer sees the bureau's; a section head of the bureau the supervisor's.
    const officerUser = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const officer = (await env.services.users.loadActor(officerUser.id))! as Actor;
    const supervisor = (await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'], regionCode: '320826' })).id))! as Actor;
    const seen = async (a: Actor) => (await env.services.todos.list(a, { page: 1, pageSize: 500 })).items.filter((t) => t.subjectId === row.id).map((t) => t.title);
    expect(await seen(officer)).toEqual([expect.not.stringMatching(/^督办/)]);
    expect(await seen(supervisor)).toEqual(expect.arrayContaining([expect.stringMatching(/^督办/)]));
    const elsewhere = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).id))! as Actor;
    expect(await seen(elsewhere)).toEqual([]);

    // The officer takes it on: the handler's item is theirs alone, the bureau's is resolved.
    await inTransaction(env.db, (tx) => complaintsServices().routing.acknowledge(tx, { actor: officer }, row));
    expect(await sync(row.id, '2026-10-12')).toEqual({ created: 1, resolved: 1 });
    items = await openTodos(row.id);
    expect(items.map((t) => [t.userId, t.permission]).sort()).toEqual(
      [
        [null, 'complaint.approve'],
        [officer.userId, null],
      ].sort(),
    );
    const other = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).id))! as Actor;
    expect(await seen(other)).toEqual([]);
    expect(await seen(officer)).toHaveLength(1);
  });
});

describe('going away', () => {
  it('met, cancelled or the item closed: resolved (by item and by the daily run)', async () => {
    const met = await itemWithClock('notify', '2026-09-23');
    const cancelled = await itemWithClock('notify', '2026-09-23');
    const closed = await itemWithClock('notify', '2026-09-23');
    for (const x of [met, cancelled, closed]) await sync(x.row.id, '2026-09-30');
    for (const x of [met, cancelled, closed]) expect(await openTodos(x.row.id)).toHaveLength(2);

    await inTransaction(env.db, (tx) => complaintsServices().clocks.meet(tx, met.row.id, 'notify', '2026-09-30'));
    expect(await sync(met.row.id, '2026-09-30')).toEqual({ created: 0, resolved: 2 });
    expect(await openTodos(met.row.id)).toEqual([]);

    await inTransaction(env.db, (tx) => complaintsServices().clocks.cancel(tx, cancelled.row.id, 'notify', '2026-09-30'));
    await env.db.update(complaints).set({ status: 'closed' }).where(eq(complaints.id, closed.row.id));
    // The daily run (all items) resolves both.
    await sync(undefined, '2026-09-30');
    expect(await openTodos(cancelled.row.id)).toEqual([]);
    expect(await openTodos(closed.row.id)).toEqual([]);
  });

  it('an extension moves the due date: the old items resolved, new ones raised', async () => {
    const { row } = await itemWithClock('verify', '2026-03-02');
    await sync(row.id, '2026-12-01');
    const before = (await openTodos(row.id)).map((t) => t.key);
    await inTransaction(env.db, (tx) => complaintsServices().clocks.extend(tx, row.id, 'verify', 15, env.admin.userId!));
    const [clock] = await inTransaction(env.db, (tx) => complaintsServices().clocks.of(tx, row.id));
    expect(clock!.extended).toBe(true);
    await sync(row.id, '2026-12-01');
    const after = await openTodos(row.id);
    expect(after.map((t) => t.key).filter((k) => before.includes(k))).toEqual([]);
    expect(after.every((t) => t.dueOn === clock!.dueOn)).toBe(true);
  });
});
