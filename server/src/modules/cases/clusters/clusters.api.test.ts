import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { inspectionTasks, makeItem } from '../../inspections/testing.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../../spotchecks/testing.js';
import { makeCase } from '../testing.js';
import { riskNotices } from './clusters.schema.js';

const env = useTestEnv();

let seq = 0;
const today = todayInChina();

/** A city officer, three enterprises of 320830 (盱眙) tagged with a fresh tag, one of 320826 with the same tag, and a tag cluster over 320830. */
async function tagCluster() {
  const tag = `凹土${Date.now()}${++seq}`;
  const members = [];
  for (let i = 0; i < 3; i++) members.push(await makeEnterprise(env, { regionCode: '320830', tags: [tag] }));
  const outside = await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  const officer = await env.login((await env.makeUser({ roles: ['city_officer'] })).username);
  const res = await officer.post('/api/clusters', { name: `盱眙凹土产业集群${tag}`, regionCode: '320830', memberMode: 'tag', tag, industry: '凹凸棒石粘土制品' });
  expect(res.statusCode, res.body).toBe(201);
  return { tag, members, outside, officer, cluster: res.json() };
}

const problem = { title: '部分企业产品标识不规范', detail: '抽查发现 2 家企业产品未标注执行标准。', evidence: [{ type: 'text', ref: '', label: '2026 年第三季度监督检查记录' }] };

describe('clusters: members and overview', () => {
  it('takes the members of a tag within its region, or of a list; checks names and modes', async () => {
    const { officer, cluster, members, outside, tag } = await tagCluster();
    expect(cluster).toMatchObject({ memberMode: 'tag', memberCount: 3, version: 1, regionCode: '320830' });
    const listed = (await officer.get(`/api/clusters/${cluster.id}/members?pageSize=10`)).json();
    expect(listed.total).toBe(3);
    expect(listed.items.map((m: { uscc: string }) => m.uscc).sort()).toEqual(members.map((m) => m.uscc).sort());
    expect((await officer.post(`/api/clusters/${cluster.id}/members`, { uscc: outside.uscc })).json().error.code).toBe('TAG_MODE');
    // Pages neither repeat nor lose a member (the list-paging walk of this route).
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) paged.push(...(await officer.get(`/api/clusters/${cluster.id}/members?pageSize=1&page=${page}`)).json().items.map((m: { uscc: string }) => m.uscc));
    expect(new Set(paged).size).toBe(3);
    expect((await officer.post('/api/clusters', { name: cluster.name, memberMode: 'list' })).json().error.code).toBe('DUPLICATE_NAME');
    expect((await officer.post('/api/clusters', { name: `无标签${tag}`, memberMode: 'tag' })).json().error.details.field).toBe('tag');

    const list = (await officer.post('/api/clusters', { name: `名单集群${tag}`, regionCode: '320830', memberMode: 'list' })).json();
    const added = await officer.post(`/api/clusters/${list.id}/members`, { uscc: members[0]!.uscc });
    expect(added.statusCode, added.body).toBe(201);
    expect((await officer.post(`/api/clusters/${list.id}/members`, { uscc: members[0]!.uscc })).json().error.code).toBe('ALREADY_MEMBER');
    expect((await officer.post(`/api/clusters/${list.id}/members`, { uscc: outside.uscc })).json().error.code).toBe('OUT_OF_REGION');
    expect((await officer.get(`/api/clusters/${list.id}`)).json().memberCount).toBe(1);
    expect((await officer.delete(`/api/clusters/${list.id}/members/${members[0]!.uscc}`)).statusCode).toBe(204);
    expect((await officer.delete(`/api/clusters/${list.id}/members/${members[0]!.uscc}`)).statusCode).toBe(404);

    const renamed = await officer.patch(`/api/clusters/${list.id}`, { industry: '凹土' }, { 'if-match': '"1"' });
    expect(renamed.statusCode).toBe(412);
    const current = (await officer.get(`/api/clusters/${list.id}`)).json();
    expect((await officer.patch(`/api/clusters/${list.id}`, { industry: '凹土' }, { 'if-match': `"${current.version}"` })).json()).toMatchObject({ industry: '凹土' });
    expect((await officer.delete(`/api/clusters/${list.id}`)).statusCode).toBe(204);
  });

  it('gathers the members’ inspection results, complaints and cases; a county elsewhere gets 404, a county officer cannot write', async () => {
    const { officer, cluster, members, outside } = await tagCluster();
    const item = await makeItem(env);
    const bureau = await env.services.jurisdiction.competentBureau('320830');
    const [a, b] = members;
    await env.db.insert(inspectionTasks).values([
      { itemId: item.id, origin: 'targeted', objectKey: a!.uscc, enterpriseId: a!.id, regionCode: '320830', orgId: bureau.id, inspectorIds: [], state: 'completed', findings: [{ questionKey: null, text: '未标注执行标准', severity: 'minor' }], inspectedOn: today, completedOn: today, resultCategory: '发现问题已责令整改', createdByName: '测试' },
      { itemId: item.id, origin: 'targeted', objectKey: b!.uscc, enterpriseId: b!.id, regionCode: '320830', orgId: bureau.id, inspectorIds: [], state: 'published', findings: [], inspectedOn: today, completedOn: today, resultCategory: '未发现问题', createdByName: '测试' },
      { itemId: item.id, origin: 'targeted', objectKey: b!.uscc, enterpriseId: b!.id, regionCode: '320830', orgId: bureau.id, inspectorIds: [], state: 'assigned', createdByName: '测试' },
      { itemId: item.id, origin: 'targeted', objectKey: outside.uscc, enterpriseId: outside.id, regionCode: '320826', orgId: bureau.id, inspectorIds: [], state: 'completed', completedOn: today, createdByName: '测试' },
    ]);
    await makeComplaint(env, { kind: 'complaint', subjectUscc: a!.uscc, substantiated: true, regionCode: '320830' });
    await makeComplaint(env, { kind: 'report', subjectUscc: a!.uscc, substantiated: true, regionCode: '320830' });
    await makeComplaint(env, { kind: 'report', subjectUscc: b!.uscc, substantiated: false, regionCode: '320830' });
    await makeCase(env, { regionCode: '320830', uscc: a!.uscc, partyName: a!.name });
    await makeCase(env, { regionCode: '320826', uscc: outside.uscc });

    const o = (await officer.get(`/api/clusters/${cluster.id}/overview`)).json();
    expect(o).toMatchObject({ memberCount: 3, inspections: { total: 2, withFindings: 1, enterprisesChecked: 2 }, complaints: { total: 2, byEnterprise: [{ uscc: a!.uscc, count: 2 }] }, cases: { total: 1, byStage: { lead: 1 } }, spotChecks: { total: 0, failed: 0, items: [] } });
    expect(o.inspections.items.find((r: { uscc: string }) => r.uscc === a!.uscc).findings).toEqual(['未标注执行标准']);

    const here = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await here.get(`/api/clusters/${cluster.id}/overview`)).statusCode).toBe(200);
    expect((await here.post(`/api/clusters/${cluster.id}/measures`, { kind: 'technical_guidance', takenOn: today, description: '组织标准宣贯' })).statusCode).toBe(403);
    const elsewhere = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await elsewhere.get(`/api/clusters/${cluster.id}`)).statusCode).toBe(404);
    expect((await elsewhere.get('/api/clusters?pageSize=500')).json().items.map((c: { id: string }) => c.id)).not.toContain(cluster.id);
  });
});

describe('clusters: the members’ spot checks', () => {
  it('gathers the final spot-check results of the members (passed and failed), newest first, with the enterprise’s name; not others’, not open ones, not older than three years', async () => {
    const { officer, cluster, members, outside } = await tagCluster();
    const [a, b] = members;
    const year = Number(today.slice(0, 4));
    const product = await makeProduct(env, { name: '凹土干燥剂' });
    const institution = await makeInstitution(env);
    const lotOf = async (y: number) => makeLot(env, { productId: product.id, planId: (await makePlan(env, { year: y })).id, year: y });
    const thisYear = await lotOf(year);
    const record = (sampledOn: string) => ({ sampledOn, place: '成品仓库', batchNo: 'B1', productionDate: null, specification: '1 kg', quantitySampled: 4, baseCount: 100, pricePaid: 40, sealNumbers: ['F-1'], enterpriseSigner: '王某', note: null });
    const item = (name: string, pass: boolean) => ({ item: name, requirement: '符合 GB/T 30919', measured: pass ? '符合' : '不符合', pass });
    const sample = (enterprise: (typeof members)[number], lotId: string, sampledOn: string, conclusion: 'pass' | 'fail' | null, failing: string[] = []) =>
      makeSample(env, { lotId, productId: product.id, institutionId: institution.id, enterprise, status: conclusion ? 'closed' : 'reported', record: record(sampledOn), items: [item('标识', true), ...failing.map((f) => item(f, false))], conclusion: conclusion ?? 'pass', finalConclusion: conclusion });
    const passed = await sample(a!, thisYear.id, `${year}-03-02`, 'pass');
    const failed = await sample(b!, thisYear.id, `${year}-04-15`, 'fail', ['吸附率', '含水率']);
    const lastYear = await sample(a!, (await lotOf(year - 1)).id, `${year - 1}-09-01`, 'fail', ['吸附率']);
    // Left out: not final yet, older than three spot-check years, an enterprise outside the cluster.
    await sample(a!, thisYear.id, `${year}-05-01`, null);
    await sample(b!, (await lotOf(year - 3)).id, `${year - 3}-05-01`, 'fail', ['标识']);
    await sample(outside, thisYear.id, `${year}-05-01`, 'fail', ['吸附率']);

    const res = await officer.get(`/api/clusters/${cluster.id}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const spot = res.json().spotChecks;
    expect(spot).toMatchObject({ fromYear: year - 2, total: 3, failed: 2 });
    expect(spot.items.map((r: { sampleNo: string }) => r.sampleNo)).toEqual([failed.sampleNo, passed.sampleNo, lastYear.sampleNo]);
    expect(spot.items[0]).toEqual({
      sampleId: failed.id,
      sampleNo: failed.sampleNo,
      year,
      productCode: product.code,
      productName: '凹土干燥剂',
      uscc: b!.uscc,
      name: b!.name,
      sampledOn: `${year}-04-15`,
      finalConclusion: 'fail',
      failingItems: ['吸附率', '含水率'],
      institutionName: institution.name,
      followupStage: null,
      followupNoticed: false,
    });
    expect(spot.items[1]).toMatchObject({ uscc: a!.uscc, name: a!.name, finalConclusion: 'pass', failingItems: [] });
    expect(spot.items[2]).toMatchObject({ year: year - 1, finalConclusion: 'fail', failingItems: ['吸附率'] });

    // A county of the cluster sees them too; a county elsewhere does not see the cluster at all.
    const here = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    expect((await here.get(`/api/clusters/${cluster.id}/overview`)).json().spotChecks.total).toBe(3);
    const elsewhere = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await elsewhere.get(`/api/clusters/${cluster.id}/overview`)).statusCode).toBe(404);

    // A spot check can be cited as a notice's evidence.
    const notice = await officer.post(`/api/clusters/${cluster.id}/risk-notices`, {
      government: '盱眙县人民政府',
      problems: [{ title: '凹土干燥剂吸附率不达标', detail: '监督抽查 2 批次不合格。', evidence: [{ type: 'spot_check', ref: failed.sampleNo, label: `${b!.name} · 凹土干燥剂 · 不合格项目：吸附率、含水率` }] }],
      recommendations: '建议开展凹土干燥剂质量提升行动。',
      replyDueOn: addDays(today, 30),
    });
    expect(notice.statusCode, notice.body).toBe(201);
    const doc = await officer.get(`/api/cluster-risk-notices/${notice.json().id}/document`);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain(`监督抽查\u3000${b!.name} · 凹土干燥剂 · 不合格项目：吸附率、含水率（${failed.sampleNo}）`);
  });
});

describe('clusters: risk notices, measures, demonstration zone', () => {
  it('numbers notices per bureau and year, renders a valid .docx, tracks reply, follow-ups and closure', async () => {
    const { officer, cluster } = await tagCluster();
    const body = { government: '盱眙县人民政府', problems: [problem], recommendations: '建议组织开展产品标识专项整治。\n建议加强企业质量安全主体责任落实。', replyDueOn: addDays(today, 30) };
    const first = await officer.post(`/api/clusters/${cluster.id}/risk-notices`, body);
    expect(first.statusCode, first.body).toBe(201);
    const n1 = first.json();
    const year = today.slice(0, 4);
    expect(n1.documentNo).toMatch(new RegExp(`质险〔${year}〕\\d+号$`));
    const n2 = (await officer.post(`/api/clusters/${cluster.id}/risk-notices`, body)).json();
    const num = (no: string) => Number(/〕(\d+)号$/.exec(no)![1]);
    expect(num(n2.documentNo)).toBe(num(n1.documentNo) + 1);
    expect(n1).toMatchObject({ status: 'awaiting_reply', overdue: false, issuedOn: today, version: 1 });

    expect((await officer.post(`/api/clusters/${cluster.id}/risk-notices`, { ...body, problems: [] })).statusCode).toBe(400);
    expect((await officer.post(`/api/clusters/${cluster.id}/risk-notices`, { ...body, replyDueOn: today })).json().error.details.field).toBe('replyDueOn');

    const doc = await officer.get(`/api/cluster-risk-notices/${n1.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of ['质量风险提示函', n1.documentNo, '盱眙县人民政府：', cluster.name, '部分企业产品标识不规范', '2026 年第三季度监督检查记录', '建议组织开展产品标识专项整治。', '书面回复本局']) expect(xml, text).toContain(text);

    expect((await officer.post(`/api/cluster-risk-notices/${n1.id}/close`, {})).json().error.code).toBe('REPLY_PENDING');
    expect((await officer.post(`/api/cluster-risk-notices/${n1.id}/reply`, { repliedOn: today, reply: '已部署整治' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const replied = (await officer.post(`/api/cluster-risk-notices/${n1.id}/reply`, { repliedOn: today, reply: '已部署整治' }, { 'if-match': '"1"' })).json();
    expect(replied).toMatchObject({ status: 'replied', repliedOn: today, version: 2 });
    expect((await officer.post(`/api/cluster-risk-notices/${n1.id}/reply`, { repliedOn: today, reply: '再次回复' })).statusCode).toBe(409);
    const followed = (await officer.post(`/api/cluster-risk-notices/${n1.id}/follow-ups`, { on: today, note: '现场核实整治情况' })).json();
    expect(followed.followUps).toEqual([{ on: today, note: '现场核实整治情况', byName: expect.any(String) }]);
    const closed = await officer.post(`/api/cluster-risk-notices/${n1.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: today });
    expect((await officer.post(`/api/cluster-risk-notices/${n1.id}/follow-ups`, { on: today, note: '再跟踪' })).statusCode).toBe(409);

    // A cluster that issued a notice stays.
    expect((await officer.delete(`/api/clusters/${cluster.id}`)).json().error.code).toBe('CLUSTER_HAS_NOTICES');
    expect((await officer.get(`/api/clusters/${cluster.id}/risk-notices`)).json().total).toBe(2);
  });

  it('raises cluster.reply_overdue once the reply date has passed, and a reply resolves it', async () => {
    const { officer, cluster } = await tagCluster();
    const n = (await officer.post(`/api/clusters/${cluster.id}/risk-notices`, { government: '盱眙县人民政府', problems: [problem], recommendations: '建议整治', replyDueOn: addDays(today, 10) })).json();
    const svc = env.services.cases.clusters;
    await svc.syncReplyTodos(today);
    const open = () => env.db.select().from(todos).where(eq(todos.subjectId, n.id));
    expect(await open()).toHaveLength(0);
    await svc.syncReplyTodos(addDays(today, 11));
    const [todo] = await open();
    expect(todo).toMatchObject({ kind: 'cluster.reply_overdue', status: 'open', dueOn: addDays(today, 10), permission: 'cluster.manage', regionCode: '320830' });
    // Seen by the issuing office in its to-do list.
    const list = (await officer.get('/api/todos?pageSize=500')).json();
    expect(list.items.map((t: { subjectId: string }) => t.subjectId)).toContain(n.id);
    // Overdue in the view as of that day.
    await env.db.update(riskNotices).set({ replyDueOn: addDays(today, -1), issuedOn: addDays(today, -5) }).where(eq(riskNotices.id, n.id));
    expect((await officer.get(`/api/cluster-risk-notices/${n.id}`)).json().overdue).toBe(true);
    await officer.post(`/api/cluster-risk-notices/${n.id}/reply`, { repliedOn: today, reply: '已回复' });
    expect((await open())[0]!.status).toBe('resolved');
  });

  it('records measures and marks a demonstration zone with If-Match', async () => {
    const { officer, cluster } = await tagCluster();
    const m = await officer.post(`/api/clusters/${cluster.id}/measures`, { kind: 'enforcement_advice', takenOn: today, description: '向县局提出稽查建议' });
    expect(m.statusCode, m.body).toBe(201);
    expect((await officer.post(`/api/clusters/${cluster.id}/measures`, { kind: 'enforcement_advice', takenOn: addDays(today, 1), description: '未来' })).statusCode).toBe(400);
    expect((await officer.get(`/api/clusters/${cluster.id}/measures`)).json()).toMatchObject({ total: 1, items: [{ kind: 'enforcement_advice' }] });
    expect((await officer.put(`/api/clusters/${cluster.id}/demonstration`, { demonstrationZone: true }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const marked = await officer.put(`/api/clusters/${cluster.id}/demonstration`, { demonstrationZone: true, note: '省级优质产品生产示范区' }, { 'if-match': `"${cluster.version}"` });
    expect(marked.json()).toMatchObject({ demonstrationZone: true, demonstrationOn: today, demonstrationNote: '省级优质产品生产示范区', version: cluster.version + 1 });
    expect(marked.headers.etag).toBe(`"${cluster.version + 1}"`);
    expect((await officer.get('/api/clusters?demonstrationZone=true&pageSize=500')).json().items.map((c: { id: string }) => c.id)).toContain(cluster.id);
    const unmarked = (await officer.put(`/api/clusters/${cluster.id}/demonstration`, { demonstrationZone: false })).json();
    expect(unmarked).toMatchObject({ demonstrationZone: false, demonstrationOn: null });
  });
});
