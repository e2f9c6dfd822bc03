import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { multipart } from '../../../test/multipart.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { cases } from '../cases.schema.js';
import { makeCase } from '../testing.js';

/**
 * Issue 18, the lifecycle over the API: a manual lead to a closed case with a fine (open, evidence
 * with an attachment, review, notice, defence, decision, service, payment, closing), ETag and
 * If-Match, strict action bodies, 403 without the action's permission, another county 404, the
 * timeline, the cases of a lead.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;
const PDF = Buffer.from('%PDF-1.4\n%test\n');

const staff = async (role: string, regionCode: string) => {
  const user = await env.makeUser({ roles: [role], regionCode });
  return { user, client: await env.login(user.username) };
};
const action = (c: Client, id: string, body: Record<string, unknown>, headers?: Record<string, string>) => c.post(`/api/cases/${id}/actions`, body, headers);
function upload(as: Client, url: string, file: { name: string; content: Buffer }) {
  const { payload, headers } = multipart({ file });
  return env.app.inject({ method: 'POST', url, payload, headers: { ...headers, 'x-csrf-token': as.csrfToken! }, cookies: { zj_session: as.cookie! } });
}

describe('the lifecycle over the API', () => {
  it('a manual lead to a closed case with a fine', async () => {
    const a = await staff('county_officer', '320826');
    const b = await staff('county_officer', '320826');
    const head = await staff('section_head', '320800');
    const reviewer = await staff('legal_reviewer', '320800');
    const two = [a.user.id, b.user.id];
    const e = await makeEnterprise(env, { regionCode: '320826' });

    const created = await a.client.post('/api/cases', { leadSource: 'manual', uscc: e.uscc, partyName: e.name, summary: '销售不符合安全标准的电线', foundOn: '2026-11-30' });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ stage: 'lead', partyName: e.name, version: 1 });
    expect(created.headers.etag).toBe('"1"');
    const id = c.id as string;

    const list = await a.client.get(`/api/cases?q=${c.caseNo}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, stage: 'lead', nextDueOn: c.deadlines.lead.dueOn, overdue: false }] });

    expect((await action(a.client, id, { action: 'open', investigatorIds: two })).statusCode).toBe(403);
    expect((await action(head.client, id, { action: 'open', investigatorIds: [a.user.id] })).statusCode).toBe(400); // two officers (schema)
    expect((await action(head.client, id, { action: 'open', investigatorIds: two, extra: 1 })).statusCode).toBe(400);
    expect((await action(head.client, id, { action: 'nonsense' })).statusCode).toBe(400);
    expect((await action(head.client, id, { action: 'open', investigatorIds: two }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const opened = await action(head.client, id, { action: 'open', investigatorIds: two }, { 'if-match': '"1"' });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.headers.etag).toBe('"2"');
    expect(opened.json()).toMatchObject({ stage: 'investigating', investigatorIds: two });

    const skipped = await action(a.client, id, { action: 'submit_review' });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error).toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    const jumped = await action(a.client, id, { action: 'serve', servedOn: '2026-12-01', method: '直接送达', officerIds: two });
    expect(jumped.statusCode).toBe(409);
    expect(jumped.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { stage: 'investigating', action: 'serve' } });

    const ev = await action(a.client, id, { action: 'add_evidence', kind: 'inquiry', title: '询问笔录（经营者）', collectedOn: '2026-12-01', officerIds: two, interviewee: '李四', content: '问：电线从何处购进？答：……' });
    expect(ev.statusCode, ev.body).toBe(200);
    const evidence = (await a.client.get(`/api/cases/${id}/evidence`)).json().items;
    expect(evidence).toEqual([expect.objectContaining({ kind: 'inquiry', interviewee: '李*', files: [] })]);
    const up = await upload(a.client, `/api/cases/${id}/evidence/${evidence[0].id}/files`, { name: '笔录.pdf', content: PDF });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json().items[0];
    expect(file.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect((await upload(a.client, `/api/cases/${id}/evidence/${evidence[0].id}/files`, { name: 'x.exe', content: Buffer.from('MZ') })).statusCode).toBe(400);
    const down = await a.client.get(`/api/cases/${id}/files/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['x-content-sha256']).toBe(file.sha256);

    expect((await action(a.client, id, { action: 'submit_review', note: '请审核' })).statusCode).toBe(200);
    const reviewed = await action(reviewer.client, id, { action: 'review', result: 'approved', opinion: '事实清楚，证据确凿，适用法律正确' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const notified = await action(a.client, id, {
      action: 'notify',
      intendedPenalty: { penalties: [{ type: 'fine', amount: 8000 }], wording: '拟处罚款人民币8000元', violation: '销售不符合保障人身安全的国家标准的电线', legalBasis: '《中华人民共和国产品质量法》第四十九条' },
      officerIds: two,
    });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json().noticeNo).toMatch(/罚告〔\d{4}〕\d+号$/);
    const defence = await action(a.client, id, { action: 'record_defence', statement: '无异议', hearingRequested: false });
    expect(defence.statusCode, defence.body).toBe(200);
    expect(defence.json().allowedActions).not.toContain('decide'); // an officer does not decide

    const decided = await action(head.client, id, {
      action: 'decide',
      penalties: [{ type: 'fine', amount: 8000 }],
      violation: '销售不符合保障人身安全的国家标准的电线',
      legalBasis: '《中华人民共和国产品质量法》第四十九条',
      discretionRuleKey: 'pq_safety_standard',
      discretionLevel: 'ordinary',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ stage: 'decided', amountDue: 8000 });

    const decidedOn = decided.json().decidedOn as string;
    const served = await action(a.client, id, { action: 'serve', servedOn: decidedOn, method: '直接送达', officerIds: two });
    expect(served.statusCode, served.body).toBe(200);
    expect((await action(head.client, id, { action: 'close', closingSummary: '结案' })).json().error.code).toBe('NOT_EXECUTED');
    const paid = await action(a.client, id, { action: 'record_payment', amount: 8000, paidOn: decidedOn });
    expect(paid.statusCode, paid.body).toBe(200);
    const closed = await action(head.client, id, { action: 'close', closingSummary: '罚款已缴清，案件办结' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ stage: 'closed', amountPaid: 8000 });

    const events = await a.client.get(`/api/cases/${id}/events`);
    expect(events.statusCode).toBe(200);
    expect(events.json().items.map((x: { action: string }) => x.action)).toEqual(['created', 'open', 'add_evidence', 'files_added', 'submit_review', 'review', 'notify', 'record_defence', 'decide', 'serve', 'record_payment', 'close']);
    expect(events.body).not.toContain('李四');
  });

  it('lists with the contract’s filters: stage, regionCode, supervised, joint, overdue, q, page and pageSize', async () => {
    const tag = `筛选${Date.now().toString(36)}`;
    const today = todayInChina();
    const opened = { openedOn: addDays(today, -10), openedByName: '测试', investigatorIds: [crypto.randomUUID(), crypto.randomUUID()], investigatorNames: ['甲', '乙'] };
    const late = await makeCase(env, { partyName: `${tag}逾期线索`, foundOn: addDays(today, -40), leadDueOn: addDays(today, -1) });
    const supervised = await makeCase(env, { partyName: `${tag}督办`, stage: 'investigating', supervised: true, ...opened, decisionDueOn: addDays(today, 80) });
    const joint = await makeCase(env, { partyName: `${tag}联办`, stage: 'investigating', joint: true, ...opened, decisionDueOn: addDays(today, -2) });
    const xuyi = await makeCase(env, { partyName: `${tag}盱眙`, regionCode: '320830', uscc: '91320830MA1XXXXX0X' });
    const { client: city } = await staff('section_head', '320800');
    const { client: county } = await staff('county_officer', '320826');
    const ids = async (c: Client, query: string) => {
      const res = await c.get(`/api/cases?q=${encodeURIComponent(tag)}&pageSize=100&${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return (res.json().items as { id: string }[]).map((i) => i.id).sort();
    };
    const sorted = (...rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(await ids(city, '')).toEqual(sorted(late, supervised, joint, xuyi));
    expect(await ids(county, '')).toEqual(sorted(late, supervised, joint)); // scope: its county only
    expect(await ids(city, 'stage=investigating')).toEqual(sorted(supervised, joint));
    expect(await ids(city, 'regionCode=320830')).toEqual(sorted(xuyi));
    expect(await ids(city, 'regionCode=320800')).toEqual(sorted(late, supervised, joint, xuyi)); // a prefix: the whole city
    expect(await ids(city, 'supervised=true')).toEqual(sorted(supervised));
    expect(await ids(city, 'supervised=false')).toEqual(sorted(late, joint, xuyi));
    expect(await ids(city, 'joint=true')).toEqual(sorted(joint));
    expect(await ids(city, 'overdue=true')).toEqual(sorted(late, joint)); // the lead clock, the decision clock
    expect(await ids(city, 'overdue=false')).toEqual(sorted(supervised, xuyi));
    const byUscc = await city.get('/api/cases?q=91320830MA1XXXXX0X&pageSize=100');
    expect((byUscc.json().items as { id: string }[]).map((i) => i.id)).toContain(xuyi.id);
    expect((await city.get(`/api/cases?q=${supervised.caseNo}`)).json()).toMatchObject({ total: 1, items: [{ id: supervised.id, supervised: true }] });
    // Paging: newest first, pageSize items a page, the total of all.
    const first = (await city.get(`/api/cases?q=${encodeURIComponent(tag)}&page=1&pageSize=3`)).json();
    const second = (await city.get(`/api/cases?q=${encodeURIComponent(tag)}&page=2&pageSize=3`)).json();
    expect([first.total, first.items.length, second.total, second.items.length]).toEqual([4, 3, 4, 1]);
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id).sort()).toEqual(sorted(late, supervised, joint, xuyi));
    for (const bad of ['stage=opened', 'overdue=maybe', 'supervised=2', 'regionCode=abc', 'pageSize=0', 'page=0', 'unknown=1']) {
      const res = await city.get(`/api/cases?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('VALIDATION');
    }
  });

  it('another county gets 404; by-lead lists the cases of a lead in scope', async () => {
    const { client: elsewhere } = await staff('county_officer', '320830');
    const { client: here } = await staff('county_officer', '320826');
    const c = await makeCase(env);
    const leadId = crypto.randomUUID();
    await env.db.update(cases).set({ leadSource: 'complaint', leadId }).where(eq(cases.id, c.id));
    for (const url of [`/api/cases/${c.id}`, `/api/cases/${c.id}/events`, `/api/cases/${c.id}/evidence`]) expect((await elsewhere.get(url)).statusCode, url).toBe(404);
    expect((await action(elsewhere, c.id, { action: 'add_evidence', kind: 'other', title: 'x', collectedOn: '2026-01-01', officerIds: [crypto.randomUUID(), crypto.randomUUID()] })).statusCode).toBe(404);
    expect((await elsewhere.get(`/api/cases/by-lead?source=complaint&leadId=${leadId}`)).json()).toEqual({ items: [] });
    const mine = await here.get(`/api/cases/by-lead?source=complaint&leadId=${leadId}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([expect.objectContaining({ id: c.id, caseNo: c.caseNo, stage: 'lead' })]);
  });
});
