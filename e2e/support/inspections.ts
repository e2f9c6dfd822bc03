/** Seeding for the random-inspection journeys (users, enterprises and inspector profiles through the API) and the draw ceremony's steps in the UI. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DrawSummary, PublicRecord } from '../../web/src/modules/inspections/draws/drawRecord';
import type { ApiSession, Enterprise, Org, User } from './api';
import { visible } from './browser';
import { USER_PASSWORD, unique } from './env';

export interface InspectionWorld {
  /** Makes every name and code of this world unique. */
  suffix: string;
  county: Org;
  section: Org;
  sectionHead: User;
  officer: User;
  /** In the pool with the item's specialty but in conflict with every enterprise. */
  conflicted: User;
  /** In the pool with the item's specialty: drawn for every object. */
  first: User;
  /** Not yet in the pool: added through the UI, then drawn for every object. */
  second: User;
  /** In the pool without the item's specialty. */
  unskilled: User;
  /** The specialty the item requires (unique, so only this world's inspectors have it). */
  specialty: string;
  /** The tag of this world's enterprises (the object pool's filter). */
  tag: string;
  enterprises: Enterprise[];
}

const REGION = '320826';

/** A world for one draw in 涟水县: a section head, an officer, four inspectors (three in the pool) and five tagged enterprises. */
export async function seedInspectionWorld(admin: ApiSession): Promise<InspectionWorld> {
  const suffix = unique();
  const orgs = await admin.orgs();
  const county = await admin.countyBureau(REGION);
  const section = orgs.find((o) => o.type === 'city_section');
  if (!section) throw new Error('no city_section org');
  const user = (name: string, orgId: string, role: string) =>
    admin.createUser({ username: `e2e_insp_${name}_${suffix}`, displayName: `${ROLE_NAME[name] ?? name}${suffix.slice(-5)}`, password: USER_PASSWORD, orgId, roles: [role] });
  const [sectionHead, officer, conflicted, first, second, unskilled] = await Promise.all([
    user('head', section.id, 'section_head'),
    user('officer', county.id, 'county_officer'),
    user('a', county.id, 'inspector'),
    user('b', county.id, 'inspector'),
    user('c', county.id, 'inspector'),
    user('d', county.id, 'inspector'),
  ]);
  const specialty = `产品质量${suffix}`;
  const tag = `双随机${suffix}`;
  const enterprises = await Promise.all(
    Array.from({ length: 5 }, (_, i) => admin.createEnterprise({ name: `抽查${suffix}第${i + 1}有限公司`, regionCode: REGION, tags: [tag] })),
  );
  const profile = (u: User, certificateNo: string, specialties: string[], conflicts: string[] = []) =>
    admin.call('PUT', `/api/inspectors/${u.id}`, { certificateNo, specialties, conflicts });
  await Promise.all([
    profile(conflicted, `JC${suffix}A`, [specialty], enterprises.map((e) => e.uscc)),
    profile(first, `JC${suffix}B`, [specialty]),
    profile(unskilled, `JC${suffix}D`, ['计量']),
  ]);
  return { suffix, county, section, sectionHead, officer, conflicted, first, second, unskilled, specialty, tag, enterprises };
}

/** Display-name stems of the world's users. */
const ROLE_NAME: Record<string, string> = { head: '科长', officer: '县局', a: '回避员', b: '检查甲', c: '检查乙', d: '计量员' };

/** Picks an option of an antd Select without search (the choice itself covers its input) by clicking it open. */
export async function pickOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label).click({ force: true });
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** On a plan's page: freezes the candidates (step 2) and waits for the published commitment; answers the committed draw. */
export async function commitDrawInUi(page: Page): Promise<DrawSummary> {
  const committed = page.waitForResponse((r) => /\/draws$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
  await page.getByRole('button', { name: '封存候选名单' }).click();
  const response = await committed;
  expect(response.status()).toBe(201);
  const draw = (await response.json()) as DrawSummary;
  await visible(page.getByTestId('draw-commitment').getByText(draw.commitment));
  return draw;
}

/** On a plan's page with a committed draw: types the witnesses' input and reveals (after the confirmation); answers the public record. */
export async function revealDrawInUi(page: Page, witnessInput: string): Promise<PublicRecord> {
  await page.getByLabel('见证人输入').fill(witnessInput);
  await page.getByRole('button', { name: '揭晓结果' }).click();
  const revealed = page.waitForResponse((r) => /\/reveal$/.test(new URL(r.url()).pathname));
  await page.locator('.ant-popconfirm').getByRole('button', { name: '揭晓结果' }).click();
  const response = await revealed;
  expect(response.status()).toBe(200);
  const draw = (await response.json()) as DrawSummary;
  await visible(page.getByTestId('draw-seed'));
  return (await (await page.request.get(`/api/public/draws/${draw.id}`)).json()) as PublicRecord;
}
