import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { findPdfFont } from '../../../platform/documents/pdf.js';
import { pdfStreams, toUnicodeHex } from '../../../platform/documents/pdf-testing.js';
import { useTestEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { REPORTER, makeArchiveEnterprise } from './testing-archive.js';

/**
 * The archive over HTTP: the contract's shape, access (credit.read) and data scope (another
 * county's enterprise is 404), validation, the .docx and .pdf reports (magic bytes, content type,
 * the RFC 5987 file name, the internal mark, Chinese text in an embedded font, no reporter data),
 * their audit event, and 503 PDF_FONT_MISSING without a font while the .docx still works.
 */
const env = useTestEnv();
const noFont = useTestEnv({ pdfFont: '/nonexistent/zj-archive-test-font.ttf' });
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const docxText = async (body: Buffer) => {
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.xml')).map((n) => zip.file(n)!.async('string')));
  return parts.join('\n');
};

const factories = { makeEnterprise, makeCase, makeComplaint };

describe('GET /api/credit/:uscc/archive', () => {
  it('answers the contract to an officer of the county, 404 to another county, 403 without credit.read', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const own = await staff(['county_officer'], '320826');
    const other = await staff(['county_officer'], '320830');
    const reviewer = await staff(['legal_reviewer'], '320800');

    const res = await own.get(`/api/credit/${f.e.uscc}/archive`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(Object.keys(a).sort()).toEqual(['credit', 'enterprise', 'paging', 'summary', 'timeline']);
    expect(Object.keys(a.enterprise).sort()).toEqual(['address', 'industryCode', 'legalRepresentative', 'name', 'regionCode', 'regionName', 'status', 'uscc']);
    expect(Object.keys(a.credit).sort()).toEqual(['class', 'computedAt', 'listed', 'modelVersion', 'overrideUntil', 'reasons', 'score']);
    expect(Object.keys(a.summary).sort()).toEqual(['cases', 'commitments', 'complaints', 'equipment', 'feedback', 'inspections', 'licences', 'listing', 'rating', 'spotchecks']);
    expect(a.credit).toMatchObject({ class: 'D', listed: true });
    expect(a.timeline[0]).toEqual({ on: f.days.d10, kind: 'complaint.substantiated', area: 'complaint', title: expect.any(String), ref: { type: 'complaint', id: f.report.id } });
    expect(a.paging).toEqual({ page: 1, pageSize: 50, total: 11, next: null });
    for (const secret of Object.values(REPORTER)) expect(res.body).not.toContain(secret);

    const paged = await own.get(`/api/credit/${f.e.uscc}/archive?pageSize=4&area=credit`);
    expect(paged.json().paging).toMatchObject({ total: 8, next: expect.any(String) });
    const next = await own.get(`/api/credit/${f.e.uscc}/archive?pageSize=4&area=credit&before=${paged.json().paging.next}`);
    expect(next.json().timeline).toHaveLength(4);
    expect(next.json().paging.next).toBeNull();

    expect((await other.get(`/api/credit/${f.e.uscc}/archive`)).json().error.code).toBe('NOT_FOUND');
    expect((await other.get(`/api/credit/${f.e.uscc}/archive.docx`)).statusCode).toBe(404);
    expect((await other.get(`/api/credit/${f.e.uscc}/archive.pdf`)).statusCode).toBe(404);
    expect((await reviewer.get(`/api/credit/${f.e.uscc}/archive`)).statusCode).toBe(403);
    expect((await own.get('/api/credit/91320826MA00000000/archive')).statusCode).toBe(404);
  });

  it('rejects unknown parameters, a bad area, date or cursor (400, the error shape)', async () => {
    const e = await makeEnterprise(env);
    const admin = await env.loginAdmin();
    for (const q of ['extra=1', 'area=tax', 'from=2026-13-01', 'pageSize=501', 'before=%21%21']) {
      const res = await admin.get(`/api/credit/${e.uscc}/archive?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.anything() });
    }
    expect((await admin.get(`/api/credit/${e.uscc}/archive?from=2026-13-01`)).json().error).toMatchObject({ code: 'INVALID_DATE', details: { field: 'from' } });
    expect((await admin.get(`/api/credit/${e.uscc}/archive?from=2026-03-02&to=2026-03-01`)).json().error.details).toEqual({ field: 'to' });
    expect((await admin.get(`/api/credit/${e.uscc}/archive.docx?format=pdf`)).statusCode).toBe(400);
  });
});

describe('the archive report', () => {
  it('.docx: a Word file named 信用档案-<uscc>.docx with the internal mark, the sections and no reporter data; the export is audited', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const officer = await staff(['city_officer'], '320800');
    const res = await officer.get(`/api/credit/${f.e.uscc}/archive.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="credit-archive-${f.e.uscc}.docx"; filename*=UTF-8''${encodeURIComponent(`信用档案-${f.e.uscc}.docx`)}`);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = await docxText(res.rawPayload);
    for (const text of ['企业质量信用档案', '内部资料 仅供监管使用', f.e.name, f.e.uscc, '信用风险分类', '信用信息汇总', f.listing.listingNo, '罚款2万元', '20,000元']) expect(xml).toContain(text);
    for (const secret of Object.values(REPORTER)) expect(xml).not.toContain(secret);

    const admin = await env.loginAdmin();
    const audit = await admin.get(`/api/audit?action=credit.archive_exported&target=${f.e.uscc}`);
    expect(audit.json().items).toEqual([expect.objectContaining({ action: 'credit.archive_exported', targetId: f.e.uscc, after: expect.objectContaining({ format: 'docx', entries: 11 }) })]);
  });

  // CI installs fonts-noto-cjk; a machine without a CJK font skips the rendering test.
  it.skipIf(!findPdfFont(null))('.pdf: a PDF named 信用档案-<uscc>.pdf, the CJK font embedded, the Chinese text on its pages, no reporter', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const officer = await staff(['section_head'], '320800');
    const res = await officer.get(`/api/credit/${f.e.uscc}/archive.pdf?all=true`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`信用档案-${f.e.uscc}.pdf`)}`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One to three pages (the reasons' lines depend on the model in force): the page tree counts every page object.
    const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(pages);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]? /);
    const streams = pdfStreams(pdf);
    for (const ch of '企业质量信用档案内部资料仅供监管使用严重违法失信名单') expect(streams).toContain(toUnicodeHex(ch));
    for (const ch of '郑晓') expect(streams).not.toContain(toUnicodeHex(ch));
  });

  it('.pdf without a font: 503 PDF_FONT_MISSING telling what to install or set, nothing audited; the .docx still works', async () => {
    const e = await makeEnterprise(noFont, { regionCode: '320826' });
    const admin = await noFont.loginAdmin();
    const res = await admin.get(`/api/credit/${e.uscc}/archive.pdf`);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'PDF_FONT_MISSING', message: expect.stringContaining('fonts-noto-cjk') });
    expect(res.json().error.message).toContain('ZJ_PDF_FONT');
    expect((await admin.get(`/api/audit?action=credit.archive_exported&target=${e.uscc}`)).json().items).toEqual([]);
    expect((await admin.get(`/api/credit/${e.uscc}/archive.docx`)).statusCode).toBe(200);
  });
});
