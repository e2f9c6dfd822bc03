/**
 * Journey through a random inspection (双随机、一公开): a section head sets up the item and the
 * inspector pool, a county officer makes a pool and a plan, runs the draw ceremony (commit, witness
 * input, reveal), and anyone sees the same record on the public page.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { PublicRecord } from '../web/src/modules/inspections/draws/drawRecord';
import { ApiSession } from './support/api';
import { choose, openPage, visible, waitForShell, saveDialog } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { commitDrawInUi, pickOption, revealDrawInUi, seedInspectionWorld, type InspectionWorld } from './support/inspections';
import { useSuite } from './support/suite';

const suite = useSuite();
const REGION = '320826';

/** The section head adds the item (checklist of two questions, reordered) and the last inspector. */
async function configure(w: InspectionWorld, itemName: string): Promise<void> {
  const session = await ApiSession.login(w.sectionHead.username, USER_PASSWORD);
  const { context, page } = await openPage(suite.browser, session);
  await page.goto('/inspection-items');
  await waitForShell(page);
  await page.getByRole('button', { name: '新增抽查事项' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('事项名称').fill(itemName);
  await choose(page, dialog, '主管科室', w.section.name);
  await dialog.getByLabel('所需专业领域').fill(w.specialty);
  await dialog.getByLabel('检查依据').fill('《中华人民共和国产品质量法》第十五条');
  const categories = dialog.getByLabel('检查结果分类');
  for (const category of ['未发现问题', '发现问题已责令整改']) {
    await categories.fill(category);
    await categories.press('Enter');
  }
  await page.keyboard.press('Escape'); // close the tags dropdown
  // question 1 (yes/no with a finding), question 2 (text), then question 2 moved up
  const cards = dialog.getByTestId('question-card');
  await cards.nth(0).getByLabel('问题内容').fill('是否建立进货查验记录');
  await cards.nth(0).getByLabel('回答“否”时记录的问题').fill('未建立进货查验记录');
  await dialog.getByRole('button', { name: '添加问题' }).click();
  await pickOption(page, cards.nth(1), '回答方式', '文字');
  await cards.nth(1).getByLabel('问题内容').fill('抽查产品名称及批号');
  expect(await cards.nth(1).getByLabel('回答“否”时记录的问题').count()).toBe(0);
  await cards.nth(1).getByRole('button', { name: '上移' }).click();
  expect(await cards.nth(0).getByLabel('问题标识').inputValue()).toBe('q2');
  const item = (await saveDialog(page, /^\/api\/inspection-items$/, 'POST', 201)) as { checklist: { key: string; finding?: unknown }[] };
  expect(item.checklist.map((q) => q.key)).toEqual(['q2', 'q1']);
  expect(item.checklist[1]!.finding).toEqual({ text: '未建立进货查验记录', severity: 'minor' });
  const row = page.getByRole('row').filter({ hasText: itemName });
  await visible(row.getByText('2 项检查内容'));

  await page.goto('/inspectors');
  await page.getByRole('button', { name: '列入名录库' }).click();
  await choose(page, dialog, '用户', w.second.displayName);
  await dialog.getByLabel('执法证号').fill(`JC${w.suffix}C`);
  const specialties = dialog.getByLabel('专业领域');
  await specialties.fill(w.specialty);
  await specialties.press('Enter');
  await page.keyboard.press('Escape');
  await saveDialog(page, /^\/api\/inspectors\//, 'PUT', 201);
  await visible(page.getByRole('row').filter({ hasText: w.second.displayName }).getByText(`JC${w.suffix}C`));
  await context.close();
}

describe('random inspections', () => {
  it('a section head sets up the item and the pool; an officer plans, cancels a first draw, commits, takes the witness input and reveals; the public page shows the same record', { timeout: 120_000 }, async () => {
    const w = await seedInspectionWorld(suite.admin);
    const itemName = `产品质量监督抽查${w.suffix}`;
    const poolName = `涟水名录${w.suffix}`;
    const planName = `${new Date().getFullYear()}年涟水抽查${w.suffix}`;
    await configure(w, itemName);

    // the officer: an object pool of the five tagged enterprises, then a plan over it
    const officer = await ApiSession.login(w.officer.username, USER_PASSWORD);
    const { context, page } = await openPage(suite.browser, officer);
    await page.goto('/object-pools');
    await waitForShell(page);
    await page.getByRole('button', { name: '新建名录库' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名录库名称').fill(poolName);
    await dialog.getByLabel('标签').fill(w.tag);
    await saveDialog(page, /^\/api\/object-pools$/, 'POST', 201);
    const poolRow = page.getByRole('row').filter({ hasText: poolName });
    await visible(poolRow.getByText(`标签：${w.tag}`));
    expect(await poolRow.getByRole('cell').nth(3).textContent()).toBe('5');

    await page.goto('/inspection-plans');
    await page.getByRole('button', { name: '制定抽查计划' }).click();
    await dialog.getByLabel('计划名称').fill(planName);
    await choose(page, dialog, '抽查事项', itemName);
    await choose(page, dialog, '检查对象名录库', poolName);
    expect(await dialog.getByLabel('D 类').inputValue()).toBe('100');
    await dialog.getByLabel('最少抽取数').fill('3');
    await saveDialog(page, /^\/api\/inspection-plans$/, 'POST', 201);
    await page.waitForURL('**/inspection-plans/*');
    await visible(page.getByTestId('plan-header').getByText(planName));

    // step 1: five unclassified candidates (B's 5 % gives 1), topped up to the minimum of 3
    const preview = page.getByTestId('draw-preview');
    await visible(preview.getByText('合计抽取 3 户'));
    const unclassified = preview.getByRole('row').filter({ hasText: '未评级' });
    expect((await unclassified.getByRole('cell').allTextContents()).slice(1)).toEqual(['5', '3']);

    // step 2: freeze; the commitment and the candidate hash are shown for the witnesses
    // a first draw is cancelled: it stays in the history with its reason, and the plan can be drawn again
    const cancelledDraw = await commitDrawInUi(page);
    await page.getByRole('button', { name: '作废本次抽取' }).click();
    await dialog.getByLabel('作废理由').fill('见证人未到场');
    const cancelled = page.waitForResponse((r) => /\/cancel$/.test(r.url()));
    await dialog.getByRole('button', { name: '作废本次抽取' }).click();
    expect((await cancelled).status()).toBe(200);
    const cancelledRow = page.getByTestId('draw-history').getByRole('row').filter({ hasText: '已作废' });
    await visible(cancelledRow.getByText(/见证人未到场/));
    // a second window left on step 1 (another officer's, say) while the draw goes on in the first
    const stale = await context.newPage();
    await stale.goto(page.url());
    await visible(stale.getByTestId('draw-preview').getByText('合计抽取 3 户'));
    const commit = await commitDrawInUi(page);
    expect(commit.commitment).not.toBe(cancelledDraw.commitment);
    const commitment = await page.getByTestId('draw-commitment').innerText();
    expect(commitment.trim()).toBe(commit.commitment);
    expect((await page.getByTestId('draw-candidates-hash').innerText()).trim()).toBe(commit.candidatesHash);
    expect(await page.getByTestId('draw-seed').count()).toBe(0);

    // steps 3 and 4: the witness input, then the reveal (after a confirmation)
    const witness = `见证人 ${w.suffix} 报数 7`;
    const record = await revealDrawInUi(page, witness);
    expect(record.commitment).toBe(commit.commitment);
    expect(record.witnessInput).toBe(witness);
    // the drawn objects' USCCs, as opened at the reveal (the strata list blinded ids)
    const selected = record.openings!.map((o) => o.key);
    expect(selected).toHaveLength(3);

    expect((await page.getByTestId('draw-seed').innerText()).trim()).toBe(record.seed);
    const selection = await page.getByTestId('draw-selection').innerText();
    for (const uscc of selected) expect(selection).toContain(uscc);
    // every drawn object gets the two inspectors with the specialty and no conflict; the others are excluded with their rule
    const assignments = page.getByTestId('draw-assignments');
    for (const uscc of selected) {
      const row = assignments.getByRole('row').filter({ hasText: uscc });
      const text = await row.innerText();
      for (const name of [w.first.displayName, w.second.displayName]) expect(text).toContain(name);
      expect(text).toContain(`${w.conflicted.displayName}（JC${w.suffix}A）：声明回避`);
      expect(text).toContain(`${w.unskilled.displayName}（JC${w.suffix}D）：专业领域不符`);
    }
    await visible(page.getByTestId('draw-history').getByText('已揭晓'));

    // a plan is drawn once: the stale window's commit is refused, and it says so and shows the revealed draw
    const refused = stale.waitForResponse((r) => /\/draws$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await stale.getByRole('button', { name: '封存候选名单' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('DRAW_REVEALED');
    await visible(stale.getByText('该计划的抽取已经揭晓，不能重新抽取'));
    expect((await stale.getByTestId('draw-seed').innerText()).trim()).toBe(record.seed);
    expect(await stale.getByRole('button', { name: '封存候选名单' }).count()).toBe(0);
    await context.close();

    // anyone, without login: the public list, the record with the same seed and selection, and its download
    const visitor = await openPage(suite.browser);
    await visitor.page.goto('/public/draws?status=revealed'); // the cancelled draw of the same plan is public too
    await visitor.page.getByRole('link', { name: planName }).click();
    await visitor.page.waitForURL(`**/public/draws/${record.id}`);
    await visible(visitor.page.getByTestId('draw-seed'));
    expect((await visitor.page.getByTestId('draw-seed').innerText()).trim()).toBe(record.seed);
    expect((await visitor.page.getByTestId('draw-commitment').innerText()).trim()).toBe(commitment.trim());
    const publicSelection = await visitor.page.getByTestId('draw-selection').innerText();
    for (const uscc of selected) expect(publicSelection).toContain(uscc);
    await visible(visitor.page.getByTestId('verify-panel').getByRole('button', { name: '在本机核验' }));
    expect(await visitor.page.getByText('npx').count()).toBe(0);

    const download = visitor.page.waitForEvent('download');
    await visitor.page.getByRole('link', { name: /下载记录/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`draw-${record.id}.json`);
    const downloaded = JSON.parse(await readFile((await file.path())!, 'utf8')) as PublicRecord;
    expect(downloaded.seed).toBe(record.seed);
    expect(downloaded.strata.map((s) => s.selected)).toEqual(record.strata.map((s) => s.selected));
    await visitor.context.close();
  });

  it('an officer applies the metrology template (10 % of last year’s new certificates): the pool and the plan are made and the plan opens', async () => {
    const u = unique();
    const year = new Date().getFullYear();
    const [county, section] = await Promise.all([suite.admin.countyBureau(REGION), suite.admin.orgs().then((orgs) => orgs.find((o) => o.type === 'city_section')!)]);
    const itemName = `计量标准监督检查${u}`;
    await suite.admin.post('/api/inspection-items', {
      name: itemName,
      sectionId: section.id,
      legalBasis: '《计量标准考核办法》',
      targetKind: 'enterprise',
      checklist: [{ key: 'q1', text: '计量标准是否在有效期内', answerType: 'yes_no', required: true }],
      resultCategories: ['未发现问题'],
    });
    // a holder whose certificate was issued last year
    const enterprise = await suite.admin.createEnterprise({ name: `计量${u}有限公司`, regionCode: REGION });
    await suite.admin.post('/api/licences', { uscc: enterprise.uscc, type: 'metrology_standard', number: `[${year - 1}]苏量标E2E${u}`, issuedOn: `${year - 1}-06-01`, issuer: '淮安市市场监督管理局' });
    const user = await suite.admin.createUser({ username: `e2e_tpl_${u}`, password: USER_PASSWORD, orgId: county.id, roles: ['county_officer'] });

    const { context, page } = await openPage(suite.browser, await ApiSession.login(user.username, USER_PASSWORD));
    await page.goto('/inspection-plans');
    await waitForShell(page);
    await page.getByRole('button', { name: '按模板新建' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('定期检查一般一年检查一次'));
    await dialog.getByText('上年度新取得证（含复查）企业抽查 10%').click();
    await visible(dialog.getByText('抽查10%上年度新取得证（包括复查）企业'));
    expect(await dialog.getByRole('spinbutton', { name: '年度' }).inputValue()).toBe(String(year));
    await choose(page, dialog, '抽查事项', itemName);
    await pickOption(page, dialog, '许可证类型', '计量标准考核证书');
    const applied = page.waitForResponse((r) => /^\/api\/inspection-plan-templates\/[^/]+\/apply$/.test(new URL(r.url()).pathname));
    await dialog.getByRole('button', { name: '建立计划' }).click();
    const response = await applied;
    expect(response.status()).toBe(201);
    const { plan } = (await response.json()) as { plan: { id: string } };
    await page.waitForURL(`**/inspection-plans/${plan.id}`);
    const header = page.getByTestId('plan-header');
    await visible(header.getByText(`${year}年上年度新取得证（含复查）企业抽查 10%（计量标准考核证书）`));
    expect(await header.textContent()).toContain('A 10% · B 10% · C 10% · D 10%');
    // the holder is in the new pool: at least one object to draw
    await visible(page.getByTestId('draw-preview').getByText(/合计抽取 [1-9]\d* 户/));
    await context.close();
  });
});
