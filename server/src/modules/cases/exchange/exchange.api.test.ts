import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { caseTransfers } from '../oversight/oversight.schema.js';
import { makeCase } from '../testing.js';
import { externalCases } from './exchange.schema.js';

/**
 * Issue 18 (§四3): department API keys fetch the case summaries they are granted — only the
 * granted fields and the id, decided cases (open ones with includeOpen), in the key's region —
 * and post their own cases (upserted by their number); no grant 403; every exchange audited.
 */
const env = useTestEnv();
const today = todayInChina();
let seq = 0;

/** A new `department` org in `regionCode` and an API key of it. */
async function department(regionCode: string) {
  const admin = await env.loginAdmin();
  const org = await admin.post('/api/orgs', { name: `交换部门${regionCode}-${Date.now()}-${++seq}`, type: 'department', regionCode });
  expect(org.statusCode, org.body).toBe(201);
  const created = await admin.post('/api/api-keys', { orgId: org.json().id, name: `交换系统${seq}` });
  expect(created.statusCode, created.body).toBe(201);
  return { orgId: org.json().id as string, key: env.client({ bearer: created.json().key as string }) };
}
const head = async () => env.login((await env.makeUser({ roles: ['section_head'], regionCode: '320800' })).username);

const decidedCase = (regionCode: string, extra: Parameters<typeof makeCase>[1] = {}) =>
  makeCase(env, {
    regionCode,
    stage: 'decided',
    openedOn: addDays(today, -40),
    decidedOn: addDays(today, -5),
    decidedByName: '钱审批',
    penalties: [{ type: 'fine', amount: 8000 }],
    penaltyText: '罚款人民币8000元',
    violation: '销售不合格产品',
    legalBasis: '《中华人民共和国产品质量法》第五十条',
    documentNo: `盱市监罚〔2026〕${8000 + ++seq}号`,
    amountDue: '8000',
    ...extra,
  });

const fetchedAudits = (orgId: string) => env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case_exchange.fetched'), eq(auditEvents.targetId, orgId)));

describe('grants', () => {
  it('only for a department org (case.configure; If-Match on the grant’s version)', async () => {
    const { orgId } = await department('320830');
    const city = await head();
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await officer.put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo'] })).statusCode).toBe(403);
    const bureau = await env.orgIn('320830');
    const notDept = await city.put(`/api/case-exchange-grants/${bureau.id}`, { fields: ['caseNo'] });
    expect(notDept.statusCode).toBe(400);
    expect(notDept.json().error.code).toBe('ORG_NOT_DEPARTMENT');
    expect((await city.put('/api/case-exchange-grants/00000000-0000-4000-8000-000000000000', { fields: ['caseNo'] })).statusCode).toBe(404);
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: [] })).statusCode).toBe(400);
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo', 'password'] })).statusCode).toBe(400);
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo'] }, { 'if-match': '"3"' })).statusCode).toBe(412);
    const set = await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['partyName', 'caseNo'] }, { 'if-match': '"0"' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.headers.etag).toBe('"1"');
    expect(set.json()).toMatchObject({ orgId, fields: ['caseNo', 'partyName'], includeOpen: false, active: true, version: 1 });
    const list = await city.get('/api/case-exchange-grants?pageSize=500');
    expect(list.statusCode).toBe(200);
    expect((list.json().items as { orgId: string }[]).map((g) => g.orgId)).toContain(orgId);
    const audit = await env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case_exchange.grant_set'), eq(auditEvents.targetId, orgId)));
    expect(audit).toHaveLength(1);
  });
});

describe('GET /api/exchange/cases', () => {
  it('403 EXCHANGE_NOT_GRANTED without an active grant; staff without case.exchange 403', async () => {
    const { orgId, key } = await department('320830');
    const res = await key.get('/api/exchange/cases');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('EXCHANGE_NOT_GRANTED');
    const post = await key.post('/api/exchange/cases', { externalNo: 'X-1', partyName: '某公司', summary: '摘要', status: '已立案' });
    expect(post.statusCode).toBe(403);
    const city = await head();
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo'], active: false })).statusCode).toBe(200);
    expect((await key.get('/api/exchange/cases')).json().error.code).toBe('EXCHANGE_NOT_GRANTED');
    expect((await city.get('/api/exchange/cases')).statusCode).toBe(403);
  });

  it('answers the granted fields and the id only, decided cases in the key’s region; each fetch audited', async () => {
    const { orgId, key } = await department('320830');
    const own = await decidedCase('320830');
    const closed = await decidedCase('320830', { stage: 'closed', closedOn: today });
    const open = await makeCase(env, { regionCode: '320830', stage: 'investigating', openedOn: addDays(today, -3) });
    const lead = await makeCase(env, { regionCode: '320830' });
    const elsewhere = await decidedCase('320826');
    await env.db.insert(caseTransfers).values({ caseId: closed.id, transferredOn: addDays(today, -2), receivingOrgan: '盱眙县公安局', reason: '涉嫌犯罪', manifest: [], packageSha256: 'a'.repeat(64), createdByName: '测试' });
    const city = await head();
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo', 'penaltyText', 'amountDue', 'transfers', 'penaltyTypes'] })).statusCode).toBe(200);

    const res = await key.get('/api/exchange/cases?pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, closed.id]));
    for (const absent of [open.id, lead.id, elsewhere.id]) expect(ids).not.toContain(absent);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['amountDue', 'caseNo', 'id', 'penaltyText', 'penaltyTypes', 'transfers']);
    expect(items.find((i) => i.id === own.id)).toEqual({ id: own.id, caseNo: own.caseNo, penaltyText: '罚款人民币8000元', amountDue: 8000, penaltyTypes: ['fine'], transfers: [] });
    expect(items.find((i) => i.id === closed.id)!.transfers).toEqual([{ transferredOn: addDays(today, -2), receivingOrgan: '盱眙县公安局', decision: null, decisionOn: null }]);
    expect(res.body).not.toMatch(/钱审批|partyName|legalBasis/);

    const audits = await fetchedAudits(orgId);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ count: items.length, fields: ['caseNo', 'penaltyTypes', 'penaltyText', 'amountDue', 'transfers'], includeOpen: false });

    // Open cases with includeOpen (a lead never); `since` in the future: none (still audited).
    expect((await city.put(`/api/case-exchange-grants/${orgId}`, { fields: ['stage'], includeOpen: true })).statusCode).toBe(200);
    const withOpen = (await key.get('/api/exchange/cases?pageSize=500')).json().items as { id: string; stage: string }[];
    expect(withOpen.map((i) => i.id)).toContain(open.id);
    expect(withOpen.map((i) => i.id)).not.toContain(lead.id);
    const later = await key.get(`/api/exchange/cases?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(later.json()).toEqual({ items: [], total: 0 });
    expect((await key.get('/api/exchange/cases?since=yesterday')).statusCode).toBe(400);
    expect(await fetchedAudits(orgId)).toHaveLength(3);
  });

  it('a city department’s key sees the whole city', async () => {
    const { orgId, key } = await department('320800');
    const a = await decidedCase('320830');
    const b = await decidedCase('320826');
    expect((await (await head()).put(`/api/case-exchange-grants/${orgId}`, { fields: ['documentNo'] })).statusCode).toBe(200);
    const ids = ((await key.get('/api/exchange/cases?pageSize=500')).json().items as { id: string }[]).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});

describe('POST /api/exchange/cases and GET /api/external-cases', () => {
  it('upserts by (org, externalNo), audited; officers read them in their region', async () => {
    const { orgId, key } = await department('320830');
    expect((await (await head()).put(`/api/case-exchange-grants/${orgId}`, { fields: ['caseNo'] })).statusCode).toBe(200);
    const body = { externalNo: `盱公经〔2026〕${++seq}号`, partyName: '盱眙某某建材有限公司', uscc: '91320830MA1XXXXX0X', summary: '涉嫌生产销售伪劣产品', status: '已立案侦查' };
    const badUscc = await key.post('/api/exchange/cases', { ...body, uscc: '123' });
    expect(badUscc.statusCode).toBe(400);
    const first = await key.post('/api/exchange/cases', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ orgId, externalNo: body.externalNo, status: '已立案侦查', regionCode: '320830', decidedOn: null });
    const second = await key.post('/api/exchange/cases', { ...body, status: '已判决', decidedOn: addDays(today, -1), penaltyText: '判处罚金' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ id: first.json().id, status: '已判决', penaltyText: '判处罚金' });
    expect(await env.db.select().from(externalCases).where(eq(externalCases.orgId, orgId))).toHaveLength(1);
    const posted = await env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case_exchange.posted'), eq(auditEvents.targetId, first.json().id)));
    expect(posted.map((a) => (a.after as { created: boolean }).created).sort()).toEqual([false, true]);
    expect((await key.post('/api/exchange/cases', { ...body, extra: 1 })).statusCode).toBe(400);

    const own = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const other = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const list = await own.get(`/api/external-cases?uscc=${body.uscc}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: first.json().id, orgName: expect.stringContaining('交换部门'), status: '已判决' }] });
    expect((await own.get(`/api/external-cases?q=${encodeURIComponent('伪劣')}`)).json().total).toBeGreaterThan(0);
    expect((await other.get(`/api/external-cases?uscc=${body.uscc}`)).json().total).toBe(0);
    expect((await key.get('/api/external-cases')).statusCode).toBe(403);
  });
});
