import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/load-demo.js';
import { makeCase } from '../../modules/cases/testing.js';
import { todayInChina } from '../calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { uploadTo } from '../../test/multipart.js';
import type { RouteEntry } from './route-table.js';

/**
 * Issue 12 item 2: every list route orders by a unique key last, so that its pages neither repeat
 * nor lose rows. Walks every GET route whose 200 answer is `{ items, total }` (from the route
 * table: a new list route fails here until it has a fixture) with pageSize=7 over demo data,
 * where many rows share their sort values (one draw's tasks, one import's notices, one batch of
 * to-dos, enterprises inserted in one transaction), and checks that the pages' union has no
 * duplicate and, when the total is exact, as many rows as `total`.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });

const PAGE_SIZE = 7;
/** Enough demo enterprises for dozens of tasks, licences and to-dos; small enough to load in seconds. */
const DEMO_COUNT = 400;

/** Values the routes' parameters take, found once the data is loaded. */
interface Fixture {
  uscc: string;
  licenceId: string;
  planId: string;
  itemId: string;
  drawId: string;
}

/**
 * Each list route's requests: its path parameters filled in and the query strings to walk (each
 * one with its own paging). Routes with `page` in their query are walked page by page.
 */
const REQUESTS: Record<string, (f: Fixture) => string[]> = {
  '/api/regions': () => [''],
  '/api/orgs': () => ['', 'type=county_bureau'],
  '/api/users': () => [''],
  '/api/roles': () => [''],
  '/api/permissions': () => [''],
  '/api/api-keys': () => [''],
  '/api/audit': () => [''],
  '/api/calendar/years': () => [''],
  '/api/calendar/days': () => ['year=2026'],
  '/api/todos': () => [''],
  '/api/enterprises': () => ['regionCode=320826', 'status=active&regionCode=320830', 'sort=-updatedAt&regionCode=320804', 'sort=establishedOn&regionCode=320803'],
  '/api/enterprises/:uscc/history': () => [''],
  '/api/licences': () => ['', 'regionCode=320826'],
  '/api/licences/:id/transitions': () => [''],
  '/api/licences/:id/corrections': () => [''],
  '/api/licence-approval-rules': () => [''],
  '/api/licence-exits': () => [''],
  '/api/feedback': () => ['', 'status=open'],
  '/api/unlicensed-leads': () => [''],
  '/api/licence-types': () => [''],
  '/api/licences/:id/documents': () => [''],
  '/api/inspection-items': () => [''],
  '/api/inspectors': () => [''],
  '/api/object-pools': () => [''],
  '/api/inspection-plans': () => [''],
  '/api/inspection-plan-templates': () => [''],
  '/api/inspection-plans/:id/preview': () => [''],
  '/api/inspection-plans/:id/draws': () => [''],
  '/api/public/draws': () => [''],
  '/api/inspection-tasks': (f) => ['', `drawId=${f.drawId}`, `drawId=${f.drawId}&state=assigned`],
  '/api/inspection-tasks/eligible-inspectors': (f) => [`itemId=${f.itemId}&uscc=${f.uscc}`],
  '/api/public/inspection-results': () => [''],
  '/api/enterprise-accounts': (f) => ['', `uscc=${f.uscc}`],
  '/api/enterprise-account-requests': () => ['', 'status=pending'],
  // An enterprise account's own draws: unpaged (a few per enterprise), 403 to staff; walked in draws/my-draws.api.test.ts.
  '/api/my/draws': () => [],
  '/api/commitments': (f) => ['', `uscc=${f.uscc}`, 'active=true'],
  '/api/commitment-templates': () => [''],
  '/api/equipment': () => ['', 'category=3000', 'sort=nextInspectionDue'],
  '/api/equipment-categories': () => [''],
  '/api/complaint-topics': () => [''],
  '/api/complaint-categories': () => ['', 'topic=special_equipment'],
  '/api/public/complaint-categories': () => [''],
  '/api/operator-work-items': () => [''],
  '/api/equipment-operators': () => ['', 'regionCode=320826'],
  '/api/equipment-operator-certificates/expiring': () => ['', 'within=365'],
  '/api/operator-exam-sessions': () => [''],
  '/api/operator-exam-sessions/:id/candidates': () => [], // walked in equipment/operators/operators.api.test.ts (a session's id, not a plan's)
  '/api/equipment-emergency-records': () => [''],
  '/api/equipment-hazards': () => ['', 'status=open', 'source=self_inspection'],
  '/api/equipment-self-inspections': () => [''],
  '/api/equipment-accidents': () => [''],
  '/api/equipment-tier-models': () => [''],
  '/api/equipment-notices': () => [''],
  '/api/equipment/:id/history': () => [], // walked in equipment/registry/registry.api.test.ts (a unit's id, not a plan's)
  '/api/equipment/due': () => ['', 'within=3650', 'within=3650&regionCode=320826'],
  '/api/equipment/:id/inspections': () => [], // walked in equipment/periodic/periodic.api.test.ts (a unit's id, not a plan's)
  '/api/equipment-due-rules': () => [''],
  '/api/complaints': () => ['', 'kind=report', 'status=closed', 'regionCode=320826', 'overdue=true'],
  '/api/complaints/links': () => [], // unpaged (the few items linked to one record); walked in complaints/handling/handling.api.test.ts
  '/api/my/complaints': () => [], // an enterprise account's own, 403 to staff; walked in complaints/handling/handling.api.test.ts
  '/api/complaint-rewards': () => ['', 'status=paid'],
  '/api/public/penalties': () => ['', 'year=2026'],
  '/api/penalty-publications': () => ['', 'status=published', 'overdue=true'],
  '/api/case-exchange-grants': () => [''],
  '/api/exchange/cases': () => [], // an API key of a granted department only (403 to the administrator); walked in cases/exchange/exchange.api.test.ts
  '/api/external-cases': () => [''],
  '/api/case-discretion-rules': () => ['', 'area=product_quality', 'active=true'],
  '/api/cases/:id/transfers': () => [], // unpaged (a case's few transfers); walked in cases/oversight/oversight.api.test.ts
  '/api/cases/:id/parties': () => [], // unpaged (a case's few parties); walked in cases/oversight/oversight.api.test.ts
  '/api/cases': () => ['', 'stage=lead', 'regionCode=320826', 'overdue=false', 'leadSource=manual'],
  '/api/campaigns': () => ['', 'status=running', 'year=2026'],
  '/api/clusters': () => ['', 'regionCode=320830', 'demonstrationZone=false'],
  '/api/clusters/:id/members': () => [], // a cluster's members; walked in cases/clusters/clusters.api.test.ts
  '/api/clusters/:id/risk-notices': () => [], // a cluster's notices; walked in cases/clusters/clusters.api.test.ts
  '/api/clusters/:id/measures': () => [], // a cluster's measures; walked in cases/clusters/clusters.api.test.ts
  // spotchecks/objections
  '/api/spotcheck/objections': () => ['', 'status=filed'],
  '/api/spotcheck/followups': () => ['', 'stage=ordered', 'overdue=true'],
  // spotchecks/catalogue
  '/api/spotcheck/products': () => ['', 'active=true', 'category=daily_consumer'],
  '/api/spotcheck/products/:id/producers': () => [], // a product's producers; walked in spotchecks/catalogue/catalogue.api.test.ts
  '/api/spotcheck/enterprises/:enterpriseId/products': () => [], // an enterprise's products; read in spotchecks/catalogue/catalogue.api.test.ts
  // spotchecks/sampling
  '/api/spotcheck/samples': () => ['', 'status=drawn', 'mine=true', 'regionCode=320826'],
  '/api/my/spotchecks': () => [], // an enterprise account's own notified samples, 403 to staff; read in spotchecks/sampling/sampling.api.test.ts
  // spotchecks/publication
  '/api/spotcheck/bulletins': () => ['', 'status=published', `year=${todayInChina().slice(0, 4)}`],
  '/api/spotcheck/final-samples': () => ['', 'unpublished=true'],
  '/api/public/spotcheck-results': () => ['', `year=${todayInChina().slice(0, 4)}`],
  '/api/public/spotcheck-bulletins': () => [''],
  // spotchecks/institutions
  '/api/spotcheck/institutions': () => ['', 'local=true', 'active=true'],
  '/api/spotcheck/institutions/:id/accounts': () => [], // an institution's accounts; read in spotchecks/institutions/institutions.api.test.ts
  '/api/spotcheck/lots/:id/applications': () => [], // a lot's applications; read in spotchecks/institutions/institutions.api.test.ts
  '/api/spotcheck/applications': () => ['', 'status=submitted'],
  '/api/public/spotcheck-selections': () => ['', `year=${todayInChina().slice(0, 4)}`],
  // spotchecks/draws
  '/api/public/spotcheck-draws': () => ['', 'purpose=sampling'],
  // spotchecks/plans
  '/api/spotcheck/plans': () => ['', 'kind=annual', 'status=approved'],
  '/api/spotcheck/lots': () => ['', 'status=open', `year=${todayInChina().slice(0, 4)}`],
  '/api/spotcheck/suggestions': () => ['', `year=${Number(todayInChina().slice(0, 4)) + 1}`],
  // credit/model
  '/api/credit-models': () => [''],
  '/api/credit/:uscc/history': () => [''],
  // credit/joint
  '/api/credit/restrictions': () => [''],
  '/api/credit/feedback': () => [''],
  // credit/evaluators
  '/api/credit-evaluators': () => ['', 'active=true'],
  '/api/credit-evaluators/:id/accounts': () => [], // an evaluator's accounts (unpaged, a handful); read in credit/evaluators/evaluators.api.test.ts
  '/api/credit-ratings': () => ['', 'state=in_force'],
  // enterprises/public-search (at most 10 pages: a USCC prefix narrow enough), portal/notices
  '/api/public/enterprises': (f) => [`q=${f.uscc.slice(0, 9)}`],
  '/api/portal-notices': () => ['', 'status=draft'],
  '/api/public/notices': () => ['', 'kind=exposure'],
  // credit/listings
  '/api/credit-listings': () => ['', 'status=listed'],
  '/api/credit-listings/candidates': () => ['', 'ruleKey=repeat_failure'],
  '/api/credit-repairs': () => ['', 'status=pending'],
  '/api/public/dishonest-list': () => [''],
};

/** `{ items, total }` answers whose total counts something else than the items (the preview's: objects per stratum). */
const TOTAL_IS_NOT_ROWS = new Set(['/api/inspection-plans/:id/preview']);

/** Lists that must span several pages of 7 here, so that their walk proves something. */
const MUST_SPAN_PAGES = ['/api/cases', '/api/orgs', '/api/users', '/api/audit', '/api/todos', '/api/enterprises', '/api/licences', '/api/feedback', '/api/inspection-tasks', '/api/commitments'];

const fill = (url: string, f: Fixture) => url.replace(':uscc', f.uscc).replace(':id', url.startsWith('/api/licences/') ? f.licenceId : f.planId);

/** An item's identity: its id, or the key the list is of. */
const keyOf = (item: Record<string, unknown>) => String(item.id ?? item.key ?? item.code ?? item.userId ?? item.date ?? item.year ?? item.name ?? JSON.stringify(item));

const listRoutes = (): RouteEntry[] => env.app.routeTable.filter((r) => r.method === 'GET' && r.list);

let fixture: Fixture;

beforeAll(async () => {
  // Few special-equipment units (the demo's default is 20,000): each list is walked 7 rows at a time.
  await loadDemo({ database: env.database, config: env.config, count: DEMO_COUNT, equipmentUnits: 300 });
  // The issue's case: a 46-object draw, whose tasks share their state, due date and creation time.
  const officerUser = (await env.services.users.byUsername('lianshui.officer'))!;
  const officer = { actor: (await env.services.users.loadActor(officerUser.id))! };
  const item = (await env.services.inspectionItems.list({}, { page: 1, pageSize: 1 })).items[0]!;
  const year = Number(todayInChina().slice(0, 4));
  const pool = await env.services.pools.create(officer, { name: '分页测试名录', filter: { status: 'active' }, regionCode: '320826' });
  const bigPlan = await env.services.plans.create(officer, { name: '分页测试计划', year, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'fixed', fixedCount: 46 });
  const bigDraw = await env.services.draws.commit(officer, bigPlan.id);
  await env.services.draws.reveal(officer, bigDraw.id, '分页测试见证');
  await env.services.draws.createPendingTasks(bigDraw.id);
  const admin = await env.loginAdmin();
  const first = async (url: string) => ((await admin.get(url)).json() as { items: Record<string, string>[] }).items[0]!;
  fixture = {
    uscc: (await first('/api/enterprises?regionCode=320826')).uscc!,
    licenceId: (await first('/api/licences')).id!,
    planId: bigPlan.id,
    itemId: item.id,
    drawId: bigDraw.id,
  };

  // Many rows with equal sort values: 30 notices imported at once (same day, same due date)…
  const enterprises = ((await admin.get('/api/enterprises?regionCode=320826&pageSize=30')).json() as { items: { uscc: string; name: string }[] }).items;
  // Enterprises' accounts (several per enterprise) and applications for them.
  for (const [i, e] of enterprises.slice(0, 5).entries()) {
    const made = [];
    for (let j = 0; j < 3; j++) made.push(await env.services.accounts.create(env.ctx, { uscc: e.uscc, username: `paging.${i}.${j}`, displayName: '分页测试' }));
    // Commitments, all signed the same day (one withdrawn), so their list pages by id.
    const account = { ...env.ctx, actor: (await env.services.users.loadActor(made[0]!.user.userId))! };
    for (let j = 0; j < 4; j++) {
      const c = await env.services.commitments.create(account, { kind: 'production', text: `分页测试承诺 ${j}`, signedBy: '分页', signedOn: '2026-01-05' });
      if (j === 0) await env.services.commitments.withdraw(account, c.id);
    }
    for (let j = 0; j < 2; j++) await env.services.accounts.apply({ actor: null }, { uscc: e.uscc, enterpriseName: e.name, applicantName: '分页', phone: '13900000000', username: `apply.${i}.${j}` });
  }
  const csv = ['统一社会信用代码,通报部门,通报类型,摘要,发生日期', ...enterprises.map((e, i) => `${e.uscc},淮安市住房和城乡建设局,许可被吊销,分页测试 ${i},2025-09-01`)].join('\r\n');
  const imported = await uploadTo(env, '/api/feedback/import', { mode: 'valid-rows', file: { name: 'notices.csv', content: csv } }, admin);
  expect(imported.statusCode, imported.body).toBe(200);
  // …and 30 to-dos for the administrator's office, raised together, due the same day.
  await env.services.todos.raise(
    env.db,
    'test.paging',
    Array.from({ length: 30 }, (_, i) => ({
      key: `test.paging:${i}`,
      subjectType: 'licence',
      subjectId: fixture.licenceId,
      title: `分页测试 ${i}`,
      params: {},
      link: '/licences',
      dueOn: '2026-12-24',
      orgId: env.admin.orgId,
      sectionId: null,
      regionCode: '320800',
    })),
  );
  // …and 16 cases entered at the same moment, so their list pages by id.
  const enteredAt = new Date('2026-11-02T01:00:00Z');
  for (let j = 0; j < 16; j++) await makeCase(env, { createdAt: enteredAt, partyName: `分页测试当事人${j}` });
}, 240_000);

describe('every list route', () => {
  it('has its requests in this test (a new list route needs a fixture here)', () => {
    const missing = listRoutes().map((r) => r.url).filter((url) => !REQUESTS[url]);
    expect(missing, `list routes without a fixture in list-paging.api.test.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('pages without repeating or losing a row (pageSize=7, many equal sort values)', async () => {
    const admin = await env.loginAdmin();
    const spans: Record<string, number> = {};
    for (const route of listRoutes()) {
      const paged = route.query.includes('page') && route.query.includes('pageSize');
      for (const query of (REQUESTS[route.url] ?? (() => []))(fixture)) {
        const base = `${fill(route.url, fixture)}?${query ? `${query}&` : ''}`;
        const seen: string[] = [];
        let total = 0;
        let exact = true;
        for (let page = 1; ; page++) {
          const url = paged ? `${base}page=${page}&pageSize=${PAGE_SIZE}` : base.slice(0, -1);
          const res = await admin.get(url);
          expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
          const body = res.json() as { items: Record<string, unknown>[]; total: number; totalExact?: boolean };
          seen.push(...body.items.map(keyOf));
          total = body.total;
          exact = body.totalExact !== false;
          if (!paged || body.items.length < PAGE_SIZE || page * PAGE_SIZE >= total) break;
        }
        const what = `${route.url}?${query}`;
        expect(new Set(seen).size, `${what}: a row came twice`).toBe(seen.length);
        if (exact && !TOTAL_IS_NOT_ROWS.has(route.url)) expect(seen.length, `${what}: the pages hold ${seen.length} rows, total says ${total}`).toBe(total);
        spans[route.url] = Math.max(spans[route.url] ?? 0, seen.length);
      }
    }
    for (const url of MUST_SPAN_PAGES) expect(spans[url] ?? 0, `${url} walked too few rows to test paging`).toBeGreaterThan(2 * PAGE_SIZE);
  }, 600_000);
});
