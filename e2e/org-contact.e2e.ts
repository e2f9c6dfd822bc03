/** The address and phone a bureau gives the public: set in the org's dialog, shown in the public site's footer (the city bureau's). */
import { expect, it } from 'vitest';
import type { Org } from './support/api';
import { openPage, saveDialog, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

it('an administrator gives an org its public address and phone in its dialog; a bad phone is shown under the form and saves nothing', async () => {
  const name = `淮安市联系方式测试所${unique()}`;
  await suite.admin.post<Org>('/api/orgs', { name, type: 'institution', regionCode: '320800' });
  const { context, page } = await openPage(suite.browser, suite.admin);
  await page.goto(`/orgs?q=${encodeURIComponent(name)}`);
  await waitForShell(page);
  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog.getByText('对外公布：市局的显示在公开网站页脚，各局的写入其行政处罚告知书、检验结果通知书；不填则不显示'));
  await dialog.getByLabel('对外地址').fill('淮安市清江浦区示范路 2 号');
  await dialog.getByLabel('对外电话').fill('12345');
  const refused = page.waitForResponse((r) => /^\/api\/orgs\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH');
  await dialog.getByRole('button', { name: '保存' }).click();
  expect((await refused).status()).toBe(400);
  await visible(dialog.getByText(/联系电话应为 11 位手机号码或带区号的固定电话号码/));
  await dialog.getByLabel('对外电话').fill('0517-83601234');
  expect(await saveDialog(page, /^\/api\/orgs\/[^/]+$/, 'PATCH', 200)).toMatchObject({ name, address: '淮安市清江浦区示范路 2 号', phone: '0517-83601234' });
  await row.getByRole('button', { name: '编辑' }).click();
  expect(await dialog.getByLabel('对外电话').inputValue()).toBe('0517-83601234');
  await context.close();
});

it('the public site’s footer gives the city bureau’s address and phone once its org has them', async () => {
  const root = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau' && !o.parentId)!;
  await suite.admin.call('PATCH', `/api/orgs/${root.id}`, { address: '淮安市示范大道 100 号', phone: '0517-83600000转801' });
  try {
    const { context, page } = await openPage(suite.browser);
    await page.goto('/public');
    const contact = page.getByRole('contentinfo').getByTestId('site-contact');
    await visible(contact.getByText('地址：淮安市示范大道 100 号'));
    // the call link dials the number, without the extension (said beside it)
    expect(await contact.getByRole('link', { name: '电话：0517-83600000转801' }).getAttribute('href')).toBe('tel:051783600000');
    await context.close();
  } finally {
    await suite.admin.call('PATCH', `/api/orgs/${root.id}`, { address: null, phone: null });
  }
});
