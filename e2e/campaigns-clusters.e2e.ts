/**
 * Issue 18 (执法办案), two staff modules: 专项执法行动 and 产业集聚区.
 *
 * 1. A city officer creates a campaign in the dialog of /campaigns (category, a period within the
 *    current year, the city and county bureaus, a pool of five tagged enterprises, an item, three to
 *    draw), commits its lottery, types the witnesses' input and reveals it: three are selected and
 *    three tasks made; the public record (no login) carries the plan's name 专项执法行动：<name>, and
 *    the report downloads answer.
 * 2. A city officer creates a cluster kept by list, adds an enterprise by its USCC — one with a
 *    final 不合格 spot-check sample (seeded through the API: a special plan, the institution, the
 *    draw, the 抽样单, the result, the notice and an objection refused) — and sees that sample on
 *    the cluster's overview (statistic and table); issues a 质量风险提示函 to the county government
 *    citing the sample as evidence (awaiting the reply), records the reply (replied, and it can be
 *    closed now) and downloads the notice as .docx.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible, waitForShell } from './support/browser';
import { buttonName, pickRadio } from './support/complaints';
import { BASE_URL, USER_PASSWORD, unique } from './support/env';
import { pickOption, seedInspectionWorld } from './support/inspections';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Today in China (UTC+8), as the server counts dates; the browser runs in Honolulu. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Picks the option whose whole text is `option` of the searchable antd Select labelled `label` (typing it first). */
async function chooseExact(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: exactly(option) }).first().click();
}

/** Waits for the call of `method` to a path matching `path`, after `action` (a click); expects `status` and answers the JSON. */
async function answered<T>(page: Page, method: string, path: RegExp, status: number, action: () => Promise<void>): Promise<T> {
  const response = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method);
  await action();
  const res = await response;
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** A 1×1 PNG and a minimal PDF (the 抽样单's photo and signatures, the test report). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n% e2e test report\n');

/** Uploads a sample's file through the API (multipart), as `session`. */
async function upload(session: ApiSession, sampleId: string, kind: string, fileName: string, content: Buffer, type: string): Promise<void> {
  const s = session as unknown as { cookie: string; csrf: string };
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(content)], { type }), fileName);
  const res = await fetch(`${BASE_URL}/api/spotcheck/samples/${sampleId}/files`, { method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf }, body: form });
  expect(res.status, await res.text()).toBe(201);
}

/**
 * A final 不合格 spot-check sample of `uscc` (its only producer) through the API, as spotchecks.e2e.ts
 * seeds one: a product, an institution with its account, a special plan of this year approved, the
 * institution chosen, the draw, two samplers, the 抽样单, the result (`failing` fails), the notice and
 * an objection refused (which makes the result final).
 */
async function seedFailedSample(admin: ApiSession, cityId: string, uscc: string, failing: string): Promise<{ id: string; sampleNo: string; productName: string }> {
  const u = unique();
  const tail = u.slice(-5).toUpperCase();
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const sampler = await admin.createUser({ username: `e2e_jjqs_${u}`, displayName: `抽样员${tail}`, password: USER_PASSWORD, orgId: cityId, roles: ['inspector'] });
  // the section head also holds city_officer's permissions: it plans, samples (with the inspector) and decides
  const headUser = await admin.createUser({ username: `e2e_jjqh_${u}`, displayName: `抽查科长${tail}`, password: USER_PASSWORD, orgId: cityId, roles: ['section_head', 'city_officer'] });
  const head = await ApiSession.login(`e2e_jjqh_${u}`, USER_PASSWORD);
  const code = `E2EJ${tail}`;
  const productName = `凹土干燥剂${tail}`;
  const items = ['标识', failing, '含水率'];
  const product = await head.post<{ id: string }>('/api/spotcheck/products', {
    code, name: productName, category: 'daily_consumer', impact: 3, batchCost: 1500, standards: ['GB/T 30919-2014'], sampleSize: 4, sampleUnit: '袋',
    testItems: items.map((name) => ({ name, requirement: '符合 GB/T 30919-2014', method: 'GB/T 30919-2014' })),
  });
  await head.post(`/api/spotcheck/products/${product.id}/producers`, { usccs: [uscc] });
  const institution = await head.post<{ id: string }>('/api/spotcheck/institutions', { name: `淮安市凹土制品检验中心${tail}`, local: true, cmaNo: `CMA${tail}`, cmaScope: [code], cmaValidUntil: `${year + 2}-12-31`, capacity: 50, price: 1500 });
  const account = await head.post<{ id: string }>(`/api/spotcheck/institutions/${institution.id}/accounts`, { username: `e2e_jjqi_${u}`, displayName: `检验中心${tail}`, password: USER_PASSWORD });
  await admin.post(`/api/users/${account.id}/reset-password`, { password: USER_PASSWORD, mustChangePassword: false });
  const inst = await ApiSession.login(`e2e_jjqi_${u}`, USER_PASSWORD);

  const plan = await head.post<{ id: string }>('/api/spotcheck/plans', { name: `${year}年凹土干燥剂专项抽查${tail}`, year, budget: 100_000, lines: [{ productId: product.id, batches: 1, quarter }] });
  await head.post(`/api/spotcheck/plans/${plan.id}/approve`);
  const [lot] = (await head.get<{ items: { id: string }[] }>(`/api/spotcheck/lots?planId=${plan.id}`)).items;
  await inst.post(`/api/spotcheck/lots/${lot!.id}/applications`, { price: 1500, capacity: 5 });
  await head.post(`/api/spotcheck/lots/${lot!.id}/selection`, {});
  const draw = await head.post<{ drawId: string }>(`/api/spotcheck/lots/${lot!.id}/draws`);
  const [drawn] = (await head.post<{ samples: { id: string; sampleNo: string }[] }>(`/api/spotcheck/draws/${draw.drawId}/reveal`, { witnessInput: 'e2e' })).samples;
  const id = drawn!.id;
  await head.post(`/api/spotcheck/samples/${id}/assign`, { samplerIds: [headUser.id, sampler.id] });
  await upload(head, id, 'photo', 'photo.png', PNG, 'image/png');
  await upload(head, id, 'signature', 's1.png', PNG, 'image/png');
  await upload(head, id, 'signature', 's2.png', PNG, 'image/png');
  await head.call('PUT', `/api/spotcheck/samples/${id}/record`, { sampledOn: today, place: '成品仓库', batchNo: 'B1', quantitySampled: 4, baseCount: 200, pricePaid: 60, sealNumbers: ['F1'], enterpriseSigner: '王某' });
  await upload(inst, id, 'report', 'report.pdf', PDF, 'application/pdf');
  await inst.post(`/api/spotcheck/samples/${id}/result`, { items: items.map((item) => ({ item, requirement: '', measured: item === failing ? '不符合' : '符合', pass: item !== failing })), conclusion: 'fail', reportNo: `R${tail}`, reportedOn: today });
  await head.post(`/api/spotcheck/samples/${id}/notify`);
  const objection = await head.post<{ id: string }>(`/api/spotcheck/samples/${id}/objection`, { filedOn: today, reason: '对检验结果有异议', items: [] });
  await head.post(`/api/spotcheck/objections/${objection.id}/decide`, { accept: false, reason: '异议理由不成立' });
  const sample = await head.get<{ finalConclusion: string | null }>(`/api/spotcheck/samples/${id}`);
  expect(sample.finalConclusion).toBe('fail');
  return { id, sampleNo: drawn!.sampleNo, productName };
}

describe('campaigns and clusters (issue 18)', () => {
  it('a city officer creates a campaign, commits and reveals its lottery; the tasks are made and the public record names the campaign', async () => {
    const admin = suite.admin;
    const w = await seedInspectionWorld(admin);
    const orgs = await admin.orgs();
    const city = orgs.find((o) => o.type === 'city_bureau')!;
    const county = w.county;
    // two eligible inspectors for each of the five tagged enterprises: `first` and `second` (with the item's specialty)
    await admin.call('PUT', `/api/inspectors/${w.second.id}`, { certificateNo: `JC${w.suffix}C`, specialties: [w.specialty] });
    const itemName = `专项行动检查${w.suffix}`;
    await admin.post('/api/inspection-items', {
      name: itemName,
      sectionId: w.section.id,
      legalBasis: '《中华人民共和国产品质量法》第十五条',
      targetKind: 'enterprise',
      specialty: w.specialty,
      checklist: [{ key: 'q1', text: '是否建立进货查验记录', answerType: 'yes_no', required: true, finding: { text: '未建立进货查验记录', severity: 'minor' } }],
      resultCategories: ['未发现问题', '发现问题已责令整改'],
    });
    const user = await admin.createUser({ username: `e2e_zx_${w.suffix}`, displayName: `市局专项${w.suffix.slice(-5)}`, password: USER_PASSWORD, orgId: city.id, roles: ['city_officer'] });
    const officer = await ApiSession.login(user.username, USER_PASSWORD);
    const poolName = `专项对象${w.suffix}`;
    await officer.post('/api/object-pools', { name: poolName, filter: { tag: w.tag } });

    const name = `儿童用品质量专项${w.suffix}`;
    const today = chinaToday();
    const endOn = `${today.slice(0, 4)}-12-31`;
    const { context, page } = await openPage(suite.browser, officer);
    await page.goto('/campaigns');
    await waitForShell(page);
    await page.getByTestId('campaign-create').click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('新建专项执法行动'));
    await dialog.getByLabel('名称', { exact: true }).fill(name);
    await pickOption(page, dialog, '产品类别', '儿童用品');
    const period = dialog.locator('.ant-picker-range input');
    await period.nth(0).click();
    await period.nth(0).fill(today);
    await period.nth(1).click();
    await period.nth(1).fill(endOn);
    await period.nth(1).press('Tab');
    expect(await period.nth(0).inputValue()).toBe(today);
    expect(await period.nth(1).inputValue()).toBe(endOn);
    await chooseExact(page, dialog, '参加单位', city.name);
    await chooseExact(page, dialog, '参加单位', county.name);
    await dialog.getByText('新建专项执法行动').click(); // closes the bureaus' dropdown (it stays open to pick more)
    await dialog.getByLabel('对象库', { exact: true }).click();
    await dialog.getByLabel('对象库', { exact: true }).fill(poolName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: poolName }).first().click();
    await chooseExact(page, dialog, '检查事项', itemName);
    await dialog.getByLabel('抽取数量').fill('3');
    const created = await answered<{ id: string; status: string; plan: { name: string } }>(page, 'POST', /^\/api\/campaigns$/, 201, () =>
      dialog.getByRole('button', { name: buttonName('新建专项行动') }).click(),
    );
    expect(created).toMatchObject({ status: 'running', plan: { name: `专项执法行动：${name}` } });
    await page.waitForURL(`**/campaigns/${created.id}`);
    const header = page.getByTestId('campaign-header');
    await visible(header.getByText(name));
    await visible(header.getByText('进行中'));
    const fields = page.getByTestId('campaign-fields');
    await visible(fields.getByText(poolName));
    await visible(fields.getByText(itemName));
    await visible(fields.getByRole('link', { name: `专项执法行动：${name}` }));

    // the lottery: freeze and publish the commitment, the witnesses' input, the reveal (each after its confirmation)
    const draw = page.getByTestId('campaign-draw');
    await page.getByTestId('campaign-commit').click();
    const committed = await answered<{ id: string; commitment: string }>(page, 'POST', new RegExp(`^/api/campaigns/${created.id}/draws$`), 201, () =>
      page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('冻结候选并公布承诺') }).click(),
    );
    await visible(draw.getByText('已冻结并公布承诺值'));
    await visible(draw.getByText(committed.commitment));
    const witness = `见证人 ${w.suffix} 骰子 5`;
    await page.getByLabel('见证人输入').fill(witness);
    await page.getByTestId('campaign-reveal').click();
    const revealed = await answered<{ status: string; selectedCount: number }>(page, 'POST', new RegExp(`^/api/draws/${committed.id}/reveal$`), 200, () =>
      page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('揭晓抽取结果') }).click(),
    );
    expect(revealed).toMatchObject({ status: 'revealed', selectedCount: 3 });
    const result = page.getByTestId('campaign-revealed');
    await visible(result.getByText('抽中 3 户'));
    expect(await result.getByText('检查任务生成中').count()).toBe(0);
    const total = page.getByTestId('campaign-tasks').locator('.ant-statistic').filter({ hasText: '任务总数' });
    expect((await total.locator('.ant-statistic-content-value').innerText()).trim()).toBe('3');
    expect(await page.getByTestId('campaign-commit').count()).toBe(0);

    // the report downloads answer (the officer's session)
    for (const [testId, type] of [
      ['campaign-report-docx', DOCX],
      ['campaign-report-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const href = await page.getByTestId(testId).getAttribute('href');
      expect(href).toBe(`/api/campaigns/${created.id}/report.${testId.endsWith('docx') ? 'docx' : 'xlsx'}`);
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
    }

    // the public record, without login: the plan's name says it is this campaign; the same witness input
    const publicHref = await page.getByTestId('campaign-public-draw').getAttribute('href');
    expect(publicHref).toBe(`/public/draws/${committed.id}`);
    await context.close();
    const visitor = await openPage(suite.browser);
    await visitor.page.goto(publicHref!);
    await visible(visitor.page.getByText(`专项执法行动：${name}`));
    await visible(visitor.page.getByTestId('draw-seed'));
    expect((await visitor.page.getByTestId('draw-commitment').innerText()).trim()).toBe(committed.commitment);
    await visible(visitor.page.getByText(witness));
    await visitor.context.close();
  });

  it('a city officer creates a cluster by list, adds an enterprise, sees its spot check, issues a risk notice citing it, records the reply and downloads the notice', { timeout: 120_000 }, async () => {
    const admin = suite.admin;
    const u = unique();
    const city = (await admin.orgs()).find((o) => o.type === 'city_bureau')!;
    const enterprise = await admin.createEnterprise({ name: `涟水县凹土制品${u}有限公司`, regionCode: COUNTY });
    const user = await admin.createUser({ username: `e2e_jjq_${u}`, displayName: `市局集聚${u.slice(-5)}`, password: USER_PASSWORD, orgId: city.id, roles: ['city_officer'] });
    const officer = await ApiSession.login(user.username, USER_PASSWORD);
    const sample = await seedFailedSample(admin, city.id, enterprise.uscc, '吸附率');
    const name = `涟水凹土产业集群${u}`;

    const { context, page } = await openPage(suite.browser, officer);
    await page.goto('/clusters');
    await waitForShell(page);
    await page.getByTestId('cluster-create').click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('新建产业集聚区'));
    await dialog.getByLabel('名称', { exact: true }).fill(name);
    await dialog.getByLabel('区划', { exact: true }).click();
    await dialog.getByLabel('区划', { exact: true }).fill('涟水县');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '涟水县' }).first().click();
    await dialog.getByLabel('主导产业').fill('凹凸棒石黏土制品');
    await pickRadio(dialog, '企业范围', '按企业名单');
    await dialog.getByLabel('企业标签', { exact: true }).waitFor({ state: 'detached' });
    const cluster = await answered<{ id: string; memberMode: string; regionCode: string }>(page, 'POST', /^\/api\/clusters$/, 201, () => dialog.getByRole('button', { name: buttonName('保存') }).click());
    expect(cluster).toMatchObject({ memberMode: 'list', regionCode: COUNTY });
    await page.waitForURL(`**/clusters/${cluster.id}`);
    await visible(page.getByTestId('cluster-header').getByText(name));

    // the enterprise, by its USCC
    await page.getByRole('tab', { name: '企业', exact: true }).click();
    await page.getByTestId('cluster-add-member').click();
    await dialog.getByLabel('统一社会信用代码').fill(enterprise.uscc.toLowerCase());
    await answered(page, 'POST', new RegExp(`^/api/clusters/${cluster.id}/members$`), 201, () => dialog.getByRole('button', { name: buttonName('保存') }).click());
    await dialog.waitFor({ state: 'hidden' });
    const member = page.getByTestId('cluster-members').getByRole('row').filter({ hasText: enterprise.uscc });
    await visible(member.getByRole('link', { name: enterprise.name }));
    await visible(page.getByTestId('cluster-fields').getByText('按企业名单'));
    // the cluster's count of enterprises (bordered descriptions: a th for the label, the next td its value)
    const count = page.getByTestId('cluster-fields').locator('th').filter({ hasText: exactly('企业数') }).locator('xpath=following-sibling::td[1]');
    await visible(count.getByText('1', { exact: true }));

    // the member's spot check on the overview: counted, failed, listed with a link to the sample's page
    await page.getByRole('tab', { name: '质量状况', exact: true }).click();
    await visible(page.getByTestId('spotcheck-stat').getByText('（不合格 1）'));
    const spot = page.getByTestId('cluster-spotchecks').getByRole('row').filter({ hasText: sample.sampleNo });
    await visible(spot.getByText(enterprise.name));
    await visible(spot.getByText(sample.productName));
    await visible(spot.getByTestId('spotcheck-fail'));
    await visible(spot.getByText('吸附率', { exact: true }));
    expect(await spot.getByRole('link', { name: sample.sampleNo }).getAttribute('href')).toBe(`/spotcheck-samples/${sample.id}`);

    // the 质量风险提示函 to the county government
    await page.getByRole('tab', { name: '风险提示函', exact: true }).click();
    await page.getByTestId('notice-issue').click();
    await visible(dialog.getByText('质量风险提示函'));
    const government = '涟水县人民政府';
    await dialog.getByLabel('致送单位（当地政府）').fill(government);
    const problem = dialog.getByTestId('notice-problem').first();
    await problem.getByLabel('问题概述').fill(`凹土制品标识不规范${u}`);
    await problem.getByLabel('具体情况').fill('部分企业产品未标注执行标准和生产日期');
    // the spot check as evidence, picked from the overview's
    await problem.getByRole('button', { name: /添加证据/ }).click();
    const evidence = problem.getByTestId('notice-evidence').first();
    const pick = async (label: string, option: string) => {
      await evidence.getByRole('combobox', { name: label, exact: true }).click({ force: true });
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    };
    await pick('证据类型', '监督抽查');
    await pick('证据', sample.sampleNo);
    await dialog.getByLabel('工作建议').fill('督促企业落实质量安全主体责任\n组织开展标准宣贯');
    const issued = await answered<{ id: string; documentNo: string; status: string; replyDueOn: string; issuedOn: string; problems: { evidence: unknown[] }[] }>(page, 'POST', new RegExp(`^/api/clusters/${cluster.id}/risk-notices$`), 201, () =>
      dialog.getByRole('button', { name: buttonName('制发风险提示函') }).click(),
    );
    expect(issued.status).toBe('awaiting_reply');
    expect(issued.problems[0]!.evidence).toEqual([{ type: 'spot_check', ref: sample.sampleNo, label: `${enterprise.name} · ${sample.productName} · ${chinaToday()} · 不合格项目：吸附率` }]);
    expect(issued.issuedOn).toBe(chinaToday());
    expect(issued.documentNo).toMatch(/质险〔\d{4}〕\d+号$/);
    await dialog.waitFor({ state: 'hidden' });
    const card = page.getByTestId('risk-notice').filter({ hasText: issued.documentNo });
    await visible(card.getByText('待回复', { exact: true }));
    await visible(card.getByText(government));
    await visible(card.getByText(`1. 凹土制品标识不规范${u}`));
    expect(await card.getByTestId('notice-overdue').count()).toBe(0);

    // the government's reply
    await card.getByTestId('notice-reply-action').click();
    await visible(dialog.getByText('登记政府回复'));
    const reply = `县政府已部署专项整治，${u}`;
    await dialog.getByLabel('回复内容').fill(reply);
    const replied = await answered<{ status: string; reply: string }>(page, 'POST', new RegExp(`^/api/cluster-risk-notices/${issued.id}/reply$`), 200, () => dialog.getByRole('button', { name: buttonName('保存') }).click());
    expect(replied).toMatchObject({ status: 'replied', reply });
    await dialog.waitFor({ state: 'hidden' });
    await visible(card.getByText('已回复', { exact: true }));
    await visible(card.getByTestId('notice-reply').getByText(reply));
    expect(await card.getByTestId('notice-reply-action').count()).toBe(0);
    await visible(card.getByTestId('notice-close'));

    // the notice as .docx
    const href = await card.getByTestId('notice-download').getAttribute('href');
    expect(href).toBe(`/api/cluster-risk-notices/${issued.id}/document`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain(DOCX);
    expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });
});
