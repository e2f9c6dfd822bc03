import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CREDIT_EVENT_COLUMNS, creditEventColumnsOf, creditEventsOf } from '../../test/credit-events.js';
import { useServiceEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { commitments } from './commitments.schema.js';
import { CREDIT_EVENTS_COMMITMENTS } from './credit-events.js';

/** Issue 20: commitments on the credit archive — made (signed) and withdrawn, never the signatory. */
const env = useServiceEnv();
const events = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_COMMITMENTS, uscc);

/** A commitment of a new enterprise, written straight to the table (as the enterprise's account makes it). */
async function commitment(fields: Partial<typeof commitments.$inferInsert> = {}) {
  const enterprise = await makeEnterprise(env);
  const [row] = await env.db
    .insert(commitments)
    .values({ uscc: enterprise.uscc, regionCode: enterprise.regionCode, kind: 'production', text: '本企业郑重承诺：按标准组织生产。', signedBy: '欧阳签署人', signedOn: '2026-03-02', ...fields })
    .returning();
  return row!;
}

describe('CREDIT_EVENTS_COMMITMENTS', () => {
  it('yields the contract’s columns in order', async () => {
    const c = await commitment();
    expect(await creditEventColumnsOf(env.db, CREDIT_EVENTS_COMMITMENTS, c.uscc)).toEqual(CREDIT_EVENT_COLUMNS);
  });

  it('a commitment in force is one commitment.made on its signing day, titled by its kind’s template, without the signatory', async () => {
    const before = Date.now();
    const c = await commitment({ kind: 'equipment_user' });
    const rows = await events(c.uscc);
    expect(rows).toEqual([
      {
        uscc: c.uscc,
        kind: 'commitment.made',
        occurredOn: '2026-03-02',
        recordedAt: expect.any(Date),
        refType: 'commitment',
        refId: c.id,
        title: '作出承诺：质量安全公开承诺书（特种设备使用单位）',
        magnitude: null,
      },
    ]);
    expect(rows[0]!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(rows)).not.toContain('欧阳签署人');
  });

  it('a withdrawn one adds commitment.withdrawn on its day; the withdrawal moves recorded_at of both', async () => {
    const c = await commitment({ signedOn: '2026-01-05' });
    const later = new Date(c.updatedAt.getTime() + 60_000);
    await env.db.update(commitments).set({ withdrawnOn: '2026-04-10', updatedAt: later }).where(eq(commitments.id, c.id));
    const rows = await events(c.uscc);
    expect(rows.map((r) => [r.kind, r.occurredOn, r.refId, r.title])).toEqual([
      ['commitment.made', '2026-01-05', c.id, '作出承诺：质量安全公开承诺书（生产企业）'],
      ['commitment.withdrawn', '2026-04-10', c.id, '撤回承诺：质量安全公开承诺书（生产企业）'],
    ]);
    expect(rows.map((r) => r.recordedAt.getTime())).toEqual([later.getTime(), later.getTime()]);
  });

  it('another enterprise’s commitment is not this one’s', async () => {
    const mine = await commitment();
    await commitment();
    expect((await events(mine.uscc)).map((r) => r.refId)).toEqual([mine.id]);
  });
});
