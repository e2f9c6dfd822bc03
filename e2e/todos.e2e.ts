/**
 * Journey: a measure awaiting approval heads the approver's home page, in either language, the
 * header counts the open to-dos, and the item leads to the licence. An inspector's pages never
 * call what the inspector may not call (the inspectors directory once asked for the user list).
 */
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
  // Approvals come first (before anything merely due), and the header counts every open item.
  const first = page.getByTestId('todo-list').locator('.ant-list-item').first();
  expect(await first.locator('.ant-tag').textContent()).toBe('待审批措施');
  const { total } = await head.get<{ total: number }>('/api/todos?pageSize=1');
  expect(total).toBeGreaterThan(0);
  await visible(page.locator(`[data-testid="todo-badge"][data-count="${total}"]`));
  expect(await page.getByTestId('todo-badge').getAttribute('aria-label')).toBe(`待办事项 ${total} 项`);
  expect(await item.textContent()).toMatch(new RegExp(`申请对${enterprise.name}的工业产品生产许可证（${licence.number}）采取“[^”]+”，待审批`));

  await page.getByRole('button', { name: 'English' }).click();
  await visible(item.filter({ hasText: 'awaiting approval' }));
  expect(await item.textContent()).toContain(`on 工业产品生产许可证 ${licence.number} of ${enterprise.name}: awaiting approval`);

  await item.click();
  await page.waitForURL(`**/licences/${licence.id}`);
  await context.close();
});

it('an inspector opens the inspectors directory without any refused call, and is not offered to add one', async () => {
  const county = await suite.admin.countyBureau('320826');
  const username = `e2e_ins_${unique()}`;
  await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: ['inspector'] });
  const inspector = await ApiSession.login(username, USER_PASSWORD);
  const { context, page } = await openPage(suite.browser, inspector);
  const refused: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/inspectors');
  await waitForShell(page);
  await visible(page.locator('.ant-card-head-title', { hasText: '执法检查人员名录库' }));
  await visible(page.locator('.ant-table'));
  await page.waitForLoadState('networkidle');
  expect(refused).toEqual([]);
  expect(await page.getByRole('button', { name: '列入名录库' }).count()).toBe(0);
  await context.close();
});

it('an inspector named investigator finds the investigation among their to-dos, opens it and records it', async () => {
  const enterprise = await suite.admin.createEnterprise({ name: `核查${unique()}有限公司`, regionCode: '320826' });
  const licence = await suite.admin.issueLicence(enterprise.uscc, `XK-INV-${unique()}`);
  const county = await suite.admin.countyBureau('320826');
  const username = `e2e_inv_${unique()}`;
  const user = await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: ['inspector'] });
  const exit = await suite.admin.post<{ id: string }>('/api/licence-exits', {
    licenceId: licence.id,
    kind: 'conditions_lost',
    triggerSource: 'complaint',
    triggerParty: '12315 投诉举报',
    triggerSummary: '企业生产场所已搬离',
    triggerOn: '2026-01-05',
    investigatorId: user.id,
    investigationWorkingDays: 10,
  });
  const inspector = await ApiSession.login(username, USER_PASSWORD);
  const { context, page } = await openPage(suite.browser, inspector);
  await page.goto('/');
  await waitForShell(page);
  const item = page.getByTestId('todo-list').getByRole('link').filter({ hasText: enterprise.name });
  await visible(item);
  expect(await item.textContent()).toMatch(new RegExp(`前核查${enterprise.name}的工业产品生产许可证（${licence.number}）是否仍具备许可条件`));
  // Other journeys leave the county's inspectors to-dos too (e.g. a failed spot check's next step): count them.
  const { total } = await inspector.get<{ total: number }>('/api/todos?pageSize=1');
  await visible(page.locator(`[data-testid="todo-badge"][data-count="${total}"]`));

  await item.click();
  await page.waitForURL(`**/licence-exits/${exit.id}`);
  const step = page.getByTestId('exit-step-form');
  await step.getByLabel('核查情况').fill('现场核查，生产设备已全部搬离');
  await step.getByRole('radio', { name: '无正当理由' }).check();
  const investigated = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/investigation'));
  await step.getByRole('button', { name: '记录核查结果' }).click();
  expect((await investigated).status()).toBe(200);
  // The decision is not the investigator's: no further form; the to-do is closed.
  await visible(page.getByTestId('exit-header').getByText('待决定'));
  expect(await page.getByTestId('exit-step-form').count()).toBe(0);
  await visible(page.locator(`[data-testid="todo-badge"][data-count="${total - 1}"]`));
  expect((await inspector.get<{ items: { link: string }[] }>('/api/todos?pageSize=100')).items.some((t) => t.link.includes(exit.id))).toBe(false);
  await context.close();
});

it('a to-do whose due date runs into a year without holiday data shows the uncertainty mark next to it', async (ctx) => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  // The fewest working days (up to the investigation's maximum) whose deadline runs into a year without data.
  let days: number | null = null;
  for (const n of [5, 20, 60]) {
    const r = await suite.admin.get<{ certain: boolean }>(`/api/calendar/add-working-days?from=${today}&days=${n}`);
    if (!r.certain) {
      days = n;
      break;
    }
  }
  // Every year within 60 working days has holiday data: no deadline can be uncertain now.
  if (days === null) return ctx.skip();

  const enterprise = await suite.admin.createEnterprise({ name: `待定${unique()}有限公司`, regionCode: '320826' });
  const licence = await suite.admin.issueLicence(enterprise.uscc, `XK-UNC-${unique()}`);
  const county = await suite.admin.countyBureau('320826');
  const username = `e2e_unc_${unique()}`;
  const user = await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: ['inspector'] });
  await suite.admin.post('/api/licence-exits', {
    licenceId: licence.id,
    kind: 'conditions_lost',
    triggerSource: 'complaint',
    triggerParty: '12315 投诉举报',
    triggerSummary: '企业生产场所已搬离',
    triggerOn: today,
    investigatorId: user.id,
    investigationWorkingDays: days,
  });
  const inspector = await ApiSession.login(username, USER_PASSWORD);
  const { context, page } = await openPage(suite.browser, inspector);
  await page.goto('/');
  await waitForShell(page);
  const item = page.getByTestId('todo-list').getByRole('listitem').filter({ hasText: enterprise.name });
  await visible(item.getByTestId('uncertain-date'));
  expect(await item.getByTestId('uncertain-date').getAttribute('aria-label')).toContain('未载入节假日数据');
  await context.close();
});
