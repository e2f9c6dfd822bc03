import { describe, expect, it } from 'vitest';
import { useServiceEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventColumnsOf, creditEventsOf } from '../../test/credit-events.js';
import { randomUscc } from '../enterprises/testing.js';
import type { complaints } from './complaints.schema.js';
import { CREDIT_EVENTS_COMPLAINTS } from './credit-events.js';
import { substantiatedComplaintCounts } from './stats/repeat-subjects.js';
import { makeComplaint } from './testing.js';

/**
 * Issue 20: complaints and reports on the credit archive — substantiated ones (the repeat
 * subjects' definition) and the other outcomes, by kind, outcome and topic; never the reporter.
 */
const env = useServiceEnv();
const events = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_COMPLAINTS, uscc);

/** A named reporter whose every trace is distinctive, about the enterprise `uscc`. */
const about = (uscc: string, fields: Partial<typeof complaints.$inferInsert> = {}) =>
  makeComplaint(env, {
    subjectUscc: uscc,
    subjectName: '被举报测试企业',
    topic: 'product_quality',
    anonymous: false,
    reporterNameSealed: 'sealed:诸葛举报人',
    reporterNameMasked: '诸*',
    reporterPhoneSealed: 'sealed:13912345678',
    reporterPhoneMasked: '139****5678',
    description: '举报内容：某批次电线电缆绝缘层偏薄',
    receivedOn: '2026-04-01',
    ...fields,
  });

const PERSONAL = ['诸葛', '诸*', '13912345678', '139****5678', '绝缘层偏薄'];

describe('CREDIT_EVENTS_COMPLAINTS', () => {
  it('yields the contract’s columns in order', async () => {
    const uscc = randomUscc();
    await about(uscc, { kind: 'report', status: 'verifying', decidedOn: '2026-04-10', substantiated: true, caseOpened: false });
    expect(await creditEventColumnsOf(env.db, CREDIT_EVENTS_COMPLAINTS, uscc)).toEqual(CREDIT_EVENT_COLUMNS);
  });

  it('a report verified as substantiated is one complaint.substantiated on the verification day, before it is closed', async () => {
    const uscc = randomUscc();
    const c = await about(uscc, { kind: 'report', status: 'verifying', decidedOn: '2026-04-10', substantiated: true, caseOpened: true });
    expect(await events(uscc)).toEqual([
      { uscc, kind: 'complaint.substantiated', occurredOn: '2026-04-10', recordedAt: c.updatedAt, refType: 'complaint', refId: c.id, title: '举报属实，已立案：产品质量', magnitude: null },
    ]);
  });

  it('a complaint substantiated at its closing is dated the closing day in China; it counts as the repeat subjects count it', async () => {
    const uscc = randomUscc();
    // 17:30 UTC is already the next day in China.
    const c = await about(uscc, { kind: 'complaint', status: 'closed', decidedOn: '2026-04-02', closedAt: new Date('2026-04-20T17:30:00Z'), substantiated: true, caseOpened: false, mediationResult: 'failed' });
    const rows = await events(uscc);
    expect(rows.map((r) => [r.kind, r.occurredOn, r.refId, r.title])).toEqual([['complaint.substantiated', '2026-04-21', c.id, '投诉属实：产品质量']]);
    expect((await substantiatedComplaintCounts(env.db, [uscc], '2026-01-01')).get(uscc)).toBe(rows.length);
  });

  it('other outcomes are complaint.closed once closed or refused, worded by outcome', async () => {
    const uscc = randomUscc();
    const closedAt = new Date('2026-05-06T02:00:00Z');
    const mediated = await about(uscc, { kind: 'complaint', topic: 'metrology', status: 'closed', closedAt, substantiated: false, mediationResult: 'agreed' });
    const unfounded = await about(uscc, { kind: 'report', status: 'closed', closedAt, decidedOn: '2026-05-05', substantiated: false, caseOpened: false });
    const refused = await about(uscc, { kind: 'report', status: 'refused', closedAt, decidedOn: '2026-05-06', refusalReason: '不属于本部门职责' });
    const rows = await events(uscc);
    expect(rows.map((r) => [r.kind, r.occurredOn, r.refId, r.title]).sort((a, b) => a[3]!.localeCompare(b[3]!))).toEqual(
      [
        ['complaint.closed', '2026-05-06', mediated.id, '投诉不属实，调解达成协议：计量'],
        ['complaint.closed', '2026-05-06', unfounded.id, '举报不属实：产品质量'],
        ['complaint.closed', '2026-05-06', refused.id, '举报不予受理：产品质量'],
      ].sort((a, b) => a[3]!.localeCompare(b[3]!)),
    );
    expect((await substantiatedComplaintCounts(env.db, [uscc], '2026-01-01')).get(uscc)).toBeUndefined();
  });

  it('what must not count does not: an open item, a report found unfounded but not closed, an enquiry, an item about another enterprise', async () => {
    const uscc = randomUscc();
    await about(uscc, { kind: 'complaint', status: 'accepted', decidedOn: '2026-04-02' });
    await about(uscc, { kind: 'report', status: 'verifying', decidedOn: '2026-04-10', substantiated: false, caseOpened: false });
    await about(uscc, { kind: 'enquiry', status: 'closed', closedAt: new Date(), substantiated: true });
    await about(uscc, { kind: 'suggestion', status: 'closed', closedAt: new Date() });
    await about(randomUscc(), { kind: 'report', status: 'closed', closedAt: new Date(), substantiated: true });
    expect(await events(uscc)).toEqual([]);
  });

  it('no title holds the reporter, their contacts or the text of the complaint', async () => {
    const uscc = randomUscc();
    await about(uscc, { kind: 'report', status: 'closed', closedAt: new Date(), decidedOn: '2026-04-09', substantiated: true, caseOpened: false });
    await about(uscc, { kind: 'complaint', status: 'closed', closedAt: new Date(), substantiated: false, mediationResult: 'failed' });
    const rows = await events(uscc);
    expect(rows.map((r) => r.kind).sort()).toEqual(['complaint.closed', 'complaint.substantiated']);
    const text = JSON.stringify(rows);
    for (const s of PERSONAL) expect(text).not.toContain(s);
  });
});
