/** Helpers of the complaints journeys (issue 17): filing through the public API, the officer's action dialogs, the reporter's tracking page. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiCallError } from './api';
import { visible } from './browser';
import { BASE_URL } from './env';

/**
 * A button's accessible name as a pattern: antd puts a space between the two characters of a
 * two-character Chinese label (受 理), so the characters may be separated by white space.
 */
export const buttonName = (text: string) => new RegExp(`^\\s*${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);

/** The input inside a locator (itself when it is one): antd puts test ids on wrappers or on inputs. */
export const inputOf = (locator: Locator) => locator.locator('xpath=self::input|self::textarea|.//input|.//textarea').first();

/** A fake reporter: a name nobody else uses in the run and a phone 138 0000 xxxx. */
export function fakeReporter(): { name: string; phone: string } {
  const given = '明华建国志海文斌俊峰庆林春梅德成';
  const pick = () => given[Math.floor(Math.random() * given.length)]!;
  return { name: `欧阳${pick()}${pick()}`, phone: `1380000${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}` };
}

/** Files an item as the public does, through `POST /api/public/complaints` (JSON); answers the tracking number and access code. */
export async function fileComplaint(input: Record<string, unknown>): Promise<{ trackingNo: string; accessCode: string }> {
  const res = await fetch(`${BASE_URL}/api/public/complaints`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body: unknown = await res.json();
  if (res.status !== 201) throw new ApiCallError(res.status, body, 'POST /api/public/complaints');
  return body as { trackingNo: string; accessCode: string };
}

/** On the officer's list: finds the item by its tracking number and opens it. */
export async function openFromList(page: Page, trackingNo: string): Promise<void> {
  await page.goto(`/complaints?q=${encodeURIComponent(trackingNo)}`);
  const row = page.locator('.ant-table-row').filter({ hasText: trackingNo });
  await visible(row);
  await row.first().click();
  await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
  await visible(page.getByTestId('complaint-header').getByText(trackingNo));
}

/** In an open dialog: picks a radio of the form item labelled `label`. */
export async function pickRadio(dialog: Locator, label: string, option: string): Promise<void> {
  await dialog.locator('.ant-form-item').filter({ hasText: label }).getByText(option, { exact: true }).click();
}

/**
 * On the item's page: runs one action through its dialog — opens it with its button, lets `fill`
 * fill the form, confirms with the dialog's button of the same name and waits for the answer
 * (200) of `POST /api/complaints/:id/actions`; answers the item as the server returned it.
 */
export async function act(page: Page, action: string, label: string, fill: (dialog: Locator) => Promise<void> = async () => undefined): Promise<{ status: string }> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog);
  await fill(dialog);
  const answered = page.waitForResponse((r) => /\/api\/complaints\/[^/]+\/actions$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: buttonName(label) }).click();
  const response = await answered;
  expect(response.status(), await response.text()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
  return (await response.json()) as { status: string };
}

/** The reporter's tracking page (no sign-in): types the number and the code, asks, and waits for the item. */
export async function track(page: Page, trackingNo: string, accessCode: string): Promise<Locator> {
  await page.goto('/public/complaints/track');
  const form = page.getByTestId('track-form');
  await form.getByLabel('受理编号').fill(trackingNo);
  await form.getByLabel('查询码').fill(accessCode);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/public/complaints/${trackingNo}` && r.request().method() === 'GET');
  await form.getByRole('button', { name: buttonName('查询') }).click();
  expect((await answered).status()).toBe(200);
  const item = page.getByTestId('track-item');
  await visible(item);
  return item;
}
