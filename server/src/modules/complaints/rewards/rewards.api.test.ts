import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeComplaint } from '../testing.js';

/** Issue 17, rewards over the API (举报奖励): rules (complaint.configure), proposal (complaint.write, amount never typed), decision (complaint.approve), payment, list in scope. */
const env = useTestEnv();
const today = todayInChina();
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
const V1 = { mode: 'fine_percent', percent: 5, min: 200, max: 100000, scale: [{ level: '1', name: '一级（重大违法行为）', amount: 5000 }, { level: '2', name: '二级（较大违法行为）', amount: 2000 }, { level: '3', name: '三级（一般违法行为）', amount: 500 }] };

describe('reward rules', () => {
  it('are read with complaint.read and versioned with complaint.configure; bad rules are 400', async () => {
    const officer = await staff(['county_officer'], '320826');
    const head = await staff(['section_head'], '320800');
    const current = await officer.get('/api/complaint-reward-rules');
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json()).toMatchObject({ version: 1, ...V1 });
    expect((await officer.post('/api/complaint-reward-rules', V1)).statusCode).toBe(403);
    expect((await head.post('/api/complaint-reward-rules', { ...V1, min: 500, max: 400 })).json()).toMatchObject({ error: { code: 'VALIDATION', details: { field: 'max' } } });
    expect((await head.post('/api/complaint-reward-rules', { ...V1, percent: 120 })).statusCode).toBe(400);
    expect((await head.post('/api/complaint-reward-rules', { ...V1, extra: 1 })).statusCode).toBe(400);
    expect((await head.post('/api/complaint-reward-rules', V1, { 'if-match': '"9"' })).statusCode).toBe(412);
    const v2 = await head.post('/api/complaint-reward-rules', V1, { 'if-match': '"1"' });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, ...V1 });
  });
});

describe('a reward over the API', () => {
  it('is proposed with the amount computed, decided by an approver with If-Match, paid, and listed in scope', async () => {
    const officer = await staff(['county_officer'], '320826');
    const other = await staff(['county_officer'], '320812');
    const head = await staff(['section_head'], '320800');
    const report = await makeComplaint(env, { kind: 'report', substantiated: true, status: 'closed', regionCode: '320826' });
    // The amount is never typed.
    expect((await officer.post(`/api/complaints/${report.id}/rewards`, { caseFine: 10000, amount: 99999, reason: '线索属实' })).statusCode).toBe(400);
    expect((await other.post(`/api/complaints/${report.id}/rewards`, { caseFine: 10000, reason: '线索属实' })).statusCode).toBe(404);
    const proposed = await officer.post(`/api/complaints/${report.id}/rewards`, { caseFine: 10000, reason: '线索属实' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'proposed', amount: 500, caseFine: 10000, basis: 'fine_percent', trackingNo: report.trackingNo, version: 1 });
    const id = proposed.json().id as string;
    expect((await officer.post(`/api/complaints/${report.id}/rewards`, { caseFine: 10000, reason: '再次' })).json().error.code).toBe('REWARD_EXISTS');
    const complaint = await makeComplaint(env, { kind: 'complaint', substantiated: true, regionCode: '320826' });
    const refused = await officer.post(`/api/complaints/${complaint.id}/rewards`, { caseFine: 10000, reason: '线索属实' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'NOT_SUBSTANTIATED']);

    expect((await officer.post(`/api/complaint-rewards/${id}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await head.post(`/api/complaint-rewards/${id}/decision`, { approve: true }, { 'if-match': '"3"' })).statusCode).toBe(412);
    const approved = await head.post(`/api/complaint-rewards/${id}/decision`, { approve: true, note: '同意' }, { 'if-match': '"1"' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.headers.etag).toBe('"2"');
    expect(approved.json()).toMatchObject({ status: 'approved', amount: 500 });

    expect((await head.post(`/api/complaint-rewards/${id}/payment`, { paidOn: today, paymentRef: 'ZF-1' })).statusCode).toBe(403);
    const paid = await officer.post(`/api/complaint-rewards/${id}/payment`, { paidOn: today, paymentRef: 'ZF-1' }, { 'if-match': '"2"' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: today, paymentRef: 'ZF-1', version: 3 });

    const mine = await officer.get('/api/complaint-rewards?status=paid&page=1&pageSize=50');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await other.get('/api/complaint-rewards')).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await officer.get('/api/complaint-rewards?status=bogus')).statusCode).toBe(400);
  });
});
