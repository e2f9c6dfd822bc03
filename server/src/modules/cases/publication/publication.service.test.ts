import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import type { CasesDeps } from '../cases.deps.js';
import { type Penalty, caseEvents } from '../cases.schema.js';
import { caseParties } from '../oversight/oversight.schema.js';
import { makeCase } from '../testing.js';
import { penaltyPublications } from './publication.schema.js';
import { PUBLICATION_TODO, makePublicationService } from './publication.service.js';

/**
 * Issue 18, the publication rules (SAMR Order 45; unverified details configurable): which
 * decisions are published (a warning alone not, by default), when (20 working days after the
 * decision, across the 2026 Mid-Autumn and National Day holidays; uncertain over 2027, which has
 * no holiday data yet), for how long (3 months or 3 years, the low-fine threshold), early removal,
 * the public list, the to-do job.
 */
const env = useServiceEnv();
const publication = () => env.services.cases.publication;

let seq = 0;
const FINE = (amount: number): Penalty => ({ type: 'fine', amount });

/** A decided case (written straight to the table) and its scheduled publication. */
async function decided(penalties: Penalty[], opts: { decidedOn?: string; regionCode?: string; stage?: 'decided' | 'served' | 'executing' | 'closed'; service?: ReturnType<typeof makePublicationService> } = {}) {
  seq += 1;
  const decidedOn = opts.decidedOn ?? '2026-09-21';
  const row = await makeCase(env, {
    stage: opts.stage ?? 'decided',
    regionCode: opts.regionCode,
    foundOn: '2026-06-01',
    openedOn: '2026-06-05',
    decidedOn,
    decidedByName: '王科长',
    investigatorNames: ['李执法', '赵执法'],
    penalties,
    penaltyText: penalties.map((p) => (p.type === 'fine' ? `罚款人民币${p.amount}元` : p.type)).join('；'),
    violation: '生产不符合保障人体健康和人身、财产安全的国家标准的产品',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    documentNo: `涟市监罚〔2026〕${9000 + seq}号`,
    uscc: `91320826MA${String(seq).padStart(7, '0')}X`.slice(0, 18),
    amountDue: String(penalties.filter((p) => p.type === 'fine').reduce((s, p) => s + (p.amount ?? 0), 0)),
  });
  await inTransaction(env.db, (tx) => (opts.service ?? publication()).schedule(tx, env.ctx, row));
  const [pub] = await env.db.select().from(penaltyPublications).where(eq(penaltyPublications.caseId, row.id));
  return { row, pub: pub! };
}

async function actorOf(roles: string[], regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

const openTodos = (caseId: string) => env.db.select().from(todos).where(and(eq(todos.subjectId, caseId), eq(todos.kind, PUBLICATION_TODO), eq(todos.status, 'open')));

describe('which decisions are published', () => {
  it('a warning alone is not (仅警告) by default; anything else is pending', async () => {
    const warning = await decided([{ type: 'warning' }]);
    expect(warning.pub).toMatchObject({ status: 'not_published', exemptReason: '仅警告' });
    const fine = await decided([{ type: 'warning' }, FINE(3000)]);
    expect(fine.pub).toMatchObject({ status: 'pending', exemptReason: null });
    const criticism = await decided([{ type: 'criticism' }]);
    expect(criticism.pub.status).toBe('pending');
    // Not published: nothing to publish.
    const refused = publication().publish(env.ctx, warning.row.id, {});
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
  });

  it('with the setting publishWarnings, a warning alone is published too', async () => {
    const s = env.services;
    const deps = { db: env.db, audit: s.audit, calendar: s.calendar, todos: s.todos, jurisdiction: s.jurisdiction, users: s.users, personal: s.personal, rules: { ...env.config.caseRules, publishWarnings: true } } as unknown as CasesDeps;
    const service = makePublicationService(deps);
    const warning = await decided([{ type: 'warning' }], { service });
    expect(warning.pub).toMatchObject({ status: 'pending', exemptReason: null });
    const published = await service.publish(env.ctx, warning.row.id, { publishedOn: '2026-10-09' }, undefined, '2026-10-09');
    // Not "only 通报批评 or a low fine": 3 years.
    expect(published).toMatchObject({ state: 'published', period: 'long', publicUntil: '2029-10-09' });
  });
});

describe('when: within 20 working days of the decision', () => {
  it('counts working days across Mid-Autumn and National Day 2026 (the 调休 Saturday 10-10 counts)', async () => {
    // 09-22..24 (3), 中秋 09-25..27, 09-28..30 (6), 国庆 10-01..07, 10-08, 10-09, Sat 10-10 (9), 10-12..16 (14), 10-19..23 (19), 10-26 (20).
    const { pub } = await decided([FINE(5000)], { decidedOn: '2026-09-21' });
    expect(pub).toMatchObject({ dueOn: '2026-10-26', dueCertain: true });
  });

  it('is uncertain when the period runs into a year without holiday data (2027)', async () => {
    const { pub } = await decided([FINE(5000)], { decidedOn: '2026-12-20' });
    expect(pub.dueCertain).toBe(false);
    expect(pub.dueOn > '2027-01-01').toBe(true);
  });
});

describe('for how long', () => {
  it('3 months for a fine at the threshold, 3 years above it; from the publication date, calendar-wise', async () => {
    const low = await decided([FINE(env.config.caseRules.lowFineYuan)], { decidedOn: '2026-11-02' });
    const high = await decided([FINE(env.config.caseRules.lowFineYuan + 0.01)], { decidedOn: '2026-11-02' });
    const a = await publication().publish(env.ctx, low.row.id, { publishedOn: '2026-11-30' }, undefined, '2026-12-01');
    expect(a).toMatchObject({ status: 'published', state: 'published', period: 'short', publishedOn: '2026-11-30', publicUntil: '2027-02-28', earlyRemovalFrom: null });
    const b = await publication().publish(env.ctx, high.row.id, { publishedOn: '2026-11-30' }, undefined, '2026-12-01');
    expect(b).toMatchObject({ period: 'long', publicUntil: '2029-11-30', earlyRemovalFrom: '2027-11-30' });
    // Published once only; the publication date is neither before the decision nor in the future.
    await expect(publication().publish(env.ctx, low.row.id, {}, undefined, '2026-12-01')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const other = await decided([FINE(800)], { decidedOn: '2026-11-02' });
    await expect(publication().publish(env.ctx, other.row.id, { publishedOn: '2026-11-01' }, undefined, '2026-12-01')).rejects.toMatchObject({ status: 400, details: { field: 'publishedOn' } });
    await expect(publication().publish(env.ctx, other.row.id, { publishedOn: '2026-12-02' }, undefined, '2026-12-01')).rejects.toMatchObject({ status: 400, details: { field: 'publishedOn' } });
    // If-Match: a stale version is refused.
    await expect(publication().publish(env.ctx, other.row.id, {}, [other.pub.version + 1], '2026-12-01')).rejects.toMatchObject({ status: 412 });
  });

  it('shows publicly only within the period; expired in the staff list after it', async () => {
    const { row } = await decided([FINE(2000)], { decidedOn: '2026-11-02' });
    const uscc = row.uscc!;
    await publication().publish(env.ctx, row.id, { publishedOn: '2026-11-30' }, undefined, '2026-12-01');
    const on = async (today: string) => (await publication().publicList({ uscc }, { page: 1, pageSize: 20 }, today)).items;
    expect(await on('2026-11-29')).toEqual([]);
    expect(await on('2026-11-30')).toHaveLength(1);
    expect(await on('2027-02-28')).toHaveLength(1); // the last day
    expect(await on('2027-03-01')).toEqual([]);
    const [item] = await on('2026-12-01');
    expect(Object.keys(item!).sort()).toEqual(['decidedOn', 'documentNo', 'legalBasis', 'partyName', 'penalty', 'penaltyTypes', 'publicUntil', 'publishedOn', 'uscc', 'violation']);
    expect(item).toMatchObject({ documentNo: row.documentNo, partyName: row.partyName, uscc, penaltyTypes: ['fine'], penalty: '罚款人民币2000元', decidedOn: '2026-11-02', publishedOn: '2026-11-30', publicUntil: '2027-02-28' });
    expect(JSON.stringify(item)).not.toMatch(/王科长|李执法|赵执法/);
    const staff = await publication().list(env.admin, { q: row.caseNo }, { page: 1, pageSize: 20 }, '2027-03-01');
    expect(staff.items[0]).toMatchObject({ status: 'published', state: 'expired' });
    expect((await publication().list(env.admin, { q: row.caseNo, status: 'expired' }, { page: 1, pageSize: 20 }, '2027-03-01')).total).toBe(1);
    expect((await publication().list(env.admin, { q: row.caseNo, status: 'published' }, { page: 1, pageSize: 20 }, '2027-03-01')).total).toBe(0);
    // The year filter is the decision's.
    expect((await publication().publicList({ uscc, year: 2026 }, { page: 1, pageSize: 20 }, '2026-12-01')).total).toBe(1);
    expect((await publication().publicList({ uscc, year: 2025 }, { page: 1, pageSize: 20 }, '2026-12-01')).total).toBe(0);
  });
});

describe('early removal', () => {
  it('is refused for a 3-month publication, before the months are up, and before the case is closed — with every reason', async () => {
    const short = await decided([FINE(1000)], { decidedOn: '2026-02-02', stage: 'closed' });
    await publication().publish(env.ctx, short.row.id, { publishedOn: '2026-02-10' }, undefined, '2026-02-10');
    await expect(publication().remove(env.ctx, short.row.id, { reason: '已整改' }, undefined, '2026-03-10')).rejects.toMatchObject({ code: 'EARLY_REMOVAL_NOT_ALLOWED', status: 409, details: { reasons: ['short_period'] } });

    const long = await decided([FINE(50_000), { type: 'confiscation_gains', amount: 1200 }], { decidedOn: '2025-10-09', stage: 'executing' });
    await publication().publish(env.ctx, long.row.id, { publishedOn: '2025-10-20' }, undefined, '2025-10-20');
    const early = publication().remove(env.ctx, long.row.id, { reason: '已履行', applicationDate: '2026-10-19' }, undefined, '2026-10-25');
    await expect(early).rejects.toMatchObject({ code: 'EARLY_REMOVAL_NOT_ALLOWED', details: { reasons: ['too_early', 'not_executed'], earliestOn: '2026-10-20' } });
    const open = publication().remove(env.ctx, long.row.id, { reason: '已履行', applicationDate: '2026-10-20' }, undefined, '2026-10-25');
    await expect(open).rejects.toMatchObject({ details: { reasons: ['not_executed'] } });

    const pending = await decided([FINE(50_000)], { decidedOn: '2026-10-09', stage: 'closed' });
    await expect(publication().remove(env.ctx, pending.row.id, { reason: '已履行' }, undefined, '2026-10-25')).rejects.toMatchObject({ details: { reasons: ['not_published'] } });
  });

  it('is allowed for a long publication of a closed case after 12 months; it is gone from the public list at once', async () => {
    const { row } = await decided([{ type: 'suspension' }, FINE(80_000)], { decidedOn: '2025-10-09', stage: 'closed' });
    await publication().publish(env.ctx, row.id, { publishedOn: '2025-10-20' }, undefined, '2025-10-20');
    expect((await publication().publicList({ uscc: row.uscc! }, { page: 1, pageSize: 20 }, '2026-11-01')).total).toBe(1);
    const removed = await publication().remove(env.ctx, row.id, { reason: '当事人申请，已履行处罚决定且满一年', applicationDate: '2026-10-20' }, undefined, '2026-11-01');
    expect(removed).toMatchObject({ status: 'removed', state: 'removed', removedOn: '2026-11-01', removalReason: '当事人申请，已履行处罚决定且满一年', publicUntil: '2028-10-20' });
    expect((await publication().publicList({ uscc: row.uscc! }, { page: 1, pageSize: 20 }, '2026-11-01')).total).toBe(0);
    await expect(publication().remove(env.ctx, row.id, { reason: '再次' }, undefined, '2026-11-02')).rejects.toMatchObject({ details: { reasons: ['not_published'] } });
    // Timeline and audit.
    const events = await env.db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id));
    expect(events.map((e) => e.action).sort()).toEqual(['publication_published', 'publication_removed']);
    const audits = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, row.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['case.publication_published', 'case.publication_removed']);
  });
});

describe('scope', () => {
  it('a county officer publishes its own county’s decisions; another county’s is 404 and absent from its list', async () => {
    const { row } = await decided([FINE(3000)], { regionCode: '320826' });
    const elsewhere = await actorOf(['county_officer'], '320830');
    await expect(publication().publish({ actor: elsewhere }, row.id, {}, undefined, '2026-10-09')).rejects.toMatchObject({ status: 404 });
    expect((await publication().list(elsewhere, { q: row.caseNo }, { page: 1, pageSize: 20 })).total).toBe(0);
    const own = await actorOf(['county_officer'], '320826');
    expect((await publication().list(own, { q: row.caseNo }, { page: 1, pageSize: 20 })).total).toBe(1);
    expect(await publication().publish({ actor: own }, row.id, {}, undefined, '2026-10-09')).toMatchObject({ status: 'published', publishedByName: own.name });
  });

  it('a joint party’s bureau (联办) sees the case’s publication', async () => {
    const { row } = await decided([FINE(3000)], { regionCode: '320826' });
    const elsewhere = await actorOf(['county_officer'], '320830');
    expect((await publication().list(elsewhere, { q: row.caseNo }, { page: 1, pageSize: 20 })).total).toBe(0);
    await env.db.insert(caseParties).values({ caseId: row.id, role: 'assisting', orgId: elsewhere.orgId, addedOn: '2026-09-01', addedByName: '测试' });
    expect((await publication().list(elsewhere, { q: row.caseNo }, { page: 1, pageSize: 20 })).total).toBe(1);
    expect(await publication().get(elsewhere, row.id)).toMatchObject({ caseId: row.id, state: 'pending' });
  });
});

describe('the to-do job (cases.publication)', () => {
  it('raises case.publication_due within 3 working days of the due date or past it, and resolves it on publication', async () => {
    const { row, pub } = await decided([FINE(5000)], { decidedOn: '2026-09-21' }); // due 10-26
    const sync = (today: string) => publication().syncPublicationTodos({ today });
    await sync('2026-10-20'); // 3 working days after 10-20: 10-23
    expect(await openTodos(row.id)).toEqual([]);
    await sync('2026-10-21'); // threshold 10-26
    const [todo] = await openTodos(row.id);
    expect(todo).toMatchObject({ key: `${PUBLICATION_TODO}:${row.id}:${pub.dueOn}:near`, orgId: row.orgId, permission: 'case.write', dueOn: '2026-10-26', dueCertain: true, link: `/cases/${row.id}` });
    expect(todo!.title).not.toContain('逾期');
    await sync('2026-10-27');
    const [overdue, ...more] = await openTodos(row.id);
    expect(more).toEqual([]);
    expect(overdue).toMatchObject({ key: `${PUBLICATION_TODO}:${row.id}:${pub.dueOn}:overdue` });
    expect(overdue!.title).toContain('逾期');
    expect((await publication().list(env.admin, { q: row.caseNo, overdue: true }, { page: 1, pageSize: 20 }, '2026-10-27')).total).toBe(1);
    await publication().publish(env.ctx, row.id, {}, undefined, '2026-10-27');
    expect(await openTodos(row.id)).toEqual([]);
    await sync('2026-10-28');
    expect(await openTodos(row.id)).toEqual([]);
    // A warning not published is never a to-do.
    const warning = await decided([{ type: 'warning' }], { decidedOn: '2026-09-21' });
    await sync('2026-10-27');
    expect(await openTodos(warning.row.id)).toEqual([]);
  });

  it('raises the to-do at once when a decision is entered already near its due date', async () => {
    const { row } = await decided([FINE(5000)], { decidedOn: '2026-01-05' });
    expect(await openTodos(row.id)).toHaveLength(1);
  });
});
