/** Licence settings (the type dictionary, approval rules) and a licence's attachments. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { choose, menuItem, openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

describe('licence settings', () => {
  it('admin adds a licence type from the settings page and sees it in the list', async () => {
    const key = `e2e_${unique()}`;
    const name = `测试证照${unique()}`;
    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/');
    await waitForShell(page);
    await menuItem(page, '许可证设置').click();
    await page.waitForURL('**/licence-settings');

    await page.getByRole('button', { name: '新增类型' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('类型标识').fill(key);
    await dialog.getByLabel('类型名称').fill(name);
    await choose(page, dialog, '主管科室', '计量科');
    await dialog.getByLabel('默认有效期').fill('3');
    await dialog.getByLabel('法律依据').fill('《中华人民共和国计量法》');
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licence-types' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: name });
    await visible(row);
    const text = await row.textContent();
    for (const part of [key, '计量科', '3 年', '在用']) expect(text).toContain(part);
    await context.close();
  });

  it('admin turns approval on for a measure with its switch, and it is saved', async () => {
    const { context, page } = await openPage(suite.browser, suite.admin);
    try {
      await page.goto('/licence-settings?tab=approvals');
      await waitForShell(page);
      const toggle = page.getByRole('switch', { name: '撤销 需审批' });
      await visible(toggle);
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licence-approval-rules/withdrawn' && r.request().method() === 'PUT');
      await toggle.click();
      expect((await saved).status()).toBe(200);
      await visible(page.getByText('撤销：已开启审批'));
      const rules = await suite.admin.get<{ items: { to: string; requiresApproval: boolean }[] }>('/api/licence-approval-rules');
      expect(rules.items.find((r) => r.to === 'withdrawn')?.requiresApproval).toBe(true);
    } finally {
      // other journeys withdraw licences without approval
      await suite.admin.call('PUT', '/api/licence-approval-rules/withdrawn', { requiresApproval: false });
      await context.close();
    }
  });

  it('an officer uploads a PDF attachment on a licence, sees it listed and downloads it', async () => {
    const county = await suite.admin.countyBureau('320826');
    const username = `officer${unique()}`;
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: ['county_officer'] });
    const enterprise = await suite.admin.createEnterprise({ name: `附件${unique()}有限公司`, regionCode: '320826' });
    const licence = await suite.admin.issueLicence(enterprise.uscc, `XK-ATT-${unique()}`);
    const officer = await ApiSession.login(username, USER_PASSWORD);

    const { context, page } = await openPage(suite.browser, officer);
    await page.goto(`/licences/${licence.id}`);
    await waitForShell(page);
    const card = page.getByTestId('licence-documents');
    await visible(card.getByText('暂无附件或文书'));

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const fileName = `许可证扫描件${unique()}.pdf`;
    const chooser = page.waitForEvent('filechooser');
    await card.getByRole('button', { name: '上传附件' }).click();
    const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/documents') && r.request().method() === 'POST');
    await (await chooser).setFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf });
    expect((await uploaded).status()).toBe(201);

    const row = card.getByRole('row').filter({ hasText: fileName });
    await visible(row);
    expect(await row.textContent()).toContain('附件');
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: fileName }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    expect((await readFile(await file.path())).equals(pdf)).toBe(true);
    await context.close();
  });
});
