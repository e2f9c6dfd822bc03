/**
 * Issue 20, "Done means": a department system's batch check through an API key. The administrator
 * makes the department's key on the API-keys page (shown once); the department's system checks a
 * batch with it — answered in the order asked, a malformed code per item, an enterprise of another
 * county found — reports back what it did, and the check is in the audit log the administrator reads.
 */
import { expect, it } from 'vitest';
import { type Org, callWithKey } from './support/api';
import { openPage, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

interface CheckItem {
  uscc: string;
  error?: string;
  found: boolean;
  class: string | null;
  listed: boolean;
  restrictions: { code: string; legalBasis: string; until: string | null }[];
}

it('a county department’s system checks a batch with the key made on the keys page, reports back, and the check is audited', async () => {
  const department = await suite.admin.post<Org>('/api/orgs', { name: `淮安市淮阴区公共资源交易中心${unique()}`, type: 'department', regionCode: '320804' });
  const elsewhere = await suite.admin.createEnterprise({ name: `核查${unique()}有限公司`, regionCode: '320826' });
  const home = await suite.admin.createEnterprise({ name: `核查${unique()}有限公司`, regionCode: '320804' });

  // the key, made in the browser and shown once
  const { context, page } = await openPage(suite.browser, suite.admin);
  await page.goto('/keys');
  await waitForShell(page);
  await page.getByRole('button', { name: '新建密钥' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('所属单位').click();
  await dialog.getByLabel('所属单位').fill(department.name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: department.name }).first().click();
  await dialog.getByLabel('名称').fill('交易系统联合惩戒核查');
  await dialog.getByRole('button', { name: '新建' }).click();
  const shown = page.getByTestId('created-api-key');
  await visible(shown);
  const key = (await shown.textContent())?.trim() ?? '';
  await page.getByRole('dialog', { name: 'API 密钥已创建' }).getByRole('button', { name: '关闭' }).click();

  // the department's system: one batch, answered in order, the malformed code per item
  const usccs = [elsewhere.uscc, 'NOT-A-USCC', home.uscc.toLowerCase(), elsewhere.uscc];
  const { items } = await callWithKey<{ items: CheckItem[] }>(key, 'POST', '/api/credit/check', { usccs });
  expect(items.map((i) => i.uscc)).toEqual([elsewhere.uscc, 'NOT-A-USCC', home.uscc, elsewhere.uscc]);
  expect(items.map((i) => i.found)).toEqual([true, false, true, true]);
  expect(items[1]).toEqual({ uscc: 'NOT-A-USCC', error: 'USCC_FORMAT', found: false, class: null, listed: false, restrictions: [] });
  const codes = await callWithKey<{ items: { code: string }[] }>(key, 'GET', '/api/credit/restrictions');
  expect(codes.items.map((r) => r.code)).toEqual(['licensing', 'bidding', 'procurement', 'construction', 'public_resources', 'honours']);
  const matter = `JY-${unique()}`;
  const feedback = await callWithKey<{ matter: string; orgName: string }>(key, 'POST', '/api/credit/feedback', { uscc: elsewhere.uscc, restriction: 'public_resources', action: 'not_applicable', matter, actedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) });
  expect(feedback).toMatchObject({ matter, orgName: department.name });

  // the administrator finds the check in the audit log
  await page.goto('/audit');
  await waitForShell(page);
  await page.locator('#search_action').fill('credit.checked');
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'credit.checked' }).first();
  await visible(row);
  expect(await row.textContent()).toContain('交易系统联合惩戒核查');
  await context.close();
});
