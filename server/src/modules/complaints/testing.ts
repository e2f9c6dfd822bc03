import { randomBytes } from 'node:crypto';
import type { ServiceEnv } from '../../test/app.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { type ComplaintKind, complaints } from './complaints.schema.js';

let seq = 0;

/**
 * An item written straight to the table (test factory): an anonymous report about nothing in
 * particular, received today, routed to the 涟水 bureau (320826) unless told otherwise. Its clocks
 * are not started: tests of the clocks go through the services. Returns the row.
 */
export async function makeComplaint(env: ServiceEnv, input: Partial<typeof complaints.$inferInsert> & { kind?: ComplaintKind } = {}) {
  const regionCode = input.regionCode ?? '320826';
  const orgId = input.orgId ?? (await env.services.jurisdiction.competentBureau(regionCode)).id;
  seq += 1;
  const [row] = await env.db
    .insert(complaints)
    .values({
      trackingNo: `TT${Date.now().toString(36).toUpperCase()}${String(seq).padStart(4, '0')}`,
      accessCodeHash: randomBytes(16).toString('hex'),
      kind: 'report',
      channel: 'web',
      topic: 'product_quality',
      regionCode,
      orgId,
      description: '测试举报内容',
      anonymous: true,
      receivedOn: todayInChina(),
      ...input,
    })
    .returning();
  return row!;
}
