/** Journeys through the enterprise register: create, search, detail and history, import, county scope, public lookup. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiCallError, ApiSession, type Enterprise } from './support/api';
import { choose, menuItem, openPage, pickDate, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';
import { randomUscc, withWrongCheckDigit } from './support/uscc';

const suite = useSuite();

const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬';
/** Two random Chinese characters: a name fragment that finds (almost) only this test's enterprises. */
function fragment(): string {
  const pick = () => NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)]!;
  return pick() + pick();
}

/** Opens the register, searches by `q` and returns the table's body rows. */
async function searchList(page: Page, q: string): Promise<Locator> {
  await page.getByLabel('名称或信用代码').fill(q);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises' && r.url().includes('q='));
  await page.getByRole('button', { name: '查询' }).click();
  await answered;
  return page.locator('.ant-table-tbody tr.ant-table-row');
}

describe('enterprise register', () => {
  it('admin creates an enterprise, finds it by a two-character fragment and sees its detail and history', async () => {
    const frag = fragment();
    const name = `淮安${frag}${unique()}科技有限公司`;
    const uscc = randomUscc();

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    await waitForShell(page);
    await menuItem(page, '企业名录').click();
    await page.waitForURL('**/enterprises');

    await page.getByRole('button', { name: '新建企业' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('新建企业'));
    await dialog.getByLabel('统一社会信用代码').fill(uscc.toLowerCase()); // normalized to upper case on save
    await dialog.getByLabel('企业名称').fill(name);
    await dialog.getByLabel('法定代表人').fill('张三');
    await choose(page, dialog, '行政区划', '涟水县');
    await pickDate(dialog.getByLabel('成立日期'), '2019-03-05');
    await dialog.getByLabel('标签').fill('食品生产');
    await dialog.getByLabel('标签').press('Enter');
    await page.keyboard.press('Escape'); // close the tags dropdown
    await dialog.getByRole('button', { name: '添加联系人' }).click();
    await dialog.getByTestId('contact-row').getByLabel('姓名').fill('李四');
    await dialog.getByTestId('contact-row').getByLabel('电话').fill('0517-80000000');
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });

    const rows = await searchList(page, frag);
    const row = rows.filter({ hasText: name });
    await visible(row);
    expect(await row.textContent()).toContain(uscc);
    expect(await row.textContent()).toContain('涟水县');

    // the export links carry the search; the file holds the row
    const href = await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
    expect(href).toContain(`q=${encodeURIComponent(frag)}`);
    const exported = await page.request.get(href!);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(name);

    await row.getByRole('link', { name }).click();
    await page.waitForURL(`**/enterprises/${uscc}`);
    const header = page.getByTestId('enterprise-header');
    await visible(header.getByText(name));
    expect(await header.textContent()).toContain(uscc);
    expect(await header.textContent()).toContain('存续/在业');
    const basic = page.getByTestId('enterprise-basic');
    expect(await basic.textContent()).toContain('张三');
    expect(await basic.textContent()).toContain('食品生产');
    await visible(page.getByRole('cell', { name: '李四' }));

    // edit: the dialog opens with the current values; the change shows in the detail and the history
    await page.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog');
    expect(await edit.getByLabel('法定代表人').inputValue()).toBe('张三');
    await edit.getByLabel('法定代表人').fill('王五');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await visible(basic.getByText('王五'));

    await page.getByRole('tab', { name: '变更历史' }).click();
    const entries = page.getByTestId('history-entry');
    await visible(entries.nth(1));
    const [updated, first] = [entries.nth(0), entries.nth(1)];
    expect(await updated.textContent()).toContain('修改');
    const changed = updated.getByRole('row').filter({ hasText: '法定代表人' });
    expect(await changed.textContent()).toMatch(/张三.*王五/);
    expect(await first.textContent()).toContain('表单');
    expect(await first.textContent()).toContain('创建');
    await visible(first.getByRole('cell', { name }));
    await context.close();
  });

  it('shows the server’s check-digit message on the USCC field', async () => {
    const wrong = withWrongCheckDigit(randomUscc());
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/enterprises');
    await waitForShell(page);

    await page.getByRole('button', { name: '新建企业' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('统一社会信用代码').fill(wrong);
    await dialog.getByLabel('企业名称').fill(`校验位测试${unique()}有限公司`);
    await choose(page, dialog, '行政区划', '涟水县');
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    const response = await answered;
    expect(response.status()).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('USCC_CHECK_DIGIT');

    const help = dialog.locator('#dialog_uscc_help');
    await visible(help.getByText(error.message));
    expect(await dialog.isVisible()).toBe(true);
    await context.close();
  });

  it('imports a CSV in valid-rows mode: counts and the rejected row', async () => {
    const frag = fragment();
    const good = [randomUscc(), randomUscc('91320830')];
    const bad = withWrongCheckDigit(randomUscc());
    const csv = [
      '统一社会信用代码,企业名称,法定代表人,行政区划代码,登记状态,成立日期',
      `${good[0]},导入${frag}${unique()}有限公司,王五,320826,存续,2020-01-02`,
      `${good[1]},导入${frag}${unique()}有限公司,赵六,320830,在业,2021/6/30`,
      `${bad},导入${frag}${unique()}有限公司,钱七,320826,存续,2022-02-02`,
    ].join('\r\n');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-e2e-import-'));
    const file = path.join(dir, 'enterprises.csv');
    writeFileSync(file, `\uFEFF${csv}\r\n`, 'utf8');

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/enterprises');
    await waitForShell(page);
    await page.getByRole('button', { name: '批量导入' }).click();
    await page.waitForURL('**/enterprises/import');

    await page.locator('input[type=file]').setInputFiles(file);
    await visible(page.getByText('enterprises.csv'));
    await page.getByText('仅导入有效行').click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises/import');
    await page.getByRole('button', { name: '开始导入' }).click();
    expect((await answered).status()).toBe(200);

    await visible(page.getByTestId('import-result'));
    expect(await page.getByTestId('import-count-imported').textContent()).toContain('2');
    expect(await page.getByTestId('import-count-rejected').textContent()).toContain('1');
    const rejected = page.getByTestId('import-rejected').locator('.ant-table-tbody tr.ant-table-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toContain('USCC_CHECK_DIGIT');
    expect(await rejected.first().locator('td').first().textContent()).toBe('4'); // header = row 1

    for (const uscc of good) expect((await suite.admin.get<Enterprise>(`/api/enterprises/${uscc}`)).uscc).toBe(uscc);
    const missing = await suite.admin.get(`/api/enterprises/${bad}`).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiCallError);
    expect((missing as ApiCallError).status).toBe(404);
    await context.close();
  });

  it('a file without a header row is refused with the server’s message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-e2e-import-'));
    const file = path.join(dir, 'no-header.csv');
    writeFileSync(file, `${randomUscc()},无表头有限公司,320826\r\n`, 'utf8');

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/enterprises/import');
    await waitForShell(page);
    await page.locator('input[type=file]').setInputFiles(file);
    expect(await page.getByRole('radio', { name: '全部成功才写入' }).isChecked()).toBe(true);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/enterprises/import');
    await page.getByRole('button', { name: '开始导入' }).click();
    const response = await answered;
    expect(response.status()).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('IMPORT_HEADER');
    await visible(page.getByTestId('import-error').getByText(error.message));
    expect(await page.getByTestId('import-result').count()).toBe(0);
    await context.close();
  });

  it('a county officer of 320826 sees only the enterprises of 320826', async () => {
    const frag = fragment();
    const lianshui = await suite.admin.createEnterprise({ name: `涟水${frag}${unique()}有限公司`, regionCode: '320826' });
    const xuyi = await suite.admin.createEnterprise({ name: `盱眙${frag}${unique()}有限公司`, regionCode: '320830' });
    const both = await suite.admin.get<{ items: Enterprise[] }>(`/api/enterprises?q=${encodeURIComponent(frag)}&pageSize=100`);
    expect(both.items.map((e) => e.uscc)).toEqual(expect.arrayContaining([lianshui.uscc, xuyi.uscc]));

    const bureau = await suite.admin.countyBureau('320826');
    const username = `e2e_ent_${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(username, USER_PASSWORD);

    const { context, page } = await openPage(suite.browser, officer);
    await page.goto('/');
    await waitForShell(page);
    await menuItem(page, '企业名录').click();
    await page.waitForURL('**/enterprises');
    const rows = await searchList(page, frag);
    await visible(rows.filter({ hasText: lianshui.name }));
    for (const text of await rows.allTextContents()) expect(text).not.toContain('盱眙县');
    expect(await page.getByText(xuyi.name).count()).toBe(0);

    await page.goto(`/enterprises/${xuyi.uscc}`);
    await visible(page.getByTestId('page-404'));
    await context.close();
  });

  it('the public lookup finds an enterprise without login', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `公示${fragment()}${unique()}有限公司`, regionCode: '320826' });
    const { context, page } = await openPage(suite.browser);
    await page.goto('/login');
    await page.getByRole('link', { name: '企业信用公示查询' }).click();
    await page.waitForURL('**/public/enterprise');

    const input = page.getByLabel('统一社会信用代码');
    await input.fill(enterprise.uscc);
    await input.press('Enter');
    const result = page.getByTestId('public-result');
    await visible(result.getByText(enterprise.name));
    expect(await result.textContent()).toContain('涟水县');
    expect(await result.textContent()).toContain('存续/在业');

    await input.fill(randomUscc());
    await input.press('Enter');
    await visible(page.getByTestId('public-not-found').getByText('未找到'));
    await context.close();
  });
});
