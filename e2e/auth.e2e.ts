/** Journeys: admin sign-in and the Chinese shell, wrong password, lockout, forced password change. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, type Org } from './support/api';
import { loginThroughUi, menuItem, openPage, visible, waitForShell } from './support/browser';
import { ADMIN_PASSWORD, USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();
let cityBureau: Org;

beforeAll(async () => {
  cityBureau = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
  expect(cityBureau).toBeDefined();
});

describe('sign-in', () => {
  it('admin signs in and sees the Chinese shell', async () => {
    const { context, page } = await openPage(suite.browser);
    await loginThroughUi(page, 'admin', ADMIN_PASSWORD);
    await waitForShell(page);

    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('app-name').textContent()).resolves.toBe('质监监管平台');
    const who = await page.getByTestId('current-user').textContent();
    expect(who).toContain(suite.admin.user!.displayName);
    expect(who).toContain(suite.admin.user!.orgName);
    for (const item of ['首页', '工作日历', '组织机构', '用户', '角色', 'API 密钥', '审计日志']) {
      await visible(menuItem(page, item));
    }
    await visible(page.getByText('系统管理', { exact: true }));
    await visible(page.getByRole('button', { name: '退出登录' }));
    await visible(page.getByRole('button', { name: '修改密码' }));
    const welcome = page.getByTestId('welcome-card');
    await visible(welcome);
    expect(await welcome.textContent()).toContain(suite.admin.user!.orgName);
    await context.close();
  });

  it('a wrong password shows the server error and stays on the login page', async () => {
    const username = `e2e_wrong_${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: cityBureau.id, roles: ['city_officer'] });

    const { context, page } = await openPage(suite.browser);
    expect(await loginThroughUi(page, username, 'Not-the-password-1')).toBe(401);
    const error = page.getByTestId('login-error');
    await visible(error);
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('five failures lock the account; then even the right password shows the locked message', async () => {
    const username = `e2e_lock_${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: cityBureau.id, roles: ['city_officer'] });

    const { context, page } = await openPage(suite.browser);
    const error = page.getByTestId('login-error');
    for (let i = 1; i <= 5; i++) {
      expect(await loginThroughUi(page, username, `Wrong#Password${i}`), `attempt ${i}`).toBe(401);
      await visible(error.getByText('用户名或密码错误'));
    }
    expect(await loginThroughUi(page, username, USER_PASSWORD)).toBe(423);
    await visible(error.getByText(/账户已锁定/));
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});

describe('forced password change', () => {
  it('a must-change user is sent to /password, changes it and reaches the home page', async () => {
    const username = `e2e_must_${unique()}`;
    const newPassword = 'Changed#2026pw';
    await suite.admin.createUser({
      username,
      password: USER_PASSWORD,
      orgId: cityBureau.id,
      roles: ['city_officer'],
      mustChangePassword: true,
    });

    const { context, page } = await openPage(suite.browser);
    await loginThroughUi(page, username, USER_PASSWORD);
    await page.waitForURL('**/password');
    await visible(page.getByText('首次登录或密码已被重置，请先修改密码。'));

    // going elsewhere before changing it leads back to /password
    await page.goto('/users');
    await page.waitForURL('**/password');

    await page.getByLabel('当前密码').fill(USER_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill('Mismatch#2026pw');
    await page.getByRole('button', { name: '确认修改' }).click();
    await visible(page.getByText('两次输入的新密码不一致'));

    await page.getByLabel('确认新密码').fill(newPassword);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visible(page.getByTestId('welcome-card'));

    // the new password works, the old one does not, and no change is demanded any more
    const session = await ApiSession.login(username, newPassword);
    expect(session.user!.mustChangePassword).toBe(false);
    await expect(ApiSession.login(username, USER_PASSWORD)).rejects.toMatchObject({ status: 401 });
    await context.close();
  });
});
