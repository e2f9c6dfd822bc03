/** Issue 12 item 11: the short name a bureau's documents are numbered with is set in the org's dialog. */
import { expect, it } from 'vitest';
import type { Org } from './support/api';
import { openPage, saveDialog, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

it('an administrator sets a bureau’s short name for documents in its dialog, sees it when editing again, and clears it', async () => {
  const name = `淮安市简称测试所${unique()}`;
  await suite.admin.post<Org>('/api/orgs', { name, type: 'institution', regionCode: '320800' });
  const { context, page } = await openPage(suite.browser, suite.admin);
  await page.goto(`/orgs?q=${encodeURIComponent(name)}`);
  await waitForShell(page);
  const row = page.getByRole('row').filter({ hasText: name });
  const edit = async () => {
    await row.getByRole('button', { name: '编辑' }).click();
    return page.getByRole('dialog');
  };

  let dialog = await edit();
  await visible(dialog.getByText('用于文书编号，如“涟市监”编为“涟市监责改〔2026〕4号”；不填则用机构全称'));
  await dialog.getByLabel('文书简称').fill('淮简所');
  expect(await saveDialog(page, /^\/api\/orgs\/[^/]+$/, 'PATCH', 200)).toMatchObject({ name, shortName: '淮简所' });

  dialog = await edit();
  expect(await dialog.getByLabel('文书简称').inputValue()).toBe('淮简所');
  await dialog.getByLabel('文书简称').fill('');
  expect(await saveDialog(page, /^\/api\/orgs\/[^/]+$/, 'PATCH', 200)).toMatchObject({ name, shortName: null });
  await context.close();
});
