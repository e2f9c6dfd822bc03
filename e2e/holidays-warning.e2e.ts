/** Issue 12 item 5: from 1 November (in China), the calendar page and the administrators' home page warn when next year's holidays are missing. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, visible, waitForShell } from './support/browser';
import { useSuite } from './support/suite';

const suite = useSuite();

/** 31 October 2026, 23:30 in China, and half an hour later: 1 November. */
const LAST_OF_OCTOBER = new Date('2026-10-31T15:30:00Z');
const FIRST_OF_NOVEMBER = new Date('2026-10-31T16:30:00Z');

/** The calendar's years as the server answers them, with 2027 taken out (`missing`) or put in. */
async function yearsWith2027(page: Page, present: boolean) {
  await page.unroute('**/api/calendar/years');
  await page.route('**/api/calendar/years', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { items: { year: number; source: string }[]; total: number };
    const items = body.items.filter((y) => y.year !== 2027);
    if (present) items.push({ year: 2027, source: 'manual' });
    await route.fulfill({ response, json: { items, total: items.length } });
  });
}

/** Opens `path` and waits for the calendar's years to be answered and drawn. */
async function open(page: Page, path: string) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/calendar/years');
  await page.goto(path);
  await waitForShell(page);
  await answered;
  await page.waitForLoadState('networkidle');
}

const warning = (page: Page) => page.getByTestId('next-year-holidays-missing');

describe('next year’s holidays', () => {
  it('are asked for from 1 November on the calendar page and the administrator’s home page, not before, and not once loaded', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    await yearsWith2027(page, false);

    await page.clock.setFixedTime(LAST_OF_OCTOBER);
    for (const path of ['/', '/calendar']) {
      await open(page, path);
      expect(await warning(page).count(), `${path} on 31 October`).toBe(0);
    }

    await page.clock.setFixedTime(FIRST_OF_NOVEMBER);
    await open(page, '/');
    await visible(warning(page).getByText('尚未载入 2027 年的节假日安排'));
    await visible(warning(page).getByRole('link', { name: /前往工作日历录入/ }));
    await open(page, '/calendar');
    await visible(warning(page).getByText('尚未载入 2027 年的节假日安排'));
    await visible(warning(page).getByText(/国务院办公厅公布安排后/));

    await yearsWith2027(page, true);
    for (const path of ['/', '/calendar']) {
      await open(page, path);
      expect(await warning(page).count(), `${path} with 2027 loaded`).toBe(0);
    }
    await context.close();
  });
});
