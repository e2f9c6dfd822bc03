import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { users } from '../../../platform/users/users.schema.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { docxText } from '../../licences/testing.js';
import { auditRecordOf, makeInspector, makeItem, publicRecordOf, CURRENT_YEAR } from '../testing.js';

const env = useTestEnv();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A multipart body with an optional caption field and one file. */
function photoUpload(name: string, content: Buffer, caption?: string) {
  const boundary = `----zj${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...(caption ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`)] : []),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Enterprises of a county in a fresh pool, a plan drawing all of them with two inspectors each, revealed. */
async function drawnTasks(n: number, inspectorCount: number, itemId?: string) {
  const tag = `抽查${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  for (let i = 0; i < n; i++) await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  const inspectors = [];
  for (let i = 0; i < inspectorCount; i++) inspectors.push(await makeInspector(env, '320826'));
  const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  const item = itemId ?? (await makeItem(env)).id;
  const pool = (await officer.post('/api/object-pools', { name: '集群企业', filter: { tag } })).json();
  const plan = (await officer.post('/api/inspection-plans', { name: '全部检查', year: CURRENT_YEAR, itemId: item, poolId: pool.id, quarters: [4], mode: 'all' })).json();
  const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
  await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: tag });
  const record = { ...(await publicRecordOf(env, draw.id)), planId: plan.id };
  const tasks = (await officer.get(`/api/inspection-tasks?drawId=${draw.id}&pageSize=100`)).json();
  return { officer, inspectors, item, record, tasks, tag, pool };
}

describe('inspection tasks API', () => {
  it('creates one task per drawn object with the drawn inspectors, and avoids last time’s inspectors next time', async () => {
    const first = await drawnTasks(3, 4);
    expect(first.tasks.total).toBe(3);
    for (const a of first.record.assignments!) {
      const task = first.tasks.items.find((t: { objectKey: string }) => t.objectKey === a.objectKey);
      expect(task).toMatchObject({ origin: 'draw', state: 'assigned', dueOn: `${CURRENT_YEAR}-12-31`, inspectorIds: a.selected });
    }
    // A plan is drawn once: no redraw after the reveal.
    const again = await first.officer.post(`/api/inspection-plans/${first.record.planId}/draws`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DRAW_REVEALED');
    // A second plan of the same item over the same pool: last time's two stay out while two others remain.
    const plan = (await first.officer.post('/api/inspection-plans', { name: '再次检查', year: CURRENT_YEAR, itemId: first.item, poolId: first.pool.id, quarters: [4], mode: 'all' })).json();
    const draw = (await first.officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    await first.officer.post(`/api/draws/${draw.id}/reveal`);
    const second = await publicRecordOf(env, draw.id);
    for (const a of second.assignments!) {
      const before = first.record.assignments!.find((x: { objectKey: string }) => x.objectKey === a.objectKey)!.selected;
      expect(a.excluded.filter((e: { rule: string }) => e.rule === 'last_time').map((e: { inspector: string }) => e.inspector).sort()).toEqual([...before].sort());
      expect(a.selected.some((id: string) => before.includes(id))).toBe(false);
    }
  });

  it('works a task over HTTP: photos, checklist, order document, and the public result', async () => {
    const { officer, tasks } = await drawnTasks(1, 2);
    const task = tasks.items[0];
    const [assigned] = await env.db.select({ username: users.username }).from(users).where(eq(users.id, task.inspectorIds[0]));
    const me = await env.login(assigned!.username);
    const mine = (await me.get('/api/inspection-tasks?mine=true')).json();
    expect(mine.items.map((t: { id: string }) => t.id)).toContain(task.id);

    const upload = photoUpload('现场.png', PNG, '仓库');
    const photo = await env.app.inject({ method: 'POST', url: `/api/inspection-tasks/${task.id}/photos`, payload: upload.body, headers: { ...upload.headers, 'x-csrf-token': me.csrfToken! }, cookies: { zj_session: me.cookie! } });
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ fileName: '现场.png', contentType: 'image/png', caption: '仓库' });
    const bad = photoUpload('scan.pdf', Buffer.from('%PDF-1.7\n'));
    const refused = await env.app.inject({ method: 'POST', url: `/api/inspection-tasks/${task.id}/photos`, payload: bad.body, headers: { ...bad.headers, 'x-csrf-token': me.csrfToken! }, cookies: { zj_session: me.cookie! } });
    expect(refused.json().error.code).toBe('ATTACHMENT_TYPE');
    const image = await officer.get(`/api/inspection-tasks/${task.id}/photos/${photo.json().id}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    // A photo taken by mistake is deleted, and leaves the answer that showed it.
    const extra = photoUpload('误拍.png', PNG);
    const mistaken = (await env.app.inject({ method: 'POST', url: `/api/inspection-tasks/${task.id}/photos`, payload: extra.body, headers: { ...extra.headers, 'x-csrf-token': me.csrfToken! }, cookies: { zj_session: me.cookie! } })).json();
    await me.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { site_photo: { value: [photo.json().id, mistaken.id] } } });
    expect((await me.delete(`/api/inspection-tasks/${task.id}/photos/${mistaken.id}`)).statusCode).toBe(204);
    const afterDelete = (await me.get(`/api/inspection-tasks/${task.id}`)).json();
    expect(afterDelete.photos.map((p: { id: string }) => p.id)).toEqual([photo.json().id]);
    expect(afterDelete.answers.site_photo.value).toEqual([photo.json().id]);

    // A draft keeps unanswered questions unanswered: null is neither "No" nor 0.
    const draft = await me.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { licence_valid: { value: null }, staff: { value: null }, remarks: { value: null } } });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().answers).toMatchObject({ licence_valid: { value: null }, staff: { value: null }, remarks: { value: null } });
    // A JSON answer is taken as sent: the text "12" is not a number.
    expect((await me.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { staff: { value: '12' } } })).json().error.code).toBe('ANSWER_INVALID');

    const submitted = await me.post(`/api/inspection-tasks/${task.id}/submit`, {
      answers: { licence_valid: { value: false }, records_kept: { value: true }, site_photo: { value: [photo.json().id] } },
      inspectedOn: todayInChina(),
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().findings).toEqual([{ questionKey: 'licence_valid', text: '无有效许可证', severity: 'major' }]);
    expect((await me.delete(`/api/inspection-tasks/${task.id}/photos/${photo.json().id}`)).json().error.code).toBe('TASK_STATE');
    const ordered = await me.post(`/api/inspection-tasks/${task.id}/rectification-orders`, { requirements: '立即停止生产，依法申领许可证', workingDays: 20 });
    expect(ordered.statusCode).toBe(201);
    const order = ordered.json().rectificationOrders[0];
    const doc = await officer.get(`/api/rectification-orders/${order.id}/document`);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('责令整改通知书');
    expect(text).toContain('无有效许可证');
    expect(text).toContain(order.documentNo);

    expect((await officer.post(`/api/rectification-orders/${order.id}/report`, { reportText: '已申领许可证', reportedOn: todayInChina() })).statusCode).toBe(200);
    expect((await me.post(`/api/rectification-orders/${order.id}/recheck`, { passed: true, note: '已取得许可证', recheckedOn: todayInChina() })).statusCode).toBe(200);
    expect((await me.post(`/api/inspection-tasks/${task.id}/complete`, { resultCategory: '发现问题已责令整改' })).json().state).toBe('completed');
    expect((await me.post('/api/inspection-tasks/publish', { ids: [task.id] })).statusCode).toBe(403);
    expect((await officer.post('/api/inspection-tasks/publish', { ids: [task.id] })).json()).toEqual({ published: 1 });

    const anyone = env.client({});
    const results = (await anyone.get(`/api/public/inspection-results?uscc=${task.objectKey}&year=${todayInChina().slice(0, 4)}`)).json();
    expect(results.items).toEqual([expect.objectContaining({ id: task.id, uscc: task.objectKey, result: '发现问题已责令整改', drawId: expect.any(String) })]);
    expect(JSON.stringify(results)).not.toContain('无有效许可证');
  });

  it('denies other counties and unprivileged roles', async () => {
    const { tasks, item } = await drawnTasks(1, 2);
    const task = tasks.items[0];
    const elsewhere = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320803' })).username);
    expect((await elsewhere.get(`/api/inspection-tasks/${task.id}`)).statusCode).toBe(404);
    expect((await elsewhere.post('/api/inspection-tasks/publish', { ids: [task.id] })).statusCode).toBe(404);
    const inspector = await env.login((await makeInspector(env, '320826')).user.username);
    expect((await inspector.post('/api/inspection-tasks', { itemId: item, uscc: task.objectKey, origin: 'targeted', originNote: 'x', inspectorIds: task.inspectorIds })).statusCode).toBe(403);
    expect((await inspector.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { licence_valid: { value: true } } })).json().error.code).toBe('NOT_ASSIGNED');
    // An enterprise's account sees its own tasks only once completed or under an order (enterprise-tasks.api.test.ts): this one, just drawn, not at all.
    const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc: task.objectKey, username: `ent.${Date.now()}`, displayName: '企业' });
    const first = await env.login(user.username, initialPassword);
    await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Qiye#Zhanghao2026' });
    const enterpriseUser = await env.login(user.username, 'Qiye#Zhanghao2026');
    expect((await enterpriseUser.get('/api/inspection-tasks')).json()).toMatchObject({ items: [], total: 0 });
    expect((await enterpriseUser.get(`/api/inspection-tasks/${task.id}`)).statusCode).toBe(404);
    expect((await enterpriseUser.post('/api/inspection-tasks/publish', { ids: [task.id] })).statusCode).toBe(403);
  });

  it('builds the metrology plans from templates: every holder yearly, 10 % of last year’s new certificates', async () => {
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const templates = (await officer.get('/api/inspection-plan-templates')).json();
    expect(templates.items.map((t: { key: string }) => t.key)).toEqual(['metrology_yearly', 'metrology_new_certificates']);
    const issued = async (issuedOn: string) => {
      const e = await makeEnterprise(env, { regionCode: '320826' });
      await env.services.licences.create(env.ctx, { uscc: e.uscc, type: 'metrology_standard', number: `JL-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, scope: '衡器', issuedOn, issuer: '淮安市市场监督管理局' });
      return e.uscc;
    };
    const lastYear = await issued('2025-06-01');
    await issued('2024-06-01');
    const item = await makeItem(env);
    const applied = await officer.post('/api/inspection-plan-templates/metrology_new_certificates/apply', { year: CURRENT_YEAR, itemId: item.id, licenceType: 'metrology_standard' });
    expect(applied.statusCode).toBe(201);
    const { pool, plan } = applied.json();
    expect(pool.filter).toEqual({ licenceType: 'metrology_standard', licenceIssuedYear: 2025 });
    expect(plan).toMatchObject({ mode: 'ratio', ratios: { A: 10, B: 10, C: 10, D: 10 }, quarters: [1, 2, 3, 4] });
    const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
    expect((await auditRecordOf(env, draw.id)).strata.flatMap((s) => s.keys!)).toContain(lastYear);
    const twice = await officer.post('/api/inspection-plan-templates/metrology_new_certificates/apply', { year: CURRENT_YEAR, itemId: item.id, licenceType: 'metrology_standard' });
    expect(twice.json().error).toMatchObject({ code: 'DUPLICATE', details: { planId: plan.id } });
    const yearly = (await officer.post('/api/inspection-plan-templates/metrology_yearly/apply', { year: CURRENT_YEAR, itemId: item.id, licenceType: 'metrology_standard' })).json();
    expect(yearly.plan.mode).toBe('all');
    expect(yearly.pool.size).toBeGreaterThanOrEqual(2);
    expect((await officer.post('/api/inspection-plan-templates/metrology_yearly/apply', { year: CURRENT_YEAR, itemId: item.id, licenceType: 'industrial_product' })).statusCode).toBe(400);
    const yearAlone = await officer.post('/api/object-pools', { name: '无类型', filter: { licenceIssuedYear: 2025 } });
    expect(yearAlone.json().error.details.field).toBe('filter.licenceIssuedYear');
  });
});
