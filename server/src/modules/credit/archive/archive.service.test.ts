import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { creditClassHistory, creditRatings } from '../credit.schema.js';
import { rateEnterprise, scoreNow } from '../testing.js';
import { REPORT_MAX_ENTRIES, TIMELINE_PAGE_SIZE } from './archive.service.js';
import { timelineNote } from './report-content.js';
import { REPORTER, makeArchiveEnterprise } from './testing-archive.js';
import type { TimelineItem } from './timeline.js';

/**
 * The archive's service: the summary counted from the event sources and the credit tables, the
 * timeline's entries, order, filters and both ways of paging, the report's facts and its audit
 * event. (Scope, the files and the error shapes over HTTP: archive.api.test.ts.)
 */
const env = useServiceEnv();
const archiveOf = (uscc: string, q = {}) => env.services.credit.archive.archive(env.admin, uscc, q);

/** The order of the timeline: date desc, then kind, then ref id (byte order). */
const inOrder = (a: TimelineItem, b: TimelineItem) => (a.on !== b.on ? (a.on > b.on ? -1 : 1) : a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0);

const factories = { makeEnterprise, makeCase, makeComplaint };

describe('the credit archive', () => {
  it('sums up every area and shows each record once on the timeline, newest first, with no reporter anywhere', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const a = await archiveOf(f.e.uscc);

    expect(a.enterprise).toEqual({ uscc: f.e.uscc, name: f.e.name, regionCode: '320826', regionName: expect.any(String), status: 'active', address: '淮安市测试路1号', legalRepresentative: '钱法人', industryCode: null });
    expect(a.credit).toMatchObject({ class: 'D', listed: true, modelVersion: expect.any(Number), overrideUntil: null });
    expect(a.summary).toMatchObject({
      cases: { penalties: 1, finesTotal: 20000, transferred: 0, publishedRecently: 0 },
      complaints: { substantiated: 1, other: 1 },
      listing: { listingNo: f.listing.listingNo, status: 'listed', listedOn: f.days.d10, until: f.listing.until },
      rating: { grade: 'AA', ratedOn: f.rating.ratedOn, validUntil: f.rating.validUntil, evaluatorName: expect.stringContaining('信用评价机构') },
      feedback: 0,
      licences: { valid: 0, revoked: 0 },
      equipment: { units: 0, overdue: 0, openHazards: 0 },
    });

    const kinds = a.timeline.map((t) => `${t.on} ${t.kind} ${t.ref.type}`);
    expect(kinds).toEqual(
      [
        `${f.days.d10} complaint.substantiated complaint`,
        `${f.days.d10} credit.class_changed credit_class_change`,
        `${f.days.d10} credit.class_changed credit_class_change`,
        `${f.days.d10} credit.listing.listed credit_listing`,
        `${f.days.d10} credit.override_ended credit_override`,
        `${f.rating.ratedOn} credit.rating credit_rating`,
        `${f.days.d40} complaint.closed complaint`,
        `${f.days.d40} credit.class_changed credit_class_change`,
        `${f.days.d40} credit.listing.proposed credit_listing`,
        `${f.days.d40} credit.override credit_override`,
        `${f.days.d100} case.penalty case`,
      ],
    );
    expect([...a.timeline].sort(inOrder)).toEqual(a.timeline);
    expect(a.timeline.map((t) => t.area)).toEqual(a.timeline.map((t) => t.kind.split('.')[0]));
    expect(a.timeline.find((t) => t.kind === 'case.penalty')).toMatchObject({ ref: { type: 'case', id: f.penalty.id }, title: expect.stringContaining('罚款2万元') });
    expect(a.timeline.find((t) => t.kind === 'credit.listing.listed')!.title).toBe(`严重违法失信名单（${f.listing.listingNo}）：决定列入`);
    expect(a.timeline.filter((t) => t.kind === 'credit.class_changed').map((t) => t.title)).toContain('信用等级 C → D（列入严重违法失信名单，评分 65.00）');
    expect(a.paging).toEqual({ page: 1, pageSize: TIMELINE_PAGE_SIZE, total: 11, next: null });

    // Officers' names and listing notes stay out; the reporter appears nowhere.
    const text = JSON.stringify(a);
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.nameMasked, REPORTER.phoneMasked, REPORTER.description, '孙科长', '李科员', '经集体讨论']) expect(text).not.toContain(secret);
  });

  it('pages by number and by cursor without repeating or losing an entry, and filters by area and dates', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const all = (await archiveOf(f.e.uscc)).timeline;

    const byPage: TimelineItem[] = [];
    for (let page = 1; page <= 4; page++) {
      const p = await archiveOf(f.e.uscc, { page, pageSize: 3 });
      expect(p.paging.total).toBe(11);
      byPage.push(...p.timeline);
    }
    expect(byPage).toEqual(all);

    const byCursor: TimelineItem[] = [];
    let before: string | undefined;
    for (let i = 0; i < 6; i++) {
      const p = await archiveOf(f.e.uscc, { pageSize: 2, before });
      expect(p.paging.total).toBe(11);
      byCursor.push(...p.timeline);
      if (!p.paging.next) break;
      before = p.paging.next;
    }
    expect(byCursor).toEqual(all);
    expect((await archiveOf(f.e.uscc, { page: 9, pageSize: 3 })).paging).toMatchObject({ total: 11, next: null });

    const credit = await archiveOf(f.e.uscc, { area: 'credit' });
    expect(credit.timeline.map((t) => t.kind)).toEqual(all.filter((t) => t.area === 'credit').map((t) => t.kind));
    expect(credit.paging.total).toBe(8);
    const window = await archiveOf(f.e.uscc, { from: f.days.d40, to: f.days.d40 });
    expect(window.timeline.map((t) => t.kind)).toEqual(['complaint.closed', 'credit.class_changed', 'credit.listing.proposed', 'credit.override']);
    expect((await archiveOf(f.e.uscc, { area: 'case', to: f.days.d40 })).timeline.map((t) => t.ref.id)).toEqual([f.penalty.id]);
  });

  it('shows every evaluator rating on the timeline (with its end date; withdrawn ones marked) but sums up only the one in force', async () => {
    const e = await makeEnterprise(env);
    const today = todayInChina();
    const old = await rateEnterprise(env, e, { grade: 'C', ratedOn: addDays(today, -800), validUntil: addDays(today, -70) });
    const withdrawn = await rateEnterprise(env, e, { grade: 'AAA', ratedOn: addDays(today, -20) });
    await env.db.update(creditRatings).set({ withdrawnAt: new Date(), withdrawnReason: '报告有误' }).where(eq(creditRatings.id, withdrawn.id));
    const current = await rateEnterprise(env, e, { grade: 'A', ratedOn: addDays(today, -60) });

    const a = await archiveOf(e.uscc, { area: 'credit' });
    const ratings = a.timeline.filter((t) => t.kind === 'credit.rating');
    expect(ratings.map((t) => t.ref.id)).toEqual([withdrawn.id, current.id, old.id]);
    expect(ratings[0]!.title).toMatch(/^第三方信用评价 AAA 级（.+，报告 .+，有效期至 \d{4}-\d{2}-\d{2}），已撤回$/);
    expect(ratings[1]!.title).not.toContain('已撤回');
    expect(a.summary.rating).toMatchObject({ grade: 'A', ratedOn: current.ratedOn });
  });

  it('the report lists the newest 500 entries and says how many there are', async () => {
    const e = await makeEnterprise(env);
    await scoreNow(env, [e.id]);
    const start = Date.now() - 400 * 86_400_000;
    await env.db.insert(creditClassHistory).values(
      Array.from({ length: REPORT_MAX_ENTRIES + 2 }, (_, i) => ({ enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, fromClass: 'B' as const, toClass: 'C' as const, cause: 'score' as const, at: new Date(start + i * 3_600_000) })),
    );
    const r = await env.services.credit.archive.report(env.ctx, e.uscc, 'docx');
    expect(r.timeline).toHaveLength(REPORT_MAX_ENTRIES);
    expect(r.timelineTotal).toBeGreaterThanOrEqual(REPORT_MAX_ENTRIES + 2);
    expect(timelineNote(r)).toBe(`时间范围：${r.from} 以来，共 ${r.timelineTotal} 条，仅列出最近 ${REPORT_MAX_ENTRIES} 条（按日期由近及远）。`);
    expect(r.timeline.at(-1)!.on < r.timeline[0]!.on).toBe(true);
  });

  it('refuses a malformed cursor and a period ending before it starts', async () => {
    const e = await makeEnterprise(env);
    await expect(archiveOf(e.uscc, { before: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
    await expect(archiveOf(e.uscc, { before: Buffer.from('["2026-01-01","a"]').toString('base64url') })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    await expect(archiveOf(e.uscc, { from: '2026-03-02', to: '2026-03-01' })).rejects.toMatchObject({ status: 400, details: { field: 'to' } });
  });

  it('an enterprise without any record: an empty timeline, zero counts, no listing, no rating', async () => {
    const e = await makeEnterprise(env);
    const a = await archiveOf(e.uscc);
    expect(a.timeline.filter((t) => t.kind !== 'credit.class_changed')).toEqual([]);
    expect(a.summary).toMatchObject({ listing: null, rating: null, feedback: 0, cases: { penalties: 0, finesTotal: 0 }, complaints: { substantiated: 0, other: 0 } });
    expect(a.credit.listed).toBe(false);
  });

  it('the report: the last 3 years by default (or all), at most 500 entries, and an audit event with the format', async () => {
    const f = await makeArchiveEnterprise(env, factories);
    const r = await env.services.credit.archive.report(env.ctx, f.e.uscc, 'docx');
    expect(r.from! > f.days.d100).toBe(false);
    expect(r.timeline).toHaveLength(11);
    expect(r.timelineTotal).toBe(11);
    expect(r.font).toBeNull();
    expect(r.bureau).toBeTruthy();
    expect(REPORT_MAX_ENTRIES).toBe(500);
    const all = await env.services.credit.archive.report(env.ctx, f.e.uscc, 'docx', { all: true });
    expect(all.from).toBeNull();

    const events = await env.services.audit.list(env.db, env.admin, { action: 'credit.archive_exported', target: f.e.uscc }, { page: 1, pageSize: 10 });
    expect(events.items).toHaveLength(2);
    expect(events.items[0]).toMatchObject({ targetType: 'enterprise', targetId: f.e.uscc, after: expect.objectContaining({ format: 'docx' }) });
  });
});
