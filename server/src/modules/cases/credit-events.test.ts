import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import { useServiceEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventColumnsOf, creditEventsOf } from '../../test/credit-events.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { creditScores } from '../credit/index.js';
import { scoreNow } from '../credit/testing.js';
import { makeEnterprise, randomUscc } from '../enterprises/testing.js';
import type { Penalty } from './cases.schema.js';
import { CREDIT_EVENTS_CASES } from './credit-events.js';
import { caseTransfers } from './oversight/oversight.schema.js';
import { penaltyPublications } from './publication/publication.schema.js';
import { makeCase } from './testing.js';

/** Issue 20: cases on the credit archive — penalty decisions, transfers to the police, published decisions. */
const env = useServiceEnv();
const today = todayInChina();
const events = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_CASES, uscc);

let seq = 0;
const OFFICERS = ['欧阳科长', '司马执法', '上官执法'];

/** A case of the enterprise `uscc` decided on 2026-09-21 with `penalties` (written straight to the table, as decide writes it). */
function decided(uscc: string | null, penalties: Penalty[], fields: Parameters<typeof makeCase>[1] = {}) {
  const money = penalties.filter((p) => p.type === 'fine' || p.type === 'confiscation_gains').reduce((s, p) => s + (p.amount ?? 0), 0);
  return makeCase(env, {
    uscc,
    stage: 'decided',
    foundOn: '2026-06-01',
    openedOn: '2026-06-05',
    openedByName: OFFICERS[1],
    investigatorNames: [OFFICERS[1]!, OFFICERS[2]!],
    decidedOn: '2026-09-21',
    decidedByName: OFFICERS[0],
    penalties,
    penaltyText: penalties.map((p) => (p.type === 'fine' ? `罚款人民币${p.amount}元` : p.type === 'confiscation_gains' ? `没收违法所得人民币${p.amount}元` : '警告')).join('；'),
    violation: '生产不符合国家标准的产品（内部调查细节）',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    documentNo: `涟市监罚〔2026〕${8800 + ++seq}号`,
    amountDue: money.toFixed(2),
    ...fields,
  });
}

/** A transfer of the case to the police on `on` (written straight to the table), with the police's decision if given. */
async function transfer(caseId: string, on: string, decision: Partial<typeof caseTransfers.$inferInsert> = {}) {
  const [t] = await env.db
    .insert(caseTransfers)
    .values({ caseId, transferredOn: on, receivingOrgan: '涟水县公安局', documentNo: `涟市监移〔2026〕${++seq}号`, reason: '涉嫌生产伪劣产品罪', manifest: [], packageSha256: '0'.repeat(64), createdByName: OFFICERS[1]!, ...decision })
    .returning();
  return t!;
}

describe('CREDIT_EVENTS_CASES', () => {
  it('yields the contract’s columns in order', async () => {
    const uscc = randomUscc();
    await decided(uscc, [{ type: 'fine', amount: 5000 }]);
    expect(await creditEventColumnsOf(env.db, CREDIT_EVENTS_CASES, uscc)).toEqual(CREDIT_EVENT_COLUMNS);
  });

  it('a penalty decision is one case.penalty on the decision’s day: fine plus confiscated gains as magnitude, the wording and number, no officer', async () => {
    const uscc = randomUscc();
    const c = await decided(uscc, [{ type: 'fine', amount: 20000 }, { type: 'confiscation_gains', amount: 1200.5 }]);
    const rows = await events(uscc);
    expect(rows).toEqual([
      {
        uscc,
        kind: 'case.penalty',
        occurredOn: '2026-09-21',
        recordedAt: c.updatedAt,
        refType: 'case',
        refId: c.id,
        title: `行政处罚：罚款人民币20000元；没收违法所得人民币1200.5元（${c.documentNo}）`,
        magnitude: '21200.50',
      },
    ]);
    for (const name of OFFICERS) expect(JSON.stringify(rows)).not.toContain(name);
    expect(rows[0]!.title).not.toContain('内部调查细节');
  });

  it('a decision without money (a warning) has no magnitude; a long wording is clipped to one line', async () => {
    const uscc = randomUscc();
    await decided(uscc, [{ type: 'warning' }]);
    await decided(uscc, [{ type: 'warning' }], { penaltyText: `警告；${'责令改正'.repeat(40)}` });
    const rows = await events(uscc);
    expect(rows.map((r) => r.magnitude)).toEqual([null, null]);
    const titles = rows.map((r) => r.title).sort((a, b) => a.length - b.length);
    expect(titles[0]).toMatch(/^行政处罚：警告（涟市监罚〔2026〕\d+号）$/);
    expect(titles[1]).toMatch(/^行政处罚：警告；(责令改正)+…（涟市监罚〔2026〕\d+号）$/);
    expect([...titles[1]!.split('（')[0]!.slice('行政处罚：'.length)].length).toBe(80);
  });

  it('an undecided case gives no case.penalty; a party without a USCC gives no event at all', async () => {
    const uscc = randomUscc();
    await makeCase(env, { uscc, stage: 'reviewing', openedOn: '2026-06-05', penaltyText: null });
    await makeCase(env, { uscc, stage: 'notified', notifiedOn: '2026-07-01', intendedPenalty: { penalties: [{ type: 'fine', amount: 9000 }], wording: '拟处罚款人民币9000元', violation: 'x', legalBasis: 'y', discretionRuleKey: null, discretionLevel: null } });
    expect(await events(uscc)).toEqual([]);
    await decided(null, [{ type: 'fine', amount: 3000 }], { partyName: '个人当事人' });
    const { rows } = (await env.db.execute(sql`select count(*)::int as n from (${sql.raw(CREDIT_EVENTS_CASES)}) e where e.uscc is null`)) as unknown as { rows: { n: number }[] };
    expect(rows[0]!.n).toBe(0);
  });

  it('a transfer to the police is one case.transferred on its day, with the police’s decision once recorded', async () => {
    const uscc = randomUscc();
    const c = await makeCase(env, { uscc, stage: 'transferred', transferred: true, stageBeforeTransfer: 'investigating', openedOn: '2026-06-05' });
    const [t] = await env.db
      .insert(caseTransfers)
      .values({ caseId: c.id, transferredOn: '2026-07-15', receivingOrgan: '涟水县公安局', documentNo: '涟市监移〔2026〕3号', reason: '涉嫌生产伪劣产品罪', manifest: [], packageSha256: '0'.repeat(64), createdByName: OFFICERS[1]! })
      .returning();
    const [row] = await events(uscc);
    expect(row).toEqual({ uscc, kind: 'case.transferred', occurredOn: '2026-07-15', recordedAt: expect.any(Date), refType: 'case_transfer', refId: t!.id, title: '移送涟水县公安局（涟市监移〔2026〕3号）', magnitude: null });
    expect(row!.recordedAt.getTime()).toBe(Math.max(t!.createdAt.getTime(), c.updatedAt.getTime()));

    await env.db.update(caseTransfers).set({ decision: 'accepted', decisionOn: '2026-07-20' }).where(eq(caseTransfers.id, t!.id));
    expect((await events(uscc))[0]!.title).toBe('移送涟水县公安局（涟市监移〔2026〕3号），已受理');
  });

  it('a transfer the police did not accept is case.transfer_not_accepted (the same row otherwise), not case.transferred', async () => {
    const uscc = randomUscc();
    const c = await makeCase(env, { uscc, stage: 'investigating', openedOn: '2026-06-05' });
    const t = await transfer(c.id, '2026-07-15', { decision: 'not_accepted', decisionOn: '2026-08-01', decisionReason: '不符合立案追诉标准' });
    expect(await events(uscc)).toEqual([
      { uscc, kind: 'case.transfer_not_accepted', occurredOn: '2026-07-15', recordedAt: expect.any(Date), refType: 'case_transfer', refId: t.id, title: `移送涟水县公安局（${t.documentNo}），未受理`, magnitude: null },
    ]);
  });

  it('the credit model v1 takes 20 points for a transfer accepted or pending, none for one not accepted', async () => {
    const e = await makeEnterprise(env);
    const c = await makeCase(env, { uscc: e.uscc, stage: 'investigating', openedOn: addDays(today, -120) });
    const transfersOf = async () => {
      await scoreNow(env, [e.id]);
      const [row] = await env.db.select().from(creditScores).where(eq(creditScores.enterpriseId, e.id));
      return row!.reasons.find((r) => r.factor === 'transfers')!;
    };
    const refused = await transfer(c.id, addDays(today, -100), { decision: 'not_accepted', decisionOn: addDays(today, -90), decisionReason: '不予立案' });
    expect(await transfersOf()).toMatchObject({ points: 0, count: 0, items: [] });

    const pending = await transfer(c.id, addDays(today, -60));
    expect(await transfersOf()).toMatchObject({ points: -20, count: 1, items: [expect.objectContaining({ type: 'case_transfer', id: pending.id, points: -20 })] });

    const accepted = await transfer(c.id, addDays(today, -30), { decision: 'accepted', decisionOn: addDays(today, -20) });
    const counted = await transfersOf();
    expect(counted).toMatchObject({ points: -40, count: 2 });
    expect(counted.items.map((i) => i.id).sort()).toEqual([pending.id, accepted.id].sort());
    expect(counted.items.map((i) => i.id)).not.toContain(refused.id);

    // the police's refusal recorded later takes the transfer out of the score
    await env.db.update(caseTransfers).set({ decision: 'not_accepted', decisionOn: today, decisionReason: '不予立案' }).where(eq(caseTransfers.id, pending.id));
    expect(await transfersOf()).toMatchObject({ points: -20, count: 1, items: [expect.objectContaining({ id: accepted.id })] });
  });

  it('a published decision is one case.published on its publication day, recorded when published; pending or exempt ones none', async () => {
    const uscc = randomUscc();
    const published = await decided(uscc, [{ type: 'fine', amount: 30000 }]);
    const pending = await decided(uscc, [{ type: 'fine', amount: 4000 }]);
    const exempt = await decided(uscc, [{ type: 'warning' }]);
    const publication = env.services.cases.publication;
    for (const c of [published, pending, exempt]) await inTransaction(env.db, (tx) => publication.schedule(tx, env.ctx, c));
    const before = Date.now();
    await publication.publish(env.ctx, published.id, { publishedOn: '2026-10-09' });

    const rows = (await events(uscc)).filter((r) => r.kind === 'case.published');
    expect(rows).toEqual([
      { uscc, kind: 'case.published', occurredOn: '2026-10-09', recordedAt: expect.any(Date), refType: 'penalty_publication', refId: published.id, title: `公示行政处罚决定（${published.documentNo}），公示至2029-10-09`, magnitude: null },
    ]);
    expect(rows[0]!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await env.db.update(penaltyPublications).set({ status: 'removed', removedOn: '2027-11-01' }).where(eq(penaltyPublications.caseId, published.id));
    expect((await events(uscc)).find((r) => r.kind === 'case.published')?.title).toBe(`公示行政处罚决定（${published.documentNo}），2027-11-01提前停止公示`);
  });
});
