import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/load-demo.js';
import { inTransaction } from '../../db/sql.js';
import { eq } from 'drizzle-orm';
import { makeCase } from '../../modules/cases/testing.js';
import { enterprises } from '../../modules/enterprises/index.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../../modules/spotchecks/testing.js';
import { addDays, todayInChina } from '../calendar/dates.js';
import { useTestEnv } from '../../test/app.js';

/**
 * Issue 12 item 6: no public API shows an enterprise's credit-risk class. Walks every public GET
 * route of the route table (a new one fails here until it is walked) over the demo data, whose
 * enterprises carry credit classes and whose draws are revealed, and looks through every answer
 * for a credit-class field or a stratum named by its class.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });

/** Public GET routes that answer no enterprise data at all. */
// Answers about no enterprise's record: health, and an account application's status and note.
const WITHOUT_ENTERPRISES = new Set(['/api/health', '/api/public/enterprise-account-requests/:requestNo', '/api/public/complaint-categories', '/open311/v2/services.json']);
const WALKED = ['/api/public/enterprises/:uscc', '/api/public/draws', '/api/public/draws/:id', '/api/public/inspection-results', '/api/public/equipment/:registrationNo', '/open311/v2/requests/:id.json', '/open311/v2/requests.json', '/api/public/complaints/:trackingNo', '/api/public/penalties',
  // spotchecks/publication
  '/api/public/spotcheck-results', '/api/public/spotcheck-bulletins', '/api/public/spotcheck-bulletins/:id',
  // spotchecks/draws
  '/api/public/spotcheck-draws', '/api/public/spotcheck-draws/:id',
  // enterprises/public-search, portal/notices, portal/open-data, portal/site
  '/api/public/enterprises', '/api/public/notices', '/api/public/notices/:id', '/api/public/open-data', '/api/public/open-data/:day.csv', '/api/public/site',
  // credit/listings
  '/api/public/dishonest-list', '/api/public/dishonest-list.csv',
];
// spotchecks/institutions: the published choices of testing institutions (their names, prices and scores; no enterprise).
WITHOUT_ENTERPRISES.add('/api/public/spotcheck-selections');
const CLASSES = new Set(['A', 'B', 'C', 'D', '未分类']);

/** Where in `value` a credit class shows: a key naming it, or a stratum/label holding a class. */
function creditShown(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => creditShown(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(/credit(?!Code)|信用(风险)?(等级|分类)/i.test(k) ? [`${path}.${k}`] : []),
    ...(/^(stratum|strata|label|class)$/i.test(k) && typeof v === 'string' && CLASSES.has(v) ? [`${path}.${k}=${v}`] : []),
    ...creditShown(v, `${path}.${k}`),
  ]);
}

let usccs: string[] = [];

beforeAll(async () => {
  await loadDemo({ database: env.database, config: env.config, count: 400 });
  const admin = await env.loginAdmin();
  const items = (await admin.get('/api/enterprises?pageSize=200')).json().items as { uscc: string; creditClass: string | null }[];
  usccs = items.filter((e) => e.creditClass !== null).map((e) => e.uscc);
}, 240_000);

describe('public routes', () => {
  it('are all walked here (a new public route needs a look for credit classes)', () => {
    const publicGets = env.app.routeTable.filter((r) => r.method === 'GET' && r.access === 'public').map((r) => r.url);
    expect(publicGets.filter((url) => !WALKED.includes(url) && !WITHOUT_ENTERPRISES.has(url))).toEqual([]);
    expect([...WALKED].sort()).toEqual(publicGets.filter((url) => WALKED.includes(url)).sort());
    // The search itself finds what it looks for.
    expect(creditShown({ items: [{ creditClass: 'A' }], strata: [{ label: 'D', n: 3 }], stratum: '未分类' })).toEqual(['$.items[0].creditClass', '$.strata[0].label=D', '$.stratum=未分类']);
  });

  it('never answer an enterprise’s credit class: lookups, draw lists, draw records and inspection results', async () => {
    expect(usccs.length).toBeGreaterThan(20);
    const get = async (url: string) => {
      const res = await env.app.inject({ url, remoteAddress: '198.51.100.9' });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.body, url).not.toMatch(/creditClass|credit_class/);
      const found = creditShown(res.json());
      expect(found, url).toEqual([]);
      return res.json();
    };
    for (const uscc of usccs.slice(0, 20)) await get(`/api/public/enterprises/${uscc}`);
    const draws = (await get('/api/public/draws?pageSize=100')).items as { id: string }[];
    expect(draws.length).toBeGreaterThan(0);
    for (const d of draws) await get(`/api/public/draws/${d.id}`);
    const results = await get('/api/public/inspection-results?pageSize=100');
    expect(results.total).toBeGreaterThan(0);
    // Special equipment by registration number (the demo's units, when it has them).
    const units = (await (await env.loginAdmin()).get('/api/equipment?pageSize=20')).json().items as { registrationNo: string | null }[];
    for (const u of units.filter((x) => x.registrationNo)) await get(`/api/public/equipment/${encodeURIComponent(u.registrationNo!)}`);
    // Open311: a report about a demo enterprise, read back by its service_request_id (one and several).
    const filed = await env.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: new URLSearchParams({ service_code: 'product_defect', description: `${usccs[0]} 的产品质量问题`, address_string: '淮安市清江浦区' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.51.100.9',
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const token = (filed.json() as { service_request_id: string }[])[0]!.service_request_id;
    await get(`/open311/v2/requests/${token}.json`);
    await get(`/open311/v2/requests.json?service_request_id=${token}`);
    // A report about a demo enterprise, read back by its tracking number and access code.
    const submitted = await env.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'report', subjectUscc: usccs[0], description: '产品质量问题' }, remoteAddress: '198.51.100.9' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { trackingNo, accessCode } = submitted.json() as { trackingNo: string; accessCode: string };
    await get(`/api/public/complaints/${trackingNo}?code=${accessCode}`);
    // A penalty decision against a demo enterprise with a credit class, published (and its officers named in the case).
    const penalised = await makeCase(env, {
      uscc: usccs[0],
      stage: 'decided',
      decidedOn: addDays(todayInChina(), -10),
      decidedByName: '公示测试审批人',
      penalties: [{ type: 'fine', amount: 5000 }],
      penaltyText: '罚款人民币5000元',
      violation: '销售不合格产品',
      legalBasis: '《中华人民共和国产品质量法》第五十条',
      documentNo: '公示测试罚〔2026〕1号',
    });
    await inTransaction(env.db, (tx) => env.services.cases.publication.schedule(tx, env.ctx, penalised));
    await env.services.cases.publication.publish(env.ctx, penalised.id, {});
    const penalties = (await get(`/api/public/penalties?uscc=${usccs[0]}`)).items as { documentNo: string }[];
    expect(penalties.map((p) => p.documentNo)).toContain('公示测试罚〔2026〕1号');
    expect((await get('/api/public/penalties?pageSize=100')).total).toBeGreaterThan(0);
    // spotchecks/publication: a final sample of a demo enterprise with a credit class, in a published bulletin.
    {
      const [enterprise] = await env.db.select({ id: enterprises.id, uscc: enterprises.uscc, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, usccs[0]!));
      const product = await makeProduct(env);
      const lot = await makeLot(env, { productId: product.id, planId: (await makePlan(env)).id });
      const sample = await makeSample(env, { lotId: lot.id, productId: product.id, institutionId: (await makeInstitution(env)).id, enterprise: enterprise!, status: 'closed', conclusion: 'pass', finalConclusion: 'pass' });
      const bulletin = await env.services.spotchecks.publication.createBulletin(env.ctx, { title: '公示测试质量公告', year: lot.year, sampleIds: [sample.id] });
      await env.services.spotchecks.publication.publish(env.ctx, bulletin.id);
      expect((await get(`/api/public/spotcheck-results?uscc=${usccs[0]}`)).items).toHaveLength(1);
      expect((await get('/api/public/spotcheck-bulletins?pageSize=100')).total).toBeGreaterThan(0);
      await get(`/api/public/spotcheck-bulletins/${bulletin.id}`);
      // spotchecks/draws: a lot's draw over that enterprise, committed and revealed (its USCC opened in the record).
      const draw = await inTransaction(env.db, async (tx) => {
        const c = await env.services.spotchecks.draws.commit(tx, env.ctx, { purpose: 'sampling', lotId: lot.id, strata: [{ className: '生产企业', keys: [enterprise!.uscc], k: 1 }] });
        await env.services.spotchecks.draws.reveal(tx, env.ctx, c.id, '公示测试');
        return c;
      });
      expect((await get('/api/public/spotcheck-draws?pageSize=100')).total).toBeGreaterThan(0);
      expect((await get(`/api/public/spotcheck-draws/${draw.id}`)).openings[0].key).toBe(usccs[0]);
    }
    // credit/listings: a demo enterprise with a credit class on the public dishonest list (one without a listing of the demo's).
    {
      const listings = env.services.credit.listings;
      const head = { actor: (await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'] })).id))! };
      const listed = (await listings.list(env.admin, { status: 'listed' }, { page: 1, pageSize: 500 })).items.map((l) => l.uscc);
      const uscc = usccs.find((u) => u !== usccs[0] && !listed.includes(u))!;
      const proposed = await listings.propose(env.ctx, { uscc, source: 'manual', reason: '公示测试失信事由', legalBasis: '《市场监督管理严重违法失信名单管理办法》' });
      await listings.notice(env.ctx, proposed.id, undefined, addDays(todayInChina(), -20));
      await listings.decide(head, proposed.id, { list: true, note: '公示测试' });
      expect((await get(`/api/public/dishonest-list?q=${uscc}`)).items).toHaveLength(1);
      expect((await get('/api/public/dishonest-list?pageSize=100')).total).toBeGreaterThan(0);
      const csv = await env.app.inject({ url: `/api/public/dishonest-list.csv?q=${uscc}`, remoteAddress: '198.51.100.9' });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(uscc);
      expect(csv.body).not.toMatch(/creditClass|credit_class|信用(风险)?(等级|分类)/i);
    }
    // enterprises/public-search, portal/notices and portal/open-data: the search, a published page naming a classed enterprise, today's file.
    {
      const found = (await get(`/api/public/enterprises?q=${usccs[0]}`)).items as { name: string }[];
      expect(found).toHaveLength(1);
      await get(`/api/public/enterprises?q=${encodeURIComponent(found[0]!.name.slice(0, 4))}`);
      const notices = env.services.portal.notices;
      const approver = { actor: (await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'] })).id))! };
      const page = await notices.create(env.ctx, { kind: 'exposure', title: '公示测试曝光', body: `${found[0]!.name}（${usccs[0]}）产品质量问题曝光。` });
      await notices.submit(env.ctx, page.id);
      await notices.approve(approver, page.id);
      expect((await get('/api/public/notices?kind=exposure')).total).toBeGreaterThan(0);
      await get(`/api/public/notices/${page.id}`);
      const { file } = await env.services.portal.openData.generate(todayInChina());
      const listed = (await get('/api/public/open-data')).items as { url: string }[];
      const csv = await env.app.inject({ url: listed[0]!.url, remoteAddress: '198.51.100.9' });
      expect(csv.statusCode).toBe(200);
      expect(file.rows).toBeGreaterThan(20);
      const [header, ...rows] = csv.body.replace(/^\ufeff/, '').split('\r\n');
      expect(header).not.toMatch(/credit|信用(风险)?(等级|分类)/i);
      expect(rows.length).toBeGreaterThan(file.rows - 1);
    }
    // portal/site: the bureau's name, region and public contact only.
    expect(Object.keys(await get('/api/public/site')).sort()).toEqual(['address', 'bureauName', 'phone', 'regionCode']);
  }, 120_000);
});
