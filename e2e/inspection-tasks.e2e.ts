/**
 * Journey through an inspection task: drawn in the county officer's ceremony (commit, witness
 * input, reveal), checked by an inspector on a phone (answers, a photo, a "no"), rectification
 * ordered and reported, re-checked, completed, published by the officer, and seen on the public
 * results page without login.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, loginThroughUi, openPage, visible } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { CHECKLIST, RESULT_CATEGORIES, TINY_PNG, seedDrawnTasks, seedPlannedTasks, tasksOfDraw } from './support/inspection-tasks';
import { commitDrawInUi, revealDrawInUi } from './support/inspections';
import { useSuite } from './support/suite';
import { randomUscc } from './support/uscc';

const suite = useSuite();
const COUNTY = '320826';

/** Clicks the dialog's OK button and waits for the server to answer the call it makes. */
async function confirmDialog(page: Page, dialog: Locator, button: string, pathEnd: string, status = 200): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(pathEnd) && r.request().method() !== 'GET');
  await dialog.getByRole('button', { name: button }).click();
  expect((await answered).status()).toBe(status);
  await dialog.waitFor({ state: 'hidden' });
}

describe('inspection tasks', () => {
  it('the officer draws in the ceremony; an inspector checks on a phone, orders rectification, re-checks and completes; the officer enters the report and publishes; the public sees the result', async () => {
    const seed = await seedPlannedTasks(suite.admin, COUNTY);
    const [enterprise] = seed.enterprises;
    const [inspector] = seed.inspectors;

    // the officer holds the draw ceremony on the plan's page: freeze the candidates, the witness's input, reveal
    const desk = await openPage(suite.browser, seed.officerSession);
    await desk.page.goto(`/inspection-plans/${seed.plan.id}`);
    await visible(desk.page.getByTestId('plan-header').getByText(seed.plan.name));
    await visible(desk.page.getByTestId('draw-preview').getByText(`合计抽取 ${seed.enterprises.length} 户`));
    const committed = await commitDrawInUi(desk.page);
    const record = await revealDrawInUi(desk.page, `见证人 ${unique()} 报数 3`);
    expect(record.id).toBe(committed.id);
    expect(record.openings!.map((o) => o.key).sort()).toEqual(seed.enterprises.map((e) => e.uscc).sort());
    for (const name of seed.inspectors.map((i) => i.displayName)) expect(await desk.page.getByTestId('draw-assignments').innerText()).toContain(name);
    const task = (await tasksOfDraw(seed, record.id)).find((t) => t.objectKey === enterprise!.uscc)!;

    // the inspector signs in on a phone, where the header fits the screen, and opens the task from "my tasks"
    const mobile = await openPage(suite.browser);
    const page = mobile.page;
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await loginThroughUi(page, inspector!.username, USER_PASSWORD)).toBe(200);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: '账户菜单' }).click();
    await visible(page.getByRole('menuitem', { name: '退出登录' }));
    expect(await page.getByTestId('current-user').textContent()).toContain(inspector!.displayName);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto('/my-inspection-tasks');
    const cards = page.getByTestId('my-task');
    await visible(cards.filter({ hasText: enterprise!.name }));
    expect(await cards.count()).toBe(seed.enterprises.length);
    const card = cards.filter({ hasText: enterprise!.name });
    expect(await card.textContent()).toContain('待检查');
    expect(await card.textContent()).toContain(seed.item.name);
    await card.click();
    await page.waitForURL(`**/inspection-tasks/${task.id}`);
    const header = page.getByTestId('task-header');
    await visible(header.getByText(enterprise!.name));
    expect(await header.textContent()).toContain('随机抽取');

    // the checklist: one "no", a number, a photo; saved as a draft, then submitted with an own finding
    const question = (key: string) => page.getByTestId(`question-${key}`);
    await question(CHECKLIST.licence.key).getByText('否', { exact: true }).click();
    await question(CHECKLIST.records.key).getByText('是', { exact: true }).click();
    await question(CHECKLIST.staff.key).getByRole('spinbutton').fill('12');
    const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/photos') && r.request().method() === 'POST');
    await question(CHECKLIST.photo.key).locator('input[type=file]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: TINY_PNG });
    expect((await uploaded).status()).toBe(201);
    await visible(question(CHECKLIST.photo.key).getByTestId('task-photo'));
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/answers'));
    await page.getByRole('button', { name: '暂存' }).click();
    expect((await saved).status()).toBe(200);

    await page.getByRole('button', { name: '提交检查结果' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '添加问题' }).click();
    const ownFinding = `灭火器过期${unique()}`;
    await dialog.getByLabel('问题描述 1').fill(ownFinding);
    await confirmDialog(page, dialog, '提交检查结果', '/submit');
    await visible(header.getByText('已检查'));
    const findings = page.getByTestId('task-findings');
    await visible(findings.getByText(CHECKLIST.licence.finding));
    await visible(findings.getByText(ownFinding));
    expect(await findings.textContent()).not.toContain(CHECKLIST.records.finding);
    expect(await page.getByTestId('task-answers').getByTestId('task-photo').count()).toBe(1);

    // rectification order, and its notice as a .docx
    await page.getByRole('button', { name: '下达整改通知' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('整改要求').fill('立即办理食品经营许可证，建立进货查验记录');
    await dialog.getByLabel('整改期限').fill('10');
    await confirmDialog(page, dialog, '确定', '/rectification-orders', 201);
    await visible(header.getByText('整改中'));
    const order = page.getByTestId('rectification-order');
    await visible(order.getByText(/责改〔\d{4}〕\d+号/));
    const download = page.waitForEvent('download');
    await order.getByRole('link', { name: /下载责令整改通知书/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);
    expect(await page.getByRole('button', { name: '复查' }).count()).toBe(0);

    // the county officer enters the enterprise's rectification report
    await desk.page.goto(`/inspection-tasks/${task.id}`);
    await desk.page.getByRole('button', { name: '录入整改报告' }).click();
    dialog = desk.page.getByRole('dialog');
    await dialog.getByLabel('整改情况').fill('已取得食品经营许可证，已建立进货查验记录台账');
    await confirmDialog(desk.page, dialog, '确定', '/report');
    await visible(desk.page.getByTestId('task-header').getByText('待复查'));
    expect(await desk.page.getByRole('button', { name: '复查' }).count()).toBe(0);

    // the inspector re-checks (passed) and completes the task with a result category
    await page.reload();
    await visible(header.getByText('待复查'));
    await page.getByRole('button', { name: '复查' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('复查情况').fill('现场复查，整改到位');
    await dialog.getByText('合格', { exact: true }).click();
    expect(await dialog.getByRole('radio', { name: '合格', exact: true }).isChecked()).toBe(true);
    await confirmDialog(page, dialog, '确定', '/recheck');
    await visible(header.getByText('已检查'));
    expect(await order.textContent()).toContain('合格');
    await page.getByRole('button', { name: '办结' }).click();
    dialog = page.getByRole('dialog');
    // a plain select (no typing on a phone): open it and tap the category
    await dialog.getByLabel('检查结果').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: RESULT_CATEGORIES[1]! }).click();
    await confirmDialog(page, dialog, '确定', '/complete');
    await visible(header.getByText('已完成'));
    expect(await page.getByTestId('task-actions').count()).toBe(0);
    await mobile.context.close();

    // the officer publishes it from the list (only completed tasks can be selected)
    await desk.page.goto('/inspection-tasks');
    await desk.page.getByTestId('search-form').getByLabel('统一社会信用代码').fill(enterprise!.uscc);
    await desk.page.getByRole('button', { name: '查询' }).click();
    const row = desk.page.getByRole('row').filter({ hasText: enterprise!.uscc });
    await visible(row.getByText('已完成'));
    await row.getByRole('checkbox').check();
    await desk.page.getByRole('button', { name: '公示所选（1）' }).click();
    const published = desk.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/inspection-tasks/publish');
    await desk.page.locator('.ant-modal-confirm').getByRole('button', { name: '公示' }).click();
    expect((await published).status()).toBe(200);
    await visible(row.getByText('已公示'));
    await desk.context.close();

    // anyone: the public results page, searched by the enterprise's code
    const visitor = await openPage(suite.browser);
    await visitor.page.goto('/public/inspection-results');
    await visitor.page.getByLabel('统一社会信用代码').fill(enterprise!.uscc);
    await visitor.page.getByRole('button', { name: '查询' }).click();
    const result = visitor.page.getByTestId('public-inspection-results').getByRole('row').filter({ hasText: enterprise!.uscc });
    await visible(result);
    for (const text of [enterprise!.name, seed.item.name, RESULT_CATEGORIES[1]!]) expect(await result.textContent()).toContain(text);

    // and on the enterprise's public record
    await visitor.page.goto('/public/enterprise');
    const input = visitor.page.getByLabel('统一社会信用代码');
    await input.fill(enterprise!.uscc);
    await input.press('Enter');
    const section = visitor.page.getByTestId('public-inspection-results');
    await visible(section.getByText(seed.item.name));
    expect(await section.textContent()).toContain(RESULT_CATEGORIES[1]);
    await visitor.context.close();
  }, 120_000); // the whole procedure, three users: longer than the default 60 s

  it('the officer creates a task after a complaint, with server errors shown on their field', async () => {
    const seed = await seedDrawnTasks(suite.admin, COUNTY, 1);
    const { context, page } = await openPage(suite.browser, seed.officerSession);
    await page.goto('/inspection-tasks');
    await page.getByRole('button', { name: '新建检查任务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('来源说明').fill(`投诉举报 TS${unique()}`);
    await choose(page, dialog, '抽查事项', seed.item.name);
    // The inspectors offered are those who may inspect this enterprise for this item.
    await dialog.getByLabel('统一社会信用代码').fill(seed.enterprises[0]!.uscc);
    for (const inspector of seed.inspectors) await choose(page, dialog, '检查人员', inspector.displayName);
    await dialog.getByLabel('统一社会信用代码').fill(randomUscc(`91${COUNTY}`));
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.getByText(/本辖区的企业名录中没有统一社会信用代码/));

    await dialog.getByLabel('统一社会信用代码').fill(seed.enterprises[0]!.uscc);
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/inspection-tasks' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/inspection-tasks\/[0-9a-f-]{36}$/);
    const header = page.getByTestId('task-header');
    await visible(header.getByText('投诉举报'));
    expect(await header.textContent()).toContain(seed.enterprises[0]!.name);
    await context.close();
  });
});
