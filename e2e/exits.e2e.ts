/** Journey through exit supervision: a complaint that the holder no longer meets the conditions, the investigation, the revocation. */
import { describe, expect, it } from 'vitest';
import { choose, openPage, visible, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

describe('exit supervision', () => {
  it('opens a conditions_lost procedure on a licence, records findings without a justified reason, revokes, and lists the decision document', async () => {
    const enterprise = await suite.admin.createEnterprise({ name: `退出${unique()}有限公司`, regionCode: '320826' });
    const number = `XK-EXIT-${unique()}`;
    const licence = await suite.admin.issueLicence(enterprise.uscc, number);
    const bureau = await suite.admin.countyBureau('320826');
    const investigatorName = `核查员${unique().slice(-4)}`;
    await suite.admin.createUser({ username: `inv${unique()}`.toLowerCase(), password: USER_PASSWORD, displayName: investigatorName, orgId: bureau.id, roles: ['county_officer'] });

    const { context, page } = await openPage(suite.browser, suite.admin);
    await page.goto(`/licences/${licence.id}`);
    await waitForShell(page);

    // open the procedure from the licence page
    await page.getByRole('button', { name: '启动退出程序' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^不再具备许可条件/ }).check();
    await choose(page, dialog, '来源', '投诉举报');
    await dialog.getByLabel('反映或决定单位').fill('12315 投诉举报');
    await dialog.getByLabel('反映或决定内容').fill('企业生产场所已搬离，现场无生产设备');
    await choose(page, dialog, '核查人员', investigatorName);
    await dialog.getByLabel('核查期限').fill('10');
    const opened = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/licence-exits' && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '确定' }).click();
    expect((await opened).status()).toBe(201);
    await page.waitForURL('**/licence-exits/*');

    const header = page.getByTestId('exit-header');
    await visible(header.getByText('调查核实'));
    const documents = page.getByTestId('exit-documents');
    await visible(documents.getByText(`核查通知书-工业产品生产许可证-${number}.docx`));
    expect(await page.getByTestId('exit-fields').textContent()).toContain(investigatorName);

    // the investigation finds no justified reason
    const step = page.getByTestId('exit-step-form');
    await step.getByLabel('核查情况').fill('现场核查，生产设备已全部搬离，企业无法说明理由');
    await step.getByRole('radio', { name: '无正当理由' }).check();
    const investigated = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/investigation'));
    await step.getByRole('button', { name: '记录核查结果' }).click();
    expect((await investigated).status()).toBe(200);
    await visible(header.getByText('待决定'));

    // the decision: revocation is the only outcome offered
    expect(await step.getByRole('radio').count()).toBe(1);
    await step.getByRole('radio', { name: '吊销许可证' }).check();
    await step.getByLabel('决定理由').fill('经调查核实，企业不再具备许可条件且无正当理由');
    await step.getByLabel('法律依据').fill('《中华人民共和国工业产品生产许可证管理条例》第四十五条');
    const documentNo = `淮市监许决〔2026〕${unique()}号`;
    await step.getByLabel('决定书文号').fill(documentNo);
    const decided = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/decision'));
    await step.getByRole('button', { name: '作出决定' }).click();
    expect((await decided).status()).toBe(200);

    await visible(header.getByText('已办结'));
    const fields = page.getByTestId('exit-fields');
    await visible(fields.getByText('吊销', { exact: true }));
    expect(await fields.textContent()).toContain(documentNo);
    const decisionFile = `吊销许可证决定书-工业产品生产许可证-${number}.docx`;
    await visible(documents.getByText(decisionFile));
    const download = page.waitForEvent('download');
    await documents.getByRole('link', { name: new RegExp(decisionFile) }).click();
    expect((await download).suggestedFilename()).toBe(decisionFile);

    // the licence itself is revoked, and no new procedure can start on it
    await fields.getByRole('link', { name: number }).click();
    await page.waitForURL(`**/licences/${licence.id}`);
    await visible(page.getByTestId('licence-header').getByText('吊销'));
    await visible(page.getByTestId('licence-exits').getByText('已办结'));
    expect(await page.getByRole('button', { name: '启动退出程序' }).count()).toBe(0);
    await context.close();
  });
});
