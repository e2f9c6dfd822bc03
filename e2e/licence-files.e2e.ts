/** Journey: bulk-import licences from a CSV on the licence list, see the rejected row, find the imported licence, export the list. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

describe('licence files', () => {
  it('imports a CSV in valid-rows mode, shows the rejected row, lists the imported licence and exports it', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `导入许可${unique()}有限公司`, regionCode: '320826' });
    const number = `XK-IMP-${unique()}`;
    const csv = [
      '许可证类型,证书编号,统一社会信用代码,许可范围,发证日期,有效期至,发证机关',
      `工业产品生产许可证,${number},${enterprise.uscc},电线电缆,2024/3/1,,江苏省市场监督管理局`,
      `不存在的证照,XK-BAD-${unique()},${enterprise.uscc},,2024-03-01,,江苏省市场监督管理局`,
    ].join('\r\n');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'zj-e2e-licences-')), 'licences.csv');
    writeFileSync(file, `\uFEFF${csv}\r\n`, 'utf8');

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/licences');
    await waitForShell(page);
    await page.getByRole('button', { name: '批量导入' }).click();
    await page.waitForURL('**/licences/import');
    await visible(page.getByText('批量导入许可证'));

    await page.locator('input[type=file]').setInputFiles(file);
    await visible(page.getByText('licences.csv'));
    await page.getByText('仅导入有效行').click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licences/import');
    await page.getByRole('button', { name: '开始导入' }).click();
    expect((await answered).status()).toBe(200);

    await visible(page.getByTestId('import-result'));
    expect(await page.getByTestId('import-count-imported').textContent()).toContain('1');
    expect(await page.getByTestId('import-count-rejected').textContent()).toContain('1');
    const rejected = page.getByTestId('import-rejected').locator('.ant-table-tbody tr.ant-table-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toContain('LICENCE_TYPE_UNKNOWN');
    expect(await rejected.first().locator('td').first().textContent()).toBe('3'); // header = row 1

    // back on the list, searched by the holder: the imported licence with the type's default validity
    await page.getByRole('button', { name: '返回许可证管理' }).click();
    await page.waitForURL('**/licences');
    await page.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licences' && r.url().includes('uscc='));
    await page.getByRole('button', { name: '查询' }).click();
    await listed;
    const row = page.getByRole('row').filter({ hasText: number });
    await visible(row.getByText('正常监管'));
    expect(await row.textContent()).toContain('2029-02-28');

    // the export links carry the search; the file holds the licence
    const href = await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
    expect(href).toContain(`uscc=${enterprise.uscc}`);
    const exported = await page.request.get(href!);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(`工业产品生产许可证,${number},${enterprise.uscc},电线电缆,2024-03-01,2029-02-28,江苏省市场监督管理局,正常监管`);
    await context.close();
  });
});

describe('notice files', () => {
  it('imports department notices from a CSV into the queue of the holder’s bureau', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `通报导入${unique()}有限公司`, regionCode: '320826' });
    const summary = `导入的通报${unique()}`;
    const csv = ['统一社会信用代码,通报部门,通报类型,摘要,发生日期,文号', `${enterprise.uscc},淮安市住房和城乡建设局,不再符合许可条件,${summary},2026-11-02,淮住建〔2026〕8号`].join('\r\n');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'zj-e2e-notices-')), 'notices.csv');
    writeFileSync(file, `${csv}\r\n`, 'utf8');

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/feedback');
    await waitForShell(page);
    await page.getByRole('button', { name: '批量导入' }).click();
    await page.waitForURL('**/feedback/import');
    await page.locator('input[type=file]').setInputFiles(file);
    await visible(page.getByText('notices.csv'));
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/feedback/import');
    await page.getByRole('button', { name: '开始导入' }).click();
    expect((await answered).status()).toBe(200);
    expect(await page.getByTestId('import-count-imported').textContent()).toContain('1');

    await page.getByRole('button', { name: '返回部门通报' }).click();
    await page.waitForURL('**/feedback');
    await visible(page.getByRole('row').filter({ hasText: enterprise.name }));
    await context.close();
  });
});
