/**
 * Issue 20, "Serve the public": government sites must be accessible (GB/T 37668-2019, WCAG 2.1 AA,
 * 适老化). Every public page — the look-up, penalties, inspection results, draws, the draw method,
 * equipment, the complaint forms, the enterprise-account request, the spot checks' pages, the
 * portal (信息公开: home, the dishonest list, notices, open data) — and the
 * sign-in page pass axe-core's WCAG 2.1 A/AA rules with no serious or critical violation, at
 * desktop size and at 200 % zoom, have their own title, lang="zh-CN", the landmarks a screen
 * reader jumps between (one main, the banner), one h1 and reflow at 200 % zoom (support/axe.ts).
 * Pages are checked with their content on screen: a found enterprise, a revealed draw, a form
 * showing its validation messages.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DrawSummary } from '../web/src/modules/inspections/draws/drawRecord';
import { expectAccessible } from './support/axe';
import { openPage, visible } from './support/browser';
import { fakeReporter, fileComplaint } from './support/complaints';
import { unique } from './support/env';
import { seedPlannedTasks } from './support/inspection-tasks';
import { useSuite } from './support/suite';

const suite = useSuite();

/** Waits until the page's content is on screen and its requests and spinners have settled. */
async function settled(page: Page, content: string | RegExp): Promise<void> {
  await visible(page.getByText(content));
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

/** Opens `path` as a visitor (no sign-in), waits for `content`, then checks the page. */
async function check(path: string, content: string | RegExp, name = path, act?: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await openPage(suite.browser);
  try {
    await page.goto(path);
    await settled(page, content);
    if (act) await act(page);
    await expectAccessible(page, name);
  } finally {
    await context.close();
  }
}

describe('accessibility of the public pages (WCAG 2.1 AA)', () => {
  it('the sign-in page', () => check('/login', '用户名'));

  it('the enterprise look-up, empty', () => check('/public/enterprise', '企业信用公示查询'));

  it('the enterprise look-up with an enterprise found', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `无障碍${unique()}有限公司`, regionCode: '320826' });
    await check('/public/enterprise', '企业信用公示查询', 'look-up, found', async (page) => {
      await page.getByLabel('统一社会信用代码').fill(enterprise.uscc);
      await page.getByLabel('统一社会信用代码').press('Enter');
      await visible(page.getByTestId('public-result').getByText(enterprise.name));
      await page.waitForLoadState('networkidle');
    });
  });

  it('the penalties list', () => check('/public/penalties', '行政处罚'));

  it('the inspection results', () => check('/public/inspection-results', /检查结果/));

  it('the draw list', () => check('/public/draws', /抽取/));

  it('a revealed draw', { timeout: 120_000 }, async () => {
    const seed = await seedPlannedTasks(suite.admin, '320826', 2);
    const committed = await seed.officerSession.post<DrawSummary>(`/api/inspection-plans/${seed.plan.id}/draws`);
    await seed.officerSession.post<DrawSummary>(`/api/draws/${committed.id}/reveal`, { witnessInput: `见证人 ${unique()}` });
    await check(`/public/draws/${committed.id}`, seed.plan.name, 'a revealed draw', async (page) => {
      await visible(page.getByTestId('draw-seed'));
    });
  });

  it('the draw method', () => check('/public/draw-method', /抽取/));

  it('the equipment look-up', () => check('/public/equipment', /设备/));

  it('the complaint form, with its validation messages', () =>
    check('/public/complaints/new', /投诉/, 'complaint form', async (page) => {
      await page.getByTestId('complaint-submit').click();
      await visible(page.locator('.ant-form-item-explain-error'));
    }));

  it('the complaint tracking form', () => check('/public/complaints/track', /查询/));

  it('the tracking page showing a complaint', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `无障碍投诉${unique()}有限公司`, regionCode: '320826' });
    const description = `购买的电水壶底部漏电，商家不予处理${unique()}`;
    const filed = await fileComplaint({ kind: 'complaint', subjectUscc: enterprise.uscc, subjectName: enterprise.name, topic: 'product_quality', product: '电水壶', description, reporter: fakeReporter() });
    await check('/public/complaints/track', /查询/, 'tracking, found', async (page) => {
      await page.getByLabel('受理编号').fill(filed.trackingNo);
      await page.getByLabel('查询码').fill(filed.accessCode);
      await page.getByTestId('track-form').getByRole('button').last().click();
      await visible(page.getByTestId('track-item'));
      await page.waitForLoadState('networkidle');
    });
  });

  it('the enterprise-account request form', () => check('/public/enterprise-account/apply', /申请/));

  it('the enterprise-account request status', () => check('/public/enterprise-account/status', /查询/));

  it('the spot checks: results', () => check('/public/spotcheck-results', /抽查/));

  it('the spot checks: bulletins', () => check('/public/spotcheck-bulletins', /公告/));

  it('the spot checks: selections', () => check('/public/spotcheck-selections', '承检机构选定结果'));

  it('the spot checks: a bulletin that does not exist', () => check('/public/spotcheck-bulletins/00000000-0000-4000-8000-000000000000', /公告/));

  it('the portal: home', () => check('/public', '信息公开'));

  it('the portal: the dishonest list', () => check('/public/dishonest-list', '严重违法失信名单'));

  it('the portal: notices', () => check('/public/notices', '通知公告'));

  it('the portal: open data', () => check('/public/open-data', '开放数据'));

  it('the spot checks: a draw that does not exist', () => check('/public/spotcheck-draws/00000000-0000-4000-8000-000000000000', /抽/));
});
