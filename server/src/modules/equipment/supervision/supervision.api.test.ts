import { eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { CURRENT_YEAR } from '../../inspections/testing.js';
import { equipmentHazards } from '../hazards/hazards.schema.js';
import { makeUnit } from '../testing.js';
import { equipmentNotices } from './supervision.schema.js';

/**
 * Issue 16, city safety supervision: a unit drawn from an equipment pool is checked; its findings
 * become hazards, take the rectification order's number and deadline, and are corrected when the
 * re-check passes, while the user unit's account follows its task and order; the 暗访通报 lists a
 * county's hazards in a .docx, gives the county a to-do, and shows the city open/closed/overdue.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;

async function itemNamed(name: string): Promise<string> {
  const { rows } = (await env.db.execute(sql`select id from inspection_items where name = ${name}`)) as unknown as { rows: { id: string }[] };
  return rows[0]!.id;
}

async function accountOf(uscc: string): Promise<Client> {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.sup.${Date.now()}.${++seq}`, displayName: '设备管理员' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

async function paragraphs(content: Buffer | Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => p.replace(/<[^>]+>/g, ''))
    .filter((p) => p.length > 0);
}

const hazardsOfTask = (taskId: string) => env.db.select().from(equipmentHazards).where(eq(equipmentHazards.taskId, taskId)).orderBy(equipmentHazards.description);

describe('findings of a supervised unit become hazards, and the re-check closes them', () => {
  it('hazard → order → enterprise report → re-check → closed, the user unit’s account seeing its task and order', async () => {
    const region = '320826';
    const user = await makeEnterprise(env, { regionCode: region });
    const unit = await makeUnit(env, { regionCode: region, userUscc: user.uscc, category: '4000' });
    const inspectors: Actor[] = [];
    for (let i = 0; i < 2; i++) {
      const u = await env.makeUser({ roles: ['inspector'], regionCode: region });
      await env.services.inspectors.put(env.ctx, u.id, { certificateNo: `苏执特设链${Date.now()}${i}` });
      inspectors.push((await env.services.users.loadActor(u.id)) as Actor);
    }
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: region })).username);
    const pool = (await officer.post('/api/object-pools', { name: '起重机械', targetKind: 'equipment', filter: { category: '4000' } })).json();
    const plan = (await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 起重机械安全监督`, year: CURRENT_YEAR, itemId: await itemNamed('特种设备使用安全监督检查（设备）'), poolId: pool.id, quarters: [4], mode: 'all' })).json();
    const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    expect((await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: '链' })).statusCode).toBe(200);
    const [task] = (await officer.get(`/api/inspection-tasks?drawId=${draw.id}`)).json().items;
    expect(task).toMatchObject({ objectKey: unit.equipmentCode, enterpriseName: user.name });
    const inspector = inspectors.find((a) => task.inspectorIds.includes(a.userId))!;
    const today = todayInChina();

    // Submitted with two "no" answers: two hazards of the unit, source supervision, linked to the task.
    await env.services.tasks.submit({ actor: inspector }, task.id, {
      answers: { use_status: { value: true }, use_registration: { value: true }, periodic_inspection: { value: false }, emergency: { value: true }, operator_certificates: { value: false }, technical_records: { value: true } },
      inspectedOn: today,
    });
    let hazards = await hazardsOfTask(task.id);
    expect(hazards).toHaveLength(2);
    for (const h of hazards) expect(h).toMatchObject({ source: 'supervision', equipmentId: unit.id, userUscc: user.uscc, regionCode: region, foundOn: today, taskId: task.id, orderId: null, correctedOn: null });
    expect(hazards.map((h) => [h.description, h.level])).toEqual([
      ['使用超期未检或检验不合格的特种设备（特种设备使用安全监督检查（设备））', 'major'],
      ['特种设备作业人员未持证上岗或证书超期（特种设备使用安全监督检查（设备））', 'general'],
    ]);

    // The order: the hazards take its id and deadline.
    const detail = await env.services.rectification.issue({ actor: inspector }, task.id, { requirements: '立即停用超期未检设备并申报定期检验\n作业人员持证上岗', workingDays: 10 });
    const order = detail.rectificationOrders.at(-1)!;
    hazards = await hazardsOfTask(task.id);
    for (const h of hazards) expect(h).toMatchObject({ orderId: order.id, correctionDueOn: order.dueOn, correctedOn: null });

    // The user unit's account sees the task (object: the unit) and its order, and reports.
    const account = await accountOf(user.uscc);
    const mine = (await account.get('/api/inspection-tasks')).json();
    expect(mine.items.map((t: { id: string; objectKey: string }) => [t.id, t.objectKey])).toEqual([[task.id, unit.equipmentCode]]);
    expect((await account.get(`/api/rectification-orders/${order.id}/document`)).statusCode).toBe(200);
    const other = await accountOf((await makeEnterprise(env, { regionCode: region })).uscc);
    expect((await other.get(`/api/inspection-tasks/${task.id}`)).statusCode).toBe(404);
    const reported = await account.post(`/api/rectification-orders/${order.id}/report`, { reportText: '已申报定期检验，司机已取证', reportedOn: today });
    expect(reported.statusCode, reported.body).toBe(200);
    const seen = (await account.get(`/api/equipment-hazards?pageSize=50`)).json();
    expect(seen.items.filter((h: { taskId: string }) => h.taskId === task.id)).toHaveLength(2);

    // A passed re-check closes the hazards on the re-check date.
    await env.services.rectification.recheck({ actor: inspector }, order.id, { passed: true, note: '已整改', recheckedOn: today });
    hazards = await hazardsOfTask(task.id);
    for (const h of hazards) expect(h).toMatchObject({ correctedOn: today, correctedByKind: 'staff' });
    const admin = await env.login((await env.makeUser({ roles: ['admin'] })).username);
    const audit = (await admin.get(`/api/audit?target=${hazards[0]!.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['equipment_hazard.recorded', 'equipment_hazard.ordered', 'equipment_hazard.corrected']));
  });

  it('leaves the hazards open when the re-check fails, and records none for a check without findings', async () => {
    const region = '320826';
    const user = await makeEnterprise(env, { regionCode: region });
    const first = await makeUnit(env, { regionCode: region, userUscc: user.uscc, category: '9000' });
    const second = await makeUnit(env, { regionCode: region, userUscc: user.uscc, category: '9000' });
    const inspector = (await env.services.users.loadActor((await env.makeUser({ roles: ['inspector'], regionCode: region })).id)) as Actor;
    await env.services.inspectors.put(env.ctx, inspector.userId!, { certificateNo: `苏执索道${Date.now()}` });
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: region })).username);
    const pool = (await officer.post('/api/object-pools', { name: '客运索道', targetKind: 'equipment', filter: { category: '9000' } })).json();
    const plan = (await officer.post('/api/inspection-plans', { name: `${CURRENT_YEAR} 客运索道`, year: CURRENT_YEAR, itemId: await itemNamed('特种设备使用安全监督检查（设备）'), poolId: pool.id, quarters: [4], mode: 'all' })).json();
    const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    await officer.post(`/api/draws/${draw.id}/reveal`, {});
    const tasks = (await officer.get(`/api/inspection-tasks?drawId=${draw.id}`)).json().items as { id: string; objectKey: string; inspectorIds: string[] }[];
    const today = todayInChina();
    const all = { use_status: { value: true }, use_registration: { value: true }, periodic_inspection: { value: true }, emergency: { value: true }, operator_certificates: { value: true }, technical_records: { value: true } };
    const actorOf = async (t: { inspectorIds: string[] }) => (await env.services.users.loadActor(t.inspectorIds.find((id) => id === inspector.userId) ?? t.inspectorIds[0]!)) as Actor;
    const clean = tasks.find((t) => t.objectKey === first.equipmentCode)!;
    await env.services.tasks.submit({ actor: await actorOf(clean) }, clean.id, { answers: all, inspectedOn: today });
    expect(await hazardsOfTask(clean.id)).toEqual([]);
    const found = tasks.find((t) => t.objectKey === second.equipmentCode)!;
    const who = await actorOf(found);
    await env.services.tasks.submit({ actor: who }, found.id, { answers: { ...all, emergency: { value: false } }, inspectedOn: today });
    const order = (await env.services.rectification.issue({ actor: who }, found.id, { requirements: '制定应急预案', workingDays: 5 })).rectificationOrders.at(-1)!;
    await env.services.rectification.report({ actor: who }, order.id, { reportText: '已制定', reportedOn: today });
    await env.services.rectification.recheck({ actor: who }, order.id, { passed: false, note: '未演练', recheckedOn: today });
    const [h] = await hazardsOfTask(found.id);
    expect(h).toMatchObject({ orderId: order.id, correctedOn: null, level: 'general' });
  });
});

describe('暗访通报', () => {
  it('the city notifies a county of its hazards (.docx), the county gets a to-do and reports each closed, the city sees open/closed/overdue', async () => {
    const today = todayInChina();
    const county = await env.services.jurisdiction.competentBureau('320826');
    expect(county.type).toBe('county_bureau');
    const city = await env.services.jurisdiction.competentBureau('320800');
    await env.db.update(orgs).set({ shortName: '淮市监' }).where(eq(orgs.id, city.id));
    const userA = await makeEnterprise(env, { regionCode: '320826', name: '涟水县明珠商厦有限公司' });
    const lift = await makeUnit(env, { regionCode: '320826', userUscc: userA.uscc, address: '涟水县安东路 1 号' });
    const userB = await makeEnterprise(env, { regionCode: '320826', name: '涟水县宏达锅炉房' });
    const elsewhere = await makeUnit(env, { regionCode: '320830' });
    const record = (input: Record<string, unknown>) =>
      env.services.equipment.hazards.create(env.ctx, { source: 'supervision', foundOn: today, level: 'general', correctionDueOn: today, description: '隐患', ...input } as Parameters<typeof env.services.equipment.hazards.create>[1]);
    const h1 = await record({ equipmentId: lift.id, description: '电梯轿厢内未张贴使用标志', level: 'general' });
    const h2 = await record({ userUscc: userB.uscc, description: '锅炉房无水处理化验记录', level: 'major' });
    const h3 = await record({ equipmentId: elsewhere.id, description: '盱眙的隐患' });
    const self = await record({ equipmentId: lift.id, source: 'self_inspection', description: '自查的隐患' });

    const cityOfficer = await env.login((await env.makeUser({ roles: ['city_officer'], regionCode: '320800' })).username);
    const lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);
    const replyDueOn = `${Number(today.slice(0, 4)) + 1}-01-15`;
    const body = { toOrgId: county.id, hazardIds: [h1.id, h2.id], replyDueOn, summary: '本次暗访共检查使用单位 12 家。' };

    expect((await lianshui.post('/api/equipment-notices', body)).statusCode).toBe(403);
    const wrong = async (hazardIds: string[], code: string) => {
      const res = await cityOfficer.post('/api/equipment-notices', { ...body, hazardIds });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
    };
    await wrong([h1.id, h3.id], 'HAZARD_NOT_IN_COUNTY');
    await wrong([h1.id, self.id], 'HAZARD_NOT_SUPERVISION');
    expect((await cityOfficer.post('/api/equipment-notices', { ...body, toOrgId: city.id })).statusCode).toBe(400);

    const res = await cityOfficer.post('/api/equipment-notices', body);
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice).toMatchObject({ toOrgId: county.id, toOrgName: county.name, replyDueOn, hazards: [{}, {}], open: 2, closed: 0, overdue: 0 });
    expect(notice.documentNo).toMatch(new RegExp(`^淮市监特设通〔${today.slice(0, 4)}〕\\d+号$`));
    expect((await cityOfficer.post('/api/equipment-notices', { ...body, hazardIds: [h1.id] })).statusCode).toBe(409);

    // The .docx: addressed to the county, each hazard with its user unit, the reply date.
    const doc = await cityOfficer.get(`/api/equipment-notices/${notice.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const text = await paragraphs(doc.rawPayload);
    expect(text).toContain('特种设备安全暗访检查情况通报');
    expect(text).toContain(notice.documentNo);
    expect(text).toContain(`${county.name}：`);
    expect(text.some((p) => p.includes('涟水县明珠商厦有限公司') && p.includes(lift.equipmentCode) && p.includes('电梯轿厢内未张贴使用标志') && p.includes('一般隐患'))).toBe(true);
    expect(text.some((p) => p.includes('涟水县宏达锅炉房') && p.includes('锅炉房无水处理化验记录') && p.includes('重大隐患'))).toBe(true);
    const [y, m, d] = replyDueOn.split('-').map(Number);
    expect(text.some((p) => p.includes(`${y}年${m}月${d}日前`) && p.includes('整改闭环情况'))).toBe(true);
    expect(text).toContain('本次暗访共检查使用单位 12 家。');
    expect(text.join('\n')).not.toContain('盱眙的隐患');

    // The county sees it and has a to-do due on the reply date; another county does not.
    expect((await lianshui.get('/api/equipment-notices')).json().items.map((n: { id: string }) => n.id)).toContain(notice.id);
    expect((await xuyi.get('/api/equipment-notices')).json().items.map((n: { id: string }) => n.id)).not.toContain(notice.id);
    expect((await xuyi.get(`/api/equipment-notices/${notice.id}`)).statusCode).toBe(404);
    expect((await xuyi.get(`/api/equipment-notices/${notice.id}/document`)).statusCode).toBe(404);
    expect((await xuyi.post(`/api/equipment-hazards/${h1.id}/county-close`, { closedOn: today })).statusCode).toBe(404);
    const todo = async (client: Client) => ((await client.get('/api/todos?pageSize=100')).json().items as { link: string; dueOn: string | null }[]).find((t) => t.link === `/equipment/notices/${notice.id}`);
    expect(await todo(lianshui)).toMatchObject({ dueOn: replyDueOn });
    expect(await todo(xuyi)).toBeUndefined();

    // The county reports the first hazard closed; the city sees one closed, one open; past the date, overdue.
    const closed = await lianshui.post(`/api/equipment-hazards/${h1.id}/county-close`, { closedOn: today, note: '已张贴' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ closed: 1, open: 1 });
    expect(closed.json().hazards.find((h: { id: string }) => h.id === h1.id)).toMatchObject({ status: 'closed', countyClosedOn: today, countyClosedNote: '已张贴', correctedOn: today });
    expect((await lianshui.post(`/api/equipment-hazards/${h1.id}/county-close`, { closedOn: today })).statusCode).toBe(409);
    expect((await lianshui.post(`/api/equipment-hazards/${self.id}/county-close`, { closedOn: today })).statusCode).toBe(404);
    await env.db.update(equipmentNotices).set({ replyDueOn: '2020-01-01' }).where(eq(equipmentNotices.id, notice.id));
    const listed = (await cityOfficer.get('/api/equipment-notices?pageSize=100')).json().items.find((n: { id: string }) => n.id === notice.id);
    expect(listed).toMatchObject({ hazards: 2, closed: 1, open: 1, overdue: 1 });
    expect(await todo(lianshui)).toBeDefined();
    await lianshui.post(`/api/equipment-hazards/${h2.id}/county-close`, { closedOn: today });
    expect((await cityOfficer.get(`/api/equipment-notices/${notice.id}`)).json()).toMatchObject({ closed: 2, open: 0, overdue: 0 });
    expect(await todo(lianshui)).toBeUndefined();
  });
});
