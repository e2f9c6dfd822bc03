/**
 * Issue 20 (质量信用), the staff's pages. Seeded through the API: a section head, a city officer, a
 * third-party evaluator with an account (its AAA rating of the first enterprise gives the score a
 * reason), two enterprises and the second one's account.
 *
 * In the browser: the section head finds the first enterprise's archive by its USCC, sees the
 * score's reasons (第三方信用评价), overrides the class to C with a reason and an end date, and finds
 * the change in the class history; the officer proposes listing the second enterprise and sends
 * the notice; the enterprise states its case through its account (API), which ends the notice
 * period; the section head decides to list it, and the listing shows as 已列入 with its period.
 * With E2E_SHOTS_DIR set, every credit page is photographed on a desktop (1366×900) and a phone (390×844).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, pickDate, visible } from './support/browser';
import { chinaToday, enterpriseAccountSession } from './support/enterprise-accounts';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';
import { randomUscc } from './support/uscc';

const suite = useSuite();
const COUNTY = '320826';

/** With E2E_SHOTS_DIR set: `<name>-desktop.png` (1366×900) and `<name>-phone.png` (390×844), full page. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [size, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `credit-${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** Waits for an API answer (path pattern, method) while `act` runs; expects `status`. */
async function answered(page: Page, pathname: RegExp, method: string, act: () => Promise<void>, status = 200): Promise<void> {
  const response = page.waitForResponse((r) => pathname.test(new URL(r.url()).pathname) && r.request().method() === method, { timeout: 30_000 });
  await act();
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('quality credit, the staff pages (issue 20)', () => {
  it('archive, override and class history; a listing proposed, notified, answered and decided', { timeout: 180_000 }, async () => {
    const u = unique();
    const tail = u.slice(-5).toUpperCase();
    const admin = suite.admin;
    const today = chinaToday();
    const city = (await admin.orgs()).find((o) => o.type === 'city_bureau')!;
    const mk = (prefix: string, displayName: string, roles: string[]) => admin.createUser({ username: `${prefix}${u}`, password: USER_PASSWORD, displayName, orgId: city.id, roles });
    await mk('crhead', `信用科长${tail}`, ['section_head']);
    await mk('croff', `信用科员${tail}`, ['city_officer']);
    const head = await ApiSession.login(`crhead${u}`, USER_PASSWORD);
    const officer = await ApiSession.login(`croff${u}`, USER_PASSWORD);
    const rated = await admin.createEnterprise({ name: `涟水县诚信电器${u}有限公司`, regionCode: COUNTY });
    const listed = await admin.createEnterprise({ name: `涟水县失信建材${u}有限公司`, regionCode: COUNTY });

    // ---- seed: an evaluator, its account, and its AAA rating of the first enterprise (+10 points)
    const evaluator = await head.post<{ id: string }>('/api/credit-evaluators', { name: `江苏信用评价中心${tail}`, uscc: randomUscc('91320800'), accreditation: '信用服务机构备案', validUntil: addDays(today, 400), active: true });
    const account = await head.post<{ id: string }>(`/api/credit-evaluators/${evaluator.id}/accounts`, { username: `creval${u}`, displayName: `评价员${tail}`, password: USER_PASSWORD });
    await admin.post(`/api/users/${account.id}/reset-password`, { password: USER_PASSWORD, mustChangePassword: false });
    const rater = await ApiSession.login(`creval${u}`, USER_PASSWORD);
    await rater.post('/api/credit-ratings', { uscc: rated.uscc, grade: 'AAA', ratedOn: today, validUntil: addDays(today, 365), reportNo: `PJ${tail}` });

    // ---- 1. the section head opens the archive from the search and sees the score's reasons
    const { page } = await openPage(suite.browser, head);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/credit/enterprises');
    const search = page.getByLabel('统一社会信用代码或企业名称');
    await search.fill(rated.uscc);
    await search.press('Enter');
    await page.waitForURL(`**/credit/enterprises/${rated.uscc}`);
    const header = page.getByTestId('archive-header');
    await visible(header.getByText(rated.name));
    await expect.poll(() => page.getByTestId('archive-class').innerText()).toContain('A');
    const reasons = page.getByTestId('credit-reasons');
    await visible(reasons.getByText('第三方信用评价'));
    await visible(reasons.getByText('+10'));
    await shoot(page, 'archive');

    // ---- 2. override the class to C until a month ahead
    await header.getByRole('button', { name: '调整等级' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog);
    await dialog.getByLabel('调整为').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'C 类' }).click();
    await dialog.getByLabel('理由').fill('企业存在未结案的重大质量投诉，暂按C类监管');
    await pickDate(dialog.getByLabel('调整有效期至'), addDays(today, 30));
    await answered(page, /\/api\/credit\/[^/]+\/override$/, 'POST', () => dialog.getByRole('button', { name: '调整等级' }).click());
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('archive-class').innerText()).toContain('C');
    await visible(page.getByTestId('archive-override').getByText(addDays(today, 30)));
    await visible(header.getByRole('button', { name: '结束调整' }));

    // ---- 3. the class history shows the override
    await page.getByRole('tab', { name: '等级变化' }).click();
    const history = page.getByTestId('credit-history');
    await visible(history.getByText('人工调整'));
    await shoot(page, 'archive-history');
    await page.getByRole('tab', { name: '时间线' }).click();
    await visible(page.getByTestId('credit-timeline').getByRole('row').nth(1));
    await shoot(page, 'archive-timeline');
    await page.getByRole('tab', { name: '概况' }).click();
    await visible(page.getByTestId('credit-summary'));
    await shoot(page, 'archive-summary');

    // ---- 4. the officer proposes listing the second enterprise and notifies it
    const { page: op } = await openPage(suite.browser, officer);
    await op.setViewportSize({ width: 1366, height: 900 });
    await op.goto('/credit/listings');
    await op.getByTestId('listing-create').click();
    const propose = op.getByRole('dialog');
    await visible(propose);
    await propose.getByLabel('统一社会信用代码').fill(listed.uscc);
    await propose.getByLabel('列入事由').fill('因生产销售不合格产品被处以较重行政处罚，拒不履行');
    await answered(op, /^\/api\/credit-listings$/, 'POST', () => propose.getByRole('button', { name: '保存' }).click(), 201);
    await op.waitForURL(/\/credit\/listings\/[^/]+$/);
    const listingId = op.url().split('/').pop()!;
    const listingHeader = op.getByTestId('listing-header');
    await visible(listingHeader.getByText('已提出建议'));
    await op.getByTestId('listing-send-notice').click();
    await answered(op, /\/notice$/, 'POST', () => op.locator('.ant-modal-confirm').getByRole('button', { name: '告知企业' }).click());
    await visible(listingHeader.getByText('已告知'));
    await visible(op.getByTestId('listing-notice-docx'));
    await shoot(op, 'listing-noticed');
    await op.goto('/credit/listings');
    await visible(op.getByTestId('listing-link').first());
    await shoot(op, 'listings');

    // ---- 5. the enterprise states its case through its account: the decision may be taken now
    const ent = await enterpriseAccountSession(officer, listed.uscc, `crent${u}`);
    await ent.post(`/api/my/credit-listings/${listingId}/answer`, { statement: '我公司已缴清罚款并完成整改，请求不予列入。' });

    // ---- 6. the section head decides to list it
    await page.goto(`/credit/listings/${listingId}`);
    await visible(page.getByTestId('listing-answer').getByText('我公司已缴清罚款并完成整改'));
    await page.getByTestId('listing-decide').click();
    const decide = page.getByRole('dialog');
    await visible(decide);
    await decide.getByLabel('列入严重违法失信名单').check();
    await decide.getByLabel('决定意见').fill('陈述申辩理由不成立，决定列入');
    await answered(page, /\/decide$/, 'POST', () => decide.getByRole('button', { name: '保存' }).click());
    const decidedHeader = page.getByTestId('listing-header');
    await visible(decidedHeader.getByText('已列入'));
    await visible(page.getByText(`${today} 至 `).first());
    await visible(page.getByTestId('listing-events').getByText('企业陈述申辩'));
    await shoot(page, 'listing-listed');

    // the listed enterprise's archive: class D, listed
    await page.goto(`/credit/enterprises/${listed.uscc}`);
    await visible(page.getByTestId('listed-tag'));
    await expect.poll(() => page.getByTestId('archive-class').innerText()).toContain('D');

    // ---- the other pages, photographed
    for (const [url, name, ready] of [
      ['/credit/repairs', 'repairs', 'repairs-pending'],
      ['/credit/models', 'models', 'model-config'],
      ['/credit/evaluators', 'evaluators', 'evaluator-link'],
      [`/credit/evaluators/${evaluator.id}`, 'evaluator', 'evaluator-ratings'],
      ['/credit/enterprises', 'search', 'credit-search'],
    ] as const) {
      await page.goto(url);
      await visible(page.getByTestId(ready));
      await shoot(page, name);
    }
    await page.goto('/credit/check');
    await page.getByTestId('check-codes').fill([rated.uscc, listed.uscc, 'NOT-A-CODE'].join('\n'));
    await answered(page, /^\/api\/credit\/check$/, 'POST', () => page.getByTestId('check-run').click());
    const results = page.getByTestId('check-results');
    await visible(results.getByText('代码格式错误'));
    await visible(results.getByText('行政许可').first());
    await shoot(page, 'check');
    const { page: rp } = await openPage(suite.browser, rater);
    await rp.goto('/evaluator/ratings');
    await visible(rp.getByText(`PJ${tail}`));
    await shoot(rp, 'my-ratings');
  });
});
