/** Journeys: the menu follows the user's permissions, 403 page, language switch. */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { menuItem, openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

describe('roles', () => {
  it('names every permission in the new-role dialog, none by its key alone', async () => {
    const { items: permissions } = await suite.admin.get<{ items: { key: string }[] }>('/api/permissions');
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/roles');
    await waitForShell(page);
    await page.getByRole('button', { name: '新建角色' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('实施检查、登记检查结果'));
    // Each permission shows its label and then, in grey, its key: a missing label shows the key twice.
    const text = (await dialog.textContent())!;
    expect(permissions.filter((p) => text.split(p.key).length !== 2).map((p) => p.key)).toEqual([]);
    await context.close();
  });
});

describe('menu by role', () => {
  it('admin sees the administration items', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    await waitForShell(page);
    await visible(menuItem(page, '审计日志'));
    await visible(menuItem(page, '用户'));
    await menuItem(page, '审计日志').click();
    await page.waitForURL('**/audit');
    await visible(page.getByRole('button', { name: '校验完整性' }));
    await context.close();
  });

  it('a county officer does not see audit, roles or API keys, and /audit shows the 403 page', async () => {
    const bureau = await suite.admin.countyBureau('320826');
    const username = `e2e_county_${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(username, USER_PASSWORD);

    const { context, page } = await openPage(suite.browser, officer);
    await page.goto('/');
    await waitForShell(page);
    await visible(menuItem(page, '首页'));
    await visible(menuItem(page, '组织机构'));
    for (const hidden of ['审计日志', '角色', 'API 密钥']) {
      expect(await menuItem(page, hidden).count(), hidden).toBe(0);
    }

    await page.goto('/audit');
    await visible(page.getByTestId('page-403'));
    expect(new URL(page.url()).pathname).toBe('/audit');
    await visible(page.getByText('无权访问'));

    await page.goto('/no-such-page');
    await visible(page.getByTestId('page-404'));
    await context.close();
  });
});

describe('language', () => {
  it('switching to English shows the English menu, and the choice survives a reload', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    await waitForShell(page);
    await page.getByRole('button', { name: 'English' }).click();
    for (const item of ['Home', 'Organizations', 'Users', 'Roles', 'API keys', 'Audit log', 'Work calendar']) {
      await visible(menuItem(page, item));
    }
    await visible(page.getByRole('button', { name: 'Log out' }));

    await page.reload();
    await waitForShell(page);
    await visible(menuItem(page, 'Audit log'));
    expect(await menuItem(page, '审计日志').count()).toBe(0);

    await page.getByRole('button', { name: '中文' }).click();
    await visible(menuItem(page, '审计日志'));
    await context.close();
  });
});
