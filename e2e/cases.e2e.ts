/**
 * Issue 18 (执法办案), "Done means": a browser journey from an unlicensed-operation lead to a
 * published penalty decision. The lead is filed through the API by a county officer of 涟水县;
 * in the browser the officer registers the case from it (/cases/new?leadSource=unlicensed_lead&leadId=…),
 * the section head opens it naming the two county officers as investigators, an investigator adds
 * evidence (with a photo attached) and submits it for review, the legal reviewer (not an investigator) approves it, the
 * investigator notifies the intended fine from the discretion table and records the party's
 * defence (no hearing), the section head decides, the investigator publishes the decision; the
 * public page /public/penalties shows it, and the lead, closed as 已立案, names its case.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible } from './support/browser';
import { buttonName, pickRadio } from './support/complaints';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';
/** A 1×1 PNG: the evidence's photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

interface CaseView {
  id: string;
  caseNo: string;
  stage: string;
  leadId: string | null;
  investigatorIds: string[];
  documentNo: string | null;
  penaltyText: string | null;
}

/** Picks an option of the antd Select labelled `label` in `scope` (typing `search` first when the select is searchable). */
async function pick(page: Page, scope: Locator, label: string, option: string, search?: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  // a non-searchable select's value covers its input: click through it
  await input.click({ force: true });
  if (search) await input.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/**
 * On the case's page: runs one action through its dialog (its button `action-<key>`, the form
 * filled by `fill`, confirmed with the dialog's button named as the action) and waits for
 * `POST /api/cases/:id/actions` to answer 200; answers the case as the server returned it.
 */
async function act(page: Page, action: string, label: string, fill: (dialog: Locator) => Promise<void> = async () => undefined): Promise<CaseView> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog);
  await fill(dialog);
  const answered = page.waitForResponse((r) => /\/api\/cases\/[^/]+\/actions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: buttonName(label) }).click();
  const response = await answered;
  expect(response.status(), await response.text()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
  return (await response.json()) as CaseView;
}

/** Opens the case's page as another user (each user has their own browser context). */
async function caseAs(session: ApiSession, id: string, caseNo: string): Promise<Page> {
  const { page } = await openPage(suite.browser, session);
  await page.goto(`/cases/${id}`);
  await visible(page.getByText(caseNo).first());
  return page;
}

describe('enforcement cases (issue 18)', () => {
  it('from an unlicensed-operation lead to a published penalty decision', async () => {
    const u = unique();
    const tail = u.slice(-5);
    const admin = suite.admin;
    const bureau = await admin.countyBureau(COUNTY);
    const orgs = await admin.orgs();
    const city = orgs.find((o) => o.type === 'city_bureau')!;
    const section = orgs.find((o) => o.type === 'city_section') ?? city;
    const enterprise = await admin.createEnterprise({ name: `涟水县鑫达钢筋加工${u}有限公司`, regionCode: COUNTY });
    const mk = (prefix: string, displayName: string, orgId: string, roles: string[]) => admin.createUser({ username: `${prefix}${u}`, password: USER_PASSWORD, displayName, orgId, roles });
    const a = await mk('ajcba', `办案甲${tail}`, bureau.id, ['county_officer']);
    const b = await mk('ajcbb', `办案乙${tail}`, bureau.id, ['county_officer']);
    const h = await mk('ajkz', `科长${tail}`, section.id, ['section_head']);
    const r = await mk('ajfz', `法制审核${tail}`, city.id, ['legal_reviewer']);
    const [officer, head, reviewer] = await Promise.all([a, h, r].map((x) => ApiSession.login(x.username, USER_PASSWORD)));

    // The lead, filed by the county officer (the leads' own pages are journeyed in leads.e2e.ts).
    const lead = await officer!.post<{ id: string }>('/api/unlicensed-leads', {
      operatorName: enterprise.name,
      uscc: enterprise.uscc,
      address: `涟水县涟城镇安东北路${tail}号`,
      regionCode: COUNTY,
      licenceType: 'industrial_product',
      source: '群众举报',
      description: `群众举报其未取得生产许可证擅自生产建筑用钢筋${u}`,
    });
    const summary = `现场发现当事人未取得工业产品生产许可证擅自生产热轧带肋钢筋${u}`;

    // 1. the officer registers the case from the lead
    const { page: op } = await openPage(suite.browser, officer!);
    await op.goto(`/cases/new?leadSource=unlicensed_lead&leadId=${lead.id}`);
    const form = op.locator('form#case-entry');
    await visible(form.getByLabel('线索记录编号'));
    expect(await form.getByLabel('线索记录编号').inputValue()).toBe(lead.id);
    await form.getByLabel('当事人名称').fill(enterprise.name);
    await form.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await form.getByLabel('案情摘要').fill(summary);
    const created = op.waitForResponse((res) => new URL(res.url()).pathname === '/api/cases' && res.request().method() === 'POST');
    await op.getByTestId('create-case').click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    const kase = (await createdRes.json()) as CaseView;
    expect(kase).toMatchObject({ stage: 'lead', leadId: lead.id });
    await op.waitForURL(new RegExp(`/cases/${kase.id}`));
    await visible(op.getByText(kase.caseNo).first());
    // an officer cannot open a case (立案 is approved by the section head)
    expect(await op.getByTestId('action-open').count()).toBe(0);

    // 2. the section head opens it, the two county officers investigating
    const hp = await caseAs(head!, kase.id, kase.caseNo);
    const opened = await act(hp, 'open', '立案', async (dialog) => {
      await pick(hp, dialog, '承办人员（至少两人）', a.username, a.username);
      await pick(hp, dialog, '承办人员（至少两人）', b.username, b.username);
      await dialog.getByLabel('备注').fill('同意立案');
    });
    expect(opened.stage).toBe('investigating');
    expect(new Set(opened.investigatorIds)).toEqual(new Set([a.id, b.id]));

    // 3. the investigator adds evidence and submits the case for review
    await op.goto(`/cases/${kase.id}?tab=evidence`);
    const withEvidence = await act(op, 'add_evidence', '添加证据', async (dialog) => {
      await pick(op, dialog, '证据类型', '现场检查笔录');
      await dialog.getByLabel('名称', { exact: true }).fill(`现场检查笔录${tail}`);
      await dialog.getByLabel('地点', { exact: true }).fill('当事人生产车间');
      await dialog.getByLabel('笔录内容').fill('生产线正在运行，仓库存放成品钢筋约 12 吨，未能出示生产许可证');
    });
    expect(withEvidence.stage).toBe('investigating');
    const evidence = op.getByTestId('case-evidence');
    await visible(evidence.getByText(`现场检查笔录${tail}`));
    // its photo, attached (the server keeps its SHA-256)
    const uploaded = op.waitForResponse((res) => /\/api\/cases\/[^/]+\/evidence\/[^/]+\/files$/.test(new URL(res.url()).pathname) && res.request().method() === 'POST');
    await evidence.locator('input[type=file]').first().setInputFiles({ name: `现场照片${tail}.png`, mimeType: 'image/png', buffer: PNG });
    expect((await uploaded).status()).toBeLessThan(300);
    await visible(evidence.getByText(`现场照片${tail}.png`));
    expect((await act(op, 'submit_review', '提交审核')).stage).toBe('reviewing');

    // 4. the legal reviewer, who is not an investigator, approves it
    const rp = await caseAs(reviewer!, kase.id, kase.caseNo);
    const reviewed = await act(rp, 'review', '案件审核', async (dialog) => {
      await pickRadio(dialog, '审核结果', '同意');
      await dialog.getByLabel('审核意见').fill('事实清楚，证据确凿，适用法律正确，程序合法');
    });
    expect(reviewed.stage).toBe('reviewing');

    // 5. the investigator notifies the intended fine (discretion table) and records the defence, no hearing
    await op.reload();
    const notified = await act(op, 'notify', '告知', async (dialog) => {
      await pick(op, dialog, '裁量基准', '未取得生产许可证', '未取得生产许可证');
      await pick(op, dialog, '裁量阶次', '从轻处罚');
      const row = dialog.getByTestId('penalty-row').first();
      await row.getByLabel('金额（元）').fill('20000');
      await dialog.getByLabel('处罚表述').fill('拟处罚款人民币20000元');
    });
    expect(notified.stage).toBe('notified');
    const defended = await act(op, 'record_defence', '记录陈述申辩', async (dialog) => {
      await dialog.getByLabel('陈述申辩内容').fill('当事人对违法事实无异议，请求从轻处罚，不要求听证');
    });
    expect(defended.stage).toBe('notified');

    // 6. the section head decides: the notice's fine, the decision's number
    await hp.reload();
    const decided = await act(hp, 'decide', '处罚决定');
    expect(decided.stage).toBe('decided');
    expect(decided.penaltyText).toContain('罚款人民币20000元');
    expect(decided.documentNo).toMatch(/罚〔\d{4}〕\d+号$/);

    // 7. the investigator publishes it (公示 tab)
    await op.goto(`/cases/${kase.id}?tab=publication`);
    const publication = op.getByTestId('case-publication');
    await visible(publication.getByText('待公示'));
    await op.getByTestId('publish').click();
    const dialog = op.getByRole('dialog');
    await visible(dialog);
    const published = op.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/publication/publish') && res.request().method() === 'POST');
    await dialog.getByRole('button', { name: buttonName('公示') }).click();
    expect((await published).status()).toBe(200);
    await visible(publication.getByText('公示中'));

    // 8. the public page (no sign-in) shows the decision
    const { page: pub } = await openPage(suite.browser);
    await pub.goto('/public/penalties');
    await pub.getByTestId('penalties-uscc').fill(enterprise.uscc);
    const searched = pub.waitForResponse((res) => new URL(res.url()).pathname === '/api/public/penalties' && res.url().includes(enterprise.uscc));
    await pub.getByTestId('penalties-search').click();
    expect((await searched).status()).toBe(200);
    const card = pub.getByTestId('public-penalty').filter({ hasText: decided.documentNo! });
    await visible(card);
    await visible(card.getByText(enterprise.name));
    expect(await card.innerText()).toContain('罚款人民币20000元');
    expect(await card.innerText()).not.toContain(a.displayName);

    // 9. the lead, closed as 已立案, names its case
    const after = await officer!.get<{ status: string; outcome: string | null; caseId: string | null }>(`/api/unlicensed-leads/${lead.id}`);
    expect(after).toMatchObject({ status: 'closed', outcome: 'case_filed', caseId: kase.id });
    const byLead = await officer!.get<{ items: { id: string }[] }>(`/api/cases/by-lead?source=unlicensed_lead&leadId=${lead.id}`);
    expect(byLead.items.map((x) => x.id)).toEqual([kase.id]);
  });
});
