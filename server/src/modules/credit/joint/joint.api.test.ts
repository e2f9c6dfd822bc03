import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { apiKeys } from '../../../platform/auth/auth.schema.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc, setCreditClass } from '../../enterprises/testing.js';
import { RESTRICTION_CODES, creditListings } from '../credit.schema.js';
import { RESTRICTIONS } from './restrictions.js';

/**
 * Issue 20, joint punishment: departments' systems check a batch of up to 1,000 USCCs through
 * their API keys — answered in the order asked, malformed codes per item, the whole city for a
 * key, rate-limited per key, every call audited — and report back what they did.
 */
const RATE = 4;
const env = useTestEnv({ creditRules: { ...loadConfig({}).creditRules, checkRatePerMinute: RATE } });
const today = todayInChina();
let seq = 0;

/** A new `department` org in `regionCode` and an API key of it. */
async function department(regionCode: string) {
  const admin = await env.loginAdmin();
  const org = await admin.post('/api/orgs', { name: `联合惩戒部门${regionCode}-${randomBytes(4).toString('hex')}`, type: 'department', regionCode });
  expect(org.statusCode, org.body).toBe(201);
  const created = await admin.post('/api/api-keys', { orgId: org.json().id, name: `核查系统${++seq}` });
  expect(created.statusCode, created.body).toBe(201);
  return { orgId: org.json().id as string, keyId: created.json().id as string, key: env.client({ bearer: created.json().key as string }) };
}

/** Puts an enterprise on the dishonest list (status `listed`) from `listedOn` to `until`. */
async function list(e: { id: string; uscc: string; regionCode: string; name: string }, listedOn: string, until: string) {
  await env.db.insert(creditListings).values({
    listingNo: `SXT${randomBytes(6).toString('hex')}`,
    enterpriseId: e.id,
    uscc: e.uscc,
    regionCode: e.regionCode,
    enterpriseName: e.name,
    source: 'manual',
    reason: '提供虚假材料骗取许可',
    legalBasis: '《市场监督管理严重违法失信名单管理办法》',
    status: 'listed',
    proposedByName: '测试',
    listedOn,
    until,
  });
}

const checkedAudits = (orgId: string) => env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'credit.checked'), eq(auditEvents.targetId, orgId)));

describe('POST /api/credit/check', () => {
  it('answers each code in the order asked, duplicates each time, malformed codes per item', async () => {
    const { key } = await department('320800');
    const listed = await makeEnterprise(env, { regionCode: '320826' });
    const classD = await makeEnterprise(env, { regionCode: '320826' });
    const plain = await makeEnterprise(env, { regionCode: '320830' });
    const expired = await makeEnterprise(env, { regionCode: '320830' });
    await setCreditClass(env, listed.id, 'D');
    await setCreditClass(env, classD.id, 'D');
    await setCreditClass(env, plain.id, 'B');
    const until = addDays(today, 700);
    await list(listed, addDays(today, -30), until);
    await list(expired, addDays(today, -1200), addDays(today, -1));
    const missing = randomUscc('320826');
    const good = plain.uscc;
    const badDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const usccs = [` ${plain.uscc.toLowerCase()} `, listed.uscc, 'NOT-A-CODE', missing, classD.uscc, plain.uscc, badDigit, expired.uscc];

    const res = await key.post('/api/credit/check', { usccs });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { uscc: string; error?: string; found: boolean; class: string | null; listed: boolean; restrictions: { code: string; legalBasis: string; until: string | null }[] }[];
    expect(items.map((i) => i.uscc)).toEqual([plain.uscc, listed.uscc, 'NOT-A-CODE', missing, classD.uscc, plain.uscc, badDigit, expired.uscc]);
    expect(items[0]).toEqual({ uscc: plain.uscc, found: true, class: 'B', listed: false, restrictions: [] });
    expect(items[5]).toEqual(items[0]);
    expect(items[1]).toMatchObject({ found: true, class: 'D', listed: true });
    expect(items[1]!.restrictions.map((r) => r.code)).toEqual([...RESTRICTION_CODES]);
    expect(items[1]!.restrictions.every((r) => r.until === until && r.legalBasis === RESTRICTIONS[r.code as keyof typeof RESTRICTIONS].legalBasis)).toBe(true);
    expect(items[2]).toEqual({ uscc: 'NOT-A-CODE', error: 'USCC_FORMAT', found: false, class: null, listed: false, restrictions: [] });
    expect(items[3]).toEqual({ uscc: missing, found: false, class: null, listed: false, restrictions: [] });
    expect(items[4]).toMatchObject({ found: true, class: 'D', listed: false, restrictions: [{ code: 'honours', until: null }] });
    expect(items[6]).toEqual({ uscc: badDigit, error: 'USCC_CHECK_DIGIT', found: false, class: null, listed: false, restrictions: [] });
    // A listing whose period ended is no longer in force.
    expect(items[7]).toMatchObject({ found: true, listed: false, restrictions: [] });
  });

  it('1,000 codes are answered; 1,001 is 400 BATCH_TOO_LARGE and an empty batch 400, neither audited', async () => {
    const { key, orgId } = await department('320800');
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const usccs = Array.from({ length: 1000 }, (_, i) => (i % 2 ? e.uscc : randomUscc('320826')));
    const ok = await key.post('/api/credit/check', { usccs });
    expect(ok.statusCode, ok.body).toBe(200);
    const items = ok.json().items as { uscc: string; found: boolean }[];
    expect(items).toHaveLength(1000);
    expect(items.map((i) => i.uscc)).toEqual(usccs);
    expect(items.filter((i) => i.found).length).toBeGreaterThanOrEqual(500);
    const tooMany = await key.post('/api/credit/check', { usccs: [...usccs, e.uscc] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: 'BATCH_TOO_LARGE', details: { max: 1000, count: 1001 } });
    const empty = await key.post('/api/credit/check', { usccs: [] });
    expect(empty.statusCode).toBe(400);
    expect((await key.post('/api/credit/check', { usccs: [e.uscc], extra: 1 })).statusCode).toBe(400);
    expect(await checkedAudits(orgId)).toHaveLength(1);
  });

  it('a county department’s key checks an enterprise of another county; staff with credit.read only their scope', async () => {
    const { key } = await department('320830');
    const elsewhere = await makeEnterprise(env, { regionCode: '320826' });
    const home = await makeEnterprise(env, { regionCode: '320830' });
    await setCreditClass(env, elsewhere.id, 'C');
    const byKey = await key.post('/api/credit/check', { usccs: [elsewhere.uscc, home.uscc] });
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect(byKey.json().items.map((i: { found: boolean }) => i.found)).toEqual([true, true]);
    expect(byKey.json().items[0].class).toBe('C');
    // The key's other permissions keep their regional scope.
    expect((await key.get(`/api/enterprises/${elsewhere.uscc}`)).statusCode).toBe(404);

    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const byOfficer = await officer.post('/api/credit/check', { usccs: [elsewhere.uscc, home.uscc] });
    expect(byOfficer.statusCode, byOfficer.body).toBe(200);
    expect(byOfficer.json().items).toMatchObject([{ found: false, class: null }, { found: true }]);
  });

  it('403 for a key or a user without credit.check or credit.read', async () => {
    const { key, keyId } = await department('320800');
    await env.db.update(apiKeys).set({ roles: ['hotline_operator'] }).where(eq(apiKeys.id, keyId));
    const res = await key.post('/api/credit/check', { usccs: [randomUscc()] });
    expect(res.statusCode).toBe(403);
    expect((await key.get('/api/credit/restrictions')).statusCode).toBe(403);
    const operator = await env.login((await env.makeUser({ roles: ['hotline_operator'] })).username);
    expect((await operator.post('/api/credit/check', { usccs: [randomUscc()] })).statusCode).toBe(403);
  });

  it('every call is audited with the count, the codes as normalised, the found and listed counts', async () => {
    const { key, orgId } = await department('320826');
    const e = await makeEnterprise(env, { regionCode: '320826' });
    await list(e, addDays(today, -3), addDays(today, 300));
    const missing = randomUscc('320826');
    expect((await key.post('/api/credit/check', { usccs: [e.uscc.toLowerCase(), missing, e.uscc] })).statusCode).toBe(200);
    const [event, ...more] = await checkedAudits(orgId);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ targetType: 'org', targetId: orgId, after: { count: 3, usccs: [e.uscc, missing, e.uscc], found: 2, listed: 2 } });
  });

  it(`is limited per key (${RATE} a minute): 429 with Retry-After; another key is not affected`, async () => {
    const a = await department('320800');
    const b = await department('320800');
    const body = { usccs: [randomUscc()] };
    for (let i = 0; i < RATE; i++) expect((await a.key.post('/api/credit/check', body)).statusCode).toBe(200);
    const refused = await a.key.post('/api/credit/check', body);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await checkedAudits(a.orgId)).toHaveLength(RATE);
    expect((await b.key.post('/api/credit/check', body)).statusCode).toBe(200);
  });
});

describe('GET /api/credit/restrictions', () => {
  it('lists the six codes with legal basis and meaning, for keys and staff', async () => {
    const { key } = await department('320800');
    const res = await key.get('/api/credit/restrictions');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual([...RESTRICTION_CODES]);
    expect(res.json().items.every((r: { legalBasis: string; meaning: string }) => r.legalBasis.length > 10 && r.meaning.length > 5)).toBe(true);
    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    expect((await inspector.get('/api/credit/restrictions')).statusCode).toBe(200);
  });
});

describe('feedback', () => {
  it('upserts by (org, USCC, restriction, matter): 201 then 200; audited; the enterprise must be registered', async () => {
    const { key, orgId } = await department('320800');
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const matter = `ZB-${randomBytes(4).toString('hex')}`;
    const body = { uscc: e.uscc, restriction: 'bidding', action: 'applied', matter, actedOn: today };
    const first = await key.post('/api/credit/feedback', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ orgId, uscc: e.uscc, enterpriseName: e.name, restriction: 'bidding', action: 'applied', matter, note: null, actedOn: today });
    const again = await key.post('/api/credit/feedback', { ...body, action: 'not_applicable', note: '项目已终止' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, action: 'not_applicable', note: '项目已终止' });
    expect((await key.post('/api/credit/feedback', { ...body, matter: `${matter}-2` })).statusCode).toBe(201);
    expect((await key.post('/api/credit/feedback', { ...body, restriction: 'licensing' })).statusCode).toBe(201);

    const unknown = await key.post('/api/credit/feedback', { ...body, uscc: randomUscc('320826') });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('ENTERPRISE_NOT_FOUND');
    const malformed = await key.post('/api/credit/feedback', { ...body, uscc: 'ABC' });
    expect(malformed.json().error.code).toBe('USCC_FORMAT');
    expect((await key.post('/api/credit/feedback', { ...body, actedOn: addDays(today, 2) })).statusCode).toBe(400);
    expect((await key.post('/api/credit/feedback', { ...body, restriction: 'parking' })).statusCode).toBe(400);
    expect((await key.post('/api/credit/feedback', { ...body, matter: '   ' })).statusCode).toBe(400);

    const audits = await env.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'credit.feedback_reported'), eq(auditEvents.targetId, e.id)));
    expect(audits).toHaveLength(4);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await officer.post('/api/credit/feedback', body)).statusCode).toBe(403);
  });

  it('staff read the reports in their scope by the enterprise’s region', async () => {
    const { key } = await department('320830');
    const e = await makeEnterprise(env, { regionCode: '320826' });
    expect((await key.post('/api/credit/feedback', { uscc: e.uscc, restriction: 'procurement', action: 'applied', matter: 'CG-1', actedOn: today })).statusCode).toBe(201);
    const inCounty = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const other = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const seen = await inCounty.get(`/api/credit/feedback?uscc=${e.uscc}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ total: 1, items: [{ uscc: e.uscc, restriction: 'procurement', matter: 'CG-1' }] });
    const hidden = await other.get(`/api/credit/feedback?uscc=${e.uscc}`);
    expect(hidden.json()).toEqual({ items: [], total: 0 });
    expect((await key.get('/api/credit/feedback')).statusCode).toBe(403);
  });
});
