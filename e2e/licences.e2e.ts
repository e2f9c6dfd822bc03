/** Journey through licence supervision: issue from the enterprise's tab, then warning and revocation on the licence's timeline, seen on the public record. */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, openPage, pickDate, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

/** A date `days` from today, as YYYY-MM-DD. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Today in China (UTC+8, no daylight saving), as YYYY-MM-DD: the day the server records a decision on. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Takes a measure on the open licence page and waits for the server to apply it. */
async function takeMeasure(page: Page, target: string, fill: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: '采取监管措施' }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, dialog, '目标状态', target);
  await fill(dialog);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/transitions') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: '确定' }).click();
  expect((await answered).status()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
}

async function fillMeasure(dialog: Locator, reason: string, documentNo: string): Promise<void> {
  await dialog.getByLabel('理由').fill(reason);
  await dialog.getByLabel('法律依据').fill('《中华人民共和国工业产品生产许可证管理条例》');
  await dialog.getByLabel('决定书文号').fill(documentNo);
}

describe('licences', () => {
  it('admin issues a licence from the enterprise tab, downloads the notice, puts it under warning, revokes it, sees the timeline, and the public record shows the revocation', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `许可${unique()}有限公司`, regionCode: '320826' });
    const number = `XK-E2E-${unique()}`;
    const reviewOn = daysFromToday(30);

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto(`/enterprises/${enterprise.uscc}`);
    await waitForShell(page);
    await page.getByRole('tab', { name: '许可证' }).click();

    // issue: the holder is prefilled; no expiry date, so the type's default validity (5 years) applies
    await page.getByRole('button', { name: '登记许可证' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('统一社会信用代码').inputValue()).toBe(enterprise.uscc);
    await choose(page, dialog, '许可证类型', '工业产品生产许可证');
    await visible(dialog.getByText('默认有效期 5 年'));
    await dialog.getByLabel('证书编号').fill(number);
    await dialog.getByLabel('发证机关').fill('江苏省市场监督管理局');
    await pickDate(dialog.getByLabel('发证日期'), '2024-03-01');
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licences' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: number });
    await visible(row.getByText('正常监管'));
    expect(await row.textContent()).toContain('2029-02-28');
    await row.getByRole('link', { name: number }).click();
    await page.waitForURL('**/licences/*');
    const header = page.getByTestId('licence-header');
    await visible(header.getByText(number));
    await visible(header.getByText('正常监管'));
    expect(await page.getByTestId('licence-fields').textContent()).toContain(enterprise.name);

    // the notice (告知书) generated on issuing downloads as a .docx
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /下载告知书/ }).click();
    expect((await download).suggestedFilename()).toBe(`告知书-工业产品生产许可证-${number}.docx`);

    await takeMeasure(page, '警示管理', async (d) => {
      await fillMeasure(d, '抽查发现产品质量问题', `淮市监警〔2026〕${unique()}号`);
      await pickDate(d.getByLabel('复查日期'), reviewOn);
    });
    await visible(header.getByText('警示管理'));
    expect(await page.getByTestId('licence-fields').textContent()).toContain(reviewOn);

    const revocationNo = `淮市监罚〔2026〕${unique()}号`;
    await takeMeasure(page, '吊销', (d) => fillMeasure(d, '复查仍不合格', revocationNo));
    await visible(header.getByText('吊销'));

    // the timeline, newest first: normal → warning, then warning → revoked
    const entries = page.getByTestId('licence-transition');
    await visible(entries.nth(1));
    expect(await entries.count()).toBe(2);
    const [revoked, warned] = [await entries.nth(0).textContent(), await entries.nth(1).textContent()];
    expect(revoked).toMatch(/警示管理.*→.*吊销/);
    expect(revoked).toContain(revocationNo);
    expect(warned).toMatch(/正常监管.*→.*警示管理/);
    expect(warned).toContain(reviewOn);
    expect(await page.getByRole('button', { name: '采取监管措施' }).count()).toBe(0);

    // the enterprise's tab now says the enterprise has a revoked licence
    await page.goto(`/enterprises/${enterprise.uscc}?tab=licences`);
    const closed = page.getByTestId('licences-closed');
    await visible(closed.getByText(number));
    expect(await closed.textContent()).toContain('吊销');
    await context.close();

    // the public record, without login: the revocation with its decision, and no longer a valid licence
    const visitor = await openPage(suite.browser);
    await visitor.page.goto('/public/enterprise');
    const input = visitor.page.getByLabel('统一社会信用代码');
    await input.fill(enterprise.uscc);
    await input.press('Enter');
    const revocations = visitor.page.getByTestId('public-revocations');
    await visible(revocations.getByText(revocationNo));
    const revocation = revocations.getByRole('row').filter({ hasText: number });
    for (const text of ['吊销', '工业产品生产许可证', revocationNo, chinaToday()]) expect(await revocation.textContent()).toContain(text);
    const valid = visitor.page.getByTestId('public-licences');
    await visible(valid.getByText('暂无有效许可证'));
    expect(await valid.textContent()).not.toContain(number);
    await visitor.context.close();
  });
});
