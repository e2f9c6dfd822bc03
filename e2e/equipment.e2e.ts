/**
 * Journey through the special-equipment registry: an officer registers an elevator whose next
 * periodic inspection is already past, sees it flagged 逾期未检 on its page, in the register and in
 * the due list, records a passing inspection, and the flag is gone with the next due date one year
 * after the inspection (the elevator default). Without login, the public look-up by registration
 * number and the enterprise's public record agree.
 * With E2E_SHOTS_DIR set, the pages are also photographed on a phone and a desktop.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, openPage, pickDate, saveDialog, visible, waitForShell } from './support/browser';
import { chinaToday, shoot } from './support/enterprise-accounts';
import { unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

/** `date` (YYYY-MM-DD) moved by whole days. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The same day a year later (the inspection date is never Feb 29 here). */
const nextYear = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/** The register's row of a unit, found by its code through the search form's address. */
async function registerRow(page: Page, code: string) {
  await page.goto(`/equipment?q=${code}`);
  const row = page.getByRole('row').filter({ hasText: code });
  await visible(row);
  return row;
}

describe('special equipment', () => {
  it('an elevator registered past its due date is flagged overdue until a passing inspection clears the flag and sets the next due date a year on', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `梯联${unique()}物业有限公司`, regionCode: '320826' });
    const stamp = unique().toUpperCase();
    const code = `3110E2E${stamp}`.slice(0, 32);
    const registrationNo = `梯11苏H${stamp}`;
    const today = chinaToday();
    const pastDue = addDays(today, -40);
    // never Feb 29: a year on is then the same month and day
    const inspectedOn = today.slice(5) === '03-01' ? addDays(today, -2) : addDays(today, -1);
    const newDue = nextYear(inspectedOn);

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto('/equipment');
    await waitForShell(page);

    // register the elevator with the due date its last inspection left (already past)
    await page.getByRole('button', { name: '登记设备' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, '设备类别', '电梯');
    await choose(page, dialog, '设备品种', '曳引与强制驱动电梯');
    await dialog.getByLabel('设备代码').fill(code.toLowerCase());
    expect(await dialog.getByLabel('设备代码').inputValue()).toBe(code);
    await dialog.getByLabel('使用登记证编号').fill(registrationNo);
    await dialog.getByLabel('使用单位统一社会信用代码').fill(enterprise.uscc);
    await choose(page, dialog, '所在区域', '涟水县');
    await dialog.getByLabel('设备使用地点').fill('涟水县某小区 2 号楼 1 单元');
    await choose(page, dialog, '重点场所', '住宅小区');
    await pickDate(dialog.getByLabel('投入使用日期'), '2018-06-01');
    await pickDate(dialog.getByLabel('下次检验日期（已知时填写）'), pastDue);
    const created = (await saveDialog(page, /^\/api\/equipment$/, 'POST', 201)) as { id: string; overdue: boolean; nextInspectionDue: string };
    expect(created).toMatchObject({ overdue: true, nextInspectionDue: pastDue });

    // the unit's page: overdue in the header and at its due date
    await page.waitForURL(`**/equipment/${created.id}`);
    const header = page.getByTestId('unit-header');
    await visible(header.getByText(code));
    await visible(header.locator('[data-flag="overdue"]'));
    expect(await page.getByTestId('unit-next-due').textContent()).toMatch(new RegExp(`${pastDue}.*逾期 40 天`));
    await shoot(page, 'equipment-unit-overdue');

    // the register and the due list flag it too
    const row = await registerRow(page, code);
    await visible(row.locator('[data-flag="overdue"]'));
    await page.goto('/equipment/due?regionCode=320826');
    const dueRow = page.getByRole('row').filter({ hasText: code });
    await visible(dueRow.locator('[data-flag="overdue"]'));
    await shoot(page, 'equipment-due-list');

    // record a passing periodic inspection
    await page.goto(`/equipment/${created.id}`);
    await page.getByRole('button', { name: '登记检验' }).click();
    const form = page.getByRole('dialog');
    await pickDate(form.getByLabel('检验日期'), inspectedOn);
    await choose(page, form, '检验结论', '合格');
    await form.getByLabel('检验机构').fill('淮安市特种设备安全监督检验所');
    await form.getByLabel('检验报告编号').fill(`TJ-${stamp}`);
    const recorded = (await saveDialog(page, new RegExp(`^/api/equipment/${created.id}/inspections$`), 'POST', 201)) as { nextInspectionDue: string; overdue: boolean };
    expect(recorded).toMatchObject({ nextInspectionDue: newDue, overdue: false });

    // the flag is gone, the new due date shown; the inspection and the history list it
    await visible(page.getByTestId('inspection-recorded').getByText(newDue));
    await expect.poll(() => header.locator('[data-flag="overdue"]').count()).toBe(0);
    expect(await page.getByTestId('unit-next-due').textContent()).toContain(newDue);
    const inspections = page.getByTestId('unit-inspections').getByRole('row').filter({ hasText: `TJ-${stamp}` });
    await visible(inspections.getByText('合格'));
    expect(await inspections.textContent()).toContain(newDue);
    await visible(page.getByTestId('unit-history').getByText('登记检验'));
    await shoot(page, 'equipment-unit-inspected');

    const cleared = await registerRow(page, code);
    expect(await cleared.locator('[data-flag]').count()).toBe(0);
    expect(await cleared.textContent()).toContain(newDue);
    await context.close();

    // the public look-up by registration number, without login: not overdue, the new due date, no personal data
    const visitor = await openPage(suite.browser);
    await visitor.page.goto('/public/equipment');
    const input = visitor.page.getByLabel('使用登记证编号');
    await input.fill(registrationNo);
    await input.press('Enter');
    const found = visitor.page.getByTestId('public-equipment');
    await visible(found.getByText(enterprise.name));
    const text = await found.textContent();
    for (const part of ['电梯', '在用', newDue]) expect(text).toContain(part);
    expect(await found.locator('[data-flag="overdue"]').count()).toBe(0);
    expect(text).not.toContain(enterprise.uscc);
    await shoot(visitor.page, 'equipment-public-lookup');

    // the enterprise's public record counts its units by category
    await visitor.page.goto('/public/enterprise');
    const search = visitor.page.getByLabel('统一社会信用代码');
    await search.fill(enterprise.uscc);
    await search.press('Enter');
    const counts = visitor.page.getByTestId('public-equipment-counts');
    await visible(counts.getByRole('row').filter({ hasText: '电梯' }));
    expect(await counts.getByRole('row').filter({ hasText: '电梯' }).textContent()).toContain('1');
    await visible(counts.getByText('无逾期未检设备'));
    await visitor.context.close();
  });
});
