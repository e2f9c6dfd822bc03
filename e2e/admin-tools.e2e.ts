/** Journeys through the administration pages: API keys, audit log, work calendar. */
import { describe, expect, it } from 'vitest';
import { openPage, pickDate, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

describe('API keys', () => {
  it('creates a key, shows it once, and revokes it', async () => {
    const name = `e2e-key-${unique()}`;
    const cityBureau = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/keys');
    await waitForShell(page);

    await page.getByRole('button', { name: '新建密钥' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('所属单位').click();
    await dialog.getByLabel('所属单位').fill(cityBureau.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: cityBureau.name }).first().click();
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: '新建' }).click();

    const shown = page.getByTestId('created-api-key');
    await visible(shown);
    const key = (await shown.textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.getByRole('dialog', { name: 'API 密钥已创建' }).getByRole('button', { name: '关闭' }).click();
    await shown.waitFor({ state: 'detached' }); // shown once only

    const row = page.getByRole('row').filter({ hasText: name });
    await visible(row.getByText('有效'));
    await row.getByRole('button', { name: '吊销' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '吊销' }).click();
    await visible(row.getByText(/已吊销/));
    expect(await row.getByRole('button', { name: '吊销' }).count()).toBe(0);
    await context.close();
  });
});

describe('audit log', () => {
  it('filters by action, expands an event and verifies the chain', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/audit');
    await waitForShell(page);

    await page.locator('#search_action').fill('auth.login'); // label '操作' is a prefix of '操作人'
    const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit' && new URL(r.url()).searchParams.get('action') === 'auth.login');
    await page.getByRole('button', { name: '查询' }).click();
    await filtered;
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await visible(rows);
    // the unfiltered rows stay on screen until the filtered answer is drawn
    await expect.poll(async () => (await rows.allTextContents()).every((text) => text.includes('auth.login')), { timeout: 15_000 }).toBe(true);
    // times are China's (UTC+8), though this browser runs in Honolulu
    const [latest] = (await suite.admin.get<{ items: { at: string }[] }>('/api/audit?action=auth.login&pageSize=1')).items;
    const chinaTime = new Date(Date.parse(latest!.at) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(await rows.first().textContent()).toContain(chinaTime);

    await rows.first().getByRole('button', { name: /展开|expand/i }).click();
    await visible(page.getByTestId('audit-diff'));

    await page.getByRole('button', { name: '校验完整性' }).click();
    const result = page.getByTestId('audit-verify-result');
    await visible(result);
    expect(await result.textContent()).toMatch(/审计日志完整：已校验 \d+ 条记录/);
    await context.close();
  });
});

describe('work calendar', () => {
  it('computes a deadline in working days, flagging uncertain years', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/calendar');
    await waitForShell(page);
    const calc = page.getByTestId('working-day-calculator');

    // 2026-10-01..08 is the National Day holiday, 2026-10-10 a make-up workday
    const expected = await suite.admin.get<{ date: string; certain: boolean }>(
      '/api/calendar/add-working-days?from=2026-09-28&days=5',
    );
    await pickDate(calc.getByLabel('起始日期'), '2026-09-28');
    await calc.getByLabel('工作日数').fill('5');
    await calc.getByRole('button', { name: '计算' }).click();
    const result = page.getByTestId('working-day-result');
    await visible(result.getByText(expected.date));
    expect(await result.getByText('可能不准').count()).toBe(expected.certain ? 0 : 1);

    await pickDate(calc.getByLabel('起始日期'), '2099-03-02');
    await calc.getByRole('button', { name: '计算' }).click();
    await visible(page.getByTestId('working-day-result').getByText('可能不准'));
    await context.close();
  });

  it('adds and deletes a manual override in a year without data, and marks the year complete', async () => {
    const year = 2090 + (Date.now() % 9);
    const day = new Date(Date.UTC(year, 0, 5 + (Date.now() % 300)));
    const date = day.toISOString().slice(0, 10);
    const name = `E2E调整${unique()}`;

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/calendar');
    await waitForShell(page);
    await pickDate(page.getByTestId('calendar-year').locator('input'), String(year));
    await visible(page.getByTestId('calendar-covered').getByText('无全年数据'));

    await page.getByRole('button', { name: '添加调整' }).click();
    const dialog = page.getByRole('dialog');
    await pickDate(dialog.getByLabel('日期'), date);
    await dialog.getByText('工作日', { exact: true }).click();
    expect(await dialog.getByRole('radio', { name: '工作日', exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: name });
    await visible(row);
    expect(await row.textContent()).toContain(date);
    expect(await row.textContent()).toContain('手工调整');
    const isWorking = await suite.admin.get<{ workingDay: boolean }>(`/api/calendar/is-working-day?date=${date}`);
    expect(isWorking.workingDay).toBe(true);

    await row.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '删除' }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '标记本年数据已完整' }).click();
    await visible(page.getByTestId('calendar-covered').getByText('已有全年数据'));
    await page.getByRole('button', { name: '取消完整标记' }).click();
    await visible(page.getByTestId('calendar-covered').getByText('无全年数据'));
    await context.close();
  });
});

describe('edit dialogs', () => {
  it('open with the record being edited each time, not the one edited before', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/orgs');
    await waitForShell(page);
    const dialog = page.getByRole('dialog');
    for (const name of ['涟水县市场监督管理局', '盱眙县市场监督管理局', '涟水县市场监督管理局']) {
      await page.getByRole('row').filter({ hasText: name }).first().getByRole('button', { name: '编辑' }).click();
      await visible(dialog);
      // the browser asks for reduced motion: the dialog opens without zooming in
      expect(await dialog.getAttribute('class')).not.toContain('ant-zoom');
      expect(await dialog.getByLabel('机构名称').inputValue()).toBe(name);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await context.close();
  });
});
