import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as verifyCli, verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { planTaskSummary } from '../../inspections/index.js';
import { CURRENT_YEAR, type RecordJson, makeInspector, makeItem } from '../../inspections/testing.js';
import { makeCase } from '../testing.js';
import { caseTransfers } from '../oversight/oversight.schema.js';
import { quartersOf, statusByDates } from './campaigns.service.js';

const env = useTestEnv();

let seq = 0;

/** Six tagged enterprises of 320826, two inspectors there, an item, a city officer and a city-wide pool of the tag. */
async function setting() {
  const tag = `专项${Date.now()}${++seq}`;
  for (let i = 0; i < 6; i++) await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  await makeInspector(env, '320826');
  await makeInspector(env, '320826');
  const item = await makeItem(env);
  const officer = await env.login((await env.makeUser({ roles: ['city_officer'] })).username);
  const pool = (await officer.post('/api/object-pools', { name: `专项行动对象${tag}`, filter: { tag } })).json();
  const county = await env.services.jurisdiction.competentBureau('320826');
  const city = (await env.services.jurisdiction.rootOrg())!;
  const body = {
    name: `儿童玩具质量${tag}`,
    productCategory: 'children',
    description: '重点检查儿童玩具的安全标识与材料',
    startOn: todayInChina(),
    endOn: `${CURRENT_YEAR}-12-31`,
    participatingOrgIds: [county.id, city.id],
    poolId: pool.id,
    itemId: item.id,
    targetCount: 3,
  };
  return { tag, item, officer, pool, county, city, body };
}

const get = (url: string) => env.app.inject({ method: 'GET', url });

describe('campaigns: lottery on the draw engine', () => {
  it('creates the campaign with its plan, commits, reveals through the plans route; tasks are made and the public record verifies', async () => {
    const { officer, body, county } = await setting();
    const res = await officer.post('/api/campaigns', body);
    expect(res.statusCode, res.body).toBe(201);
    const campaign = res.json();
    expect(campaign).toMatchObject({ status: 'running', targetCount: 3, plan: { name: `专项执法行动：${body.name}`, year: CURRENT_YEAR, mode: 'fixed', fixedCount: 3, quarters: quartersOf(body.startOn, body.endOn) }, draws: [], tasks: { total: 0 } });
    expect(campaign.participatingOrgs.map((o: { id: string }) => o.id)).toEqual(body.participatingOrgIds);
    expect(res.headers.etag).toBe('"1"');

    const committed = await officer.post(`/api/campaigns/${campaign.id}/draws`);
    expect(committed.statusCode, committed.body).toBe(201);
    const draw = committed.json();
    expect(draw).toMatchObject({ planId: campaign.planId, status: 'committed', version: 'zhijian-draw/2' });
    // A second commit while one is pending: the engine's rule.
    expect((await officer.post(`/api/campaigns/${campaign.id}/draws`)).json().error.code).toBe('DRAW_PENDING');

    // The public list shows it at once, under the plan's name that says it is a campaign.
    const listed = (await get(`/api/public/draws?status=committed&pageSize=100`)).json().items.find((d: { id: string }) => d.id === draw.id);
    expect(listed).toMatchObject({ planName: `专项执法行动：${body.name}`, status: 'committed' });

    const revealed = await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '见证人：王五' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toMatchObject({ status: 'revealed', selectedCount: 3 });

    const view = (await officer.get(`/api/campaigns/${campaign.id}`)).json();
    expect(view.draws).toEqual([expect.objectContaining({ id: draw.id, status: 'revealed' })]);
    expect(view.tasks).toMatchObject({ total: 3, done: 0, withFindings: 0, findings: 0, byRegion: [{ regionCode: '320826', orgId: county.id, total: 3 }] });

    // The public record verifies with the verifier `npx zhijian draw verify` runs, against the commit statement.
    const recordRes = await get(`/api/public/draws/${draw.id}`);
    const record = recordRes.json() as RecordJson;
    expect(await verifyDrawRecord(record, { statement: draw.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    const dir = mkdtempSync(join(tmpdir(), 'campaign-draw-'));
    writeFileSync(join(dir, 'record.json'), recordRes.body);
    writeFileSync(join(dir, 'statement.txt'), draw.commitStatement);
    expect(await verifyCli([join(dir, 'record.json'), join(dir, 'statement.txt')])).toBe(0);
    expect(record.openings).toHaveLength(3);

    // A plan is drawn once.
    expect((await officer.post(`/api/campaigns/${campaign.id}/draws`)).json().error.code).toBe('DRAW_REVEALED');
  });

  it('checks the campaign: bureaus of the jurisdiction, one year, a visible pool, a known category', async () => {
    const { officer, body } = await setting();
    const section = (await env.services.jurisdiction.listOrgs(env.admin, { type: 'city_section' }, { page: 1, pageSize: 1 })).items[0]!;
    const notBureau = await officer.post('/api/campaigns', { ...body, participatingOrgIds: [section.id] });
    expect(notBureau.statusCode).toBe(400);
    expect(notBureau.json().error).toMatchObject({ code: 'NOT_A_BUREAU_OF_REGION', details: { field: 'participatingOrgIds', orgId: section.id } });
    const acrossYears = await officer.post('/api/campaigns', { ...body, endOn: `${CURRENT_YEAR + 1}-01-31` });
    expect(acrossYears.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'endOn' } });
    const backwards = await officer.post('/api/campaigns', { ...body, startOn: `${CURRENT_YEAR}-12-31`, endOn: `${CURRENT_YEAR}-01-01` });
    expect(backwards.json().error.details.field).toBe('endOn');
    expect((await officer.post('/api/campaigns', { ...body, poolId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await officer.post('/api/campaigns', { ...body, productCategory: 'weapons' })).statusCode).toBe(400);
    // A pool of a county seen by a county-scoped user only; a county officer holds no campaign.manage at all.
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.post('/api/campaigns', body)).statusCode).toBe(403);
    // Nothing half-made: no plan was left by the failures.
    const plans = await env.services.plans.list(env.admin);
    expect(plans.items.filter((p) => p.name === `专项执法行动：${body.name}`)).toHaveLength(0);
  });

  it('moves planned → running → finished by hand or by dates, never back; a finished campaign draws no more', async () => {
    expect(quartersOf('2026-02-10', '2026-08-01')).toEqual([1, 2, 3]);
    expect(statusByDates({ status: 'planned', startOn: '2026-05-01', endOn: '2026-06-30' }, '2026-04-30')).toBe('planned');
    expect(statusByDates({ status: 'planned', startOn: '2026-05-01', endOn: '2026-06-30' }, '2026-05-01')).toBe('running');
    expect(statusByDates({ status: 'running', startOn: '2026-05-01', endOn: '2026-06-30' }, '2026-07-01')).toBe('finished');

    const { officer, body } = await setting();
    const later = `${CURRENT_YEAR}-12-31`;
    const c = (await officer.post('/api/campaigns', { ...body, startOn: later > todayInChina() ? later : todayInChina() })).json();
    const stale = await officer.post(`/api/campaigns/${c.id}/status`, { status: 'finished' }, { 'if-match': '"99"' });
    expect(stale.statusCode).toBe(412);
    const finished = await officer.post(`/api/campaigns/${c.id}/status`, { status: 'finished' }, { 'if-match': `"${c.version}"` });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json()).toMatchObject({ status: 'finished', version: c.version + 1 });
    expect((await officer.post(`/api/campaigns/${c.id}/status`, { status: 'running' })).json().error.code).toBe('INVALID_STATUS');
    expect((await officer.post(`/api/campaigns/${c.id}/draws`)).json().error.code).toBe('CAMPAIGN_FINISHED');

    const other = (await officer.post('/api/campaigns', { ...body, name: `${body.name}二` })).json();
    const moved = await env.services.cases.campaigns.syncStatuses(`${CURRENT_YEAR + 1}-01-01`);
    expect(moved.finished).toBeGreaterThanOrEqual(1);
    expect((await officer.get(`/api/campaigns/${other.id}`)).json().status).toBe('finished');
  });

  it('is seen in its region and by its participating bureaus; another county gets 404', async () => {
    const { officer, body, county } = await setting();
    const c = (await officer.post('/api/campaigns', { ...body, participatingOrgIds: [county.id] })).json();
    const inCounty = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await inCounty.get(`/api/campaigns/${c.id}`)).statusCode).toBe(200);
    expect((await inCounty.get('/api/campaigns?pageSize=500')).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const elsewhere = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await elsewhere.get(`/api/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await elsewhere.get(`/api/campaigns/${c.id}/report.docx`)).statusCode).toBe(404);
    expect((await elsewhere.get('/api/campaigns?pageSize=500')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });
});

describe('campaigns: the report', () => {
  it('adds up checks, violations, cases, fines and transfers per bureau in the view, the .docx and the .xlsx', async () => {
    const { officer, body, county, city } = await setting();
    const c = (await officer.post('/api/campaigns', body)).json();
    const draw = (await officer.post(`/api/campaigns/${c.id}/draws`)).json();
    await officer.post(`/api/draws/${draw.id}/reveal`, {});
    const view = (await officer.get(`/api/campaigns/${c.id}`)).json();
    expect(view.tasks.total).toBe(3);

    const today = todayInChina();
    // Two decided cases of the county (5000 and 1200.50), one transferred, one still a lead of the city; one case not of the campaign.
    await makeCase(env, { campaignId: c.id, stage: 'decided', openedOn: today, decidedOn: today, amountDue: '5000', penaltyText: '罚款人民币5000元' });
    await makeCase(env, { campaignId: c.id, stage: 'executing', openedOn: today, decidedOn: today, amountDue: '1200.50' });
    const moved = await makeCase(env, { campaignId: c.id, stage: 'transferred', openedOn: today, transferred: true });
    await env.db.insert(caseTransfers).values({ caseId: moved.id, transferredOn: today, receivingOrgan: '涟水县公安局', reason: '涉嫌生产销售伪劣产品罪', manifest: [], packageSha256: '0'.repeat(64), createdByName: '测试' });
    await makeCase(env, { campaignId: c.id, regionCode: '320800', orgId: city.id });
    await makeCase(env, { amountDue: '99999', decidedOn: today, stage: 'decided' });

    const after = (await officer.get(`/api/campaigns/${c.id}`)).json();
    expect(after.cases).toMatchObject({ total: 4, fines: 6200.5, transfers: 1, byStage: { decided: 1, executing: 1, transferred: 1, lead: 1 } });
    expect(after.cases.items).toHaveLength(4);

    const facts = await env.services.cases.campaigns.reportFacts(env.admin, c.id);
    expect(facts.totals).toEqual({ tasks: 3, done: 0, withFindings: 0, violations: 0, cases: 4, opened: 3, decided: 2, fines: 6200.5, transfers: 1 });
    const countyRow = facts.bureaus.find((b) => b.orgId === county.id)!;
    expect(countyRow).toMatchObject({ participating: true, tasks: 3, cases: 3, decided: 2, fines: 6200.5, transfers: 1 });
    expect(facts.bureaus.find((b) => b.orgId === city.id)).toMatchObject({ cases: 1, fines: 0 });
    for (const key of Object.keys(facts.totals) as (keyof typeof facts.totals)[]) {
      expect(facts.bureaus.reduce((s, b) => s + b[key], 0), key).toBeCloseTo(facts.totals[key], 2);
    }

    const docx = await officer.get(`/api/campaigns/${c.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(`${body.name}专项执法行动情况报告`);
    expect(xml).toContain('共下达检查任务 3 户');
    expect(xml).toContain('罚没金额合计人民币 6200.50 元，移送公安机关 1 件');
    expect(xml).toContain('合计');

    const xlsx = await officer.get(`/api/campaigns/${c.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('汇总')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === '合计')!;
    expect(total.slice(2)).toEqual([3, 0, 0, 0, 4, 3, 2, 6200.5, 1]);
    const bureauRows = rows.slice(rows.findIndex((r) => r[1] === '单位') + 1, rows.indexOf(total));
    for (let col = 2; col <= 10; col++) expect(bureauRows.reduce((s, r) => s + Number(r[col]), 0)).toBeCloseTo(Number(total[col]), 2);
    expect(wb.getWorksheet('案件')!.rowCount).toBe(5);

    // A case opened on a finding of one of the campaign's tasks belongs to it without being marked.
    const { taskIds } = await planTaskSummary(env.db, c.planId);
    await makeCase(env, { leadSource: 'inspection_finding', leadId: taskIds[0] });
    expect((await officer.get(`/api/campaigns/${c.id}`)).json().cases.total).toBe(5);
  });
});
