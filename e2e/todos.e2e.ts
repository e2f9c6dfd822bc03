/** Journey: a measure awaiting approval appears on the approver's home page, in either language, and leads to the licence. */
import { expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

it('the section head sees the request on the home page, worded in the chosen language, and opens the licence from it', async () => {
  const enterprise = await suite.admin.createEnterprise({ name: `待办${unique()}有限公司`, regionCode: '320826' });
  const licence = await suite.admin.issueLicence(enterprise.uscc, `XK-TD-${unique()}`);
  const types = await suite.admin.get<{ items: { key: string; sectionId: string | null }[] }>('/api/licence-types');
  const section = types.items.find((t) => t.key === 'industrial_product')!.sectionId!;
  const username = `e2e_td_${unique()}`;
  await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: section, roles: ['section_head'] });
  const head = await ApiSession.login(username, USER_PASSWORD);

  await suite.admin.call('PUT', '/api/licence-approval-rules/suspended', { requiresApproval: true });
  try {
    await suite.admin.post(`/api/licences/${licence.id}/transitions`, {
      to: 'suspended',
      reason: '现场检查发现不具备生产条件',
      legalBasis: '《工业产品生产许可证管理条例》',
      documentNo: `淮市监〔2026〕${unique()}号`,
    });
  } finally {
    // other journeys take measures without approval
    await suite.admin.call('PUT', '/api/licence-approval-rules/suspended', { requiresApproval: false });
  }

  const { context, page } = await openPage(suite.browser, head);
  await page.goto('/');
  await waitForShell(page);
  const item = page.getByTestId('todo-list').getByRole('link').filter({ hasText: enterprise.name });
  await visible(item);
  expect(await item.textContent()).toMatch(new RegExp(`申请对${enterprise.name}的工业产品生产许可证（${licence.number}）采取“[^”]+”，待审批`));

  await page.getByRole('button', { name: 'English' }).click();
  await visible(item.filter({ hasText: 'awaiting approval' }));
  expect(await item.textContent()).toContain(`on 工业产品生产许可证 ${licence.number} of ${enterprise.name}: awaiting approval`);

  await item.click();
  await page.waitForURL(`**/licences/${licence.id}`);
  await context.close();
});
