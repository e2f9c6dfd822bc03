import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { makeComplaint } from '../testing.js';

/** Issue 18: an item as the lead of a case, and the case's link back recorded on the item. */
const env = useServiceEnv();
const handling = () => env.services.complaints.handling;

async function officerIn(regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

describe('an item as the lead of a case', () => {
  it('is read in the actor scope only, without reporter data', async () => {
    const item = await makeComplaint(env, { subjectName: '某某电器商行', subjectUscc: '91320826MA1XXXXXX1', receivedOn: '2026-11-20' });
    const row = await handling().forCase(env.db, await officerIn('320826'), item.id);
    expect(row).toEqual({ id: item.id, trackingNo: item.trackingNo, kind: 'report', subjectName: '某某电器商行', subjectUscc: '91320826MA1XXXXXX1', regionCode: '320826', receivedOn: '2026-11-20', description: item.description });
    expect(await handling().forCase(env.db, await officerIn('320803'), item.id)).toBeNull();
  });

  it('a case opened from it is linked on the item (any state), once, audited; the link shows both on the item and in the links read', async () => {
    const item = await makeComplaint(env, { status: 'closed' });
    const kase = await makeCase(env, { leadSource: 'complaint', leadId: item.id });
    await handling().linkCase(env.db, env.ctx, item.id, kase);
    await handling().linkCase(env.db, env.ctx, item.id, kase);
    const json = await handling().get(env.admin, item.id);
    expect(json.links).toEqual([expect.objectContaining({ targetType: 'case', targetId: kase.id, label: `案件：${kase.caseNo}` })]);
    expect(json.version).toBe(item.version + 1);
    expect((await handling().linksOf(env.admin, 'case', kase.id)).items).toEqual([expect.objectContaining({ id: item.id, trackingNo: item.trackingNo, label: `案件：${kase.caseNo}` })]);
    const audits = await env.db.select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.targetId, item.id)).orderBy(asc(auditEvents.id));
    expect(audits).toEqual([{ action: 'complaint.link', after: expect.objectContaining({ targetType: 'case', targetId: kase.id }) }]);
  });
});
