/** Helpers of the enterprise-account journeys (issue 15): a phone-sized page, screenshots, an open rectification order. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ApiSession } from './api';
import { openPage } from './browser';
import { USER_PASSWORD } from './env';
import { CHECKLIST, seedDrawnTasks, type InspectionSeed } from './inspection-tasks';
import { ApiSession as Session } from './api';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

/** openPage on a phone-sized screen (390×844). */
export async function openPhonePage(browser: Browser, session?: ApiSession) {
  const opened = await openPage(browser, session);
  await opened.page.setViewportSize(PHONE);
  return opened;
}

/**
 * With E2E_SHOTS_DIR set, screenshots of the page as it is, on a phone and on a desktop
 * (`<name>-phone.png`, `<name>-desktop.png`); the page is left at the phone's size.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
}

/** Today in China (UTC+8), as YYYY-MM-DD. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A county's drawn task for one enterprise, checked by an inspector with a "no" (a finding) and a
 * rectification order issued: the order is open, waiting for the enterprise's report.
 */
export async function seedOpenOrder(admin: ApiSession, regionCode: string): Promise<InspectionSeed & { taskId: string; requirements: string }> {
  const seed = await seedDrawnTasks(admin, regionCode, 1);
  const task = seed.tasks[0]!;
  const inspector = await Session.login(seed.inspectors[0]!.username, USER_PASSWORD);
  await inspector.post(`/api/inspection-tasks/${task.id}/submit`, {
    answers: { [CHECKLIST.licence.key]: { value: false }, [CHECKLIST.records.key]: { value: true }, [CHECKLIST.staff.key]: { value: 3 } },
    inspectedOn: chinaToday(),
  });
  const requirements = '立即停止无证经营\n依法申领许可证';
  await inspector.post(`/api/inspection-tasks/${task.id}/rectification-orders`, { requirements, workingDays: 10 });
  return { ...seed, taskId: task.id, requirements };
}

/**
 * An enterprise's account made by an officer (or the administrator) through the API, its initial
 * password changed to USER_PASSWORD as the first sign-in asks: a session ready for the enterprise's pages.
 */
export async function enterpriseAccountSession(officer: ApiSession, uscc: string, username: string): Promise<ApiSession> {
  const { initialPassword } = await officer.post<{ initialPassword: string }>('/api/enterprise-accounts', { uscc, username, displayName: '企业联系人' });
  const first = await Session.login(username, initialPassword);
  await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: USER_PASSWORD });
  return Session.login(username, USER_PASSWORD);
}
