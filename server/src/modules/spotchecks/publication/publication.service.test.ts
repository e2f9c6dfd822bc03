import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { spotcheckFollowups, spotcheckHistory, spotcheckInstitutions, spotcheckObjections, spotcheckSamples } from '../spotchecks.schema.js';
import { makeInstitution, makeProduct } from '../testing.js';
import { followupNoticed } from './results.js';
import { makeResultSample } from './testing-publication.js';

/**
 * Publication (publication/README.md) through the service: the bulletin's lifecycle (draft, edit,
 * publish with its number, withdraw), NOT_FINAL and ALREADY_PUBLISHED, the city's drafts, the
 * public results (only published, no personal data, filters, follow-up notice), the statistics
 * (arithmetic, null rates, history, a county's scope).
 */
const env = useServiceEnv();
const svc = () => env.services.spotchecks.publication;
const year = Number(todayInChina().slice(0, 4));

async function actor(roles: string[], regionCode: string): Promise<{ actor: Actor }> {
  const user = await env.makeUser({ roles, regionCode });
  return { actor: (await env.services.users.loadActor(user.id))! as Actor };
}
const code = async (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));
const details = async (p: Promise<unknown>) => p.then(() => null, (e: { details?: unknown }) => e.details as Record<string, unknown>);

describe('bulletins', () => {
  it('drafts, edits (If-Match), publishes with the city’s number, withdraws with a reason; each step audited', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const p = await makeProduct(env);
    const a = await makeResultSample(env, { productId: p.id, final: 'pass' });
    const c = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['甲醛含量', 'pH值'] });

    const draft = await svc().createBulletin(officer, { title: `${year}年第一季度产品质量监督抽查结果公告`, year, quarter: 1, planId: a.planId, sampleIds: [a.sample.id] });
    expect(draft).toMatchObject({ status: 'draft', bulletinNo: null, sampleCount: 1, passed: 1, passRate: 1, version: 1, createdByName: officer.actor.name });
    expect(await code(svc().updateBulletin(officer, draft.id, { title: 'x' }, [7]))).toBe('PRECONDITION_FAILED');
    const edited = await svc().updateBulletin(officer, draft.id, { sampleIds: [a.sample.id, c.sample.id] }, [1]);
    expect(edited).toMatchObject({ version: 2, sampleCount: 2, passed: 1, passRate: 0.5 });
    expect(edited.samples.find((r) => r.sampleNo === c.sample.sampleNo)).toMatchObject({ conclusion: 'fail', failingItems: ['甲醛含量', 'pH值'] });

    const published = await svc().publish(head, draft.id, [2]);
    expect(published.status).toBe('published');
    expect(published.bulletinNo).toMatch(new RegExp(`^淮市监抽公〔${todayInChina().slice(0, 4)}〕\\d+号$`));
    expect(published.publishedOn).toBe(todayInChina());
    const samples = await env.db.select({ bulletinId: spotcheckSamples.bulletinId }).from(spotcheckSamples).where(inArray(spotcheckSamples.id, [a.sample.id, c.sample.id]));
    expect(samples.map((x) => x.bulletinId)).toEqual([draft.id, draft.id]);
    // Published: no more edits, no second publish.
    expect(await code(svc().updateBulletin(officer, draft.id, { title: '改' }))).toBe('INVALID_TRANSITION');
    expect(await code(svc().publish(head, draft.id))).toBe('INVALID_TRANSITION');

    // A second bulletin takes the next number.
    const next = await makeResultSample(env, { productId: p.id, final: 'pass' });
    const second = await svc().createBulletin(officer, { title: '第二期', year, sampleIds: [next.sample.id] });
    const n = (no: string | null) => Number(/〔\d{4}〕(\d+)号$/.exec(no ?? '')![1]);
    expect(n((await svc().publish(head, second.id)).bulletinNo)).toBe(n(published.bulletinNo) + 1);

    expect(await code(svc().withdraw(head, draft.id, { reason: '   ' }))).toBe('VALIDATION');
    const withdrawn = await svc().withdraw(head, draft.id, { reason: '企业名称有误，更正后重新发布' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnReason: '企业名称有误，更正后重新发布', bulletinNo: published.bulletinNo });
    expect(withdrawn).toMatchObject({ withdrawnOn: expect.any(String), withdrawnByName: expect.any(String) });
    const freed = await env.db.select({ bulletinId: spotcheckSamples.bulletinId }).from(spotcheckSamples).where(inArray(spotcheckSamples.id, [a.sample.id, c.sample.id]));
    expect(freed.map((x) => x.bulletinId)).toEqual([null, null]);
    expect(await code(svc().withdraw(head, draft.id, { reason: '再撤' }))).toBe('INVALID_TRANSITION');
    // Still listed (as withdrawn) for staff.
    const listed = await svc().listBulletins(officer.actor, { status: 'withdrawn' }, { page: 1, pageSize: 100 });
    expect(listed.items.map((x) => x.id)).toContain(draft.id);

    const actions = (await env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, draft.id))).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['spotcheck.bulletin_created', 'spotcheck.bulletin_updated', 'spotcheck.bulletin_published', 'spotcheck.bulletin_withdrawn']));
  });

  it('refuses samples without a final conclusion: 409 NOT_FINAL naming their numbers; unknown ids 400', async () => {
    const officer = await actor(['city_officer'], '320800');
    const p = await makeProduct(env);
    const fin = await makeResultSample(env, { productId: p.id, final: 'pass' });
    const open1 = await makeResultSample(env, { productId: p.id, final: null });
    const open2 = await makeResultSample(env, { productId: p.id, final: null });
    const attempt = svc().createBulletin(officer, { title: '未终结', year, sampleIds: [fin.sample.id, open1.sample.id, open2.sample.id] });
    expect(await code(attempt)).toBe('NOT_FINAL');
    const d = await details(svc().createBulletin(officer, { title: '未终结', year, sampleIds: [fin.sample.id, open1.sample.id, open2.sample.id] }));
    expect((d!.sampleNos as string[]).sort()).toEqual([open1.sample.sampleNo, open2.sample.sampleNo].sort());
    // Editing a draft checks the same.
    const draft = await svc().createBulletin(officer, { title: '草稿', year, sampleIds: [fin.sample.id] });
    expect(await code(svc().updateBulletin(officer, draft.id, { sampleIds: [fin.sample.id, open1.sample.id] }))).toBe('NOT_FINAL');
    expect(await code(svc().createBulletin(officer, { title: '不存在', year, sampleIds: ['00000000-0000-4000-8000-000000000000'] }))).toBe('VALIDATION');
    expect(await code(svc().createBulletin(officer, { title: '重复', year, sampleIds: [fin.sample.id, fin.sample.id] }))).toBe('VALIDATION');
    expect(await code(svc().createBulletin(officer, { title: '计划', year, planId: '00000000-0000-4000-8000-000000000000', sampleIds: [] }))).toBe('VALIDATION');
    // An empty draft may exist, but not be published.
    const empty = await svc().createBulletin(officer, { title: '空', year, sampleIds: [] });
    expect(await code(svc().publish(await actor(['section_head'], '320800'), empty.id))).toBe('BULLETIN_EMPTY');
  });

  it('publishes a sample in one bulletin only: 409 ALREADY_PUBLISHED (creating, editing, publishing an overlapping draft); free again after a withdrawal', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const p = await makeProduct(env);
    const x = await makeResultSample(env, { productId: p.id, final: 'fail' });
    const first = await svc().createBulletin(officer, { title: '甲', year, sampleIds: [x.sample.id] });
    const overlapping = await svc().createBulletin(officer, { title: '乙', year, sampleIds: [x.sample.id] }); // drafts may overlap
    const published = await svc().publish(head, first.id);
    const d = await details(svc().createBulletin(officer, { title: '丙', year, sampleIds: [x.sample.id] }));
    expect(d).toMatchObject({ sampleNos: [x.sample.sampleNo], bulletinNos: [published.bulletinNo] });
    expect(await code(svc().publish(head, overlapping.id))).toBe('ALREADY_PUBLISHED');
    expect(await code(svc().updateBulletin(officer, overlapping.id, { title: '乙改', sampleIds: [x.sample.id] }))).toBe('ALREADY_PUBLISHED');
    await svc().withdraw(head, first.id, { reason: '更正' });
    expect((await svc().publish(head, overlapping.id)).status).toBe('published');
  });

  it('are the city’s: a county user may not draft (403 NOT_CITY) and sees no drafts', async () => {
    const county = await actor(['county_officer'], '320826');
    const officer = await actor(['city_officer'], '320800');
    const p = await makeProduct(env);
    const x = await makeResultSample(env, { productId: p.id, final: 'pass' });
    expect(await code(svc().createBulletin(county, { title: '县局', year, sampleIds: [x.sample.id] }))).toBe('NOT_CITY');
    const draft = await svc().createBulletin(officer, { title: '市局草稿', year, sampleIds: [x.sample.id] });
    expect(await code(svc().getBulletin(county.actor, draft.id))).toBe('NOT_FOUND');
    expect((await svc().listBulletins(county.actor, {}, { page: 1, pageSize: 500 })).items.map((i) => i.id)).not.toContain(draft.id);
    expect((await svc().getBulletin(officer.actor, draft.id)).id).toBe(draft.id);
  });
});

describe('final samples (candidates)', () => {
  it('lists final samples in scope by lot year, quarter and plan; unpublished=true leaves out those in a published bulletin', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const county = await actor(['county_officer'], '320830');
    const p = await makeProduct(env);
    const inLian = await makeResultSample(env, { productId: p.id, final: 'pass', year: 2019, quarter: 2 });
    const inXuyi = await makeResultSample(env, { productId: p.id, final: 'fail', year: 2019, quarter: 2, regionCode: '320830' });
    await makeResultSample(env, { productId: p.id, final: null, year: 2019, quarter: 2 });
    await makeResultSample(env, { productId: p.id, final: 'pass', year: 2019, quarter: 3 });
    const page = { page: 1, pageSize: 100 };
    const q2 = await svc().finalSamples(officer.actor, { year: 2019, quarter: 2, productCode: p.code }, page);
    expect(q2.items.map((i) => i.sampleNo)).toEqual([inLian.sample.sampleNo, inXuyi.sample.sampleNo].sort());
    expect(q2.total).toBe(2);
    expect((await svc().finalSamples(officer.actor, { planId: inLian.planId }, page)).items.map((i) => i.id)).toEqual([inLian.sample.id]);
    // A county user: its county's only.
    expect((await svc().finalSamples(county.actor, { year: 2019, productCode: p.code }, page)).items.map((i) => i.id)).toEqual([inXuyi.sample.id]);
    const b = await svc().createBulletin(officer, { title: '2019', year: 2019, sampleIds: [inLian.sample.id] });
    await svc().publish(head, b.id);
    expect((await svc().finalSamples(officer.actor, { year: 2019, quarter: 2, productCode: p.code, unpublished: true }, page)).items.map((i) => i.id)).toEqual([inXuyi.sample.id]);
  });
});

describe('public results', () => {
  it('show only samples of published bulletins, the contract’s fields, no samplers, prices or signers; by USCC, product code and year; withdrawn gone', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const p = await makeProduct(env, { code: `PUB-${Date.now().toString(36).toUpperCase()}` });
    const q = await makeProduct(env);
    const inst = await makeInstitution(env, { name: `公示检验机构${Date.now()}` });
    const a = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['耐磨性'], institutionId: inst.id, year: 2020 });
    const other = await makeResultSample(env, { productId: q.id, final: 'pass', enterprise: a.enterprise, year: 2021 });
    const notPublished = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: a.enterprise, year: 2020 });
    const bl = await svc().createBulletin(officer, { title: '公示', year: 2020, sampleIds: [a.sample.id, other.sample.id] });
    const before = await svc().publicResults({ uscc: a.enterprise.uscc }, { page: 1, pageSize: 50 });
    expect(before.total).toBe(0); // a draft publishes nothing
    const pub = await svc().publish(head, bl.id);

    const res = await svc().publicResults({ uscc: a.enterprise.uscc.toLowerCase() }, { page: 1, pageSize: 50 });
    expect(res.total).toBe(2);
    expect(res.items.map((i) => i.sampleNo)).toEqual([a.sample.sampleNo, other.sample.sampleNo].sort());
    expect(res.items.map((i) => i.sampleNo)).not.toContain(notPublished.sample.sampleNo);
    const failed = res.items.find((i) => i.sampleNo === a.sample.sampleNo)!;
    expect(failed).toEqual({
      sampleNo: a.sample.sampleNo,
      productCode: p.code,
      productName: p.name,
      category: 'daily_consumer',
      enterpriseName: expect.any(String),
      uscc: a.enterprise.uscc,
      regionCode: '320826',
      regionName: '涟水县',
      batchNo: 'B20260301',
      productionDate: '2026-02-15',
      specification: '120cm',
      conclusion: 'fail',
      failingItems: ['耐磨性'],
      institutionName: inst.name,
      bulletinNo: pub.bulletinNo,
      publishedOn: todayInChina(),
      followup: null,
    });
    const text = JSON.stringify(res);
    for (const secret of ['抽样员张三', '抽样员李四', '王签字', '356.78', 'pricePaid', '门店货架', 'F-0001']) expect(text).not.toContain(secret);

    expect((await svc().publicResults({ uscc: a.enterprise.uscc, productCode: p.code.toLowerCase() }, { page: 1, pageSize: 50 })).items.map((i) => i.sampleNo)).toEqual([a.sample.sampleNo]);
    expect((await svc().publicResults({ uscc: a.enterprise.uscc, year: 2021 }, { page: 1, pageSize: 50 })).items.map((i) => i.sampleNo)).toEqual([other.sample.sampleNo]);
    expect((await svc().publicBulletins({}, { page: 1, pageSize: 500 })).items.map((i) => i.id)).toContain(bl.id);
    expect((await svc().publicBulletin(bl.id)).items).toHaveLength(2);

    await svc().withdraw(head, bl.id, { reason: '撤回' });
    expect((await svc().publicResults({ uscc: a.enterprise.uscc }, { page: 1, pageSize: 50 })).total).toBe(0);
    expect((await svc().publicBulletins({}, { page: 1, pageSize: 500 })).items.map((i) => i.id)).not.toContain(bl.id);
    expect(await code(svc().publicBulletin(bl.id))).toBe('NOT_FOUND');
  });

  it('gives the retest’s conclusion, items and institution; marks a failure noticed as not corrected; newest publication first', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const p = await makeProduct(env);
    const retester = await makeInstitution(env, { name: `复检机构${Date.now()}` });
    const x = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['标识'] });
    await env.db.insert(spotcheckObjections).values({
      sampleId: x.sample.id,
      filedOn: '2026-03-20',
      filedBy: 'enterprise',
      filedByName: '企业',
      reason: '不服',
      status: 'retested',
      retestInstitutionId: retester.id,
      retestItems: [{ item: '标识', requirement: 'r', measured: 'm', pass: true }, { item: '色牢度', requirement: 'r', measured: 'm', pass: false }],
      retestConclusion: 'fail',
    });
    await env.db.insert(spotcheckFollowups).values({ sampleId: x.sample.id, stage: 'noticed', regionCode: '320826', steps: [] });
    const earlier = await makeResultSample(env, { productId: p.id, final: 'pass', enterprise: x.enterprise });
    const b1 = await svc().createBulletin(officer, { title: '早', year, sampleIds: [earlier.sample.id] });
    await svc().publish(head, b1.id);
    const b2 = await svc().createBulletin(officer, { title: '晚', year, sampleIds: [x.sample.id] });
    await svc().publish(head, b2.id);
    // Both published today: sample number orders them; with an earlier day for the first, the later one comes first.
    await env.db.execute(`update spotcheck_bulletins set published_on = '2026-01-05' where id = '${b1.id}'`);
    const items = (await svc().publicResults({ uscc: x.enterprise.uscc }, { page: 1, pageSize: 10 })).items;
    expect(items.map((i) => i.sampleNo)).toEqual([x.sample.sampleNo, earlier.sample.sampleNo]);
    expect(items[0]).toMatchObject({ conclusion: 'fail', failingItems: ['色牢度'], institutionName: retester.name, followup: 'not_corrected_notice' });
    expect(items[1]!.followup).toBeNull();
    const [inst] = await env.db.select({ name: spotcheckInstitutions.name }).from(spotcheckInstitutions).where(eq(spotcheckInstitutions.id, x.sample.institutionId));
    expect(items[0]!.institutionName).not.toBe(inst!.name);
  });

  it('the follow-up notice: stages noticed, suspended, referred; a closed one only after a `notice` step', () => {
    expect(followupNoticed(null, null)).toBe(false);
    for (const stage of ['ordered', 'rechecked_passed', 'rechecked_failed', 'closed'] as const) expect(followupNoticed(stage, []), stage).toBe(false);
    expect(followupNoticed('closed', [{ action: 'order', on: '2026-04-01', byName: 'x', note: null }, { action: 'recheck_passed', on: '2026-04-20', byName: 'x', note: null }, { action: 'close', on: '2026-04-21', byName: 'x', note: '已整改' }])).toBe(false);
    for (const stage of ['noticed', 'suspended', 'referred'] as const) expect(followupNoticed(stage, []), stage).toBe(true);
    expect(followupNoticed('closed', [{ action: 'notice', on: '2026-05-01', byName: 'x', note: null }])).toBe(true);
  });
});

describe('statistics', () => {
  it('adds final samples and history per year, product and category; counties from samples only; null rate without a batch', async () => {
    const officer = await actor(['city_officer'], '320800');
    const p = await makeProduct(env, { category: 'children' });
    const q = await makeProduct(env, { category: 'children' });
    // 2011: history 10/8 for p; samples: p pass + fail in 涟水, q pass in 盱眙; a non-final sample (not counted). 2012: nothing. 2013: q history 4/4.
    await env.db.insert(spotcheckHistory).values([
      { productId: p.id, year: 2011, batches: 10, passed: 8, enteredByName: '测试' },
      { productId: q.id, year: 2013, batches: 4, passed: 4, enteredByName: '测试' },
    ]);
    await makeResultSample(env, { productId: p.id, final: 'pass', year: 2011 });
    await makeResultSample(env, { productId: p.id, final: 'fail', year: 2011 });
    await makeResultSample(env, { productId: q.id, final: 'pass', year: 2011, regionCode: '320830' });
    await makeResultSample(env, { productId: q.id, final: null, year: 2011 });

    const st = await svc().stats(officer.actor, { fromYear: 2011, toYear: 2013 });
    expect(st.includesHistory).toBe(true);
    expect(st.byYear).toEqual([
      { year: 2011, batches: 13, passed: 10, passRate: 10 / 13 },
      { year: 2012, batches: 0, passed: 0, passRate: null },
      { year: 2013, batches: 4, passed: 4, passRate: 1 },
    ]);
    const prod = (c: string) => st.byProduct.filter((r) => r.productCode === c).map(({ year: y, batches, passed, passRate }) => ({ y, batches, passed, passRate }));
    expect(prod(p.code)).toEqual([
      { y: 2011, batches: 12, passed: 9, passRate: 0.75 },
      { y: 2012, batches: 0, passed: 0, passRate: null },
      { y: 2013, batches: 0, passed: 0, passRate: null },
    ]);
    expect(prod(q.code)).toEqual([
      { y: 2011, batches: 1, passed: 1, passRate: 1 },
      { y: 2012, batches: 0, passed: 0, passRate: null },
      { y: 2013, batches: 4, passed: 4, passRate: 1 },
    ]);
    expect(st.byCategory).toEqual([
      { category: 'children', year: 2011, batches: 13, passed: 10, passRate: 10 / 13 },
      { category: 'children', year: 2012, batches: 0, passed: 0, passRate: null },
      { category: 'children', year: 2013, batches: 4, passed: 4, passRate: 1 },
    ]);
    // Counties: the samples only (history has no region).
    expect(st.byRegion).toEqual([
      { regionCode: '320826', regionName: '涟水县', year: 2011, batches: 2, passed: 1, passRate: 0.5 },
      { regionCode: '320826', regionName: '涟水县', year: 2012, batches: 0, passed: 0, passRate: null },
      { regionCode: '320826', regionName: '涟水县', year: 2013, batches: 0, passed: 0, passRate: null },
      { regionCode: '320830', regionName: '盱眙县', year: 2011, batches: 1, passed: 1, passRate: 1 },
      { regionCode: '320830', regionName: '盱眙县', year: 2012, batches: 0, passed: 0, passRate: null },
      { regionCode: '320830', regionName: '盱眙县', year: 2013, batches: 0, passed: 0, passRate: null },
    ]);
  });

  it('a county user’s statistics hold only its county’s samples, without the city-wide history', async () => {
    const county = await actor(['county_officer'], '320830');
    const p = await makeProduct(env);
    await env.db.insert(spotcheckHistory).values({ productId: p.id, year: 2008, batches: 10, passed: 2, enteredByName: '测试' });
    await makeResultSample(env, { productId: p.id, final: 'fail', year: 2008, regionCode: '320830' });
    await makeResultSample(env, { productId: p.id, final: 'pass', year: 2008, regionCode: '320830' });
    await makeResultSample(env, { productId: p.id, final: 'pass', year: 2008, regionCode: '320826' });
    const st = await svc().stats(county.actor, { fromYear: 2008, toYear: 2008 });
    expect(st.includesHistory).toBe(false);
    expect(st.byYear).toEqual([{ year: 2008, batches: 2, passed: 1, passRate: 0.5 }]);
    expect(st.byProduct.map((r) => [r.productCode, r.batches])).toEqual([[p.code, 2]]);
    expect(st.byRegion.map((r) => r.regionCode)).toEqual(['320830']);
  });

  it('refuses a reversed or too wide range (400)', async () => {
    const officer = await actor(['city_officer'], '320800');
    expect(await code(svc().stats(officer.actor, { fromYear: 2020, toYear: 2019 }))).toBe('VALIDATION');
    expect(await code(svc().stats(officer.actor, { fromYear: 2000, toYear: 2030 }))).toBe('VALIDATION');
    const dflt = await svc().stats(officer.actor, {});
    expect(dflt.byYear.map((r) => r.year)).toEqual([year - 4, year - 3, year - 2, year - 1, year]);
  });
});

