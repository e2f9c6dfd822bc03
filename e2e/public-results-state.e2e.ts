/** Issue 12 item 7 on the public results list: its search and page are kept in the URL, so a reload or Back returns to them. */
import { expect, it } from 'vitest';
import { openPage, visible } from './support/browser';
import { useSuite } from './support/suite';
import { randomUscc } from './support/uscc';

const suite = useSuite();

it('the public inspection results keep their search in the URL across a reload', async () => {
  const { context, page } = await openPage(suite.browser);
  const answer = (test: (u: URL) => boolean) => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/public/inspection-results' && test(new URL(r.url())));
  let answered = answer(() => true);
  await page.goto('/public/inspection-results');
  await answered;

  const uscc = randomUscc();
  await page.getByLabel('统一社会信用代码').fill(uscc.toLowerCase());
  await page.getByLabel('年度').fill('2026');
  answered = answer((u) => u.searchParams.get('uscc') === uscc && u.searchParams.get('year') === '2026');
  await page.getByRole('button', { name: '查询' }).click();
  await answered;
  const url = new URL(page.url());
  expect(url.searchParams.get('uscc')).toBe(uscc);
  expect(url.searchParams.get('year')).toBe('#2026');

  answered = answer((u) => u.searchParams.get('uscc') === uscc && u.searchParams.get('year') === '2026' && u.searchParams.get('page') === '1');
  await page.reload();
  await answered;
  await visible(page.getByTestId('public-inspection-results'));
  expect(await page.getByLabel('统一社会信用代码').inputValue()).toBe(uscc);
  expect(await page.getByLabel('年度').inputValue()).toBe('2026');
  await context.close();
});
