/** Journey: a department's system posts a notice with its API key; a county officer triages it in the UI and puts the holder under warning. */
import { expect, it } from 'vitest';
import { ApiSession, callWithKey, type Org } from './support/api';
import { choose, menuItem, openPage, pickDate, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

/** A date `days` from today, as YYYY-MM-DD. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

it('a notice posted with a department’s API key reaches the county’s queue, where an officer puts the licence under warning', async () => {
  const enterprise = await suite.admin.createEnterprise({ name: `通报${unique()}有限公司`, regionCode: '320826' });
  const licence = await suite.admin.issueLicence(enterprise.uscc, `XK-FB-${unique()}`);

  // the department's system: an org of its own, a key, and the notice posted with it
  const department = await suite.admin.post<Org>('/api/orgs', { name: `淮安市住房和城乡建设局${unique()}`, type: 'department', regionCode: '320800' });
  const key = await suite.admin.createApiKey(department.id, '住建局许可系统');
  const summary = `企业生产场所已搬迁，不再具备许可条件（${unique()}）`;
  const notice = await callWithKey<{ id: string; source: string; dueOn: string }>(key, 'POST', '/api/feedback', {
    uscc: enterprise.uscc,
    department: '淮安市住房和城乡建设局',
    kind: 'conditions_changed',
    summary,
    occurredOn: daysFromToday(-3),
    documentNo: `淮住建函〔2026〕${unique()}号`,
  });
  expect(notice.source).toBe('api');

  const county = await suite.admin.countyBureau('320826');
  const username = `e2e_fb_${unique()}`;
  await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: ['county_officer'] });
  const officer = await ApiSession.login(username, USER_PASSWORD);

  // the county officer finds it in the queue, open, with its deadline
  const { context, page } = await openPage(suite.browser, officer);
  await page.goto('/');
  await waitForShell(page);
  await menuItem(page, '部门通报').click();
  await page.waitForURL('**/feedback');
  const row = page.getByRole('row').filter({ hasText: enterprise.name });
  await visible(row);
  for (const text of ['许可条件发生变化', '待处理', notice.dueOn, county.name]) expect(await row.textContent()).toContain(text);
  await row.getByRole('link', { name: enterprise.name }).click();
  await page.waitForURL('**/feedback/*');
  await visible(page.getByTestId('feedback-fields').getByText(summary));

  // decides a warning on the holder's licence
  await page.getByRole('button', { name: '处理通报' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('采取监管措施').click();
  await choose(page, dialog, '许可证', licence.number);
  await choose(page, dialog, '目标状态', '警示管理');
  await dialog.getByLabel('理由').fill('住建部门通报企业已搬迁，列入警示管理');
  await dialog.getByLabel('法律依据').fill('《中华人民共和国工业产品生产许可证管理条例》');
  await dialog.getByLabel('决定书文号').fill(`涟市监警〔2026〕${unique()}号`);
  await pickDate(dialog.getByLabel('复查日期'), daysFromToday(30));
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/decision') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: '确定' }).click();
  expect((await answered).status()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });

  await visible(page.getByTestId('feedback-decision').getByText('采取监管措施'));
  expect(await page.getByRole('button', { name: '处理通报' }).count()).toBe(0);
  const licences = page.getByTestId('feedback-licences');
  await visible(licences.getByText('警示管理'));

  // and the licence itself is now under warning
  await licences.getByRole('link', { name: licence.number }).click();
  await page.waitForURL('**/licences/*');
  await visible(page.getByTestId('licence-header').getByText('警示管理'));
  await context.close();
});
