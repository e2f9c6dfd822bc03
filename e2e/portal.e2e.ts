/**
 * Issue 20, "Serve the public" and "Done means" (a browser test of the public portal on a
 * phone-sized screen): a visitor on a 390×844 phone opens 信息公开, searches an enterprise by
 * name and opens its public record (no credit class), reads the dishonest list with the listed
 * enterprise, a published notice and the open-data page; every portal page passes the axe checks.
 * The staff's notice workflow: an officer drafts and submits, a section head approves, the notice
 * is on the portal, is withdrawn and is gone. The enterprise's account answers the advance notice
 * of listing and, once listed, applies for credit repair and sees the conditions checked.
 * With E2E_SHOTS_DIR set, the pages are also photographed on a phone and a desktop.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { expectAccessible } from './support/axe';
import { openPage, visible } from './support/browser';
import { enterpriseAccountSession, openPhonePage, PHONE, shoot } from './support/enterprise-accounts';
import { BASE_URL, USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';
/** What the public pages must never show: the credit class (国市监信发〔2022〕6号). */
const CLASS_WORDS = /信用等级|信用分类|信用类别|credit class/i;

interface Notice {
  id: string;
  status: string;
  version: number;
}

/** A city officer (drafts, proposes listings) and a section head (approves, decides), signed in. */
async function staff(u: string): Promise<{ officer: ApiSession; head: ApiSession; headName: string }> {
  const city = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
  const tail = u.slice(-5);
  const headName = `门户科长${tail}`;
  await suite.admin.createUser({ username: `ptoff${u}`, password: USER_PASSWORD, displayName: `门户科员${tail}`, orgId: city.id, roles: ['city_officer'] });
  await suite.admin.createUser({ username: `pthead${u}`, password: USER_PASSWORD, displayName: headName, orgId: city.id, roles: ['section_head'] });
  return { officer: await ApiSession.login(`ptoff${u}`, USER_PASSWORD), head: await ApiSession.login(`pthead${u}`, USER_PASSWORD), headName };
}

/** Waits until the page's requests and spinners have settled, then runs the accessibility checks. */
async function accessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
  await expectAccessible(page, name);
  await page.setViewportSize(PHONE);
}

/** A listing proposed by the officer for the enterprise and noticed (the answer period runs). */
async function noticedListing(officer: ApiSession, uscc: string, u: string): Promise<{ id: string; reason: string }> {
  const reason = `生产销售不合格电热毯，抽查复查仍不合格，情节严重${u}`;
  const proposed = await officer.post<{ id: string }>('/api/credit-listings', { uscc, source: 'manual', reason, legalBasis: '《市场监督管理严重违法失信名单管理办法》第九条' });
  await officer.post(`/api/credit-listings/${proposed.id}/notice`);
  return { id: proposed.id, reason };
}

describe('the public portal and its notices (issue 20)', () => {
  it('on a phone: the home, an enterprise found by name and its record, the dishonest list, a notice, open data', { timeout: 180_000 }, async () => {
    const u = unique();
    const { officer, head } = await staff(u);
    const enterprise = await suite.admin.createEnterprise({ name: `门户公示${u}电器有限公司`, regionCode: COUNTY });
    // listed through the procedure: notice, the enterprise's answer, the section head's decision
    const listing = await noticedListing(officer, enterprise.uscc, u);
    const account = await enterpriseAccountSession(officer, enterprise.uscc, `ptent${u}`);
    await account.post(`/api/my/credit-listings/${listing.id}/answer`, { statement: '我公司已召回全部问题产品。' });
    await head.post(`/api/credit-listings/${listing.id}/decide`, { list: true, note: '情节严重，决定列入' });
    // a published exposure notice
    const title = `关于电热毯质量安全问题的曝光${u}`;
    const draft = await officer.post<Notice>('/api/portal-notices', { kind: 'exposure', title, summary: '抽查发现不合格电热毯', body: `第一段：抽查情况${u}。\n\n第二段：<b>不合格</b>产品名单见附表。` });
    await officer.post(`/api/portal-notices/${draft.id}/submit`);
    await head.post(`/api/portal-notices/${draft.id}/approve`);

    const { context, page } = await openPhonePage(suite.browser);
    try {
      // 信息公开: the home, its latest notices, then a search by name
      await page.goto('/public');
      const home = page.getByTestId('portal-home');
      await visible(home.getByRole('heading', { level: 1, name: '信息公开' }));
      await visible(page.getByTestId('portal-latest-notices').getByRole('link', { name: title }));
      for (const section of ['dishonest', 'results', 'draws', 'penalties', 'complaints', 'services']) await visible(page.getByTestId(`portal-section-${section}`));
      await accessible(page, 'portal home');
      // the public site's footer (contentinfo): the bureau by name (GET /api/public/site), the public home, the enterprise look-up and the complaint form
      const footer = page.getByRole('contentinfo');
      await expect.poll(() => footer.getByTestId('site-bureau').textContent()).toBe('淮安市市场监督管理局');
      for (const name of ['信息公开首页', '企业信息查询', '投诉举报']) await visible(footer.getByRole('link', { name }));
      await shoot(page, 'portal-01-home');
      await page.getByLabel('企业名称或统一社会信用代码').fill(enterprise.name);
      await page.getByLabel('企业名称或统一社会信用代码').press('Enter');
      const hit = page.getByTestId('portal-search-results').getByRole('link', { name: enterprise.name });
      await visible(hit);
      expect(new URL(page.url()).searchParams.get('q')).toBe(enterprise.name);
      await shoot(page, 'portal-02-search');
      await hit.click();
      await page.waitForURL((url) => url.pathname === '/public/enterprise' && url.searchParams.get('uscc') === enterprise.uscc);
      await visible(page.getByText(enterprise.name).first());
      expect(await page.locator('main').innerText()).not.toMatch(CLASS_WORDS);
      await shoot(page, 'portal-03-record');

      // the dishonest list: the listed enterprise with its reason and period, found by name
      await page.goto('/public');
      await page.getByRole('navigation', { name: '信息公开' }).getByRole('link', { name: '失信名单' }).click();
      const list = page.getByTestId('public-dishonest-list');
      await visible(list.getByRole('heading', { level: 1, name: '严重违法失信名单' }));
      await page.getByLabel('企业名称或统一社会信用代码').fill(enterprise.name);
      await page.getByLabel('企业名称或统一社会信用代码').press('Enter');
      const row = list.getByTestId('dishonest-row').filter({ hasText: enterprise.name });
      await visible(row);
      await visible(row.getByText(listing.reason));
      await visible(row.getByText(enterprise.uscc));
      expect(await page.locator('main').innerText()).not.toMatch(CLASS_WORDS);
      await accessible(page, 'dishonest list');
      await shoot(page, 'portal-04-dishonest-list');

      // the notices, by kind, and the exposure's text as paragraphs (markup shown as text)
      await page.goto('/public/notices');
      await page.getByTestId('notice-kinds').getByText('曝光').click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'exposure');
      await page.getByTestId('public-notice-list').getByRole('link', { name: title }).click();
      const body = page.getByTestId('notice-body');
      await visible(body.getByText(`第一段：抽查情况${u}。`));
      expect(await body.locator('p').count()).toBe(2);
      expect(await body.locator('b').count()).toBe(0);
      await visible(body.getByText('<b>不合格</b>', { exact: false }));
      await accessible(page, 'a notice');
      await shoot(page, 'portal-05-notice');
      await page.goto('/public/notices');
      await visible(page.getByTestId('public-notice-list').getByRole('link', { name: title }));
      await accessible(page, 'notices');
      await shoot(page, 'portal-06-notices');

      // open data: the daily files (the job writes today's at start)
      await page.goto('/public/open-data');
      await visible(page.getByTestId('public-open-data').getByRole('heading', { level: 1, name: '开放数据' }));
      const download = page.getByTestId('open-data-download').first();
      await visible(download);
      const file = await fetch(`${BASE_URL}${await download.getAttribute('href')}`);
      expect(file.status).toBe(200);
      expect((await file.text()).split('\n')[0]).toContain('统一社会信用代码');
      await accessible(page, 'open data');
      await shoot(page, 'portal-07-open-data');
    } finally {
      await context.close();
    }
  });

  it('a notice drafted, submitted, approved by the section head, on the portal, withdrawn and gone', { timeout: 120_000 }, async () => {
    const u = unique();
    const { officer, head, headName } = await staff(u);
    const title = `关于开展电动自行车质量专项抽查的通知${u}`;

    // the officer drafts and submits on the staff pages
    const desk = await openPage(suite.browser, officer);
    const op = desk.page;
    await op.goto('/portal/notices');
    await op.getByTestId('notice-create').click();
    const dialog = op.getByRole('dialog');
    await dialog.getByLabel('标题').fill(title);
    await dialog.getByLabel('摘要').fill('全市范围开展电动自行车质量专项监督抽查');
    await dialog.getByLabel('正文').fill(`一、抽查范围${u}\n\n二、时间安排：本季度内完成。`);
    const created = op.waitForResponse((r) => new URL(r.url()).pathname === '/api/portal-notices' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    const notice = (await (await created).json()) as Notice;
    await op.waitForURL((url) => url.pathname === `/portal/notices/${notice.id}`);
    await visible(op.getByTestId('notice-header').getByText('草稿'));
    await shoot(op, 'portal-10-staff-draft');
    await op.getByTestId('notice-submit').click();
    await op.getByRole('tooltip').getByRole('button', { name: '提交审核' }).click();
    await visible(op.getByTestId('notice-header').getByTestId('notice-status').getByText('待审核'));
    expect(await op.getByTestId('notice-approve').count()).toBe(0);
    await desk.context.close();

    // not on the portal before approval
    expect((await fetch(`${BASE_URL}/api/public/notices/${notice.id}`)).status).toBe(404);

    // the section head approves: published
    const headDesk = await openPage(suite.browser, head);
    const hp = headDesk.page;
    await hp.goto('/portal/notices?status=pending');
    await visible(hp.getByRole('link', { name: title }));
    await shoot(hp, 'portal-13-staff-list');
    await hp.getByRole('link', { name: title }).click();
    await hp.getByTestId('notice-approve').click();
    await hp.getByRole('tooltip').getByRole('button', { name: '审核通过并发布' }).click();
    await visible(hp.getByTestId('notice-header').getByTestId('notice-status').getByText('已发布'));
    await visible(hp.getByText('审核人'));
    await shoot(hp, 'portal-11-staff-published');

    // on the portal (a phone)
    const visitor = await openPhonePage(suite.browser);
    const vp = visitor.page;
    await vp.goto('/public/notices');
    await vp.getByTestId('public-notice-list').getByRole('link', { name: title }).click();
    await visible(vp.getByTestId('notice-body').getByText(`一、抽查范围${u}`));
    expect(await vp.locator('main').innerText()).not.toContain(headName);

    // withdrawn with a reason: gone from the list, its page says so
    await hp.getByTestId('notice-withdraw').click();
    const reason = hp.getByRole('dialog');
    await reason.getByLabel('理由').fill('抽查安排调整，另行通知');
    await reason.getByRole('button', { name: '撤回' }).click();
    await visible(hp.getByTestId('notice-header').getByTestId('notice-status').getByText('已撤回'));
    await shoot(hp, 'portal-12-staff-withdrawn');
    await headDesk.context.close();
    await vp.reload();
    await visible(vp.getByTestId('notice-gone'));
    await vp.goto('/public/notices');
    await visible(vp.getByTestId('public-notice-list'));
    await vp.waitForLoadState('networkidle');
    expect(await vp.getByTestId('public-notice-list').getByRole('link', { name: title }).count()).toBe(0);
    await visitor.context.close();
  });

  it('the enterprise answers the advance notice on its phone and, once listed, applies for credit repair', { timeout: 120_000 }, async () => {
    const u = unique();
    const { officer, head } = await staff(u);
    const enterprise = await suite.admin.createEnterprise({ name: `信用修复${u}制衣有限公司`, regionCode: COUNTY });
    const listing = await noticedListing(officer, enterprise.uscc, u);
    const account = await enterpriseAccountSession(officer, enterprise.uscc, `ptcr${u}`);

    const { context, page } = await openPhonePage(suite.browser, account);
    try {
      await page.goto('/my/credit');
      const card = page.getByTestId('my-listing');
      await visible(card.getByText(listing.reason));
      await shoot(page, 'portal-20-my-credit-notice');
      await card.getByLabel('陈述申辩意见').fill(`我公司已全部召回问题产品并整改${u}`);
      await card.getByRole('button', { name: '提交陈述申辩' }).click();
      await visible(page.getByTestId('my-answer').getByText(`我公司已全部召回问题产品并整改${u}`));
      expect(await page.getByTestId('answer-form').count()).toBe(0);

      await head.post(`/api/credit-listings/${listing.id}/decide`, { list: true, note: '决定列入' });
      await page.reload();
      await visible(card.getByText('列入期内'));
      await card.getByLabel('申请说明').fill('列入后已缴清罚款并完成整改，申请提前移出。');
      await card.getByLabel('信用承诺').fill('本公司承诺今后严格遵守产品质量法律法规，诚信经营，自觉接受社会监督。');
      await card.getByRole('button', { name: '申请信用修复' }).click();
      const repair = page.getByTestId('my-repair');
      await visible(repair.getByText('待决定'));
      // the conditions the system checked, each shown; the time listed is not yet reached
      await visible(repair.getByTestId('repair-conditions').getByText('列入已满最短期限'));
      await visible(repair.getByTestId('repair-conditions').getByText('已作出信用承诺'));
      expect(await repair.getByTestId('repair-conditions').getByText('不符合').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('repair-form').count()).toBe(0);
      await shoot(page, 'portal-21-my-credit-repair');
    } finally {
      await context.close();
    }
  });
});
