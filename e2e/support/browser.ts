/** Chromium (Debian's) through playwright-core, pages, and UI helpers shared by the journeys. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import type { ApiSession } from './api';
import { BASE_URL } from './env';

const ARTIFACTS = path.resolve('.e2e');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (own cookies and localStorage) and page; signed in as `session` when given.
 * On failure of the current test a screenshot is written to .e2e/.
 * The browser runs in Honolulu time (UTC−10), whose date differs from China's for 18 hours a day,
 * so a screen that takes "today" from the browser's clock instead of China's fails here.
 * It asks for reduced motion, which the app honours by turning antd's animations off: a click on
 * a dialog's button while the dialog still zooms in could miss it on a loaded machine.
 */
export async function openPage(browser: Browser, session?: ApiSession): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Pacific/Honolulu',
    reducedMotion: 'reduce',
  });
  if (session) {
    const cookie = session.sessionCookie;
    if (!cookie) throw new Error('the API session has no zj_session cookie');
    await context.addCookies([{ ...cookie, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const testName = expect.getState().currentTestName ?? 'test';
  onTestFailed(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${testName.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 80)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot: ${file} (url ${page.url()})`);
  });
  return { context, page };
}

/** Waits until the locator is visible (fails the test after the page's default timeout). */
export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Signs in through the login form; resolves with the HTTP status of the login call once it is answered. */
export async function loginThroughUi(page: Page, username: string, password: string): Promise<number> {
  if (new URL(page.url(), BASE_URL).pathname !== '/login') await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login');
  await page.getByRole('button', { name: '登录' }).click();
  return (await answered).status();
}

export const sideMenu = (page: Page) => page.getByTestId('side-menu');
/** A side-menu item by its exact visible text (icons carry aria-labels, so match the text). */
export const menuItem = (page: Page, text: string) =>
  sideMenu(page)
    .getByRole('menuitem')
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });

/** Waits for the shell to be rendered (header and menu). */
export async function waitForShell(page: Page): Promise<void> {
  await visible(page.getByTestId('app-name'));
  await visible(sideMenu(page).getByRole('menuitem').first());
}

/** Picks an option of an antd Select (inside `scope`, e.g. the open dialog) by typing and clicking it. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label).click();
  await scope.getByLabel(label).fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Types a date into an antd DatePicker; Tab commits it (Enter would also submit a surrounding form). */
export async function pickDate(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(value);
}

/** Clicks the dialog's save button and waits for the call that `path` and `method` name. */
export async function saveDialog(page: Page, path: RegExp, method: string, status: number): Promise<unknown> {
  const dialog = page.getByRole('dialog');
  const answered = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method);
  await dialog.getByRole('button', { name: '保存' }).click();
  const response = await answered;
  expect(response.status()).toBe(status);
  await dialog.waitFor({ state: 'hidden' });
  return response.json();
}
