import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import type { Penalty } from '../cases.schema.js';
import { makeCase } from '../testing.js';
import { addMonths } from './period.js';

/**
 * Issue 18 over HTTP: the public list of penalty decisions (no login, only the contract's fields,
 * no officer, only within the public period, never removed ones), publishing (case.write, scope,
 * If-Match) and early removal (case.approve, refused with reasons), the staff list in scope.
 */
const env = useTestEnv();
const today = todayInChina();
let seq = 0;

async function decided(penalties: Penalty[], opts: { decidedOn: string; regionCode?: string; stage?: 'decided' | 'closed' }) {
  seq += 1;
  const row = await makeCase(env, {
    stage: opts.stage ?? 'decided',
    regionCode: opts.regionCode,
    foundOn: addDays(opts.decidedOn, -60),
    openedOn: addDays(opts.decidedOn, -55),
    decidedOn: opts.decidedOn,
    decidedByName: '钱审批',
    investigatorNames: ['孙办案', '周办案'],
    reviewerName: '吴审核',
    penalties,
    penaltyText: '罚款人民币5000元',
    violation: '销售不合格产品',
    legalBasis: '《中华人民共和国产品质量法》第五十条',
    documentNo: `淮市监罚〔2026〕${7000 + seq}号`,
    uscc: `91320826MB${String(seq).padStart(7, '0')}Y`.slice(0, 18),
  });
  await inTransaction(env.db, (tx) => env.services.cases.publication.schedule(tx, env.ctx, row));
  return row;
}
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
const publicGet = (url: string) => env.app.inject({ url, remoteAddress: '198.51.100.18' });

describe('GET /api/public/penalties', () => {
  it('lists published decisions in their period with the contract’s fields only; none after it, none removed, none pending', async () => {
    const officer = await staff(['county_officer'], '320826');
    const head = await staff(['section_head'], '320800');
    const current = await decided([{ type: 'fine', amount: 5000 }], { decidedOn: addDays(today, -20) });
    const old = await decided([{ type: 'fine', amount: 5000 }], { decidedOn: addMonths(today, -5) });
    const removed = await decided([{ type: 'fine', amount: 50_000 }], { decidedOn: addMonths(today, -14), stage: 'closed' });
    const pending = await decided([{ type: 'fine', amount: 5000 }], { decidedOn: addDays(today, -3) });

    expect((await officer.post(`/api/cases/${current.id}/publication/publish`, {})).statusCode).toBe(200);
    expect((await officer.post(`/api/cases/${old.id}/publication/publish`, { publishedOn: addMonths(today, -4) })).statusCode).toBe(200); // 3 months: over
    expect((await officer.post(`/api/cases/${removed.id}/publication/publish`, { publishedOn: addMonths(today, -13) })).statusCode).toBe(200);
    const removal = await head.post(`/api/cases/${removed.id}/publication/remove`, { reason: '当事人申请，已履行' });
    expect(removal.statusCode, removal.body).toBe(200);

    const res = await publicGet('/api/public/penalties?pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    const docs = (res.json().items as { documentNo: string }[]).map((i) => i.documentNo);
    expect(docs).toContain(current.documentNo);
    for (const gone of [old, removed, pending]) expect(docs).not.toContain(gone.documentNo);
    const mine = await publicGet(`/api/public/penalties?uscc=${current.uscc}`);
    expect(mine.json()).toEqual({
      items: [{ documentNo: current.documentNo, partyName: current.partyName, uscc: current.uscc, violation: '销售不合格产品', penaltyTypes: ['fine'], penalty: '罚款人民币5000元', legalBasis: '《中华人民共和国产品质量法》第五十条', decidedOn: current.decidedOn, publishedOn: today, publicUntil: addMonths(today, 3) }],
      total: 1,
    });
    expect(res.body).not.toMatch(/钱审批|孙办案|周办案|吴审核|amountDue|caseNo|creditClass/);
    expect((await publicGet(`/api/public/penalties?uscc=${current.uscc}&year=${Number(current.decidedOn!.slice(0, 4)) - 1}`)).json().total).toBe(0);
    expect((await publicGet('/api/public/penalties?extra=1')).statusCode).toBe(400);
  });

  it('is rate-limited per client (429 in the error shape), without a login', async () => {
    const { createTestEnv } = await import('../../../test/app.js');
    const limited = await createTestEnv({ publicRateLimit: 2 }, env.database);
    try {
      const codes: number[] = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await limited.app.inject({ url: '/api/public/penalties', remoteAddress: '198.51.100.81' });
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(last!.json().error.code).toEqual(expect.any(String));
      // Another client is not held back by the first one's requests.
      expect((await limited.app.inject({ url: '/api/public/penalties', remoteAddress: '198.51.100.82' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('publish and remove', () => {
  it('publish: case.write in scope (another county 404, a section head 403), If-Match, once only', async () => {
    const row = await decided([{ type: 'fine', amount: 12_000 }], { decidedOn: addDays(today, -10) });
    const elsewhere = await staff(['county_officer'], '320830');
    const head = await staff(['section_head'], '320800');
    const officer = await staff(['county_officer'], '320826');
    expect((await elsewhere.post(`/api/cases/${row.id}/publication/publish`, {})).statusCode).toBe(404);
    expect((await head.post(`/api/cases/${row.id}/publication/publish`, {})).statusCode).toBe(403);
    expect((await officer.post(`/api/cases/${row.id}/publication/publish`, { publishedOn: today, extra: 1 })).statusCode).toBe(400);
    expect((await officer.post(`/api/cases/${row.id}/publication/publish`, {}, { 'if-match': '"9"' })).statusCode).toBe(412);
    const ok = await officer.post(`/api/cases/${row.id}/publication/publish`, {}, { 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ caseId: row.id, status: 'published', state: 'published', period: 'long', publishedOn: today, publicUntil: addMonths(today, 36), earlyRemovalFrom: addMonths(today, 12), version: 2 });
    const again = await officer.post(`/api/cases/${row.id}/publication/publish`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('remove: case.approve; refused with the reasons (409 EARLY_REMOVAL_NOT_ALLOWED)', async () => {
    const row = await decided([{ type: 'revocation' }], { decidedOn: addDays(today, -30) });
    const officer = await staff(['county_officer'], '320826');
    const head = await staff(['section_head'], '320800');
    expect((await officer.post(`/api/cases/${row.id}/publication/publish`, {})).statusCode).toBe(200);
    expect((await officer.post(`/api/cases/${row.id}/publication/remove`, { reason: '申请' })).statusCode).toBe(403);
    const refused = await head.post(`/api/cases/${row.id}/publication/remove`, { reason: '申请' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'EARLY_REMOVAL_NOT_ALLOWED', details: { reasons: ['too_early', 'not_executed'], earliestOn: addMonths(today, 12) } });
    expect(refused.json().error.message).toContain('公示未满规定期限');
    expect((await head.post(`/api/cases/${row.id}/publication/remove`, { reason: '' })).statusCode).toBe(400);
  });

  it('the staff list answers in scope, filters by state and overdue', async () => {
    const own = await decided([{ type: 'fine', amount: 3000 }], { decidedOn: addMonths(today, -3) }); // past due
    const other = await decided([{ type: 'fine', amount: 3000 }], { decidedOn: addMonths(today, -3), regionCode: '320830' });
    const officer = await staff(['county_officer'], '320826');
    const list = await officer.get('/api/penalty-publications?overdue=true&pageSize=500');
    expect(list.statusCode, list.body).toBe(200);
    const ids = (list.json().items as { caseId: string }[]).map((i) => i.caseId);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    const item = (list.json().items as { caseId: string }[]).find((i) => i.caseId === own.id);
    expect(item).toMatchObject({ status: 'pending', state: 'pending', overdue: true, orgName: expect.any(String), penaltyTypes: ['fine'] });
    expect((await officer.get(`/api/penalty-publications?status=published&q=${own.caseNo}`)).json().total).toBe(0);
    expect((await officer.get('/api/penalty-publications?status=bogus')).statusCode).toBe(400);
    const city = await staff(['section_head'], '320800');
    const byRegion = ((await city.get('/api/penalty-publications?regionCode=320830&pageSize=500')).json().items as { caseId: string }[]).map((i) => i.caseId);
    expect(byRegion).toContain(other.id);
    expect(byRegion).not.toContain(own.id);
    const notOverdue = ((await city.get('/api/penalty-publications?overdue=false&pageSize=500')).json().items as { caseId: string }[]).map((i) => i.caseId);
    expect(notOverdue).not.toContain(own.id);
  });
});
