/**
 * Issue 19 (产品质量监督抽查), "Done means": a browser journey from plan generation to a published
 * result. Seeded through the API: a city officer, a city inspector and a section head; a testing
 * institution with its account; two products — one whose only batch this year passed (a special
 * plan of this year walked through the API to a final 合格: its objection refused), so that it is
 * above 95 % this year, and the product of the journey with one producer.
 *
 * In the browser: the officer generates next year's plan (the first product is excluded, 高于 95%),
 * the section head approves it (its lots appear); the institution applies to the journey's lot; the
 * officer chooses the institution and draws the enterprise (commit, reveal with the witnesses'
 * input) and names two samplers; the sampler fills the 抽样单 on a phone-size screen with a photo
 * and both signatures; the institution enters the results (不合格) with its report; the officer
 * issues the notice and records its receipt; the enterprise's objection (from a letter) is refused by
 * the section head, which makes the result final; the officer drafts a bulletin with the sample and
 * the section head publishes it; the public results page shows the sample as 不合格.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, visible } from './support/browser';
import { BASE_URL, USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();
const COUNTY = '320826';
/** A 1×1 PNG and a minimal PDF. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n% e2e test report\n');

/** Today in China (the server's day). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface Sample {
  id: string;
  sampleNo: string;
  status: string;
  conclusion: string | null;
  finalConclusion: string | null;
  objection: { id: string; status: string } | null;
}

/** Uploads a sample's file through the API (multipart), as `session`. */
async function upload(session: ApiSession, sampleId: string, kind: string, fileName: string, content: Buffer, type: string): Promise<void> {
  const s = session as unknown as { cookie: string; csrf: string };
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(content)], { type }), fileName);
  const res = await fetch(`${BASE_URL}/api/spotcheck/samples/${sampleId}/files`, { method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf }, body: form });
  expect(res.status, await res.text()).toBe(201);
}

/** Clicks the Popconfirm's OK button (named `ok`) after `trigger`. */
async function confirm(page: Page, trigger: Locator, ok: string | RegExp): Promise<void> {
  await trigger.click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: ok }).click();
}

/** Waits for an API answer (path pattern, method) while `act` runs; expects `status`. */
async function answered<T>(page: Page, path: RegExp, method: string, act: () => Promise<void>, status = 200): Promise<T> {
  const response = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method, { timeout: 30_000 });
  await act();
  const r = await response;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

describe('product quality spot checks (issue 19)', () => {
  it('from plan generation to a published result', { timeout: 180_000 }, async () => {
    const u = unique();
    const tail = u.slice(-5).toUpperCase();
    const admin = suite.admin;
    const year = Number(chinaToday().slice(0, 4));
    const quarter = Math.floor((Number(chinaToday().slice(5, 7)) - 1) / 3) + 1;
    const orgs = await admin.orgs();
    const city = orgs.find((o) => o.type === 'city_bureau')!;

    // ---- seed: staff, the institution and its account, products and producers
    const mk = (prefix: string, displayName: string, roles: string[]) => admin.createUser({ username: `${prefix}${u}`, password: USER_PASSWORD, displayName, orgId: city.id, roles });
    const officerUser = await mk('scoff', `抽查科员${tail}`, ['city_officer']);
    const inspectorUser = await mk('scins', `抽样员${tail}`, ['inspector']);
    await mk('schead', `抽查科长${tail}`, ['section_head']);
    const officer = await ApiSession.login(`scoff${u}`, USER_PASSWORD);
    const head = await ApiSession.login(`schead${u}`, USER_PASSWORD);

    const hiCode = `E2EH${tail}`;
    const code = `E2EP${tail}`;
    const items = (names: string[]) => names.map((name) => ({ name, requirement: '符合 GB 6675.2-2014', method: 'GB 6675.2-2014' }));
    const hi = await officer.post<{ id: string }>('/api/spotcheck/products', { code: hiCode, name: `陶瓷砖${tail}`, category: 'building_materials', impact: 3, batchCost: 1500, testItems: items(['吸水率', '破坏强度', '尺寸偏差']), standards: ['GB/T 4100-2015'], sampleSize: 10, sampleUnit: '块' });
    const product = await officer.post<{ id: string }>('/api/spotcheck/products', { code, name: `儿童玩具${tail}`, category: 'children', impact: 5, batchCost: 2800, testItems: items(['小零件', '锐利边缘', '可迁移元素']), standards: ['GB 6675.2-2014'], sampleSize: 6, sampleUnit: '件' });
    const enterprise = await admin.createEnterprise({ name: `涟水县童乐玩具${u}有限公司`, regionCode: COUNTY });
    const other = await admin.createEnterprise({ name: `涟水县瓷韵建材${u}有限公司`, regionCode: COUNTY });
    await officer.post(`/api/spotcheck/products/${product.id}/producers`, { usccs: [enterprise.uscc] });
    await officer.post(`/api/spotcheck/products/${hi.id}/producers`, { usccs: [other.uscc] });

    const institution = await head.post<{ id: string; name: string }>('/api/spotcheck/institutions', {
      name: `淮安市产品质量检验测试中心${tail}`, local: true, cmaNo: `CMA${tail}`, cmaScope: [hiCode, code], cmaValidUntil: `${year + 2}-12-31`, capacity: 50, price: 1800,
    });
    const account = await head.post<{ id: string }>(`/api/spotcheck/institutions/${institution.id}/accounts`, { username: `scinst${u}`, displayName: `检验中心${tail}`, password: USER_PASSWORD });
    // the account's password is an initial one: reset without the change at first sign-in
    await admin.post(`/api/users/${account.id}/reset-password`, { password: USER_PASSWORD, mustChangePassword: false });
    const inst = await ApiSession.login(`scinst${u}`, USER_PASSWORD);

    // ---- seed: this year's result of the first product — one batch, 合格, final (its objection refused)
    const special = await officer.post<{ id: string }>('/api/spotcheck/plans', { name: `${year}年陶瓷砖专项抽查${tail}`, year, budget: 100_000, lines: [{ productId: hi.id, batches: 1, quarter }] });
    await head.post(`/api/spotcheck/plans/${special.id}/approve`);
    const [hiLot] = (await officer.get<{ items: { id: string }[] }>(`/api/spotcheck/lots?planId=${special.id}`)).items;
    await inst.post(`/api/spotcheck/lots/${hiLot!.id}/applications`, { price: 1500, capacity: 5 });
    await officer.post(`/api/spotcheck/lots/${hiLot!.id}/selection`, {});
    const hiDraw = await officer.post<{ drawId: string }>(`/api/spotcheck/lots/${hiLot!.id}/draws`);
    const [hiSample] = (await officer.post<{ samples: { id: string }[] }>(`/api/spotcheck/draws/${hiDraw.drawId}/reveal`, { witnessInput: 'e2e' })).samples;
    const hs = hiSample!.id;
    await officer.post(`/api/spotcheck/samples/${hs}/assign`, { samplerIds: [officerUser.id, inspectorUser.id] });
    await upload(officer, hs, 'photo', 'photo.png', PNG, 'image/png');
    await upload(officer, hs, 'signature', 's1.png', PNG, 'image/png');
    await upload(officer, hs, 'signature', 's2.png', PNG, 'image/png');
    await officer.call('PUT', `/api/spotcheck/samples/${hs}/record`, { sampledOn: chinaToday(), place: '成品仓库', batchNo: 'B1', quantitySampled: 10, baseCount: 200, pricePaid: 120, sealNumbers: ['F1'], enterpriseSigner: '王某' });
    await upload(inst, hs, 'report', 'report.pdf', PDF, 'application/pdf');
    await inst.post(`/api/spotcheck/samples/${hs}/result`, { items: ['吸水率', '破坏强度', '尺寸偏差'].map((item) => ({ item, requirement: '', measured: '符合', pass: true })), conclusion: 'pass', reportNo: `R${tail}`, reportedOn: chinaToday() });
    await officer.post(`/api/spotcheck/samples/${hs}/notify`);
    const hiObjection = await officer.post<{ id: string }>(`/api/spotcheck/samples/${hs}/objection`, { filedOn: chinaToday(), reason: '对抽样程序有异议', items: [] });
    await head.post(`/api/spotcheck/objections/${hiObjection.id}/decide`, { accept: false, reason: '异议理由不成立' });
    expect((await officer.get<Sample>(`/api/spotcheck/samples/${hs}`)).finalConclusion).toBe('pass');

    // ---- 1. the officer generates next year's plan: the first product is left out (above 95 %)
    const { page: op } = await openPage(suite.browser, officer);
    await op.goto('/spotcheck/plans');
    await op.getByTestId('plan-generate').click();
    const generate = op.getByRole('dialog');
    await visible(generate);
    await generate.getByTestId('generate-budget').fill('2000000');
    const plan = await answered<{ id: string; year: number; excluded: { productCode: string }[] }>(op, /\/api\/spotcheck\/plans\/generate$/, 'POST', () => generate.locator('.ant-modal-footer .ant-btn-primary').click(), 201);
    expect(plan.year).toBe(year + 1);
    expect(plan.excluded.map((e) => e.productCode)).toContain(hiCode);
    if (!op.url().includes(plan.id)) await op.goto(`/spotcheck/plans/${plan.id}`);
    const excluded = op.getByTestId('plan-excluded');
    await visible(excluded.getByText(hiCode));
    await visible(excluded.getByText(/高于 ?95%/).first());

    // ---- 2. the section head approves it: the lots appear
    const { page: hp } = await openPage(suite.browser, head);
    await hp.goto(`/spotcheck/plans/${plan.id}`);
    await answered(hp, new RegExp(`/api/spotcheck/plans/${plan.id}/approve$`), 'POST', () => confirm(hp, hp.getByTestId('plan-approve'), /批\s*准/));
    await visible(hp.getByTestId('plan-lots').getByText(`儿童玩具${tail}`).first());
    const lots = (await officer.get<{ items: { id: string; productCode: string; lotNo: string }[] }>(`/api/spotcheck/lots?planId=${plan.id}&pageSize=100`)).items;
    const lot = lots.find((l) => l.productCode === code)!;
    expect(lot).toBeTruthy();

    // ---- 3. the institution applies to the lot
    const { page: ip } = await openPage(suite.browser, inst);
    await ip.goto('/spotcheck/open-lots');
    const row = ip.locator('tr', { hasText: lot.lotNo });
    await row.getByTestId('open-lot-apply').click();
    const apply = ip.getByRole('dialog');
    await visible(apply);
    await apply.getByTestId('apply-price').fill('1700');
    await apply.getByTestId('apply-capacity').fill('10');
    await answered(ip, new RegExp(`/api/spotcheck/lots/${lot.id}/applications$`), 'POST', () => apply.locator('.ant-modal-footer .ant-btn-primary').click(), 201);

    // ---- 4. the officer chooses the institution, then draws the enterprise (commit, reveal with witnesses' input)
    await op.goto(`/spotcheck/lots/${lot.id}`);
    await answered(op, new RegExp(`/api/spotcheck/lots/${lot.id}/selection$`), 'POST', () => confirm(op, op.getByTestId('lot-select'), /选\s*定|确\s*定/));
    await visible(op.getByTestId('selection-chosen'));
    await answered(op, new RegExp(`/api/spotcheck/lots/${lot.id}/draws$`), 'POST', () => confirm(op, op.getByTestId('draw-commit'), /冻结候选企业/), 201);
    await op.getByTestId('draw-reveal-witness').fill(`e2e 见证人输入 ${u}`);
    const revealed = await answered<{ samples: { id: string; enterpriseName: string }[] }>(op, /\/api\/spotcheck\/draws\/[^/]+\/reveal$/, 'POST', () => confirm(op, op.getByTestId('draw-reveal'), /揭\s*晓|确\s*定/));
    expect(revealed.samples.map((s) => s.enterpriseName)).toEqual([enterprise.name]);
    const sampleId = revealed.samples[0]!.id;

    // ---- 5. two samplers named
    await op.goto(`/spotcheck-samples/${sampleId}`);
    const picker = op.getByTestId('sampler-picker');
    for (const name of [officerUser.displayName, inspectorUser.displayName]) {
      await picker.click();
      await op.keyboard.type(name);
      await op.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
    }
    await op.keyboard.press('Escape');
    await answered(op, new RegExp(`/api/spotcheck/samples/${sampleId}/assign$`), 'POST', () => op.getByTestId('assign-submit').click());

    // ---- 6. the sampler fills the 抽样单 on a phone: a photo, two signatures, the form
    const { context: phoneCtx } = await openPage(suite.browser, officer);
    const phone = await phoneCtx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`/spotcheck-samples/${sampleId}`);
    await visible(phone.getByTestId('record-card'));
    await answered(phone, new RegExp(`/api/spotcheck/samples/${sampleId}/files$`), 'POST', () => phone.getByTestId('camera-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG }), 201);
    for (const pad of ['sign-sampler', 'sign-enterprise']) {
      const canvas = phone.getByTestId(pad).locator('canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await phone.mouse.move(box.x + 20, box.y + 20);
      await phone.mouse.down();
      await phone.mouse.move(box.x + 80, box.y + 40, { steps: 5 });
      await phone.mouse.move(box.x + 140, box.y + 25, { steps: 5 });
      await phone.mouse.up();
      await answered(phone, new RegExp(`/api/spotcheck/samples/${sampleId}/files$`), 'POST', () => phone.getByTestId(pad).getByRole('button', { name: /上传|保存/ }).click(), 201);
    }
    const form = phone.getByTestId('record-form');
    await form.getByLabel('抽样地点').fill('涟水县红日大道 88 号 童乐玩具销售门店');
    await form.getByLabel('批号').fill(`P${tail}`);
    await form.getByLabel('抽样数量').fill('6');
    await form.getByLabel('抽样基数').fill('120');
    await form.getByLabel('样品费用（元）').fill('180');
    await form.getByLabel('封样编号').fill(`FY${tail}`);
    await phone.keyboard.press('Enter');
    await form.getByLabel('企业签字人').fill('李某');
    await answered(phone, new RegExp(`/api/spotcheck/samples/${sampleId}/record$`), 'PUT', () => phone.getByTestId('record-submit').click());

    // ---- 7. the institution enters the results (不合格) with its report
    await ip.goto(`/spotcheck-samples/${sampleId}`);
    const result = ip.getByTestId('report-form');
    await visible(result);
    await answered(ip, new RegExp(`/api/spotcheck/samples/${sampleId}/files$`), 'POST', async () => {
      const chooser = ip.waitForEvent('filechooser');
      await result.getByTestId('report-upload').click();
      await (await chooser).setFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    }, 201);
    const cards = result.getByTestId('result-item');
    await expect.poll(() => cards.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const card = cards.nth(i);
      await card.getByLabel(/实测/).fill(i === 0 ? '发现可被吞咽的小零件' : '符合');
      await card.getByText(i === 0 ? '不合格' : '合格', { exact: true }).click();
    }
    await result.locator('label').filter({ hasText: /^不合格$/ }).last().click();
    await result.getByLabel('报告编号').fill(`JY${tail}`);
    const reportedOn = result.getByLabel('报告日期');
    if (!(await reportedOn.inputValue())) {
      await reportedOn.click();
      await ip.locator('.ant-picker-dropdown:visible .ant-picker-today-btn').click();
    }
    const reported = await answered<Sample>(ip, new RegExp(`/api/spotcheck/samples/${sampleId}/result$`), 'POST', () => result.getByTestId('report-submit').click());
    expect(reported.conclusion).toBe('fail');

    // ---- 8. the officer issues the notice and records its receipt
    await op.goto(`/spotcheck-samples/${sampleId}`);
    await answered(op, new RegExp(`/api/spotcheck/samples/${sampleId}/notify$`), 'POST', () => op.getByTestId('notify').click());
    await answered(op, new RegExp(`/api/spotcheck/samples/${sampleId}/receipt$`), 'POST', () => op.getByTestId('receipt-form').getByRole('button').last().click());
    await visible(op.getByTestId('objection-due'));

    // ---- 9. an objection from the enterprise's letter, refused by the section head: the result is final
    const fileForm = op.getByTestId('objection-file-form');
    await fileForm.getByLabel(/异议理由/).fill('企业认为样品在抽样时已拆封，小零件项目不应判定不合格');
    const filedOn = fileForm.getByLabel('提出日期');
    if (!(await filedOn.inputValue())) {
      await filedOn.click();
      await op.locator('.ant-picker-dropdown:visible .ant-picker-today-btn').click();
    }
    await answered(op, new RegExp(`/api/spotcheck/samples/${sampleId}/objection$`), 'POST', () => fileForm.getByRole('button').last().click(), 201);
    await hp.goto(`/spotcheck-samples/${sampleId}`);
    const decide = hp.getByTestId('objection-decide-form');
    await visible(decide);
    await decide.getByText('不予受理').click();
    await decide.getByLabel('理由', { exact: true }).fill('抽样单经企业签字确认，样品封存完好，异议理由不成立');
    await answered(hp, /\/api\/spotcheck\/objections\/[^/]+\/decide$/, 'POST', () => decide.getByRole('button').last().click());
    const final = await officer.get<Sample>(`/api/spotcheck/samples/${sampleId}`);
    expect(final.finalConclusion).toBe('fail');

    // ---- 10. a bulletin drafted by the officer, published by the section head
    await op.goto('/spotcheck-bulletins');
    await op.getByTestId('new-bulletin').click();
    const dialog = op.getByRole('dialog');
    await visible(dialog);
    // the spot check's year (next year's plan), in the bulletin and in the picker
    await dialog.getByLabel('年度', { exact: true }).first().fill(String(year + 1));
    const pickerBox = dialog.getByTestId('final-sample-picker');
    await pickerBox.locator('.ant-input-number-input').first().fill(String(year + 1));
    await pickerBox.locator('.ant-input-number-input').first().press('Tab');
    const sampleRow = pickerBox.locator('tr', { hasText: enterprise.name });
    await sampleRow.locator('.ant-checkbox-input').check();
    const bulletin = await answered<{ id: string }>(op, /\/api\/spotcheck\/bulletins$/, 'POST', () => dialog.locator('.ant-modal-footer .ant-btn-primary').click(), 201);
    await hp.goto(`/spotcheck-bulletins/${bulletin.id}`);
    await answered(hp, new RegExp(`/api/spotcheck/bulletins/${bulletin.id}/publish$`), 'POST', () => confirm(hp, hp.getByTestId('publish-bulletin'), /确\s*定|发\s*布|OK/));

    // ---- 11. the public results page shows the sample as 不合格
    const { page: pub } = await openPage(suite.browser);
    await pub.goto('/public/spotcheck-results');
    await pub.getByTestId('results-uscc').fill(enterprise.uscc);
    await pub.getByTestId('results-search').click();
    // a table on wide screens, cards on narrow ones
    const shown = pub.locator('[data-testid="public-results-table"] tr, [data-testid="public-result"]', { hasText: enterprise.name }).first();
    await visible(shown);
    await expect.poll(async () => (await shown.getByTestId('conclusion').textContent())?.trim()).toBe('不合格');
  });
});
