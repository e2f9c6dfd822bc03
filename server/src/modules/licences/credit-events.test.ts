import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useServiceEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventColumnsOf, creditEventsOf } from '../../test/credit-events.js';
import { CREDIT_EVENTS_LICENCES } from './credit-events.js';
import { licenceTransitions, licences } from './licences.schema.js';
import type { TransitionTarget } from './states.js';
import { makeLicence } from './testing.js';

/** Issue 20: licences and their measures on the credit archive — issued, revoked, withdrawn, warning, change ordered. */
const env = useServiceEnv();
const events = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_LICENCES, uscc);
const TYPE = '工业产品生产许可证';

let seq = 0;
const documentNo = () => `淮市监许决〔2026〕${7700 + ++seq}号`;
const REQUESTER = '许可测试员甲';

/** Takes a measure through the service (applied at once: no approval rule in these tests). */
async function measure(licenceId: string, to: TransitionTarget) {
  const doc = documentNo();
  await env.services.licences.requestTransition(env.ctx, licenceId, {
    to,
    reason: '其他许可审批部门反馈',
    legalBasis: '《工业产品生产许可证管理条例》',
    documentNo: doc,
    ...(to === 'warning' ? { reviewOn: addDays(todayInChina(), 30) } : {}),
    ...(to === 'changeOrdered' ? { deadlineWorkingDays: 10 } : {}),
  });
  const [t] = await env.db.select().from(licenceTransitions).where(eq(licenceTransitions.documentNo, doc));
  return t!;
}

describe('CREDIT_EVENTS_LICENCES', () => {
  it('yields the contract’s columns in order', async () => {
    const l = await makeLicence(env);
    expect(await creditEventColumnsOf(env.db, CREDIT_EVENTS_LICENCES, l.uscc)).toEqual(CREDIT_EVENT_COLUMNS);
  });

  it('an issued licence is one licence.issued on its issue date, under the holder’s USCC', async () => {
    const l = await makeLicence(env, { issuedOn: '2025-06-18' });
    expect(await events(l.uscc)).toEqual([
      { uscc: l.uscc, kind: 'licence.issued', occurredOn: '2025-06-18', recordedAt: l.updatedAt, refType: 'licence', refId: l.id, title: `取得许可证：${TYPE}（编号：${l.number}）`, magnitude: null },
    ]);
  });

  it.each([
    ['warning', 'licence.warning', '许可证警示管理'],
    ['changeOrdered', 'licence.change_ordered', '责令限期办理变更登记'],
    ['revoked', 'licence.revoked', '吊销许可证'],
    ['withdrawn', 'licence.withdrawn', '撤销许可证'],
  ] as const)('a measure to %s is one %s on the day it applied, with the decision document and no officer', async (to, kind, label) => {
    const l = await makeLicence(env);
    const t = await measure(l.id, to);
    const rows = (await events(l.uscc)).filter((r) => r.kind !== 'licence.issued');
    expect(rows).toEqual([
      { uscc: l.uscc, kind, occurredOn: todayInChina(t.decidedAt ?? t.requestedAt), recordedAt: expect.any(Date), refType: 'licence_transition', refId: t.id, title: `${label}：${TYPE}（编号：${l.number}），${t.documentNo}`, magnitude: null },
    ]);
    expect(rows[0]!.recordedAt.getTime()).toBeGreaterThanOrEqual(t.requestedAt.getTime());
    expect(rows[0]!.title).not.toContain(t.requestedByName);
    expect(rows[0]!.title).not.toContain(t.reason);
  });

  it('a request pending approval or rejected is no event; a measure lifted (back to normal) none either', async () => {
    const l = await makeLicence(env);
    const base = { licenceId: l.id, fromState: 'normal' as const, reason: '待审批', legalBasis: '条例', requestedByName: REQUESTER };
    await env.db.insert(licenceTransitions).values([
      { ...base, toState: 'revoked', documentNo: documentNo(), status: 'rejected', decidedAt: new Date() },
      { ...base, toState: 'withdrawn', documentNo: documentNo(), status: 'pending' },
    ]);
    expect((await events(l.uscc)).map((r) => r.kind)).toEqual(['licence.issued']);

    await env.db.delete(licenceTransitions).where(and(eq(licenceTransitions.licenceId, l.id), eq(licenceTransitions.status, 'pending')));
    await measure(l.id, 'warning');
    await measure(l.id, 'normal');
    expect((await events(l.uscc)).map((r) => r.kind)).toEqual(['licence.issued', 'licence.warning']);
  });

  it('a revocation dated back by a penalty decision occurs on the decision’s day but is recorded when written', async () => {
    const l = await makeLicence(env);
    const requestedAt = new Date();
    const [t] = await env.db
      .insert(licenceTransitions)
      .values({ licenceId: l.id, fromState: 'normal', toState: 'revoked', reason: '处罚决定', legalBasis: '条例', documentNo: documentNo(), status: 'applied', requestedByName: REQUESTER, requestedAt, decidedAt: new Date('2026-02-03T00:00:00+08:00') })
      .returning();
    await env.db.update(licences).set({ state: 'revoked' }).where(eq(licences.id, l.id));
    const [row] = (await events(l.uscc)).filter((r) => r.kind === 'licence.revoked');
    expect(row).toMatchObject({ occurredOn: '2026-02-03', refId: t!.id });
    expect(row!.recordedAt.getTime()).toBe(requestedAt.getTime());
  });
});
