import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyDrawRecord } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckApplications, spotcheckInstitutions, spotcheckLots, spotcheckObjections } from '../spotchecks.schema.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../testing.js';

const env = useTestEnv({ publicRateLimit: 1_000_000 });

let seq = 0;

/** An institution with an org of its own and a signed-in account (role `institution`). */
async function institutionWithAccount(input: Parameters<typeof makeInstitution>[1] = {}) {
  const n = ++seq;
  const org = await env.services.jurisdiction.createOrg(env.ctx, { name: `测试机构组织${Date.now()}-${n}`, type: 'institution', regionCode: '320800' });
  const inst = await makeInstitution(env, { orgId: org.id, ...input });
  const user = await env.makeUser({ roles: ['institution'], orgId: org.id });
  return { inst, org, user, client: await env.login(user.username) };
}

/** A product, an approved plan (weights 40/30/20/10) and an open lot of 4 batches. */
async function openLot(planInput: Parameters<typeof makePlan>[1] = {}, lotInput: Partial<Parameters<typeof makeLot>[1]> = {}) {
  const product = await makeProduct(env);
  const plan = await makePlan(env, planInput);
  const lot = await makeLot(env, { productId: product.id, planId: plan.id, batches: 4, ...lotInput });
  return { product, plan, lot };
}

const cityOfficer = async () => env.login((await env.makeUser({ roles: ['city_officer'] })).username);
const sectionHead = async () => env.login((await env.makeUser({ roles: ['section_head'] })).username);

const institutionBody = (x: Record<string, unknown> = {}) => ({ name: `淮安测试检验院${Date.now()}${++seq}`, uscc: null, local: true, cmaNo: 'CMA-2024-001', cmaScope: ['ry-001', 'RY-002'], cmaValidUntil: addDays(todayInChina(), 400), capacity: 40, price: 1800, contact: '0517-83600000', ...x });

describe('testing institutions', () => {
  it('are kept by holders of spotcheck.configure: created, read with ETag, changed with If-Match; 409 for a taken name; 400 for bad input; 403 for a county officer', async () => {
    const head = await sectionHead();
    const body = institutionBody();
    const created = await head.post('/api/spotcheck/institutions', body);
    expect(created.statusCode, created.body).toBe(201);
    const inst = created.json();
    expect(inst).toMatchObject({ name: body.name, cmaScope: ['RY-001', 'RY-002'], local: true, active: true, orgId: null, accountCount: 0, record: { samples: 0, onTime: 0, onTimeRate: null, objectionsUpheld: 0 }, version: 1 });
    expect(created.headers.etag).toBe('"1"');
    expect((await head.post('/api/spotcheck/institutions', body)).json().error.code).toBe('INSTITUTION_NAME_TAKEN');
    for (const bad of [{ capacity: -1 }, { cmaValidUntil: '2026-02-30' }, { uscc: 'abc' }, { cmaScope: ['坏 代码'] }, { extra: 1 }]) {
      const res = await head.post('/api/spotcheck/institutions', institutionBody(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const changed = await head.patch(`/api/spotcheck/institutions/${inst.id}`, { price: 1500, active: false }, { 'if-match': '"1"' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ price: 1500, active: false, version: 2 });
    expect((await head.patch(`/api/spotcheck/institutions/${inst.id}`, { price: 1 }, { 'if-match': '"1"' })).statusCode).toBe(412);
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.post('/api/spotcheck/institutions', institutionBody())).statusCode).toBe(403);
    expect((await county.get(`/api/spotcheck/institutions/${inst.id}`)).json()).toMatchObject({ id: inst.id, price: 1500 });
    const listed = (await county.get(`/api/spotcheck/institutions?q=${encodeURIComponent(body.name)}&active=false`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: inst.id }] });
    const audited = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, inst.id));
    expect(audited.map((a) => a.action).sort()).toEqual(['spotcheck_institution.created', 'spotcheck_institution.updated']);
  });

  it('get accounts: the first makes the institution’s org (type institution, region 320800, outside the city too), the next reuse it', async () => {
    const head = await sectionHead();
    const inst = (await head.post('/api/spotcheck/institutions', institutionBody({ local: false }))).json();
    const first = await head.post(`/api/spotcheck/institutions/${inst.id}/accounts`, { username: `inst.a${Date.now()}`, displayName: '张检测', password: 'Init-Passw0rd!2026' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ displayName: '张检测', active: true, mustChangePassword: true });
    const withOrg = (await head.get(`/api/spotcheck/institutions/${inst.id}`)).json();
    expect(withOrg.orgId).toBeTruthy();
    const [org] = await env.db.select().from(orgs).where(eq(orgs.id, withOrg.orgId));
    expect(org).toMatchObject({ type: 'institution', regionCode: '320800', name: inst.name });
    const second = await head.post(`/api/spotcheck/institutions/${inst.id}/accounts`, { username: `inst.b${Date.now()}`, displayName: '李检测', password: 'Init-Passw0rd!2026' });
    expect(second.statusCode, second.body).toBe(201);
    const accounts = (await head.get(`/api/spotcheck/institutions/${inst.id}/accounts`)).json();
    expect(accounts.total).toBe(2);
    expect((await head.get(`/api/spotcheck/institutions/${inst.id}`)).json()).toMatchObject({ orgId: withOrg.orgId, accountCount: 2 });
    const user = await env.services.users.get(null, first.json().id);
    expect(user).toMatchObject({ orgId: withOrg.orgId, roles: ['institution'] });
    // A taken username: 409, nothing made.
    const dup = await head.post(`/api/spotcheck/institutions/${inst.id}/accounts`, { username: first.json().username, displayName: '王', password: 'Init-Passw0rd!2026' });
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    expect((await head.get(`/api/spotcheck/institutions/${inst.id}/accounts`)).json().total).toBe(2);
    // A bad username on an institution without an org yet: 400, no org made.
    const fresh = (await head.post('/api/spotcheck/institutions', institutionBody())).json();
    expect((await head.post(`/api/spotcheck/institutions/${fresh.id}/accounts`, { username: 'X', displayName: '王', password: 'Init-Passw0rd!2026' })).statusCode).toBe(400);
    expect((await head.get(`/api/spotcheck/institutions/${fresh.id}`)).json().orgId).toBeNull();
    // A city officer (no spotcheck.configure) may not.
    expect((await (await cityOfficer()).post(`/api/spotcheck/institutions/${inst.id}/accounts`, { username: 'inst.x', displayName: 'x', password: 'Init-Passw0rd!2026' })).statusCode).toBe(403);
  });

  it('keep a record: results on time (≤ sampling day + resultDays) over results in or overdue, objections upheld against it; my-institution shows it to its accounts', async () => {
    const { inst, client } = await institutionWithAccount();
    const { product, lot } = await openLot();
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const days = env.config.spotcheckRules.resultDays;
    const rec = (sampledOn: string) => ({ sampledOn, place: '超市', batchNo: 'B1', productionDate: null, specification: null, quantitySampled: 4, baseCount: 100, pricePaid: 50, sealNumbers: ['F1'], enterpriseSigner: '王', note: null });
    const base = { lotId: lot.id, productId: product.id, institutionId: inst.id, enterprise: e };
    const s0 = '2026-01-05';
    await makeSample(env, { ...base, status: 'reported', record: rec(s0), reportedOn: addDays(s0, days), conclusion: 'pass' }); // on time: the last day
    const late = await makeSample(env, { ...base, status: 'reported', record: rec(s0), reportedOn: addDays(s0, days + 1), conclusion: 'fail' }); // late by a day
    await makeSample(env, { ...base, status: 'sampled', record: rec(s0) }); // overdue, no result
    await makeSample(env, { ...base, status: 'sampled', record: rec(todayInChina()) }); // not due yet: not counted
    await makeSample(env, { ...base, status: 'assigned' }); // not sampled: not counted
    await env.db.insert(spotcheckObjections).values({ sampleId: late.id, filedOn: s0, filedBy: 'enterprise', filedByName: '企业', reason: '不服', status: 'retested', retestedOn: todayInChina(), upheld: true });
    const mine = await client.get('/api/spotcheck/my-institution');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ id: inst.id, record: { samples: 3, tested: 2, onTime: 1, onTimeRate: 0.3333, objectionsUpheld: 1, objectionsUpheldRecent: 1 } });
    // Staff have no institution of their own.
    expect((await (await cityOfficer()).get('/api/spotcheck/my-institution')).statusCode).toBe(403);
    // An institution's account whose org is no registered institution: nothing to show.
    const unlinked = await env.login((await env.makeUser({ roles: ['institution'], regionCode: '320800' })).username);
    expect((await unlinked.get('/api/spotcheck/my-institution')).statusCode).toBe(404);
  });
});

describe('applications', () => {
  it('an institution applies for an open lot once; 400 NOT_QUALIFIED for scope, validity, inactive; 409 for an assigned lot, a closed draft window, a second application', async () => {
    const { product, lot, plan } = await openLot();
    const ok = await institutionWithAccount();
    await env.db.update(spotcheckInstitutions).set({ cmaScope: [product.code] }).where(eq(spotcheckInstitutions.id, ok.inst.id));
    const applied = await ok.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1700, capacity: 4, note: '可按期完成' });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ lotId: lot.id, institutionId: ok.inst.id, price: 1700, capacity: 4, status: 'submitted', version: 1 });
    expect((await ok.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1600, capacity: 4 })).json().error.code).toBe('APPLICATION_EXISTS');
    const cases: [Parameters<typeof makeInstitution>[1], string][] = [
      [{ cmaScope: ['OTHER-1'] }, 'NOT_IN_CMA_SCOPE'],
      [{ cmaScope: [product.code], cmaValidUntil: addDays(lot.dueOn, -1) }, 'CMA_EXPIRES'],
      [{ cmaScope: [product.code], active: false }, 'INACTIVE'],
    ];
    for (const [input, code] of cases) {
      const x = await institutionWithAccount(input);
      const res = await x.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1700, capacity: 4 });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'NOT_QUALIFIED', details: { reasons: [{ code }] } });
    }
    for (const bad of [{ price: 0, capacity: 1 }, { price: 10, capacity: 0 }, { price: 10 }, { price: 10, capacity: 1, x: 1 }]) expect((await ok.client.post(`/api/spotcheck/lots/${lot.id}/applications`, bad)).statusCode).toBe(400);
    // An assigned lot; a draft plan's lot whose window has ended.
    const assigned = await makeLot(env, { productId: product.id, planId: plan.id, status: 'assigned' });
    expect((await ok.client.post(`/api/spotcheck/lots/${assigned.id}/applications`, { price: 1700, capacity: 4 })).statusCode).toBe(404); // not visible: neither open nor its own
    const draft = await makePlan(env, { status: 'draft', windowEndsOn: addDays(todayInChina(), -1) });
    const draftLot = await makeLot(env, { productId: product.id, planId: draft.id });
    expect((await ok.client.post(`/api/spotcheck/lots/${draftLot.id}/applications`, { price: 1700, capacity: 4 })).json().error.code).toBe('WINDOW_CLOSED');
    const openDraft = await makePlan(env, { status: 'draft', windowEndsOn: todayInChina() });
    const openDraftLot = await makeLot(env, { productId: product.id, planId: openDraft.id });
    expect((await ok.client.post(`/api/spotcheck/lots/${openDraftLot.id}/applications`, { price: 1700, capacity: 4 })).statusCode).toBe(201);
    const closedPlan = await makePlan(env, { status: 'closed' });
    const closedLot = await makeLot(env, { productId: product.id, planId: closedPlan.id });
    expect((await ok.client.post(`/api/spotcheck/lots/${closedLot.id}/applications`, { price: 1700, capacity: 4 })).json().error.code).toBe('LOT_NOT_OPEN');
    // Staff do not apply.
    expect((await (await env.loginAdmin()).post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1700, capacity: 4 })).json().error.code).toBe('NOT_INSTITUTION');
  });

  it('an institution sees only its own applications; staff see all; withdrawing is the institution’s, while the lot is open', async () => {
    const { product, lot } = await openLot();
    const a = await institutionWithAccount({ cmaScope: [product.code] });
    const b = await institutionWithAccount({ cmaScope: [product.code] });
    const appA = (await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1700, capacity: 4 })).json();
    const appB = (await b.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1600, capacity: 4 })).json();
    const seenByA = (await a.client.get(`/api/spotcheck/lots/${lot.id}/applications`)).json();
    expect(seenByA.items.map((x: { id: string }) => x.id)).toEqual([appA.id]);
    expect((await a.client.get('/api/spotcheck/applications')).json().items.map((x: { id: string }) => x.id)).toEqual([appA.id]);
    expect((await a.client.get('/api/spotcheck/applications')).json().items[0]).toMatchObject({ lotNo: lot.lotNo, productCode: product.code });
    const staff = await cityOfficer();
    expect((await staff.get(`/api/spotcheck/lots/${lot.id}/applications`)).json().items.map((x: { id: string }) => x.id)).toEqual([appA.id, appB.id]);
    // A cannot withdraw B's (404), nor with a stale version (412); it withdraws its own.
    expect((await a.client.post(`/api/spotcheck/applications/${appB.id}/withdraw`)).statusCode).toBe(404);
    expect((await a.client.post(`/api/spotcheck/applications/${appA.id}/withdraw`, undefined, { 'if-match': '"7"' })).statusCode).toBe(412);
    const w = await a.client.post(`/api/spotcheck/applications/${appA.id}/withdraw`, undefined, { 'if-match': '"1"' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await a.client.post(`/api/spotcheck/applications/${appA.id}/withdraw`)).json().error.code).toBe('INVALID_STATUS');
    // Withdrawn stays one application: no second one.
    expect((await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1500, capacity: 4 })).json().error.code).toBe('APPLICATION_EXISTS');
  });
});

describe('the competitive choice', () => {
  it('scores the applications, chooses the highest total, records and publishes the choice; county users 403 NOT_CITY; 409 once assigned', async () => {
    const { product, lot } = await openLot();
    const a = await institutionWithAccount({ cmaScope: [product.code], local: true, name: `甲检验院${Date.now()}` });
    const b = await institutionWithAccount({ cmaScope: [product.code], local: false, name: `乙检验院${Date.now()}` });
    const c = await institutionWithAccount({ cmaScope: [product.code], local: true, name: `丙检验院${Date.now()}` });
    await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 2000, capacity: 4 });
    await b.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1600, capacity: 2 });
    await c.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1800, capacity: 3 });
    await env.db.update(spotcheckInstitutions).set({ active: false }).where(eq(spotcheckInstitutions.id, c.inst.id));

    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const refused = await county.post(`/api/spotcheck/lots/${lot.id}/selection`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NOT_CITY');
    expect((await a.client.post(`/api/spotcheck/lots/${lot.id}/selection`, {})).statusCode).toBe(403);

    const officer = await cityOfficer();
    const res = await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {});
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    // 甲: price 100×1600/2000 = 80, capability 100, record 80 (no history), local 100 → 32 + 30 + 16 + 10 = 88
    // 乙: price 100, capability 50, record 80, outside → 40 + 15 + 16 + 0 = 71; 丙: inactive
    expect(answer.status).toBe('chosen');
    expect(answer.tieDrawId).toBeNull();
    expect(answer.scores.map((s: { institutionId: string; total: number; parts: unknown }) => [s.institutionId, s.parts, s.total])).toEqual([
      [a.inst.id, { price: 80, capability: 100, record: 80, locality: 100 }, 88],
      [b.inst.id, { price: 100, capability: 50, record: 80, locality: 0 }, 71],
      [c.inst.id, { price: 0, capability: 0, record: 0, locality: 0 }, 0],
    ]);
    expect(answer.lot).toMatchObject({ status: 'assigned', institutionId: a.inst.id, selection: { chosenId: a.inst.id, weights: { price: 40, capability: 30, record: 20, locality: 10 }, tieDrawId: null, decidedOn: todayInChina() } });
    expect(answer.lot.selection.reasons.map((r: { code: string }) => r.code)).toEqual(['WEIGHTS', 'FORMULA', 'DISQUALIFIED', 'HIGHEST_SCORE']);
    expect(answer.lot.selection.reasons[3].text).toContain('总分最高（88.00 分）');
    const apps = await env.db.select().from(spotcheckApplications).where(eq(spotcheckApplications.lotId, lot.id));
    expect(Object.fromEntries(apps.map((x) => [x.institutionId, x.status]))).toEqual({ [a.inst.id]: 'chosen', [b.inst.id]: 'not_chosen', [c.inst.id]: 'not_chosen' });
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {})).json().error.code).toBe('LOT_NOT_OPEN');
    const audited = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, lot.id));
    expect(audited.map((x) => x.action)).toContain('spotcheck_lot.institution_chosen');

    // Published, with every applicant's price, parts and total.
    const pub = await env.app.inject({ url: `/api/public/spotcheck-selections?year=${lot.year}&pageSize=500` });
    expect(pub.statusCode, pub.body).toBe(200);
    const item = pub.json().items.find((x: { lotId: string }) => x.lotId === lot.id);
    expect(item).toMatchObject({ lotNo: lot.lotNo, productCode: product.code, chosen: { institutionId: a.inst.id }, tieDrawId: null, decidedOn: todayInChina() });
    expect(item.scores.map((s: { price: number; total: number }) => [s.price, s.total])).toEqual([[2000, 88], [1600, 71], [1800, 0]]);
    // The chosen institution now sees the lot as its own; the lot is closed to applications.
    expect((await b.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1, capacity: 1 })).statusCode).toBe(404);
  });

  it('with the locality weight set to 0 for the lot, an outside institution can win; the weights are rescaled and published', async () => {
    const { product, lot } = await openLot();
    const a = await institutionWithAccount({ cmaScope: [product.code], local: true });
    const b = await institutionWithAccount({ cmaScope: [product.code], local: false });
    await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 2000, capacity: 4 });
    await b.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1800, capacity: 4 });
    // With locality 10: 甲 (90×40 + 100×30 + 80×20 + 100×10)/100 = 92, 乙 (100×40 + 3000 + 1600)/100 = 86. Without: 甲 8200/90 = 91.11, 乙 8600/90 = 95.56.
    const res = await (await cityOfficer()).post(`/api/spotcheck/lots/${lot.id}/selection`, { localityWeight: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scores.map((s: { institutionId: string; total: number }) => [s.institutionId, s.total])).toEqual([[b.inst.id, 95.56], [a.inst.id, 91.11]]);
    expect(res.json().lot.selection).toMatchObject({ chosenId: b.inst.id, weights: { price: 44.44, capability: 33.33, record: 22.22, locality: 0 }, baseWeights: { price: 40, capability: 30, record: 20, locality: 10 }, localityOverridden: true });
    expect(res.json().lot.selection.reasons[0].text).toContain('本地化 0.00%');
  });

  it('settles equal totals by a verifiable draw among the tied: committed, applications frozen, revealed; the public record verifies and names one of the tied', async () => {
    const { product, lot } = await openLot();
    const a = await institutionWithAccount({ cmaScope: [product.code] });
    const b = await institutionWithAccount({ cmaScope: [product.code] });
    const c = await institutionWithAccount({ cmaScope: [product.code] });
    const late = await institutionWithAccount({ cmaScope: [product.code] });
    await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1800, capacity: 4 });
    await b.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1800, capacity: 4 });
    await c.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1900, capacity: 4 });
    const officer = await cityOfficer();
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection/reveal`, {})).json().error.code).toBe('NO_PENDING_DRAW');
    const res = await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {});
    expect(res.statusCode, res.body).toBe(200);
    const tie = res.json();
    expect(tie).toMatchObject({ status: 'tie', lot: { status: 'open', institutionId: null, selectionPublishedAt: null, selection: { chosenId: '', tieDrawId: tie.tieDrawId } } });
    expect(tie.scores[0].total).toBe(tie.scores[1].total);
    const committed = (await env.app.inject({ url: `/api/public/spotcheck-draws/${tie.tieDrawId}` })).json();
    expect(committed).toMatchObject({ purpose: 'tie_break', lotId: lot.id, status: 'committed', strata: [{ n: 2, k: 1 }] });
    expect(await verifyDrawRecord(committed)).toMatchObject({ ok: true, status: 'committed' });
    // Frozen: no application, no withdrawal, no second selection; not published.
    expect((await late.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1, capacity: 4 })).json().error.code).toBe('SELECTION_PENDING');
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {})).json().error.code).toBe('SELECTION_PENDING');
    expect((await env.app.inject({ url: '/api/public/spotcheck-selections?pageSize=500' })).json().items.some((x: { lotId: string }) => x.lotId === lot.id)).toBe(false);
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.post(`/api/spotcheck/lots/${lot.id}/selection/reveal`, {})).json().error.code).toBe('NOT_CITY');

    const revealed = await officer.post(`/api/spotcheck/lots/${lot.id}/selection/reveal`, { witnessInput: '见证人 王五 42' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    const chosenId = revealed.json().lot.institutionId as string;
    expect([a.inst.id, b.inst.id]).toContain(chosenId);
    expect(revealed.json()).toMatchObject({ status: 'chosen', tieDrawId: tie.tieDrawId, lot: { status: 'assigned', selection: { chosenId, tieDrawId: tie.tieDrawId } } });
    expect(revealed.json().lot.selection.reasons.at(-1)).toMatchObject({ code: 'TIE_DRAW' });
    const record = (await env.app.inject({ url: `/api/public/spotcheck-draws/${tie.tieDrawId}` })).json();
    expect(await verifyDrawRecord(record, { statement: committed.commitStatement })).toMatchObject({ ok: true, status: 'revealed' });
    expect(record.openings.map((o: { key: string }) => o.key)).toEqual([chosenId]);
    const pub = (await env.app.inject({ url: '/api/public/spotcheck-selections?pageSize=500' })).json().items.find((x: { lotId: string }) => x.lotId === lot.id);
    expect(pub).toMatchObject({ tieDrawId: tie.tieDrawId, chosen: { institutionId: chosenId } });
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection/reveal`, {})).json().error.code).toBe('NO_PENDING_DRAW');
    const [row] = await env.db.select().from(spotcheckLots).where(eq(spotcheckLots.id, lot.id));
    expect(row!.selectionPublishedAt).not.toBeNull();
  });

  it('409 NO_QUALIFIED_APPLICANT without a qualified application, 409 PLAN_NOT_APPROVED for a draft plan, 400 for a bad locality weight', async () => {
    const { lot, product } = await openLot();
    const officer = await cityOfficer();
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {})).json().error.code).toBe('NO_QUALIFIED_APPLICANT');
    const a = await institutionWithAccount({ cmaScope: [product.code] });
    await a.client.post(`/api/spotcheck/lots/${lot.id}/applications`, { price: 1800, capacity: 4 });
    await env.db.update(spotcheckInstitutions).set({ cmaScope: [] }).where(eq(spotcheckInstitutions.id, a.inst.id));
    const none = (await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, {})).json();
    expect(none.error).toMatchObject({ code: 'NO_QUALIFIED_APPLICANT', details: { scores: [{ institutionId: a.inst.id, qualified: false }] } });
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, { localityWeight: 101 })).statusCode).toBe(400);
    expect((await officer.post(`/api/spotcheck/lots/${lot.id}/selection`, { localityWeight: -1 })).statusCode).toBe(400);
    const draft = await openLot({ status: 'draft', windowEndsOn: todayInChina() });
    expect((await officer.post(`/api/spotcheck/lots/${draft.lot.id}/selection`, {})).json().error.code).toBe('PLAN_NOT_APPROVED');
  });
});
