/**
 * Issue 16 (特种设备, 企业端) on a phone: an enterprise account opens its special equipment from its
 * home page, reports a self-inspection with a hazard of its elevator, then the hazard's correction
 * with a photo; the county officer sees the hazard corrected and the enterprise's self-correction
 * rate (one earlier hazard due and corrected on time: 100 %, against the 90 % target).
 * With E2E_SHOTS_DIR set, the pages are also photographed on a phone and a desktop.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { choose, openPage, pickDate, visible } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { chinaToday, enterpriseAccountSession, openPhonePage, shoot } from './support/enterprise-accounts';
import { TINY_PNG } from './support/inspection-tasks';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';

/** A date `days` before today in China, as YYYY-MM-DD. */
const daysAgo = (days: number) => new Date(Date.parse(`${chinaToday()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A valid citizen ID number (GB 11643 check digit), born in 1990 in 涟水县. */
function idNumber(): string {
  const body = `3208261990${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

interface Hazard {
  id: string;
  description: string;
  correctedOn: string | null;
}

describe('special equipment, enterprise self-inspection (issue 16)', () => {
  it('an enterprise reports a self-inspection hazard and its correction; the officer sees it corrected and the self-correction rate', async () => {
    const u = unique();
    const bureau = await suite.admin.countyBureau(COUNTY);
    const officerUser = await suite.admin.createUser({ username: `eqoff${u}`, password: USER_PASSWORD, displayName: `特设科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(officerUser.username, USER_PASSWORD);
    const enterprise = await suite.admin.createEnterprise({ name: `电梯使用${u}有限公司`, regionCode: COUNTY });
    const equipmentCode = `E2E${u}`.toUpperCase().replace(/[^0-9A-Z]/g, '');
    const unit = await officer.post<{ id: string; equipmentCode: string }>('/api/equipment', {
      category: '3000',
      userUscc: enterprise.uscc,
      regionCode: COUNTY,
      address: '涟水县安东路 1 号商场',
      putIntoServiceOn: '2020-05-01',
      equipmentCode,
      registrationNo: `梯11苏H${u}`,
    });

    // an earlier self-inspection hazard, due and corrected on time: the rate has one hazard due
    // (found 3 days ago: the same year as today's except on 1–3 January)
    const earlier = await officer.post<{ hazards: Hazard[] }>('/api/equipment-self-inspections', {
      userUscc: enterprise.uscc,
      inspectedOn: daysAgo(3),
      hazards: [{ equipmentId: unit.id, description: '轿厢应急照明不亮', level: 'general', correctionDueOn: daysAgo(1) }],
    });
    await officer.post(`/api/equipment-hazards/${earlier.hazards[0]!.id}/correct`, { correctedOn: daysAgo(2), note: '已更换应急照明电池' });

    const account = await enterpriseAccountSession(officer, enterprise.uscc, `qyeq${u}`);

    // 1. the enterprise's home page links its special equipment: the elevator is listed
    const { page } = await openPhonePage(suite.browser, account);
    await page.goto('/');
    await page.getByTestId('self-entry-equipment').click();
    await page.waitForURL(/\/my\/equipment$/);
    await visible(page.getByTestId('my-unit').filter({ hasText: equipmentCode }));
    await shoot(page, 'eq-01-my-equipment');
    await page.getByTestId('my-unit').filter({ hasText: equipmentCode }).click();
    await visible(page.getByTestId('my-unit-detail').getByText('轿厢应急照明不亮'));
    await shoot(page, 'eq-02-my-unit');

    // 2. a self-inspection with one hazard of the elevator
    await page.goto('/my/equipment');
    await page.getByTestId('my-eq-self-inspection').click();
    const form = page.getByTestId('self-inspection-form');
    await visible(form);
    await form.getByLabel('自查情况').fill('对全部电梯进行了月度自查');
    const hazard = form.getByTestId('self-hazard');
    await choose(page, hazard, '设备', equipmentCode);
    const description = `层门门锁触点磨损${u}`;
    await hazard.getByLabel('隐患描述').fill(description);
    await shoot(page, 'eq-03-self-inspection');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/equipment-self-inspections') && r.request().method() === 'POST');
    await form.getByRole('button', { name: '报告自查结果' }).click();
    expect((await sent).status()).toBe(201);
    await page.waitForURL(/\/my\/equipment\/hazards$/);
    const row = page.getByTestId('my-hazard').filter({ hasText: description });
    await visible(row.getByText('待整改'));
    await shoot(page, 'eq-04-my-hazards');

    // 3. its correction, with a photo as evidence
    await row.click();
    const detail = page.getByTestId('my-hazard-detail');
    await visible(detail.getByText(description));
    await detail.getByRole('button', { name: '报告整改' }).click();
    const correction = page.getByTestId('correction-form');
    await correction.getByLabel('整改情况').fill('已更换层门门锁触点并试运行正常');
    await correction.locator('input[type=file]').setInputFiles({ name: '门锁更换.png', mimeType: 'image/png', buffer: TINY_PNG });
    await visible(correction.getByText('门锁更换.png'));
    await shoot(page, 'eq-05-correction-form');
    const corrected = page.waitForResponse((r) => r.url().endsWith('/correct') && r.request().method() === 'POST');
    await correction.getByRole('button', { name: '报告整改' }).click();
    expect((await corrected).status()).toBe(200);
    await visible(detail.getByTestId('hazard-state').getByText('已整改'));
    await visible(detail.getByRole('link', { name: /门锁更换\.png/ }));
    await shoot(page, 'eq-06-corrected');

    // 4. the county officer: the hazard is corrected, with the enterprise's evidence
    const desk = await openPage(suite.browser, officer);
    const op = desk.page;
    await op.setViewportSize({ width: 1366, height: 900 });
    await op.goto(`/equipment/hazards?userUscc=${enterprise.uscc}`);
    const officerRow = op.locator('.ant-table-row').filter({ hasText: description });
    await visible(officerRow.getByText('已整改'));
    await shoot(op, 'eq-07-officer-hazards');
    await officerRow.getByRole('link').first().click();
    const facts = op.getByTestId('hazard-facts');
    await visible(facts.getByText('已更换层门门锁触点并试运行正常'));
    expect(await facts.getByTestId('hazard-corrected-on').innerText()).toBe(chinaToday());
    await visible(facts.getByText('企业'));
    await visible(facts.getByRole('link', { name: /门锁更换\.png/ }));
    await shoot(op, 'eq-08-officer-hazard');

    // 5. the self-correction rate of the enterprise this year: 2 found, 1 due, corrected on time — 100 %, meets 90 %
    await op.goto(`/equipment/self-correction?uscc=${enterprise.uscc}`);
    const figure = op.getByTestId('sc-enterprise');
    await visible(figure.getByTestId('sc-rate').getByText('100.0%'));
    await visible(figure.getByText('达到 90.0% 目标'));
    await shoot(op, 'eq-09-self-correction');
    const rate = await officer.get<{ found: number; due: number; correctedOnTime: number; rate: number }>(`/api/equipment-stats/self-correction?userUscc=${enterprise.uscc}`);
    expect(rate).toMatchObject({ found: 2, due: 1, correctedOnTime: 1, rate: 1 });
  });

  it('the officer registers an operator (ID number masked), the administrator reveals it (audited); the enterprise page shows the tier and 持证上岗率', async () => {
    const u = unique();
    const bureau = await suite.admin.countyBureau(COUNTY);
    const officerUser = await suite.admin.createUser({ username: `eqop${u}`, password: USER_PASSWORD, displayName: `特设科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(officerUser.username, USER_PASSWORD);
    const enterprise = await suite.admin.createEnterprise({ name: `起重机械使用${u}有限公司`, regionCode: COUNTY });
    const id = idNumber();
    const masked = `${id.slice(0, 6)}********${id.slice(-4)}`;

    // 1. the officer registers an operator with a certificate: the ID number is masked from then on
    const desk = await openPage(suite.browser, officer);
    const page = desk.page;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/equipment/operators');
    await page.getByRole('button', { name: '登记作业人员' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(`张${u.slice(-3)}`);
    await dialog.getByLabel('身份证号').fill(id);
    await dialog.getByLabel('用人单位信用代码').fill(enterprise.uscc);
    await choose(page, dialog, '作业项目', 'N1');
    await dialog.getByLabel('证书编号').fill(`TZ-${u}`);
    await pickDate(dialog.getByLabel('发证日期'), '2024-03-01');
    await shoot(page, 'eq-10-operator-form');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/equipment-operators') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/equipment\/operators\/[0-9a-f-]+$/);
    await expect.poll(() => page.getByTestId('operator-id-number').innerText()).toBe(masked);
    await visible(page.getByText('2028-03-01'));
    expect(await page.getByRole('button', { name: '查看完整身份证号' }).count()).toBe(0);
    await shoot(page, 'eq-11-operator');
    const operatorUrl = page.url();
    await page.goto(`/equipment/operators?employerUscc=${enterprise.uscc}`);
    await visible(page.getByTestId('masked-id').getByText(masked));
    await shoot(page, 'eq-12-operators');

    // 2. the administrator (equipment.operator_pii) reveals the full number after being told it is audited
    const admin = await openPage(suite.browser, suite.admin);
    const ap = admin.page;
    await ap.setViewportSize({ width: 1366, height: 900 });
    await ap.goto(new URL(operatorUrl).pathname);
    await expect.poll(() => ap.getByTestId('operator-id-number').innerText()).toBe(masked);
    await ap.getByRole('button', { name: '查看完整身份证号' }).click();
    await visible(ap.getByText('每次查看都会记入审计日志'));
    const revealed = ap.waitForResponse((r) => r.url().includes('reveal=true'));
    await ap.locator('.ant-popconfirm').getByRole('button', { name: '查看完整身份证号' }).click();
    expect((await revealed).status()).toBe(200);
    await expect.poll(() => ap.getByTestId('operator-id-number').innerText()).toBe(id);
    await shoot(ap, 'eq-13-operator-revealed');

    // 3. the enterprise page's equipment-safety tab: its forklift is covered by the N1 operator (100 %); the tier, recomputed, with its reasons
    const forklift = await officer.post<{ equipmentCode: string }>('/api/equipment', {
      category: '5000',
      userUscc: enterprise.uscc,
      regionCode: COUNTY,
      address: '涟水县工业园区 8 号仓库',
      putIntoServiceOn: '2021-06-01',
      equipmentCode: `CC${u}`.toUpperCase().replace(/[^0-9A-Z]/g, ''),
    });
    await page.goto(`/enterprises/${enterprise.uscc}?tab=equipment-safety`);
    const coverage = page.getByTestId('operator-coverage');
    await visible(coverage.getByText(forklift.equipmentCode));
    await visible(coverage.getByTestId('coverage-rate').getByText('100.0%'));
    const tier = page.getByTestId('tier-card');
    await tier.getByRole('button', { name: '重新计算' }).click();
    await visible(tier.getByTestId('tier-tag'));
    await visible(tier.getByTestId('tier-reasons').locator('.ant-table-row').first());
    await shoot(page, 'eq-14-enterprise-tab');
    for (const [path, name] of [
      ['/equipment/operators/expiring', 'eq-15-expiring'],
      ['/equipment/exams', 'eq-16-exams'],
      ['/equipment/emergency', 'eq-17-emergency'],
      ['/equipment/self-correction', 'eq-18-self-correction-county'],
      ['/equipment/notices', 'eq-19-notices'],
    ] as const) {
      await page.goto(path);
      await visible(page.locator('.ant-card').first());
      await shoot(page, name);
    }
    await ap.goto('/equipment/tier-models');
    await visible(ap.locator('.ant-table-row').first());
    await shoot(ap, 'eq-20-tier-models');
  });
});
