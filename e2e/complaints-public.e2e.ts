/**
 * Issue 17 (投诉举报), "Done means": on a phone, an anonymous member of the public reports (举报)
 * an enterprise of 涟水县 with a photo and gets a tracking number and an access code; an officer
 * of 涟水县, where the report was routed, finds it in the list, accepts it, records the
 * verification (substantiated, no case) and closes it with the text for the reporter; the
 * reporter reads that text on the tracking page and says they are satisfied.
 * With E2E_SHOTS_DIR set, the pages are also photographed on a phone and a desktop.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible } from './support/browser';
import { act, buttonName, inputOf, openFromList, pickRadio, track } from './support/complaints';
import { openPhonePage, shoot } from './support/enterprise-accounts';
import { USER_PASSWORD, unique } from './support/env';
import { TINY_PNG } from './support/inspection-tasks';
import { pickOption } from './support/inspections';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';

describe('complaints and reports, the public side (issue 17)', () => {
  it('an anonymous report on a phone, with a photo, to the county officer’s closure and the reporter reading the result', async () => {
    const u = unique();
    const enterprise = await suite.admin.createEnterprise({ name: `无证生产嫌疑${u}有限公司`, regionCode: COUNTY });
    const bureau = await suite.admin.countyBureau(COUNTY);
    const officerUser = await suite.admin.createUser({ username: `tsoff${u}`, password: USER_PASSWORD, displayName: `投诉科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(officerUser.username, USER_PASSWORD);
    const description = `${enterprise.name}在厂房内无证生产建筑用钢筋，晚上开工${u}`;
    const publicResult = `经核查，您反映的问题属实，已责令当事人停止生产并整改${u}。感谢您的监督。`;

    // 1. the public, on a phone, without signing in: an anonymous report with a photo
    const { page } = await openPhonePage(suite.browser);
    await page.goto('/public/complaints/new');
    const form = page.getByTestId('complaint-form');
    await visible(form);
    await form.getByRole('radio', { name: /^举报/ }).check();
    await pickOption(page, form, '事项类别', '产品质量');
    await pickOption(page, form, '具体问题', '无证生产');
    await form.getByLabel('企业或商户名称').fill(enterprise.name);
    await inputOf(form.getByTestId('subject-uscc')).fill(enterprise.uscc);
    await form.getByLabel('具体地点').fill('涟水县经济开发区厂房');
    await form.getByLabel('具体情况').fill(description);
    await form.getByTestId('complaint-files').locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: TINY_PNG });
    await visible(form.getByText('现场照片.png'));
    await form.getByTestId('anonymous').click();
    await expect.poll(() => form.getByTestId('anonymous').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => form.getByLabel('姓名', { exact: true }).count()).toBe(0);
    await shoot(page, 'ts-01-public-report');
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/public/complaints' && r.request().method() === 'POST');
    await page.getByTestId('complaint-submit').click();
    expect((await sent).status()).toBe(201);
    const submitted = page.getByTestId('complaint-submitted');
    await visible(submitted);
    const trackingNo = (await submitted.getByTestId('tracking-no').innerText()).match(/TS\d{14}/)?.[0];
    const accessCode = (await submitted.getByTestId('access-code').innerText()).match(/[2-9A-Z]{10}/)?.[0];
    expect(trackingNo).toBeDefined();
    expect(accessCode).toBeDefined();
    await shoot(page, 'ts-02-public-submitted');

    // 2. the officer of 涟水县: finds it, accepts it, records the verification and closes it
    const desk = await openPage(suite.browser, officer);
    const op = desk.page;
    await op.setViewportSize({ width: 1366, height: 900 });
    await openFromList(op, trackingNo!);
    await visible(op.getByTestId('complaint-text').getByText(description));
    await visible(op.getByTestId('complaint-files').getByText('现场照片.png'));
    await visible(op.getByTestId('complaint-text').getByText('匿名', { exact: true }));
    await shoot(op, 'ts-03-officer-item');
    expect((await act(op, 'accept', '受理')).status).toBe('verifying');
    await act(op, 'verify', '核查结论', async (dialog) => {
      await pickRadio(dialog, '是否属实', '是');
      await pickRadio(dialog, '是否立案', '否');
      await dialog.getByLabel('核查情况').fill('现场检查发现当事人未取得生产许可证生产建筑用钢筋，已责令停止生产。');
    });
    await visible(op.getByTestId('complaint-outcome').getByText('是否属实'));
    const closed = await act(op, 'close', '办结', async (dialog) => {
      await dialog.getByLabel('反馈举报人的处理结果（将在公开页面显示）').fill(publicResult);
    });
    expect(closed.status).toBe('closed');
    await visible(op.getByTestId('complaint-header').getByText('已办结'));
    await visible(op.getByTestId('complaint-outcome').getByText(publicResult));
    await shoot(op, 'ts-04-officer-closed');

    // 3. the reporter, on the phone: the result and the rating
    const item = await track(page, trackingNo!, accessCode!);
    await visible(item.getByTestId('track-status').getByText('已办结'));
    await visible(item.getByTestId('track-result').getByText(publicResult));
    await visible(item.getByTestId('track-timeline').getByText('核查完毕'));
    await shoot(page, 'ts-05-public-result');
    const rate = item.getByTestId('track-rate');
    await rate.getByText('满意', { exact: true }).click();
    await expect.poll(() => rate.getByRole('radio', { name: '满意', exact: true }).isChecked()).toBe(true);
    await rate.getByLabel('意见（选填）').fill('处理及时');
    const rated = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/satisfaction') && r.request().method() === 'POST');
    await rate.getByRole('button', { name: buttonName('提交评价') }).click();
    expect((await rated).status()).toBe(200);
    const done = item.getByTestId('track-rated');
    await visible(done.getByText('您的评价：满意'));
    await shoot(page, 'ts-06-public-rated');

    // the officer sees the satisfaction; the public page never named anyone
    await op.reload();
    await visible(op.getByTestId('complaint-outcome').getByText('处理及时'));
    expect(await page.locator('body').innerText()).not.toContain(officerUser.displayName);
  });
});
