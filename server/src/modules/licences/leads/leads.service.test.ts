import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';
import type { LeadInput } from './leads.service.js';
import { unlicensedLeads } from './leads.schema.js';

const env = useServiceEnv();

let seq = 0;
const leadInput = (input: Partial<LeadInput> = {}): LeadInput => ({
  operatorName: `无证加油点${++seq}`,
  address: '涟水县红窑镇某村 8 号',
  regionCode: '320826',
  source: '日常检查',
  description: '现场发现未取得许可擅自充装液化石油气',
  ...input,
});

const fileLead = (input: Partial<LeadInput> = {}, actor: Actor = env.admin) => env.services.leads.create({ actor }, leadInput(input));

async function actorOf(roles: string[], regionCode?: string) {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))!;
}

const leadCount = async () => (await env.db.select({ id: unlicensedLeads.id }).from(unlicensedLeads)).length;
const auditOf = (id: string) => env.db.select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(asc(auditEvents.id));

describe('filing a lead', () => {
  it('files it open with the competent county bureau, and links a USCC found in the register (normalized)', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const lianshui = await env.orgIn('320826');
    const lead = await fileLead({ uscc: ` ${enterprise.uscc.toLowerCase()} `, licenceType: 'se_production_filling' });
    expect(lead).toMatchObject({
      status: 'open',
      uscc: enterprise.uscc,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      regionCode: '320826',
      regionName: '涟水县',
      orgId: lianshui.id,
      orgName: lianshui.name,
      licenceType: 'se_production_filling',
      licenceTypeName: '特种设备生产许可证（充装）',
      assigneeId: null,
      outcome: null,
      createdByName: env.admin.name,
    });
    expect(await auditOf(lead.id)).toEqual([expect.objectContaining({ action: 'unlicensed_lead.created' })]);
  });

  it('takes an operator without a USCC, or with one not in the register; a place without a county bureau goes to the city bureau', async () => {
    const bare = await fileLead({ uscc: '  ' });
    expect(bare).toMatchObject({ uscc: null, enterpriseId: null, licenceType: null, licenceTypeName: null });
    const unknown = randomUscc('320826');
    expect(await fileLead({ uscc: unknown })).toMatchObject({ uscc: unknown, enterpriseId: null });
    const city = await env.orgIn('320800');
    expect(await fileLead({ regionCode: '320800' })).toMatchObject({ orgId: city.id });
  });

  it('maps a historic division code to the current one', async () => {
    expect((await fileLead({ regionCode: '320829' })).regionCode).toBe('320813');
  });

  it('rejects a malformed or wrong-check-digit USCC, an unknown region, an unknown or historic licence type and blank text, writing nothing', async () => {
    const good = randomUscc('320826');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await leadCount();
    await expect(fileLead({ uscc: '91320826ABC' })).rejects.toMatchObject({ code: 'USCC_FORMAT', status: 400, details: { field: 'uscc' } });
    await expect(fileLead({ uscc: wrongCheck })).rejects.toMatchObject({ code: 'USCC_CHECK_DIGIT', status: 400 });
    await expect(fileLead({ regionCode: '110101' })).rejects.toMatchObject({ code: 'REGION_UNKNOWN', status: 400 });
    await expect(fileLead({ licenceType: 'no_such_type' })).rejects.toMatchObject({ code: 'LICENCE_TYPE_UNKNOWN', status: 400 });
    await expect(fileLead({ licenceType: 'metrology_manufacture_historic' })).rejects.toMatchObject({ code: 'LICENCE_TYPE_HISTORIC', status: 400 });
    await expect(fileLead({ operatorName: '   ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'operatorName' } });
    await expect(fileLead({ description: '' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'description' } });
    expect(await leadCount()).toBe(before);
  });
});

describe('assigning and closing', () => {
  it('assigns, reassigns while not closed, closes with outcome and result, and then refuses any change with LEAD_CLOSED', async () => {
    const first = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const second = await env.makeUser({ roles: ['city_officer'] });
    const lead = await fileLead();

    expect(await env.services.leads.assign(env.ctx, lead.id, first.id)).toMatchObject({ status: 'assigned', assigneeId: first.id, assigneeName: first.displayName });
    expect(await env.services.leads.assign(env.ctx, lead.id, second.id)).toMatchObject({ status: 'assigned', assigneeId: second.id });

    await expect(env.services.leads.close(env.ctx, lead.id, { outcome: 'case_filed', result: '  ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'result' } });
    expect((await env.services.leads.get(env.admin, lead.id)).status).toBe('assigned');

    const closed = await env.services.leads.close(env.ctx, lead.id, { outcome: 'case_filed', result: '已立案查处，案号淮市监案〔2026〕12号' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'case_filed', result: '已立案查处，案号淮市监案〔2026〕12号', closedByName: env.admin.name, assigneeId: second.id });
    expect(closed.closedAt).toBeInstanceOf(Date);

    await expect(env.services.leads.assign(env.ctx, lead.id, first.id)).rejects.toMatchObject({ code: 'LEAD_CLOSED', status: 409 });
    await expect(env.services.leads.close(env.ctx, lead.id, { outcome: 'unfounded', result: '线索不实' })).rejects.toMatchObject({ code: 'LEAD_CLOSED', status: 409 });
    expect(await env.services.leads.get(env.admin, lead.id)).toMatchObject({ outcome: 'case_filed', assigneeId: second.id });
    expect((await auditOf(lead.id)).map((e) => e.action)).toEqual(['unlicensed_lead.created', 'unlicensed_lead.assigned', 'unlicensed_lead.assigned', 'unlicensed_lead.closed']);
  });

  it('closes an open lead directly', async () => {
    const lead = await fileLead();
    expect(await env.services.leads.close(env.ctx, lead.id, { outcome: 'unfounded', result: '现场核查无经营行为' })).toMatchObject({ status: 'closed', outcome: 'unfounded', assigneeId: null });
  });

  it('assigns only an active user the actor can see and who can see the lead', async () => {
    const lead = await fileLead({ regionCode: '320826' });
    const disabled = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    await env.services.users.update(env.ctx, disabled.id, { active: false });
    await expect(env.services.leads.assign(env.ctx, lead.id, disabled.id)).rejects.toMatchObject({ code: 'ASSIGNEE_UNKNOWN', status: 400 });
    await expect(env.services.leads.assign(env.ctx, lead.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'ASSIGNEE_UNKNOWN' });
    const xuyi = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    await expect(env.services.leads.assign(env.ctx, lead.id, xuyi.id)).rejects.toMatchObject({ code: 'ASSIGNEE_OUT_OF_SCOPE', status: 400 });
    const county = await actorOf(['county_officer'], '320826');
    await expect(env.services.leads.assign({ actor: county }, lead.id, xuyi.id)).rejects.toMatchObject({ code: 'ASSIGNEE_UNKNOWN' });
    expect((await env.services.leads.get(env.admin, lead.id)).status).toBe('open');
  });
});

describe('listing', () => {
  it('filters by status, region, text and assignee, newest first', async () => {
    const tag = `筛选${Date.now()}`;
    const officer = await env.makeUser({ roles: ['city_officer'] });
    const a = await fileLead({ operatorName: `${tag}甲`, regionCode: '320826' });
    const b = await fileLead({ operatorName: `${tag}乙`, regionCode: '320830' });
    const c = await fileLead({ operatorName: `${tag}丙`, address: '盱眙县某街道', regionCode: '320830' });
    await env.services.leads.assign(env.ctx, b.id, officer.id);
    const page = { page: 1, pageSize: 50 };
    const ids = async (filter: Parameters<typeof env.services.leads.list>[1]) => (await env.services.leads.list(env.admin, { q: tag, ...filter }, page)).items.map((l) => l.id);

    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ regionCode: '320830' })).toEqual([c.id, b.id]);
    expect(await ids({ status: 'assigned' })).toEqual([b.id]);
    expect(await ids({ assigneeId: officer.id })).toEqual([b.id]);
    expect(await ids({ q: `${tag}甲` })).toEqual([a.id]);
    expect((await env.services.leads.list(env.admin, { q: tag }, { page: 2, pageSize: 2 })).total).toBe(3);
  });
});

describe('data scope', () => {
  it('keeps a county officer to leads of its own county: no reading, assigning or closing others, no filing outside', async () => {
    const county = await actorOf(['county_officer'], '320826');
    const colleague = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const own = await fileLead({ regionCode: '320826' }, county);
    const foreign = await fileLead({ regionCode: '320830' });

    expect((await env.services.leads.get(county, own.id)).id).toBe(own.id);
    await expect(env.services.leads.get(county, foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(env.services.leads.assign({ actor: county }, foreign.id, colleague.id)).rejects.toMatchObject({ status: 404 });
    await expect(env.services.leads.close({ actor: county }, foreign.id, { outcome: 'ceased', result: '已停止经营' })).rejects.toMatchObject({ status: 404 });
    expect((await env.services.leads.get(env.admin, foreign.id)).status).toBe('open');

    const before = await leadCount();
    await expect(fileLead({ regionCode: '320830' }, county)).rejects.toMatchObject({ code: 'REGION_OUT_OF_SCOPE', status: 403 });
    expect(await leadCount()).toBe(before);

    const { items } = await env.services.leads.list(county, {}, { page: 1, pageSize: 500 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((l) => l.regionCode === '320826')).toBe(true);
    expect(await env.services.leads.assign({ actor: county }, own.id, colleague.id)).toMatchObject({ status: 'assigned', assigneeId: colleague.id });
  });
});
