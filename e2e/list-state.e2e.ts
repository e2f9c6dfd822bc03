/** Lists keep their filters, sort and page in the URL (issue 12 item 7); the pager never stops at an estimated total (item 3). */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiSession, Org } from './support/api';
import { openPage, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';
import { randomUscc } from './support/uscc';

const suite = useSuite();

const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬';
/** A name fragment of this test's own: three random characters and a unique number. */
function fragment(): string {
  const pick = () => NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)]!;
  return `${pick()}${pick()}${pick()}${unique()}`;
}

/** `count` enterprises in 涟水县 whose names carry `frag`. */
async function seedEnterprises(admin: ApiSession, frag: string, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `淮安${frag}第${String(i).padStart(2, '0')}食品有限公司`;
    await admin.call('POST', '/api/enterprises', { uscc: randomUscc(), name, regionCode: '320826' });
    names.push(name);
  }
  return names;
}

const rowNames = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allTextContents();

/** Waits for the enterprise list's answer to a request matching `test`. */
const listAnswer = (page: Page, test: (url: URL) => boolean) => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises' && test(new URL(r.url())));

describe('list state in the URL', () => {
  it('Back from a detail page returns to the same filter, sort and page', async () => {
    const frag = fragment();
    await seedEnterprises(suite.admin, frag, 25);
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/enterprises');
    await waitForShell(page);

    await page.getByLabel('名称或信用代码').fill(frag);
    let answered = listAnswer(page, (u) => u.searchParams.get('q') === frag);
    await page.getByRole('button', { name: '查询' }).click();
    await answered;
    // sort by name, descending (two clicks on the header), then page 2
    answered = listAnswer(page, (u) => u.searchParams.get('sort') === 'name');
    await page.locator('.ant-table-thead th', { hasText: '企业名称' }).click();
    await answered;
    answered = listAnswer(page, (u) => u.searchParams.get('sort') === '-name');
    await page.locator('.ant-table-thead th', { hasText: '企业名称' }).click();
    await answered;
    answered = listAnswer(page, (u) => u.searchParams.get('page') === '2');
    await page.locator('.ant-pagination-item-2').click();
    await answered;
    expect(new URL(page.url()).searchParams.get('q')).toBe(frag);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-name');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    const onPage2 = await rowNames(page);
    expect(onPage2).toHaveLength(5); // 25 rows: 20 on page 1
    expect(onPage2).toEqual([...onPage2].sort().reverse());

    await page.getByRole('link', { name: onPage2[0]! }).click();
    await page.waitForURL(/\/enterprises\/[0-9A-Z]{18}$/);
    await visible(page.getByTestId('enterprise-header'));

    answered = listAnswer(page, (u) => u.searchParams.get('q') === frag && u.searchParams.get('page') === '2' && u.searchParams.get('sort') === '-name');
    await page.goBack();
    await answered;
    await visible(page.locator('.ant-table-tbody tr.ant-table-row').first());
    expect(await page.getByLabel('名称或信用代码').inputValue()).toBe(frag);
    await visible(page.locator('.ant-pagination-item-active', { hasText: '2' }));
    expect(await rowNames(page)).toEqual(onPage2);
    await visible(page.locator('.ant-table-thead th[aria-sort="descending"]', { hasText: '企业名称' }));
    await context.close();
  });

  it('pages past an estimated total while pages are full', async () => {
    const frag = fragment();
    const names = await seedEnterprises(suite.admin, frag, 45);
    const { context, page } = await openPage(suite.browser, suite.admin);
    // The server counts a result this small exactly; its answer is presented as an underestimate
    // (约 20 条), as a register past the exact-count limit can get, to see that the pager goes on.
    await page.route('**/api/enterprises?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: unknown[]; total: number; totalExact: boolean };
      if (!new URL(route.request().url()).searchParams.get('q')?.includes(frag)) return route.fulfill({ response });
      await route.fulfill({ response, json: { ...body, total: 20, totalExact: false } });
    });
    await page.goto(`/enterprises?q=${encodeURIComponent(frag)}`);
    await waitForShell(page);
    await visible(page.getByText('约 20 条'));
    const seen = await rowNames(page);
    expect(seen).toHaveLength(20);

    for (const p of [2, 3]) {
      const next = page.locator('.ant-pagination-next');
      expect(await next.getAttribute('aria-disabled')).not.toBe('true');
      const answered = listAnswer(page, (u) => u.searchParams.get('page') === String(p));
      await next.click();
      await answered;
      await visible(page.locator('.ant-pagination-item-active', { hasText: String(p) }));
      seen.push(...(await rowNames(page)));
    }
    // the short third page tells the exact total and ends the paging
    await visible(page.getByText('共 45 条'));
    expect(await page.locator('.ant-pagination-next').getAttribute('aria-disabled')).toBe('true');
    expect(new Set(seen).size).toBe(45);
    expect([...seen].sort()).toEqual([...names].sort());
    await context.close();
  });

  it('keeps the org chosen in the tree across a reload', async () => {
    const u = unique();
    const parent = await suite.admin.post<Org>('/api/orgs', { name: `淮安市检验检测中心${u}`, type: 'institution', regionCode: '320800' });
    const children: string[] = [];
    for (const name of [`检验一科${u}`, `检验二科${u}`]) {
      children.push((await suite.admin.post<Org>('/api/orgs', { name, type: 'department', regionCode: '320800', parentId: parent.id })).name);
    }
    const { context, page } = await openPage(suite.browser, suite.admin);
    const filtered = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/orgs' && new URL(r.url()).searchParams.get('parentId') === parent.id);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    /** The list's names once it shows the filtered rows (two; the whole list has more). */
    const orgNames = async () => {
      await visible(rows.filter({ hasText: children[0]! }));
      await rows.nth(2).waitFor({ state: 'detached' });
      return page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(1)').allTextContents();
    };
    await page.goto('/orgs');
    await waitForShell(page);

    let answered = filtered();
    await page.getByTestId('org-tree').getByText(parent.name, { exact: true }).click();
    await answered;
    expect(new URL(page.url()).searchParams.get('scope')).toBe(parent.id);
    await visible(page.getByText(`下级机构：${parent.name}`));
    expect((await orgNames()).sort()).toEqual([...children].sort());

    answered = filtered();
    await page.reload();
    await answered;
    await visible(page.getByTestId('org-tree').locator('.ant-tree-node-selected', { hasText: parent.name }));
    await visible(page.getByText(`下级机构：${parent.name}`));
    expect((await orgNames()).sort()).toEqual([...children].sort());
    await context.close();
  });
});
