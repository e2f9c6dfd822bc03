import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';

const env = useServiceEnv();

let seq = 0;
const fileLead = () =>
  env.services.leads.create(env.ctx, { operatorName: `无证充装点${++seq}`, address: '涟水县红窑镇某村 8 号', regionCode: '320826', source: '日常检查', description: '现场发现未取得许可擅自充装液化石油气' });

async function actorOf(roles: string[], regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))!;
}

const auditOf = (id: string) => env.db.select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(asc(auditEvents.id));
const leadCase = (leadId: string) => makeCase(env, { leadSource: 'unlicensed_lead', leadId });

describe('a lead as the lead of a case', () => {
  it('is read in the actor scope only (null out of scope)', async () => {
    const lead = await fileLead();
    const lianshui = await actorOf(['county_officer'], '320826');
    const other = await actorOf(['county_officer'], '320803');
    expect(await env.services.leads.forCase(env.db, lianshui, lead.id)).toMatchObject({ id: lead.id, operatorName: lead.operatorName, caseId: null });
    expect(await env.services.leads.forCase(env.db, other, lead.id)).toBeNull();
    expect(await env.services.leads.forCase(env.db, lianshui, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('opening closes it as case_filed naming the case, once; the API representation shows caseId', async () => {
    const lead = await fileLead();
    const kase = await leadCase(lead.id);
    const closed = await env.services.leads.caseFiled(env.db, env.ctx, lead.id, kase);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'case_filed', caseId: kase.id, result: `已立案（案件编号 ${kase.caseNo}）`, closedByName: env.admin.name, version: lead.version + 1 });
    expect(await env.services.leads.get(env.admin, lead.id)).toMatchObject({ caseId: kase.id });
    // The same case again changes nothing; another case is refused, and the lead no longer becomes one.
    expect(await env.services.leads.caseFiled(env.db, env.ctx, lead.id, kase)).toMatchObject({ version: lead.version + 1 });
    const other = await makeCase(env);
    await expect(env.services.leads.caseFiled(env.db, env.ctx, lead.id, other)).rejects.toMatchObject({ code: 'LEAD_CLOSED', status: 409 });
    await expect(env.services.leads.forCase(env.db, env.admin, lead.id)).rejects.toMatchObject({ code: 'LEAD_CLOSED', details: { caseId: kase.id } });
    expect((await auditOf(lead.id)).map((a) => a.action)).toEqual(['unlicensed_lead.created', 'unlicensed_lead.case_filed']);
  });

  it('a lead closed by hand as case_filed before the cases module gets its case; one closed otherwise cannot become a case', async () => {
    const legacy = await fileLead();
    await env.services.leads.close(env.ctx, legacy.id, { outcome: 'case_filed', result: '已立案查处' });
    expect(await env.services.leads.forCase(env.db, env.admin, legacy.id)).toMatchObject({ status: 'closed', caseId: null });
    const kase = await leadCase(legacy.id);
    expect(await env.services.leads.caseFiled(env.db, env.ctx, legacy.id, kase)).toMatchObject({ status: 'closed', outcome: 'case_filed', caseId: kase.id, result: `已立案查处；已立案（案件编号 ${kase.caseNo}）` });

    const licensed = await fileLead();
    await env.services.leads.close(env.ctx, licensed.id, { outcome: 'licensed', result: '已取得许可' });
    await expect(env.services.leads.forCase(env.db, env.admin, licensed.id)).rejects.toMatchObject({ code: 'LEAD_CLOSED', status: 409, details: { field: 'leadId', outcome: 'licensed' } });
    await expect(env.services.leads.caseFiled(env.db, env.ctx, licensed.id, await leadCase(licensed.id))).rejects.toMatchObject({ code: 'LEAD_CLOSED' });
  });

  it('declining leaves the lead as it was, audited on the lead', async () => {
    const lead = await fileLead();
    const kase = await leadCase(lead.id);
    await env.services.leads.caseDeclined(env.db, env.ctx, lead.id, { ...kase, reason: '证据不足' });
    expect(await env.services.leads.get(env.admin, lead.id)).toMatchObject({ status: 'open', outcome: null, caseId: null, version: lead.version });
    expect((await auditOf(lead.id)).at(-1)).toMatchObject({ action: 'unlicensed_lead.case_declined', after: { caseId: kase.id, caseNo: kase.caseNo, reason: '证据不足' } });
    expect(todayInChina(lead.createdAt)).toBe(todayInChina());
  });
});
