import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { AppError } from '../../../platform/http/errors.js';
import { useServiceEnv } from '../../../test/app.js';
import { caseRef } from '../../cases/index.js';
import { makeCase } from '../../cases/testing.js';
import { complaintRef } from '../../complaints/index.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckProducers, spotcheckProducts, spotcheckSuggestions } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeProducers, makeSample } from '../testing.js';
import { checkAql, checkCode, checkSamplingRule, checkTestItems } from './product-fields.js';
import { ctxAs, productInput } from './testing-catalogue.js';

const env = useServiceEnv();
const THIS_YEAR = Number(todayInChina().slice(0, 4));
const catalogue = () => env.services.spotchecks.catalogue;

/** The error a promise rejects with (fails when it resolves). */
async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}
const codeOf = async (p: Promise<unknown>) => (await errorOf(p)).code;

let city: Awaited<ReturnType<typeof ctxAs>>;
let county: Awaited<ReturnType<typeof ctxAs>>;
let sectionHead: Awaited<ReturnType<typeof ctxAs>>;
beforeAll(async () => {
  city = await ctxAs(env, ['city_officer']);
  county = await ctxAs(env, ['county_officer'], '320826');
  sectionHead = await ctxAs(env, ['section_head']);
});

describe('product fields', () => {
  it('codes are trimmed and upper-cased; other characters refused', () => {
    expect(checkCode('  ry-001 ')).toBe('RY-001');
    expect(() => checkCode('日用-1')).toThrow(/产品编号/);
    expect(() => checkCode('   ')).toThrow(/请填写产品编号/);
    expect(() => checkCode('-A')).toThrow();
  });

  it('an AQL is taken as its series entry; values off the series are refused', () => {
    expect(checkAql('1')).toBe('1.0');
    expect(checkAql(0.1)).toBe('0.10');
    expect(checkAql(' 6.5 ')).toBe('6.5');
    expect(() => checkAql('1.2')).toThrow(/AQL/);
    expect(() => checkAql('')).toThrow(/AQL/);
  });

  it('the sample size is a fixed number or a GB/T 2828.1 level with an AQL, exactly one of them', () => {
    expect(checkSamplingRule({ sampleSize: 4, sampleUnit: ' 件 ' })).toEqual({ sampleSize: 4, sampleUnit: '件', inspectionLevel: null, aql: null });
    expect(checkSamplingRule({ inspectionLevel: 'S-2', aql: '2.5' })).toEqual({ sampleSize: null, sampleUnit: null, inspectionLevel: 'S-2', aql: '2.5' });
    expect(() => checkSamplingRule({ inspectionLevel: 'II' })).toThrow(/同时填写/);
    expect(() => checkSamplingRule({ aql: '1.0' })).toThrow(/同时填写/);
    expect(() => checkSamplingRule({ sampleSize: 3, inspectionLevel: 'II', aql: '1.0' })).toThrow(/只能选其一/);
    expect(() => checkSamplingRule({})).toThrow(/请填写每批次抽样数量/);
    expect(() => checkSamplingRule({ inspectionLevel: 'IV', aql: '1.0' })).toThrow(/检验水平/);
  });

  it('test items: at least one, names unique, requirement and method required; critical defaults to false', () => {
    expect(checkTestItems([{ name: ' 甲醛 ', requirement: '≤75 mg/kg', method: 'GB/T 2912.1' }])).toEqual([{ name: '甲醛', requirement: '≤75 mg/kg', method: 'GB/T 2912.1', critical: false }]);
    expect(() => checkTestItems([])).toThrow(/至少/);
    expect(() =>
      checkTestItems([
        { name: '甲醛', requirement: 'a', method: 'b' },
        { name: '甲醛', requirement: 'c', method: 'd' },
      ]),
    ).toThrow(/重复/);
    expect(() => checkTestItems([{ name: '甲醛', requirement: ' ', method: 'b' }])).toThrow(/技术要求/);
  });
});

describe('products', () => {
  it('creates a product (code upper-cased) with its implementing rule, audited; a taken code is 409 PRODUCT_CODE_TAKEN and nothing is written', async () => {
    const input = productInput();
    const p = await catalogue().create(city, input);
    expect(p).toMatchObject({ code: input.code.toUpperCase(), name: input.name, category: 'electrical', impact: 4, batchCost: 2500, sampleSize: 3, sampleUnit: '台', inspectionLevel: null, aql: null, active: true, version: 1, producerCount: 0, lastPassRate: null });
    expect(p.testItems[1]).toEqual({ ...input.testItems[1], critical: true });
    expect(p.testItems[0]!.critical).toBe(false);
    const audits = await env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'spotcheck.product_created'), eq(auditEvents.targetId, p.id)));
    expect(audits).toHaveLength(1);

    const again = catalogue().create(city, productInput({ code: ` ${input.code.toLowerCase()} `, name: '另一个' }));
    expect(await errorOf(again)).toMatchObject({ code: 'PRODUCT_CODE_TAKEN', status: 409 });
    expect(await env.db.select().from(spotcheckProducts).where(eq(spotcheckProducts.name, '另一个'))).toHaveLength(0);
  });

  it('writes are the city bureau’s: a county officer gets 403 NOT_CITY, a section head 403 FORBIDDEN', async () => {
    expect(await errorOf(catalogue().create(county, productInput()))).toMatchObject({ code: 'NOT_CITY', status: 403 });
    expect(await errorOf(catalogue().create(sectionHead, productInput()))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const p = await makeProduct(env);
    expect(await codeOf(catalogue().update(county, p.id, { name: '改名' }, [1]))).toBe('NOT_CITY');
    expect(await codeOf(catalogue().saveHistory(county, p.id, THIS_YEAR - 1, { batches: 1, passed: 1, failingItems: [] }))).toBe('NOT_CITY');
    expect(await codeOf(catalogue().addProducers(county, p.id, ['91320826MA1XXXXX0X']))).toBe('NOT_CITY');
    expect(await codeOf(catalogue().addLink(county, p.id, { kind: 'case', refId: p.id }))).toBe('NOT_CITY');
    // Reading is every staff member's.
    expect((await catalogue().get(county.actor, p.id)).id).toBe(p.id);
  });

  it('updates with If-Match (428 without, 412 when stale), checks the sampling rule as it will stand, audits before and after', async () => {
    const p = await catalogue().create(city, productInput());
    expect(await errorOf(catalogue().update(city, p.id, { name: '新名称' }, undefined))).toMatchObject({ status: 428, code: 'PRECONDITION_REQUIRED' });
    expect(await errorOf(catalogue().update(city, p.id, { name: '新名称' }, [7]))).toMatchObject({ status: 412 });
    // Level and AQL while the fixed size stays: refused; with the size cleared: taken.
    expect(await codeOf(catalogue().update(city, p.id, { inspectionLevel: 'II', aql: '1.0' }, [1]))).toBe('VALIDATION');
    const u = await catalogue().update(city, p.id, { sampleSize: null, inspectionLevel: 'II', aql: 1, name: ' 新名称 ' }, [1]);
    expect(u).toMatchObject({ version: 2, name: '新名称', sampleSize: null, inspectionLevel: 'II', aql: '1.0', code: p.code });
    const [audit] = await env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'spotcheck.product_updated'), eq(auditEvents.targetId, p.id)));
    expect(audit!.before).toMatchObject({ name: p.name, sampleSize: 3, version: 1 });
    expect(audit!.after).toMatchObject({ name: '新名称', aql: '1.0' });
    expect((await catalogue().update(city, p.id, { active: false }, [2])).active).toBe(false);
  });

  it('lists by code with filters; producerCount counts every producer; lastPassRate is the last year with a batch', async () => {
    const tag = `LST${Date.now().toString(36).toUpperCase()}`;
    const a = await makeProduct(env, { code: `${tag}-A`, category: 'children' });
    const b = await makeProduct(env, { code: `${tag}-B`, category: 'children', active: false });
    await makeProducers(env, a.id, 2, '320826');
    await makeProducers(env, a.id, 1, '320803');
    await catalogue().saveHistory(city, a.id, THIS_YEAR - 3, { batches: 4, passed: 3, failingItems: ['甲醛含量'] });
    await catalogue().saveHistory(city, a.id, THIS_YEAR - 2, { batches: 5, passed: 5, failingItems: [] });
    // A later year with zero batches has no rate: the last rate stays at THIS_YEAR - 2.
    await catalogue().saveHistory(city, a.id, THIS_YEAR - 1, { batches: 0, passed: 0, failingItems: [] });
    const page = await catalogue().list(county.actor, { q: tag.toLowerCase() }, { page: 1, pageSize: 20 });
    expect(page.items.map((i) => i.code)).toEqual([a.code, b.code]);
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ producerCount: 3, lastPassRate: { year: THIS_YEAR - 2, rate: 1 } });
    expect(page.items[1]).toMatchObject({ producerCount: 0, lastPassRate: null });
    expect((await catalogue().list(city.actor, { q: tag, active: false }, { page: 1, pageSize: 20 })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await catalogue().list(city.actor, { q: tag, category: 'electrical' }, { page: 1, pageSize: 20 })).total).toBe(0);
  });
});

describe('history', () => {
  it('takes only years before the current one, passed ≤ batches, no failing items without a failed batch; replaces a year; deletes it', async () => {
    const p = await makeProduct(env);
    expect(await errorOf(catalogue().saveHistory(city, p.id, THIS_YEAR, { batches: 2, passed: 2, failingItems: [] }))).toMatchObject({ status: 400, code: 'HISTORY_YEAR' });
    expect(await codeOf(catalogue().saveHistory(city, p.id, THIS_YEAR + 1, { batches: 2, passed: 2, failingItems: [] }))).toBe('HISTORY_YEAR');
    expect(await codeOf(catalogue().saveHistory(city, p.id, 1999, { batches: 2, passed: 2, failingItems: [] }))).toBe('HISTORY_YEAR');
    expect(await codeOf(catalogue().saveHistory(city, p.id, THIS_YEAR - 1, { batches: 2, passed: 3, failingItems: [] }))).toBe('VALIDATION');
    expect(await codeOf(catalogue().saveHistory(city, p.id, THIS_YEAR - 1, { batches: 2, passed: 2, failingItems: ['标识'] }))).toBe('VALIDATION');
    expect((await catalogue().history(city.actor, p.id)).years).toEqual([]);

    const first = await catalogue().saveHistory(city, p.id, THIS_YEAR - 1, { batches: 10, passed: 8, failingItems: [' 标识 ', '甲醛含量', '标识'], note: '纸质台账' });
    expect(first).toMatchObject({ year: THIS_YEAR - 1, batches: 10, passed: 8, failingItems: ['标识', '甲醛含量'], note: '纸质台账', enteredByName: city.actor.name });
    const replaced = await catalogue().saveHistory(city, p.id, THIS_YEAR - 1, { batches: 6, passed: 6, failingItems: [] });
    expect(replaced).toMatchObject({ id: first.id, batches: 6, passed: 6, failingItems: [], note: null });
    expect((await catalogue().history(city.actor, p.id)).years).toEqual([{ year: THIS_YEAR - 1, batches: 6, passed: 6, passRate: 1, failingItems: [], source: 'history' }]);

    await catalogue().deleteHistory(city, p.id, THIS_YEAR - 1);
    expect((await catalogue().history(city.actor, p.id)).years).toEqual([]);
    expect(await errorOf(catalogue().deleteHistory(city, p.id, THIS_YEAR - 1))).toMatchObject({ status: 404 });
    const audits = await env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, p.id));
    expect(audits.map((a) => a.action).filter((a) => a.startsWith('spotcheck.history'))).toEqual(['spotcheck.history_saved', 'spotcheck.history_saved', 'spotcheck.history_deleted']);
  });

  it('per year, newest first: history and final samples added together (source both), a year of lots without a final sample has no pass rate; links and suggestions with org names', async () => {
    const p = await makeProduct(env);
    const plan = await makePlan(env, { year: THIS_YEAR - 1 });
    const inst = await makeInstitution(env);
    const [e1, e2, e3] = await makeProducers(env, p.id, 3);
    const lastYear = await makeLot(env, { planId: plan.id, productId: p.id, year: THIS_YEAR - 1, quarter: 2 });
    const items = (fail: string[]) => ['标识', '甲醛含量'].map((item) => ({ item, requirement: 'r', measured: 'm', pass: !fail.includes(item) }));
    await makeSample(env, { lotId: lastYear.id, productId: p.id, institutionId: inst.id, enterprise: e1!, status: 'closed', conclusion: 'fail', finalConclusion: 'fail', items: items(['甲醛含量']) });
    await makeSample(env, { lotId: lastYear.id, productId: p.id, institutionId: inst.id, enterprise: e2!, status: 'closed', conclusion: 'pass', finalConclusion: 'pass', items: items([]) });
    // Reported but not final: not counted.
    await makeSample(env, { lotId: lastYear.id, productId: p.id, institutionId: inst.id, enterprise: e3!, status: 'reported', conclusion: 'fail', items: items(['标识']) });
    await catalogue().saveHistory(city, p.id, THIS_YEAR - 1, { batches: 2, passed: 1, failingItems: ['甲醛含量'] });
    await catalogue().saveHistory(city, p.id, THIS_YEAR - 2, { batches: 4, passed: 4, failingItems: [] });
    const thisPlan = await makePlan(env, { year: THIS_YEAR });
    await makeLot(env, { planId: thisPlan.id, productId: p.id, year: THIS_YEAR });

    const complaint = await makeComplaint(env, { kind: 'complaint', receivedOn: `${THIS_YEAR - 1}-05-06` });
    const kase = await makeCase(env, { foundOn: `${THIS_YEAR - 1}-07-08` });
    await catalogue().addLink(city, p.id, { kind: 'complaint', refId: complaint.id });
    await catalogue().addLink(city, p.id, { kind: 'case', refId: kase.id });
    const countyOrg = await env.orgIn('320826');
    await env.db.insert(spotcheckSuggestions).values([
      { year: THIS_YEAR, productId: p.id, enterpriseId: e1!.id, reason: '投诉较多', orgId: countyOrg.id, regionCode: '320826', createdByName: '县局甲' },
      { year: THIS_YEAR + 1, productId: p.id, reason: '本地产量大', orgId: countyOrg.id, regionCode: '320826', createdByName: '县局乙' },
    ]);

    const h = await catalogue().history(county.actor, p.id);
    expect(h.years).toEqual([
      { year: THIS_YEAR, batches: 0, passed: 0, passRate: null, failingItems: [], source: 'system' },
      { year: THIS_YEAR - 1, batches: 4, passed: 2, passRate: 0.5, failingItems: [{ item: '甲醛含量', count: 2 }], source: 'both' },
      { year: THIS_YEAR - 2, batches: 4, passed: 4, passRate: 1, failingItems: [], source: 'history' },
    ]);
    expect(h.complaints).toEqual([expect.objectContaining({ refId: complaint.id, refNo: complaint.trackingNo, refOn: `${THIS_YEAR - 1}-05-06`, linkedByName: city.actor.name })]);
    expect(h.cases).toEqual([expect.objectContaining({ refId: kase.id, refNo: kase.caseNo, refOn: `${THIS_YEAR - 1}-07-08` })]);
    expect(h.suggestions.map((s) => [s.year, s.orgName, s.reason, s.enterpriseName, s.createdByName])).toEqual([
      [THIS_YEAR + 1, countyOrg.name, '本地产量大', null, '县局乙'],
      [THIS_YEAR, countyOrg.name, '投诉较多', e1!.name, '县局甲'],
    ]);
    // The list's last pass rate: last year's (this year's lots have no final sample yet).
    expect((await catalogue().get(city.actor, p.id)).lastPassRate).toEqual({ year: THIS_YEAR - 1, rate: 0.5 });
  });
});

describe('links to complaints and cases', () => {
  it('reads the record through its module in the actor’s scope: enquiries refused, unknown 400, twice 409; unlinks', async () => {
    const p = await makeProduct(env);
    const report = await makeComplaint(env, { kind: 'report' });
    const enquiry = await makeComplaint(env, { kind: 'enquiry' });
    const link = await catalogue().addLink(city, p.id, { kind: 'complaint', refId: report.id });
    expect(link).toMatchObject({ productId: p.id, kind: 'complaint', refId: report.id, refNo: report.trackingNo, refOn: report.receivedOn });
    expect(await errorOf(catalogue().addLink(city, p.id, { kind: 'complaint', refId: report.id }))).toMatchObject({ status: 409, code: 'ALREADY_LINKED' });
    expect(await errorOf(catalogue().addLink(city, p.id, { kind: 'complaint', refId: enquiry.id }))).toMatchObject({ status: 400, code: 'LINK_NOT_ELIGIBLE' });
    expect(await errorOf(catalogue().addLink(city, p.id, { kind: 'case', refId: report.id }))).toMatchObject({ status: 400, code: 'LINK_TARGET_NOT_FOUND' });
    expect(await errorOf(catalogue().addLink(city, p.id, { kind: 'complaint', refId: p.id }))).toMatchObject({ status: 400, code: 'LINK_TARGET_NOT_FOUND' });

    await catalogue().removeLink(city, p.id, link.id);
    expect((await catalogue().history(city.actor, p.id)).complaints).toEqual([]);
    expect(await errorOf(catalogue().removeLink(city, p.id, link.id))).toMatchObject({ status: 404 });
  });

  it('the modules’ read functions answer null outside the actor’s scope', async () => {
    const other = await ctxAs(env, ['county_officer'], '320803');
    const report = await makeComplaint(env, { regionCode: '320826' });
    const kase = await makeCase(env, { regionCode: '320826' });
    expect(await complaintRef(env.db, county.actor, report.id)).toMatchObject({ trackingNo: report.trackingNo });
    expect(await complaintRef(env.db, other.actor, report.id)).toBeNull();
    expect(await caseRef(env.db, county.actor, kase.id)).toMatchObject({ caseNo: kase.caseNo, foundOn: kase.foundOn });
    expect(await caseRef(env.db, other.actor, kase.id)).toBeNull();
  });
});

describe('producers', () => {
  it('adds by USCC from the register: any unknown code is a 400 naming them all and nothing is added; repeats count once', async () => {
    const p = await makeProduct(env);
    const [a, b] = [await makeEnterprise(env, { regionCode: '320826' }), await makeEnterprise(env, { regionCode: '320803' })];
    const err = await errorOf(catalogue().addProducers(city, p.id, [a.uscc, '91320826MA00000000', 'bad']));
    expect(err).toMatchObject({ status: 400, code: 'UNKNOWN_USCC', details: { field: 'usccs', unknown: ['bad', '91320826MA00000000'] } });
    expect(await env.db.select().from(spotcheckProducers).where(eq(spotcheckProducers.productId, p.id))).toHaveLength(0);

    expect(await catalogue().addProducers(city, p.id, [a.uscc.toLowerCase(), ` ${a.uscc} `])).toEqual({ added: 1, alreadyListed: 0 });
    expect(await catalogue().addProducers(city, p.id, [a.uscc, b.uscc])).toEqual({ added: 1, alreadyListed: 1 });
    const rows = await env.db.select().from(spotcheckProducers).where(eq(spotcheckProducers.productId, p.id));
    expect(rows.map((r) => r.source)).toEqual(['register', 'register']);

    // The list: within the reader's jurisdiction (a county sees its county's producers); the count is the city's.
    expect((await catalogue().producers(city.actor, p.id, {}, { page: 1, pageSize: 20 })).total).toBe(2);
    const mine = await catalogue().producers(county.actor, p.id, {}, { page: 1, pageSize: 20 });
    expect(mine.items.map((i) => i.uscc)).toEqual([a.uscc]);
    expect(mine.items[0]).toMatchObject({ enterpriseId: a.id, name: a.name, regionCode: '320826', status: 'active', source: 'register', lastSampledOn: null });
    expect((await catalogue().get(county.actor, p.id)).producerCount).toBe(2);

    await catalogue().removeProducer(city, p.id, a.id);
    expect((await catalogue().producers(city.actor, p.id, {}, { page: 1, pageSize: 20 })).items.map((i) => i.uscc)).toEqual([b.uscc]);
    expect(await errorOf(catalogue().removeProducer(city, p.id, a.id))).toMatchObject({ status: 404 });
  });

  it('an enterprise’s products, with the last sampling day; another county’s enterprise is 404', async () => {
    const p = await makeProduct(env);
    const q = await makeProduct(env);
    const [e] = await makeProducers(env, p.id, 1, '320826');
    await env.db.insert(spotcheckProducers).values({ productId: q.id, enterpriseId: e!.id, source: 'import', addedByName: '测试' });
    const plan = await makePlan(env);
    const inst = await makeInstitution(env);
    const lot = await makeLot(env, { planId: plan.id, productId: p.id });
    const record = { sampledOn: '2026-03-04', place: '仓库', batchNo: 'B1', productionDate: null, specification: null, quantitySampled: 3, baseCount: 100, pricePaid: 30, sealNumbers: ['F1'], enterpriseSigner: '某', note: null };
    await makeSample(env, { lotId: lot.id, productId: p.id, institutionId: inst.id, enterprise: e!, status: 'sampled', record });
    await makeSample(env, { lotId: lot.id, productId: p.id, institutionId: inst.id, enterprise: e!, status: 'sampled', record: { ...record, sampledOn: '2025-11-30' } });

    const list = await catalogue().productsOf(county.actor, e!.id, { page: 1, pageSize: 20 });
    expect(list.total).toBe(2);
    const byId = new Map(list.items.map((i) => [i.id, i]));
    expect(byId.get(p.id)).toMatchObject({ code: p.code, source: 'register', lastSampledOn: '2026-03-04' });
    expect(byId.get(q.id)).toMatchObject({ code: q.code, source: 'import', lastSampledOn: null });
    const other = await ctxAs(env, ['county_officer'], '320803');
    expect(await errorOf(catalogue().productsOf(other.actor, e!.id, { page: 1, pageSize: 20 }))).toMatchObject({ status: 404 });
  });
});
