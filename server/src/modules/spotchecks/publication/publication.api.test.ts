import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { importLimitsOf } from '../../../platform/files/limits.js';
import { FORMULA_WITHOUT_RESULT, readRows } from '../../../platform/files/read-rows.js';
import { useTestEnv } from '../../../test/app.js';
import { enterprises } from '../../enterprises/index.js';
import { makeProduct } from '../testing.js';
import { makeResultSample } from './testing-publication.js';

/**
 * Publication over HTTP: the bulletin's routes (who may draft, publish, withdraw; ETag and
 * If-Match), its .docx/.xlsx/.csv (zip entries, the Chinese text intact, the .xlsx read back with
 * the platform's reader, formula-like cells neutralised), the public routes without login, the
 * statistics in a county's scope.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const year = Number(todayInChina().slice(0, 4));
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
const publicGet = (url: string) => env.app.inject({ url, remoteAddress: '198.51.100.71' });
const HOSTILE = '=HYPERLINK("http://evil.example","点击")';

describe('bulletins over HTTP', () => {
  it('a city officer drafts and edits (ETag, If-Match), the section head publishes and withdraws; a county officer may not draft; the public sees it only while published', async () => {
    const officer = await staff(['city_officer'], '320800');
    const head = await staff(['section_head'], '320800');
    const county = await staff(['county_officer'], '320826');
    const p = await makeProduct(env, { name: '儿童滑板车' });
    const a = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['结构安全'] });
    const body = { title: `${year}年儿童用品质量公告`, year, quarter: 2, sampleIds: [a.sample.id] };

    expect((await county.post('/api/spotcheck/bulletins', body)).json().error.code).toBe('NOT_CITY');
    expect((await officer.post('/api/spotcheck/bulletins', { ...body, extra: 1 })).statusCode).toBe(400);
    const created = await officer.post('/api/spotcheck/bulletins', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const got = await officer.get(`/api/spotcheck/bulletins/${id}`);
    expect(got.headers.etag).toBe('"1"');
    expect((await officer.patch(`/api/spotcheck/bulletins/${id}`, { title: '改' }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const patched = await officer.patch(`/api/spotcheck/bulletins/${id}`, { title: `${year}年第二季度儿童用品质量公告` }, { 'if-match': '"1"' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.headers.etag).toBe('"2"');

    expect((await officer.post(`/api/spotcheck/bulletins/${id}/publish`, {})).statusCode).toBe(403); // spotcheck.approve
    const published = await head.post(`/api/spotcheck/bulletins/${id}/publish`, {}, { 'if-match': '"2"' });
    expect(published.statusCode, published.body).toBe(200);
    const bulletinNo = published.json().bulletinNo as string;
    expect(bulletinNo).toMatch(/^淮市监抽公〔\d{4}〕\d+号$/);

    const results = await publicGet(`/api/public/spotcheck-results?uscc=${a.enterprise.uscc}`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json().items).toEqual([expect.objectContaining({ sampleNo: a.sample.sampleNo, conclusion: 'fail', failingItems: ['结构安全'], bulletinNo })]);
    expect(Object.keys(results.json().items[0]).sort()).toEqual(
      ['sampleNo', 'productCode', 'productName', 'category', 'enterpriseName', 'uscc', 'regionCode', 'regionName', 'batchNo', 'productionDate', 'specification', 'conclusion', 'failingItems', 'institutionName', 'bulletinNo', 'publishedOn', 'followup'].sort(),
    );
    expect((await publicGet(`/api/public/spotcheck-bulletins/${id}`)).json()).toMatchObject({ bulletinNo, batches: 1, passed: 0, passRate: 0 });
    expect((await publicGet('/api/public/spotcheck-bulletins?pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await publicGet('/api/public/spotcheck-results?year=abc')).statusCode).toBe(400);

    expect((await head.post(`/api/spotcheck/bulletins/${id}/withdraw`, {})).statusCode).toBe(400);
    expect((await head.post(`/api/spotcheck/bulletins/${id}/withdraw`, { reason: '产品名称有误' })).statusCode).toBe(200);
    expect((await publicGet(`/api/public/spotcheck-bulletins/${id}`)).statusCode).toBe(404);
    expect((await publicGet(`/api/public/spotcheck-results?uscc=${a.enterprise.uscc}`)).json()).toEqual({ items: [], total: 0 });
    // Staff still list it, as withdrawn; the county sees it too (no longer a draft).
    expect((await county.get(`/api/spotcheck/bulletins/${id}`)).json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '产品名称有误' });
  });

  it('a sample without a final conclusion: 409 NOT_FINAL with its number', async () => {
    const officer = await staff(['city_officer'], '320800');
    const p = await makeProduct(env);
    const open = await makeResultSample(env, { productId: p.id, final: null });
    const res = await officer.post('/api/spotcheck/bulletins', { title: '未终结', year, sampleIds: [open.sample.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NOT_FINAL', details: { sampleNos: [open.sample.sampleNo] } });
  });
});

describe('the bulletin’s documents', () => {
  it('.docx (the 质量公告) and .xlsx/.csv (every batch) open, keep the Chinese text, and neutralise formula-like cells', async () => {
    const officer = await staff(['city_officer'], '320800');
    const head = await staff(['section_head'], '320800');
    const p = await makeProduct(env, { name: '电动自行车用充电器' });
    const good = await makeResultSample(env, { productId: p.id, final: 'pass' });
    const bad = await makeResultSample(env, { productId: p.id, final: 'fail', failing: ['输出电压', '温升'] });
    await env.db.update(enterprises).set({ name: HOSTILE }).where(eq(enterprises.id, bad.enterprise.id));
    const created = (await officer.post('/api/spotcheck/bulletins', { title: '电动自行车用充电器产品质量监督抽查结果公告', year, quarter: 3, sampleIds: [good.sample.id, bad.sample.id] })).json();
    const bulletinNo = (await head.post(`/api/spotcheck/bulletins/${created.id}/publish`, {})).json().bulletinNo as string;

    const docx = await officer.get(`/api/spotcheck/bulletins/${created.id}/document?format=docx`);
    expect(docx.statusCode, docx.body.slice(0, 200)).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    expect(Object.keys(zip.files)).toContain('word/document.xml');
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of ['电动自行车用充电器产品质量监督抽查结果公告', bulletinNo, '共抽查 1 种产品 2 批次，合格 1 批次，不合格 1 批次，批次合格率 50.0%', '不合格产品及企业', '输出电压、温升', '淮安市市场监督管理局']) expect(xml).toContain(text);

    const xlsx = await officer.get(`/api/spotcheck/bulletins/${created.id}/document?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = await JSZip.loadAsync(xlsx.rawPayload);
    const sheet = await book.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).not.toMatch(/<f[ >]/); // no formula anywhere
    const rows: unknown[][] = [];
    for await (const row of readRows(Readable.from([xlsx.rawPayload]), 'xlsx', importLimitsOf(loadConfig({})))) rows.push(row.cells);
    expect(rows[0]).toEqual(['产品名称', '产品代码', '企业名称', '统一社会信用代码', '所在地区', '规格型号', '生产日期', '批号', '抽查结论', '不合格项目', '承检机构', '样品编号']);
    const badRow = rows.find((r) => r[11] === bad.sample.sampleNo)!;
    expect(badRow).toEqual(['电动自行车用充电器', p.code, HOSTILE, bad.enterprise.uscc, '涟水县', '120cm', '2026-02-15', 'B20260301', '不合格', '输出电压、温升', expect.any(String), bad.sample.sampleNo]);
    expect(badRow).not.toContain(FORMULA_WITHOUT_RESULT);

    const csv = await officer.get(`/api/spotcheck/bulletins/${created.id}/document?format=csv`);
    expect(csv.statusCode).toBe(200);
    const cells = parse(csv.body, { bom: true }) as string[][];
    expect(cells.find((r) => r[11] === bad.sample.sampleNo)![2]).toBe(`'${HOSTILE}`);
    expect(cells.find((r) => r[11] === good.sample.sampleNo)![2]).not.toMatch(/^'/);

    expect((await officer.get(`/api/spotcheck/bulletins/${created.id}/document?format=pdf`)).statusCode).toBe(400);
    expect((await officer.get('/api/spotcheck/bulletins/00000000-0000-4000-8000-000000000000/document?format=docx')).statusCode).toBe(404);
  });
});

describe('statistics over HTTP', () => {
  it('a county officer’s statistics count only its county; the city sees both', async () => {
    const city = await staff(['city_officer'], '320800');
    const county = await staff(['county_officer'], '320831');
    const p = await makeProduct(env);
    await makeResultSample(env, { productId: p.id, final: 'fail', year: 2005, regionCode: '320831' });
    await makeResultSample(env, { productId: p.id, final: 'pass', year: 2005, regionCode: '320804' });
    const mine = (await county.get('/api/spotcheck/stats?fromYear=2005&toYear=2005')).json();
    expect(mine.byYear).toEqual([{ year: 2005, batches: 1, passed: 0, passRate: 0 }]);
    expect(mine.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320831']);
    const all = (await city.get('/api/spotcheck/stats?fromYear=2005&toYear=2005')).json();
    expect(all.byYear).toEqual([{ year: 2005, batches: 2, passed: 1, passRate: 0.5 }]);
    expect(all.byRegion.map((r: { regionCode: string; regionName: string }) => `${r.regionCode}${r.regionName}`)).toEqual(['320804淮阴区', '320831金湖县']);
    expect((await city.get('/api/spotcheck/stats?fromYear=2006&toYear=2005')).statusCode).toBe(400);
  });
});
