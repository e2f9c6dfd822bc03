import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';

const env = useTestEnv();

let seq = 0;
const leadBody = (extra: Record<string, unknown> = {}) => ({
  operatorName: `无证电梯维保点${++seq}`,
  address: '清江浦区某路 1 号',
  regionCode: '320826',
  source: '投诉举报',
  description: '群众举报其未取得许可从事电梯安装改造修理',
  ...extra,
});

describe('unlicensed leads API', () => {
  it('files a lead (201, open, linked to the register), lists it, assigns it, closes it, and answers 409 LEAD_CLOSED afterwards', async () => {
    const c = await env.loginAdmin();
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const created = await c.post('/api/unlicensed-leads', leadBody({ uscc: enterprise.uscc.toLowerCase(), licenceType: 'se_production_installation' }));
    expect(created.statusCode).toBe(201);
    const lead = created.json();
    expect(lead).toMatchObject({ id: expect.any(String), status: 'open', uscc: enterprise.uscc, enterpriseId: enterprise.id, regionName: '涟水县', licenceTypeName: '特种设备生产许可证（安装改造修理）', orgName: expect.any(String) });

    const listed = (await c.get(`/api/unlicensed-leads?q=${encodeURIComponent(lead.operatorName)}&status=open`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: lead.id }] });
    expect((await c.get(`/api/unlicensed-leads/${lead.id}`)).json().operatorName).toBe(lead.operatorName);

    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const assigned = await c.post(`/api/unlicensed-leads/${lead.id}/assign`, { assigneeId: officer.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assigneeId: officer.id, assigneeName: officer.displayName });
    expect((await c.get(`/api/unlicensed-leads?assigneeId=${officer.id}`)).json().items.map((l: { id: string }) => l.id)).toEqual([lead.id]);

    expect((await c.post(`/api/unlicensed-leads/${lead.id}/close`, { outcome: 'closed_somehow', result: 'x' })).statusCode).toBe(400);
    expect((await c.post(`/api/unlicensed-leads/${lead.id}/close`, { outcome: 'licensed' })).statusCode).toBe(400);
    const closed = await c.post(`/api/unlicensed-leads/${lead.id}/close`, { outcome: 'licensed', result: '已督促其申请并取得许可' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'licensed', result: '已督促其申请并取得许可', closedAt: expect.any(String) });

    for (const [url, body] of [
      [`/api/unlicensed-leads/${lead.id}/assign`, { assigneeId: officer.id }],
      [`/api/unlicensed-leads/${lead.id}/close`, { outcome: 'ceased', result: '已停止经营' }],
    ] as const) {
      const again = await c.post(url, body);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('LEAD_CLOSED');
    }
  });

  it('answers 400 with the code for a bad USCC, region or licence type, and for unknown fields', async () => {
    const c = await env.loginAdmin();
    const good = randomUscc('320826');
    const cases: [Record<string, unknown>, string][] = [
      [{ uscc: '9132082６MA1XXXXXXX' }, 'USCC_FORMAT'],
      [{ uscc: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') }, 'USCC_CHECK_DIGIT'],
      [{ regionCode: '110101' }, 'REGION_UNKNOWN'],
      [{ licenceType: 'no_such_type' }, 'LICENCE_TYPE_UNKNOWN'],
      [{ extra: 1 }, 'VALIDATION'],
    ];
    for (const [extra, code] of cases) {
      const res = await c.post('/api/unlicensed-leads', leadBody(extra));
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const assignee = await c.post(`/api/unlicensed-leads/${(await c.post('/api/unlicensed-leads', leadBody())).json().id}/assign`, { assigneeId: '00000000-0000-4000-8000-000000000000' });
    expect(assignee.statusCode).toBe(400);
    expect(assignee.json().error).toMatchObject({ code: 'ASSIGNEE_UNKNOWN', details: { field: 'assigneeId' } });
  });

  it('keeps a county officer to its own county and an inspector to reading', async () => {
    const admin = await env.loginAdmin();
    const foreign = (await admin.post('/api/unlicensed-leads', leadBody({ regionCode: '320830' }))).json();
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const colleague = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });

    expect((await county.get(`/api/unlicensed-leads/${foreign.id}`)).statusCode).toBe(404);
    expect((await county.post(`/api/unlicensed-leads/${foreign.id}/assign`, { assigneeId: colleague.id })).statusCode).toBe(404);
    expect((await county.post(`/api/unlicensed-leads/${foreign.id}/close`, { outcome: 'unfounded', result: '不实' })).statusCode).toBe(404);
    expect((await admin.get(`/api/unlicensed-leads/${foreign.id}`)).json().status).toBe('open');

    const outside = await county.post('/api/unlicensed-leads', leadBody({ regionCode: '320830' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'REGION_OUT_OF_SCOPE', details: { field: 'regionCode' } });

    const own = await county.post('/api/unlicensed-leads', leadBody({ regionCode: '320826' }));
    expect(own.statusCode).toBe(201);
    const items = (await county.get('/api/unlicensed-leads?pageSize=500')).json().items as { regionCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((l) => l.regionCode === '320826')).toBe(true);

    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    expect((await inspector.get(`/api/unlicensed-leads/${own.json().id}`)).statusCode).toBe(200);
    expect((await inspector.post('/api/unlicensed-leads', leadBody())).statusCode).toBe(403);
    expect((await inspector.post(`/api/unlicensed-leads/${own.json().id}/close`, { outcome: 'unfounded', result: '不实' })).statusCode).toBe(403);
  });
});
