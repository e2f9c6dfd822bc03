/**
 * Issue 12 item 8: an inspector's checklist answers survive a reload without 暂存 (saved as a
 * draft on their own, kept on the device while offline), leaving with unsaved answers asks
 * first, and a photo taken for a question stays on that question.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../web/src/api/types';
import { ApiSession } from './support/api';
import { openPage, visible } from './support/browser';
import { USER_PASSWORD } from './support/env';
import { CHECKLIST, TINY_PNG, seedDrawnTasks } from './support/inspection-tasks';
import { useSuite } from './support/suite';

type Task = ResponseOf<'/api/inspection-tasks/{id}', 'get'>;

const suite = useSuite();
const COUNTY = '320826';

const question = (page: Page, key: string) => page.getByTestId(`question-${key}`);
const chosen = (page: Page, key: string) => question(page, key).locator('.ant-radio-button-wrapper-checked');
const autosaveStatus = (page: Page, text: string) => visible(page.getByTestId('autosave-status').filter({ hasText: text }));

/** A drawn task, and its first inspector signed in through the API. */
async function inspectorTask() {
  const seed = await seedDrawnTasks(suite.admin, COUNTY, 1);
  const session = await ApiSession.login(seed.inspectors[0]!.username, USER_PASSWORD);
  const task = seed.tasks.find((t) => t.inspectorIds.includes(seed.inspectors[0]!.id))!;
  return { task, session };
}

describe('checklist autosave', () => {
  it('keeps answers across a reload without 暂存, and a question’s photo on that question', async () => {
    const { task, session } = await inspectorTask();
    const { page } = await openPage(suite.browser, session);
    await page.goto(`/inspection-tasks/${task.id}`);
    await visible(page.getByTestId('task-checklist'));

    await question(page, CHECKLIST.licence.key).getByText('否', { exact: true }).click();
    await question(page, CHECKLIST.staff.key).getByRole('spinbutton').fill('12');
    await autosaveStatus(page, '已自动暂存');
    await page.reload();
    await visible(page.getByTestId('task-checklist'));
    expect(await chosen(page, CHECKLIST.licence.key).innerText()).toBe('否');
    expect(await question(page, CHECKLIST.staff.key).getByRole('spinbutton').inputValue()).toBe('12');

    // a photo for the photo question, then a reload at once (the leave prompt, if still shown, is accepted)
    page.on('dialog', (dialog) => void dialog.accept());
    const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/photos') && r.request().method() === 'POST');
    await question(page, CHECKLIST.photo.key).locator('input[type=file]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: TINY_PNG });
    const photo = (await (await uploaded).json()) as { id: string; questionKey: string };
    expect(photo.questionKey).toBe(CHECKLIST.photo.key);
    await visible(question(page, CHECKLIST.photo.key).getByTestId('task-photo'));
    await page.reload();
    await visible(page.getByTestId('task-checklist'));
    await visible(question(page, CHECKLIST.photo.key).getByTestId('task-photo'));
    const saved = await session.get<Task>(`/api/inspection-tasks/${task.id}`);
    expect(saved.answers[CHECKLIST.photo.key]?.value).toEqual([photo.id]);
    expect(saved.answers[CHECKLIST.licence.key]?.value).toBe(false);
  });

  it('offline: keeps the answers on the device, asks before leaving, and saves them when back', async () => {
    const { task, session } = await inspectorTask();
    const { context, page } = await openPage(suite.browser, session);
    await page.goto(`/inspection-tasks/${task.id}`);
    await visible(page.getByTestId('task-checklist'));

    await context.setOffline(true);
    await question(page, CHECKLIST.records.key).getByText('是', { exact: true }).click();
    await autosaveStatus(page, '网络未连接');

    // leaving inside the app asks first; staying keeps the page
    await page.getByTestId('task-header').getByRole('button', { name: '返回我的检查任务' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '回答尚未暂存' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '留在本页' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/inspection-tasks/${task.id}`);

    // closing the tab asks too: the page cancels beforeunload while an answer is only on the device
    // (dispatched here rather than through a real tab close, which headless chromium may answer by
    // tearing the whole context down)
    const cancelled = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(cancelled).toBe(true);
    const again = await context.newPage();
    again.setDefaultTimeout(15_000);
    await page.close();
    expect((await session.get<Task>(`/api/inspection-tasks/${task.id}`)).answers[CHECKLIST.records.key]?.value ?? null).toBeNull();

    // back online, the task opened again on this device: the answer is restored and saved
    await context.setOffline(false);
    await again.goto(`/inspection-tasks/${task.id}`);
    await visible(again.getByText('已恢复本机上未暂存的回答'));
    expect(await chosen(again, CHECKLIST.records.key).innerText()).toBe('是');
    await autosaveStatus(again, '已自动暂存');
    expect((await session.get<Task>(`/api/inspection-tasks/${task.id}`)).answers[CHECKLIST.records.key]?.value).toBe(true);
  });

  it('the browser’s Back button asks too with an unsaved answer: 留在本页 keeps it, 离开 leaves', async () => {
    const { task, session } = await inspectorTask();
    const { context, page } = await openPage(suite.browser, session);
    // the inspector's list, then the task through the app: Back returns to an entry of the app
    await page.goto('/my-inspection-tasks');
    await page.locator(`a[href="/inspection-tasks/${task.id}"]`).click();
    await visible(page.getByTestId('task-checklist'));

    await context.setOffline(true);
    await question(page, CHECKLIST.records.key).getByText('是', { exact: true }).click();
    await autosaveStatus(page, '网络未连接');

    const dialog = page.getByRole('dialog').filter({ hasText: '回答尚未暂存' });
    await page.goBack({ waitUntil: 'commit' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '留在本页' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/inspection-tasks/${task.id}`);
    expect(await chosen(page, CHECKLIST.records.key).innerText()).toBe('是');

    await page.goBack({ waitUntil: 'commit' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '离开' }).click();
    await page.waitForURL('**/my-inspection-tasks');
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });
});
