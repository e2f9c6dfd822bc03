/**
 * Issue 20, "Done means": a department system's batch check through an API key. The administrator
 * makes the department's key on the API-keys page (shown once); the department's system (Playwright's
 * request context: no browser, no cookies) checks a batch with it — answered in the order asked: a
 * listed enterprise with its restrictions, a clean one, one of another county, a malformed code and
 * one with a wrong check digit with their errors per item; without the key the call is 401 — and
 * reports back what it did. Staff see the report in the enterprise's credit archive, and the check
 * in the audit log.
 */
import { request } from 'playwright-core';
import { expect, it } from 'vitest';
import { ApiSession, type Org } from './support/api';
import { openPage, visible, waitForShell } from './support/browser';
import { chinaToday, enterpriseAccountSession } from './support/enterprise-accounts';
import { BASE_URL, USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';
import { USCC_CHARS } from './support/uscc';

const suite = useSuite();

interface CheckItem {
  uscc: string;
  error?: string;
  found: boolean;
  class: string | null;
  listed: boolean;
  restrictions: { code: string; legalBasis: string; until: string | null }[];
}

const ALL_RESTRICTIONS = ['licensing', 'bidding', 'procurement', 'construction', 'public_resources', 'honours'];

/** A code of the right format whose last character is not its check digit. */
const wrongCheckDigit = (uscc: string) => uscc.slice(0, 17) + USCC_CHARS[(USCC_CHARS.indexOf(uscc[17]!) + 1) % USCC_CHARS.length];

/** Lists an enterprise through the workflow's API: proposed and noticed by a city officer, answered by its account, decided by a section head. */
async function listEnterprise(uscc: string, u: string): Promise<{ until: string }> {
  const city = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
  await suite.admin.createUser({ username: `ckoff${u}`, password: USER_PASSWORD, orgId: city.id, roles: ['city_officer'] });
  await suite.admin.createUser({ username: `ckhead${u}`, password: USER_PASSWORD, orgId: city.id, roles: ['section_head'] });
  const officer = await ApiSession.login(`ckoff${u}`, USER_PASSWORD);
  const head = await ApiSession.login(`ckhead${u}`, USER_PASSWORD);
  const { id } = await officer.post<{ id: string }>('/api/credit-listings', { uscc, source: 'manual', reason: '以欺骗手段取得生产许可证，被吊销许可证', legalBasis: '《市场监督管理严重违法失信名单管理办法》' });
  await officer.post(`/api/credit-listings/${id}/notice`);
  const enterprise = await enterpriseAccountSession(officer, uscc, `ckent${u}`);
  await enterprise.post(`/api/my/credit-listings/${id}/answer`, { statement: '我公司对列入无异议。' });
  const listed = await head.post<{ status: string; until: string }>(`/api/credit-listings/${id}/decide`, { list: true, note: '经审核决定列入' });
  expect(listed.status).toBe('listed');
  return { until: listed.until };
}

it('a department’s system checks a batch with the key made on the keys page, is refused without it, reports back; staff see the report and the check', { timeout: 120_000 }, async () => {
  const u = unique();
  const department = await suite.admin.post<Org>('/api/orgs', { name: `淮安市淮阴区公共资源交易中心${u}`, type: 'department', regionCode: '320804' });
  const elsewhere = await suite.admin.createEnterprise({ name: `核查${u}有限公司`, regionCode: '320826' });
  const clean = await suite.admin.createEnterprise({ name: `诚信核查${u}有限公司`, regionCode: '320804' });
  const dishonest = await suite.admin.createEnterprise({ name: `失信核查${u}有限公司`, regionCode: '320804' });
  const { until } = await listEnterprise(dishonest.uscc, u);

  // the key, made in the browser and shown once
  const { context, page } = await openPage(suite.browser, suite.admin);
  await page.goto('/keys');
  await waitForShell(page);
  await page.getByRole('button', { name: '新建密钥' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('所属单位').click();
  await dialog.getByLabel('所属单位').fill(department.name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: department.name }).first().click();
  await dialog.getByLabel('名称').fill('交易系统联合惩戒核查');
  await dialog.getByRole('button', { name: '新建' }).click();
  const shown = page.getByTestId('created-api-key');
  await visible(shown);
  const key = (await shown.textContent())?.trim() ?? '';
  await page.getByRole('dialog', { name: 'API 密钥已创建' }).getByRole('button', { name: '关闭' }).click();

  // the department's system: its own HTTP client, no browser cookies
  const system = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
  const anonymous = await request.newContext({ baseURL: BASE_URL });
  try {
    const wrong = wrongCheckDigit(clean.uscc);
    const usccs = [dishonest.uscc, clean.uscc.toLowerCase(), 'NOT-A-USCC', wrong, elsewhere.uscc];
    const res = await system.post('/api/credit/check', { data: { usccs } });
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: CheckItem[] };
    expect(items.map((i) => i.uscc)).toEqual([dishonest.uscc, clean.uscc, 'NOT-A-USCC', wrong, elsewhere.uscc]);
    expect(items.map((i) => i.found)).toEqual([true, true, false, false, true]);
    // the listed one: class D, every restriction until the listing's end
    expect(items[0]).toMatchObject({ found: true, listed: true, class: 'D' });
    expect(items[0]!.error).toBeUndefined();
    expect(items[0]!.restrictions.map((r) => r.code)).toEqual(ALL_RESTRICTIONS);
    expect(items[0]!.restrictions.every((r) => r.until === until && r.legalBasis.length > 0)).toBe(true);
    // the clean one: found, not listed, no restriction (a new enterprise has no class-D record)
    expect(items[1]).toMatchObject({ found: true, listed: false, restrictions: [] });
    expect(items[1]!.error).toBeUndefined();
    // per-item errors: the batch is answered, the bad codes marked
    expect(items[2]).toEqual({ uscc: 'NOT-A-USCC', error: 'USCC_FORMAT', found: false, class: null, listed: false, restrictions: [] });
    expect(items[3]).toEqual({ uscc: wrong, error: 'USCC_CHECK_DIGIT', found: false, class: null, listed: false, restrictions: [] });
    expect(items[4]).toMatchObject({ found: true, listed: false });

    // without the key: 401 in the one error shape, nothing answered
    const refused = await anonymous.post('/api/credit/check', { data: { usccs: [dishonest.uscc] } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()) as unknown).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

    // the department reports back what it did for one of its matters
    const matter = `JY-${u}`;
    const reported = await system.post('/api/credit/feedback', { data: { uscc: dishonest.uscc, restriction: 'public_resources', action: 'applied', matter, note: '限制参与本次土地使用权出让竞买', actedOn: chinaToday() } });
    expect(reported.status()).toBe(201);
    expect(await reported.json()).toMatchObject({ matter, orgName: department.name, action: 'applied' });
  } finally {
    await system.dispose();
    await anonymous.dispose();
  }

  // staff see the report in the enterprise's credit archive
  await page.goto(`/credit/enterprises/${dishonest.uscc}?tab=feedback`);
  await waitForShell(page);
  const feedback = page.getByTestId('credit-feedback').locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: `JY-${u}` });
  await visible(feedback);
  expect(await feedback.textContent()).toContain(department.name);

  // and the administrator finds the check in the audit log
  await page.goto('/audit');
  await waitForShell(page);
  await page.locator('#search_action').fill('credit.checked');
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'credit.checked' }).first();
  await visible(row);
  expect(await row.textContent()).toContain('交易系统联合惩戒核查');
  await context.close();
});
