import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeLicence } from '../../licences/testing.js';
import { makeCase } from '../testing.js';

/**
 * Issue 18, the decision part over HTTP: the discretion table's routes (read with case.read, changed
 * with case.configure, If-Match), the decide action through `POST /api/cases/:id/actions` (the
 * lifecycle's dispatcher, the real publication and licence revocation), and the documents' route
 * with its scope.
 */
const env = useTestEnv();
const today = todayInChina();
const past = (days: number) => addDays(today, -days);

type Client = Awaited<ReturnType<typeof env.login>>;
let head: Client;
let officer: Client;
let otherCounty: Client;

beforeAll(async () => {
  const login = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
  head = await login(['section_head'], '320800');
  officer = await login(['county_officer'], '320826');
  otherCounty = await login(['county_officer'], '320830');
});

const notified = (extra: Parameters<typeof makeCase>[1] = {}) =>
  makeCase(env, {
    stage: 'notified',
    openedOn: past(30),
    investigatorNames: ['甲', '乙'],
    notifiedOn: past(10),
    intendedPenalty: { penalties: [{ type: 'fine', amount: 50000 }], wording: '拟处罚款人民币50000元', violation: '未办理使用登记', legalBasis: '《中华人民共和国特种设备安全法》第八十三条', discretionRuleKey: 'se_unregistered', discretionLevel: 'ordinary' },
    defenceDueOn: past(3),
    ...extra,
  });

const decideBody = { action: 'decide', penalties: [{ type: 'fine', amount: 50000 }], violation: '当事人使用未办理使用登记的电梯一台', legalBasis: '《中华人民共和国特种设备安全法》第八十三条第一项', discretionRuleKey: 'se_unregistered', discretionLevel: 'ordinary' };

describe('the discretion table over HTTP', () => {
  it('lists the seeded rules to case.read holders, in pages', async () => {
    const all = await officer.get('/api/case-discretion-rules');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBeGreaterThanOrEqual(10);
    const page = await officer.get('/api/case-discretion-rules?area=special_equipment&pageSize=2&page=1');
    expect(page.json()).toMatchObject({ total: 5 });
    expect(page.json().items).toHaveLength(2);
    const one = await officer.get('/api/case-discretion-rules/pq_safety_standard');
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe(`"${one.json().version}"`);
    expect((await officer.get('/api/case-discretion-rules/none_such')).statusCode).toBe(404);
  });

  it('creates and edits with case.configure and If-Match', async () => {
    const body = {
      key: 'api_test_rule',
      area: 'other',
      violation: '测试违法行为',
      violatedProvision: '某法第一条',
      penaltyProvision: '某法第二条',
      levels: [{ level: 'ordinary', circumstances: '一般情形', penaltyTypes: ['fine'], fineMin: 1000, fineMax: 5000, fineRule: null }],
    };
    expect((await officer.post('/api/case-discretion-rules', body)).statusCode).toBe(403);
    const created = await head.post('/api/case-discretion-rules', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'api_test_rule', version: 1 });
    expect((await head.post('/api/case-discretion-rules', body)).statusCode).toBe(409);
    const bad = await head.put('/api/case-discretion-rules/api_test_rule', { levels: [{ ...body.levels[0], fineMin: 9000 }] }, { 'if-match': '"1"' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FINE_BOUNDS');
    const put = await head.put('/api/case-discretion-rules/api_test_rule', { active: false }, { 'if-match': '"1"' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, active: false });
    expect(put.headers.etag).toBe('"2"');
    expect((await head.put('/api/case-discretion-rules/api_test_rule', { active: true }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await officer.put('/api/case-discretion-rules/api_test_rule', { active: true })).statusCode).toBe(403);
  });
});

describe('the decide action over HTTP', () => {
  it('decides a notified case: stage decided, numbered, worded, publication scheduled; a second decide is 409', async () => {
    const c = await notified();
    expect((await officer.post(`/api/cases/${c.id}/actions`, decideBody)).statusCode).toBe(403);
    const res = await head.post(`/api/cases/${c.id}/actions`, decideBody);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'decided', penaltyText: '罚款人民币50000元', amountDue: 50000, decidedOn: today, discretionRuleKey: 'se_unregistered' });
    expect(res.json().documentNo).toMatch(new RegExp(`罚〔${today.slice(0, 4)}〕\\d+号$`));
    expect(res.json().publication).toMatchObject({ status: 'pending' });
    const again = await head.post(`/api/cases/${c.id}/actions`, decideBody);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');

    const other = await notified();
    const dup = await head.post(`/api/cases/${other.id}/actions`, { ...decideBody, documentNo: res.json().documentNo });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_DOCUMENT_NO');
  });

  it('waits for the defence period (409 DEFENCE_PERIOD_OPEN) and the hearing (409 HEARING_PENDING); checks the discretion level', async () => {
    const open = await notified({ defenceDueOn: addDays(today, 3) });
    const early = await head.post(`/api/cases/${open.id}/actions`, decideBody);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DEFENCE_PERIOD_OPEN');
    const hearing = await notified({ stage: 'hearing', hearingRequested: true, defenceRecordedOn: past(8) });
    expect((await head.post(`/api/cases/${hearing.id}/actions`, decideBody)).json().error.code).toBe('HEARING_PENDING');
    const c = await notified();
    const out = await head.post(`/api/cases/${c.id}/actions`, { ...decideBody, penalties: [{ type: 'fine', amount: 90000 }] });
    expect(out.statusCode).toBe(400);
    expect(out.json().error).toMatchObject({ code: 'FINE_OUT_OF_RANGE', details: { field: 'penalties.0.amount' } });
  });

  it('revokes the licence named by a revocation penalty (licence state → revoked)', async () => {
    const licence = await makeLicence(env);
    const c = await notified({ uscc: licence.uscc, partyName: '吊销测试企业' });
    const res = await head.post(`/api/cases/${c.id}/actions`, {
      ...decideBody,
      discretionRuleKey: 'se_no_supervisory_inspection',
      discretionLevel: 'heavier',
      legalBasis: '《中华人民共和国特种设备安全法》第七十九条',
      penalties: [{ type: 'fine', amount: 160000 }, { type: 'revocation', licenceId: licence.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().penaltyText).toContain(`（编号：${licence.number}）`);
    expect((await head.get(`/api/licences/${licence.id}`)).json().state).toBe('revoked');
  });
});

describe('the documents route', () => {
  it('downloads a .docx in scope, 409 before its stage, 404 out of scope', async () => {
    const c = await notified({ partyName: '文书路由测试有限公司', noticeNo: '涟市监罚告〔2026〕901号' });
    const res = await officer.get(`/api/cases/${c.id}/documents/penalty_notice`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('行政处罚告知书'));
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('文书路由测试有限公司');
    const early = await officer.get(`/api/cases/${c.id}/documents/penalty_decision`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DOCUMENT_NOT_AVAILABLE');
    expect((await otherCounty.get(`/api/cases/${c.id}/documents/penalty_notice`)).statusCode).toBe(404);
    expect((await officer.get(`/api/cases/${c.id}/documents/unknown_kind`)).statusCode).toBe(400);
  });
});
