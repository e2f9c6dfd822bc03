/**
 * Issue 12 item 13, the rough edges: password rules shown before the first failure, no white
 * frame around pages, numbers and dates on one line, a phone's menu button beside the title
 * (not over the page), plain wording, and a welcome that names only modules that exist.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, type Org } from './support/api';
import { loginThroughUi, menuItem, openPage, sideMenu, visible } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { seedPlannedTasks } from './support/inspection-tasks';
import { useSuite } from './support/suite';
import { randomUscc } from './support/uscc';

const suite = useSuite();
let cityBureau: Org;
beforeAll(async () => {
  cityBureau = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
});

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
};
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const bodyMargin = (page: Page) => page.evaluate(() => getComputedStyle(document.body).margin);

describe('rough edges', () => {
  it('shows the password rules before anything is typed, and ticks them off while typing', async () => {
    const username = `e2e_rules_${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: cityBureau.id, roles: ['city_officer'], mustChangePassword: true });
    const { page } = await openPage(suite.browser);
    await page.goto('/login');
    expect(await bodyMargin(page)).toBe('0px');
    await loginThroughUi(page, username, USER_PASSWORD);
    await page.waitForURL('**/password');
    const rules = page.getByTestId('password-rules');
    await visible(rules);
    expect(await rules.innerText()).toContain('长度 10–128 位');
    expect(await rules.innerText()).toContain('包含大写字母、小写字母、数字、符号四类中的至少 3 类');
    expect(await rules.locator('[data-met="true"]').count()).toBe(0);
    await page.getByLabel('新密码', { exact: true }).fill('abcdefghijkl');
    await visible(rules.locator('[data-met="true"]'));
    expect(await rules.locator('[data-met="true"]').count()).toBe(1); // long enough, one class only
    await page.getByLabel('新密码', { exact: true }).fill('Abcdefghij#1');
    await rules.locator('[data-met="false"]').waitFor({ state: 'detached' });

    // the administrator's new-user form shows them too, before the password is typed
    const admin = await openPage(suite.browser, suite.admin);
    await admin.page.goto('/users');
    await admin.page.getByRole('button', { name: '新建' }).first().click();
    const dialog = admin.page.getByRole('dialog');
    await visible(dialog.getByTestId('password-rules'));
    expect(await dialog.getByTestId('password-rules').innerText()).toContain('长度 10–128 位');
  });

  it('on a phone: no page frame, the menu button sits in the header beside the title, numbers and dates do not wrap', async () => {
    const u = unique();
    const county = await suite.admin.countyBureau('320826');
    const enterprise = await suite.admin.createEnterprise({ name: `不换行检查${u}有限公司`, regionCode: '320826', uscc: randomUscc('91320826') });
    const number = `XK13-${u.slice(-3)}-2026-00042`;
    await suite.admin.issueLicence(enterprise.uscc, number);
    const officer = await suite.admin.createUser({ username: `e2e_phone_${u}`, password: USER_PASSWORD, orgId: county.id, roles: ['county_officer'] });
    const { page } = await openPage(suite.browser, await ApiSession.login(officer.username, USER_PASSWORD));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/licences');
    await page.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator('tr', { hasText: number });
    await visible(row);
    expect(await bodyMargin(page)).toBe('0px');

    // the menu button is in the header, beside the system's name, and covers nothing of the page
    expect(await page.locator('.ant-layout-sider-zero-width-trigger').count()).toBe(0);
    const button = page.getByTestId('menu-button');
    const header = await box(page.locator('.ant-layout-header'));
    const buttonBox = await box(button);
    expect(buttonBox.y + buttonBox.height).toBeLessThanOrEqual(header.y + header.height);
    expect(overlaps(buttonBox, await box(page.getByTestId('app-name')))).toBe(false);
    const pageTitle = page.locator('.ant-card-head-title').first();
    expect(overlaps(buttonBox, await box(pageTitle))).toBe(false);
    expect(overlaps(buttonBox, await box(page.locator('.ant-layout-content')))).toBe(false);

    // a licence number and a date stay on one line (one line high) in the narrow table
    for (const text of [number, '2024-03-01']) {
      const cell = row.locator('td', { hasText: text }).first();
      expect(await cell.evaluate((el) => getComputedStyle(el).whiteSpace), text).toBe('nowrap');
      // the height of the cell's content (not its padding): one line
      const { height, lineHeight } = await cell.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { height: range.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) };
      });
      expect(height, text).toBeLessThan(lineHeight * 1.5);
    }

    // the menu opens over the page from the button and closes once a page is chosen
    await button.click();
    await menuItem(page, '企业名录').click();
    await page.waitForURL('**/enterprises**');
    await page.locator('.ant-layout-sider-collapsed').waitFor({ state: 'attached' });
  });

  it('counts checklist items as 检查内容, says 不限期间, and welcomes with only modules that exist', async () => {
    const seed = await seedPlannedTasks(suite.admin, '320826', 1);
    const { page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    const welcome = page.getByTestId('welcome-card');
    await visible(welcome);
    const intro = await welcome.innerText();
    // the welcome names the lines of work there are, each a group of the administrator's menu, and none still to come
    for (const absent of ['计量', '标准化']) expect(intro).not.toContain(absent);
    const menu = await sideMenu(page).innerText();
    for (const [named, group] of [
      ['市场主体与许可', '市场主体'],
      ['“双随机、一公开”抽查', '双随机抽查'],
      ['特种设备', '特种设备'],
      ['投诉举报', '投诉举报'],
      ['执法办案', '执法办案'],
      ['产品质量监督抽查', '产品质量监督抽查'],
      ['质量信用', '质量信用'],
      ['系统管理', '系统管理'],
    ]) {
      expect(intro).toContain(named);
      expect(menu, group).toContain(group);
    }

    await page.goto('/inspection-items');
    await page.getByLabel('名称 / 检查依据').fill(seed.item.name);
    await page.getByRole('button', { name: '查询' }).click();
    await visible(page.locator('tr', { hasText: seed.item.name }).getByText('4 项检查内容'));
    // the seeded inspectors have no period limits
    await page.goto('/inspectors');
    await visible(page.locator('tr').getByText('不限期间', { exact: true }));
    expect(await page.locator('body').innerText()).not.toContain('一直可以');
  });
});
