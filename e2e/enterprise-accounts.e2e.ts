/**
 * Issue 15 (企业端) on a phone: an enterprise applies for an account on the public site (field
 * errors from the server first), the county officer approves it from the home page's to-do and is
 * shown the initial password once, the enterprise signs in (changing the password), answers its
 * open rectification order with a photo, makes a quality commitment, and the public lookup shows it.
 * With E2E_SHOTS_DIR set, each new page is also photographed on a phone and a desktop.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, sideMenu, visible, waitForShell } from './support/browser';
import { unique } from './support/env';
import { TINY_PNG } from './support/inspection-tasks';
import { enterpriseAccountSession, openPhonePage, seedOpenOrder, shoot } from './support/enterprise-accounts';
import { useSuite } from './support/suite';
import { withWrongCheckDigit } from './support/uscc';

const suite = useSuite();
const COUNTY = '320826';
const NEW_PASSWORD = 'Qiye#2026new';

describe('enterprise accounts (issue 15)', () => {
  it('applies on the public site, is approved by the county officer, signs in, reports the rectification and makes a public commitment', async () => {
    const seed = await seedOpenOrder(suite.admin, COUNTY);
    const enterprise = seed.enterprises[0]!;
    const u = unique();
    const licence = await suite.admin.issueLicence(enterprise.uscc, `XK13-${u}`);
    const username = `qy${u}`;
    const applicant = `王${u.slice(-3)}明`;

    // 1. the public site: the login page links the application; the server's field errors show under their fields
    const pub = await openPhonePage(suite.browser);
    let page = pub.page;
    await page.goto('/login');
    await page.getByRole('link', { name: '申请企业账号' }).click();
    await visible(page.getByText('企业账号申请').first());
    await shoot(page, '01-apply');
    const form = page.locator('form');
    await form.getByLabel('统一社会信用代码').fill(withWrongCheckDigit(enterprise.uscc));
    await form.getByLabel('企业名称').fill(`${enterprise.name}（错）`);
    await form.getByLabel('申请人姓名').fill(applicant);
    await form.getByLabel('申请人电话').fill('13912345678');
    await form.getByLabel('希望使用的用户名').fill(username);
    await page.getByRole('button', { name: '提交申请' }).click();
    await visible(page.locator('#uscc_help, .ant-form-item-explain-error').filter({ hasText: '校验' }));
    await form.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await page.getByRole('button', { name: '提交申请' }).click();
    await visible(page.locator('.ant-form-item-explain-error').filter({ hasText: '统一社会信用代码与企业名称不一致' }));
    await form.getByLabel('企业名称').fill(enterprise.name);
    await page.getByRole('button', { name: '提交申请' }).click();
    await visible(page.getByTestId('apply-result'));
    const requestNo = (await page.getByTestId('request-no').innerText()).trim();
    expect(requestNo.length).toBeGreaterThan(4);
    await shoot(page, '02-apply-done');
    await page.getByRole('link', { name: '查询审核结果' }).click();
    await visible(page.getByTestId('request-status').getByText('待审核'));
    await shoot(page, '03-status-pending');

    // 2. the county officer: the to-do on the home page opens the application; reveal, approve, the initial password once
    const officer = await openPhonePage(suite.browser, seed.officerSession);
    const op = officer.page;
    await op.goto('/');
    const todo = op.getByTestId('todo-list').getByRole('link', { name: `${enterprise.name}申请开设企业账号，待审核` });
    await visible(todo);
    await todo.click();
    await op.waitForURL(/\/enterprise-accounts\/requests\//);
    const detail = op.getByTestId('request-detail');
    await visible(detail);
    expect(await detail.getByTestId('applicant-name').innerText()).not.toBe(applicant);
    await shoot(op, '04-request-drawer');
    await detail.getByRole('button', { name: '查看完整信息' }).click();
    await expect.poll(() => detail.getByTestId('applicant-name').innerText()).toBe(applicant);
    await expect.poll(() => detail.getByTestId('applicant-phone').innerText()).toBe('13912345678');
    await detail.getByRole('button', { name: '批准', exact: true }).click();
    const modal = op.locator('.ant-modal').filter({ hasText: '批准申请' });
    await visible(modal);
    const decided = op.waitForResponse((r) => r.url().endsWith('/decision'));
    await modal.getByRole('button', { name: '批准', exact: true }).click();
    expect((await decided).status()).toBe(200);
    const passwordBox = op.getByTestId('initial-password');
    await visible(passwordBox);
    const initialPassword = (await passwordBox.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await shoot(op, '05-initial-password');
    await op.locator('.ant-modal').getByRole('button', { name: '已完成' }).click();
    // the accounts tab lists the new account, waiting for its first sign-in
    await op.goto('/enterprise-accounts');
    await visible(op.getByTestId('enterprise-accounts').getByText(username));
    await shoot(op, '06-accounts');
    await op.goto('/enterprise-accounts?tab=requests');
    await visible(op.getByTestId('account-requests'));
    await shoot(op, '07-requests');
    await op.goto(`/enterprises/${enterprise.uscc}?tab=accounts`);
    await visible(op.getByTestId('enterprise-accounts').getByText(username));
    await shoot(op, '08-enterprise-accounts-tab');
    await officer.context.close();

    // the public status now says approved
    await page.reload();
    await visible(page.getByTestId('request-status').getByText('已批准'));
    await pub.context.close();

    // 3. the enterprise signs in on its phone: the password change first, then its own home page
    const ent = await openPhonePage(suite.browser);
    page = ent.page;
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(initialPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/password$/);
    await page.getByLabel('当前密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visible(page.getByTestId('enterprise-home'));
    await expect.poll(() => page.getByTestId('enterprise-home-name').innerText()).toBe(enterprise.name);
    await shoot(page, '09-enterprise-home');
    // the staff menu is not there: only the enterprise's own items
    await page.getByTestId('menu-button').click();
    const menuText = await page.getByTestId('side-menu').innerText();
    expect(menuText).toContain('检查记录');
    for (const staffItem of ['企业名录', '许可证管理', '检查任务', '工作日历', '企业账号']) expect(menuText).not.toContain(staffItem);
    await page.getByTestId('menu-button').click();

    await page.getByTestId('self-entry-enterprise').click();
    await visible(page.getByTestId('my-enterprise').getByText(enterprise.uscc));
    // …and its register entry's history (its registration at least).
    await visible(page.getByTestId('my-enterprise-history').getByTestId('history-entry').first());
    await shoot(page, '10-my-enterprise');
    await page.goto('/my/licences');
    await visible(page.getByTestId('my-licences').getByText(licence.number));
    await shoot(page, '11-my-licences');
    await page.getByTestId('my-licences').getByText(licence.number).click();
    await visible(page.getByTestId('my-licence').getByText('江苏省市场监督管理局'));
    await shoot(page, '11b-my-licence');
    await page.goto('/my/draws');
    await visible(page.getByTestId('my-draws').getByText(seed.plan.name));
    expect(await page.getByTestId('my-draw').getByRole('link', { name: '查看公示' }).getAttribute('href')).toMatch(/^\/public\/draws\//);
    await shoot(page, '12-my-draws');

    // 4. the open rectification order, answered with a photo
    await page.goto('/my/inspections');
    await visible(page.getByTestId('my-inspection-row'));
    await shoot(page, '12b-my-inspections');
    // the to-do of the order opens the enterprise's own page of the task
    await page.goto('/');
    const orderTodo = page.getByTestId('todo-list').getByRole('link').filter({ hasText: '整改期限为' });
    expect(await orderTodo.getAttribute('href')).toBe(`/my/inspections/${seed.taskId}`);
    await orderTodo.click();
    const order = page.getByTestId('my-order');
    await visible(order.getByText('待整改'));
    await shoot(page, '13-my-inspection');
    await order.getByRole('button', { name: '报送整改' }).click();
    const report = page.getByTestId('report-form');
    await report.getByLabel('整改情况').fill('已停止无证经营，已向审批部门提交许可申请。');
    await report.locator('input[type=file]').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: TINY_PNG });
    await visible(report.getByText('整改照片.png'));
    await shoot(page, '14-report-form');
    const reported = page.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'POST');
    await report.getByRole('button', { name: '报送整改' }).click();
    expect((await reported).status()).toBe(200);
    await visible(order.getByText('已报送整改情况'));
    await visible(order.getByText('已停止无证经营'));
    await visible(order.getByRole('link', { name: /整改照片\.png/ }));
    await shoot(page, '14b-reported');
    const task = await seed.officerSession.get<{ rectificationOrders: { reportText: string | null }[] }>(`/api/inspection-tasks/${seed.taskId}`);
    expect(task.rectificationOrders[0]!.reportText).toContain('已停止无证经营');

    // 5. a quality commitment from the template, signed by the legal representative
    await page.goto('/my/commitments');
    await page.getByRole('button', { name: '作出承诺' }).click();
    const commitment = page.getByTestId('commitment-form');
    await commitment.getByLabel('承诺类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '服务质量承诺' }).click();
    await expect.poll(async () => (await commitment.getByLabel('承诺内容').inputValue()).length).toBeGreaterThan(10);
    const signer = `李${u.slice(-3)}`;
    await commitment.getByLabel('法定代表人（签署人）').fill(signer);
    await shoot(page, '15-commitment-form');
    const committed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/commitments' && r.request().method() === 'POST');
    await commitment.getByRole('button', { name: '作出承诺' }).click();
    expect((await committed).status()).toBe(201);
    await visible(page.getByTestId('my-commitment').filter({ hasText: signer }));
    await shoot(page, '16-my-commitments');
    await ent.context.close();

    // 6. the public lookup shows the commitment in force
    const lookup = await openPhonePage(suite.browser);
    await lookup.page.goto('/public/enterprise');
    await lookup.page.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await lookup.page.getByRole('button', { name: '查询' }).click();
    const shown = lookup.page.getByTestId('public-commitments');
    await visible(shown.getByText('服务质量承诺'));
    await visible(shown.getByText(signer));
    await shoot(lookup.page, '17-public-commitments');
    await lookup.context.close();
  });

  it('keeps a refused application’s note for the applicant and makes an account from the officers’ page', async () => {
    const admin = suite.admin;
    const bureau = await admin.countyBureau(COUNTY);
    const u = unique();
    const officerUser = await admin.createUser({ username: `eo${u}`, password: 'Ziliang#2026pw', displayName: `科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
    const officerSession = await ApiSession.login(officerUser.username, 'Ziliang#2026pw');
    const enterprise = await admin.createEnterprise({ name: `申请企业${u}有限公司`, regionCode: COUNTY });
    const { requestNo } = await new ApiSession().post<{ requestNo: string }>('/api/public/enterprise-account-requests', {
      uscc: enterprise.uscc,
      enterpriseName: enterprise.name,
      applicantName: '赵一',
      phone: '13800001111',
      username: `ap${u}`,
    });

    const { context, page } = await openPage(suite.browser, officerSession);
    await page.goto('/enterprise-accounts?tab=requests');
    await page.getByRole('row').filter({ hasText: enterprise.name }).getByRole('button', { name: '查看' }).click();
    const detail = page.getByTestId('request-detail');
    await detail.getByRole('button', { name: '不予批准' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '不予批准的理由' });
    await modal.getByRole('button', { name: '不予批准' }).click();
    await visible(modal.getByText('请填写不予批准的理由'));
    await modal.getByLabel('不予批准的理由').fill('申请人不是企业的工作人员，请由企业指定的人员申请');
    const decided = page.waitForResponse((r) => r.url().endsWith('/decision'));
    await modal.getByRole('button', { name: '不予批准' }).click();
    expect((await decided).status()).toBe(200);
    await visible(detail.getByText('申请人不是企业的工作人员'));

    // an account opened by the officer: the initial password once
    await page.goto('/enterprise-accounts');
    await page.getByRole('button', { name: '开设账号' }).click();
    const create = page.locator('.ant-modal').filter({ hasText: '开设企业账号' });
    await create.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await create.getByLabel('用户名').fill(`op${u}`);
    await create.getByLabel('姓名').fill('钱二');
    await create.getByRole('button', { name: '保存' }).click();
    await visible(page.getByTestId('initial-password'));
    await shoot(page, '18-created-password');
    await page.locator('.ant-modal').getByRole('button', { name: '已完成' }).click();
    const row = page.getByRole('row').filter({ hasText: `op${u}` });
    await visible(row);
    // reset: a new initial password, once
    await row.getByRole('button', { name: '重置密码' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await visible(page.getByTestId('initial-password'));
    const resetPassword = (await page.getByTestId('initial-password').innerText()).trim();
    await page.locator('.ant-modal').getByRole('button', { name: '已完成' }).click();
    const first = await ApiSession.login(`op${u}`, resetPassword);
    expect(first.user?.mustChangePassword).toBe(true);
    // disable, then enable again
    await row.getByRole('button', { name: '停用' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '确定' }).click();
    await visible(row.locator('.ant-tag').filter({ hasText: '停用' }));
    await row.getByRole('button', { name: '启用' }).click();
    await visible(row.locator('.ant-tag').filter({ hasText: '启用' }));
    await visible(row.getByRole('button', { name: '停用' }));
    await context.close();

    const status = await openPhonePage(suite.browser);
    await status.page.goto(`/public/enterprise-account/status?no=${requestNo}`);
    await visible(status.page.getByTestId('request-status').getByText('不予批准'));
    await visible(status.page.getByText('申请人不是企业的工作人员'));
    await shoot(status.page, '19-status-refused');
    await status.context.close();
  });

  it('an enterprise account sees only its own menu, and none of its pages makes a refused call', async () => {
    const seed = await seedOpenOrder(suite.admin, COUNTY);
    const enterprise = seed.enterprises[0]!;
    const u = unique();
    const licence = await suite.admin.issueLicence(enterprise.uscc, `XK13-${u}`);
    const session = await enterpriseAccountSession(seed.officerSession, enterprise.uscc, `nr${u}`);
    const { context, page } = await openPage(suite.browser, session);
    const refused: string[] = [];
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/') && (r.status() === 401 || r.status() === 403)) refused.push(`${r.status()} ${r.request().method()} ${url.pathname} (on ${new URL(page.url()).pathname})`);
    });
    await page.goto('/');
    await waitForShell(page);
    await visible(page.getByTestId('enterprise-home'));
    const ids = await sideMenu(page).locator('li.ant-menu-item[data-menu-id]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-menu-id')!));
    const hrefs = [...new Set(ids.map((id) => id.slice(id.indexOf('-/') + 1)))];
    expect(hrefs.sort()).toEqual(['/', '/my/commitments', '/my/complaints', '/my/credit', '/my/draws', '/my/enterprise', '/my/equipment', '/my/inspections', '/my/licences', '/my/spotchecks']);
    for (const href of [...hrefs, `/my/licences/${licence.id}`, `/my/inspections/${seed.taskId}`]) {
      await page.goto(href);
      await waitForShell(page);
      await page.waitForLoadState('networkidle');
    }
    await visible(page.getByTestId('my-order'));
    // a staff page is refused by the shell itself (no permission), without calling the API
    await page.goto('/enterprise-accounts');
    await visible(page.getByText('无权访问'));
    // in English: the home page and an inspection's page, their strings loaded with them
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByText('Enterprise services'));
    await visible(page.getByText('My records'));
    await shoot(page, '20-enterprise-home-en');
    await page.goto(`/my/inspections/${seed.taskId}`);
    await visible(page.getByTestId('my-order').getByRole('button', { name: 'Report rectification' }));
    await shoot(page, '21-my-inspection-en');
    await context.close();
    expect(refused).toEqual([]);
  });
});
