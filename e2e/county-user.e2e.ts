/** Journey: admin creates a county user in the UI; that user sees only the county's orgs. */
import { expect, it } from 'vitest';
import type { Org } from './support/api';
import { choose, loginThroughUi, menuItem, openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

it('a county user created through the UI sees only the orgs of its county', async () => {
  const orgs = await suite.admin.orgs();
  const lianshui = orgs.find((o) => o.type === 'county_bureau' && o.regionCode === '320826') as Org;
  const xuyi = orgs.find((o) => o.type === 'county_bureau' && o.regionCode === '320830') as Org;
  expect(lianshui, 'county bureau of 涟水县').toBeDefined();
  expect(xuyi, 'county bureau of 盱眙县').toBeDefined();

  const username = `e2e_ls_${unique()}`;
  const displayName = `涟水测试${username.slice(-5)}`;

  const { context, page } = await openPage(suite.browser, suite.admin);
  await page.goto('/');
  await waitForShell(page);
  await menuItem(page, '用户').click();
  await page.waitForURL('**/users');
  await page.getByRole('button', { name: '新建用户' }).click();

  const dialog = page.getByRole('dialog');
  await visible(dialog.getByText('新建用户'));
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill(displayName);
  await choose(page, dialog, '所属单位', lianshui.name);
  await choose(page, dialog, '角色', '县区局工作人员');
  await page.keyboard.press('Escape'); // close the multi-select dropdown
  await dialog.getByLabel('初始密码').fill(USER_PASSWORD);
  const mustChange = dialog.getByLabel('首次登录须修改密码');
  expect(await mustChange.isChecked()).toBe(true);
  await mustChange.uncheck();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // the new user is in the list
  await page.getByLabel('用户名 / 姓名').fill(username);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.getByRole('row').filter({ hasText: username });
  await visible(row);
  expect(await row.textContent()).toContain(lianshui.name);

  // log out, log in as the new user
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  await loginThroughUi(page, username, USER_PASSWORD);
  await waitForShell(page);
  expect(await page.getByTestId('current-user').textContent()).toContain(displayName);

  await menuItem(page, '组织机构').click();
  await page.waitForURL('**/orgs');
  const table = page.locator('.ant-table');
  await visible(table.getByRole('cell', { name: lianshui.name, exact: true }));
  expect(await page.getByText(xuyi.name).count()).toBe(0);
  expect(await page.getByText(/盱眙/).count()).toBe(0);
  await context.close();
});
