/**
 * Issue 12's legal items in the browser: an uncertain working-day deadline marked in a list and a
 * detail; a plan for ended quarters asking for a reason; a licence's expiry band in the list and a
 * correction of its details shown on its timeline.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { choose, openPage, visible, waitForShell, saveDialog } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { CHECKLIST, seedDrawnTasks } from './support/inspection-tasks';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';

/** Today in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** `days` after today in China. */
const chinaDaysFromToday = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('legal correctness (issue 12)', () => {
  it('marks a deadline counted over a year without holiday data in the task list and on the task page', async (ctx) => {
    // The fewest working days (up to the order's maximum) whose deadline runs into a year without data.
    let days: number | null = null;
    for (const n of [5, 20, 60, 120]) {
      const r = await suite.admin.get<{ certain: boolean }>(`/api/calendar/add-working-days?from=${chinaToday()}&days=${n}`);
      if (!r.certain) {
        days = n;
        break;
      }
    }
    // Every year within 120 working days has holiday data: no deadline can be uncertain now.
    if (days === null) return ctx.skip();

    const seed = await seedDrawnTasks(suite.admin, COUNTY, 1);
    const [task] = seed.tasks;
    const inspector = await ApiSession.login(seed.inspectors[0]!.username, USER_PASSWORD);
    await inspector.post(`/api/inspection-tasks/${task!.id}/submit`, {
      answers: { [CHECKLIST.licence.key]: { value: false }, [CHECKLIST.records.key]: { value: true }, [CHECKLIST.staff.key]: { value: 3 } },
      inspectedOn: chinaToday(),
    });
    const ordered = await inspector.post<{ rectificationOrders: { dueCertain: boolean | null }[]; deadlineCertain: boolean }>(`/api/inspection-tasks/${task!.id}/rectification-orders`, {
      requirements: '立即停止生产\n依法申领许可证',
      workingDays: days,
    });
    expect(ordered.rectificationOrders[0]!.dueCertain).toBe(false);
    expect(ordered.deadlineCertain).toBe(false);

    const { context, page } = await openPage(suite.browser, seed.officerSession);
    await page.goto('/inspection-tasks');
    await waitForShell(page);
    await page.getByTestId('search-form').getByLabel('统一社会信用代码').fill(task!.objectKey);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ hasText: task!.objectKey });
    await visible(row.getByTestId('uncertain-date'));
    expect(await row.getByTestId('uncertain-date').getAttribute('aria-label')).toContain('未载入节假日数据');

    await page.goto(`/inspection-tasks/${task!.id}`);
    await visible(page.getByTestId('task-header').getByTestId('uncertain-date'));
    await visible(page.getByTestId('rectification-order').getByTestId('uncertain-date'));
    // A hover under load can be missed by the tooltip: move away and hover again, up to three times.
    const mark = page.getByTestId('rectification-order').getByTestId('uncertain-date');
    const tooltip = page.getByRole('tooltip').getByText('该期限按未载入节假日数据的年份推算（按周一至周五计），可能不准确').first();
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.mouse.move(0, 0);
      await mark.hover();
      if (await tooltip.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) break;
    }
    await visible(tooltip);
    await context.close();
  });

  it('asks for a reason before planning for quarters that have all ended', async () => {
    const seed = await seedDrawnTasks(suite.admin, COUNTY, 1);
    const pool = await seed.officerSession.post<{ id: string; name: string }>('/api/object-pools', { name: `补录对象库${unique()}`, filter: { regionCode: COUNTY } });
    const { context, page } = await openPage(suite.browser, seed.officerSession);
    await page.goto('/inspection-plans');
    await waitForShell(page);
    await page.getByRole('button', { name: '制定抽查计划' }).click();
    const dialog = page.getByRole('dialog');
    const planName = `上年度补录${unique()}`;
    await dialog.getByLabel('计划名称').fill(planName);
    await choose(page, dialog, '抽查事项', seed.item.name);
    await choose(page, dialog, '检查对象名录库', pool.name);
    expect(await dialog.getByTestId('plan-past-warning').count()).toBe(0);
    await dialog.getByLabel('年度').fill(String(Number(chinaToday().slice(0, 4)) - 1));
    await visible(dialog.getByTestId('plan-past-warning'));
    // Without a reason the dialog does not send the plan.
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.getByText('所选季度均已结束，请说明仍要制定此计划的理由'));
    await dialog.getByLabel('补录理由').fill('上年度已完成现场检查，补录计划以便公示');
    const plan = (await saveDialog(page, /^\/api\/inspection-plans$/, 'POST', 201)) as { pastPeriodReason: string };
    expect(plan.pastPeriodReason).toBe('上年度已完成现场检查，补录计划以便公示');
    await visible(page.getByTestId('plan-header').getByText(planName));
    await visible(page.getByText('上年度已完成现场检查，补录计划以便公示'));
    await context.close();
  });

  it('labels a licence expiring tomorrow “30 天内到期” and corrects its details with a reason, shown on its timeline', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `更正${unique()}有限公司`, regionCode: COUNTY });
    const number = `XK-E2E-${unique()}`;
    const licence = await suite.admin.post<{ id: string }>('/api/licences', { uscc: enterprise.uscc, type: 'industrial_product', number, scope: '电线电缆', issuedOn: '2021-06-01', expiresOn: chinaDaysFromToday(1), issuer: '江苏省市场监督管理局' });

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/licences');
    await waitForShell(page);
    await page.getByTestId('search-form').getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ hasText: number });
    await visible(row.getByText(`${chinaDaysFromToday(1)}（30 天内到期）`));
    expect(await row.textContent()).not.toContain('90 天内');

    await page.goto(`/licences/${licence.id}`);
    await page.getByTestId('licence-correct').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('证书编号').fill(`${number}1`);
    await dialog.getByLabel('许可范围').fill('电线电缆（额定电压 450/750V 及以下）');
    await dialog.getByLabel('更正理由').fill('录入时证书编号少录末位，许可范围漏录产品单元');
    const corrected = (await saveDialog(page, new RegExp(`^/api/licences/${licence.id}$`), 'PATCH', 200)) as { number: string };
    expect(corrected.number).toBe(`${number}1`);
    const entry = page.getByTestId('licence-timeline').getByTestId('licence-correction');
    await visible(entry.getByText('信息更正'));
    await visible(entry.getByText('录入时证书编号少录末位，许可范围漏录产品单元'));
    expect(await entry.textContent()).toContain(`${number}1`);
    await visible(page.getByTestId('licence-fields').getByText('电线电缆（额定电压 450/750V 及以下）'));
    await context.close();
  });
});
