/**
 * Issue 12 item 12: a page never calls what its user may not call. Every built-in role but the
 * administrator's signs in and opens every page its menu offers; no API call is refused (401/403).
 */
import { expect, it } from 'vitest';
import { ApiSession } from './support/api';
import { openPage, sideMenu, waitForShell } from './support/browser';
import { USER_PASSWORD, unique } from './support/env';
import { useSuite } from './support/suite';

const suite = useSuite();

it('no page in any role’s menu makes a refused call', { timeout: 600_000 }, async () => {
  // Enterprises' accounts are not made through /api/users: their menu is walked in enterprise-accounts.e2e.ts.
  const roles = (await suite.admin.get<{ items: { key: string; builtIn?: boolean }[] }>('/api/roles?pageSize=100')).items.map((r) => r.key).filter((k) => k !== 'admin' && k !== 'public_api' && k !== 'enterprise');
  const county = await suite.admin.countyBureau('320826');
  const city = (await suite.admin.orgs()).find((o) => o.type === 'city_bureau')!;
  const refused: string[] = [];
  const visited: string[] = [];
  for (const role of roles) {
    const username = `e2e_nr_${unique()}`;
    // a role of the city's offices is refused in a county bureau: placed in the city bureau instead
    await suite.admin.createUser({ username, password: USER_PASSWORD, orgId: county.id, roles: [role] }).catch(() => suite.admin.createUser({ username, password: USER_PASSWORD, orgId: city.id, roles: [role] }));
    const session = await ApiSession.login(username, USER_PASSWORD);
    const { context, page } = await openPage(suite.browser, session);
    let at = '/';
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/') && (r.status() === 401 || r.status() === 403)) refused.push(`${role} on ${at}: ${r.status()} ${r.request().method()} ${url.pathname}${url.search}`);
    });
    await page.goto('/');
    await waitForShell(page);
    await page.waitForLoadState('networkidle');
    // open every submenu, then collect the pages (the menu items' keys are their paths)
    const closed = sideMenu(page).locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
    while ((await closed.count()) > 0) await closed.first().click();
    const ids = await sideMenu(page).locator('li.ant-menu-item[data-menu-id]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-menu-id')!));
    const hrefs = [...new Set(ids.map((id) => id.slice(id.indexOf('-/') + 1)).filter((key) => key.startsWith('/')))];
    for (const href of hrefs) {
      at = href;
      visited.push(`${role} ${href}`);
      await page.goto(href);
      await waitForShell(page);
      await page.waitForLoadState('networkidle');
    }
    await context.close();
  }
  expect(roles.length).toBeGreaterThan(3);
  expect(visited.length).toBeGreaterThan(roles.length * 3);
  expect(refused).toEqual([]);
});
