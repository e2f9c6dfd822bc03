/**
 * Issue 17 (投诉举报), "Done means": a named complaint (投诉) against an enterprise of 涟水县 that
 * has an account (企业端). The county officer accepts it and starts mediation; the enterprise sees
 * it under /my/complaints — never the complainant's name or phone — and answers; the officer
 * closes it with the mediation agreed; the complainant reads the result on the tracking page.
 * With E2E_SHOTS_DIR set, the pages are also photographed on a phone and a desktop.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible } from './support/browser';
import { act, buttonName, fakeReporter, fileComplaint, openFromList, pickRadio, track } from './support/complaints';
import { enterpriseAccountSession, openPhonePage, shoot } from './support/enterprise-accounts';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';

describe('complaints, mediation with the enterprise (issue 17)', () => {
  it('a named complaint: accepted, mediated with the enterprise’s account (which never sees the complainant), closed as agreed, the result read by the complainant', async () => {
    const u = unique();
    const enterprise = await suite.admin.createEnterprise({ name: `家电销售${u}有限公司`, regionCode: COUNTY });
    const bureau = await suite.admin.countyBureau(COUNTY);
    const officerUser = await suite.admin.createUser({ username: `tjoff${u}`, password: USER_PASSWORD, displayName: `调解科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
    const officer = await ApiSession.login(officerUser.username, USER_PASSWORD);
    const account = await enterpriseAccountSession(officer, enterprise.uscc, `qyts${u}`);
    const reporter = fakeReporter();
    const masked = `${reporter.phone.slice(0, 3)}****${reporter.phone.slice(-4)}`;
    const description = `在${enterprise.name}购买的电热水器使用两周后漏水，商家拒绝退换${u}`;
    const answer = `我公司已与消费者联系，同意退货并全额退款${u}。`;
    const publicResult = `经调解，双方达成一致：商家同意退货并全额退还货款${u}。本投诉办结。`;

    const filed = await fileComplaint({ kind: 'complaint', subjectUscc: enterprise.uscc, subjectName: enterprise.name, topic: 'product_quality', category: 'product_defect', product: '电热水器', description, reporter });

    // 1. the officer: the complainant masked; accepts, starts mediation
    const desk = await openPage(suite.browser, officer);
    const op = desk.page;
    await op.setViewportSize({ width: 1366, height: 900 });
    await openFromList(op, filed.trackingNo);
    const fields = op.getByTestId('complaint-text');
    await visible(fields.getByText(description));
    await visible(fields.getByText(masked, { exact: false }));
    expect(await fields.innerText()).not.toContain(reporter.phone);
    expect((await act(op, 'accept', '受理')).status).toBe('accepted');
    expect((await act(op, 'mediate', '调解')).status).toBe('mediating');
    await visible(op.getByTestId('complaint-header').getByText('调解中'));
    await shoot(op, 'tj-01-officer-mediating');

    // 2. the enterprise's account, on a phone: the complaint to answer, without the complainant
    const { page } = await openPhonePage(suite.browser, account);
    await page.goto('/my/complaints');
    const row = page.getByTestId('my-complaint-row').filter({ hasText: filed.trackingNo });
    await visible(row.getByText('待答复'));
    await shoot(page, 'tj-02-my-complaints');
    await row.click();
    await page.waitForURL(/\/my\/complaints\/[0-9a-f-]{36}$/);
    const detail = page.getByTestId('my-complaint');
    await visible(detail.getByText(description));
    const answerForm = page.getByTestId('my-complaint-answer');
    await visible(answerForm);
    const seen = await page.locator('body').innerText();
    for (const secret of [reporter.name, reporter.phone, masked]) expect(seen).not.toContain(secret);
    await answerForm.getByLabel('企业答复').fill(answer);
    await shoot(page, 'tj-03-my-complaint-answer');
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/answer') && r.request().method() === 'POST');
    await answerForm.getByRole('button', { name: buttonName('提交答复') }).click();
    expect((await answered).status()).toBe(200);
    await visible(detail.getByText(answer));
    const after = await page.locator('body').innerText();
    for (const secret of [reporter.name, reporter.phone, masked]) expect(after).not.toContain(secret);
    await shoot(page, 'tj-04-my-complaint-answered');

    // 3. the officer reads the answer and closes: mediation agreed
    await op.reload();
    await visible(op.getByTestId('complaint-outcome').getByText(answer));
    const closed = await act(op, 'close', '办结', async (dialog) => {
      await pickRadio(dialog, '调解结果', '调解成功');
      await pickRadio(dialog, '是否属实', '是');
      await dialog.getByLabel('反馈举报人的处理结果（将在公开页面显示）').fill(publicResult);
    });
    expect(closed.status).toBe('closed');
    await visible(op.getByTestId('complaint-outcome').getByText('调解成功'));
    await shoot(op, 'tj-05-officer-closed');

    // 4. the complainant, on a phone: the result
    const reader = await openPhonePage(suite.browser);
    const item = await track(reader.page, filed.trackingNo, filed.accessCode);
    await visible(item.getByTestId('track-status').getByText('已办结'));
    await visible(item.getByTestId('track-result').getByText(publicResult));
    await visible(item.getByTestId('track-timeline').getByText('被投诉方已答复'));
    await visible(item.getByTestId('track-rate'));
    await shoot(reader.page, 'tj-06-public-result');

    // the enterprise sees the closed mediation and its result, still without the complainant
    await page.reload();
    await visible(detail.getByText(publicResult));
    expect(await page.locator('body').innerText()).not.toContain(reporter.name);
  });
});
