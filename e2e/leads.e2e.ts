/** Journey through an unlicensed-operation lead: file it, assign it, close it with a result, see its status. */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, menuItem, openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

/** Clicks the dialog's OK button and waits for the POST to `pathEnd` to be answered with `status`. */
async function submit(page: Page, dialog: Locator, pathEnd: string, status: number, button = '确定'): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(pathEnd) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: button }).click();
  expect((await answered).status()).toBe(status);
  await dialog.waitFor({ state: 'hidden' });
}

describe('unlicensed-operation leads', () => {
  it('admin files a lead, assigns it to a county officer, closes it with a result and sees it closed', async () => {
    const bureau = await suite.admin.countyBureau('320826');
    const officer = await suite.admin.createUser({ username: `lead${unique()}`, password: USER_PASSWORD, displayName: `承办${unique()}`, orgId: bureau.id, roles: ['county_officer'] });
    const operator = `无证充装点${unique()}`;
    const result = `已立案查处，案号淮市监案〔2026〕${unique()}号`;

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    await waitForShell(page);
    await menuItem(page, '无证无照线索').click();
    await page.waitForURL('**/unlicensed-leads');

    // file: no USCC, a licence type, the place in 涟水县
    await page.getByRole('button', { name: '登记线索' }).click();
    const form = page.getByRole('dialog', { name: '登记线索' });
    await form.getByLabel('经营者名称').fill(operator);
    await choose(page, form, '所在行政区划', '涟水县');
    await choose(page, form, '应取得的许可证', '特种设备生产许可证（充装）');
    await form.getByLabel('经营地址').fill('涟水县红窑镇某村 8 号');
    await form.getByLabel('线索来源').fill('投诉举报');
    await form.getByLabel('线索内容').fill('群众举报其未取得许可擅自充装液化石油气');
    await submit(page, form, '/api/unlicensed-leads', 201, '保存');

    // the new lead opens in the drawer, open and unassigned, with the county bureau as competent bureau
    const drawer = page.getByRole('dialog', { name: '线索详情' });
    const fields = drawer.getByTestId('lead-fields');
    await visible(fields.getByText(operator));
    await visible(fields.getByText('待处理'));
    expect(await fields.textContent()).toContain(bureau.name);

    await drawer.getByRole('button', { name: '指派' }).click();
    const assign = page.getByRole('dialog', { name: '指派' });
    await choose(page, assign, '承办人', officer.username);
    await submit(page, assign, '/assign', 200);
    await visible(fields.getByText('已指派'));
    await visible(fields.getByText(officer.displayName));

    await drawer.getByRole('button', { name: '办结' }).click();
    const close = page.getByRole('dialog', { name: '办结' });
    await choose(page, close, '办结结果', '已立案');
    await close.getByLabel('处理情况').fill(result);
    await submit(page, close, '/close', 200);
    await visible(fields.getByText('已办结'));
    await visible(fields.getByText(result));
    expect(await drawer.getByRole('button', { name: '办结' }).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: /指派|改派/ }).count()).toBe(0);
    await drawer.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // the list shows the status and the outcome
    const row = page.getByRole('row').filter({ hasText: operator });
    await visible(row.getByText('已办结'));
    expect(await row.textContent()).toContain('已立案');
    expect(await row.textContent()).toContain(officer.displayName);
    await context.close();
  });
});
