import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { complaints } from '../complaints.schema.js';
import { REPEAT_SUBJECT_THRESHOLD, substantiatedComplaintCounts } from '../index.js';
import { makeComplaint } from '../testing.js';

const env = useServiceEnv();
const stats = () => env.services.complaints.stats;
const clocks = () => env.services.complaints.clocks;
const today = todayInChina();

async function actorOf(roles: string[], regionCode = '320800'): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const uscc = () => `91320800${randomBytes(5).toString('hex').toUpperCase()}`;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/** Starts a clock from `from` and meets it on its due date, 3 days after it, cancels it, or leaves it open. */
async function clock(id: string, kind: 'accept' | 'verify' | 'mediation' | 'notify', from: string, met: 'on_time' | 'late' | 'open' | 'cancelled') {
  return inTransaction(env.db, async (tx) => {
    await clocks().start(tx, id, kind, from);
    const c = (await clocks().of(tx, id)).find((k) => k.kind === kind)!;
    if (met === 'on_time') await clocks().meet(tx, id, kind, c.dueOn);
    if (met === 'late') await clocks().meet(tx, id, kind, addDays(c.dueOn, 3));
    if (met === 'cancelled') await clocks().cancel(tx, id, kind, from);
    return c;
  });
}

describe('statistics over a hand-made set (January and February 2024)', () => {
  const window = { from: '2024-01-01', to: '2024-02-29' };

  it('counts by kind, topic, county, channel and month; on-time rates; substantiated rate; satisfaction; urgent acknowledgement', async () => {
    const a = await makeComplaint(env, { kind: 'complaint', channel: 'web', topic: 'special_equipment', regionCode: '320813', receivedOn: '2024-01-10', receivedAt: at('2024-01-10', '09:00'), urgent: true, acknowledgedAt: at('2024-01-10', '09:30'), substantiated: true, satisfied: true, anonymous: false });
    const b = await makeComplaint(env, { kind: 'complaint', channel: 'phone', topic: 'product_quality', regionCode: '320813', receivedOn: '2024-01-20', substantiated: false, satisfied: false, anonymous: false });
    const c = await makeComplaint(env, { kind: 'report', channel: 'web', topic: 'product_quality', regionCode: '320813', receivedOn: '2024-02-05', receivedAt: at('2024-02-05', '10:00'), urgent: true, acknowledgedAt: at('2024-02-05', '11:30'), substantiated: true });
    await makeComplaint(env, { kind: 'enquiry', channel: 'letter', topic: 'metrology', regionCode: '320826', receivedOn: '2024-02-15' });
    // Outside the window: not counted.
    await makeComplaint(env, { kind: 'report', channel: 'visit', regionCode: '320813', receivedOn: '2023-12-31', substantiated: true });
    await makeComplaint(env, { kind: 'suggestion', channel: 'visit', regionCode: '320813', receivedOn: '2024-03-01' });
    await clock(a.id, 'accept', '2024-01-10', 'on_time');
    await clock(a.id, 'mediation', addDays(today, -1), 'open');
    await clock(b.id, 'accept', '2024-01-20', 'late');
    await clock(b.id, 'mediation', '2024-01-25', 'cancelled');
    await clock(c.id, 'verify', '2024-02-05', 'open'); // never met, long past due: late
    await clock(c.id, 'notify', '2024-02-20', 'on_time');

    const s = await stats().stats(env.admin, window);
    expect(s.total).toBe(4);
    expect(s.byKind).toEqual([
      { kind: 'complaint', count: 2 },
      { kind: 'report', count: 1 },
      { kind: 'enquiry', count: 1 },
      { kind: 'suggestion', count: 0 },
    ]);
    expect(s.byTopic).toEqual([
      { topic: 'special_equipment', name: '特种设备', count: 1 },
      { topic: 'metrology', name: '计量', count: 1 },
      { topic: 'product_quality', name: '产品质量', count: 2 },
    ]);
    const hongze = await env.services.jurisdiction.competentBureau('320813');
    const lianshui = await env.services.jurisdiction.competentBureau('320826');
    expect(s.byCounty).toEqual([
      { orgId: hongze.id, regionCode: '320813', name: hongze.name, count: 3 },
      { orgId: lianshui.id, regionCode: '320826', name: lianshui.name, count: 1 },
    ]);
    expect(s.byChannel.filter((x) => x.count > 0)).toEqual([
      { channel: 'web', count: 2 },
      { channel: 'phone', count: 1 },
      { channel: 'letter', count: 1 },
    ]);
    expect(s.byMonth).toEqual([
      { month: '2024-01', count: 2, byKind: { complaint: 2, report: 0, enquiry: 0, suggestion: 0 } },
      { month: '2024-02', count: 2, byKind: { complaint: 0, report: 1, enquiry: 1, suggestion: 0 } },
    ]);
    expect(s.onTime).toEqual([
      { kind: 'accept', due: 2, metOnTime: 1, late: 1, open: 0, rate: 0.5 },
      { kind: 'mediation', due: 0, metOnTime: 0, late: 0, open: 1, rate: null },
      { kind: 'verify', due: 1, metOnTime: 0, late: 1, open: 0, rate: 0 },
      { kind: 'notify', due: 1, metOnTime: 1, late: 0, open: 0, rate: 1 },
    ]);
    expect(s.substantiated).toEqual({ decided: 3, substantiated: 2, rate: 0.6667 });
    expect(s.satisfaction).toEqual({ rated: 2, satisfied: 1, rate: 0.5 });
    expect(s.urgent).toEqual({ count: 2, acknowledged: 2, meanAckMinutes: 60 });

    // A region filter, and the data scope: a county officer counts only their county.
    expect((await stats().stats(env.admin, { ...window, regionCode: '320826' })).total).toBe(1);
    expect((await stats().stats(await actorOf(['county_officer'], '320826'), window)).total).toBe(1);
    const own = await stats().stats(await actorOf(['county_officer'], '320813'), window);
    expect(own.total).toBe(3);
    expect(own.byCounty.map((x) => x.regionCode)).toEqual(['320813']);
    await expect(stats().stats(env.admin, { from: '2024-03-01', to: '2024-02-01' })).rejects.toMatchObject({ code: 'INVALID_DATE' });
  });
});

describe('repeat subjects', () => {
  it('≥ 3 substantiated complaints or reports received in the last 12 months: 2 are not, 3 are; older items and unfounded ones do not count', async () => {
    const two = uscc();
    const three = uscc();
    const old = uscc();
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    const item = (subjectUscc: string, receivedOn: string, kind: 'complaint' | 'report' = 'report', substantiated: boolean | null = true) =>
      makeComplaint(env, { kind, subjectUscc, subjectName: `企业${subjectUscc.slice(-4)}`, regionCode: '320830', receivedOn, substantiated });
    await item(two, addDays(today, -5));
    await item(two, addDays(today, -50), 'complaint');
    await item(two, addDays(today, -60), 'complaint', false);
    await item(three, addDays(today, -5));
    await item(three, addDays(today, -200), 'complaint');
    const last = await item(three, yearAgo);
    await item(old, addDays(today, -5));
    await item(old, addDays(today, -6));
    await item(old, addDays(yearAgo, -1));

    expect(REPEAT_SUBJECT_THRESHOLD).toBe(3);
    const counts = await substantiatedComplaintCounts(env.db, [two, three, old, 'NONE'], yearAgo);
    expect(Object.fromEntries(counts)).toEqual({ [two]: 2, [three]: 3, [old]: 2 });

    const s = await stats().stats(env.admin, {});
    const listed = s.repeatSubjects.filter((r) => [two, three, old].includes(r.uscc));
    expect(listed).toEqual([{ uscc: three, name: `企业${three.slice(-4)}`, regionCode: '320830', count: 3, marked: true }]);
    // A county officer elsewhere does not see the subject; its own county does.
    expect((await stats().stats(await actorOf(['county_officer'], '320826'), {})).repeatSubjects.map((r) => r.uscc)).not.toContain(three);
    expect((await stats().stats(await actorOf(['county_officer'], '320830'), {})).repeatSubjects.map((r) => r.uscc)).toContain(three);

    // The daily step marks it for targeted inspection: a to-do for the competent bureau's handlers.
    const first = await stats().markRepeatSubjects();
    expect(first.created).toBeGreaterThanOrEqual(1);
    const mark = async (u: string) => (await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.repeat_subject'), eq(todos.subjectId, u))))[0];
    const bureau = await env.services.jurisdiction.competentBureau('320830');
    expect(await mark(three)).toMatchObject({ status: 'open', orgId: bureau.id, permission: 'complaint.write', link: `/enterprises/${three}`, regionCode: '320830', subjectType: 'enterprise' });
    expect(await mark(two)).toBeUndefined();
    expect(await mark(old)).toBeUndefined();
    // Again: nothing new.
    expect((await stats().markRepeatSubjects()).created).toBe(0);
    // One of its items found unfounded after all: under the threshold, the mark is resolved.
    await env.db.update(complaints).set({ substantiated: false }).where(eq(complaints.id, last.id));
    expect((await stats().markRepeatSubjects()).resolved).toBeGreaterThanOrEqual(1);
    expect((await mark(three))!.status).toBe('resolved');
  });
});

describe('the list export', () => {
  it('masks the reporter and takes the list filters and the data scope (formula cells: stats.api.test.ts)', async () => {
    const phone = '13812345678';
    const named = await makeComplaint(env, {
      kind: 'complaint',
      regionCode: '320831',
      description: '=1+1 电梯异响',
      anonymous: false,
      reporterNameSealed: env.services.personal.seal('张三丰'),
      reporterPhoneSealed: env.services.personal.seal(phone),
      reporterNameMasked: '张**',
      reporterPhoneMasked: '138****5678',
      subjectName: '@某某电梯公司',
    });
    const anonymous = await makeComplaint(env, { kind: 'report', regionCode: '320831', description: '+86 举报' });
    const rows: string[][] = [];
    for await (const row of stats().listRows(env.admin, { regionCode: '320831' })) rows.push(row);
    expect(rows[0]).toContain('联系电话');
    const byNo = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byNo.get(named.trackingNo)).toEqual(expect.arrayContaining(['=1+1 电梯异响', '张**', '138****5678', '投诉']));
    expect(byNo.get(anonymous.trackingNo)).toEqual(expect.arrayContaining(['匿名']));
    expect(JSON.stringify(rows)).not.toContain(phone);
    expect(JSON.stringify(rows)).not.toContain('张三丰');
    // Filters: kind; scope: another county sees none of them.
    const reports: string[][] = [];
    for await (const row of stats().listRows(env.admin, { regionCode: '320831', kind: 'report' })) reports.push(row);
    expect(reports.slice(1).map((r) => r[0])).toEqual([anonymous.trackingNo]);
    const elsewhere: string[][] = [];
    for await (const row of stats().listRows(await actorOf(['county_officer'], '320826'), { regionCode: '320831' })) elsewhere.push(row);
    expect(elsewhere).toHaveLength(1);
  });
});
